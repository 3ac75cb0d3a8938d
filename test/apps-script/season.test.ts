// A whole pilot season for the 16 pilots on the real bundle (built with an ARS officer's e-mail in the
// configuration), called the way Google calls it: see season.ts for what happens, week by week.
import { COMPLETENESS_LABELS } from '../../src/domain/calendar';
import { counterColumns } from '../../src/domain/columns';
import { addWeeks, compareWeeks, describeWeek, type IsoWeek } from '../../src/domain/iso-week';
import { COMPLETENESS_COLORS } from '../../src/domain/workbook/synthesis-sheet';
import { fr, frSheetEdits } from '../../src/domain/messages';
import type { SheetData, SpreadsheetData } from '../support/gas/sheet-data';
import { displayValue } from '../support/gas/sheet-data';
import { defaultProject } from '../support/project';
import {
  ADMIN,
  ANS,
  ARS,
  buildSeasonBundle,
  FIRST_WEEK,
  FORMULA_TEXT,
  NEW_ES,
  referent,
  Season,
  WEEKS,
} from '../support/apps-script/season';
import { journal as pilotJournal } from '../support/apps-script/pilot';
import { frAppsScript } from '../../src/apps-script/messages';

const project = defaultProject();
const counters = counterColumns(project.tracking);
const column = (id: string) => project.tracking.columns.findIndex((c) => c.id === id) + 1;

const season = new Season(buildSeasonBundle());
beforeAll(() => season.play());

function text(ss: SpreadsheetData, sheet: SheetData, row: number, col: number): string {
  return displayValue(sheet.cell(row, col), sheet.format(row, col), ss.locale, ss.timeZone);
}

function sheet(name: string): SheetData {
  const found = season.env.container.sheet(name);
  if (!found) throw new Error(`no ${name}`);
  return found;
}

const journal = () => pilotJournal(season.env);

/** The latest reported week of each row, as the season booked it. */
function latest(key: string): { week: IsoWeek; counters: Record<string, number> } | undefined {
  const weeks = season.expected.get(key);
  if (!weeks) return undefined;
  const week = [...weeks.keys()].sort(compareWeeks).at(-1);
  return week ? { week, counters: weeks.get(week)!.counters } : undefined;
}

describe('install', () => {
  it('draws the workbook, two persistent forms per establishment, one responses spreadsheet and three triggers, in one run', () => {
    // The layout and protections go in Sheets API batches and the forms are copied together (UrlFetchApp.fetchAll):
    // the 16 establishments fit in one execution again, RETEX templates included (issue 12).
    expect(season.notes.installRuns).toBe(1);
    expect(journal().map((l) => l.summary)).toContain(frAppsScript.installDone(16, 32));
    expect(season.env.container.sheets.map((s) => s.name)).toEqual([
      'Suivi',
      'Légende',
      'Historique',
      'Synthèse',
      'Établissements',
      'Journal',
      'Modifications',
      'Textes RETEX',
      'RETEX (données)',
      // Drawn at the end of install, which has time left (accompaniment-setup.ts).
      'Binômes',
      'Points de suivi',
      'Actions de suivi',
      'Comités',
      'Accompagnement (données)',
    ]);
    // 2 forms × 16 establishments and one template per layout (weekly/initialisation × 1 or 2 use cases).
    expect(season.notes.formsBeforeReinstall).toBe(36);
    expect(season.env.drive.list('spreadsheet')).toHaveLength(2);
    expect(season.env.triggers.triggers.map((t) => `${t.handler}:${t.event}`).sort()).toEqual([
      'handleEdit:ON_EDIT',
      'handleFormSubmit:ON_FORM_SUBMIT',
      'weeklyTick:CLOCK',
    ]);
    // Three permanent (one onFormSubmit per responses spreadsheet: 16 establishments fit in one), plus a continuation
    // and its next-day backup, and a catch-up.
    expect(season.maxTriggers).toBeLessThanOrEqual(6);
  });

  it('adds the « Suivi MES » menu with every action', () => {
    const menu = season.env.sheets.menus.find((m) => m.caption === 'Suivi MES');
    expect(menu?.items.map((i) => i.functionName)).toEqual([
      'install',
      'refreshSummary',
      'weeklyTick',
      'sendReminders',
      'buildRetexV1',
      'buildRetexVF',
      'smokeGoogle',
      'prepareAccompaniment',
      'committeePack',
    ]);
  });

  it('adds an establishment typed in the registry on re-install, without duplicating a form, tab, trigger or protection', () => {
    expect(season.env.sheets.alerts).toContain(frAppsScript.installDone(17, 34));
    expect(season.env.drive.list('form')).toHaveLength((season.notes.formsBeforeReinstall as number) + 2);
    expect(season.env.container.protections.filter((p) => !p.removed)).toHaveLength(
      season.notes.protectionsBeforeReinstall as number,
    );
    const responses = season.env.drive.list('spreadsheet').find((f) => f.id !== season.env.container.id)!;
    expect(season.env.sheets.get(responses.id).sheets.filter((s) => s.formUrl !== null)).toHaveLength(34);
    expect(season.suiviRow(`${NEW_ES.id}/uc1`)).toBe(20);
    expect(latest(`${NEW_ES.id}/uc1`)?.week).toBe(addWeeks(FIRST_WEEK, WEEKS - 1));
  });
});

describe('registry links', () => {
  it('gives each establishment its initialisation form prefilled with what it declared', () => {
    const answers = season.env.forms.prefilledAnswers(
      season.registryCell('gh-cochin', 'initialisation_link'),
    );
    const email = Object.entries(answers).find(([title]) => title.includes('Adresse mail (1)'))?.[1];
    expect(email).toBe(referent('gh-cochin'));
    expect(answers['Type de prise en charge (activité)']).toEqual(['MCO', 'Chirurgie']);
  });

  it('gives each establishment a weekly link prefilled with the current week', () => {
    const answers = season.env.forms.prefilledAnswers(season.registryCell('gh-cochin', 'prefilled_link'));
    expect(answers.Semaine).toMatch(/^semaine 39 de 2022/);
  });
});

describe('protections', () => {
  const can = (user: string, sheetName: string, row: number, columnId: string | number) =>
    season.env.container.canEdit(
      user,
      sheet(sheetName),
      row,
      typeof columnId === 'number' ? columnId : column(columnId),
    );

  it('lets each role write its own Suivi columns only', () => {
    const row = season.suiviRow('gh-cochin/uc1');
    expect([
      can(ARS, 'Suivi', row, 'actions'),
      can(ARS, 'Suivi', row, 'group'),
      can(ARS, 'Suivi', row, 'remarks'),
    ]).toEqual([true, true, false]);
    expect([
      can(ANS, 'Suivi', row, 'remarks'),
      can(ANS, 'Suivi', row, 'actions'),
      can(ANS, 'Suivi', row, 'visits'),
    ]).toEqual([true, false, false]);
    expect(season.notes.ansBlocked).toContain('protégé');
  });

  it('keeps headers, Historique, Synthèse and Journal for the owner, and establishments out of the workbook', () => {
    expect(can(ARS, 'Suivi', 2, 'actions')).toBe(false);
    for (const name of ['Historique', 'Synthèse', 'Journal']) {
      expect(can(ARS, name, 5, 2)).toBe(false);
      expect(can(ADMIN, name, 5, 2)).toBe(true);
    }
    expect(season.notes.esBlocked).toContain(referent('gh-cochin'));
    expect(season.env.container.editors.has(referent('gh-cochin'))).toBe(false);
  });
});

describe('weekly reports', () => {
  it('keeps every accepted version in Historique, a resubmission as version 2, nothing for a refusal or a duplicate', () => {
    const expectedVersions = [...season.expected.values()].reduce(
      (n, weeks) => n + [...weeks.values()].reduce((m, e) => m + e.version, 0),
      0,
    );
    expect(season.historyCount()).toBe(expectedVersions);
    const h = sheet('Historique');
    const jsonCol = h.lastColumn();
    const versions = Array.from({ length: h.lastRow() - 1 }, (_, i) =>
      JSON.parse(String(h.cell(i + 2, jsonCol)?.value)),
    );
    for (const [key, weeks] of season.expected)
      for (const [week, e] of weeks) {
        const stored = versions.filter((v) => v.rowKey === key && v.week === week);
        expect(stored.map((v) => v.version)).toEqual(Array.from({ length: e.version }, (_, k) => k + 1));
        expect(stored.at(-1).values.visits).toBe(e.counters.visits);
      }
    expect(season.notes.bichatHistoryAfter).toBe(season.notes.bichatHistoryBefore);
    expect(season.notes.duplicateAdded).toBe(0);
    expect(journal().some((j) => j.kind === 'report.duplicate')).toBe(true);
  });

  it('shows each row’s latest report in its Suivi row (a hand edit of an ES cell is replaced by the next report)', () => {
    const suivi = sheet('Suivi');
    for (const row of season.rows) {
      const last = latest(row.key);
      const r = season.suiviRow(row.key);
      for (const c of counters)
        expect([row.key, c.id, suivi.cell(r, column(c.id))?.value]).toEqual([
          row.key,
          c.id,
          last?.counters[c.id],
        ]);
    }
  });

  it('never turns what a referent typed into a formula, in the workbook or in the responses', () => {
    for (const ss of season.env.sheets.byId.values())
      for (const s of ss.sheets)
        for (const line of s.cells) for (const cell of line ?? []) expect(cell?.formula).toBeUndefined();
    const history = sheet('Historique');
    const col =
      Array.from({ length: history.lastColumn() }, (_, j) => history.cell(1, j + 1)?.value).indexOf(
        'Points de vigilance',
      ) + 1;
    const texts = Array.from({ length: history.lastRow() }, (_, i) => history.cell(i + 1, col)?.value);
    expect(texts).toContain(FORMULA_TEXT);
  });

  it('refuses what the Google Form refuses before any script runs: a counter below last week’s', () => {
    expect(season.refusedByTheFormPage).toBe(1);
  });

  it('refuses patient data and a decreasing counter, and tells the referent why by e-mail', () => {
    const bichat = season.env.mail.outbox.find(
      (m) => m.to.includes(referent('gh-bichat')) && /non enregistrée/.test(m.subject),
    );
    expect(bichat?.body).toContain(
      '« Points de vigilance » : le texte semble associer une personne et une date de naissance',
    );
    expect(bichat?.body).toContain("Rien n'a été conservé");
    const avicenne = season.env.mail.outbox.find(
      (m) => m.to.includes(referent('gh-avicenne')) && /non enregistrée/.test(m.subject),
    );
    expect(avicenne?.body).toContain(
      '« Cumul Nb de venues » : 3 est inférieur à la valeur de la semaine précédente (960',
    );
    expect(avicenne?.replyTo).toBe(ARS);
  });

  it('refuses an initialisation form with patient data; the establishment has no referent to write to yet', () => {
    const refusal = journal().find((j) => j.kind === 'cell.refused' && j.target === 'clinique-des-lilas');
    expect(refusal?.summary).toContain(
      '« Parcours / Services » : le texte contient une suite de 13 à 15 chiffres',
    );
    expect(season.notes.lilasRefusedProfile).toBe(0);
    expect(
      journal().some((j) => j.summary === frAppsScript.refusalMailImpossible('CLINIQUE DES LILAS')),
    ).toBe(true);
  });
});

describe('reconciliation', () => {
  it('ingests at the next weekly run a response whose trigger Google never fired; one left by a lock timeout is caught up before', () => {
    expect(season.notes.droppedAdded).toBe(0);
    expect(season.notes.lockTimeoutAdded).toBe(0);
    expect(season.expected.get('gh-cochin/uc1')?.has('2022-W25')).toBe(true);
    // Only the dropped one waits for Monday: the one that missed the lock was noted and ingested by the catch-up
    // trigger it armed.
    expect(journal().filter((j) => j.summary === frAppsScript.reconciled(1))).toHaveLength(1);
    expect(season.env.logs.some((l) => l.includes(frAppsScript.lockBusyLeft))).toBe(true);
    expect([...season.env.properties.script.keys()].filter((k) => k.startsWith('pending.'))).toEqual([]);
  });

  it('counts a recovered report as received when it was submitted, not when it was recovered', () => {
    const { row, col } = gridCell('gh-cochin/uc1', '2022-W25');
    expect(text(season.env.container, sheet('Synthèse'), row, col)).toBe(COMPLETENESS_LABELS.received);
  });
});

describe('ARS and ANS edits', () => {
  it('records each edit with its author and the value it replaced, the ANS (outside the ARS domain) as unknown', () => {
    const m = sheet('Modifications');
    const lines = Array.from({ length: m.lastRow() - 1 }, (_, i) =>
      [2, 6, 7, 8].map((c) => String(m.cell(i + 2, c)?.value ?? '')),
    );
    expect(lines).toEqual(
      expect.arrayContaining([
        [ARS, 'Actions en cours ou à mener', '', 'Relancer le DSI sur la MAJ Ségur'],
        [
          ARS,
          'Actions en cours ou à mener',
          'Relancer le DSI sur la MAJ Ségur',
          'Point avec le DSI le 20/06',
        ],
        // Google hides the e-mail of an account outside the owner's Workspace domain: the protection that let the
        // edit through says the role.
        [frSheetEdits.unknownAuthor, 'Remarques', '', 'Vu en comité national'],
      ]),
    );
    const ansLine = Array.from({ length: m.lastRow() - 1 }, (_, i) => i + 2).find(
      (r) => m.cell(r, 8)?.value === 'Vu en comité national',
    );
    expect(m.cell(ansLine ?? 0, 3)?.value).toBe('ans');
    const r = season.suiviRow('gh-cochin/uc1');
    expect(sheet('Suivi').cell(r, column('actions'))?.value).toBe('Point avec le DSI le 20/06');
    expect(sheet('Suivi').cell(r, column('remarks'))?.value).toBe('Vu en comité national');
  });

  it('puts back an ES column the owner changed in the sheet, and journals the refusal and the putting back', () => {
    const target = 'clinique-du-parc/uc1 visits';
    const refused = journal().find((j) => j.kind === 'cell.refused' && j.target === target);
    expect(refused?.actor).toBe(ADMIN);
    expect(refused?.summary).toBe(fr.columnNotOwned('Cumul Nb de venues', project.tracking.owners.es.legend));
    const restored = journal().find((j) => j.kind === 'reconcile' && j.target === target);
    expect(restored?.summary).toContain('Modification directe de « Cumul Nb de venues »');
    expect(restored?.summary).toContain("ne changent que par son formulaire, ou par une correction de l'ARS");
    // The cell shows the declared value again (the report of that week), not the 999 typed by hand.
    expect(sheet('Suivi').cell(season.suiviRow('clinique-du-parc/uc1'), column('visits'))?.value).not.toBe(
      999,
    );
    const changes = sheet('Modifications');
    for (let r = 2; r <= changes.lastRow(); r += 1)
      expect(String(changes.cell(r, 8)?.value ?? '')).not.toBe('999');
  });

  it('finds, every Monday, no difference between Suivi and the records: only the two refused edits were put back', () => {
    expect(journal().filter((j) => j.summary.startsWith('Rapprochement'))).toEqual([]);
    const restored = journal().filter((j) => j.summary.startsWith('Modification directe'));
    expect(restored.map((j) => j.target).sort()).toEqual([
      'clinique-du-parc/uc1 visits',
      'gh-bichat/uc1 actions',
    ]);
  });

  it('puts back an ARS value the core refuses (patient data) and says why in the Journal', () => {
    expect(sheet('Suivi').cell(season.suiviRow('gh-bichat/uc1'), column('actions'))?.value ?? '').toBe('');
    expect(journal().some((j) => j.kind === 'cell.refused' && j.target === 'gh-bichat/uc1 actions')).toBe(
      true,
    );
  });
});

/** The Synthèse cell of a row × week in the completeness grid; rows are named as Suivi names them now. */
function gridCell(key: string, week: IsoWeek): { row: number; col: number } {
  const s = sheet('Synthèse');
  const ss = season.env.container;
  const row = season.rows.find((r) => r.key === key)!;
  const suivi = sheet('Suivi');
  const r0 = season.suiviRow(key);
  const useCase = String(suivi.cell(r0, column('use_case'))?.value ?? '');
  const title = row.siblings > 1 ? `${row.name} — ${useCase}` : row.name;
  let header = 0;
  for (let r = 1; r <= s.lastRow(); r += 1)
    if (text(ss, s, r, 1) === 'Complétude des déclarations hebdomadaires') header = r + 1;
  const col = Array.from({ length: s.lastColumn() }, (_, j) => text(ss, s, header, j + 1)).indexOf(week) + 1;
  for (let r = header + 1; r <= s.lastRow(); r += 1) if (text(ss, s, r, 1) === title) return { row: r, col };
  throw new Error(`no grid row for ${title}`);
}

describe('Synthèse', () => {
  it('totals the latest value of each counter over all rows', () => {
    const s = sheet('Synthèse');
    const ss = season.env.container;
    let r = 1;
    while (text(ss, s, r, 1) !== 'Totaux des indicateurs') r += 1;
    for (const c of counters) {
      while (text(ss, s, r, 1) !== c.label) r += 1;
      const expected = season.rows.reduce((sum, row) => sum + (latest(row.key)?.counters[c.id] ?? 0), 0);
      expect([c.id, s.cell(r, 2)?.value]).toEqual([c.id, expected]);
    }
  });

  it('colours each row × week by status: received, late, missing', () => {
    const s = sheet('Synthèse');
    const ss = season.env.container;
    const cases: Array<[string, number, keyof typeof COMPLETENESS_LABELS]> = [];
    for (const row of season.rows.slice(0, 17))
      for (let i = 0; i < WEEKS; i += 1) {
        if (
          ['gh-cochin/uc1', 'gh-henri-mondor/uc1', 'hopital-san-salvadour/uc1'].includes(row.key) &&
          i >= 6 &&
          i <= 8
        )
          continue;
        cases.push([
          row.key,
          i,
          Season.missing(row, i) ? 'missing' : Season.late(row, i) ? 'late' : 'received',
        ]);
      }
    expect(cases.filter((c) => c[2] === 'late').length).toBeGreaterThan(20);
    for (const [key, i, status] of cases) {
      const { row, col } = gridCell(key, addWeeks(FIRST_WEEK, i));
      const shown = text(ss, s, row, col);
      expect([key, i, shown, s.effectiveBackground(row, col, shown)]).toEqual([
        key,
        i,
        COMPLETENESS_LABELS[status],
        COMPLETENESS_COLORS[status],
      ]);
    }
  });

  it('draws the weekly series as a line chart', () => {
    const charts = sheet('Synthèse').charts;
    expect(charts).toHaveLength(1);
    expect(charts[0]).toMatchObject({ type: 'line', title: 'Évolution des indicateurs cumulés' });
    expect(charts[0]?.ranges).toHaveLength(1 + counters.length);
    expect(charts[0]?.ranges[0]?.rows).toBe(WEEKS + 1);
  });
});

describe('reminders', () => {
  it('sends the ARS digest every week and a reminder to each establishment with a missing report, with its prefilled link', () => {
    const digests = season.env.mail.outbox.filter(
      (m) => m.to.includes(ARS) && /Synthèse des déclarations/.test(m.subject),
    );
    expect(digests).toHaveLength(WEEKS);
    for (let i = 0; i < WEEKS; i += 1) {
      const week = addWeeks(FIRST_WEEK, i);
      // The establishment added in week 12 (Thursday evening) misses that week, then reports like the others.
      const late = new Set(
        season.rows
          .filter((r) =>
            r.establishmentId === NEW_ES.id
              ? i === 12 || (i > 12 && Season.missing(r, i))
              : Season.missing(r, i),
          )
          .map((r) => r.establishmentId),
      );
      const reminders = season.env.mail.outbox.filter((m) =>
        m.subject.includes(`Suivi hebdomadaire ${week} à compléter`),
      );
      expect([week, reminders.map((m) => m.to[0]).sort()]).toEqual([week, [...late].map(referent).sort()]);
      for (const m of reminders) {
        expect(m.body).toMatch(/usp=pp_url&entry\.\d+=semaine/);
        // Prefilled with the missing week, whether the Monday job made the link or the reminder opened the form.
        const url = /https:\/\/\S+usp=pp_url\S*/.exec(m.body)?.[0] ?? '';
        expect(season.env.forms.prefilledAnswers(url).Semaine).toBe(describeWeek(week));
      }
    }
  });

  it('stays within the day’s mail quota', () => {
    const used = season.env.mail.outbox.reduce((n, m) => n + m.to.length, 0);
    expect(season.env.mail.remaining).toBe(1500 - used);
  });
});
