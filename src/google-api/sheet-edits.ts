// ARS and ANS cells typed directly in the Google Suivi tab, found at sync: each Suivi cell as read at load time is
// compared with what the records say it shows; each difference goes through the core (applySheetEdit → editCell,
// source 'sheet', as the column's owner role). A value the rules refuse, and any edit of an ES cell (protections
// forbid it, but the spreadsheet's owner can still type there), is journaled and the cell rewritten from the
// records at the next flush. The Sheets API does not say who typed a cell: the author is « modification directe
// dans la feuille ». Decides no rule itself.
import { applySheetEdit } from '../app/apply-sheet-edit';
import type { AppContext } from '../app/context';
import { columnScope, type Column, type TrackingFile } from '../schema/tracking-file';
import { currentState } from '../domain/ledger';
import { frSheetEdits } from '../domain/messages';
import { parseRowKey, rowKey, rowTitle, type RowKey } from '../domain/model';
import type { GridCell } from '../domain/workbook/tracking-grid';
import { suiviRowCells, suiviRowValues } from '../domain/workbook/suivi-sheet';
import { valueAsText } from '../domain/values';
import { isoDateFromSerial, rawRow } from '../google/cell-values';
import type { RestStore } from './rest-store';
import type { ReadValue } from './sheets';

/** A Suivi cell whose content differs from what the records say it shows. */
export interface SheetDifference {
  rowKey: RowKey;
  column: Column;
  /** The value read (undefined: the cell is empty). */
  value: ReadValue | undefined;
}

export interface SheetEditsResult {
  /** Edits kept (ARS actions, ANS remarks, ARS identity values). */
  saved: number;
  /** Edits refused and undone (a value the rules refuse, an ES cell). */
  restored: number;
}

const same = (a: ReadValue | undefined, b: string | number) => (a ?? '') === b;

/** Every Suivi cell read at load time that differs from the records, in row then column order. */
export function sheetDifferences(tracking: TrackingFile, store: RestStore): SheetDifference[] {
  const current = currentState(store.listReportVersions());
  const out: SheetDifference[] = [];
  for (const [key, read] of store.layout.suiviValues) {
    const parsed = parseRowKey(key);
    const e = parsed && store.getEstablishment(parsed.establishmentId);
    const u = e?.useCases.find((x) => x.id === parsed?.useCaseId);
    if (!e || !u) continue;
    const expected = rawRow(
      suiviRowCells(tracking, suiviRowValues(tracking, e, u, current.get(key), store.annotations(key)), key),
    );
    tracking.columns.forEach((column, i) => {
      if (!same(read[i], expected[i] ?? '')) out.push({ rowKey: key, column, value: read[i] });
    });
  }
  return out;
}

/** A cell as read with UNFORMATTED_VALUE, as the core reads a typed cell: a date column's serial as its date. */
export function gridCellOf(column: Column, value: ReadValue | undefined): GridCell {
  if (value === undefined || value === '') return null;
  if (typeof value === 'number')
    return column.type.kind === 'date' ? { t: 'd', v: isoDateFromSerial(value) } : { t: 'n', v: value };
  if (typeof value === 'boolean') return { t: 'b', v: value };
  return { t: 's', v: value };
}

/** The Suivi rows that show a cell: every row of the establishment for an establishment-wide column. */
function rowsShowing(store: RestStore, key: RowKey, column: Column): RowKey[] {
  const parsed = parseRowKey(key);
  const e = parsed && store.getEstablishment(parsed.establishmentId);
  if (!e || columnScope(column) !== 'establishment') return [key];
  return e.useCases.map((u) => rowKey(e.id, u.id));
}

/**
 * Applies the differences through the core and asks the store to rewrite what must be put back. Runs before the
 * new responses are ingested, against the records as loaded.
 */
export function applySheetEdits(ctx: AppContext, store: RestStore, actor: string): SheetEditsResult {
  const { tracking } = ctx.project;
  const result: SheetEditsResult = { saved: 0, restored: 0 };
  const differences = sheetDifferences(tracking, store);
  const rewritten = new Set<string>();
  for (const d of differences) {
    // A value already rewritten for the whole establishment (another row of it) is not read twice.
    if (rewritten.has(`${d.rowKey} ${d.column.id}`)) continue;
    const outcome = applySheetEdit(ctx, {
      rowKey: d.rowKey,
      columnId: d.column.id,
      cell: gridCellOf(d.column, d.value),
    });
    const rows = rowsShowing(store, d.rowKey, d.column);
    for (const r of rows) {
      store.rewriteSuiviCells(r, [d.column.id]);
      rewritten.add(`${r} ${d.column.id}`);
    }
    if (outcome.status === 'saved') {
      result.saved += 1;
      continue;
    }
    result.restored += 1;
    const parsed = parseRowKey(d.rowKey);
    const e = parsed && store.getEstablishment(parsed.establishmentId);
    const u = e?.useCases.find((x) => x.id === parsed?.useCaseId);
    const stored = shownValue(tracking, store, d.rowKey, d.column);
    store.appendJournal({
      at: ctx.clock.now().toISOString(),
      kind: 'reconcile',
      actor,
      role: 'system',
      target: `${d.rowKey} ${d.column.id}`,
      summary: frSheetEdits.restored(
        d.column.label,
        e && u ? rowTitle(e, u) : d.rowKey,
        stored,
        d.column.owner === 'es',
      ),
      details: `sheet value ${JSON.stringify(d.value ?? '').slice(0, 80)} replaced by the stored value`,
    });
  }
  return result;
}

/** The text the stored value shows in the cell. */
function shownValue(tracking: TrackingFile, store: RestStore, key: RowKey, column: Column): string {
  const parsed = parseRowKey(key);
  const e = parsed && store.getEstablishment(parsed.establishmentId);
  const u = e?.useCases.find((x) => x.id === parsed?.useCaseId);
  if (!e || !u) return '';
  const current = currentState(store.listReportVersions()).get(key);
  return valueAsText(column, suiviRowValues(tracking, e, u, current, store.annotations(key))[column.id]);
}
