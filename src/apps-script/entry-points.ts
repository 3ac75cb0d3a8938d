// What each top-level function of the bundle does, given the services main.ts gathered: open the runtime, take
// the script lock where the workbook is written, run the adapter, flush before releasing the lock so the next
// execution reads what this one wrote.
import type { Milestone } from '../domain/calendar';
import { frAppsScript } from '../domain/messages';
import type { Clock } from '../ports';
import type { Project } from '../schema/project';
import type { RetexTemplates } from '../domain/retex-template';
import { handleSheetEdit } from './edits';
import type { GasEditEvent, GasFormSubmitEvent, GasServices } from './gas-api';
import { ingestResponse, type ResponseOutcome } from './ingest';
import { runInstall, type InstallOutcome } from './install';
import { LOCK_WAIT_MS, withScriptLock } from './lock';
import { addMenu } from './menu';
import { noteEditsPending, notePending, runCatchUp, type CatchUpOutcome } from './pending';
import { sendReminders } from './reminders';
import { responseFromEvent, submissionIdOf } from './responses';
import { buildRetexDocuments, type RetexOutcome } from './retex';
import { openRuntime, type Runtime } from './runtime';
import { runSmokeChecks, type SmokeReport } from './smoke';
import { refreshSynthesis } from './synthesis';
import { runWeeklyTick, type WeeklyOutcome } from './weekly-tick';

export interface Environment {
  services: GasServices;
  project: () => Project;
  clock: Clock;
  retexTemplates: () => RetexTemplates;
}

function runtime(env: Environment): Runtime {
  return openRuntime(env.services, env.project(), env.clock, env.retexTemplates);
}

/** Runs `fn` under the script lock and flushes before releasing it; `busy` when the lock could not be had. */
function locked<T>(rt: Runtime, fn: () => T): T | 'busy' {
  const result = withScriptLock(rt.services.LockService, LOCK_WAIT_MS, () => {
    const value = fn();
    rt.services.SpreadsheetApp.flush();
    return value;
  });
  return result.ok ? result.value : 'busy';
}

export function onOpen(env: Environment): void {
  addMenu(env.services.SpreadsheetApp.getUi());
}

export function install(env: Environment, continuation: boolean): InstallOutcome {
  return runInstall(runtime(env), continuation);
}

export function handleFormSubmit(env: Environment, event: GasFormSubmitEvent): ResponseOutcome | 'busy' {
  const rt = runtime(env);
  const response = responseFromEvent(event);
  const outcome = locked(rt, () => {
    const result = ingestResponse(rt, response);
    if (result.status === 'accepted' || result.status === 'profile-saved') refreshSynthesis(rt);
    return result;
  });
  if (outcome === 'busy') {
    // Another execution (an install, the Monday job, a RETEX) holds the lock: noted, caught up within minutes.
    console.warn(`${frAppsScript.lockBusyLeft} (${submissionIdOf(response.tabId, response.row)})`);
    notePending(rt, response);
  }
  return outcome;
}

export function catchUpResponses(env: Environment): CatchUpOutcome {
  return runCatchUp(runtime(env));
}

export function handleEdit(env: Environment, event: GasEditEvent): void {
  const rt = runtime(env);
  if (locked(rt, () => handleSheetEdit(rt, event)) === 'busy') {
    console.warn(frAppsScript.lockBusyLeft);
    // Compared with the records by the catch-up, within minutes rather than at Monday's reconciliation.
    noteEditsPending(rt);
  }
}

export function weeklyTick(env: Environment): WeeklyOutcome {
  return runWeeklyTick(runtime(env));
}

export function refreshSummary(env: Environment): void {
  const rt = runtime(env);
  const outcome = locked(rt, () => refreshSynthesis(rt, true));
  rt.notify(outcome === 'busy' ? frAppsScript.installBusy : frAppsScript.summaryRefreshed);
}

export function sendRemindersNow(env: Environment): void {
  const rt = runtime(env);
  const outcome = locked(rt, () => sendReminders(rt, true));
  if (outcome === 'busy') rt.notify(frAppsScript.installBusy);
  else if (!outcome.complete && outcome.week)
    rt.notify(frAppsScript.remindersToContinue(outcome.mails, outcome.week));
  else
    rt.notify(
      outcome.week
        ? frAppsScript.remindersDone(outcome.mails, outcome.week)
        : frAppsScript.remindersNothingDue,
    );
}

export function retex(env: Environment, milestone: Milestone): RetexOutcome {
  return buildRetexDocuments(runtime(env), milestone);
}

export function resumeRetex(env: Environment): RetexOutcome {
  return buildRetexDocuments(runtime(env), null);
}

export function smokeGoogle(env: Environment): SmokeReport {
  return runSmokeChecks(runtime(env));
}
