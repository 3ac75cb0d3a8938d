// A1 notation and rectangles for the SpreadsheetApp fake: 1-based rows and columns, as Apps Script counts them.

export interface Box {
  row: number;
  col: number;
  rows: number;
  cols: number;
}

export function columnLetters(col: number): string {
  let n = col;
  let out = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

export function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

export function a1Of(box: Box): string {
  const start = `${columnLetters(box.col)}${box.row}`;
  if (box.rows === 1 && box.cols === 1) return start;
  return `${start}:${columnLetters(box.col + box.cols - 1)}${box.row + box.rows - 1}`;
}

/**
 * Parses `B3`, `B3:D7`, `B3:D` (open-ended: down to the last row of the sheet), `B:D` (whole columns) and `3:5`
 * (whole rows) into a box, given the sheet's size.
 */
export function parseA1(a1: string, maxRows: number, maxCols: number): Box {
  const cell = /^([A-Z]*)(\d*)$/i;
  const [left, right] = a1.replace(/^'?[^!]*'?!/, '').split(':');
  const a = cell.exec(left ?? '');
  const b = right === undefined ? a : cell.exec(right);
  if (!a || !b || (a[1] === '' && a[2] === '')) throw new Error(`Range not found: ${a1}`);
  const col1 = a[1] ? columnNumber(a[1]) : 1;
  const row1 = a[2] ? Number(a[2]) : 1;
  const col2 = b[1] ? columnNumber(b[1]) : right === undefined ? col1 : maxCols;
  const row2 = b[2] ? Number(b[2]) : right === undefined ? row1 : maxRows;
  return {
    row: Math.min(row1, row2),
    col: Math.min(col1, col2),
    rows: Math.abs(row2 - row1) + 1,
    cols: Math.abs(col2 - col1) + 1,
  };
}

export function contains(outer: Box, row: number, col: number): boolean {
  return row >= outer.row && row < outer.row + outer.rows && col >= outer.col && col < outer.col + outer.cols;
}

export function overlaps(a: Box, b: Box): boolean {
  return a.row < b.row + b.rows && b.row < a.row + a.rows && a.col < b.col + b.cols && b.col < a.col + a.cols;
}
