// Reminders to the establishments whose report for the last week due is missing, and the digest to the ARS, as
// the core plans them within the day's mail quota (MailApp counts recipients). Each link is the weekly form
// prefilled with the missing week. Sent once per week unless asked again from the menu. Should MailApp refuse
// midway (the quota spent elsewhere), sending stops without an exception and the Journal names every e-mail not
// sent. The caller holds the lock.
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
import { accompanimentSettings } from '../schema/accompaniment';
import { binomeDigestMails, binomeDigestsSkipped, withinQuota } from './binome-digest';

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
  const quota = rt.services.MailApp.getRemainingDailyQuota();
  const plan = planReminders({
    // The overall digest goes to whoever the configuration names (default: the ARS addresses).
    config: {
      ...rt.project.config,
      roles: { ...rt.project.config.roles, ars: accompanimentSettings(rt.project.config).digestTo },
    },
    grid,
    week,
    establishments,
    links,
    remainingQuota: quota,
  });
  const binomeDigests = binomeDigestMails(rt, establishments, week);
  // The binômes' digests come after the reminders and the overall digest, in the quota those leave.
  const used = plan.mails.reduce((n, m) => n + m.to.length, 0);
  const fitting = withinQuota(binomeDigests, quota - used);
  plan.mails.push(...fitting);
  const name = (id: string) => {
    const e = establishments.find((x) => x.id === id);
    return e ? establishmentName(e) : id;
  };
  let sent = 0;
  let unsent = 0;
  rt.store.transaction(() => {
    let failure: string | undefined;
    for (const mail of plan.mails) {
      const kind = mail.kind === 'digest' ? 'synthèse ARS' : 'relance';
      if (failure === undefined)
        try {
          sendMail(rt, mail);
          sent += 1;
          note(rt, frAppsScript.reminderSent(kind, mail.to.length, mail.subject));
          continue;
        } catch (error) {
          // The day's quota ran out before the plan thought (another script of the account, Google's own
          // count): nothing more is sent today, and the Journal names each e-mail left unsent.
          failure = String(error);
        }
      unsent += 1;
      note(
        rt,
        frAppsScript.reminderNotSent(kind, mail.establishmentId ? name(mail.establishmentId) : '', failure),
        mail.establishmentId,
      );
    }
    if (fitting.length < binomeDigests.length)
      note(rt, binomeDigestsSkipped(binomeDigests.length - fitting.length));
    for (const s of plan.skipped)
      note(rt, frAppsScript.reminderSkipped(name(s.establishmentId), s.reason), s.establishmentId);
    note(rt, frAppsScript.remindersDone(sent, week));
  });
  rt.settings.set(KEYS.remindersWeek, week);
  return { week, mails: sent, skipped: plan.skipped.length + unsent, alreadySent: false };
}
