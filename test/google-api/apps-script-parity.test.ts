// The two Google runtimes given the same inputs end with the same Suivi, Historique, Synthèse and Journal lines
// about reports: the same weekly responses (on time, a resubmission, a counter that decreases, text a spreadsheet
// would run as a formula) and an ARS action typed in Suivi, played once through `suivi-mes google install` + `sync`
// on the nock fakes, and once through the real Apps Script bundle (dist/apps-script/Code.js, built by `npm test`)
// on the offline emulator. Values are compared as they read (dates as dates, whatever each runtime writes
// underneath). Two Historique columns are each runtime's own and left out: the submission id (a form response id on
// one side, a response tab row on the other) and the author (what each side learns of the respondent).
import { createGasEnvironment } from '../support/gas/environment';
import { FakeWorkspace } from '../support/google-api/fake-workspace';
import { mockWorkspace, resetGoogleMocks, setupGoogleMocks } from '../support/google-api/google-mocks';
import {
  ACTION,
  AppsScriptSide,
  INSTALLED_AT,
  project,
  RestSide,
  season,
  WEEKS,
} from '../support/google-api/two-runtimes';

// Each test drives dozens of calls through nock and the fakes: far from the default 5 s on a loaded machine.
jest.setTimeout(60_000);

describe('the REST CLI and the Apps Script runtime given the same season', () => {
  beforeEach(setupGoogleMocks);
  afterEach(resetGoogleMocks);

  it('end with the same Suivi, Historique, Synthèse and Journal lines about reports', async () => {
    const inputs = season();
    const fake = new FakeWorkspace();
    mockWorkspace(fake);
    const restSide = new RestSide(fake);
    await restSide.install();
    for (const week of WEEKS) await restSide.playWeek(week, inputs);
    const rest = restSide.tables();

    const env = createGasEnvironment({ now: INSTALLED_AT });
    env.createContainer('Suivi MES');
    const gasSide = new AppsScriptSide(env);
    gasSide.install();
    for (const week of WEEKS) gasSide.playWeek(week, inputs);
    const gas = gasSide.tables();

    // One refused decrease, one resubmission: 16 responses, 16 versions.
    expect(rest.versions).toHaveLength(inputs.length - 1);
    expect([...rest.rows.keys()].sort()).toEqual([...gas.rows.keys()].sort());
    for (const [key, row] of rest.rows) expect([key, row]).toEqual([key, gas.rows.get(key)]);
    expect(rest.versions).toEqual(gas.versions);
    // The same records: ledgers and ARS/ANS values, whichever runtime wrote them.
    for (const [key, record] of rest.records) expect([key, record]).toEqual([key, gas.records.get(key)]);
    expect(rest.synthesis).toEqual(gas.synthesis);
    // The same Journal lines about reports; their order is each runtime's own (the CLI reads form after form, the
    // script each response as it arrives).
    const sorted = (lines: string[][]) => lines.map((l) => l.join(' | ')).sort();
    expect(sorted(rest.reports)).toEqual(sorted(gas.reports));
    expect(rest.reports).toHaveLength(inputs.length);
    const actions = project.tracking.columns.findIndex((c) => c.id === 'actions');
    expect(rest.rows.get('gh-cochin/uc1')?.[actions]).toBe(ACTION);
  });
});
