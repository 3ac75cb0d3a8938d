// ISO 8601 weeks (`2022-W23`) of Paris calendar days. Pure.
import { DAY_MS, fromParis, pad2, toParis } from './paris-time';

/** An ISO week, `YYYY-Www` (e.g. `2022-W23`). */
export type IsoWeek = string;

const ISO_WEEK = /^(\d{4})-W(\d{2})$/;

/** ISO week of a calendar date (year, month 1–12, day). */
export function isoWeekOfDate(year: number, month: number, day: number): IsoWeek {
  const date = new Date(Date.UTC(year, month - 1, day));
  const weekday = date.getUTCDay() === 0 ? 7 : date.getUTCDay();
  // The Thursday of the same week decides the ISO year.
  const thursday = new Date(date.getTime() + (4 - weekday) * DAY_MS);
  const isoYear = thursday.getUTCFullYear();
  const firstJan = Date.UTC(isoYear, 0, 1);
  const week = Math.floor((thursday.getTime() - firstJan) / DAY_MS / 7) + 1;
  return `${isoYear}-W${pad2(week)}`;
}

/** ISO week of `YYYY-MM-DD`. */
export function isoWeekOfIsoDate(isoDate: string): IsoWeek {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  return isoWeekOfDate(y, m, d);
}

/** ISO week containing an instant, on the Paris calendar. */
export function isoWeekOfInstant(instant: Date): IsoWeek {
  const p = toParis(instant);
  return isoWeekOfDate(p.year, p.month, p.day);
}

function weeksInYear(isoYear: number): number {
  // A year has 53 ISO weeks when 28 December falls in week 53.
  return isoWeekOfDate(isoYear, 12, 28).endsWith('53') ? 53 : 52;
}

/** Parses `YYYY-Www`; undefined when malformed or when the week does not exist in that year. */
export function parseIsoWeek(text: string): { year: number; week: number } | undefined {
  const m = ISO_WEEK.exec(text);
  if (!m) return undefined;
  const year = Number(m[1]);
  const week = Number(m[2]);
  if (week < 1 || week > weeksInYear(year)) return undefined;
  return { year, week };
}

export function isIsoWeek(text: string): boolean {
  return parseIsoWeek(text) !== undefined;
}

/** Monday of an ISO week as `{year, month, day}`. */
export function mondayOf(week: IsoWeek): { year: number; month: number; day: number } {
  const parsed = parseIsoWeek(week);
  if (!parsed) throw new RangeError(`Not an ISO week: ${week}`);
  const jan4 = new Date(Date.UTC(parsed.year, 0, 4));
  const jan4Weekday = jan4.getUTCDay() === 0 ? 7 : jan4.getUTCDay();
  const monday = new Date(jan4.getTime() + ((parsed.week - 1) * 7 - (jan4Weekday - 1)) * DAY_MS);
  return { year: monday.getUTCFullYear(), month: monday.getUTCMonth() + 1, day: monday.getUTCDate() };
}

/** `YYYY-MM-DD` of a weekday (1 = Monday … 7 = Sunday) of an ISO week. */
export function dateInWeek(week: IsoWeek, weekday: number): string {
  const m = mondayOf(week);
  const d = new Date(Date.UTC(m.year, m.month - 1, m.day) + (weekday - 1) * DAY_MS);
  return `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
}

/** The instant a week starts: Monday 00:00 in Paris. */
export function weekStartInstant(week: IsoWeek): Date {
  const m = mondayOf(week);
  return fromParis(m.year, m.month, m.day);
}

export function addWeeks(week: IsoWeek, count: number): IsoWeek {
  const m = mondayOf(week);
  const d = new Date(Date.UTC(m.year, m.month - 1, m.day) + count * 7 * DAY_MS);
  return isoWeekOfDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

/** Negative when a is before b; ISO week strings of four-digit years sort lexically. */
export function compareWeeks(a: IsoWeek, b: IsoWeek): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Every week from `first` to `last`, both included (empty when last is before first). */
export function weekRange(first: IsoWeek, last: IsoWeek): IsoWeek[] {
  const weeks: IsoWeek[] = [];
  for (let w = first; compareWeeks(w, last) <= 0; w = addWeeks(w, 1)) weeks.push(w);
  return weeks;
}

/** « semaine 23 (du 06/06/2022 au 12/06/2022) »: how the forms name a week. */
export function describeWeek(week: IsoWeek): string {
  const parsed = parseIsoWeek(week);
  if (!parsed) return week;
  const fr = (iso: string) => iso.split('-').reverse().join('/');
  return `semaine ${parsed.week} de ${parsed.year} (du ${fr(dateInWeek(week, 1))} au ${fr(dateInWeek(week, 7))})`;
}
