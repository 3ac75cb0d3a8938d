// The two Google runtimes given the same inputs end with the same Suivi and Historique: the same weekly responses
// (on time, a resubmission, a counter that decreases, text a spreadsheet would run as a formula) and an ARS action
// typed in Suivi, played once through `suivi-mes google install` + `sync` on the nock fakes, and once through the
// real Apps Script bundle (dist/apps-script/Code.js, built by `npm test`) on the offline emulator. Values are
// compared as they read (dates as dates, whatever each runtime writes underneath). Two Historique columns are each
// runtime's own and left out: the submission id (a form response id on one side, a response tab row on the other)
// and the author (what each side learns of the respondent).
import { suiviKey } from '../support/google-api/suivi-key';
import { install } from '../../src/google-api/install';
import { readBinomesFile } from '../../src/local/accompaniment-data';
import { DEFAULT_CONFIG } from '../../src/node/project-files';
import { sync } from '../../src/google-api/sync';
import { isoDateFromSerial } from '../../src/google/cell-values';
import { parseRowRecord } from '../../src/google/stored-json';
import { structureModel } from '../../src/google-api/install';
import { counterColumns } from '../../src/domain/columns';
import { dateInWeek, describeWeek, type IsoWeek } from '../../src/domain/iso-week';
import { formatParisDateTime, parisDateString } from '../../src/domain/paris-time';
import { HISTORY_META } from '../../src/domain/workbook/history-sheet';
import type { ColumnFormat } from '../../src/domain/workbook/sheet-model';
import { columnLetters, isDateValue } from '../../src/apps-script/cells';
import { loadBundle } from '../support/gas/bundle';
import { createGasEnvironment, type GasEnvironment } from '../support/gas/environment';
import { defaultProject, FixedClock, seededEstablishments } from '../support/project';
import { paris } from '../support/apps-script/season';
import { FakeWorkspace } from '../support/google-api/fake-workspace';
import {
  mockWorkspace,
  resetGoogleMocks,
  setupGoogleMocks,
  testAdapters,
} from '../support/google-api/google-mocks';
import { respond } from '../support/google-api/respond';

// Each test drives dozens of calls through nock and the fakes: far from the default 5 s on a loaded machine.
jest.setTimeout(60_000);

const project = defaultProject();
const counters = counterColumns(project.tracking);
const model = structureModel(project, new Date(paris('2022-05-12', 10)));
const formats = (sheet: string) =>
  model.sheets.find((s) => s.name === sheet)?.columns.map((c) => c.format) ?? [];
const WEEKS: IsoWeek[] = ['2022-W21', '2022-W22', '2022-W23', '2022-W24'];
const ROWS = [
  ['clinique-du-parc', 'uc1'],
  ['gh-cochin', 'uc1'],
  ['cessrin-maisons-laffitte', 'uc1'],
  ['cessrin-maisons-laffitte', 'uc2'],
] as const;
const ACTION = 'Relancer le DSI sur la MAJ Ségur ; =1+1 et $1';

interface Submission {
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
function season(): Submission[] {
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

/** Suivi rows by key, and Historique rows sorted by key, week, version, as a reader reads them. */
function tables(suivi: unknown[][], history: unknown[][]) {
  const suiviFormats = formats('Suivi');
  const keyAt = project.tracking.columns.length;
  const rows = new Map(
    suivi
      .filter((r) => typeof r[keyAt] === 'string' && r[keyAt] !== '')
      .map((r) => [String(r[keyAt]), suiviFormats.map((f, i) => read(r[i], f))]),
  );
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
  const records = new Map(
    suivi
      .filter((r) => typeof r[keyAt] === 'string' && r[keyAt] !== '')
      .map((r) => {
        const record = parseRowRecord(String(r[keyAt + 1]), String(r[keyAt]));
        return [String(r[keyAt]), { ledger: record.ledger, annotations: record.annotations }];
      }),
  );
  return { rows, versions, records };
}

/** The season through the Apps Script bundle on the emulator. */
function appsScriptRun(inputs: readonly Submission[]) {
  const env: GasEnvironment = createGasEnvironment({ now: paris('2022-05-12', 10) });
  env.createContainer('Suivi MES');
  const bundle = loadBundle(env);
  bundle.run('onOpen', [], { ui: true });
  bundle.run('install', [], { ui: true });
  const names = new Map(seededEstablishments(project).map((e) => [e.id, e]));
  let week = '';
  for (const s of inputs) {
    if (s.week !== week) {
      // Monday: the weekly run opens the week in the forms.
      env.runtime.setNow(paris(dateInWeek(s.week, 1), 9));
      env.runWeeklyTriggers();
      week = s.week;
      if (week === '2022-W22') {
        env.runtime.setNow(paris(dateInWeek(week, 2), 11));
        const col = project.tracking.columns.findIndex((c) => c.id === 'actions') + 1;
        const suivi = env.container.sheet('Suivi')!;
        const keyCol = project.tracking.columns.length + 1;
        const row = Array.from({ length: suivi.lastRow() }, (_, i) => i + 1).find(
          (r) => suivi.cell(r, keyCol)?.value === 'gh-cochin/uc1',
        )!;
        env.edit(env.owner, env.container.id, 'Suivi', `${columnLetters(col)}${row}`, ACTION);
      }
    }
    env.runtime.setNow(s.at);
    const e = names.get(s.establishmentId)!;
    const form = [...env.forms.byId.values()].find(
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
    env.submitForm(form.id, answers, { enforce: !s.bypassFormCheck });
  }
  const sheetRows = (name: string, from: number) => {
    const sheet = env.container.sheet(name)!;
    return Array.from({ length: Math.max(0, sheet.lastRow() - from + 1) }, (_, i) =>
      Array.from({ length: sheet.lastColumn() }, (_, c) => sheet.cell(from + i, c + 1)?.value),
    );
  };
  return tables(sheetRows('Suivi', 3), sheetRows('Historique', 2));
}

describe('the REST CLI and the Apps Script runtime given the same season', () => {
  beforeEach(setupGoogleMocks);
  afterEach(resetGoogleMocks);

  it('end with the same Suivi and Historique values', async () => {
    const inputs = season();
    const fake = new FakeWorkspace();
    mockWorkspace(fake);
    const { adapters, google } = testAdapters();
    const { spreadsheetId } = await install(adapters, google, {
      project,
      now: new Date(paris('2022-05-12', 10)),
      // The binômes file the bundle carries: both sides derive « Contact référent GRADeS et ARS » from it.
      binomes: readBinomesFile(project, DEFAULT_CONFIG),
    });
    for (const week of WEEKS) {
      if (week === '2022-W22') {
        const suivi = fake.spreadsheet(spreadsheetId).sheets.find((s) => s.properties.title === 'Suivi')!;
        suivi.setCell(
          suivi.cells.findIndex((r) => suiviKey(r) === 'gh-cochin/uc1'),
          project.tracking.columns.findIndex((c) => c.id === 'actions'),
          ACTION,
        );
      }
      for (const s of inputs.filter((x) => x.week === week))
        respond(
          fake,
          spreadsheetId,
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
      await sync(adapters, google, {
        project,
        spreadsheetId,
        clock: new FixedClock(new Date(paris(dateInWeek(week, 5), 9))),
      });
    }
    const rest = tables(
      fake.values(spreadsheetId, 'Suivi').slice(2),
      fake.values(spreadsheetId, 'Historique').slice(1),
    );
    const gas = appsScriptRun(inputs);

    // One refused decrease, one resubmission: 16 responses, 16 versions.
    expect(rest.versions).toHaveLength(inputs.length - 1);
    expect([...rest.rows.keys()].sort()).toEqual([...gas.rows.keys()].sort());
    for (const [key, row] of rest.rows) expect([key, row]).toEqual([key, gas.rows.get(key)]);
    expect(rest.versions).toEqual(gas.versions);
    // The same records: ledgers and ARS/ANS values, whichever runtime wrote them.
    for (const [key, record] of rest.records) expect([key, record]).toEqual([key, gas.records.get(key)]);
    const actions = project.tracking.columns.findIndex((c) => c.id === 'actions');
    expect(rest.rows.get('gh-cochin/uc1')?.[actions]).toBe(ACTION);
  });
});
