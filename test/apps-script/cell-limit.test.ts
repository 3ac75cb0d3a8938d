// Google's 10-million-cell limit per spreadsheet, blank cells included, on the real bundle: a pilot whose response
// tabs cannot keep a new tab's size has them trimmed, and establishments are spread over several responses
// spreadsheets, each under its budget; responses from every one of them are ingested (by trigger and by the
// Monday reconciliation) even where two tabs share a sheet id; a run killed while adding a spreadsheet makes
// no second one. A smaller budget per responses spreadsheet (the `responses.cellBudget` script property) stands
// for a pilot of thousands of establishments.
import { counterColumns } from '../../src/domain/columns';
import { describeWeek } from '../../src/domain/iso-week';
import { loadBundle, type GasBundle } from '../support/gas/bundle';
import { createGasEnvironment, type GasEnvironment } from '../support/gas/environment';
import type { SpreadsheetData } from '../support/gas/sheet-data';
import { defaultProject } from '../support/project';
import { paris } from '../support/apps-script/season';

jest.setTimeout(120_000);

const project = defaultProject();
const TIME_LIMIT = 'Exceeded maximum execution time';
/** Room for the blank first tab and five establishments' trimmed season per responses spreadsheet. */
const BUDGET = 40_000;

function installWithBudget(options: { killOnSecondSpreadsheet?: boolean } = {}): {
  env: GasEnvironment;
  bundle: GasBundle;
  runs: number;
} {
  const env = createGasEnvironment({ now: paris('2022-05-12', 10) });
  env.createContainer('Suivi MES');
  env.globals.PropertiesService.getScriptProperties().setProperty('responses.cellBudget', String(BUDGET));
  const bundle = loadBundle(env);
  if (options.killOnSecondSpreadsheet)
    // Google stops the run just after the new responses spreadsheet was created and recorded.
    env.runtime.failNext('Spreadsheet.setSpreadsheetLocale', TIME_LIMIT, 1, 2);
  let runs = 0;
  try {
    runs += 1;
    bundle.run('install', [], { ui: true });
  } catch (error) {
    expect(String(error)).toContain(TIME_LIMIT);
  }
  while (env.triggers.triggers.some((t) => t.handler === 'resumeInstall') && runs < 40) {
    env.runtime.advance(8 * 60_000);
    runs += 1;
    env.runDueClockTriggers();
  }
  return { env, bundle, runs };
}

function responsesSpreadsheets(env: GasEnvironment): SpreadsheetData[] {
  return [...env.sheets.byId.values()].filter((ss) => ss.name.includes('réponses brutes'));
}

/** The establishment a form belongs to, by its title. */
function seedOf(title: string) {
  const seed = project.establishments.find((e) => title.endsWith(`— ${e.name}`));
  if (!seed) throw new Error(`no establishment for ${title}`);
  return seed;
}

function report(week: string, visits: number): Record<string, string> {
  const answers: Record<string, string> = {
    Semaine: describeWeek(week),
    'Date actualisation du suivi': '2022-06-10',
  };
  counterColumns(project.tracking).forEach(
    (c) => (answers[c.label] = String(c.id === 'visits' ? visits : 5)),
  );
  return answers;
}

function visitsIn(env: GasEnvironment, rowKey: string): unknown {
  const suivi = env.container.sheet('Suivi')!;
  const keyCol = project.tracking.columns.length + 1;
  const row = Array.from({ length: suivi.lastRow() }, (_, i) => i + 1).find(
    (r) => suivi.cell(r, keyCol)?.value === rowKey,
  );
  if (row === undefined) throw new Error(`no row ${rowKey}`);
  return suivi.cell(row, project.tracking.columns.findIndex((c) => c.id === 'visits') + 1)?.value;
}

describe('a pilot too large for one responses spreadsheet', () => {
  let env: GasEnvironment;
  beforeAll(() => {
    ({ env } = installWithBudget());
  });

  it('spreads the establishments over several responses spreadsheets, each under its budget', () => {
    const spreadsheets = responsesSpreadsheets(env);
    expect(spreadsheets.length).toBeGreaterThanOrEqual(3);
    for (const ss of spreadsheets) expect(ss.gridCells()).toBeLessThanOrEqual(BUDGET);
    // Both forms of an establishment answer into the same spreadsheet, and every form has its tab.
    for (const e of project.establishments) {
      const ids = [...env.forms.byId.values()]
        .filter((f) => f.destinationId !== null && f.title.endsWith(`— ${e.name}`))
        .map((f) => f.destinationId);
      expect(ids).toHaveLength(2);
      expect(new Set(ids).size).toBe(1);
    }
  });

  it('trims each response tab to its question columns and its header', () => {
    for (const ss of responsesSpreadsheets(env))
      for (const tab of ss.sheets.filter((s) => s.formUrl !== null)) {
        expect(tab.maxRows).toBe(2);
        // The weekly tab loses its blank columns; an initialisation tab's few are not worth a call.
        if (tab.name.startsWith('Hebdo')) expect(tab.maxColumns).toBe(tab.lastColumn());
        else expect(tab.maxColumns).toBeLessThanOrEqual(26);
      }
  });

  it('listens to every responses spreadsheet with one onFormSubmit trigger each', () => {
    const submit = env.triggers.triggers.filter((t) => t.event === 'ON_FORM_SUBMIT');
    expect(submit.map((t) => t.sourceId).sort()).toEqual(
      responsesSpreadsheets(env)
        .map((s) => s.id)
        .sort(),
    );
    expect(env.triggers.triggers.length).toBeLessThanOrEqual(responsesSpreadsheets(env).length + 2);
  });

  it('ingests reports from two spreadsheets whose tabs share a sheet id, each to its own establishment', () => {
    // The emulator numbers tabs alike in every spreadsheet: find two forms whose tabs collide.
    const forms = [...env.forms.byId.values()].filter(
      (f) =>
        f.destinationId !== null &&
        f.title.startsWith(project.forms.weekly.title) &&
        seedOf(f.title).useCases.length === 1,
    );
    const pair = forms.flatMap((a) =>
      forms
        .filter((b) => b.destinationId !== a.destinationId && b.destinationSheetId === a.destinationSheetId)
        .map((b) => [a, b] as const),
    )[0];
    expect(pair).toBeDefined();
    const [a, b] = pair!;
    env.runtime.setNow(paris('2022-06-06', 9));
    env.runWeeklyTriggers();
    env.runtime.setNow(paris('2022-06-10', 10));
    env.submitForm(a.id, report('2022-W23', 31));
    env.submitForm(b.id, report('2022-W23', 42));
    expect(visitsIn(env, `${seedOf(a.title).id}/uc1`)).toBe(31);
    expect(visitsIn(env, `${seedOf(b.title).id}/uc1`)).toBe(42);
  });

  it('recovers on Monday a response no trigger delivered, from any responses spreadsheet', () => {
    const last = responsesSpreadsheets(env).at(-1)!;
    const form = [...env.forms.byId.values()].find(
      (f) =>
        f.destinationId === last.id &&
        f.title.startsWith(project.forms.weekly.title) &&
        seedOf(f.title).useCases.length === 1,
    )!;
    const establishment = seedOf(form.title);
    env.runtime.setNow(paris('2022-06-11', 10));
    env.submitForm(form.id, report('2022-W23', 77), { deliver: false });
    expect(visitsIn(env, `${establishment.id}/uc1`)).not.toBe(77);
    env.runtime.setNow(paris('2022-06-13', 9));
    env.runWeeklyTriggers();
    expect(visitsIn(env, `${establishment.id}/uc1`)).toBe(77);
  });
});

describe('an install killed while adding a responses spreadsheet', () => {
  it('resumes with the spreadsheet it recorded: none twice, every form linked once', () => {
    const { env } = installWithBudget({ killOnSecondSpreadsheet: true });
    expect(env.runtime.pendingFailures).toBe(0);
    const spreadsheets = responsesSpreadsheets(env);
    const names = spreadsheets.map((s) => s.name);
    expect(new Set(names).size).toBe(names.length);
    const linked = spreadsheets.flatMap((s) => s.sheets.filter((t) => t.formUrl !== null));
    expect(linked).toHaveLength(2 * project.establishments.length);
    for (const ss of spreadsheets) {
      expect(ss.gridCells()).toBeLessThanOrEqual(BUDGET);
      expect(ss.locale).toBe('fr_FR');
    }
  });
});

describe('the master workbook past its budget', () => {
  it('is reported every Monday in the Journal, with Google’s limit and what to do', () => {
    const { env } = installWithBudget();
    // Seasons of Historique, as blank cells count: 8.1 million more.
    env.container.addSheet('Historique 2021', env.container.sheets.length, 81_000, 100);
    env.runtime.setNow(paris('2022-05-16', 9));
    env.runWeeklyTriggers();
    const journal = env.container.sheet('Journal')!;
    const summaries = Array.from({ length: journal.lastRow() }, (_, i) =>
      String(journal.cell(i + 1, 6)?.value),
    );
    expect(summaries).toContainEqual(
      expect.stringMatching(
        /^Le classeur de suivi compte 8 \d{3} \d{3} cellules, vides comprises ; Google refuse d'en dépasser 10 000 000\./,
      ),
    );
  });
});
