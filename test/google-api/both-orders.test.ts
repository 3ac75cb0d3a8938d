// The contract between the two Google runtimes: one workbook, driven by either, in both orders, on ONE fake Google
// (the Apps Script emulator's spreadsheets, forms and Drive, with the REST façade of fake-workspace.ts over them).
// Each order plays the season of two-runtimes.ts and must end with the very Suivi, Historique, row records, Synthèse
// and Journal lines about reports that a single runtime writes alone, with every response recorded once (no
// submission, form or trigger twice), and the same RETEX versions.
//   - Apps Script installs (its forms linked to response tabs, ingested by onFormSubmit); `suivi-mes google sync`
//     then runs on the same workbook every week: it reads none of those forms again (their responses are the
//     script's) and changes nothing the script wrote.
//   - `suivi-mes google install` makes the workbook and its forms through the Forms API and syncs two weeks; the
//     owner then installs the Apps Script menu and triggers on it: no form is made again, the script reads the
//     same forms through the Forms API (hourly trigger) with the CLI's cursor and submission ids, brings them to the
//     new week on Monday; a last `google sync` finds nothing left to read.
import { createGasEnvironment, type GasEnvironment } from '../support/gas/environment';
import { FakeWorkspace } from '../support/google-api/fake-workspace';
import { storedForms } from '../support/google-api/stored-forms';
import { retexRecordsOf } from '../support/google-api/retex-records';
import { issueGoogleRetex } from '../../src/google-api/retex/retex-google';
import { readRetexDescriptions, readRetexDocxTemplates } from '../../src/node/retex-files';
import { retexTemplatesDir } from '../../src/node/project-files';
import { FixedClock } from '../support/project';
import { testAdapters } from '../support/google-api/google-mocks';
import { mockWorkspace, resetGoogleMocks, setupGoogleMocks } from '../support/google-api/google-mocks';
import { dateInWeek } from '../../src/domain/iso-week';
import { paris } from '../support/apps-script/season';
import {
  AppsScriptSide,
  INSTALLED_AT,
  oneGoogle,
  OWNER,
  project,
  RestSide,
  season,
  WEEKS,
  type SeasonTables,
} from '../support/google-api/two-runtimes';

// Two runtimes over a four-week season, dozens of calls each.
jest.setTimeout(120_000);

/** The .docx RETEX templates `google retex` imports (the project's, as the CLI reads them). */
function retexDocx() {
  const buffers = readRetexDocxTemplates(retexTemplatesDir(project));
  return {
    'use-case': { buffer: buffers['use-case'], name: 'fiche-cas-usage.docx' },
    'cross-cutting': { buffer: buffers['cross-cutting'], name: 'fiche-transverse.docx' },
  } as const;
}

/** The RETEX documents of the one Drive, by name. */
const retexDocuments = (env: GasEnvironment) =>
  env.drive
    .list('document')
    .map((d) => d.name)
    .filter((name) => name.startsWith('RETEX-'))
    .sort();

/** `suivi-mes google retex V1` on a workbook, at `at`. */
function googleRetexV1(spreadsheetId: string, at: string) {
  const { adapters, google } = testAdapters();
  return issueGoogleRetex(adapters, google, {
    project,
    spreadsheetId,
    milestone: 'V1',
    templates: readRetexDescriptions(project, retexTemplatesDir(project)),
    docx: retexDocx(),
    author: OWNER,
    clock: new FixedClock(new Date(at)),
  });
}

beforeEach(setupGoogleMocks);
afterEach(resetGoogleMocks);

function expectSameTables(actual: SeasonTables, alone: SeasonTables): void {
  expect([...actual.rows.keys()].sort()).toEqual([...alone.rows.keys()].sort());
  for (const [key, row] of alone.rows) expect([key, actual.rows.get(key)]).toEqual([key, row]);
  expect(actual.versions).toEqual(alone.versions);
  for (const [key, record] of alone.records) expect([key, actual.records.get(key)]).toEqual([key, record]);
  expect(actual.synthesis).toEqual(alone.synthesis);
  expect(actual.reports).toEqual(alone.reports);
  // Each response known once: no submission id twice across the rows' records.
  expect(new Set(actual.submissions).size).toBe(actual.submissions.length);
}

describe('one workbook, both Google runtimes, both orders', () => {
  it('Apps Script installs and ingests; `google sync` on the same workbook reads nothing twice and changes nothing', async () => {
    const inputs = season();

    const alone = createGasEnvironment({ now: INSTALLED_AT, owner: OWNER });
    alone.createContainer('Suivi MES');
    const aloneSide = new AppsScriptSide(alone);
    aloneSide.install();
    for (const week of WEEKS) aloneSide.playWeek(week, inputs);

    const { env, fake } = oneGoogle();
    env.createContainer('Suivi MES');
    const gas = new AppsScriptSide(env);
    gas.install();
    const rest = new RestSide(fake);
    rest.spreadsheetId = env.container.id;
    for (const week of WEEKS) {
      gas.playWeek(week, inputs);
      const before = gas.tables();
      const synced = await rest.sync(week);
      expect(synced).toMatchObject({ accepted: 0, refused: 0, alreadyIngested: 0, formsUpdated: 0 });
      // Every form is the script's, and the report says they were left to it.
      expect(synced.scriptForms).toBe(storedForms(fake, rest.spreadsheetId).length);
      expect(synced.scriptForms).toBeGreaterThan(0);
      // The ARS action the onEdit trigger recorded is not taken for a new edit.
      expect(synced.sheetEdits).toEqual({ saved: 0, restored: 0 });
      expect(gas.tables()).toEqual(before);
    }
    const both = gas.tables();
    expect(both.versions).toHaveLength(inputs.length - 1);
    // One Journal line per response (accepted, or the refused decrease), and a Synthèse to compare.
    expect(both.reports).toHaveLength(inputs.length);
    expect(both.synthesis.length).toBeGreaterThan(0);
    expectSameTables(both, aloneSide.tables());
  });

  it("`google install` makes the workbook and its forms; Apps Script installed on it reads those forms with the CLI's ids: nothing twice, same tables as the CLI alone", async () => {
    const inputs = season();

    const aloneFake = new FakeWorkspace();
    mockWorkspace(aloneFake);
    const alone = new RestSide(aloneFake);
    await alone.install();
    for (const week of WEEKS) await alone.playWeek(week, inputs);
    const aloneTables = alone.tables();
    resetGoogleMocks();
    setupGoogleMocks();

    const { env, fake } = oneGoogle();
    const rest = new RestSide(fake);
    await rest.install();
    for (const week of WEEKS.slice(0, 2)) await rest.playWeek(week, inputs);
    const forms = [...env.forms.byId.keys()].sort();

    // The owner installs the script on the workbook the CLI made: twice, as one does after a failed first try.
    env.sheets.containerId = rest.spreadsheetId;
    const gas = new AppsScriptSide(env);
    gas.install();
    gas.install();
    // No form made again (the CLI's are read through the Forms API), one hourly trigger to read them.
    expect([...env.forms.byId.keys()].sort()).toEqual(forms);
    const handlers = env.triggers.triggers.filter((t) => !t.fired).map((t) => t.handler);
    expect(handlers.filter((h) => h === 'readFormResponses')).toHaveLength(1);
    expect(handlers.filter((h) => h === 'weeklyTick')).toHaveLength(1);

    for (const week of WEEKS.slice(2)) {
      // Monday: the script brings the CLI's forms to the new week (the establishment cannot answer it before).
      gas.monday(week);
      for (const s of inputs.filter((x) => x.week === week)) rest.submit(s);
      env.runtime.setNow(paris(dateInWeek(week, 5), 9));
      env.runHourlyTriggers();
    }
    // The decrease of the last week is refused by the core, and the script tries to tell the referent why, as for
    // a response tab (CESSRIN has no referent address in this project: the Journal says the mail could not go).
    const journal = fake.values(rest.spreadsheetId, 'Journal').map((r) => r.join(' '));
    expect(journal.filter((line) => line.includes('e-mail de refus non envoyé'))).toHaveLength(1);
    const last = await rest.sync(WEEKS[3]!);
    expect(last).toMatchObject({ accepted: 0, refused: 0, alreadyIngested: 0, scriptForms: 0 });

    const both = rest.tables();
    expect(both.versions).toHaveLength(inputs.length - 1);
    // One Journal line per response (accepted, or the refused decrease), and a Synthèse to compare.
    expect(both.reports).toHaveLength(inputs.length);
    expect(both.synthesis.length).toBeGreaterThan(0);
    expectSameTables(both, aloneTables);
  });

  it('RETEX: the V1 the script issued is the one `google retex` finds, documents and all', async () => {
    const inputs = season();
    const { env } = oneGoogle();
    env.createContainer('Suivi MES');
    const gas = new AppsScriptSide(env);
    gas.install();
    for (const week of WEEKS) gas.playWeek(week, inputs);
    env.runtime.setNow(paris('2022-07-04', 10));
    gas.buildRetexV1();
    const issued = retexDocuments(env);
    expect(issued.length).toBeGreaterThan(0);

    const result = await googleRetexV1(env.container.id, paris('2022-07-04', 11));
    expect(result.plan.status).toBe('unchanged');
    expect(result.documents.map((d) => [d.name, d.status]).sort()).toEqual(
      issued.map((name) => [name, 'kept']),
    );
    // No RETEX document twice. The CLI keeps its own RETEX folder and templates (imported from the .docx): the
    // script's documents sit in the pilot's folder, with the forms and their responses, which the CLI's sharing of
    // the RETEX folder to the ANS must not reach.
    expect(retexDocuments(env)).toEqual(issued);
  });

  it('RETEX: the V1 `google retex` issued is the one the script installed later finds', async () => {
    const inputs = season();
    const { env, fake } = oneGoogle();
    const rest = new RestSide(fake);
    await rest.install();
    for (const week of WEEKS) await rest.playWeek(week, inputs);
    const result = await googleRetexV1(rest.spreadsheetId, paris('2022-07-04', 10));
    expect(result.plan.status).toBe('new');
    const issued = retexDocuments(env);
    expect(issued).toEqual(result.documents.map((d) => d.name).sort());

    env.sheets.containerId = rest.spreadsheetId;
    env.runtime.setNow(paris('2022-07-04', 11));
    const gas = new AppsScriptSide(env);
    gas.install();
    gas.buildRetexV1();
    // The script finds V1 issued (same data: the Historique versions whose ids the rows' records forgot count),
    // and makes no document again.
    const issues = retexRecordsOf(fake, rest.spreadsheetId).filter((r) => r.kind === 'issue');
    expect(issues).toHaveLength(1);
    expect(retexDocuments(env)).toEqual(issued);
  });
});
