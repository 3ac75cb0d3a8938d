// A cell of the master spreadsheet typed directly in the sheet (by its owner role, or by the spreadsheet's owner
// who protections cannot stop): its text is read back for its column and applied as a cell edit by the column's
// owner role, source 'sheet'. ES columns are refused by editCell (they change through the ES forms). A refusal is
// journaled here or by editCell; the runtime then puts the stored value back in the cell.
import { rawFromCellText } from '../domain/cell-readback';
import { columnById } from '../domain/columns';
import { frSheetEdits } from '../domain/messages';
import type { AppContext } from './context';
import { editCell, type EditCellOutcome } from './edit-cell';

export interface SheetEditInput {
  rowKey: string;
  columnId: string;
  /** The cell's text as typed (dates as `YYYY-MM-DD` or `JJ/MM/AAAA`, numbers as digits). */
  text: string;
  /** Who typed it, when the spreadsheet tells; `frSheetEdits.unknownAuthor` otherwise. */
  author?: string;
}

export function applySheetEdit(ctx: AppContext, input: SheetEditInput): EditCellOutcome {
  const author = input.author ?? frSheetEdits.unknownAuthor;
  const column = columnById(ctx.project.tracking, input.columnId);
  if (!column)
    return editCell(ctx, {
      rowKey: input.rowKey,
      columnId: input.columnId,
      raw: input.text,
      role: 'ars',
      author,
      source: 'sheet',
    });
  const readback = rawFromCellText(column, input.text);
  if (!readback.ok)
    return ctx.store.transaction((): EditCellOutcome => {
      ctx.store.appendJournal({
        at: ctx.clock.now().toISOString(),
        kind: 'cell.refused',
        actor: author,
        role: column.owner,
        target: `${input.rowKey} ${column.id}`,
        summary: readback.error.message,
        details: readback.error.details,
      });
      return { status: 'refused', errors: [readback.error] };
    });
  return editCell(ctx, {
    rowKey: input.rowKey,
    columnId: column.id,
    raw: readback.raw,
    role: column.owner,
    author,
    source: 'sheet',
  });
}
