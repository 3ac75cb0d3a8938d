// Reminders of the embedded runtime: the weekly run (scheduled in the server, or `suivi-mes remind`) mails each
// establishment late for the last week due and a digest to the ARS, as the core plans them; the ARS can also
// remind one establishment from the completeness page. Each mail sent is written in the Journal, and each weekly
// run in `reminder_runs`, so a restarted server does not send the same week twice.
import { deadlineOf, lastDueWeek, pilotCalendar, type PilotCalendar } from '../domain/calendar';
import { completenessGrid, type CompletenessGrid } from '../domain/completeness';
import { dateInWeek, isoWeekOfInstant, addWeeks, type IsoWeek } from '../domain/iso-week';
import { establishmentName } from '../domain/model';
import { fromParis } from '../domain/paris-time';
import { planReminders, type ReminderPlan } from '../domain/reminder-plan';
import { rowRefs } from '../domain/workbook/workbook';
import type { Config } from '../schema/config';
import type { Project } from '../schema/project';
import type { Role } from '../schema/tracking-file';
import type { Clock } from '../ports';
import type { Mailer, SentMail } from './mail/mailer';
import { accompanimentSettings } from '../schema/accompaniment';
import { planBinomeDigests } from '../domain/binome-digest';
import type { EstablishmentRecord } from '../domain/model';
import type { OutgoingMail } from '../domain/reminder-plan';
import { AccompanimentSqliteStore } from './db/accompaniment-sqlite-store';
import type { SqliteStore } from './db/sqlite-store';

export interface ReminderDeps {
  project: Project;
  store: SqliteStore;
  clock: Clock;
  mailer: Mailer;
  /** The full address of an establishment's form, put in its reminder. */
  formLink(establishmentId: string): string | undefined;
}

export type ReminderTrigger = 'schedule' | 'command' | 'grid';

export interface ReminderReport {
  week: IsoWeek;
  sent: Array<SentMail & { kind: string }>;
  skipped: ReminderPlan['skipped'];
}

const DAY_MS = 24 * 60 * 60 * 1000;

function gridAt(deps: ReminderDeps, calendar: PilotCalendar, now: Date): CompletenessGrid {
  return completenessGrid(calendar, rowRefs(deps.store.listEstablishments()), deps.store.allLedgers(), now);
}

function links(deps: ReminderDeps, ids: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const id of ids) {
    const link = deps.formLink(id);
    if (link) out.set(id, link);
  }
  return out;
}

async function deliver(
  deps: ReminderDeps,
  plan: ReminderPlan,
  actor: string,
  role: Role | 'system',
): Promise<ReminderReport['sent']> {
  const sent: ReminderReport['sent'] = [];
  for (const mail of plan.mails) {
    const result = await deps.mailer.send(mail);
    sent.push({ ...result, kind: mail.kind });
    deps.store.appendJournal({
      at: deps.clock.now().toISOString(),
      kind: 'reminder',
      actor,
      role,
      target: mail.to.join(', '),
      summary: `${mail.kind === 'digest' ? 'Synthèse' : 'Relance'} ${plan.week} envoyée : ${mail.subject}`,
      details: result.where,
    });
  }
  return sent;
}

/** The weekly run: every late establishment of `week` (default: the last week due) and the ARS digest. */
export async function sendWeeklyReminders(
  deps: ReminderDeps,
  options: { week?: IsoWeek; trigger: ReminderTrigger },
): Promise<ReminderReport | undefined> {
  const now = deps.clock.now();
  const calendar = pilotCalendar(deps.project.config);
  const week = options.week ?? lastDueWeek(calendar, now);
  if (!week) return undefined;
  const establishments = deps.store.listEstablishments();
  const config = deps.project.config;
  const settings = accompanimentSettings(config);
  const plan = planReminders({
    // The overall digest goes to whoever the configuration names (default: the ARS addresses).
    config: { ...config, roles: { ...config.roles, ars: settings.digestTo } },
    grid: gridAt(deps, calendar, now),
    week,
    establishments,
    links: links(
      deps,
      establishments.map((e) => e.id),
    ),
    remainingQuota: Number.POSITIVE_INFINITY,
  });
  plan.mails.push(...binomeDigests(deps, establishments, week, now));
  const sent = await deliver(deps, plan, 'suivi-mes', 'system');
  deps.store.db
    .prepare(
      `INSERT INTO reminder_runs (week, at, trigger, mails) VALUES (?, ?, ?, ?)
       ON CONFLICT (week) DO UPDATE SET at = excluded.at, trigger = excluded.trigger, mails = excluded.mails`,
    )
    .run(week, now.toISOString(), options.trigger, sent.length);
  return { week, sent, skipped: plan.skipped };
}

/** Each binôme's digest of its own establishments (src/domain/binome-digest.ts). */
function binomeDigests(
  deps: ReminderDeps,
  establishments: EstablishmentRecord[],
  week: IsoWeek,
  now: Date,
): OutgoingMail[] {
  const { config, tracking } = deps.project;
  const accompaniment = new AccompanimentSqliteStore(deps.store.db);
  return planBinomeDigests({
    tracking,
    calendar: pilotCalendar(config),
    settings: accompanimentSettings(config),
    establishments,
    ledgers: deps.store.allLedgers(),
    current: deps.store.currentVersions(),
    data: {
      binomes: accompaniment.listBinomes(),
      assignments: accompaniment.listAssignments(),
      points: accompaniment.listPoints(),
      actions: accompaniment.listActions(),
    },
    now,
    pilotName: config.pilot.name,
    week,
    replyTo: config.reminders.replyTo ?? undefined,
  });
}

export type RemindOneOutcome =
  | { status: 'sent'; report: ReminderReport }
  | { status: 'not-late' }
  | { status: 'no-contact'; name: string }
  | { status: 'unknown' };

/** The ARS's « relancer » for one establishment late for `week`: its reminder only, no digest. */
export async function remindEstablishment(
  deps: ReminderDeps,
  input: { establishmentId: string; week: IsoWeek; author: string },
): Promise<RemindOneOutcome> {
  const establishment = deps.store.getEstablishment(input.establishmentId);
  if (!establishment) return { status: 'unknown' };
  const now = deps.clock.now();
  const calendar = pilotCalendar(deps.project.config);
  const grid = gridAt(deps, calendar, now);
  const rows = grid.rows.filter((r) => r.establishmentId === establishment.id);
  const plan = planReminders({
    config: { ...deps.project.config, roles: { ...deps.project.config.roles, ars: [] } },
    grid: { ...grid, rows },
    week: input.week,
    establishments: [establishment],
    links: links(deps, [establishment.id]),
    remainingQuota: Number.POSITIVE_INFINITY,
  });
  if (plan.skipped.some((s) => s.reason === 'no-contact'))
    return { status: 'no-contact', name: establishmentName(establishment) };
  if (plan.mails.length === 0) return { status: 'not-late' };
  const sent = await deliver(deps, plan, input.author, 'ars');
  return { status: 'sent', report: { week: input.week, sent, skipped: [] } };
}

/** The first reminder instant (configured weekday and time, Paris) strictly after `instant`. */
export function nextReminderInstant(reminders: Config['reminders'], instant: Date): Date {
  const [hour, minute] = reminders.time.split(':').map(Number) as [number, number];
  const at = (week: IsoWeek) => {
    const [y, m, d] = dateInWeek(week, reminders.weekday).split('-').map(Number) as [number, number, number];
    return fromParis(y, m, d, hour, minute);
  };
  const week = isoWeekOfInstant(instant);
  const candidate = at(week);
  return candidate.getTime() > instant.getTime() ? candidate : at(addWeeks(week, 1));
}

/**
 * The week the scheduled run should remind now, if any: the last week due, once its reminder instant (the first
 * after its deadline) has passed, for seven days (a server down on Monday catches up on Tuesday), and only once.
 */
export function weekToRemind(
  config: Config,
  now: Date,
  alreadyRun: (week: IsoWeek) => boolean,
): IsoWeek | undefined {
  const calendar = pilotCalendar(config);
  const week = lastDueWeek(calendar, now);
  if (!week || alreadyRun(week)) return undefined;
  const at = nextReminderInstant(config.reminders, deadlineOf(calendar, week));
  const elapsed = now.getTime() - at.getTime();
  return elapsed >= 0 && elapsed < 7 * DAY_MS ? week : undefined;
}

/** Records that the scheduled run of `week` starts here; false when another process already has. */
export function claimReminderWeek(store: SqliteStore, week: IsoWeek, now: Date): boolean {
  return (
    store.db
      .prepare(
        `INSERT INTO reminder_runs (week, at, trigger, mails) VALUES (?, ?, 'schedule', 0) ON CONFLICT (week) DO NOTHING`,
      )
      .run(week, now.toISOString()).changes === 1
  );
}

/** A claimed run that failed: the week is reminded again at the next check, as if it had not started. */
function releaseReminderWeek(store: SqliteStore, week: IsoWeek): void {
  store.db
    .prepare(`DELETE FROM reminder_runs WHERE week = ? AND trigger = 'schedule' AND mails = 0`)
    .run(week);
}

export function reminderAlreadyRun(store: SqliteStore, week: IsoWeek): boolean {
  return store.db.prepare('SELECT 1 FROM reminder_runs WHERE week = ?').get(week) !== undefined;
}

/**
 * The server's weekly job: checks at start, then at each reminder instant, whether a week is to be reminded.
 * Timers are unref'd so they never keep a stopping process alive. Returns a function that stops the schedule.
 */
export function scheduleReminders(
  deps: ReminderDeps,
  onRun: (outcome: { report?: ReminderReport; error?: unknown }) => void,
): () => void {
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const MAX_DELAY_MS = 2 ** 31 - 1;
  const tick = async () => {
    const week = weekToRemind(deps.project.config, deps.clock.now(), (w) =>
      reminderAlreadyRun(deps.store, w),
    );
    // Claimed first, in the database: of two servers on one data folder, only one sends the week's reminders.
    if (week && claimReminderWeek(deps.store, week, deps.clock.now())) {
      try {
        onRun({ report: await sendWeeklyReminders(deps, { week, trigger: 'schedule' }) });
      } catch (error) {
        releaseReminderWeek(deps.store, week);
        onRun({ error });
      }
    }
    if (stopped) return;
    const now = deps.clock.now();
    const delay = nextReminderInstant(deps.project.config.reminders, now).getTime() - now.getTime();
    timer = setTimeout(() => void tick(), Math.min(Math.max(delay, 1000), MAX_DELAY_MS));
    timer.unref();
  };
  void tick();
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
  };
}
