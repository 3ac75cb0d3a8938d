// The pilot calendar: which weeks are reported, when each is due, and the RETEX milestones. Pure.
import type { Config } from '../schema/config';
import {
  addWeeks,
  compareWeeks,
  dateInWeek,
  isoWeekOfInstant,
  isoWeekOfIsoDate,
  weekRange,
  type IsoWeek,
} from './iso-week';
import { DAY_MS, fromParis, parisDateString } from './paris-time';

export type Milestone = 'V1' | 'VF';
export const MILESTONES: readonly Milestone[] = ['V1', 'VF'];

export interface PilotCalendar {
  /** First and last days of the pilot, `YYYY-MM-DD`. */
  start: string;
  end: string;
  firstWeek: IsoWeek;
  lastWeek: IsoWeek;
  deadline: { weekday: number; hour: number; minute: number };
  milestones: Record<Milestone, string>;
}

export function pilotCalendar(config: Config): PilotCalendar {
  const { start, end, weeklyDeadline, milestones } = config.calendar;
  const [hour, minute] = weeklyDeadline.time.split(':').map(Number) as [number, number];
  return {
    start,
    end,
    firstWeek: isoWeekOfIsoDate(start),
    lastWeek: isoWeekOfIsoDate(end),
    deadline: { weekday: weeklyDeadline.weekday, hour, minute },
    milestones: { ...milestones },
  };
}

/** Every week of the pilot, oldest first. */
export function pilotWeeks(cal: PilotCalendar): IsoWeek[] {
  return weekRange(cal.firstWeek, cal.lastWeek);
}

export function isPilotWeek(cal: PilotCalendar, week: IsoWeek): boolean {
  return compareWeeks(week, cal.firstWeek) >= 0 && compareWeeks(week, cal.lastWeek) <= 0;
}

/** The instant a week's report is due (the configured weekday and time of that week, in Paris). */
export function deadlineOf(cal: PilotCalendar, week: IsoWeek): Date {
  const [y, m, d] = dateInWeek(week, cal.deadline.weekday).split('-').map(Number) as [number, number, number];
  return fromParis(y, m, d, cal.deadline.hour, cal.deadline.minute);
}

/** The week the form opens on by default: the current week while the pilot runs, else none. */
export function openWeek(cal: PilotCalendar, now: Date): IsoWeek | undefined {
  const current = isoWeekOfInstant(now);
  return isPilotWeek(cal, current) ? current : undefined;
}

/** Weeks an establishment may report now: pilot weeks already started, newest first (late weeks included). */
export function reportableWeeks(cal: PilotCalendar, now: Date): IsoWeek[] {
  const current = isoWeekOfInstant(now);
  return pilotWeeks(cal)
    .filter((w) => compareWeeks(w, current) <= 0)
    .reverse();
}

/** Pilot weeks whose deadline has passed at `now`, oldest first. */
export function dueWeeks(cal: PilotCalendar, now: Date): IsoWeek[] {
  return pilotWeeks(cal).filter((w) => deadlineOf(cal, w).getTime() <= now.getTime());
}

/** The most recent week whose deadline has passed, if any. */
export function lastDueWeek(cal: PilotCalendar, now: Date): IsoWeek | undefined {
  const due = dueWeeks(cal, now);
  return due[due.length - 1];
}

/** Status of one row for one week: `expected` while the deadline has not passed and nothing came in. */
export type Completeness = 'received' | 'late' | 'missing' | 'expected';

export const COMPLETENESS_LABELS: Record<Completeness, string> = {
  received: 'reçu',
  late: 'reçu en retard',
  missing: 'manquant',
  expected: 'attendu',
};

/** `firstReceivedAt` is when the week's first version arrived: a later resubmission does not make it late. */
export function completenessOf(
  cal: PilotCalendar,
  week: IsoWeek,
  firstReceivedAt: Date | undefined,
  now: Date,
): Completeness {
  const deadline = deadlineOf(cal, week).getTime();
  if (firstReceivedAt) return firstReceivedAt.getTime() <= deadline ? 'received' : 'late';
  return now.getTime() >= deadline ? 'missing' : 'expected';
}

export interface MilestoneCutoff {
  milestone: Milestone;
  /** The milestone day, `YYYY-MM-DD`. */
  date: string;
  /** The last week whose data a RETEX of this milestone includes: the week of the milestone day. */
  week: IsoWeek;
  /**
   * Data received after this instant is not part of the RETEX: the end of the milestone day, or the deadline of the
   * milestone's week when later — a week's reports are due on its deadline, so a V1 « fin juin » on Thursday
   * 30 June still takes the reports of that week sent by Friday evening.
   */
  until: Date;
}

export function milestoneCutoff(cal: PilotCalendar, milestone: Milestone): MilestoneCutoff {
  const date = cal.milestones[milestone];
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const week = isoWeekOfIsoDate(date);
  const endOfDay = fromParis(y, m, d).getTime() + DAY_MS - 1;
  return { milestone, date, week, until: new Date(Math.max(endOfDay, deadlineOf(cal, week).getTime())) };
}

/** Whether a `YYYY-MM-DD` day lies inside the pilot. */
export function isWithinPilot(cal: PilotCalendar, isoDate: string): boolean {
  return isoDate >= cal.start && isoDate <= cal.end;
}

export function todayInParis(now: Date): string {
  return parisDateString(now);
}

export { addWeeks };
