// A cell of the master spreadsheet typed directly in the sheet (by its owner role, or by the spreadsheet's owner
// whom protections cannot stop): read back for its column as the import reads a cell (tracking-grid.ts
// rawFromCell: a contact one entry per line, its fields in order), then applied as a cell edit, source 'sheet', by
// the role of whoever typed it when the runtime knows it, else by the column's owner role. ES columns are refused
// by editCell (they change through the ES forms, or an ARS correction with a reason). Every refusal is journaled,
// here or by editCell; both Google runtimes then put the stored value back in the cell.
import type { Role } from '../schema/tracking-file';
import { columnById } from '../domain/columns';
import { frSheetEdits } from '../domain/messages';
import { rawFromCell, type GridCell, type ImportIssue } from '../domain/workbook/tracking-grid';
import type { AppContext } from './context';
import { editCell, type EditCellOutcome } from './edit-cell';

export interface SheetEditInput {
  rowKey: string;
  columnId: string;
  /** The cell as the spreadsheet holds it (text, number, date `YYYY-MM-DD`…); null when empty. */
  cell: GridCell;
  /** Who typed it, when the spreadsheet tells; `frSheetEdits.unknownAuthor` otherwise. */
  author?: string;
  /**
   * The role the author acts in, when the runtime knows who typed it (Apps Script's onEdit with the editor's
   * e-mail); otherwise the column's owner role, the only one the protections let through.
   */
  role?: Role;
}

/** A cell edit's outcome, or a cell that cannot be read for its column (a contact line with missing fields…). */
export type SheetEditOutcome = EditCellOutcome | { status: 'unreadable'; issue: ImportIssue };

export function applySheetEdit(ctx: AppContext, input: SheetEditInput): SheetEditOutcome {
  const author = input.author ?? frSheetEdits.unknownAuthor;
  const column = columnById(ctx.project.tracking, input.columnId);
  const role = input.role ?? column?.owner ?? 'ars';
  if (!column)
    return editCell(ctx, {
      rowKey: input.rowKey,
      columnId: input.columnId,
      raw: '',
      role,
      author,
      source: 'sheet',
    });
  const readback = rawFromCell(column, input.cell);
  if (!readback.ok)
    return ctx.store.transaction((): SheetEditOutcome => {
      ctx.store.appendJournal({
        at: ctx.clock.now().toISOString(),
        kind: 'cell.refused',
        actor: author,
        role,
        target: `${input.rowKey} ${column.id}`,
        summary: readback.issue.message,
        details: `unreadable cell: ${readback.issue.code}`,
      });
      return { status: 'unreadable', issue: readback.issue };
    });
  return editCell(ctx, {
    rowKey: input.rowKey,
    columnId: column.id,
    raw: readback.raw,
    role,
    author,
    source: 'sheet',
  });
}
