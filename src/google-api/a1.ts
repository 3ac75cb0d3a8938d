// A1 notation for the Sheets API: column letters, quoted sheet names, 0-based grid rectangles. Pure.
import { columnLetter } from '../domain/workbook/a1';

/** `'Synthèse'` — always quoted, quotes doubled, so accented and spaced names are safe. */
export function quoteSheet(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

/** The A1 range of a block starting at a 0-based row and column; `rows`/`cols` omitted means one cell wide. */
export function a1Block(sheet: string, row: number, col: number, rows = 1, cols = 1): string {
  const start = `${columnLetter(col)}${row + 1}`;
  const end = `${columnLetter(col + cols - 1)}${row + rows}`;
  return `${quoteSheet(sheet)}!${start}:${end}`;
}

/** A whole column from a 0-based row down to the end of the sheet. */
export function a1ColumnFrom(sheet: string, col: number, row: number, cols = 1): string {
  return `${quoteSheet(sheet)}!${columnLetter(col)}${row + 1}:${columnLetter(col + cols - 1)}`;
}
