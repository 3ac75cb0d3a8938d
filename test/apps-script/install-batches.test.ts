// The install of the 16 pilots on the real bundle, seen from its service calls: the workbook's layout and its
// protections go in one Sheets API batch each, each RETEX template's body in one Docs API batch, the forms are
// copied in UrlFetchApp.fetchAll waves instead of one File.makeCopy each, and a fetchAll Google fails leaves no
// form made twice once the install resumes.
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
    // The run has time left for the accompaniment (accompaniment-setup.ts): 4 batches more.
    expect(calls['Sheets.Spreadsheets.batchUpdate']).toBe(12);
    expect(env.properties.script.get('install.cursor')).toBeUndefined();
    // Each RETEX template's body in one Docs batch, none paragraph by paragraph.
    expect(calls['Docs.Documents.batchUpdate']).toBe(2);
    for (const call of ['Body.appendParagraph', 'Body.appendTable', 'Paragraph.setHeading'])
      expect([call, calls[call]]).toEqual([call, undefined]);
    expect(calls['Sheet.appendRow']).toBeGreaterThan(16);
    expect(calls['File.makeCopy']).toBeUndefined();
    // 32 copies, 20 at a time, 10 per wave.
    expect(calls['UrlFetchApp.fetchAll']).toBe(4);
    // None of the workbook's drawing goes setter by setter. The run then has time for the accompaniment
    // (accompaniment-setup.ts), which still draws its tabs with SpreadsheetApp after the install's phases (the RETEX
    // templates are the last).
    const lastPhase = Math.max(
      ...window.records.filter((r) => r.name === 'Docs.Documents.batchUpdate').map((r) => r.at),
    );
    for (const setter of [
      'Sheet.setColumnWidth',
      'Range.setDataValidation',
      'Range.protect',
      'Sheet.protect',
    ])
      expect([setter, window.records.filter((r) => r.name === setter && r.at < lastPhase).length]).toEqual([
        setter,
        0,
      ]);
    expect(formNames(env)).toHaveLength(36);
    expect(new Set(formNames(env)).size).toBe(36);
  });

  it('resumes after Google fails a fetchAll of copies, and makes no form twice', () => {
    const { env, run } = fresh();
    env.runtime.failNext('UrlFetchApp.fetchAll', 'Address unavailable: https://www.googleapis.com');
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
