// Wall-clock time in Europe/Paris, computed from the EU summer-time rule rather than Intl: Apps Script does not
// document its Intl time-zone data, and the rule (last Sunday of March to last Sunday of October, 01:00 UTC) has
// been the same since 1996. Pure and synchronous.

/** A calendar date and wall-clock time in Paris. Months are 1–12; weekday is ISO (1 = Monday … 7 = Sunday). */
export interface ParisDateTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  weekday: number;
}

const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

function lastSundayUtc(year: number, monthIndex: number): number {
  const lastDay = new Date(Date.UTC(year, monthIndex + 1, 0));
  const back = lastDay.getUTCDay(); // 0 = Sunday
  return Date.UTC(year, monthIndex, lastDay.getUTCDate() - back, 1, 0, 0);
}

/** Offset of Paris from UTC, in milliseconds, at a given instant (1 h in winter, 2 h in summer). */
export function parisOffsetMs(instant: Date): number {
  const t = instant.getTime();
  const year = instant.getUTCFullYear();
  return t >= lastSundayUtc(year, 2) && t < lastSundayUtc(year, 9) ? 2 * HOUR_MS : HOUR_MS;
}

export function toParis(instant: Date): ParisDateTime {
  const shifted = new Date(instant.getTime() + parisOffsetMs(instant));
  const utcDay = shifted.getUTCDay();
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
    hour: shifted.getUTCHours(),
    minute: shifted.getUTCMinutes(),
    second: shifted.getUTCSeconds(),
    weekday: utcDay === 0 ? 7 : utcDay,
  };
}

/**
 * The instant of a Paris wall-clock time. In the spring gap (02:00–03:00 does not exist) the time is read with the
 * winter offset, i.e. one hour later in summer time; in the autumn overlap the earlier (summer) instant is chosen.
 */
export function fromParis(year: number, month: number, day: number, hour = 0, minute = 0): Date {
  const asUtc = Date.UTC(year, month - 1, day, hour, minute);
  const summer = new Date(asUtc - 2 * HOUR_MS);
  if (parisOffsetMs(summer) === 2 * HOUR_MS) return summer;
  return new Date(asUtc - HOUR_MS);
}

/** `YYYY-MM-DD` of the Paris calendar day containing the instant. */
export function parisDateString(instant: Date): string {
  const p = toParis(instant);
  return `${p.year}-${pad2(p.month)}-${pad2(p.day)}`;
}

/** `dd/MM/yyyy HH:mm` in Paris: how French users read a time. */
export function formatParisDateTime(instant: Date): string {
  const p = toParis(instant);
  return `${pad2(p.day)}/${pad2(p.month)}/${p.year} ${pad2(p.hour)}:${pad2(p.minute)}`;
}

/** `dd/MM/yyyy` from `YYYY-MM-DD`. */
export function formatFrenchDate(isoDate: string): string {
  const [y, m, d] = isoDate.split('-');
  return `${d}/${m}/${y}`;
}

export function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}
