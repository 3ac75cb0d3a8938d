// The install of the 16 pilots on the real bundle, seen from its service calls: the workbook's layout and its
// protections go in one Sheets API batch each, each RETEX template's body in one Docs API batch, the forms are
// copied in UrlFetchApp.fetchAll waves instead of one File.makeCopy each, the template forms are drawn and the copies
// titled and published through the Forms API, and a fetchAll Google fails leaves no form made twice once the install
// resumes.
import { frAppsScript } from '../../src/apps-script/messages';
import { loadBundle } from '../support/gas/bundle';
import { createGasEnvironment, type GasEnvironment } from '../support/gas/environment';
import { paris } from '../support/apps-script/season';

function fresh(): { env: GasEnvironment; run: (entry: string) => void } {
  const env = createGasEnvironment({ now: paris('2022-05-12', 10) });
  env.createContainer('Suivi MES');
  const bundle = loadBundle(env);
  return { env, run: (entry) => bundle.run(entry, [], { ui: true }) };
}

const formNames = (env: GasEnvironment) => env.drive.list('form').map((f) => f.name);

describe('install of the 16 pilots through batches', () => {
  it('draws the layout and the protections in one batch each and copies the 32 forms in fetchAll waves', () => {
    const { env, run } = fresh();
    const window = env.calls();
    run('install');
    expect(env.sheets.alerts.at(-1)).toBe(frAppsScript.installDone(16, 32));
    const calls = window.summary();
    // The tabs' layout, Synthèse's redraw, the protections; and the store's transactions of several writes (new
    // Suivi rows with their records, for instance), each one batch. A Journal line alone goes by SpreadsheetApp.
    // Install now has the time left to draw the accompaniment too (its tabs in one batch, protections and filter
    // views). The response tabs of the forms copied in one fetchAll are found together, renamed in one batch and
    // recorded in one store transaction (2 groups: 20 forms, then 12).
    expect(env.container.sheet('Binômes')).toBeDefined();
    expect(calls['Sheets.Spreadsheets.batchUpdate']).toBe(16);
    expect(calls['SpreadsheetApp.flush']).toBeLessThanOrEqual(4);
    expect(env.properties.script.get('install.cursor')).toBeUndefined();
    // Each RETEX template's body in one Docs batch, none paragraph by paragraph.
    expect(calls['Docs.Documents.batchUpdate']).toBe(2);
    for (const call of ['Body.appendParagraph', 'Body.appendTable'])
      expect([call, calls[call]]).toEqual([call, undefined]);
    expect(calls['Sheet.appendRow']).toBeGreaterThan(16);
    expect(calls['File.makeCopy']).toBeUndefined();
    // One forms.batchUpdate per template (4 waves); 32 copies, 20 at a time, 10 per wave (4 waves); their titles
    // and publishing, two requests a copy (4 + 3 waves).
    expect(calls['UrlFetchApp.fetchAll']).toBe(15);
    for (const setter of [
      'Range.protect',
      'Sheet.protect',
      'Sheet.setName',
      // The accompaniment's tabs too are drawn by batch.
      'Sheet.setColumnWidth',
      'Range.setDataValidation',
      // Through the Forms API: the template items, the copies' titles, descriptions, own help texts and publishing.
      'Form.addTextItem',
      'Item.setTitle',
      'Item.setHelpText',
      'Item.setRequired',
      'Form.setTitle',
      'Form.setDescription',
      'Form.setPublished',
    ])
      expect([setter, calls[setter]]).toEqual([setter, undefined]);
    expect(formNames(env)).toHaveLength(36);
    expect(new Set(formNames(env)).size).toBe(36);
  });

  it('draws the templates by FormApp when the Forms API batch fails, validations included', () => {
    const { env, run } = fresh();
    // The first fetchAll is the first template's forms.batchUpdate.
    env.runtime.failNext('UrlFetchApp.fetchAll', 'Address unavailable: https://forms.googleapis.com');
    const window = env.calls();
    run('install');
    expect(env.runtime.pendingFailures).toBe(0);
    expect(env.sheets.alerts.at(-1)).toBe(frAppsScript.installDone(16, 32));
    expect(window.summary()['Item.setTitle']).toBeGreaterThan(0);
    // Each template has the same items, help texts, choices, required flags and validations as one the Forms API
    // drew.
    const shapes = (e: GasEnvironment) =>
      e.drive
        .list('form')
        .filter((f) => f.name.startsWith('Modèle'))
        .map((f) => ({
          name: f.name,
          title: e.forms.get(f.id).title,
          items: e.forms.get(f.id).items.map(({ id: _id, ...rest }) => rest),
        }));
    const byApi = fresh();
    byApi.run('install');
    const drawn = shapes(env);
    expect(drawn).toHaveLength(4);
    expect(drawn.flatMap((t) => t.items.filter((i) => i.validation !== null))).not.toHaveLength(0);
    expect(shapes(byApi.env)).toEqual(drawn);
    expect(formNames(env)).toHaveLength(36);
  });

  it('makes the same forms, published, when Google refuses every Forms API request (FormApp does it all)', () => {
    const forms = (e: GasEnvironment) =>
      e.drive
        .list('form')
        .map((f) => {
          const d = e.forms.get(f.id);
          return {
            name: f.name,
            title: d.title,
            description: d.description,
            open: [d.published, d.accepting],
            items: d.items.map(({ id: _id, ...rest }) => rest),
          };
        })
        .sort((x, y) => x.name.localeCompare(y.name));
    const byApi = fresh();
    byApi.run('install');
    const env = createGasEnvironment({ now: paris('2022-05-12', 10) });
    env.createContainer('Suivi MES');
    const fetchAll = env.globals.UrlFetchApp.fetchAll.bind(env.globals.UrlFetchApp);
    const refused = { getResponseCode: () => 503, getContentText: () => '{"error":{"code":503}}' };
    env.globals.UrlFetchApp.fetchAll = (requests) => {
      const drive = requests.filter((r) => !r.url.startsWith('https://forms.googleapis.com/'));
      const answers = drive.length > 0 ? fetchAll(drive) : [];
      return requests.map((r) =>
        r.url.startsWith('https://forms.googleapis.com/') ? refused : answers.shift()!,
      );
    };
    const bundle = loadBundle(env);
    const window = env.calls();
    bundle.run('install', [], { ui: true });
    expect(env.sheets.alerts.at(-1)).toBe(frAppsScript.installDone(16, 32));
    expect(window.summary()['Form.setPublished']).toBe(32);
    const drawn = forms(env);
    expect(drawn).toHaveLength(36);
    expect(drawn.filter((f) => !f.name.startsWith('Modèle')).every((f) => f.open.every(Boolean))).toBe(true);
    expect(forms(byApi.env)).toEqual(drawn);
  });

  it('renames the response tabs one by one when Google refuses the batch that renames them', () => {
    const { env, run } = fresh();
    const api = env.globals.Sheets?.Spreadsheets;
    if (!api) throw new Error('no advanced Sheets service');
    const batchUpdate = api.batchUpdate.bind(api);
    let refused = 0;
    api.batchUpdate = (resource, spreadsheetId) => {
      if (resource.requests?.some((r) => r.updateSheetProperties?.fields === 'title')) {
        refused += 1;
        throw new Error('API call to sheets.spreadsheets.batchUpdate failed with error: Internal error');
      }
      return batchUpdate(resource, spreadsheetId);
    };
    const window = env.calls();
    run('install');
    expect(env.sheets.alerts.at(-1)).toBe(frAppsScript.installDone(16, 32));
    // One batch per group of forms copied together (20, then 12), each refused, then each tab by Sheet.setName.
    expect(refused).toBe(2);
    expect(window.summary()['Sheet.setName']).toBe(32);
    const responses = env.drive.list('spreadsheet').find((f) => f.id !== env.container.id)!;
    const tabs = env.sheets.get(responses.id).sheets.filter((t) => t.formUrl !== null);
    expect(tabs).toHaveLength(32);
    expect(tabs.filter((t) => !/^(Hebdo|Init) — /.test(t.name))).toEqual([]);
  });

  it('resumes after Google fails a fetchAll of copies, and makes no form twice', () => {
    const { env, run } = fresh();
    // After the four templates' batches.
    env.runtime.failNext('UrlFetchApp.fetchAll', 'Address unavailable: https://www.googleapis.com', 1, 4);
    expect(() => run('install')).toThrow('Address unavailable');
    // The watchdog armed at the start resumes it.
    for (let i = 0; i < 5 && env.triggers.triggers.some((t) => t.handler === 'resumeInstall'); i += 1) {
      env.runtime.advance(8 * 60_000);
      env.runDueClockTriggers();
    }
    expect(env.triggers.triggers.some((t) => t.handler === 'resumeInstall')).toBe(false);
    expect(formNames(env)).toHaveLength(36);
    expect(new Set(formNames(env)).size).toBe(36);
  });
});
