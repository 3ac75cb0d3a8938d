// The weekly safety net: every response of every establishment's tabs that the store has not seen (a trigger
// Google did not fire, a lock timeout, an ingestion a Google error interrupted) is ingested, oldest first; every
// Suivi cell that differs from what was recorded (an edit whose trigger failed) goes through the core as a cell
// typed by an unknown author: kept, or put back. The Journal says how many. The caller holds the script lock.
import { frAppsScript } from './messages';
import { frSheetEdits } from '../domain/messages';
import { valueAsText } from '../domain/values';
import { columnScope } from '../schema/tracking-file';
import { applyTypedCell, recordedValues } from './edits';
import { ingestResponse } from './ingest';
import type { GasSheet } from './gas-api';
import { responsesOfTab, submissionIdOf, type FormResponseRow } from './responses';
import { responsesIdOf, responsesIds } from './responses-pool';
import type { Runtime } from './runtime';
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

/**
 * Ingests the responses no trigger delivered, oldest first, as long as time allows. Says how many were handled and
 * whether none is left (a run out of time leaves the rest to the next, which reads the tabs again).
 */
export function reconcileResponses(rt: Runtime): { handled: number; complete: boolean } {
  const ids = responsesIds(rt);
  if (ids.length === 0) return { handled: 0, complete: true };
  const tabsOf = new Map<string, Map<number, GasSheet>>();
  const tabs = (id: string) => {
    let found = tabsOf.get(id);
    if (!found) {
      found = new Map(
        rt.services.SpreadsheetApp.openById(id)
          .getSheets()
          .map((s) => [s.getSheetId(), s]),
      );
      tabsOf.set(id, found);
    }
    return found;
  };
  const seen = rt.store.submissionIds();
  const missing: FormResponseRow[] = [];
  const done = new Set<string>();
  for (const row of rt.store.rows()) {
    for (const meta of [row.record.forms?.weekly, row.record.forms?.initialisation]) {
      const id = meta ? responsesIdOf(rt, meta) : undefined;
      if (!meta || id === undefined || !ids.includes(id) || done.has(`${id} ${meta.tabId}`)) continue;
      // Reading a thousand tabs takes a while too.
      if (!rt.hasTime()) return { handled: 0, complete: false };
      done.add(`${id} ${meta.tabId}`);
      const tab = meta.tabId === undefined ? undefined : tabs(id).get(meta.tabId);
      if (!tab) continue;
      const part = meta.responsesPart ?? 0;
      missing.push(...responsesOfTab(tab, id).filter((r) => !seen.has(submissionIdOf(r.tabId, r.row, part))));
    }
  }
  missing.sort(
    (a, b) =>
      (a.submittedAt?.getTime() ?? Infinity) - (b.submittedAt?.getTime() ?? Infinity) ||
      a.tabId - b.tabId ||
      a.row - b.row,
  );
  let handled = 0;
  let complete = true;
  for (const response of missing) {
    if (!rt.hasTime()) {
      complete = false;
      break;
    }
    const outcome = rt.unit(() => ingestResponse(rt, response, { recovering: true }));
    if (outcome.status !== 'ignored' && outcome.status !== 'duplicate') handled += 1;
  }
  rt.store.transaction(() => note(rt, frAppsScript.reconciled(handled)));
  return { handled, complete };
}

/**
 * Compares every cell of Suivi with what the records say it shows, as the REST sync does: an ARS / ANS value typed
 * while no trigger recorded it (a lock held, a trigger Google did not fire) is recorded with an unknown author;
 * anything the rules refuse — an ES column changed by hand included — is put back and journaled. Returns how many
 * edits were recorded, and whether every cell was compared (a run out of time leaves the rest to the next: cells
 * already handled no longer differ).
 */
export function reconcileEdits(rt: Runtime): { recorded: number; complete: boolean } {
  const rows = rt.store.rows();
  if (rows.length === 0) return { recorded: 0, complete: true };
  const g = rt.store.geometry;
  const columns = rt.project.tracking.columns;
  const first = Math.min(...rows.map((r) => r.rowNumber));
  const last = Math.max(...rows.map((r) => r.rowNumber));
  const shown = rt.store
    .sheet(SUIVI)
    .getRange(first, 1, last - first + 1, columns.length)
    .getDisplayValues();
  const byRow = new Map(rows.map((r) => [r.rowNumber, r]));
  // A value of the whole establishment already handled on one of its rows is not read again on the others.
  const done = new Set<string>();
  let count = 0;
  let complete = true;
  shown.forEach((line, i) => {
    const row = byRow.get(first + i);
    if (!row || !complete) return;
    if (!rt.hasTime()) {
      complete = false;
      return;
    }
    const recorded = recordedValues(rt, row, true);
    line.forEach((typed, j) => {
      const column = g.columnAt(j + 1);
      if (!column) return;
      const scope = columnScope(column) === 'establishment' ? row.record.establishment.id : row.key;
      if (done.has(`${scope} ${column.id}`)) return;
      if (typed === valueAsText(column, recorded[column.id] ?? null)) return;
      done.add(`${scope} ${column.id}`);
      const outcome = applyTypedCell(rt, {
        row,
        col: j + 1,
        column,
        text: typed,
        author: frSheetEdits.unknownAuthor,
        role: column.owner,
      });
      if (outcome === 'saved') count += 1;
    });
  });
  if (count > 0) rt.store.transaction(() => note(rt, frAppsScript.editsReconciled(count)));
  return { recorded: count, complete };
}
