// Reminders to the establishments whose report for the last week due is missing, and the digest to the ARS, as
// the core plans them within the day's mail quota (MailApp counts recipients). Each link is the weekly form
// prefilled with the missing week. Sent once per week unless asked again from the menu. The caller holds the lock.
import { lastDueWeek } from '../domain/calendar';
import { completenessGrid, rowsMissing } from '../domain/completeness';
import { frAppsScript } from '../domain/messages';
import { establishmentName } from '../domain/model';
import { planReminders } from '../domain/reminder-plan';
import { rowRefs } from '../domain/workbook-model';
import { weeklyLink } from './forms';
import { sendMail } from './ingest';
import type { Runtime } from './runtime';
import { KEYS } from './settings';

function note(rt: Runtime, summary: string, target?: string): void {
  rt.store.appendJournal({
    at: rt.clock.now().toISOString(),
    kind: 'reminder',
    actor: 'suivi-mes',
    role: 'system',
    ...(target ? { target } : {}),
    summary,
  });
}

export interface RemindersOutcome {
  week: string | undefined;
  mails: number;
  skipped: number;
  alreadySent: boolean;
}

export function sendReminders(rt: Runtime, force: boolean): RemindersOutcome {
  const now = rt.clock.now();
  const week = lastDueWeek(rt.calendar, now);
  if (!week) {
    rt.store.transaction(() => note(rt, frAppsScript.remindersNothingDue));
    return { week, mails: 0, skipped: 0, alreadySent: false };
  }
  if (!force && rt.settings.get(KEYS.remindersWeek) === week) {
    rt.store.transaction(() => note(rt, frAppsScript.remindersAlreadySent(week)));
    return { week, mails: 0, skipped: 0, alreadySent: true };
  }
  const establishments = rt.store.listEstablishments();
  const grid = completenessGrid(rt.calendar, rowRefs(establishments), rt.store.ledgers(), now);
  const late = new Set(rowsMissing(grid, week).map((r) => r.establishmentId));
  const links = new Map<string, string>();
  for (const e of establishments) {
    const meta = rt.store.formsOf(e.id).weekly;
    if (!late.has(e.id) || !meta) continue;
    links.set(e.id, weeklyLink(rt, rt.services.FormApp.openById(meta.id), meta, e, week));
  }
  const plan = planReminders({
    config: rt.project.config,
    grid,
    week,
    establishments,
    links,
    remainingQuota: rt.services.MailApp.getRemainingDailyQuota(),
  });
  rt.store.transaction(() => {
    for (const mail of plan.mails) {
      sendMail(rt, mail);
      note(
        rt,
        frAppsScript.reminderSent(
          mail.kind === 'digest' ? 'synthèse ARS' : 'relance',
          mail.to.length,
          mail.subject,
        ),
      );
    }
    for (const s of plan.skipped) {
      const e = establishments.find((x) => x.id === s.establishmentId);
      note(
        rt,
        frAppsScript.reminderSkipped(e ? establishmentName(e) : s.establishmentId, s.reason),
        s.establishmentId,
      );
    }
    note(rt, frAppsScript.remindersDone(plan.mails.length, week));
  });
  rt.settings.set(KEYS.remindersWeek, week);
  return { week, mails: plan.mails.length, skipped: plan.skipped.length, alreadySent: false };
}
