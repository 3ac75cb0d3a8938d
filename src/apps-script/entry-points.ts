// What each top-level function of the bundle does, given the services main.ts gathered: open the runtime, take
// the script lock where the workbook is written, run the adapter, flush before releasing the lock so the next
// execution reads what this one wrote.
import type { Milestone } from '../domain/calendar';
import { frAppsScript } from './messages';
import type { Clock } from '../ports';
import type { Project } from '../schema/project';
import type { RetexTemplates } from '../domain/retex/template';
import { handleSheetEdit } from './edits';
import type { GasEditEvent, GasFormSubmitEvent, GasServices } from './gas-api';
import { ingestResponse, type ResponseOutcome } from './ingest';
import { runInstall, type InstallOutcome } from './install';
import { LOCK_WAIT_MS, withScriptLock } from './lock';
import { addMenu } from './menu';
import { asOwner, menuAudience, triggerRunsAsOwner } from './owner';
import { KEYS } from './settings';
import { noteEditsPending, noteFormStale, notePending, runCatchUp, type CatchUpOutcome } from './pending';
import { sendReminders } from './reminders';
import { responseFromEvent, submissionIdOf } from './responses';
import { buildRetexDocuments, type RetexOutcome } from './retex/retex';
import { openRuntime, type AccompanimentSources, type Runtime } from './runtime';
import { ensureAccompaniment, type AccompanimentSetup } from './accompaniment-setup';
import { committeeMessage, issueCommitteePack, type CommitteeOutcome } from './committee-doc';
import type { SmokeReport } from '../google/smoke-report';
import { runSmokeChecks } from './smoke';
import { refreshSynthesis } from './synthesis';
import { readApiForms, type ApiFormsOutcome } from './api-forms';
import { runWeeklyTick, type WeeklyOutcome } from './weekly-tick';

export interface Environment {
  services: GasServices;
  project: () => Project;
  clock: Clock;
  retexTemplates: () => RetexTemplates;
  /** The accompaniment's bundled files (binômes, committee template). */
  accompaniment?: () => AccompanimentSources;
}

function runtime(env: Environment): Runtime {
  return openRuntime(env.services, env.project(), env.clock, env.retexTemplates, env.accompaniment);
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

/** What a job refused to someone other than the owner returns: nothing was changed. */
interface Refused {
  status: 'refused';
  message: string;
}
const refused = (message: string): Refused => ({ status: 'refused', message });

export function onOpen(env: Environment): void {
  addMenu(env.services.SpreadsheetApp.getUi(), menuAudience(env.services));
}

/** The one menu item of someone other than the owner: who administers the pilot, what they do without a menu. */
export function explainAccess(env: Environment): void {
  const rt = runtime(env);
  rt.notify(frAppsScript.accessInfo(rt.settings.get(KEYS.owner) ?? null));
}

export function install(env: Environment, continuation: boolean): InstallOutcome | Refused {
  const rt = runtime(env);
  return asOwner(rt, refused, () => runInstall(rt, continuation), !continuation);
}

export function handleFormSubmit(env: Environment, event: GasFormSubmitEvent): ResponseOutcome | 'busy' {
  // No owner check here: it would cost a Script Properties read per response (budget: 6 calls on time), and since
  // install refuses anyone but the owner, no one else can create this trigger any more. For the same reason the
  // catch-up armed below for an out-of-date form is the owner's.
  const rt = runtime(env);
  const response = responseFromEvent(event);
  const outcome = locked(rt, () => {
    // One read, then the report, its Historique and Journal rows, the row's record and Synthèse's values in one
    // write (sheet-store.ts); the weekly form, when the report moved what it shows, is left to the catch-up.
    rt.store.expectNoDirectWrites();
    return ingestResponse(rt, response, {
      deferFormRefresh: true,
      inTransaction: () => refreshSynthesis(rt),
    });
  });
  if (outcome !== 'busy' && outcome.status === 'accepted' && outcome.formStale)
    noteFormStale(rt, outcome.establishmentId);
  if (outcome === 'busy') {
    // Another execution (an install, the Monday job, a RETEX) holds the lock: noted, caught up within minutes.
    console.warn(
      `${frAppsScript.lockBusyLeft} (${submissionIdOf(response.tabId, response.row)}, ${response.responsesId})`,
    );
    // The catch-up trigger belongs to whoever runs this one: only the owner's delivery arms it (one settings read,
    // on this rare path only), so no other account's trigger runs the catch-up.
    if (triggerRunsAsOwner(rt)) notePending(rt, response);
  }
  return outcome;
}

export function catchUpResponses(env: Environment): CatchUpOutcome | Refused {
  const rt = runtime(env);
  return asOwner(rt, refused, () => runCatchUp(rt));
}

export function handleEdit(env: Environment, event: GasEditEvent): void {
  const rt = runtime(env);
  if (!triggerRunsAsOwner(rt)) return;
  if (locked(rt, () => handleSheetEdit(rt, event)) === 'busy') {
    console.warn(frAppsScript.lockBusyLeft);
    // Compared with the records by the catch-up, within minutes rather than at Monday's reconciliation.
    noteEditsPending(rt);
  }
}

export function readFormResponses(env: Environment): ApiFormsOutcome | Refused | 'busy' {
  const rt = runtime(env);
  return asOwner(rt, refused, () => {
    const outcome = locked(rt, () => {
      const read = readApiForms(rt);
      if (read.accepted > 0) refreshSynthesis(rt);
      return read;
    });
    rt.notify(outcome === 'busy' ? frAppsScript.installBusy : frAppsScript.apiFormsRead(outcome));
    return outcome;
  });
}

export function weeklyTick(env: Environment): WeeklyOutcome | Refused {
  const rt = runtime(env);
  return asOwner(rt, refused, () => runWeeklyTick(rt));
}

export function refreshSummary(env: Environment): void {
  const rt = runtime(env);
  asOwner(rt, refused, () => refreshSummaryNow(rt));
}

function refreshSummaryNow(rt: Runtime): void {
  const outcome = locked(rt, () => refreshSynthesis(rt, true));
  rt.notify(outcome === 'busy' ? frAppsScript.installBusy : frAppsScript.summaryRefreshed);
}

export function sendRemindersNow(env: Environment): void {
  const rt = runtime(env);
  asOwner(rt, refused, () => sendRemindersFromMenu(rt));
}

function sendRemindersFromMenu(rt: Runtime): void {
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
  const rt = runtime(env);
  return asOwner(rt, refused, () => buildRetexDocuments(rt, milestone));
}

export function resumeRetex(env: Environment): RetexOutcome {
  const rt = runtime(env);
  return asOwner(rt, refused, () => buildRetexDocuments(rt, null));
}

/** Menu « Préparer l'accompagnement »: the accompaniment tabs, their protections, the bundled binômes. */
export function prepareAccompaniment(env: Environment): AccompanimentSetup | Refused | 'busy' {
  const rt = runtime(env);
  return asOwner(rt, refused, () => {
    const outcome = locked(rt, () => ensureAccompaniment(rt));
    rt.notify(
      outcome === 'busy'
        ? frAppsScript.installBusy
        : `Accompagnement prêt : ${outcome.binomes} binôme(s) et ${outcome.assignments} établissement(s) attribué(s) ajoutés ; onglets « Binômes », « Points de suivi », « Actions de suivi », « Comités ».`,
    );
    return outcome;
  });
}

/** Menu « Comité de suivi du mois ». */
export function committeePack(env: Environment): CommitteeOutcome | Refused | 'busy' {
  const rt = runtime(env);
  return asOwner(rt, refused, () => {
    const outcome = locked(rt, () => issueCommitteePack(rt));
    rt.notify(outcome === 'busy' ? frAppsScript.installBusy : committeeMessage(outcome));
    return outcome;
  });
}

export function smokeGoogle(env: Environment): SmokeReport {
  const rt = runtime(env);
  // `npm run smoke:google` reads this report: a refusal is a failed check, never a silent pass.
  return asOwner(
    rt,
    (message): SmokeReport => ({
      checks: [
        {
          name: frAppsScript.smokeOwnerCheck,
          expected: 'propriétaire',
          observed: message,
          verdict: 'differs',
        },
      ],
      passed: 0,
      failed: 1,
    }),
    () => runSmokeChecks(rt),
  );
}
