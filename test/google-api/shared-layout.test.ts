// What the Apps Script store's code path makes of a workbook the REST runtime wrote, both through the codec of
// src/google (pure: the REST workbook's cells on the nock fake, decoded as Apps Script decodes them). The Journal is
// already one layout: its rows read the same in both. The rest of a REST workbook is still the older layout (its
// records in « Données »): Apps Script recognises it and refuses it with the French message, instead of failing on
// a blank record cell. The contract test with both runtimes on one fake is not here (it needs the single fake).
import { columnLetter } from '../../src/domain/workbook/a1';
import { SUIVI_HEADER_ROWS } from '../../src/domain/workbook/suivi-sheet';
import { decodeSuiviRecords, journalEntryOfRow } from '../../src/google/workbook-codec';
import { olderLayoutProblem, suiviHiddenColumns } from '../../src/google/workbook-layout';
import { instantFromDateTimeSerial } from '../../src/google/cell-values';
import { defaultProject, seededStore } from '../support/project';
import { emptyWorkbook } from '../support/google-api/empty-workbook';
import { FakeWorkspace } from '../support/google-api/fake-workspace';
import { mockWorkspace, resetGoogleMocks, setupGoogleMocks } from '../support/google-api/google-mocks';

jest.setTimeout(60_000);

describe('a workbook written by the REST runtime, read through the shared codec', () => {
  let workbook: Awaited<ReturnType<typeof emptyWorkbook>>;
  beforeEach(async () => {
    setupGoogleMocks();
    const fake = new FakeWorkspace();
    mockWorkspace(fake);
    workbook = await emptyWorkbook(fake);
    const store = await workbook.open();
    seededStore(store);
    store.transaction(() =>
      store.appendJournal({
        at: '2022-05-16T07:00:05.000Z',
        kind: 'reminder',
        actor: 'suivi-mes',
        role: 'system',
        target: 'gh-cochin',
        summary: 'Relance envoyée 😀',
      }),
    );
    await store.flush(workbook.adapters.sheets);
  });
  afterEach(resetGoogleMocks);

  it('has Journal rows that the Apps Script code path reads as the REST store does', async () => {
    const rows = workbook.fake.values(workbook.spreadsheetId, 'Journal').slice(1);
    // Apps Script reads a date-time cell as a Date (its text: the ISO instant); the fake gives the serial.
    const decoded = rows.map((row) =>
      journalEntryOfRow(
        row.map((v, i) => (i === 0 && typeof v === 'number' ? instantFromDateTimeSerial(v) : String(v))),
      ),
    );
    const reopened = await workbook.open();
    expect(decoded).toEqual(reopened.listJournal());
    expect(decoded.at(-1)).toMatchObject({
      kind: 'reminder',
      summary: 'Relance envoyée 😀',
      target: 'gh-cochin',
    });
  });

  it('is recognised by the Apps Script code path as the older layout and refused with the French message', () => {
    const tracking = defaultProject().tracking;
    const { keyCol, recordCol } = suiviHiddenColumns(tracking);
    const suivi = workbook.fake.values(workbook.spreadsheetId, 'Suivi');
    expect(suivi.length).toBeGreaterThan(SUIVI_HEADER_ROWS);
    const titles = new Set(
      workbook.fake.spreadsheet(workbook.spreadsheetId).sheets.map((s) => s.properties.title),
    );
    const problem = () => olderLayoutProblem((t) => titles.has(t));
    expect(() =>
      decodeSuiviRecords(
        suivi.map((row) => [String(row[keyCol - 1] ?? ''), String(row[recordCol - 1] ?? '')] as const),
        SUIVI_HEADER_ROWS,
        columnLetter(recordCol - 1),
        problem,
      ),
    ).toThrow(
      /ancienne version de « suivi-mes google ».*Continuez à le piloter avec « suivi-mes google sync »/,
    );
  });
});
