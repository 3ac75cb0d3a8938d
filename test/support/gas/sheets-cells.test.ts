// The emulator's updateCells and appendCells (advanced Sheets service, spreadsheets.batchUpdate), one Google
// behaviour per test; the requests are the ones the runtime builds (src/google/cell-requests.ts).
import { appendCellsRequest, updateCellsRequests } from '../../../src/google/cell-requests';
import type { GasSpreadsheet } from '../../../src/apps-script/gas-api';
import { createGasEnvironment, type GasEnvironment } from './environment';
import { LATENCY_TABLE } from './latency';
import { CELL_MAX_CHARACTERS, SPREADSHEET_MAX_CELLS } from './sheet-data';

function setup(): { env: GasEnvironment; ss: GasSpreadsheet; sheetId: number } {
  const env = createGasEnvironment({ now: '2022-06-10T10:00:00+02:00' });
  env.createContainer('Test');
  const ss = env.globals.SpreadsheetApp.getActiveSpreadsheet();
  if (!ss) throw new Error('no container');
  ss.setSpreadsheetTimeZone('Europe/Paris');
  return { env, ss, sheetId: ss.getSheets()[0]!.getSheetId() };
}

const batch = (env: GasEnvironment, ss: GasSpreadsheet, requests: object[]) =>
  env.sheetsApi.Spreadsheets.batchUpdate({ requests }, ss.getId());

describe('the advanced Sheets service writing cells', () => {
  it('keeps a stringValue as text, never a formula or a number', () => {
    const { env, ss, sheetId } = setup();
    batch(env, ss, [
      ...updateCellsRequests(sheetId, 1, 1, [
        [
          { t: 's', v: '=IMPORTXML("http://x")' },
          { t: 's', v: '0612' },
        ],
      ]),
    ]);
    const data = env.container.sheets[0]!;
    expect([data.cell(1, 1), data.cell(1, 2)]).toEqual([
      { value: '=IMPORTXML("http://x")' },
      { value: '0612' },
    ]);
  });

  it('appends after the last row with data, growing the grid, and reads a date back as a Date', () => {
    const { env, ss, sheetId } = setup();
    const sheet = ss.getSheets()[0]!;
    sheet.getRange(1, 1, 1, 1).setValue('en-tête');
    const data = env.container.sheets[0]!;
    data.maxRows = 1;
    batch(env, ss, [
      appendCellsRequest(sheetId, [
        [
          { t: 'dt', v: '2022-06-10T08:30:00.000Z' },
          { t: 'n', v: 3 },
        ],
      ]),
      appendCellsRequest(sheetId, [[{ t: 's', v: 'deux' }]]),
    ]);
    expect(data.maxRows).toBe(3);
    const read = sheet.getRange(2, 1, 2, 2).getValues();
    expect((read[0]![0] as Date).toISOString()).toBe('2022-06-10T08:30:00.000Z');
    expect([read[0]![1], read[1]![0]]).toEqual([3, 'deux']);
    expect(data.format(2, 1).numberFormat).toBe('dd/MM/yyyy HH:mm');
  });

  it('keeps the format a column was drawn with, except on date cells, which carry theirs', () => {
    const { env, ss, sheetId } = setup();
    const sheet = ss.getSheets()[0]!;
    sheet.getRange(2, 1, 1, 3).setNumberFormat('@');
    batch(env, ss, [
      ...updateCellsRequests(sheetId, 2, 1, [
        [
          { t: 's', v: '01' },
          { t: 'd', v: '2022-06-10' },
          { t: 'n', v: 4 },
        ],
      ]),
    ]);
    const data = env.container.sheets[0]!;
    expect([1, 2, 3].map((c) => data.format(2, c).numberFormat)).toEqual(['@', 'dd/MM/yyyy', '@']);
    const [text, date] = sheet.getRange(2, 1, 1, 2).getValues()[0]!;
    expect(text).toBe('01');
    expect((date as Date).toISOString()).toBe('2022-06-09T22:00:00.000Z');
  });

  it('writes a block of rows without dates in one request, rows of different lengths included', () => {
    const { env, ss, sheetId } = setup();
    const rows = Array.from({ length: 300 }, (_, i) =>
      Array.from({ length: i === 0 ? 1 : 4 }, (_, j) => ({ t: 's' as const, v: `r${i} c${j}` })),
    );
    const requests = updateCellsRequests(sheetId, 1, 1, rows);
    expect(requests).toHaveLength(1);
    const window = env.calls();
    batch(env, ss, requests);
    const data = env.container.sheets[0]!;
    expect([data.cell(1, 1), data.cell(1, 2), data.cell(300, 4)]).toEqual([
      { value: 'r0 c0' },
      undefined,
      { value: 'r299 c3' },
    ]);
    // One request, but every cell it writes is paid for, at setValues' rate.
    const { batch: cost, write } = LATENCY_TABLE;
    const calls = window.records.filter((r) => r.kind === 'batch');
    expect(calls).toHaveLength(1);
    expect(calls[0]?.ms).toBeCloseTo(
      cost.ms + (cost.perCellMs ?? 0) + (1 + 299 * 4) * (write.perCellMs ?? 0),
    );
  });

  it('shares the requests of consecutive rows cut alike by their dates, each cell keeping its format', () => {
    const { env, ss, sheetId } = setup();
    const sheet = ss.getSheets()[0]!;
    sheet.getRange(1, 1, 4, 2).setNumberFormat('@');
    const dated = (n: number) => [
      { t: 's' as const, v: `0${n}` },
      { t: 'd' as const, v: `2022-06-1${n}` },
    ];
    const requests = updateCellsRequests(sheetId, 1, 1, [
      dated(1),
      dated(2),
      [{ t: 's', v: 'sans date' }],
      dated(3),
    ]);
    // Two rows alike (a text run and a date run), one row without dates, one dated row.
    expect(requests).toHaveLength(5);
    batch(env, ss, requests);
    const data = env.container.sheets[0]!;
    expect([1, 2, 4].map((r) => [data.format(r, 1).numberFormat, data.format(r, 2).numberFormat])).toEqual([
      ['@', 'dd/MM/yyyy'],
      ['@', 'dd/MM/yyyy'],
      ['@', 'dd/MM/yyyy'],
    ]);
    expect(data.format(3, 2).numberFormat).toBe('@');
    const read = sheet.getRange(1, 1, 4, 2).getValues();
    expect(read.map((r) => r[0])).toEqual(['01', '02', 'sans date', '03']);
    expect((read[1]![1] as Date).toISOString()).toBe('2022-06-11T22:00:00.000Z');
  });

  it('applies nothing when one request of the batch is invalid', () => {
    const { env, ss, sheetId } = setup();
    const data = env.container.sheets[0]!;
    expect(() =>
      batch(env, ss, [
        ...updateCellsRequests(sheetId, 1, 1, [[{ t: 's', v: 'écrit ?' }]]),
        ...updateCellsRequests(sheetId, data.maxRows + 1, 1, [[{ t: 's', v: 'hors de la grille' }]]),
      ]),
    ).toThrow('exceeds grid limits');
    expect(() => batch(env, ss, [appendCellsRequest(sheetId + 99, [[{ t: 's', v: 'x' }]])])).toThrow(
      'No grid with id',
    );
    expect(data.lastRow()).toBe(0);
  });

  it('refuses a cell over 50,000 characters and a growth past 10 million cells, writing nothing', () => {
    const { env, ss, sheetId } = setup();
    const data = env.container.sheets[0]!;
    expect(() =>
      batch(env, ss, [
        ...updateCellsRequests(sheetId, 1, 1, [[{ t: 's', v: 'x'.repeat(CELL_MAX_CHARACTERS + 1) }]]),
      ]),
    ).toThrow('maximum of 50000 characters');
    data.maxRows = Math.floor(SPREADSHEET_MAX_CELLS / data.maxColumns);
    data.cells[data.maxRows - 1] = [{ value: 'dernière' }];
    expect(() => batch(env, ss, [appendCellsRequest(sheetId, [[{ t: 's', v: 'une de trop' }]])])).toThrow(
      /above the limit/,
    );
    expect(data.cell(1, 1)).toBeUndefined();
  });
});
