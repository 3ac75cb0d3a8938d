// Spreadsheet column letters, shared by every renderer and reader of the workbook. Pure.

/** `A`, `B`, … `Z`, `AA`… for a 0-based column index. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let out = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}
