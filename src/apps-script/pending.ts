// Responses whose trigger could not take the script lock (an install, the Monday job or a RETEX held it): on
// Google up to 30 executions of one user run at once, so a response arriving during a long job must not wait for
// next Monday's reconciliation. Each such response is noted in Script Properties under a key of its own (executions
// running side by side never overwrite one another's note) and a one-off catch-up trigger is armed — one at a
// time, so a burst of responses cannot exhaust Google's 20 triggers. The job holding the lock ingests the noted
// responses between its units of work; the catch-up ingests what is left, and arms itself again while the lock is
// held. Target: a response arriving during any long job is ingested within 15 minutes. A cell edit that missed the
// lock is noted the same way (one key for all): the catch-up compares Suivi with the records, as Monday's
// reconciliation does (the author is then unknown). A weekly form that a delivery left out of date (a late report
// moved the values it shows and checks) is noted the same way, one key per establishment, and updated by the catch-up.
import { frAppsScript } from './messages';
import { ingestResponse, refreshForm } from './ingest';
import { reconcileEdits } from './reconcile';
import { LOCK_WAIT_MS, withScriptLock } from './lock';
import type { GasSheet } from './gas-api';
import { responseAt, type FormResponseRow } from './responses';
import { responsesIds } from './responses-pool';
import type { Runtime } from './runtime';
import { refreshSynthesis } from './synthesis';
import { clearContinuations, HANDLERS } from './triggers';

export const PENDING_PREFIX = 'pending.response.';
export const PENDING_EDITS = 'pending.edits';
/** An establishment's weekly form left out of date by a delivery (a late report moved last week's values). */
export const PENDING_FORM_PREFIX = 'pending.form.';
/** When the catch-up runs after a response missed the lock: a long job's run lasts at most 5 minutes. */
export const CATCH_UP_DELAY_MS = 5 * 60_000;
/** How often a long job looks for noted responses (one Script Properties read each time). */
const CHECK_EVERY_MS = 60_000;

interface Noted {
  key: string;
  /** The responses spreadsheet of the tab (sheet ids are unique within one spreadsheet only). */
  responsesId: string;
  tabId: number;
  row: number;
}

/** A note's key: the responses spreadsheet, the tab and the row of the response. */
function pendingKey(response: FormResponseRow): string {
  return `${PENDING_PREFIX}${response.responsesId}:${response.tabId}:${response.row}`;
}

function notedIn(properties: Readonly<Record<string, string>>): Noted[] {
  return Object.keys(properties)
    .filter((k) => k.startsWith(PENDING_PREFIX))
    .flatMap((key) => {
      const m = /^([^:]+):(-?\d+):(\d+)$/.exec(key.slice(PENDING_PREFIX.length));
      return m && m[1] ? [{ key, responsesId: m[1], tabId: Number(m[2]), row: Number(m[3]) }] : [];
    })
    .sort(
      (a, b) =>
        (a.responsesId < b.responsesId ? -1 : a.responsesId > b.responsesId ? 1 : 0) ||
        a.tabId - b.tabId ||
        a.row - b.row,
    );
}

/** Arms the catch-up trigger unless one is already waiting. A failure (too many triggers) is only logged. */
export function armCatchUp(rt: Runtime): void {
  const { ScriptApp } = rt.services;
  try {
    if (ScriptApp.getProjectTriggers().some((t) => t.getHandlerFunction() === HANDLERS.catchUp)) return;
    ScriptApp.newTrigger(HANDLERS.catchUp).timeBased().after(CATCH_UP_DELAY_MS).create();
  } catch (error) {
    // The note stays: the next long job, the next delivery or Monday's reconciliation ingests it.
    console.warn(`Catch-up trigger not armed: ${String(error)}`);
  }
}

/** A response that could not take the lock: noted, and the catch-up armed. */
export function notePending(rt: Runtime, response: FormResponseRow): void {
  rt.services.PropertiesService.getScriptProperties().setProperty(
    pendingKey(response),
    rt.clock.now().toISOString(),
  );
  armCatchUp(rt);
}

/**
 * A delivery accepted a report that moves the values the establishment's weekly form shows and checks: the form is
 * updated by the catch-up in a few minutes rather than in the delivery (which would cost a dozen FormApp calls).
 * The core refuses a decreasing counter meanwhile; Monday's run brings every form up to date anyway.
 */
export function noteFormStale(rt: Runtime, establishmentId: string): void {
  try {
    rt.services.PropertiesService.getScriptProperties().setProperty(
      `${PENDING_FORM_PREFIX}${establishmentId}`,
      rt.clock.now().toISOString(),
    );
  } catch (error) {
    console.warn(`Form of ${establishmentId} left for Monday: ${String(error)}`);
    return;
  }
  armCatchUp(rt);
}

/**
 * Brings the weekly forms noted out of date up to their plan (the caller holds the lock); returns how many are left
 * for lack of time. A form Google fails to update is not retried here: Monday's run updates every form.
 */
export function refreshNotedForms(rt: Runtime, properties: Readonly<Record<string, string>>): number {
  const keys = Object.keys(properties)
    .filter((k) => k.startsWith(PENDING_FORM_PREFIX))
    .sort();
  let done = 0;
  for (const key of keys) {
    if (!rt.hasTime()) break;
    const establishment = rt.store.getEstablishment(key.slice(PENDING_FORM_PREFIX.length));
    if (establishment) refreshForm(rt, establishment, 'weekly');
    if (rt.settings.get(key) !== undefined) rt.settings.delete(key);
    else rt.services.PropertiesService.getScriptProperties().deleteProperty(key);
    done += 1;
  }
  return keys.length - done;
}

export interface PendingOutcome {
  ingested: number;
  /** Noted and not reached for lack of time: the catch-up arms itself again. */
  left: number;
  /** Noted, and their ingestion failed (a Google error): kept for the next catch-up or Monday's reconciliation. */
  failed: number;
}

/** A cell edit that could not take the lock: noted, and the catch-up armed. */
export function noteEditsPending(rt: Runtime): void {
  rt.services.PropertiesService.getScriptProperties().setProperty(
    PENDING_EDITS,
    rt.clock.now().toISOString(),
  );
  armCatchUp(rt);
}

/**
 * Ingests the noted responses (the caller holds the lock), as long as time allows; says how many it handled and
 * how many are left.
 * `fresh`: read Script Properties again (a long job's settings were read before the notes were written).
 */
export function ingestPending(rt: Runtime, fresh: boolean, max = Infinity): PendingOutcome {
  const properties = fresh
    ? rt.services.PropertiesService.getScriptProperties().getProperties()
    : rt.settings.entries();
  let editsLeft = 0;
  if (properties[PENDING_EDITS] !== undefined) {
    if (reconcileEdits(rt).complete) {
      if (rt.settings.get(PENDING_EDITS) !== undefined) rt.settings.delete(PENDING_EDITS);
      else rt.services.PropertiesService.getScriptProperties().deleteProperty(PENDING_EDITS);
    } else editsLeft = 1;
  }
  const noted = notedIn(properties);
  if (noted.length === 0) return { ingested: 0, left: editsLeft, failed: 0 };
  const known = new Set(responsesIds(rt));
  // Each responses spreadsheet's tabs, read once, when a note first needs them.
  const tabsOf = new Map<string, Map<number, GasSheet>>();
  const tabs = (id: string): Map<number, GasSheet> => {
    let found = tabsOf.get(id);
    if (!found) {
      found = known.has(id)
        ? new Map(
            rt.services.SpreadsheetApp.openById(id)
              .getSheets()
              .map((sheet) => [sheet.getSheetId(), sheet]),
          )
        : new Map();
      tabsOf.set(id, found);
    }
    return found;
  };
  let done = 0;
  let failed = 0;
  for (const note of noted) {
    if (done >= max || !rt.hasTime()) break;
    const tab = tabs(note.responsesId).get(note.tabId);
    const response = tab ? responseAt(tab, note.responsesId, note.row) : undefined;
    if (response) {
      try {
        ingestResponse(rt, response, { recovering: true });
      } catch (error) {
        // Left noted for the next catch-up another response arms, or Monday's reconciliation; not retried in a
        // loop, which would spend the day's trigger runtime on a response Google keeps failing.
        console.warn(`${frAppsScript.lockBusyLeft} (${note.key}): ${String(error)}`);
        failed += 1;
        continue;
      }
    }
    if (rt.settings.get(note.key) !== undefined) rt.settings.delete(note.key);
    else rt.services.PropertiesService.getScriptProperties().deleteProperty(note.key);
    done += 1;
  }
  return { ingested: done, left: noted.length - done - failed + editsLeft, failed };
}

/** What a long job calls between its units of work: at most once a minute, the noted responses are ingested. */
export function pendingDrainer(rt: Runtime): () => void {
  let lastCheck = rt.clock.now().getTime();
  return () => {
    const now = rt.clock.now().getTime();
    if (now - lastCheck < CHECK_EVERY_MS) return;
    lastCheck = now;
    // A few at a time: the job's own work comes first; the catch-up takes the rest.
    ingestPending(rt, true, 10);
  };
}

export type CatchUpOutcome = ({ status: 'done' } & PendingOutcome) | { status: 'busy' };

/** The catch-up trigger: ingests every noted response, or arms itself again while the lock is held. */
export function runCatchUp(rt: Runtime): CatchUpOutcome {
  clearContinuations(rt, HANDLERS.catchUp);
  const locked = withScriptLock(rt.services.LockService, LOCK_WAIT_MS, () => {
    const outcome = ingestPending(rt, false);
    if (outcome.ingested > 0) refreshSynthesis(rt);
    const formsLeft = refreshNotedForms(rt, rt.settings.entries());
    rt.services.SpreadsheetApp.flush();
    return { ...outcome, left: outcome.left + formsLeft };
  });
  if (!locked.ok || locked.value.left > 0) armCatchUp(rt);
  return locked.ok ? { status: 'done', ...locked.value } : { status: 'busy' };
}
