// The Historique tab as CSV for French spreadsheet programs: UTF-8 with a BOM, `;` between fields, RFC 4180
// quoting (Papa Parse), dates as JJ/MM/AAAA, and formula-like text neutralised (src/domain/workbook/cell-text.ts) so that
// opening the file never runs user text as a formula. It draws the model; it decides no column or label.
import Papa from 'papaparse';
import { neutraliseForCsv } from '../../domain/workbook/cell-text';
import { cellDisplayText, type Cell } from '../../domain/workbook/cells';
import type { SheetModel } from '../../domain/workbook/sheet-model';

const BOM = '\uFEFF';

function csvText(cell: Cell): string {
  return cell?.t === 's' ? neutraliseForCsv(cell.v) : cellDisplayText(cell);
}

/** One line per header row and per data row of the sheet, CRLF-terminated as RFC 4180 asks. */
export function historyCsv(sheet: SheetModel): string {
  const width = sheet.columns.length;
  const lines = [...sheet.header, ...sheet.rows].map((row) =>
    Array.from({ length: Math.max(width, row.length) }, (_, i) => csvText(row[i] ?? null)),
  );
  return `${BOM}${Papa.unparse(lines, { delimiter: ';', newline: '\r\n', quotes: false, header: false })}\r\n`;
}
