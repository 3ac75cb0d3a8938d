// The cell-writing requests of the advanced Sheets service's spreadsheets.batchUpdate: updateCells and appendCells,
// applied to the same in-memory sheets as the SpreadsheetApp fake. Each request is checked before any is applied
// (the caller applies them only once the whole batch is valid: « If any request is not valid then the entire
// request will fail and nothing will be applied », Sheets API reference « Method: spreadsheets.batchUpdate »,
// https://developers.google.com/workspace/sheets/api/reference/rest/v4/spreadsheets/batchUpdate).
// Modelled: `stringValue` stays text (never a formula, a number or a date), a numberValue in a cell formatted as a
// date reads back as a Date through SpreadsheetApp (as on Google, whose getValues returns Dates for date cells), the
// 50,000-character cell limit, the 10-million-cell limit when appendCells grows the sheet (« inserting new rows
// into the sheet if necessary », AppendCellsRequest), writes outside the grid refused for updateCells, protections
// for the account the script runs as, and the field mask (a field in the mask that a cell leaves out is cleared).
// Assumed, stricter where Google's reference is silent: any field mask other than `userEnteredValue` and
// `userEnteredValue,userEnteredFormat.numberFormat`, and any value kind other than string and number, is refused.
import {
  CELL_MAX_CHARACTERS,
  zonedParts,
  type Cell,
  type SheetData,
  type SpreadsheetData,
} from './sheet-data';
import { assertMayWriteAs } from './spreadsheet-app';

interface CellData {
  userEnteredValue?: { stringValue?: string; numberValue?: number } & Record<string, unknown>;
  userEnteredFormat?: { numberFormat?: { type?: string; pattern?: string } };
}
interface Rows {
  rows?: Array<{ values?: CellData[] }>;
  fields?: string;
}
interface UpdateCells {
  updateCells: Rows & { start?: { sheetId?: number; rowIndex?: number; columnIndex?: number } };
}
interface AppendCells {
  appendCells: Rows & { sheetId?: number };
}

const MASKS = new Set(['userEnteredValue', 'userEnteredValue,userEnteredFormat.numberFormat']);
const DAY_MS = 86_400_000;
const EPOCH_MS = Date.UTC(1899, 11, 30);

export function isCellRequest(request: object): request is UpdateCells | AppendCells {
  return 'updateCells' in request || 'appendCells' in request;
}

/** Cells a batch writes, for the latency model (a write costs by the cell, whichever service sends it). */
export function cellsIn(requests: readonly object[]): number {
  let n = 0;
  for (const r of requests)
    if (isCellRequest(r)) {
      const rows = 'updateCells' in r ? r.updateCells.rows : r.appendCells.rows;
      for (const row of rows ?? []) n += row.values?.length ?? 0;
    }
  return n;
}

const isDatePattern = (pattern: string | undefined) =>
  pattern !== undefined && pattern !== '@' && /[dy]/i.test(pattern);

/** A serial number (days since 1899-12-30, wall clock of the spreadsheet's time zone) as an instant. */
function instantOfSerial(serial: number, timeZone: string): Date {
  const wall = EPOCH_MS + Math.round(serial * DAY_MS);
  const offsetAt = (t: number) => {
    const p = zonedParts(new Date(t), timeZone);
    return Date.UTC(p.y, p.M - 1, p.d, p.H, p.m, p.s) - Math.floor(t / 1000) * 1000;
  };
  // Two passes: the offset at the first guess may differ from the one at the answer around a DST change.
  let t = wall - offsetAt(wall);
  t = wall - offsetAt(t);
  return new Date(t);
}

function sheetOf(ss: SpreadsheetData, sheetId: number | undefined, where: string): SheetData {
  const sheet = ss.sheets.find((s) => s.id === sheetId);
  if (!sheet) throw new Error(`${where}: No grid with id: ${String(sheetId)}`);
  return sheet;
}

function checkRows(rows: Rows, where: string): Array<CellData[]> {
  if (!rows.fields || !MASKS.has(rows.fields))
    throw new Error(`${where}: the emulator models only the field masks ${[...MASKS].join(' and ')}`);
  const out = (rows.rows ?? []).map((r) => r.values ?? []);
  for (const row of out)
    for (const cell of row) {
      const value = cell.userEnteredValue;
      if (value === undefined) continue;
      const kinds = Object.keys(value);
      if (kinds.length !== 1 || !['stringValue', 'numberValue'].includes(kinds[0] ?? ''))
        throw new Error(`${where}: the emulator models only stringValue and numberValue`);
      if (typeof value.stringValue === 'string' && value.stringValue.length > CELL_MAX_CHARACTERS)
        throw new Error(
          `${where}: Your input contains more than the maximum of ${CELL_MAX_CHARACTERS} characters in a single cell.`,
        );
      if (value.numberValue !== undefined && !Number.isFinite(value.numberValue))
        throw new Error(`${where}: Invalid value for numberValue`);
    }
  return out;
}

/** Writes rows of CellData at a 1-based row and column, honouring the field mask. */
function write(
  ss: SpreadsheetData,
  sheet: SheetData,
  row: number,
  col: number,
  rows: CellData[][],
  mask: string,
) {
  const formats = mask.includes('numberFormat');
  rows.forEach((cells, i) =>
    cells.forEach((data, j) => {
      const r = row + i;
      const c = col + j;
      if (formats) {
        const nf = data.userEnteredFormat?.numberFormat;
        if (nf?.pattern !== undefined) sheet.setFormat(r, c, { numberFormat: nf.pattern });
        else {
          const { numberFormat: _cleared, ...rest } = sheet.format(r, c);
          sheet.formats.set(`${r}:${c}`, rest);
        }
      }
      const value = data.userEnteredValue;
      let cell: Cell | undefined;
      if (value?.stringValue !== undefined) cell = { value: value.stringValue };
      else if (value?.numberValue !== undefined)
        cell = isDatePattern(sheet.format(r, c).numberFormat)
          ? { value: instantOfSerial(value.numberValue, ss.timeZone) }
          : { value: value.numberValue };
      sheet.setCell(r, c, cell);
    }),
  );
}

/**
 * Checks one updateCells or appendCells request against the spreadsheet as it is and returns what applies it; the
 * caller applies every request of the batch only once all are valid, in their order.
 */
export function planCellRequest(
  /** The account writing (the script's effective user, or the REST caller): protections apply to it. */
  user: string,
  ss: SpreadsheetData,
  request: UpdateCells | AppendCells,
  where: string,
): () => void {
  if ('updateCells' in request) {
    const u = request.updateCells;
    const sheet = sheetOf(ss, u.start?.sheetId, `${where}.updateCells`);
    const rows = checkRows(u, `${where}.updateCells`);
    const row = (u.start?.rowIndex ?? 0) + 1;
    const col = (u.start?.columnIndex ?? 0) + 1;
    const width = Math.max(0, ...rows.map((r) => r.length));
    if (row + rows.length - 1 > sheet.maxRows || col + width - 1 > sheet.maxColumns)
      throw new Error(`${where}.updateCells: the range exceeds grid limits of sheet ${sheet.name}`);
    if (rows.length > 0 && width > 0)
      assertMayWriteAs(user, ss, sheet, { row, col, rows: rows.length, cols: width });
    const mask = u.fields ?? '';
    return () => write(ss, sheet, row, col, rows, mask);
  }
  const a = request.appendCells;
  const sheet = sheetOf(ss, a.sheetId, `${where}.appendCells`);
  const rows = checkRows(a, `${where}.appendCells`);
  const mask = a.fields ?? '';
  const width = Math.max(1, ...rows.map((r) => r.length));
  // Checked where the rows would go now; an earlier request of the same batch appending to this sheet moves them
  // down, which the script's own account (the owner, in this runtime) may always write.
  const at = sheet.lastRow() + 1;
  assertMayWriteAs(user, ss, sheet, { row: at, col: 1, rows: Math.max(1, rows.length), cols: width });
  sheet.book?.checkGrowth(
    Math.max(sheet.maxRows, at + rows.length - 1) * Math.max(sheet.maxColumns, width) -
      sheet.maxRows * sheet.maxColumns,
  );
  return () => {
    // After the last row with data as it is when this request applies (an earlier one of the batch may have added).
    const row = sheet.lastRow() + 1;
    sheet.growTo(row + rows.length - 1, width);
    write(ss, sheet, row, 1, rows, mask);
  };
}
