// The contract between the two Google runtimes: one workbook, driven by either, in both orders, on ONE fake Google
// (the Apps Script emulator's spreadsheets, forms and Drive, with the REST façade of fake-workspace.ts over them).
// Each order plays the season of two-runtimes.ts and must end with the very Suivi, Historique and row records a
// single runtime writes alone, with every response recorded once (no submission, form or trigger twice).
//   - Apps Script installs (its forms linked to response tabs, ingested by onFormSubmit); `suivi-mes google sync`
//     then runs on the same workbook every week: it reads none of those forms again (their responses are the
//     script's) and changes nothing the script wrote.
//   - `suivi-mes google install` makes the workbook and its forms through the Forms API and syncs two weeks; the
//     owner then installs the Apps Script menu and triggers on it: no form is made again, the script reads the
//     same forms through the Forms API (hourly trigger) with the CLI's cursor and submission ids, brings them to the
//     new week on Monday; a last `google sync` finds nothing left to read.
import { createGasEnvironment } from '../support/gas/environment';
import { FakeWorkspace } from '../support/google-api/fake-workspace';
import { storedForms } from '../support/google-api/stored-forms';
import { mockWorkspace, resetGoogleMocks, setupGoogleMocks } from '../support/google-api/google-mocks';
import { dateInWeek } from '../../src/domain/iso-week';
import { paris } from '../support/apps-script/season';
import {
  AppsScriptSide,
  INSTALLED_AT,
  oneGoogle,
  OWNER,
  RestSide,
  season,
  WEEKS,
  type SeasonTables,
} from '../support/google-api/two-runtimes';

// Two runtimes over a four-week season, dozens of calls each.
jest.setTimeout(120_000);

beforeEach(setupGoogleMocks);
afterEach(resetGoogleMocks);

function expectSameTables(actual: SeasonTables, alone: SeasonTables): void {
  expect([...actual.rows.keys()].sort()).toEqual([...alone.rows.keys()].sort());
  for (const [key, row] of alone.rows) expect([key, actual.rows.get(key)]).toEqual([key, row]);
  expect(actual.versions).toEqual(alone.versions);
  for (const [key, record] of alone.records) expect([key, actual.records.get(key)]).toEqual([key, record]);
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
    expectSameTables(both, aloneTables);
  });
});
