// Reminders to the establishments whose report for the last week due is missing, and the digest to the ARS, as
// the core plans them within the day's mail quota (MailApp counts recipients). Each link is the weekly form
// prefilled with the missing week. Sent once per week unless asked again from the menu. Should MailApp refuse
// midway (the quota spent elsewhere), sending stops without an exception and the Journal names every e-mail not
// sent. The caller holds the lock.
//
// Bounded: at 500 late establishments, opening each form for its link and sending each e-mail takes longer than
// one execution. The digest goes first; then the establishments in registry order, each one a unit of work; a
// run stops when the next would not fit, with its progress (position, e-mails sent) saved after every e-mail in
// Script Properties, so the next run sends none twice. Each binôme's digest of its own establishments comes
// last, one unit each, counted in the same progress, only within the quota the reminders leave.
import { madeByFormsApi } from '../google/stored-json';
import { lastDueWeek } from '../domain/calendar';
import { completenessGrid, rowsMissing } from '../domain/completeness';
import { frAppsScript } from './messages';
import { establishmentName } from '../domain/model';
import { planReminders } from '../domain/reminder-plan';
import { rowRefs } from '../domain/workbook/workbook';
import { weeklyLink } from './forms';
import { sendMail } from './ingest';
import type { OutgoingMail } from '../domain/reminder-plan';
import type { Runtime } from './runtime';
import { KEYS, RemindersProgress } from './settings';
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
  /** False when the run stopped for lack of time: its progress is saved, the next run goes on. */
  complete: boolean;
}

const kindOf = (mail: OutgoingMail): string => (mail.kind === 'digest' ? 'synthèse ARS' : 'relance');

function sendPlanned(rt: Runtime, mail: OutgoingMail, name: string): string | undefined {
  const kind = kindOf(mail);
  try {
    sendMail(rt, mail);
    rt.store.transaction(() => note(rt, frAppsScript.reminderSent(kind, mail.to.length, mail.subject)));
    return undefined;
  } catch (error) {
    // The day's quota ran out before the plan thought (another script of the account, Google's own count):
    // nothing more is sent today, and the Journal names each e-mail left unsent.
    const failure = String(error);
    rt.store.transaction(() =>
      note(rt, frAppsScript.reminderNotSent(kind, name, failure), mail.establishmentId),
    );
    return failure;
  }
}

/**
 * Sends (or goes on sending) the reminders of the last week due. `force`: again, even if this week's were sent
 * (the menu).
 */
export function sendReminders(rt: Runtime, force: boolean): RemindersOutcome {
  const now = rt.clock.now();
  const week = lastDueWeek(rt.calendar, now);
  if (!week) {
    rt.store.transaction(() => note(rt, frAppsScript.remindersNothingDue));
    return { week, mails: 0, skipped: 0, alreadySent: false, complete: true };
  }
  const saved = rt.settings.json(KEYS.remindersProgress, RemindersProgress);
  const resuming = saved !== undefined && saved.week === week;
  if (!resuming && !force && rt.settings.get(KEYS.remindersWeek) === week) {
    rt.store.transaction(() => note(rt, frAppsScript.remindersAlreadySent(week)));
    return { week, mails: 0, skipped: 0, alreadySent: true, complete: true };
  }
  const progress: RemindersProgress = resuming
    ? saved
    : { week, position: 0, sent: 0, unsent: 0, skipped: 0, failure: null, digest: false, binomeDigests: 0 };
  const establishments = rt.store.listEstablishments();
  const grid = completenessGrid(rt.calendar, rowRefs(establishments), rt.store.ledgers(), now);
  const late = new Set(rowsMissing(grid, week).map((r) => r.establishmentId));
  const name = (id: string) => {
    const e = establishments.find((x) => x.id === id);
    return e ? establishmentName(e) : id;
  };
  const save = () => rt.settings.setJson(KEYS.remindersProgress, progress);
  const plan = (include: (id: string) => boolean, digest: boolean, links = new Map<string, string>()) =>
    planReminders({
      // The overall digest goes to whoever the configuration names (default: the ARS addresses).
      config: {
        ...rt.project.config,
        roles: { ...rt.project.config.roles, ars: accompanimentSettings(rt.project.config).digestTo },
      },
      grid,
      week,
      establishments,
      links,
      remainingQuota: rt.services.MailApp.getRemainingDailyQuota(),
      include,
      digest,
    });

  if (!progress.digest) {
    // The digest first, from the whole plan: it says who will be reminded and who cannot be.
    const whole = plan(() => true, true);
    const digest = whole.mails.find((m) => m.kind === 'digest');
    if (digest) {
      const failure = sendPlanned(rt, digest, '');
      if (failure === undefined) progress.sent += 1;
      else [progress.unsent, progress.failure] = [progress.unsent + 1, failure];
    }
    progress.digest = true;
    save();
  }

  const remindOne = (id: string): void => {
    const only = (x: string) => x === id;
    const first = plan(only, false);
    for (const s of first.skipped) {
      progress.skipped += 1;
      rt.store.transaction(() => note(rt, frAppsScript.reminderSkipped(name(id), s.reason), id));
    }
    if (first.mails.length === 0) return;
    if (progress.failure !== null) {
      progress.unsent += 1;
      const failure = progress.failure;
      rt.store.transaction(() => note(rt, frAppsScript.reminderNotSent('relance', name(id), failure), id));
      return;
    }
    const e = establishments.find((x) => x.id === id);
    const meta = rt.store.formsOf(id).weekly;
    const links = new Map<string, string>();
    // A form the weekly refresh found deleted has no link until install re-creates it. The Monday job made this
    // week's link while it had the form open (weekly-tick.ts); otherwise the form is opened for it.
    if (e && meta && meta.published !== false)
      links.set(
        id,
        meta.reminderLink?.week === week
          ? meta.reminderLink.url
          : madeByFormsApi(meta)
            ? // The Forms API makes no prefilled link and FormApp does not know its items: the form itself.
              (meta.prefilled ?? meta.url)
            : weeklyLink(rt, rt.services.FormApp.openById(meta.id), meta, e, week),
      );
    const mail = plan(only, false, links).mails[0];
    if (!mail) return;
    const failure = sendPlanned(rt, mail, name(id));
    if (failure === undefined) progress.sent += 1;
    else [progress.unsent, progress.failure] = [progress.unsent + 1, failure];
  };

  const order = establishments.map((e) => e.id);
  while (progress.position < order.length) {
    const id = order[progress.position] as string;
    if (!late.has(id)) {
      progress.position += 1;
      continue;
    }
    if (!rt.hasTime()) {
      save();
      return { week, mails: progress.sent, skipped: progress.skipped, alreadySent: false, complete: false };
    }
    rt.unit(() => remindOne(id));
    progress.position += 1;
    // Saved after each e-mail: a run Google stops sends none of them again.
    save();
  }
  // The binômes' digests come after the reminders and the overall digest, in the quota those leave; one unit
  // each, progress saved after each, so a continuation sends none twice.
  const digests = binomeDigestMails(rt, establishments, week);
  while (progress.binomeDigests < digests.length) {
    const mail = digests[progress.binomeDigests] as OutgoingMail;
    if (progress.failure !== null) {
      // MailApp refused an earlier e-mail: each digest left is named in the Journal, as the reminders are.
      const failure = progress.failure;
      progress.unsent += 1;
      progress.binomeDigests += 1;
      rt.store.transaction(() => note(rt, frAppsScript.reminderNotSent(kindOf(mail), '', failure)));
      save();
      continue;
    }
    if (withinQuota([mail], rt.services.MailApp.getRemainingDailyQuota()).length === 0) {
      const left = digests.length - progress.binomeDigests;
      progress.unsent += left;
      progress.binomeDigests = digests.length;
      rt.store.transaction(() => note(rt, binomeDigestsSkipped(left)));
      save();
      break;
    }
    if (!rt.hasTime()) {
      save();
      return { week, mails: progress.sent, skipped: progress.skipped, alreadySent: false, complete: false };
    }
    const failure = rt.unit(() => sendPlanned(rt, mail, ''));
    if (failure === undefined) progress.sent += 1;
    else [progress.unsent, progress.failure] = [progress.unsent + 1, failure];
    progress.binomeDigests += 1;
    save();
  }
  rt.store.transaction(() => note(rt, frAppsScript.remindersDone(progress.sent, week)));
  rt.settings.set(KEYS.remindersWeek, week);
  rt.settings.delete(KEYS.remindersProgress);
  return {
    week,
    mails: progress.sent,
    skipped: progress.skipped + progress.unsent,
    alreadySent: false,
    complete: true,
  };
}
