// weeklyTick (the weekly clock trigger, also in the menu): under the script lock, recover the responses no
// trigger delivered and the cell edits no trigger recorded, bring every establishment's weekly form to the new
// week (its week choices, last week's values as the floor of each counter and in its help text, the prefilled
// link), rewrite the registry's links and redraw the summary, then send the reminders and the ARS digest.
// Resumable like install: a cursor per week in Script Properties and a continuation trigger.
import { isoWeekOfInstant } from '../domain/iso-week';
import { frAppsScript } from '../domain/messages';
import { checkMasterCells } from './cell-budget';
import { formItems } from './form-spec';
import { planOf, syncItems, weeklyLink } from './forms';
import { WEEK_FIELD } from '../domain/form-plan';
import { LOCK_WAIT_MS, withScriptLock } from './lock';
import { reconcileEdits, reconcileResponses } from './reconcile';
import { renderRegistry } from './registry';
import { sendReminders, type RemindersOutcome } from './reminders';
import { refreshAccompanimentDescription } from './accompaniment-form';
import type { Runtime } from './runtime';
import { KEYS, WeeklyCursor } from './settings';
import { refreshSynthesis } from './synthesis';
import { armWatchdog, clearContinuations, HANDLERS, scheduleContinuation } from './triggers';

const PHASES = ['responses', 'edits', 'forms', 'registry', 'synthesis', 'reminders'] as const;

export type WeeklyOutcome =
  | { status: 'done'; recovered: number; edits: number; forms: number; reminders: RemindersOutcome }
  | { status: 'continuing' }
  | { status: 'busy' };

/** Brings one establishment's weekly form to the plan of today; returns the items changed. */
function syncWeeklyForm(rt: Runtime, establishmentId: string): number {
  const e = rt.store.getEstablishment(establishmentId);
  const meta = e ? rt.store.formsOf(e.id).weekly : undefined;
  if (!e || !meta) return 0;
  const plan = planOf(rt, 'weekly', e);
  const weekKeyBefore = meta.applied[WEEK_FIELD];
  let form: ReturnType<Runtime['services']['FormApp']['openById']> | undefined;
  const open = () => (form ??= rt.services.FormApp.openById(meta.id));
  const { meta: next, changed } = syncItems(rt.services, meta, formItems(plan), open);
  if (next.applied[WEEK_FIELD] !== weekKeyBefore || !next.prefilled)
    next.prefilled = weeklyLink(rt, open(), next, e);
  const described = refreshAccompanimentDescription(rt, e, plan, next, open);
  if (changed > 0 || described || next.prefilled !== meta.prefilled) rt.store.saveForm(e.id, 'weekly', next);
  return changed > 0 ? 1 : 0;
}

/** Runs (or resumes, when a cursor of this week is stored) the weekly work. */
export function runWeeklyTick(rt: Runtime): WeeklyOutcome {
  clearContinuations(rt, HANDLERS.weekly);
  const week = isoWeekOfInstant(rt.clock.now());
  const stored = rt.settings.json(KEYS.weeklyCursor, WeeklyCursor);
  const cursor: WeeklyCursor = stored && stored.week === week ? stored : { week, phase: PHASES[0], done: [] };
  let recovered = 0;
  let edits = 0;
  let forms = 0;
  let reminders: RemindersOutcome | undefined;
  const locked = withScriptLock(rt.services.LockService, LOCK_WAIT_MS, (): boolean => {
    rt.settings.setJson(KEYS.weeklyCursor, cursor);
    armWatchdog(rt, HANDLERS.weekly);
    for (
      let i = Math.max(0, PHASES.indexOf(cursor.phase as (typeof PHASES)[number]));
      i < PHASES.length;
      i += 1
    ) {
      const phase = PHASES[i] as (typeof PHASES)[number];
      cursor.phase = phase;
      if (!rt.hasTime()) return false;
      switch (phase) {
        case 'responses':
          recovered = reconcileResponses(rt);
          break;
        case 'edits':
          edits = reconcileEdits(rt);
          break;
        case 'forms':
          for (const e of rt.store.listEstablishments()) {
            if (cursor.done.includes(e.id)) continue;
            if (!rt.hasTime()) return false;
            forms += rt.unit(() => syncWeeklyForm(rt, e.id));
            cursor.done.push(e.id);
          }
          rt.store.transaction(() =>
            rt.store.appendJournal({
              at: rt.clock.now().toISOString(),
              kind: 'reconcile',
              actor: 'suivi-mes',
              role: 'system',
              summary: frAppsScript.formsUpdated(forms),
            }),
          );
          break;
        case 'registry':
          renderRegistry(rt);
          break;
        case 'synthesis':
          refreshSynthesis(rt, true);
          checkMasterCells(rt);
          break;
        case 'reminders':
          reminders = sendReminders(rt, false);
          break;
      }
    }
    return true;
  });
  if (!locked.ok || !locked.value) {
    rt.settings.setJson(KEYS.weeklyCursor, cursor);
    scheduleContinuation(rt, HANDLERS.weekly);
    return locked.ok ? { status: 'continuing' } : { status: 'busy' };
  }
  rt.settings.delete(KEYS.weeklyCursor);
  clearContinuations(rt, HANDLERS.weekly);
  return {
    status: 'done',
    recovered,
    edits,
    forms,
    reminders: reminders ?? { week: undefined, mails: 0, skipped: 0, alreadySent: false },
  };
}
