// The cells of the master workbook: what one cell holds, a validated value as a cell, a cell as a French reader
// sees it. Pure: also runs inside Apps Script.
import type { Column } from '../../schema/tracking-file';
import { formatFrenchDate, formatParisDateTime } from '../paris-time';
import { valueAsText, type FieldValue } from '../values';

/** A cell: text, number, date (`YYYY-MM-DD`), date-time (ISO instant), or empty. */
export type Cell =
  { t: 's'; v: string } | { t: 'n'; v: number } | { t: 'd'; v: string } | { t: 'dt'; v: string } | null;

export const text = (v: string): Cell => (v === '' ? null : { t: 's', v });
export const num = (v: number): Cell => ({ t: 'n', v });

/** A cell as a French reader sees it written out (a page, a CSV): dates JJ/MM/AAAA, instants in Paris time. */
export function cellDisplayText(cell: Cell | undefined): string {
  if (!cell) return '';
  switch (cell.t) {
    case 's':
      return cell.v;
    case 'n':
      return String(cell.v);
    case 'd':
      return formatFrenchDate(cell.v);
    case 'dt':
      return formatParisDateTime(new Date(cell.v));
  }
}

/** A validated value as a cell of its column. */
export function cellOf(column: Column, value: FieldValue | undefined): Cell {
  if (value === null || value === undefined) return null;
  if (column.type.kind === 'integer' && typeof value === 'number') return num(value);
  if (column.type.kind === 'date' && typeof value === 'string') return { t: 'd', v: value };
  return text(valueAsText(column, value));
}
