// Reading an exported .xlsx back for assertions: the Suivi tab's cell of a row (by its key) under a column label.
import ExcelJS from 'exceljs';
import type { TrackingFile } from '../../../src/schema/tracking-file';

export interface SuiviReader {
  book: ExcelJS.Workbook;
  sheet: ExcelJS.Worksheet;
  /** The cell of the row whose hidden key is `rowKey`, under the verbatim label of `columnId`. */
  cell(rowKey: string, columnId: string): ExcelJS.Cell;
  /** Sheet row number of a row key. */
  rowOf(rowKey: string): number;
}

export async function readSuivi(data: Buffer, tracking: TrackingFile): Promise<SuiviReader> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(data as unknown as ArrayBuffer);
  const sheet = book.getWorksheet('Suivi');
  if (!sheet) throw new Error('no Suivi tab');
  const labels = (sheet.getRow(2).values as ExcelJS.CellValue[]).slice(1).map((v) => String(v ?? ''));
  const keyColumn = labels.indexOf(tracking.layout.keyColumnLabel) + 1;
  const rowOf = (rowKey: string) => {
    let found = 0;
    sheet.eachRow((r, n) => {
      if (r.getCell(keyColumn).value === rowKey) found = n;
    });
    if (found === 0) throw new Error(`no row ${rowKey}`);
    return found;
  };
  const cell = (rowKey: string, columnId: string) => {
    const label = tracking.columns.find((c) => c.id === columnId)?.label;
    const col = label === undefined ? -1 : labels.indexOf(label);
    if (col < 0) throw new Error(`no column ${columnId}`);
    return sheet.getCell(rowOf(rowKey), col + 1);
  };
  return { book, sheet, cell, rowOf };
}

/** A multipart/form-data body as a browser sends it, for `inject`. */
export function multipartBody(
  fields: Array<[string, string]>,
  file?: { name: string; filename: string; type: string; data: Buffer },
): { payload: Buffer; contentType: string } {
  const boundary = `----suivi${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = fields.map(([name, value]) =>
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
  );
  if (file)
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${file.name}"; filename="${file.filename}"\r\nContent-Type: ${file.type}\r\n\r\n`,
      ),
      file.data,
      Buffer.from('\r\n'),
    );
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}
