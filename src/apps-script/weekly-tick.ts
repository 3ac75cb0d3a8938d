// weeklyTick (the weekly clock trigger, also in the menu): under the script lock, recover the responses no
// trigger delivered and the cell edits no trigger recorded, bring every establishment's weekly form to the new
// week (its week choices, last week's values as the floor of each counter and in its help text, the prefilled
// link, the accompaniment in its description), rewrite the registry's links and redraw the summary, then send the
// reminders, the ARS digest and the binômes' digests. Before the forms, the accompaniment: its tabs, the bundled
// binômes seeded, one filter view per binôme and Suivi's binôme column (each written only when it changed).
// Resumable like install: a cursor per week in Script Properties and a continuation trigger. Bounded at any size:
// every phase checks the time before each unit of work (a response, an establishment's form, a reminder) and
// stops before the run limit; the cursor (phase and position in registry order) is saved after each phase and at
// least every 30 s within one, so a run Google stops anyway loses little and repeats nothing that matters (each
// unit is idempotent; reminders keep their own progress, saved after each e-mail).
import { madeByFormsApi } from '../google/stored-json';
import { readApiForms, refreshApiForms } from './api-forms';
import { lastDueWeek } from '../domain/calendar';
import { completenessGrid, rowsMissing } from '../domain/completeness';
import { isoWeekOfInstant, type IsoWeek } from '../domain/iso-week';
import type { EstablishmentRecord } from '../domain/model';
import { rowRefs } from '../domain/workbook/workbook';
import { frAppsScript } from './messages';
import { checkMasterCells } from './cell-budget';
import { formItems } from './form-spec';
import type { GasItem } from './gas-api';
import { ensurePublished, openLiveForm, planOf, syncItems, weeklyLink } from './forms';
import { WEEK_FIELD } from '../domain/form-plan';
import { LOCK_WAIT_MS, withScriptLock } from './lock';
import { reconcileEdits, reconcileResponses } from './reconcile';
import { renderRegistry } from './registry';
import { sendReminders, type RemindersOutcome } from './reminders';
import { refreshAccompanimentDescription } from './accompaniment-form';
import { ensureAccompaniment } from './accompaniment-setup';
import { FIRST_UNIT_ESTIMATE_MS, type Runtime } from './runtime';
import { pendingDrainer } from './pending';
import { KEYS, WeeklyCursor } from './settings';
import { refreshSynthesis } from './synthesis';
import { armWatchdog, clearContinuations, HANDLERS, scheduleContinuation } from './triggers';

// 'accompaniment' (its tabs, seeded binômes, one filter view per binôme, Suivi's binôme column) comes before
// 'forms', whose descriptions show each establishment its binôme and open actions.
const PHASES = [
  'responses',
  'edits',
  'accompaniment',
  'forms',
  'registry',
  'synthesis',
  'reminders',
] as const;
/** How often a phase saves its position while it runs. */
const SAVE_EVERY_MS = 30_000;

export type WeeklyOutcome =
  | { status: 'done'; recovered: number; edits: number; forms: number; reminders: RemindersOutcome }
  | { status: 'continuing' }
  | { status: 'busy' };

/** The last week due, if one of the establishment's rows has not reported it (its reminder's week). */
function unreportedDueWeek(rt: Runtime, e: EstablishmentRecord): IsoWeek | undefined {
  const now = rt.clock.now();
  const week = lastDueWeek(rt.calendar, now);
  if (!week) return undefined;
  const rows = rowRefs([e]);
  const ledgers = new Map(rows.map((r) => [r.rowKey, rt.store.rowLedger(r.rowKey)]));
  return rowsMissing(completenessGrid(rt.calendar, rows, ledgers, now), week).length > 0 ? week : undefined;
}

/** Brings one establishment's weekly form to the plan of today; returns the items changed. */
function syncWeeklyForm(rt: Runtime, establishmentId: string): number {
  const e = rt.store.getEstablishment(establishmentId);
  const meta = e ? rt.store.formsOf(e.id).weekly : undefined;
  // Forms made through the Forms API are brought to the new week together, after this loop (api-forms.ts).
  if (!e || !meta || madeByFormsApi(meta)) return 0;
  const plan = planOf(rt, 'weekly', e);
  if (meta.published === false) return 0;
  // Opened as before, without the trash check (two Drive calls per establishment every week): a re-install checks.
  const form = openLiveForm(rt.services, meta.id, false);
  if (!form) {
    // Deleted by hand: the next install makes a new one (it rebuilds any form not marked published).
    rt.store.saveForm(e.id, 'weekly', { ...meta, published: false });
    rt.store.transaction(() =>
      rt.store.appendJournal({
        at: rt.clock.now().toISOString(),
        kind: 'reconcile',
        actor: 'suivi-mes',
        role: 'system',
        target: e.id,
        summary: frAppsScript.formMissing(plan.title),
        details: `weekly form ${meta.id} not found`,
      }),
    );
    return 0;
  }
  const weekKeyBefore = meta.applied[WEEK_FIELD];
  const { meta: next, changed } = syncItems(rt.services, meta, formItems(plan), () => form);
  const newWeek = next.applied[WEEK_FIELD] !== weekKeyBefore;
  let items: readonly GasItem[] | undefined;
  const known = () => (items ??= form.getItems());
  if (newWeek || !next.prefilled) next.prefilled = weeklyLink(rt, form, next, e, undefined, known());
  // The reminder of a missing week links to the form prefilled with that week: made now that the form is open
  // (one toPrefilledUrl) rather than by the reminder, which would open the form again (three calls, ≈ 0.7 s each
  // late establishment).
  const due = unreportedDueWeek(rt, e);
  if (due && (newWeek || next.reminderLink?.week !== due))
    next.reminderLink = { week: due, url: weeklyLink(rt, form, next, e, due, known()) };
  // Someone may have unpublished or closed it by hand: each new week reopens it.
  ensurePublished(form, plan.title, 'unknown');
  next.published = true;
  const described = refreshAccompanimentDescription(rt, e, plan, next, () => form);
  if (
    changed > 0 ||
    described ||
    next.prefilled !== meta.prefilled ||
    next.reminderLink !== meta.reminderLink ||
    meta.published !== true
  )
    rt.store.saveForm(e.id, 'weekly', next);
  return changed > 0 ? 1 : 0;
}

/** Runs (or resumes, when a cursor of this week is stored) the weekly work. */
export function runWeeklyTick(rt: Runtime): WeeklyOutcome {
  clearContinuations(rt, HANDLERS.weekly);
  const week = isoWeekOfInstant(rt.clock.now());
  const stored = rt.settings.json(KEYS.weeklyCursor, WeeklyCursor);
  const cursor: WeeklyCursor =
    stored && stored.week === week ? stored : { week, phase: PHASES[0], position: 0 };
  let recovered = 0;
  let edits = 0;
  let forms = 0;
  let reminders: RemindersOutcome | undefined;
  let savedAt = rt.clock.now().getTime();
  const save = () => {
    rt.settings.setJson(KEYS.weeklyCursor, cursor);
    savedAt = rt.clock.now().getTime();
  };
  const saveNow = () => {
    if (rt.clock.now().getTime() - savedAt >= SAVE_EVERY_MS) save();
  };
  /** Runs one phase as far as time allows; true when it is complete. */
  const runPhase = (phase: (typeof PHASES)[number]): boolean => {
    switch (phase) {
      case 'responses': {
        const r = reconcileResponses(rt);
        // Forms made through the Forms API have no submit trigger: read here too, in case the hourly one missed.
        const api = r.complete ? readApiForms(rt) : undefined;
        recovered = r.handled + (api ? api.accepted + api.refused : 0);
        return r.complete && api?.complete === true;
      }
      case 'edits': {
        const r = reconcileEdits(rt);
        edits = r.recorded;
        return r.complete;
      }
      case 'accompaniment':
        // One unit: each step writes only what changed (filter views, column), so a repeat after a stop is cheap.
        rt.unit(() => ensureAccompaniment(rt));
        return true;
      case 'forms': {
        const all = rt.store.listEstablishments();
        for (; cursor.position < all.length; cursor.position += 1) {
          const e = all[cursor.position];
          if (!e) continue;
          if (!rt.hasTime()) return false;
          forms += rt.unit(() => syncWeeklyForm(rt, e.id));
          saveNow();
        }
        // The Forms API's forms, skipped above, in one fetchAll (api-forms.ts).
        if (!rt.hasTime()) return false;
        forms += refreshApiForms(rt);
        rt.store.transaction(() =>
          rt.store.appendJournal({
            at: rt.clock.now().toISOString(),
            kind: 'reconcile',
            actor: 'suivi-mes',
            role: 'system',
            summary: frAppsScript.formsUpdated(forms),
          }),
        );
        return true;
      }
      case 'registry':
        rt.unit(() => renderRegistry(rt));
        return true;
      case 'synthesis':
        rt.unit(() => {
          refreshSynthesis(rt, true);
          // The master workbook's cells, journaled past the budget (cell-budget.ts).
          checkMasterCells(rt);
        });
        return true;
      case 'reminders':
        reminders = sendReminders(rt, false);
        return reminders.complete;
    }
  };
  const locked = withScriptLock(rt.services.LockService, LOCK_WAIT_MS, (): boolean => {
    save();
    armWatchdog(rt, HANDLERS.weekly);
    // Responses that miss the lock while this job holds it are ingested between its units of work.
    rt.between = pendingDrainer(rt);
    for (
      let i = Math.max(0, PHASES.indexOf(cursor.phase as (typeof PHASES)[number]));
      i < PHASES.length;
      i += 1
    ) {
      const phase = PHASES[i] as (typeof PHASES)[number];
      if (cursor.phase !== phase) [cursor.phase, cursor.position] = [phase, 0];
      // A phase done in one unit (the accompaniment, the registry, Synthèse redrawn whole: tens of seconds at 500
      // establishments) is no shorter than an untimed unit, whatever the forms' units measured before it.
      const oneUnit = phase === 'accompaniment' || phase === 'registry' || phase === 'synthesis';
      const estimate = oneUnit ? Math.max(rt.longestUnitMs(), FIRST_UNIT_ESTIMATE_MS) : undefined;
      if (!rt.hasTime(estimate) || !runPhase(phase)) return false;
      if (i + 1 < PHASES.length) {
        [cursor.phase, cursor.position] = [PHASES[i + 1] as string, 0];
        save();
      }
    }
    return true;
  });
  if (!locked.ok || !locked.value) {
    if (locked.ok) save();
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
    reminders: reminders ?? { week: undefined, mails: 0, skipped: 0, alreadySent: false, complete: true },
  };
}
