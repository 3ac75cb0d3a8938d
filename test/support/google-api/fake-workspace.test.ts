// The REST façade over the emulator's spreadsheet model: Google's 10-million-cell limit per spreadsheet (every
// tab's rows × columns, blank cells included), checked on each growing subrequest of a batch with the error Sheets
// returns, the batch atomic; and its value writes, through the emulator's updateCells.
import { CELL_LIMIT_MESSAGE } from '../gas/sheet-data';
import { FakeHttpError, FakeWorkspace } from './fake-workspace';

function nearlyFull(free: number): { fake: FakeWorkspace; id: string } {
  const fake = new FakeWorkspace();
  const id = fake.createSpreadsheet({ properties: { title: 'Suivi' } }).id;
  // The first tab is 1000 × 26; one tall tab of one column takes the rest but `free` cells.
  const rows = 10_000_000 - 26_000 - free;
  fake.batchUpdate(id, {
    requests: [
      { addSheet: { properties: { title: 'Gros', gridProperties: { rowCount: rows, columnCount: 1 } } } },
    ],
  });
  return { fake, id };
}

function refusal(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof FakeHttpError) return JSON.stringify(error.body);
    throw error;
  }
  throw new Error('the request was accepted');
}

describe('the REST fake’s 10-million-cell limit', () => {
  it('gives a new tab 1000 × 26 unless told, and refuses the one that would pass the limit, naming it', () => {
    const { fake, id } = nearlyFull(26_000);
    fake.batchUpdate(id, { requests: [{ addSheet: { properties: { title: 'Juste' } } }] });
    expect(fake.spreadsheet(id).sheets.at(-1)?.properties.gridProperties).toEqual({
      rowCount: 1000,
      columnCount: 26,
    });
    expect(
      refusal(() =>
        fake.batchUpdate(id, {
          requests: [
            { addSheet: { properties: { title: 'Petit', gridProperties: { rowCount: 1, columnCount: 1 } } } },
          ],
        }),
      ),
    ).toContain(`Invalid requests[0].addSheet: ${CELL_LIMIT_MESSAGE}`);
  });

  it('refuses appended and inserted rows or columns past the limit, and applies nothing of the batch', () => {
    const { fake, id } = nearlyFull(2);
    const gros = fake.spreadsheet(id).sheets[1]!.properties.sheetId;
    fake.batchUpdate(id, {
      requests: [{ appendDimension: { sheetId: gros, dimension: 'ROWS', length: 1 } }],
    });
    expect(
      refusal(() =>
        fake.batchUpdate(id, {
          requests: [
            { addSheet: { properties: { title: 'Avant', gridProperties: { rowCount: 1, columnCount: 1 } } } },
            {
              insertDimension: {
                range: { sheetId: 0, dimension: 'COLUMNS', startIndex: 0, endIndex: 1 },
              },
            },
          ],
        }),
      ),
    ).toContain(`Invalid requests[1].insertDimension: ${CELL_LIMIT_MESSAGE}`);
    expect(fake.spreadsheet(id).sheets.map((s) => s.properties.title)).toEqual(['Feuille 1', 'Gros']);
    expect(
      refusal(() =>
        fake.batchUpdate(id, {
          requests: [{ appendDimension: { sheetId: 0, dimension: 'ROWS', length: 1 } }],
        }),
      ),
    ).toContain(CELL_LIMIT_MESSAGE);
  });
});

describe('the REST façade’s value writes, through the emulator’s updateCells', () => {
  it('refuses data wider than the range it names, and applies nothing of the call', () => {
    const fake = new FakeWorkspace();
    const id = fake.createSpreadsheet({ properties: { title: 'Suivi' } }).id;
    expect(
      refusal(() =>
        fake.valuesBatchUpdate(id, {
          valueInputOption: 'RAW',
          data: [
            { range: "'Feuille 1'!A1", values: [['gardé ?']] },
            { range: "'Feuille 1'!A2:B2", values: [['a', 'b', 'c']] },
          ],
        }),
      ),
    ).toContain("Requested writing within range ['Feuille 1'!A2:B2], but tried writing to column [C]");
    expect(fake.values(id, 'Feuille 1')).toEqual([]);
  });

  it('keeps a RAW string as text (never a formula) and reads a date cell back as its serial number', () => {
    const fake = new FakeWorkspace();
    const id = fake.createSpreadsheet({ properties: { title: 'Suivi', timeZone: 'Europe/Paris' } }).id;
    fake.batchUpdate(id, {
      requests: [
        {
          repeatCell: {
            range: { sheetId: 0, startRowIndex: 0, endRowIndex: 1, startColumnIndex: 1, endColumnIndex: 2 },
            cell: { userEnteredFormat: { numberFormat: { type: 'DATE', pattern: 'dd/MM/yyyy' } } },
            fields: 'userEnteredFormat.numberFormat',
          },
        },
      ],
    });
    fake.valuesBatchUpdate(id, {
      valueInputOption: 'RAW',
      data: [{ range: "'Feuille 1'!A1", values: [['=1+1', 44697.375]] }],
    });
    const cell = fake.spreadsheetData(id).sheet('Feuille 1')?.cell(1, 1);
    expect(cell).toEqual({ value: '=1+1' });
    expect(fake.spreadsheetData(id).sheet('Feuille 1')?.cell(1, 2)?.value).toBeInstanceOf(Date);
    expect(fake.values(id, 'Feuille 1')).toEqual([['=1+1', 44697.375]]);
  });
});

describe('the shared batch interpreter, seen through REST', () => {
  it('puts back metadata, protections and tabs when a later request of the batch is refused', () => {
    const fake = new FakeWorkspace();
    const id = fake.createSpreadsheet({ properties: { title: 'Suivi' } }).id;
    const error = refusal(() =>
      fake.batchUpdate(id, {
        requests: [
          {
            createDeveloperMetadata: {
              developerMetadata: {
                metadataKey: 'verrou',
                metadataValue: '1',
                location: { spreadsheet: true },
              },
            },
          },
          { addSheet: { properties: { sheetId: 7, title: 'Données' } } },
          { addProtectedRange: { protectedRange: { range: { sheetId: 7 }, description: 'données' } } },
          { deleteSheet: { sheetId: 99 } },
        ],
      }),
    );
    expect(error).toContain('Invalid requests[3].deleteSheet: No grid with id: 99');
    const ss = fake.spreadsheet(id);
    expect(ss.developerMetadata).toEqual([]);
    expect(ss.sheets.map((s) => s.properties.title)).toEqual(['Feuille 1']);
    expect(fake.spreadsheetData(id).protections).toEqual([]);
  });

  it('reports a protected range left open at the bottom as open, as Google does', () => {
    const fake = new FakeWorkspace();
    const id = fake.createSpreadsheet({ properties: { title: 'Suivi' } }).id;
    const range = { sheetId: 0, startRowIndex: 1, startColumnIndex: 0, endColumnIndex: 2 };
    fake.batchUpdate(id, {
      requests: [{ addProtectedRange: { protectedRange: { range, description: 'colonnes A:B' } } }],
    });
    expect(fake.describe(id).sheets?.[0]?.protectedRanges?.[0]?.range).toEqual(range);
  });
});
