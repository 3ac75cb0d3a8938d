// The script on a workbook `suivi-mes google install` made (forms made through the Forms API, no responses tab):
// its hourly reading of those forms through UrlFetchApp, within the day's URL Fetch quota, and what happens when
// Google does not let it read one.
import { INITIALISATION_READ_EVERY_MS } from '../../src/apps-script/api-forms';
import { dateInWeek } from '../../src/domain/iso-week';
import { paris } from '../support/apps-script/season';
import { resetGoogleMocks, setupGoogleMocks } from '../support/google-api/google-mocks';
import { storedForms } from '../support/google-api/stored-forms';
import { AppsScriptSide, oneGoogle, RestSide, season } from '../support/google-api/two-runtimes';

jest.setTimeout(120_000);

beforeEach(setupGoogleMocks);
afterEach(resetGoogleMocks);

const HOUR = 60 * 60_000;

async function cliWorkbookWithScript() {
  const { env, fake } = oneGoogle();
  const rest = new RestSide(fake);
  await rest.install();
  env.sheets.containerId = rest.spreadsheetId;
  const gas = new AppsScriptSide(env);
  gas.install();
  const forms = storedForms(fake, rest.spreadsheetId);
  return { env, fake, rest, gas, forms };
}

describe('Apps Script reading the forms the command line made', () => {
  it('reads the weekly forms every hour and the initialisation forms every six hours: one URL Fetch call each', async () => {
    const { env, forms } = await cliWorkbookWithScript();
    const weekly = forms.filter((f) => f.kind === 'weekly').length;
    const initialisation = forms.filter((f) => f.kind === 'initialisation').length;
    expect(weekly).toBeGreaterThan(0);
    expect(initialisation).toBeGreaterThan(0);
    // A day later than the install (its copies and publishing are yesterday's quota).
    const start = Date.parse(paris(dateInWeek('2022-W21', 2), 0, 30));
    env.runtime.setNow(new Date(start).toISOString());
    env.runHourlyTriggers();
    const first = env.runtime.urlFetchUsedToday();
    for (let h = 1; h < 24; h += 1) {
      env.runtime.setNow(new Date(start + h * HOUR).toISOString());
      env.runHourlyTriggers();
    }
    const runs = 24;
    const initialisationRuns = Math.ceil((runs * HOUR) / INITIALISATION_READ_EVERY_MS);
    expect(first).toBe(weekly + initialisation);
    expect(env.runtime.urlFetchUsedToday()).toBe(runs * weekly + initialisationRuns * initialisation);
    // What that makes at 500 establishments (two forms each), below a consumer account's 20,000 calls a day.
    expect(runs * 500 + initialisationRuns * 500).toBeLessThan(env.runtime.urlFetchPerDay);
  });

  it('reads the other forms when Google refuses one, and that one again at the next run from the same cursor', async () => {
    const { env, fake, rest, forms } = await cliWorkbookWithScript();
    const inputs = season().filter((s) => s.week === '2022-W21');
    await rest.sync('2022-W21', 1);
    for (const s of inputs) rest.submit(s);
    const refused = forms.find(
      (f) => f.kind === 'weekly' && f.establishmentId === inputs[0]!.establishmentId,
    )!;
    env.runtime.setNow(paris(dateInWeek('2022-W21', 5), 9));
    // Someone moved the form to the trash: forms.responses.list answers 404 until it is restored.
    fake.deleteForm(refused.meta.id);
    env.runHourlyTriggers();
    const known = () => rest.tables().submissions.length;
    expect(known()).toBe(inputs.length - 1);
    env.drive.get(refused.meta.id).trashed = false;
    env.runtime.setNow(paris(dateInWeek('2022-W21', 5), 10));
    env.runHourlyTriggers();
    expect(known()).toBe(inputs.length);
    // Nothing left for the command line, and nothing twice.
    expect(await rest.sync('2022-W21')).toMatchObject({ accepted: 0, refused: 0, alreadyIngested: 0 });
  });

  it('records the responses of a reading in one write, however many there are', async () => {
    const { env, rest } = await cliWorkbookWithScript();
    const week = season().filter((s) => s.week === '2022-W21');
    await rest.sync('2022-W21', 1);
    const io = (hour: number, answers: typeof week) => {
      for (const s of answers) rest.submit(s);
      env.runtime.setNow(paris(dateInWeek('2022-W21', 5), hour));
      const window = env.runtime.window();
      env.runHourlyTriggers();
      return window.summary();
    };
    // The first reading of the day also reads the initialisation forms and draws Synthèse's layout.
    io(8, week.slice(0, 1));
    const one = io(9, week.slice(1, 2));
    const many = io(10, week.slice(2));
    expect(week.length - 2).toBeGreaterThan(1);
    expect(rest.tables().submissions).toHaveLength(week.length);
    // The same calls for several responses as for one: the reading, one write of the reports (Historique, Journal,
    // records, cursors), the forms' help texts, Synthèse.
    expect(many).toEqual(one);
  });
});
