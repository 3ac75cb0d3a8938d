// « RETEX (données) », the one RETEX layout of both Google runtimes (src/google/retex-records.ts): what the REST
// runtime writes there, Apps Script's store reads as its own (and the reverse), and a workbook of an older REST version,
// its RETEX in « Données », is still read and moved there by the next write.
import { RETEX_DATA_SHEET, SheetRetexStore } from '../../../src/apps-script/retex/retex-store';
import { encodeRecord, type DataRecord } from '../../../src/google-api/data-tab';
import { RestRetexStore } from '../../../src/google-api/retex/rest-retex-store';
import type { RestStore } from '../../../src/google-api/rest-store';
import { splitForCells } from '../../../src/google/json-cells';
import { frWorkbookLayout } from '../../../src/google/messages';
import type { RetexSectionText } from '../../../src/domain/retex/document';
import { emptyWorkbook as emptyGasWorkbook } from '../../support/apps-script/harness';
import { sampleIssue } from '../../support/contract/retex-store-contract';
import { openEmptyWorkbook, type EmptyWorkbook } from '../../support/google-api/empty-workbook';
import type { FakeSheet } from '../../support/google-api/fake-workspace';
import { resetGoogleMocks } from '../../support/google-api/google-mocks';
import { TRICKY_TEXT } from '../../support/retex-season';

jest.setTimeout(60_000);

const texts: RetexSectionText[] = [
  {
    documentKey: 'transverse',
    sectionId: 'ins',
    text: 'Premier',
    author: 'a@ars.fr',
    at: '2022-06-01T08:00:00.000Z',
  },
  {
    documentKey: 'transverse',
    sectionId: 'ins',
    text: `${TRICKY_TEXT}\n=SOMME(A1:A2) 😀`,
    author: 'b@ars.fr',
    at: '2022-06-02T08:00:00.000Z',
  },
];

/** The same cells in an Apps Script workbook, read by its store (JsonRecordsTab over SpreadsheetApp). */
function appsScriptStoreOver(workbook: EmptyWorkbook): SheetRetexStore {
  const { env, rt } = emptyGasWorkbook();
  const sheet = env.container.sheet(RETEX_DATA_SHEET)!;
  workbook.fake.values(workbook.spreadsheetId, RETEX_DATA_SHEET).forEach((row, r) => {
    sheet.maxRows = Math.max(sheet.maxRows, r + 1);
    row.forEach((value, c) => sheet.setCell(r + 1, c + 1, { value }));
  });
  return new SheetRetexStore(rt.store.sheet(RETEX_DATA_SHEET));
}

describe('« RETEX (données) », one layout for both Google runtimes', () => {
  let workbook: EmptyWorkbook;
  let store: RestStore;
  beforeEach(async () => ({ workbook, store } = await openEmptyWorkbook()));
  afterEach(resetGoogleMocks);

  const tab = (title: string): FakeSheet | undefined =>
    workbook.fake.spreadsheet(workbook.spreadsheetId).sheets.find((s) => s.properties.title === title);

  it('holds texts and an issued version written by the REST runtime that the Apps Script store reads as its own', async () => {
    const issue = sampleIssue('V1');
    // Longer than a part: the issue is cut into several rows.
    issue.documents[0]!.model.values.section_context = `${'é'.repeat(45_000)}😀`;
    const rest = new RestRetexStore(store);
    for (const t of texts) rest.saveSectionText(t);
    rest.recordIssue(issue);
    rest.recordDocumentFile({
      label: 'V1',
      key: 'transverse',
      id: 'doc-1',
      url: 'https://docs.google.com/document/d/doc-1/edit',
      at: '2022-07-04T08:00:00.000Z',
      chart: 'image',
      complete: true,
    });
    rest.recordDocumentFile({
      label: 'V1',
      key: 'cas-usage:x',
      id: 'doc-2',
      url: 'https://docs.google.com/document/d/doc-2/edit',
      at: '2022-07-04T08:00:00.000Z',
      chart: 'none',
      complete: false,
    });
    await store.flush(workbook.adapters.sheets);

    const gas = appsScriptStoreOver(workbook);
    expect(gas.listSectionTexts()).toEqual(texts);
    expect(gas.listIssues('V1')).toEqual([issue]);
    expect(gas.listIssues()).toEqual(rest.listIssues());
    // The finished document is kept by Apps Script; the copy REST left unfinished is written again.
    expect([...gas.documentFiles('V1').keys()]).toEqual(['transverse']);
  });

  it('holds texts and an issued version written by Apps Script that the REST store reads as its own', async () => {
    const { env, rt } = emptyGasWorkbook();
    const gas = new SheetRetexStore(rt.store.sheet(RETEX_DATA_SHEET));
    const issue = sampleIssue('V1');
    for (const t of texts) gas.saveSectionText(t);
    gas.recordIssue(issue);
    const cells = env.container.sheet(RETEX_DATA_SHEET)!.cells;
    const rows = cells.map((row) => (row ?? []).map((cell) => cell?.value ?? ''));
    expect(cells.flat().some((cell) => cell?.formula !== undefined)).toBe(false);
    const target = tab(RETEX_DATA_SHEET)!;
    rows.forEach((row, i) =>
      target.setRow(
        i,
        row.map((v) => (typeof v === 'number' ? v : String(v))),
      ),
    );

    const rest = new RestRetexStore(await workbook.open());
    expect(rest.listSectionTexts()).toEqual(texts);
    expect(rest.listIssues()).toEqual([issue]);
  });

  describe('a workbook of an older REST version, its RETEX in « Données »', () => {
    const issue = sampleIssue('V1');
    const legacy = (): DataRecord[] => {
      const json = JSON.stringify(issue);
      // The older scheme: the issue in numbered pieces of 20,000 characters, keyed `<label>#<i>/<n>`.
      const pieces = splitForCells(json, 20_000);
      return [
        { kind: 'retexFolder', key: 'retex', value: { folderId: 'folder-1', url: 'https://drive/folder-1' } },
        {
          kind: 'retexTemplate',
          key: 'use-case',
          value: {
            kind: 'use-case',
            documentId: 'tpl-1',
            source: 'uc.docx',
            importedAt: '2022-05-12T08:00:00.000Z',
          },
        },
        ...texts.map((t): DataRecord => ({
          kind: 'retexText',
          key: `${t.documentKey} ${t.sectionId}`,
          value: t,
        })),
        ...pieces.map((value, i): DataRecord => ({
          kind: 'retexIssue',
          key: `V1#${i}/${pieces.length}`,
          value,
        })),
        {
          kind: 'retexDocument',
          key: 'V1|transverse',
          value: {
            label: 'V1',
            documentKey: 'transverse',
            documentId: 'doc-1',
            url: 'https://docs.google.com/document/d/doc-1/edit',
            chart: 'placeholder',
            complete: true,
          },
        },
      ];
    };

    beforeEach(() => {
      // As an older version installed it: no « RETEX (données) » tab, the RETEX rows in « Données ».
      const tabs = workbook.fake.spreadsheetData(workbook.spreadsheetId).sheets;
      tabs.splice(
        tabs.findIndex((s) => s.name === RETEX_DATA_SHEET),
        1,
      );
      for (const row of legacy().map(encodeRecord)) tab('Données')!.appendRow(row);
    });

    it('is read as before, and its RETEX records go to « RETEX (données) » with the next write, once', async () => {
      const older = await workbook.open();
      const before = new RestRetexStore(older);
      expect(before.listSectionTexts()).toEqual(texts);
      expect(before.listIssues()).toEqual([issue]);
      expect(before.folder()).toEqual({ folderId: 'folder-1', url: 'https://drive/folder-1' });
      expect(before.templates().get('use-case')?.documentId).toBe('tpl-1');
      expect(before.documentFiles('V1').get('transverse')).toMatchObject({
        id: 'doc-1',
        chart: 'placeholder',
      });

      // The next write (here a section text saved) carries the migration, in the same one values write.
      const writes = workbook.fake.count('values.batchUpdate');
      before.saveSectionText({ ...texts[0]!, text: 'Après', at: '2022-06-03T08:00:00.000Z' });
      await older.flush(workbook.adapters.sheets);
      expect(workbook.fake.count('values.batchUpdate') - writes).toBe(1);
      const made = tab(RETEX_DATA_SHEET)!;
      expect(made.properties.hidden).toBe(true);
      expect(workbook.fake.values(workbook.spreadsheetId, RETEX_DATA_SHEET)[0]).toEqual([
        ...frWorkbookLayout.recordsTabHeader,
      ]);

      const reopened = await workbook.open();
      expect(reopened.pendingCount).toBe(0);
      const after = new RestRetexStore(reopened);
      expect(after.listSectionTexts()).toEqual([
        ...texts,
        { ...texts[0]!, text: 'Après', at: '2022-06-03T08:00:00.000Z' },
      ]);
      expect(after.listIssues()).toEqual([issue]);
      expect(after.folder()).toEqual(before.folder());
      expect(after.templates()).toEqual(before.templates());
      // Written once: reopening does not move « Données »'s copies again.
      const rows = workbook.fake.values(workbook.spreadsheetId, RETEX_DATA_SHEET).slice(1);
      expect(rows.filter((r) => r[0] === 'issue' && r[2] === 1)).toHaveLength(1);

      // And Apps Script's store reads the moved records as its own.
      const gas = appsScriptStoreOver(workbook);
      expect(gas.listIssues()).toEqual([issue]);
      expect(gas.listSectionTexts()).toEqual(after.listSectionTexts());
      expect(gas.documentFiles('V1').get('transverse')?.id).toBe('doc-1');
    });

    it('still refuses an issue that lost a piece in « Données », rather than moving half of it', async () => {
      const data = tab('Données')!;
      const row = data.cells.findIndex((r) => r[0] === 'retexIssue' && String(r[1]).startsWith('V1#0/'));
      data.removeRow(row);
      await expect(workbook.open()).rejects.toMatchObject({ code: 'BAD_REPLY', details: /V1/ });
    });
  });
});
