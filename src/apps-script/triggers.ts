// The script's triggers: one onFormSubmit per responses spreadsheet (it serves every form linked to it; one
// spreadsheet up to about 1,400 establishments, see cell-budget.ts), one installable onEdit on the master, one
// weekly clock trigger — a handful whatever the number of establishments — plus, per long job while it resumes
// (install, Monday job, RETEX), its continuation and a backup the next day (should the day's trigger runtime run
// out), one catch-up while responses wait for the lock (pending.ts), and one hourly reading of the forms made
// through the Forms API while the workbook has any (api-forms.ts: they have no responses tab to fire onFormSubmit):
// 10 + one per responses spreadsheet at most (13 at 3,000 establishments), below Google's 20 per user; all the
// owner's. Ensuring them twice creates nothing; duplicates are deleted.
import type { GasSpreadsheet, GasTrigger } from './gas-api';
import type { Runtime } from './runtime';
import { apiForms } from './api-forms';

export const HANDLERS = {
  formSubmit: 'handleFormSubmit',
  edit: 'handleEdit',
  weekly: 'weeklyTick',
  resumeInstall: 'resumeInstall',
  resumeRetex: 'resumeRetex',
  catchUp: 'catchUpResponses',
  readForms: 'readFormResponses',
} as const;

/** One minute: the shortest wait Google honours for a one-off clock trigger is about that anyway. */
const CONTINUATION_DELAY_MS = 60_000;

const WEEKDAYS = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'] as const;

export const WEEKLY_TRIGGER_KEY = 'weekly.triggerId';

export function ensureTriggers(
  rt: Runtime,
  responses: readonly GasSpreadsheet[],
): { created: number; deleted: number } {
  const { ScriptApp } = rt.services;
  const triggers = ScriptApp.getProjectTriggers();
  let created = 0;
  let deleted = 0;
  const keep = (matches: GasTrigger[]): boolean => {
    for (const extra of matches.slice(1)) {
      ScriptApp.deleteTrigger(extra);
      deleted += 1;
    }
    return matches.length > 0;
  };
  const is = (t: GasTrigger, handler: string, event: unknown) =>
    t.getHandlerFunction() === handler && String(t.getEventType()) === String(event);
  const masterId = rt.master.getId();

  for (const [handler, event, sources] of [
    [
      HANDLERS.formSubmit,
      ScriptApp.EventType.ON_FORM_SUBMIT,
      responses.map((ss) => [ss.getId(), ss] as const),
    ],
    [HANDLERS.edit, ScriptApp.EventType.ON_EDIT, [[masterId, rt.master] as const]],
  ] as const) {
    const mine = triggers.filter((t) => is(t, handler, event));
    const wanted = new Set(sources.map(([id]) => id));
    for (const stale of mine.filter((t) => !wanted.has(t.getTriggerSourceId()))) {
      ScriptApp.deleteTrigger(stale);
      deleted += 1;
    }
    for (const [source, ss] of sources)
      if (!keep(mine.filter((t) => t.getTriggerSourceId() === source))) {
        const builder = ScriptApp.newTrigger(handler).forSpreadsheet(ss);
        (handler === HANDLERS.edit ? builder.onEdit() : builder.onFormSubmit()).create();
        created += 1;
      }
  }

  const weeklyId = rt.settings.get(WEEKLY_TRIGGER_KEY);
  const weekly = triggers.filter(
    (t) => is(t, HANDLERS.weekly, ScriptApp.EventType.CLOCK) && t.getUniqueId() === weeklyId,
  );
  if (!keep(weekly)) {
    const { weekday, time } = rt.project.config.reminders;
    const [hour, minute] = time.split(':').map(Number) as [number, number];
    const trigger = ScriptApp.newTrigger(HANDLERS.weekly)
      .timeBased()
      .everyWeeks(1)
      .onWeekDay(ScriptApp.WeekDay[WEEKDAYS[weekday - 1] ?? 'MONDAY'])
      .atHour(hour)
      .nearMinute(minute)
      .inTimezone('Europe/Paris')
      .create();
    rt.settings.set(WEEKLY_TRIGGER_KEY, trigger.getUniqueId());
    created += 1;
  }

  // Recurring clock triggers are the only ones of this handler (no continuation): keep one while it has work.
  const hourly = triggers.filter((t) => is(t, HANDLERS.readForms, ScriptApp.EventType.CLOCK));
  if (apiForms(rt).length === 0) {
    for (const t of hourly) ScriptApp.deleteTrigger(t);
    deleted += hourly.length;
  } else if (!keep(hourly)) {
    ScriptApp.newTrigger(HANDLERS.readForms).timeBased().everyHours(1).create();
    created += 1;
  }
  return { created, deleted };
}

/** Past Google's 6-minute limit: a watchdog never fires while the run it guards can still be going. */
const WATCHDOG_DELAY_MS = 7 * 60_000;

/**
 * Past a day and Google's reset of the daily trigger runtime (90 min consumer, 6 h Workspace: « Quotas for Google
 * Services », https://developers.google.com/apps-script/guides/services/quotas). Once the day's runtime is spent,
 * Google refuses the continuation and the watchdog: this one resumes the job the next day.
 */
const NEXT_DAY_DELAY_MS = 24 * 60 * 60_000 + 10 * 60_000;

/**
 * Schedules `handler` to run again (by default in a minute: a resumable job out of time), replacing earlier
 * continuations, with a backup the next day should Google refuse it (the day's trigger runtime spent).
 */
export function scheduleContinuation(rt: Runtime, handler: string, delayMs = CONTINUATION_DELAY_MS): void {
  clearContinuations(rt, handler);
  rt.services.ScriptApp.newTrigger(handler).timeBased().after(delayMs).create();
  rt.services.ScriptApp.newTrigger(handler).timeBased().after(NEXT_DAY_DELAY_MS).create();
}

/**
 * A run Google stops (the time limit, a service error) cannot schedule its own continuation, and the one-off
 * trigger that started it is spent: before its work, a resumable job arms a continuation that fires after the
 * run could have ended. The run replaces it when it stops on its own (a continuation in a minute, or none).
 */
export function armWatchdog(rt: Runtime, handler: string): void {
  scheduleContinuation(rt, handler, WATCHDOG_DELAY_MS);
}

/** Deletes the one-off clock triggers of `handler` (the recurring weekly trigger is kept). */
export function clearContinuations(rt: Runtime, handler: string): number {
  const { ScriptApp } = rt.services;
  const weeklyId = rt.settings.get(WEEKLY_TRIGGER_KEY);
  let deleted = 0;
  for (const t of ScriptApp.getProjectTriggers())
    if (
      t.getHandlerFunction() === handler &&
      String(t.getEventType()) === String(ScriptApp.EventType.CLOCK) &&
      t.getUniqueId() !== weeklyId
    ) {
      ScriptApp.deleteTrigger(t);
      deleted += 1;
    }
  return deleted;
}
