// « Binôme ARS / SESAN », a Google-only column at the end of Suivi (after the hidden technical columns): the label
// of the binôme following each row's establishment, from the current assignments (the core's rule, as the local
// pages show it). Derived, owner-only like the technical columns: what is typed there is never read back, and the
// ARS changes a binôme in « Binômes ». Written by the job that refreshes the binômes' filter views (the Monday
// job, the menu, an edit in « Binômes »), in one call, only when a label or the rows changed (a fingerprint in
// Script Properties). Not a tracking-file column: the official layout (and the .xlsx export) stays the deck's.
import { binomeLabel, currentAssignments, currentBinomes } from '../domain/accompaniment';
import { forceTextForSheets } from '../domain/workbook/cell-text';
import type { SheetAccompanimentStore } from './accompaniment-store';
import { applyProtections } from './protections';
import type { Runtime } from './runtime';
import { ensureSize } from './sheet-renderer';
import { SUIVI } from './workbook-geometry';
import { BINOME_COLUMN_KEY, binomeColumn, binomeColumnProtection } from './binome-column-protection';

export const BINOME_COLUMN_TITLE = 'Binôme ARS / SESAN';

/** The column's cells from row 1 down to the last Suivi row: the header rows, then each row's binôme label. */
export function binomeColumnValues(rt: Runtime, store: SheetAccompanimentStore): string[] {
  const g = rt.store.geometry;
  const labels = new Map(currentBinomes(store.listBinomes()).map((b) => [b.id, binomeLabel(b)]));
  const assigned = currentAssignments(store.listAssignments());
  const rows = rt.store.rows();
  const last = Math.max(g.headerRows, ...rows.map((r) => r.rowNumber));
  const out = Array.from({ length: last }, () => '');
  out[g.headerRows - 1] = BINOME_COLUMN_TITLE;
  for (const r of rows) {
    const binome = assigned.get(r.record.establishment.id);
    out[r.rowNumber - 1] = binome === undefined ? '' : (labels.get(binome) ?? '');
  }
  return out;
}

/** Writes the column when it changed; true when it did. */
export function syncBinomeColumn(rt: Runtime, store: SheetAccompanimentStore): boolean {
  const values = binomeColumnValues(rt, store);
  const print = JSON.stringify(values);
  if (rt.settings.get(BINOME_COLUMN_KEY) === print) return false;
  const suivi = rt.store.sheet(SUIVI);
  const col = binomeColumn(rt.store.geometry);
  ensureSize(suivi, values.length, col);
  suivi
    .getRange(1, col, values.length, 1)
    .setValues(values.map((v) => [v === '' ? '' : forceTextForSheets(v)]));
  // Kept (or put back, after a re-install removed it) whenever the column is rewritten.
  applyProtections(rt, [binomeColumnProtection(rt)], false);
  rt.settings.set(BINOME_COLUMN_KEY, print);
  return true;
}
