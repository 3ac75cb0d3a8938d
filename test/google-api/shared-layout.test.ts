// What the Apps Script store's code path makes of a workbook the REST runtime wrote, both through the codec of
// src/google (pure: the REST workbook's cells on the nock fake, decoded as Apps Script decodes them). The Journal,
// Historique's versions, and Suivi's per-row records with the meta cell are one layout: they read the same in both.
// The REST runtime still keeps its forms and shares in « Données » (its RETEX: retex/retex-layout.test.ts), so Apps Script still
// recognises such a workbook as the older layout and refuses it with the French message. A workbook of an older REST
// version (rows without a record) is migrated by the next sync. The contract test with both runtimes on one fake is
// not here (it needs the single fake).
import { modificationsOf } from '../support/google-api/modifications';
import { columnLetter } from '../../src/domain/workbook/a1';
import { decodeRecords } from '../../src/google-api/data-tab';
import { loadSnapshot, RestStore } from '../../src/google-api/rest-store';
import { sync } from '../../src/google-api/sync';
import { frWorkbookLayout } from '../../src/google/messages';
import { parseReportVersion } from '../../src/google/stored-json';
import { historyJsonColumn } from '../../src/google/workbook-layout';
import { SUIVI_HEADER_ROWS } from '../../src/domain/workbook/suivi-sheet';
import { decodeSuiviRecords, journalEntryOfRow } from '../../src/google/workbook-codec';
import { olderLayoutProblem, suiviHiddenColumns } from '../../src/google/workbook-layout';
import { instantFromDateTimeSerial } from '../../src/google/cell-values';
import { defaultProject, FixedClock, seededStore, weeklyAnswers } from '../support/project';
import { respond } from '../support/google-api/respond';
import { suiviKey } from '../support/google-api/suivi-key';
import { emptyWorkbook } from '../support/google-api/empty-workbook';
import { FakeWorkspace } from '../support/google-api/fake-workspace';
import {
  installedWorkspace,
  mockWorkspace,
  resetGoogleMocks,
  setupGoogleMocks,
  testAdapters,
} from '../support/google-api/google-mocks';

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
    // As an older REST version left it: rows without a record (its records were all in « Données »).
    const suivi = workbook.fake
      .values(workbook.spreadsheetId, 'Suivi')
      .map((row) => row.map((v, i) => (i === recordCol - 1 ? '' : v)));
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

describe('a workbook installed and synced by the REST runtime: Suivi records and meta cell', () => {
  const tracking = defaultProject().tracking;
  const { keyCol, recordCol } = suiviHiddenColumns(tracking);
  let fake: FakeWorkspace;
  let spreadsheetId: string;
  const runSync = (now = '2022-06-10T12:00:00+02:00') => {
    const { adapters, google } = testAdapters();
    return sync(adapters, google, {
      project: defaultProject(),
      spreadsheetId,
      clock: new FixedClock(new Date(now)),
    });
  };
  const open = async () => {
    const { adapters } = testAdapters();
    return new RestStore(tracking, await loadSnapshot(adapters.sheets, spreadsheetId, tracking));
  };
  const suiviTab = () => fake.spreadsheet(spreadsheetId).sheets.find((s) => s.properties.title === 'Suivi')!;
  /** Suivi's records and meta cell, decoded by the Apps Script store's code path. */
  const decoded = () =>
    decodeSuiviRecords(
      fake
        .values(spreadsheetId, 'Suivi')
        .map((row) => [String(row[keyCol - 1] ?? ''), String(row[recordCol - 1] ?? '')] as const),
      SUIVI_HEADER_ROWS,
      columnLetter(recordCol - 1),
    );
  const historyVersions = () =>
    fake
      .values(spreadsheetId, 'Historique')
      .slice(1)
      .map((row, i) => parseReportVersion(String(row[historyJsonColumn(tracking) - 1]), `row ${i + 2}`));

  beforeEach(async () => {
    ({ fake, spreadsheetId } = await installedWorkspace({ adminEmail: 'admin@ars.fr' }));
    respond(
      fake,
      spreadsheetId,
      'gh-cochin',
      { ...weeklyAnswers({ dmp_fed: 7 }), week: '2022-W23' },
      '2022-06-10T08:00:00Z',
    );
    // A week not open yet: refused, and kept as seen in its row's record.
    respond(
      fake,
      spreadsheetId,
      'gh-cochin',
      { ...weeklyAnswers(), week: '2022-W30' },
      '2022-06-10T08:30:00Z',
    );
    // An ARS action typed in the sheet: recorded as the row's ARS/ANS values.
    suiviTab().setCell(
      suiviTab().cells.findIndex((r) => suiviKey(r) === 'gh-cochin/uc1'),
      tracking.columns.findIndex((c) => c.id === 'actions'),
      'Relance de l’éditeur 😀',
    );
    const result = await runSync();
    expect(result).toMatchObject({ accepted: 1, refused: 1, sheetEdits: { saved: 1, restored: 0 } });
  });
  afterEach(resetGoogleMocks);

  it('gives the Apps Script code path the same establishments, ledgers, ARS/ANS values and seen submissions', async () => {
    const store = await open();
    const { meta, rows } = decoded();
    // One record per Suivi row, in a hidden column headed as Apps Script heads it.
    expect(rows.map((r) => r.key).sort()).toEqual(
      store
        .listEstablishments()
        .flatMap((e) => e.useCases.map((u) => `${e.id}/${u.id}`))
        .sort(),
    );
    expect(fake.values(spreadsheetId, 'Suivi')[0]?.[recordCol - 1]).toBe(frWorkbookLayout.suiviRecordColumn);
    const suivi = fake.spreadsheet(spreadsheetId).sheets.find((s) => s.properties.title === 'Suivi')!;
    expect(suivi.properties.gridProperties!.columnCount).toBeGreaterThanOrEqual(recordCol);
    for (const { key, record } of rows) {
      expect(record.establishment).toEqual(store.getEstablishment(record.establishment.id));
      expect(record.ledger).toEqual(store.rowLedger(key));
      expect(record.annotations).toEqual(store.annotations(key));
    }
    const cochin = rows.find((r) => r.key === 'gh-cochin/uc1')!.record;
    expect(cochin.annotations).toMatchObject({ actions: 'Relance de l’éditeur 😀' });
    expect(cochin.ledger).toEqual([expect.objectContaining({ week: '2022-W23', version: 1 })]);
    // Every version in Historique and the refusal are seen, by the record of their row.
    const versions = historyVersions();
    expect(versions).toHaveLength(1);
    expect(cochin.submissions).toEqual(expect.arrayContaining(versions.map((v) => v.submissionId)));
    expect(cochin.submissions).toHaveLength(2);
    expect(cochin.submissions.every((id) => store.hasSubmission(id))).toBe(true);
    // The week's current version is found in Historique by the record's submission id, as Apps Script finds it.
    const current = versions.find((v) => v.submissionId === cochin.versions['2022-W23']);
    expect(current).toEqual(store.reportVersion('gh-cochin/uc1', '2022-W23'));
    expect(meta).toMatchObject({ v: 1, orphans: [] });
    // The ARS edit is in Modifications, decoded by the Apps Script code path as the REST store reads it.
    expect(modificationsOf(fake, spreadsheetId)).toEqual(store.listCellChanges());
    expect(store.listCellChanges()).toEqual([
      expect.objectContaining({ scope: 'annotation', target: 'gh-cochin/uc1', columnId: 'actions' }),
    ]);
    // Neither establishments, refusals nor cell changes are copied into « Données » any more.
    const data = decodeRecords(fake.values(spreadsheetId, 'Données').slice(1));
    expect(data.filter((r) => ['establishment', 'refusal', 'change'].includes(r.kind))).toEqual([]);
  });

  it('reads a workbook of an older REST version from « Données » and moves its records to Suivi at the next sync', async () => {
    const before = await open();
    const { rows } = decoded();
    // As an older version left it: no record column, establishments and refusals in « Données ».
    const book = fake.spreadsheetData(spreadsheetId);
    const suivi = book.sheet('Suivi')!;
    for (const row of suivi.cells) row?.splice(recordCol - 1);
    suivi.maxColumns = recordCol - 1;
    const data = fake.spreadsheet(spreadsheetId).sheets.find((s) => s.properties.title === 'Données')!;
    for (const e of before.listEstablishments()) data.appendRow(['establishment', e.id, JSON.stringify(e)]);
    const refused = rows
      .flatMap((r) => r.record.submissions)
      .filter((id) => !historyVersions().some((v) => v.submissionId === id));
    expect(refused).toHaveLength(1);
    for (const id of refused) data.appendRow(['refusal', id, '{}']);
    // Nor a Modifications tab: its cell changes were in « Données » too.
    for (const c of before.listCellChanges()) data.appendRow(['change', c.target, JSON.stringify(c)]);
    book.sheets = book.sheets.filter((s) => s.name !== 'Modifications');

    const older = await open();
    expect(older.listEstablishments()).toEqual(before.listEstablishments());
    expect(older.hasSubmission(refused[0]!)).toBe(true);
    expect(older.annotations('gh-cochin/uc1')).toEqual(before.annotations('gh-cochin/uc1'));
    expect(older.listCellChanges()).toEqual(before.listCellChanges());

    const writes = fake.count('values.batchUpdate');
    const reads = fake.count('values.batchGet');
    await runSync('2022-06-10T13:00:00+02:00');
    // Still one snapshot read and one records write (then the summary's values).
    expect(fake.count('values.batchGet') - reads).toBe(1);
    expect(fake.count('values.batchUpdate') - writes).toBe(2);
    const migrated = decoded();
    expect(migrated.rows.map((r) => r.key)).toEqual(rows.map((r) => r.key));
    for (const { key, record } of migrated.rows) {
      expect(record.establishment).toEqual(before.getEstablishment(record.establishment.id));
      expect(record.ledger).toEqual(before.rowLedger(key));
      expect(record.annotations).toEqual(before.annotations(key));
    }
    // The older layout's refusals had no row: the meta cell keeps them, as Apps Script reads them.
    expect(migrated.meta.orphans).toEqual(refused);
    const after = await open();
    expect(after.pendingCount).toBe(0);
    expect(after.listEstablishments()).toEqual(before.listEstablishments());
    expect(after.listCellChanges()).toEqual(before.listCellChanges());

    // The next cell change makes the Modifications tab, as install draws it, and goes there.
    suiviTab().setCell(
      suiviTab().cells.findIndex((r) => suiviKey(r) === 'gh-cochin/uc1'),
      tracking.columns.findIndex((c) => c.id === 'actions'),
      'Deuxième relance',
    );
    await runSync('2022-06-10T14:00:00+02:00');
    const modifications = fake
      .spreadsheet(spreadsheetId)
      .sheets.find((s) => s.properties.title === 'Modifications');
    expect(modifications?.properties.hidden).toBe(true);
    expect(fake.values(spreadsheetId, 'Modifications')[0]).toEqual([...frWorkbookLayout.modificationsHeader]);
    const added = modificationsOf(fake, spreadsheetId);
    expect(added).toEqual([expect.objectContaining({ columnId: 'actions', value: 'Deuxième relance' })]);
    expect((await open()).listCellChanges()).toEqual([...before.listCellChanges(), ...added]);
  });
});
