// The built bundle is what Google runs: an ES2020 script (no modules, no class fields), naming no global Apps
// Script lacks, with every entry point a top-level function the triggers and the menu can call by name.
import fs from 'node:fs';
import path from 'node:path';
import * as acorn from 'acorn';
import { Linter } from 'eslint';
import { BUNDLE_FILE } from '../support/gas/bundle';
import { MENU_ITEMS, OTHERS_MENU_ITEMS } from '../../src/apps-script/menu';
import { HANDLERS } from '../../src/apps-script/triggers';

const code = fs.readFileSync(BUNDLE_FILE, 'utf8');
const APPS_SCRIPT_GLOBALS = [
  'SpreadsheetApp',
  'FormApp',
  'DriveApp',
  'DocumentApp',
  'Charts',
  'ScriptApp',
  'LockService',
  'PropertiesService',
  'MailApp',
  'Session',
  'Utilities',
  'Sheets',
  'UrlFetchApp',
  'Docs',
  'console',
];
const ENTRY_POINTS = [
  'onOpen',
  'install',
  'resumeInstall',
  'handleFormSubmit',
  'handleEdit',
  'weeklyTick',
  'refreshSummary',
  'sendReminders',
  'buildRetexV1',
  'buildRetexVF',
  'resumeRetex',
  'catchUpResponses',
  'readFormResponses',
  'smokeGoogle',
  'explainAccess',
  'prepareAccompaniment',
  'committeePack',
];

describe('dist/apps-script/Code.js', () => {
  it('parses as an ECMAScript 2020 script', () => {
    expect(() => acorn.parse(code, { ecmaVersion: 2020, sourceType: 'script' })).not.toThrow();
  });

  it('refers to no global but the Apps Script services and console (no require, process, setTimeout, fetch, URL)', () => {
    const messages = new Linter({ configType: 'flat' }).verify(code, [
      {
        languageOptions: { ecmaVersion: 2020, sourceType: 'script', globals: {} },
        // The sources' own eslint comments survive bundling; only undefined globals matter here.
        linterOptions: { reportUnusedDisableDirectives: 'off' },
        rules: { 'no-undef': 'error' },
      },
    ]);
    const undeclared = new Set(
      messages.map((m) => /'(.+)' is not defined/.exec(m.message)?.[1] ?? m.message),
    );
    expect([...undeclared].sort()).toEqual([...APPS_SCRIPT_GLOBALS].sort());
    for (const name of [
      'require',
      'process',
      'setTimeout',
      'setInterval',
      'fetch',
      'URL',
      'Buffer',
      'TextEncoder',
    ])
      expect(undeclared.has(name)).toBe(false);
  });

  it('defines every entry point as a top-level function', () => {
    const program = acorn.parse(code, { ecmaVersion: 2020, sourceType: 'script' }) as unknown as {
      body: Array<{ type: string; id?: { name: string } }>;
    };
    const functions = program.body.filter((n) => n.type === 'FunctionDeclaration').map((n) => n.id?.name);
    expect(functions.sort()).toEqual([...ENTRY_POINTS].sort());
  });

  it('names only top-level functions in its menu and triggers', () => {
    for (const [, fn] of [...MENU_ITEMS, ...OTHERS_MENU_ITEMS]) expect(ENTRY_POINTS).toContain(fn);
    for (const fn of Object.values(HANDLERS)) expect(ENTRY_POINTS).toContain(fn);
  });

  it('ships a manifest in Paris time, on V8, with explicit scopes, runnable through the API by its owner only', () => {
    const manifest = JSON.parse(
      fs.readFileSync(path.join(path.dirname(BUNDLE_FILE), 'appsscript.json'), 'utf8'),
    ) as {
      timeZone: string;
      runtimeVersion: string;
      exceptionLogging: string;
      oauthScopes: string[];
      dependencies: { enabledAdvancedServices: Array<{ userSymbol: string; version: string }> };
    };
    // executionApi: what `clasp run-function` (npm run smoke:google) needs; MYSELF = only the account that
    // deployed it (« Web apps and API executables manifest resource »,
    // https://developers.google.com/apps-script/manifest/web-app-api-executable).
    expect(manifest).toMatchObject({
      timeZone: 'Europe/Paris',
      runtimeVersion: 'V8',
      exceptionLogging: 'STACKDRIVER',
      executionApi: { access: 'MYSELF' },
    });
    expect(manifest.oauthScopes).toEqual(
      expect.arrayContaining([
        'https://www.googleapis.com/auth/spreadsheets',
        'https://www.googleapis.com/auth/forms',
        'https://www.googleapis.com/auth/script.scriptapp',
        'https://www.googleapis.com/auth/script.send_mail',
        // UrlFetchApp.fetchAll of Drive API copies (install.ts copyAhead).
        'https://www.googleapis.com/auth/script.external_request',
        'https://www.googleapis.com/auth/drive',
      ]),
    );
    // Sheets: the workbook's layout and protections in one batch; Drive: enabling it turns on the Drive API that
    // the fetchAll copies call (« Advanced Google services », https://developers.google.com/apps-script/guides/services/advanced).
    expect(manifest.dependencies.enabledAdvancedServices.map((s) => `${s.userSymbol} ${s.version}`)).toEqual(
      expect.arrayContaining(['Sheets v4', 'Drive v3']),
    );
  });
});
