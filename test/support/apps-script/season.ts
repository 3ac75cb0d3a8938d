// A whole pilot season played against the real bundle on the emulator, as the people around it would: the admin
// installs from the menu; each establishment fills its initialisation form, then its weekly form from the links of
// the Établissements tab — on time, late, twice, not at all, sometimes with a refused value; Google fires (or
// fails to fire) the triggers; ARS and ANS officers edit their columns; the ARS adds an establishment and the admin
// re-installs. It keeps the book of what should have been stored, for the assertions of season.test.ts.
import { counterColumns } from '../../../src/domain/columns';
import { addWeeks, dateInWeek, describeWeek, type IsoWeek } from '../../../src/domain/iso-week';
import { fromParis } from '../../../src/domain/paris-time';
import { REGISTRY_COLUMNS } from '../../../src/domain/workbook/registry-sheet';
import { columnLetters } from '../../../src/apps-script/cells';
import { loadBundle, type GasBundle } from '../gas/bundle';
import { buildBundle } from '../gas/build-bundle';
import { createGasEnvironment, type Delivery, type GasEnvironment } from '../gas/environment';
import type { FormData } from '../gas/form-app';
import { defaultProject, seededEstablishments } from '../project';

export const ADMIN = 'admin@ars-idf.fr';
export const ARS = 'binome.ars@ars-idf.fr';
export const ANS = 'ans-monespacesante@esante.gouv.fr';
export const DOMAIN = 'ars-idf.fr';
export const NEW_ES = { id: 'ch-argenteuil', name: "CH VICTOR DUPOUY D'ARGENTEUIL" };

const project = defaultProject();
const counters = counterColumns(project.tracking);
export const FIRST_WEEK: IsoWeek = '2022-W19';
/** What a referent typed that a spreadsheet would run as a formula. */
export const FORMULA_TEXT = '=HYPERLINK("http://exemple.fr";"cliquez ici")';
export const WEEKS = 21;

export function referent(establishmentId: string): string {
  return `referent@${establishmentId}.fr`;
}

/** A Paris wall-clock instant as an ISO string. */
export function paris(date: string, hour: number, minute = 0): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return fromParis(y, m, d, hour, minute).toISOString();
}

/** Builds the bundle of the season's configuration: the repository's data files, an ARS officer's e-mail. */
export function buildSeasonBundle(): string {
  return buildBundle((config) => {
    config.roles = { ars: [ARS], ans: [ANS] };
    config.reminders.replyTo = ARS;
  });
}

export interface Row {
  index: number;
  establishmentId: string;
  useCaseId: string;
  name: string;
  key: string;
  /** The use case's position among its establishment's, and how many it has. */
  position: number;
  siblings: number;
}

/** What the season expects for one row and week: the current version and its counters. */
export interface Expected {
  version: number;
  counters: Record<string, number>;
  /** When the week's first version was submitted (decides received / late). */
  firstAt: string;
}

export class Season {
  env!: GasEnvironment;
  bundle!: GasBundle;
  readonly rows: Row[] = [];
  readonly expected = new Map<string, Map<IsoWeek, Expected>>();
  /** Notable moments, for assertions: what was in Historique then. */
  readonly notes: Record<string, unknown> = {};
  maxTriggers = 0;
  refusedByTheFormPage = 0;

  constructor(readonly bundleFile: string) {}

  at(iso: string): void {
    this.env.runtime.setNow(iso);
  }

  run(entry: string, as = ADMIN): unknown {
    const outcome = this.bundle.run(entry, [], { ui: true, as });
    this.maxTriggers = Math.max(this.maxTriggers, this.env.triggers.triggers.length);
    return outcome;
  }

  weeklyTick(): void {
    this.env.runWeeklyTriggers();
    this.env.runDueClockTriggers();
    this.maxTriggers = Math.max(this.maxTriggers, this.env.triggers.triggers.length);
  }

  /** A registry column (1-based) by key. */
  registryColumn(key: string): number {
    return REGISTRY_COLUMNS.findIndex((c) => c.key === key) + 1;
  }

  /** The registry's cell for an establishment's first row. */
  registryCell(establishmentId: string, key: string): string {
    const sheet = this.env.container.sheet('Établissements')!;
    for (let r = 2; r <= sheet.lastRow(); r += 1)
      if (sheet.cell(r, 1)?.value === establishmentId)
        return String(sheet.cell(r, this.registryColumn(key))?.value ?? '');
    throw new Error(`${establishmentId} is not in the registry`);
  }

  /** The form an establishment reaches through a link of the registry. */
  formOf(establishmentId: string, link: 'weekly_link' | 'initialisation_link'): FormData {
    return this.env.forms.byUrl(this.registryCell(establishmentId, link));
  }

  counters(row: Row, week: number, bump = 0): Record<string, number> {
    const base = (row.index + 1) * (week + 1);
    const factors = [10, 2, 5, 1, 8, 12];
    return Object.fromEntries(
      counters.map((c, i) => [c.id, base * (factors[i] ?? 1) + (c.id === 'visits' ? bump : 0)]),
    );
  }

  weeklyAnswers(
    form: FormData,
    row: Row,
    week: IsoWeek,
    values: Record<string, number>,
    reportDate: string,
    extra: Record<string, string> = {},
  ) {
    const answers: Record<string, string> = {
      Semaine: describeWeek(week),
      'Date actualisation du suivi': reportDate,
      "Suivi de l'expérimentation Messagerie": `Semaine ${week} : envoi des convocations par la messagerie.`,
      ...extra,
    };
    for (const c of counters) answers[c.label] = String(values[c.id]);
    if (row.siblings > 1) {
      const item = form.items.find((i) => i.title === "Cas d'usage déclaré");
      answers["Cas d'usage déclaré"] = item?.choices[row.position] ?? '';
    }
    return answers;
  }

  /** Submits a weekly report the way an ES does, and books it as accepted unless told otherwise. */
  report(
    row: Row,
    weekIndex: number,
    at: string,
    options: {
      bump?: number;
      extra?: Record<string, string>;
      deliver?: boolean;
      enforce?: boolean;
      values?: Record<string, number>;
      accepted?: boolean;
    } = {},
  ): Delivery {
    this.at(at);
    const week = addWeeks(FIRST_WEEK, weekIndex);
    const form = this.formOf(row.establishmentId, 'weekly_link');
    const values = options.values ?? this.counters(row, weekIndex, options.bump ?? 0);
    const reportDate = new Date(at).toISOString().slice(0, 10);
    const delivery = this.env.submitForm(
      form.id,
      this.weeklyAnswers(form, row, week, values, reportDate, options.extra),
      { deliver: options.deliver, enforce: options.enforce },
    );
    if (options.accepted !== false) {
      const weeks = this.expected.get(row.key) ?? new Map<IsoWeek, Expected>();
      const before = weeks.get(week);
      weeks.set(week, {
        version: (before?.version ?? 0) + 1,
        counters: values,
        firstAt: before?.firstAt ?? at,
      });
      this.expected.set(row.key, weeks);
    }
    this.maxTriggers = Math.max(this.maxTriggers, this.env.triggers.triggers.length);
    return delivery;
  }

  /** Every establishment fills its initialisation form from the registry's link (prefilled with its pathway). */
  initialise(establishmentId: string, at: string, overrides: Record<string, string> = {}): Delivery {
    this.at(at);
    const form = this.formOf(establishmentId, 'initialisation_link');
    const prefilled = this.env.forms.prefilledAnswers(
      this.registryCell(establishmentId, 'initialisation_link'),
    );
    const title = (start: string) => form.items.find((i) => i.title.startsWith(start))?.title ?? start;
    const answers: Record<string, string | string[]> = {
      ...prefilled,
      'Type de prise en charge (activité)': ['MCO', 'Chirurgie'],
      'Nb de lits': '250',
      [title('Contact référent ES (nom, prénom, adresse mail, fonction, numéro de téléphone) — Nom (1)')]:
        'Martin',
      [title('Contact référent ES (nom, prénom, adresse mail, fonction, numéro de téléphone) — Prénom (1)')]:
        'Anne',
      [title(
        'Contact référent ES (nom, prénom, adresse mail, fonction, numéro de téléphone) — Adresse mail (1)',
      )]: referent(establishmentId),
      [title(
        'Contact référent ES (nom, prénom, adresse mail, fonction, numéro de téléphone) — Fonction (1)',
      )]: 'Cadre de santé',
      [title(
        'Contact référent ES (nom, prénom, adresse mail, fonction, numéro de téléphone) — Numéro de téléphone (1)',
      )]: '01 23 45 67 89',
      [title('Nom Opérateur et éditeur (GAM, DPI, MSS, version DMP) — GAM')]: 'Dedalus, Orbis',
      [title('Nom Opérateur et éditeur (GAM, DPI, MSS, version DMP) — DPI')]: 'Dedalus, Orbis 8.4',
      'Statut INS': 'En cours de déploiement',
      'Statut DMP': 'Alimentation DMP active',
    };
    for (const item of form.items)
      if (
        item.kind === 'TEXT' &&
        /^(Parcours \/ Services|Cas d'usages)/.test(item.title) &&
        !answers[item.title]
      )
        answers[item.title] = item.title.startsWith('Parcours')
          ? `Parcours ${item.title.match(/\(\d\)$/)?.[0] ?? ''} confirmé par ${establishmentId}`
          : this.useCaseAnswer(establishmentId, item.title);
    return this.env.submitForm(form.id, { ...answers, ...overrides });
  }

  /** An officer types in a Suivi cell of a row. */
  editSuivi(user: string, row: Row, columnId: string, typed: string): void {
    const col = project.tracking.columns.findIndex((c) => c.id === columnId) + 1;
    const sheetRow = this.suiviRow(row.key);
    this.env.edit(user, this.env.container.id, 'Suivi', `${columnLetters(col)}${sheetRow}`, typed);
  }

  suiviRow(key: string): number {
    const sheet = this.env.container.sheet('Suivi')!;
    const keyCol = project.tracking.columns.length + 1;
    for (let r = 3; r <= sheet.lastRow(); r += 1) if (sheet.cell(r, keyCol)?.value === key) return r;
    throw new Error(`No Suivi row for ${key}`);
  }

  historyCount(): number {
    return Math.max(0, this.env.container.sheet('Historique')!.lastRow() - 1);
  }

  /** What an establishment answers to a use-case question its initialisation form leaves empty. */
  useCaseAnswer = (establishmentId: string, title: string): string =>
    `Cas d'usage ${title.match(/\(\d\)$/)?.[0] ?? ''} confirmé par ${establishmentId}`;

  /** Extra answers of a row's weekly report (a test's own texts), merged into the season's. */
  extraAnswers: (row: Row, weekIndex: number) => Record<string, string> = () => ({});

  /**
   * Plays the season (see the file header): `weeks` weeks from the first, and `onMonday(i)` called each Monday
   * after the weekly tick (before that week's reports).
   */
  play(options: { weeks?: number; onMonday?: (weekIndex: number) => void } = {}): void {
    const weeks = options.weeks ?? WEEKS;
    this.env = createGasEnvironment({
      now: paris('2022-05-12', 10),
      owner: ADMIN,
      workspaceDomain: DOMAIN,
      mailQuota: 1500,
    });
    this.env.createContainer('Suivi des pilotes MES');
    this.bundle = loadBundle(this.env, this.bundleFile);
    for (const e of seededEstablishments(project))
      e.useCases.forEach((u, position) =>
        this.rows.push({
          index: this.rows.length,
          establishmentId: e.id,
          useCaseId: u.id,
          name: String(e.values.establishment),
          key: `${e.id}/${u.id}`,
          position,
          siblings: e.useCases.length,
        }),
      );

    this.run('onOpen');
    this.notes.install = this.run('install');
    // A run that stops at its time budget leaves a continuation a minute later, which Google would fire.
    this.notes.installRuns = 1;
    while (this.env.triggers.triggers.some((t) => t.handler === 'resumeInstall' && !t.fired)) {
      if ((this.notes.installRuns as number) >= 5) throw new Error('install did not finish in 5 runs');
      this.env.runtime.advance(60_000);
      this.env.runDueClockTriggers();
      this.maxTriggers = Math.max(this.maxTriggers, this.env.triggers.triggers.length);
      this.notes.installRuns = (this.notes.installRuns as number) + 1;
    }

    // Friday 13 May: every establishment fills its initialisation form; one puts a patient's NIR in its pathway.
    for (const e of seededEstablishments(project)) {
      const overrides: Record<string, string> =
        e.id === 'clinique-des-lilas'
          ? { 'Parcours / Services': 'Patient 1 85 05 78 006 084 36 orienté en SSR' }
          : {};
      this.initialise(e.id, paris('2022-05-13', 9), overrides);
    }
    this.notes.lilasRefusedProfile = this.env.mail.outbox.filter((m) =>
      m.to.includes(referent('clinique-des-lilas')),
    ).length;
    this.initialise('clinique-des-lilas', paris('2022-05-13', 10));

    for (let i = 0; i < weeks; i += 1) {
      const week = addWeeks(FIRST_WEEK, i);
      if (i > 0) {
        this.at(paris(dateInWeek(week, 1), 9));
        this.weeklyTick();
        options.onMonday?.(i);
      }
      this.playWeek(i, week);
    }
    if (weeks < WEEKS) return;
    // Monday after the pilot: the last reminders, for the last week.
    this.at(paris('2022-10-03', 9));
    this.weeklyTick();
  }

  private row(establishmentId: string, useCaseId = 'uc1'): Row {
    const row = this.rows.find((r) => r.establishmentId === establishmentId && r.useCaseId === useCaseId);
    if (!row) throw new Error(`No row ${establishmentId}/${useCaseId}`);
    return row;
  }

  /** Whether a row leaves week i unreported (the scenario's rule). */
  static missing(row: Row, i: number): boolean {
    return (row.index + i) % 11 === 5;
  }

  /** Whether a row reports week i after the deadline (on the Saturday). */
  static late(row: Row, i: number): boolean {
    return (row.index * 3 + i) % 7 === 2;
  }

  private playWeek(i: number, week: IsoWeek): void {
    // The install week: reports on the Friday, once the establishments have filled their initialisation form.
    const thursday = dateInWeek(week, i === 0 ? 5 : 4);
    const saturday = dateInWeek(week, 6);
    const special = new Set<string>();
    const actions: Array<[string, () => void]> = [];
    const at = (when: string, fn: () => void) => actions.push([when, fn]);

    if (i === 3) {
      // An ES types a counter below last week's: the Google Form itself refuses it.
      const row = this.row('cessrin-maisons-laffitte', 'uc2');
      at(paris(thursday, 11), () => {
        try {
          this.report(row, i, paris(thursday, 11), {
            values: { ...this.counters(row, i), dmp_fed: 1 },
            accepted: false,
          });
        } catch {
          this.refusedByTheFormPage += 1;
        }
      });
    }
    if (i === 4) {
      // Patient data in a comment: refused by the core, the referent is told why by e-mail.
      const row = this.row('gh-bichat');
      at(paris(thursday, 10), () => {
        this.notes.bichatHistoryBefore = this.historyCount();
        this.report(row, i, paris(thursday, 10), {
          extra: { 'Points de vigilance': 'Mme Dupont née le 12/03/1950 a refusé la messagerie' },
          accepted: false,
        });
        this.notes.bichatHistoryAfter = this.historyCount();
      });
    }
    if (i === 5) {
      // A page left open since last week bypasses the form's floor: the core refuses the decrease.
      const row = this.row('gh-avicenne');
      at(paris(thursday, 9), () =>
        this.report(row, i, paris(thursday, 9), {
          values: { ...this.counters(row, i), visits: 3 },
          enforce: false,
          accepted: false,
        }),
      );
    }
    if (i === 6) {
      // Google does not fire the trigger: the response waits in its tab until the weekly reconciliation.
      const row = this.row('gh-cochin');
      special.add(row.key);
      at(paris(thursday, 15), () => {
        const before = this.historyCount();
        this.report(row, i, paris(thursday, 15), { deliver: false });
        this.notes.droppedAdded = this.historyCount() - before;
      });
      at(paris(thursday, 16), () => this.playEdits(thursday));
    }
    if (i === 7) {
      // Google delivers the same response twice.
      const row = this.row('gh-henri-mondor');
      special.add(row.key);
      at(paris(thursday, 15), () => {
        const delivery = this.report(row, i, paris(thursday, 15));
        const before = this.historyCount();
        this.env.deliver(delivery.event);
        this.notes.duplicateAdded = this.historyCount() - before;
      });
    }
    if (i === 8) {
      // Another execution holds the lock too long: the response is left for the reconciliation.
      const row = this.row('hopital-san-salvadour');
      special.add(row.key);
      at(paris(thursday, 15), () => {
        this.env.lock.holdElsewhere();
        const before = this.historyCount();
        this.report(row, i, paris(thursday, 15));
        this.notes.lockTimeoutAdded = this.historyCount() - before;
        this.env.lock.releaseElsewhere();
        // Google fires the catch-up the response armed, five minutes later.
        this.at(paris(thursday, 15, 6));
        this.env.runDueClockTriggers();
      });
    }
    if (i === 12) at(paris(thursday, 18), () => this.addEstablishment(thursday));

    for (const row of [...this.rows]) {
      if (special.has(row.key) || Season.missing(row, i)) continue;
      const day = Season.late(row, i) ? saturday : thursday;
      const extra: Record<string, string> = {
        ...(row.establishmentId === 'gh-paul-doumer' && i === 9
          ? { 'Points de vigilance': FORMULA_TEXT }
          : {}),
        ...this.extraAnswers(row, i),
      };
      at(paris(day, 14), () => this.report(row, i, paris(day, 14), { extra }));
      if ((row.index + 2 * i) % 9 === 4)
        at(paris(day, 17), () => this.report(row, i, paris(day, 17), { bump: 1 }));
    }
    actions.sort((a, b) => a[0].localeCompare(b[0]));
    for (const [, fn] of actions) fn();
  }

  private playEdits(thursday: string): void {
    const cochin = this.row('gh-cochin');
    this.at(paris(thursday, 16));
    this.editSuivi(ARS, cochin, 'actions', 'Relancer le DSI sur la MAJ Ségur');
    this.at(paris(thursday, 16, 30));
    this.editSuivi(ARS, cochin, 'actions', 'Point avec le DSI le 20/06');
    this.editSuivi(ANS, cochin, 'remarks', 'Vu en comité national');
    try {
      this.editSuivi(ANS, cochin, 'actions', "L'ANS écrit chez l'ARS");
    } catch (error) {
      this.notes.ansBlocked = (error as Error).message;
    }
    try {
      this.editSuivi(referent('gh-cochin'), cochin, 'visits', '999');
    } catch (error) {
      this.notes.esBlocked = (error as Error).message;
    }
    // The owner may edit anything: an ES column changed by hand is recorded and flagged.
    this.editSuivi(ADMIN, this.row('clinique-du-parc'), 'visits', '999');
    // Patient data in the ARS column: refused and put back.
    this.editSuivi(ARS, this.row('gh-bichat'), 'actions', 'Appeler M. Durand né le 01/02/1960');
  }

  private addEstablishment(thursday: string): void {
    this.at(paris(thursday, 18));
    const sheet = this.env.container.sheet('Établissements')!;
    const row = sheet.lastRow() + 1;
    const values: Record<string, string> = {
      id: NEW_ES.id,
      use_case_id: 'uc1',
      establishment: NEW_ES.name,
      department: '95',
      group: 'Aucun',
      federation: 'FHF',
      es_type: 'public',
      pathway: 'Urgences',
      use_case: 'Envoi du compte rendu de passage',
      pathway_status: 'confirmé',
    };
    for (const [key, value] of Object.entries(values))
      this.env.edit(
        ARS,
        this.env.container.id,
        'Établissements',
        `${columnLetters(this.registryColumn(key))}${row}`,
        value,
      );
    this.notes.formsBeforeReinstall = this.env.drive.list('form').length;
    this.notes.protectionsBeforeReinstall = this.env.container.protections.filter((p) => !p.removed).length;
    this.notes.reinstall = this.run('install');
    this.rows.push({
      index: this.rows.length,
      establishmentId: NEW_ES.id,
      useCaseId: 'uc1',
      name: NEW_ES.name,
      key: `${NEW_ES.id}/uc1`,
      position: 0,
      siblings: 1,
    });
    this.initialise(NEW_ES.id, paris(thursday, 19));
  }
}
