// One short season played through either Google runtime, or both on one workbook: the same weekly responses (on
// time, a resubmission, a counter that decreases, text a spreadsheet would run as a formula) and an ARS action typed
// in Suivi, played through `suivi-mes google install` + `sync` (the REST side) or through the real Apps Script
// bundle (dist/apps-script/Code.js, built by `npm test`) on the emulator (the Apps Script side), both on ONE fake
// Google when a test shares the GasEnvironment between them. `tables` reads Suivi and Historique the way a person
// does (dates as dates, whatever each runtime writes underneath), leaving out the two Historique columns that are
// each form's own: the submission id (a Forms API response id, or a response tab's row) and the author.
import { install } from '../../../src/google-api/install';
import { readBinomesFile } from '../../../src/local/accompaniment-data';
import { DEFAULT_CONFIG } from '../../../src/node/project-files';
import type { SyncResult } from '../../../src/google-api/sync';
import { isoDateFromSerial } from '../../../src/google/cell-values';
import { parseRowRecord } from '../../../src/google/stored-json';
import { structureModel } from '../../../src/google-api/install';
import { counterColumns } from '../../../src/domain/columns';
import { dateInWeek, describeWeek, type IsoWeek } from '../../../src/domain/iso-week';
import { formatParisDateTime, parisDateString } from '../../../src/domain/paris-time';
import { HISTORY_META } from '../../../src/domain/workbook/history-sheet';
import type { ColumnFormat } from '../../../src/domain/workbook/sheet-model';
import { columnLetters, isDateValue } from '../../../src/apps-script/cells';
import { loadBundle, type GasBundle } from '../gas/bundle';
import type { GasEnvironment } from '../gas/environment';
import { defaultProject, seededEstablishments } from '../project';
import { paris } from '../apps-script/season';
import type { FakeWorkspace } from './fake-workspace';
import { oneGoogle as oneGoogleAccount, syncAt, testAdapters } from './google-mocks';
import { respond } from './respond';
import { storedForm } from './stored-forms';
import { suiviKey } from './suivi-key';

export const project = defaultProject();
const counters = counterColumns(project.tracking);
const model = structureModel(project, new Date(paris('2022-05-12', 10)));
const formats = (sheet: string) =>
  model.sheets.find((s) => s.name === sheet)?.columns.map((c) => c.format) ?? [];
export const WEEKS: IsoWeek[] = ['2022-W21', '2022-W22', '2022-W23', '2022-W24'];
/** When both sides start: the install. */
export const INSTALLED_AT = paris('2022-05-12', 10);
const ROWS = [
  ['clinique-du-parc', 'uc1'],
  ['gh-cochin', 'uc1'],
  ['cessrin-maisons-laffitte', 'uc1'],
  ['cessrin-maisons-laffitte', 'uc2'],
] as const;
/** The ARS action typed in Suivi on the Tuesday of the second week. */
export const ACTION = 'Relancer le DSI sur la MAJ Ségur ; =1+1 et $1';
const ACTION_WEEK: IsoWeek = '2022-W22';
const ACTION_ROW = 'gh-cochin/uc1';

export interface Submission {
  establishmentId: string;
  useCaseId: string;
  week: IsoWeek;
  at: string;
  counters: Record<string, number>;
  vigilance: string;
  /** A decreasing counter: the Apps Script form page would stop it, so the emulator lets it through to the core. */
  bypassFormCheck: boolean;
}

/** The inputs, in time order: every row every week, a resubmission, a decrease, formula-like text. */
export function season(): Submission[] {
  const out: Submission[] = [];
  WEEKS.forEach((week, w) =>
    ROWS.forEach(([establishmentId, useCaseId], r) => {
      const base = (r + 1) * (w + 1);
      const values = Object.fromEntries(counters.map((c, i) => [c.id, base * (i + 2)]));
      const decrease = establishmentId === 'cessrin-maisons-laffitte' && useCaseId === 'uc2' && w === 3;
      out.push({
        establishmentId,
        useCaseId,
        week,
        at: paris(dateInWeek(week, 4), 14, r),
        counters: decrease ? { ...values, dmp_fed: 1 } : values,
        vigilance: w === 1 && r === 0 ? '=HYPERLINK("http://exemple.fr";"ici") coûte 12 $' : '',
        bypassFormCheck: decrease,
      });
      if (establishmentId === 'gh-cochin' && w === 2)
        out.push({
          establishmentId,
          useCaseId,
          week,
          at: paris(dateInWeek(week, 4), 17),
          counters: { ...values, visits: values.visits! + 3 },
          vigilance: 'Correction du nombre de venues',
          bypassFormCheck: false,
        });
    }),
  );
  return out;
}

/** A cell as a person reads it, whatever the runtime wrote underneath (a Date, a serial number, text). */
function read(value: unknown, format: ColumnFormat | undefined): string | number {
  if (value === undefined || value === null || value === '') return '';
  if (isDateValue(value)) return format === 'datetime' ? formatParisDateTime(value) : parisDateString(value);
  if (typeof value === 'number' && format === 'date') return isoDateFromSerial(value);
  if (typeof value === 'number' && format === 'datetime') {
    const minutes = Math.round((value - Math.floor(value)) * 1440);
    const [y, m, d] = isoDateFromSerial(value).split('-');
    return `${d}/${m}/${y} ${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
  }
  return typeof value === 'number' ? value : String(value);
}

function historyColumnsCompared(): number[] {
  const width = model.sheets.find((s) => s.name === 'Historique')?.columns.length ?? 0;
  const meta = HISTORY_META.after.map((m) => m.key);
  const skipped = ['submission_id', 'author'].map((k) => width - meta.length + meta.indexOf(k));
  return Array.from({ length: width }, (_, i) => i).filter((i) => !skipped.includes(i));
}

export interface SeasonTables {
  rows: Map<string, Array<string | number>>;
  versions: Array<Array<string | number>>;
  records: Map<string, unknown>;
  /** Every submission id of every row's record: each response is known once. */
  submissions: string[];
  /** Synthèse as read, below its header. */
  synthesis: Array<Array<string | number>>;
  /** The Journal's lines about reports (type, target, summary), in order: what each response became. */
  reports: string[][];
}

/** Suivi rows by key, Historique rows sorted by key, week, version, Synthèse and the Journal, as a reader reads them. */
export function tables(
  suivi: unknown[][],
  history: unknown[][],
  synthesis: unknown[][],
  journal: unknown[][],
): SeasonTables {
  const suiviFormats = formats('Suivi');
  const keyAt = project.tracking.columns.length;
  const keyed = suivi.filter((r) => typeof r[keyAt] === 'string' && r[keyAt] !== '');
  const rows = new Map(keyed.map((r) => [String(r[keyAt]), suiviFormats.map((f, i) => read(r[i], f))]));
  const historyFormats = formats('Historique');
  const compared = historyColumnsCompared();
  const versions = history
    .map((r) => compared.map((i) => read(r[i], historyFormats[i])))
    .sort(
      (a, b) =>
        String(a.at(-1)).localeCompare(String(b.at(-1))) ||
        String(a[0]).localeCompare(String(b[0])) ||
        Number(a[1]) - Number(b[1]),
    );
  // Each row's record, as both runtimes keep it in Suivi's hidden record column (the shared layout).
  const parsed = keyed.map(
    (r) => [String(r[keyAt]), parseRowRecord(String(r[keyAt + 1]), String(r[keyAt]))] as const,
  );
  return {
    rows,
    versions,
    records: new Map(
      parsed.map(([key, record]) => [key, { ledger: record.ledger, annotations: record.annotations }]),
    ),
    submissions: parsed.flatMap(([, record]) => record.submissions),
    synthesis: synthesis.map((r) => formats('Synthèse').map((f, i) => read(r[i], f))),
    reports: journal
      .map((r) => [String(r[1] ?? ''), String(r[4] ?? ''), String(r[5] ?? '')])
      .filter((line) => (line[0] ?? '').startsWith('déclaration')),
  };
}

/** The account that installs, in both runtimes. */
export const OWNER = 'admin@ars.fr';

/** One Google: the emulator's model, with the REST façade the CLI calls over it (nock routes set). */
export const oneGoogle = () => oneGoogleAccount({ owner: OWNER, now: INSTALLED_AT });

/** The REST runtime on a fake Workspace: `suivi-mes google install`, then a sync at the end of each week. */
export class RestSide {
  spreadsheetId = '';
  constructor(readonly fake: FakeWorkspace) {}

  async install(): Promise<void> {
    const { adapters, google } = testAdapters();
    ({ spreadsheetId: this.spreadsheetId } = await install(adapters, google, {
      project,
      now: new Date(INSTALLED_AT),
      // The binômes file the bundle carries: both sides derive « Contact référent GRADeS et ARS » from it.
      binomes: readBinomesFile(project, DEFAULT_CONFIG),
    }));
  }

  /** The ARS officer types the action in Suivi (before the week's sync reads it). */
  typeAction(): void {
    const suivi = this.fake
      .spreadsheet(this.spreadsheetId)
      .sheets.find((s) => s.properties.title === 'Suivi')!;
    suivi.setCell(
      suivi.cells.findIndex((r) => suiviKey(r) === ACTION_ROW),
      project.tracking.columns.findIndex((c) => c.id === 'actions'),
      ACTION,
    );
  }

  /**
   * The establishment answers its form made through the Forms API, on the form's page: it can only pick a week the
   * form offers at that moment (the respondent's POST of the fake plays no page check, so it is checked here).
   */
  submit(s: Submission): string {
    const meta = storedForm(this.fake, this.spreadsheetId, s.establishmentId);
    const week = meta.api?.questions.week;
    const offered = this.fake
      .getForm(meta.id)
      .items?.find((i) => i.questionItem?.question?.questionId === week?.questionId)
      ?.questionItem?.question?.choiceQuestion?.options?.map((o) => o.value);
    if (!offered?.includes(describeWeek(s.week)))
      throw new Error(`The form of ${s.establishmentId} does not offer ${s.week}: ${String(offered)}`);
    return respond(
      this.fake,
      this.spreadsheetId,
      s.establishmentId,
      {
        week: s.week,
        ...(s.establishmentId === 'cessrin-maisons-laffitte' ? { use_case_id: s.useCaseId } : {}),
        report_date: new Date(s.at).toISOString().slice(0, 10),
        ...Object.fromEntries(Object.entries(s.counters).map(([k, v]) => [k, String(v)])),
        ...(s.vigilance === '' ? {} : { vigilance_points: s.vigilance }),
      },
      new Date(s.at).toISOString(),
    );
  }

  /** `suivi-mes google sync` at 9:00 on a day of `week` (5: Friday). */
  sync(week: IsoWeek, day = 5): Promise<SyncResult> {
    return syncAt(this.spreadsheetId, paris(dateInWeek(week, day), 9), project);
  }

  /**
   * One week: the scheduled sync on Monday (it offers the new week in the forms), the action typed in the second
   * week, every response, then the sync on Friday.
   */
  async playWeek(week: IsoWeek, inputs: readonly Submission[]): Promise<SyncResult> {
    await this.sync(week, 1);
    if (week === ACTION_WEEK) this.typeAction();
    for (const s of inputs.filter((x) => x.week === week)) this.submit(s);
    return this.sync(week);
  }

  tables(): SeasonTables {
    const values = (tab: string) => this.fake.values(this.spreadsheetId, tab);
    return tables(
      values('Suivi').slice(2),
      values('Historique').slice(1),
      values('Synthèse').slice(1),
      values('Journal').slice(1),
    );
  }
}

/** The Apps Script bundle on the emulator, bound to the workbook (`env.sheets.containerId`). */
export class AppsScriptSide {
  readonly bundle: GasBundle;
  private readonly names = new Map(seededEstablishments(project).map((e) => [e.id, e]));
  constructor(readonly env: GasEnvironment) {
    this.bundle = loadBundle(env);
  }

  /** The owner opens the workbook and clicks « Installer ». */
  install(): unknown {
    this.bundle.run('onOpen', [], { ui: true });
    return this.bundle.run('install', [], { ui: true });
  }

  /** The owner clicks « Générer le RETEX V1 », then Google fires its continuations a minute apart. */
  buildRetexV1(): void {
    this.bundle.run('buildRetexV1', [], { ui: true });
    while (this.env.triggers.triggers.some((t) => t.handler === 'resumeRetex' && !t.fired)) {
      this.env.runtime.advance(61_000);
      this.env.runDueClockTriggers();
    }
  }

  /** Monday 9:00 of `week`: the weekly trigger (forms brought to the week, reconciliation, reminders). */
  monday(week: IsoWeek): void {
    this.env.runtime.setNow(paris(dateInWeek(week, 1), 9));
    this.env.runWeeklyTriggers();
  }

  /** The ARS officer types the action in Suivi on Tuesday (the onEdit trigger records it). */
  typeAction(week: IsoWeek): void {
    this.env.runtime.setNow(paris(dateInWeek(week, 2), 11));
    const col = project.tracking.columns.findIndex((c) => c.id === 'actions') + 1;
    const suivi = this.env.container.sheet('Suivi')!;
    const keyCol = project.tracking.columns.length + 1;
    const row = Array.from({ length: suivi.lastRow() }, (_, i) => i + 1).find(
      (r) => suivi.cell(r, keyCol)?.value === ACTION_ROW,
    )!;
    this.env.edit(this.env.owner, this.env.container.id, 'Suivi', `${columnLetters(col)}${row}`, ACTION);
  }

  /** The establishment answers its form made by FormApp (linked to a responses tab: onFormSubmit ingests it). */
  submit(s: Submission): void {
    this.env.runtime.setNow(s.at);
    const e = this.names.get(s.establishmentId)!;
    const form = [...this.env.forms.byId.values()].find(
      (f) => f.title === `${project.forms.weekly.title} — ${String(e.values.establishment)}`,
    )!;
    const answers: Record<string, string> = {
      Semaine: describeWeek(s.week),
      'Date actualisation du suivi': new Date(s.at).toISOString().slice(0, 10),
      'Points de vigilance': s.vigilance,
    };
    if (s.vigilance === '') delete answers['Points de vigilance'];
    for (const c of counters) answers[c.label] = String(s.counters[c.id]);
    if (e.useCases.length > 1) {
      const position = e.useCases.findIndex((u) => u.id === s.useCaseId);
      answers["Cas d'usage déclaré"] =
        form.items.find((i) => i.title === "Cas d'usage déclaré")?.choices[position] ?? '';
    }
    this.env.submitForm(form.id, answers, { enforce: !s.bypassFormCheck });
  }

  /** One week on forms FormApp made: Monday's trigger, the action in the second week, every response. */
  playWeek(week: IsoWeek, inputs: readonly Submission[]): void {
    this.monday(week);
    if (week === ACTION_WEEK) this.typeAction(week);
    for (const s of inputs.filter((x) => x.week === week)) this.submit(s);
  }

  tables(): SeasonTables {
    const sheetRows = (name: string, from: number) => {
      const sheet = this.env.container.sheet(name)!;
      return Array.from({ length: Math.max(0, sheet.lastRow() - from + 1) }, (_, i) =>
        Array.from({ length: sheet.lastColumn() }, (_, c) => sheet.cell(from + i, c + 1)?.value),
      );
    };
    return tables(
      sheetRows('Suivi', 3),
      sheetRows('Historique', 2),
      sheetRows('Synthèse', 2),
      sheetRows('Journal', 2),
    );
  }
}
