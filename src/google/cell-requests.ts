// Model cells as Sheets API `updateCells` and `appendCells` requests (spreadsheets.batchUpdate), so that a run of
// writes to several tabs goes to Google in ONE call, applied all or nothing (« If any request is not valid then the
// entire request will fail and nothing will be applied », Sheets API reference « Method: spreadsheets.batchUpdate »,
// https://developers.google.com/workspace/sheets/api/reference/rest/v4/spreadsheets/batchUpdate). Text is sent as a
// `stringValue`, which Sheets never parses: a « =… » answer can never become a formula. Dates are serial numbers
// shown through a date format sent with them (appendCells: « Adds new cells after the last row with data in a
// sheet, inserting new rows into the sheet if necessary », .../spreadsheets/request#AppendCellsRequest). Pure.
import { safeText } from '../domain/safe-text';
import type { Cell } from '../domain/workbook/cells';
import { dateSerial, dateTimeSerial } from './cell-values';

export interface NumberFormat {
  type: 'TEXT' | 'NUMBER' | 'DATE' | 'DATE_TIME';
  pattern: string;
}

export interface CellData {
  userEnteredValue?: { stringValue: string } | { numberValue: number };
  userEnteredFormat?: { numberFormat: NumberFormat };
}

export interface RowData {
  values: CellData[];
}

export interface UpdateCellsRequest {
  updateCells: {
    start: { sheetId: number; rowIndex: number; columnIndex: number };
    rows: RowData[];
    fields: string;
  };
}

export interface AppendCellsRequest {
  appendCells: { sheetId: number; rows: RowData[]; fields: string };
}

export type CellRequest = UpdateCellsRequest | AppendCellsRequest;

/** The number formats the model's dates are shown with (the same as the columns drawn at install). */
export const DATE_FORMAT: NumberFormat = { type: 'DATE', pattern: 'dd/MM/yyyy' };
export const DATE_TIME_FORMAT: NumberFormat = { type: 'DATE_TIME', pattern: 'dd/MM/yyyy HH:mm' };

function valueOf(cell: Cell): CellData['userEnteredValue'] {
  if (cell === null) return undefined;
  switch (cell.t) {
    case 's':
      // Characters no cell may carry (safe-text.ts); an empty text clears the cell.
      return cell.v === '' ? undefined : { stringValue: safeText(cell.v) };
    case 'n':
      return { numberValue: cell.v };
    case 'd':
      return { numberValue: dateSerial(cell.v) };
    case 'dt':
      return { numberValue: dateTimeSerial(cell.v) };
  }
}

/** The format a cell is written with when its row carries dates: each cell keeps its own kind's format. */
function formatOf(cell: Cell): NumberFormat | undefined {
  if (cell === null) return undefined;
  switch (cell.t) {
    case 's':
      return { type: 'TEXT', pattern: '@' };
    case 'n':
      return Number.isInteger(cell.v) ? { type: 'NUMBER', pattern: '0' } : undefined;
    case 'd':
      return DATE_FORMAT;
    case 'dt':
      return DATE_TIME_FORMAT;
  }
}

const isDate = (cell: Cell) => cell !== null && (cell.t === 'd' || cell.t === 'dt');
const hasDate = (rows: readonly (readonly Cell[])[]) => rows.some((row) => row.some((c) => isDate(c)));

/**
 * Rows of cells as RowData and the field mask that writes them. Only rows holding dates send formats (a serial
 * number alone would show as a number in a cell not formatted as a date), each cell its own kind's.
 */
function rowsOf(rows: readonly (readonly Cell[])[]): { rows: RowData[]; fields: string } {
  const formats = hasDate(rows);
  return {
    rows: rows.map((row) => ({
      values: row.map((cell) => {
        const value = valueOf(cell);
        const format = formats ? formatOf(cell) : undefined;
        return {
          ...(value ? { userEnteredValue: value } : {}),
          ...(format ? { userEnteredFormat: { numberFormat: format } } : {}),
        };
      }),
    })),
    fields: formats ? 'userEnteredValue,userEnteredFormat.numberFormat' : 'userEnteredValue',
  };
}

/** A row's runs of date and other cells, as [start, end, date] (one run for a row without dates). */
function runsOf(cells: readonly Cell[]): Array<[number, number, boolean]> {
  const runs: Array<[number, number, boolean]> = [];
  let start = 0;
  while (start < cells.length) {
    const date = isDate(cells[start] ?? null);
    let end = start + 1;
    while (end < cells.length && isDate(cells[end] ?? null) === date) end += 1;
    runs.push([start, end, date]);
    start = end;
  }
  return runs;
}

/** Rows cut alike go in the same requests; a row without dates is one run whatever its length. */
const shapeOf = (runs: ReadonlyArray<[number, number, boolean]>) =>
  runs.length === 1 && runs[0]?.[2] === false ? 'plain' : JSON.stringify(runs);

/**
 * Writes `rows` with their top-left cell at a 1-based row and column. Cells keep the number format their column was
 * drawn with, except dates, which carry theirs: a row is cut where cells turn from dates to others, since one
 * request has one field mask (a field in the mask that a cell leaves out is cleared). Consecutive rows cut alike
 * share their requests, so a block of rows without dates (Synthèse's values, hundreds of rows) is ONE request, not
 * one per row: the batch's cost follows its requests. Rows of one request may differ in length (« Any number of rows
 * and columns (including a different number of columns per row) may be written », Sheets API reference
 * « UpdateCellsRequest », https://developers.google.com/sheets/api/reference/rest/v4/spreadsheets/request#UpdateCellsRequest).
 */
export function updateCellsRequests(
  sheetId: number,
  row: number,
  col: number,
  rows: readonly (readonly Cell[])[],
): UpdateCellsRequest[] {
  const out: UpdateCellsRequest[] = [];
  let first = 0;
  while (first < rows.length) {
    const runs = runsOf(rows[first] ?? []);
    const shape = shapeOf(runs);
    let last = first + 1;
    while (last < rows.length && shapeOf(runsOf(rows[last] ?? [])) === shape) last += 1;
    const group = rows.slice(first, last);
    if (shape === 'plain')
      out.push({
        updateCells: {
          start: { sheetId, rowIndex: row - 1 + first, columnIndex: col - 1 },
          ...rowsOf(group),
        },
      });
    else
      for (const [start, end] of runs)
        out.push({
          updateCells: {
            start: { sheetId, rowIndex: row - 1 + first, columnIndex: col - 1 + start },
            ...rowsOf(group.map((cells) => cells.slice(start, end))),
          },
        });
    first = last;
  }
  return out;
}

/** Appends `rows` after the sheet's last row with data, growing the sheet if needed. */
export function appendCellsRequest(sheetId: number, rows: readonly (readonly Cell[])[]): AppendCellsRequest {
  return { appendCells: { sheetId, ...rowsOf(rows) } };
}
