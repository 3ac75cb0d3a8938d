// Model cells (src/domain/workbook/sheet-model.ts) as the values SpreadsheetApp writes, and written values read back.
// Text is always written behind an apostrophe so that Sheets keeps it as typed: never a formula, a date or a
// number (see src/domain/workbook/cell-text.ts). Pure.
import { columnLetter } from '../domain/workbook/a1';
import { forceTextForSheets } from '../domain/workbook/cell-text';
import { fromParis } from '../domain/paris-time';
import type { Cell } from '../domain/workbook/cells';
import type { ColumnFormat } from '../domain/workbook/sheet-model';
import { NUMBER_FORMATS } from '../google/workbook-requests';

/** The value setValues receives for a model cell. */
export function sheetValue(cell: Cell): string | number | Date {
  if (cell === null) return '';
  switch (cell.t) {
    case 's':
      return forceTextForSheets(cell.v);
    case 'n':
      return cell.v;
    case 'd': {
      const [y, m, d] = cell.v.split('-').map(Number) as [number, number, number];
      return fromParis(y, m, d);
    }
    case 'dt':
      return new Date(cell.v);
  }
}

export function sheetRow(cells: readonly Cell[]): Array<string | number | Date> {
  return cells.map(sheetValue);
}

/** Whether a value read with getValues is a Date (from any realm: `instanceof` fails across vm contexts). */
export function isDateValue(value: unknown): value is Date {
  return Object.prototype.toString.call(value) === '[object Date]';
}

/** A cell read with getValues, as the text it holds ('' for an empty cell). */
export function textOf(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (isDateValue(value)) return value.toISOString();
  return String(value);
}

/** The number format each model column format gets in Sheets (the one list of src/google). */
export function numberFormatOf(format: ColumnFormat): string {
  return NUMBER_FORMATS[format].pattern;
}

/** Spreadsheet column letters of a 1-based column number (A, …, Z, AA, …). */
export function columnLetters(col: number): string {
  return columnLetter(col - 1);
}
