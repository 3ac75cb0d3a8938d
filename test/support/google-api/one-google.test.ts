// One fake Google behind both runtimes: the REST façade (nock, fake-workspace.ts) and the Apps Script emulator
// (../gas/) serve the same spreadsheet objects, so what the CLI draws through the Sheets API is what SpreadsheetApp
// opens, and what a script writes is what values.batchGet reads — the ground of the REST / Apps Script contract test.
import { createGasEnvironment, ProtectedCellError } from '../gas/environment';
import { serialOf } from '../gas/sheet-data';
import { FakeWorkspace, type Value } from './fake-workspace';
import { installedWorkspace, resetGoogleMocks, testAdapters } from './google-mocks';

const ADMIN = 'admin@ars.fr';

// Each test runs `google install` (a few seconds on a loaded machine).
jest.setTimeout(60_000);

afterEach(resetGoogleMocks);

/** Rows as values.batchGet gives them: dates as serial numbers, trailing empty cells and rows left out. */
function trimmed(rows: unknown[][], timeZone: string): Value[][] {
  const out = rows.map((row) => {
    const r = row.map((v) => (v instanceof Date ? serialOf(v, timeZone) : (v as Value)));
    while (r.length > 0 && r[r.length - 1] === '') r.pop();
    return r;
  });
  while (out.length > 0 && out[out.length - 1]?.length === 0) out.pop();
  return out;
}

async function installed() {
  const env = createGasEnvironment({ owner: ADMIN });
  const fake = new FakeWorkspace(env);
  const { spreadsheetId } = await installedWorkspace({ fake, adminEmail: ADMIN });
  return { env, fake, spreadsheetId };
}

describe('one fake Google for the REST runtime and the Apps Script emulator', () => {
  it('opens with SpreadsheetApp the workbook `google install` drew through REST: same tabs, cells and protections', async () => {
    const { env, fake, spreadsheetId } = await installed();
    const seen = env.execute('inspect', () => {
      const app = env.globals.SpreadsheetApp;
      const ss = app.openById(spreadsheetId);
      return {
        tabs: ss.getSheets().map((s) => s.getName()),
        cells: Object.fromEntries(
          ss.getSheets().map((s) => [s.getName(), s.getLastRow() > 0 ? s.getDataRange().getValues() : []]),
        ),
        protections: [
          ...ss.getProtections(app.ProtectionType.RANGE),
          ...ss.getProtections(app.ProtectionType.SHEET),
        ]
          .map(
            (p) =>
              `${p.getDescription()} ${p
                .getEditors()
                .map((u) => u.getEmail())
                .sort()
                .join(' ')}`,
          )
          .sort(),
      };
    });
    const rest = fake.spreadsheet(spreadsheetId);
    expect(seen.tabs).toEqual(rest.sheets.map((s) => s.properties.title));
    expect(seen.tabs).toContain('Suivi');
    const timeZone = fake.spreadsheetData(spreadsheetId).timeZone;
    for (const tab of seen.tabs)
      expect(trimmed(seen.cells[tab] ?? [], timeZone)).toEqual(fake.values(spreadsheetId, tab));
    expect(fake.values(spreadsheetId, 'Suivi').length).toBeGreaterThan(1);
    const restProtections = rest.sheets
      .flatMap((s) => s.protectedRanges)
      .map((p) => `${p.description ?? ''} ${[...(p.editors?.users ?? [])].sort().join(' ')}`)
      .sort();
    expect(restProtections.length).toBeGreaterThan(0);
    expect(seen.protections).toEqual(restProtections);
  });

  it('reads through values.batchGet and spreadsheets.get what a script bound to the spreadsheet wrote', async () => {
    const { env, spreadsheetId } = await installed();
    env.sheets.containerId = spreadsheetId;
    env.execute('write', () => {
      const ss = env.globals.SpreadsheetApp.getActiveSpreadsheet();
      const journal = ss?.getSheetByName('Journal');
      if (!ss || !journal) throw new Error('no bound spreadsheet with a Journal tab');
      journal.appendRow(['écrit par Apps Script', 42]);
      const scratch = ss.insertSheet('Brouillon', ss.getSheets().length);
      scratch.protect().setDescription('posée par Apps Script');
    });
    const { adapters } = testAdapters();
    const [journal] = await adapters.sheets.batchGet(spreadsheetId, ["'Journal'!A1:Z"]);
    expect(journal?.at(-1)).toEqual(['écrit par Apps Script', 42]);
    const described = await adapters.sheets.describe(spreadsheetId);
    const scratch = described.sheets?.find((s) => s.properties?.title === 'Brouillon');
    expect(scratch?.protectedRanges?.map((p) => p.description)).toEqual(['posée par Apps Script']);
  });

  it('lets a person shared as writer through the Drive API type where no protection forbids it, until withdrawn', async () => {
    const { env, spreadsheetId } = await installed();
    const { adapters } = testAdapters();
    await adapters.sheets.batchUpdate(spreadsheetId, [{ addSheet: { properties: { title: 'Brouillon' } } }]);
    const binome = 'binome@ars.fr';
    const type = (tab: string) => () => env.edit(binome, spreadsheetId, tab, 'A1', 'saisi');
    expect(type('Brouillon')).toThrow(ProtectedCellError);
    const permissionId = await adapters.drive.share(spreadsheetId, {
      type: 'user',
      role: 'writer',
      emailAddress: binome,
    });
    type('Brouillon')();
    expect(env.sheets.get(spreadsheetId).sheet('Brouillon')?.cell(1, 1)?.value).toBe('saisi');
    // « Données » is protected for the owner alone (install's protection, through the REST batch).
    expect(type('Données')).toThrow(ProtectedCellError);
    await adapters.drive.unshare(spreadsheetId, permissionId);
    expect(type('Brouillon')).toThrow(ProtectedCellError);
  });
});
