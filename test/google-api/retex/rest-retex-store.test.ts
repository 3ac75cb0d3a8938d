// The REST RetexStore: the shared RETEX store contract on a workbook served by the fake Workspace over nock, and the
// parts an issued version is cut into in « RETEX (données) » (the records-tab layout Apps Script reads) so that no
// cell exceeds Google's 50,000 characters.
import { describeRetexStoreContract, sampleIssue } from '../../support/contract/retex-store-contract';
import { RestRetexStore } from '../../../src/google-api/retex/rest-retex-store';
import { hasUnsafeCharacters } from '../../../src/domain/safe-text';
import type { RestStore } from '../../../src/google-api/rest-store';
import { decodeRecords } from '../../../src/google-api/data-tab';
import { readRecordRows } from '../../../src/google/json-cells';
import { resetGoogleMocks } from '../../support/google-api/google-mocks';
import { openEmptyWorkbook, type EmptyWorkbook } from '../../support/google-api/empty-workbook';

// Each test drives dozens of calls through nock and the fakes: far from the default 5 s on a loaded machine.
jest.setTimeout(60_000);

const GOOGLE_CELL_LIMIT = 50_000;

describe('RestRetexStore on nock', () => {
  let workbook: EmptyWorkbook;
  let store: RestStore;
  beforeEach(async () => ({ workbook, store } = await openEmptyWorkbook()));
  afterEach(resetGoogleMocks);

  describeRetexStoreContract('REST (Sheets on nock)', () => ({
    store: new RestRetexStore(store),
    reopenAsync: async () => {
      await store.flush(workbook.adapters.sheets);
      return new RestRetexStore(await workbook.open());
    },
  }));

  it('keeps a large issue in « RETEX (données) » as parts that each fit a cell, and reads it back whole', async () => {
    const issue = sampleIssue('V1');
    const quoted = '"\\'.repeat(30_000);
    issue.documents[0]!.model.values.section_context = quoted;
    new RestRetexStore(store).recordIssue(issue);
    await store.flush(workbook.adapters.sheets);
    const rows = workbook.fake.values(workbook.spreadsheetId, 'RETEX (données)').slice(1);
    // The records-tab layout both Google runtimes share: kind, key, part, parts, JSON.
    const parts = rows.filter((r) => r[0] === 'issue' && r[1] === 'V1');
    expect(parts.length).toBeGreaterThan(2);
    expect(parts.map((r) => [r[2], r[3]])).toEqual(parts.map((_, i) => [i + 1, parts.length]));
    expect(parts.every((r) => String(r[4]).length <= GOOGLE_CELL_LIMIT)).toBe(true);
    expect(
      readRecordRows(
        rows.map((r) => r.map(String)),
        'RETEX (données)',
      ),
    ).toHaveLength(1);
    // Nothing of it in « Données » any more.
    expect(decodeRecords(workbook.fake.values(workbook.spreadsheetId, 'Données').slice(1))).toEqual([]);
    expect(new RestRetexStore(await workbook.open()).listIssues('V1')).toEqual([issue]);
  });

  it('refuses a workbook whose issue lost a part rather than reading half of it', async () => {
    new RestRetexStore(store).recordIssue(sampleIssue('V1'));
    await store.flush(workbook.adapters.sheets);
    const sheet = workbook.fake
      .spreadsheet(workbook.spreadsheetId)
      .sheets.find((s) => s.properties.title === 'RETEX (données)')!;
    const row = sheet.cells.findIndex((r) => r[0] === 'issue' && r[2] === 1);
    sheet.removeRow(row);
    await expect(workbook.open()).rejects.toMatchObject({
      code: 'BAD_REPLY',
      userMessage: expect.stringMatching(/onglet caché « RETEX \(données\) » du classeur est illisible/),
    });
  });

  it('refuses a record edited by hand, in French, rather than hand out a wrong text', async () => {
    new RestRetexStore(store).saveSectionText({
      documentKey: 'transverse',
      sectionId: 'ins',
      text: 'Premier',
      author: 'a@ars.fr',
      at: '2022-06-01T08:00:00.000Z',
    });
    await store.flush(workbook.adapters.sheets);
    const sheet = workbook.fake
      .spreadsheet(workbook.spreadsheetId)
      .sheets.find((s) => s.properties.title === 'RETEX (données)')!;
    const row = sheet.cells.findIndex((r) => r[0] === 'section-text');
    sheet.setCell(row, 4, '{"documentKey":"transverse"}');
    const reopened = new RestRetexStore(await workbook.open());
    expect(() => reopened.listSectionTexts()).toThrow(
      expect.objectContaining({ code: 'BAD_REPLY', details: expect.stringMatching(/section-text/) }),
    );
  });

  it('never cuts an emoji in two, whichever half a piece boundary falls on', async () => {
    // The same emoji run one unit apart: at least one of the two issues has a boundary inside a surrogate pair.
    const issues = (['V1', 'V1.1'] as const).map((label, shift) => {
      const issue = sampleIssue(label);
      issue.documents[0]!.model.values.section_context = `${'x'.repeat(shift)}${'😀'.repeat(25_000)}`;
      new RestRetexStore(store).recordIssue(issue);
      return issue;
    });
    await store.flush(workbook.adapters.sheets);
    const cells = workbook.fake
      .values(workbook.spreadsheetId, 'RETEX (données)')
      .filter((r) => r[0] === 'issue')
      .map((r) => String(r[4]));
    expect(cells.some(hasUnsafeCharacters)).toBe(false);
    const reopened = new RestRetexStore(await workbook.open());
    expect(reopened.listIssues()).toEqual(issues);
  });
});
