// The weekly safety net: every response of every establishment's tabs that the store has not seen (a trigger
// Google did not fire, a lock timeout) is ingested, oldest first; every ARS/ANS cell of Suivi that differs from
// what was recorded (an edit whose trigger failed) is recorded with an unknown author. The Journal says how many.
// The caller holds the script lock.
import { editCell } from '../app/edit-cell';
import { annotationColumns } from '../domain/columns';
import { frAppsScript } from '../domain/messages';
import { valueAsText } from '../domain/values';
import { rawFromCellText } from './cell-input';
import { sheetValue } from './cells';
import { ingestResponse } from './ingest';
import { responsesOfTab, submissionIdOf, type FormResponseRow } from './responses';
import type { Runtime } from './runtime';
import { KEYS } from './settings';
import { runsOf } from './sheet-store';
import { SUIVI } from './workbook-geometry';

function note(rt: Runtime, summary: string): void {
  rt.store.appendJournal({
    at: rt.clock.now().toISOString(),
    kind: 'reconcile',
    actor: 'suivi-mes',
    role: 'system',
    summary,
  });
}

/** Ingests the responses no trigger delivered. Returns how many were handled. */
export function reconcileResponses(rt: Runtime): number {
  const responsesId = rt.settings.get(KEYS.responsesId);
  if (!responsesId) return 0;
  const tabs = new Map(
    rt.services.SpreadsheetApp.openById(responsesId)
      .getSheets()
      .map((s) => [s.getSheetId(), s]),
  );
  const seen = rt.store.submissionIds();
  const missing: FormResponseRow[] = [];
  const done = new Set<number>();
  for (const row of rt.store.rows()) {
    for (const meta of [row.record.forms?.weekly, row.record.forms?.initialisation]) {
      if (!meta || done.has(meta.tabId)) continue;
      done.add(meta.tabId);
      const tab = tabs.get(meta.tabId);
      if (!tab) continue;
      missing.push(...responsesOfTab(tab).filter((r) => !seen.has(submissionIdOf(r.tabId, r.row))));
    }
  }
  missing.sort(
    (a, b) =>
      (a.submittedAt?.getTime() ?? Infinity) - (b.submittedAt?.getTime() ?? Infinity) ||
      a.tabId - b.tabId ||
      a.row - b.row,
  );
  let handled = 0;
  for (const response of missing) {
    if (!rt.hasTime()) break;
    const outcome = rt.unit(() => ingestResponse(rt, response));
    if (outcome.status !== 'ignored' && outcome.status !== 'duplicate') handled += 1;
  }
  rt.store.transaction(() => note(rt, frAppsScript.reconciled(handled)));
  return handled;
}

/** Records ARS/ANS cells of Suivi whose value differs from the last one recorded. Returns how many. */
export function reconcileEdits(rt: Runtime): number {
  const rows = rt.store.rows();
  if (rows.length === 0) return 0;
  const g = rt.store.geometry;
  const columns = annotationColumns(rt.project.tracking);
  const first = Math.min(...rows.map((r) => r.rowNumber));
  const last = Math.max(...rows.map((r) => r.rowNumber));
  const sheet = rt.store.sheet(SUIVI);
  const byRow = new Map(rows.map((r) => [r.rowNumber, r]));
  let count = 0;
  for (const [col, width] of runsOf(columns.map((c) => g.column(c.id)))) {
    const shown = sheet.getRange(first, col, last - first + 1, width).getDisplayValues();
    shown.forEach((line, i) => {
      const row = byRow.get(first + i);
      if (!row) return;
      line.forEach((typed, j) => {
        const column = g.columnAt(col + j);
        if (!column) return;
        const recorded = valueAsText(column, row.record.annotations[column.id]);
        if (typed === recorded) return;
        const outcome = editCell(rt, {
          rowKey: row.key,
          columnId: column.id,
          raw: rawFromCellText(column, typed),
          role: column.owner,
          author: frAppsScript.reconciliationAuthor,
          source: 'sheet',
        });
        if (outcome.status === 'saved') count += 1;
        else
          sheet
            .getRange(row.rowNumber, col + j, 1, 1)
            .setValue(sheetValue(recorded === '' ? null : { t: 's', v: recorded }));
      });
    });
  }
  if (count > 0) rt.store.transaction(() => note(rt, frAppsScript.editsReconciled(count)));
  return count;
}
