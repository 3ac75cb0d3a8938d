// The monthly « Comité de suivi » pack: what a month of the pilot looked like (totals and their evolution, the
// completeness of the month's weeks, one line per establishment, the follow-up points held) plus the « décisions
// à prendre » the ARS writes before the meeting. Issued like a RETEX: a frozen snapshot whose fingerprint tells
// a reissue on unchanged data (the same version) from a new one (2022-06, then 2022-06.1…). Pure and synchronous.
import * as z from 'zod';
import type { TrackingFile } from '../schema/tracking-file';
import type { AccompanimentSettings } from '../schema/accompaniment';
import {
  binomeLabel,
  currentAssignments,
  currentBinomes,
  frenchDay,
  isLate,
  isOpen,
  lastPoint,
  nextPointDue,
  type Binome,
  type BinomeAssignment,
  type FollowUpAction,
  type FollowUpPoint,
} from './accompaniment';
import { deadlineOf, pilotWeeks, type PilotCalendar } from './calendar';
import { counterColumns } from './columns';
import { compareWeeks, dateInWeek, type IsoWeek } from './iso-week';
import { currentVersions, ledgersFromVersions } from './ledger';
import { establishmentName, type EstablishmentRecord, type ReportVersion } from './model';
import { parisDateString } from './paris-time';
import { textFingerprint } from './retex/issue';
import type { RetexChart, RetexItem, RetexValue } from './retex/document';
import { summarise } from './summary';
import { rowRefs } from './workbook/workbook';

export const CommitteeMonth = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'mois attendu au format AAAA-MM (par exemple 2022-06)');

/** The « décisions à prendre » the ARS writes for one month's committee; the latest one is in force. */
export interface CommitteeText {
  month: string;
  text: string;
  at: string;
  author: string;
}

export interface CommitteeModel {
  month: string;
  title: string;
  /** Placeholders of the template. */
  values: RetexItem;
  chart: RetexChart;
  /** Establishments named in the pack, in order (tests and pages check what it covers). */
  establishmentIds: string[];
}

export interface CommitteeIssue {
  month: string;
  /** 0 for the first issue of a month, then 1, 2… */
  number: number;
  /** `2022-06`, then `2022-06.1`… */
  label: string;
  fingerprint: string;
  issuedAt: string;
  author: string;
  /** File name without extension: `Comite-de-suivi-2022-06-2022-06-23`. */
  fileBase: string;
  model: CommitteeModel;
}

export type CommitteeIssuePlan =
  | { status: 'new'; issue: CommitteeIssue; previous: CommitteeIssue | undefined }
  | { status: 'unchanged'; issue: CommitteeIssue };

const MONTHS = [
  'janvier',
  'février',
  'mars',
  'avril',
  'mai',
  'juin',
  'juillet',
  'août',
  'septembre',
  'octobre',
  'novembre',
  'décembre',
];

export function monthLabel(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return `${MONTHS[m - 1] ?? month} ${y}`;
}

export function previousMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

function lastDayOf(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

/** The pilot weeks of a month: those whose deadline day falls in it. */
export function weeksOfMonth(calendar: PilotCalendar, month: string): IsoWeek[] {
  return pilotWeeks(calendar).filter((w) => dateInWeek(w, calendar.deadline.weekday).startsWith(month));
}

function formatNumber(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '\u202f');
}

function signed(n: number): string {
  return n > 0 ? `+${formatNumber(n)}` : n < 0 ? `−${formatNumber(-n)}` : '=';
}

function shorten(text: string, max: number): string {
  const one = text.replace(/\s+/g, ' ').trim();
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}

export interface CommitteeInput {
  month: string;
  tracking: TrackingFile;
  calendar: PilotCalendar;
  settings: AccompanimentSettings;
  pilotName: string;
  region: string;
  establishments: readonly EstablishmentRecord[];
  versions: readonly ReportVersion[];
  binomes: readonly Binome[];
  assignments: readonly BinomeAssignment[];
  points: readonly FollowUpPoint[];
  actions: readonly FollowUpAction[];
  texts: readonly CommitteeText[];
  /** The column holding the ES's vigilance points (free text of the weekly report). */
  vigilanceColumnId?: string;
}

/**
 * The pack's content for a month. Only what the month's end could know is drawn: reports of the pilot weeks up
 * to the month's last one, points held up to its last day, actions as they stand (their status is what the
 * committee discusses).
 */
export function buildCommitteeModel(input: CommitteeInput): CommitteeModel {
  const { month, tracking, calendar } = input;
  const end = lastDayOf(month);
  const monthWeeks = weeksOfMonth(calendar, month);
  const lastWeek = monthWeeks[monthWeeks.length - 1];
  const weeks = pilotWeeks(calendar).filter((w) => !lastWeek || compareWeeks(w, lastWeek) <= 0);
  const versions = input.versions.filter((v) => weeks.includes(v.week));
  const ledgers = ledgersFromVersions(tracking, versions);
  const rows = rowRefs(input.establishments);
  const summary = summarise(tracking, rows, ledgers, weeks);
  const counters = counterColumns(tracking);
  const before = summary.series.filter((s) => !monthWeeks.includes(s.week)).at(-1)?.totals;
  const now = summary.series.at(-1)?.totals;
  const totals: RetexItem[] = counters.map((c) => {
    const value = now?.[c.id] ?? 0;
    const previous = before?.[c.id] ?? 0;
    return {
      label: c.label,
      value: formatNumber(value),
      previous: formatNumber(previous),
      delta: signed(value - previous),
    };
  });

  // Completeness of the month's weeks: a report received by the deadline, late, or missing.
  const current = currentVersions(versions);
  // Corrections do not count: lateness is decided by the week's first form or import.
  const firstReceived = new Map<string, string>();
  for (const v of versions) {
    if (v.source === 'correction') continue;
    const k = `${v.rowKey}|${v.week}`;
    const seen = firstReceived.get(k);
    if (!seen || v.receivedAt < seen) firstReceived.set(k, v.receivedAt);
  }
  let expected = 0;
  let onTime = 0;
  let late = 0;
  for (const row of rows)
    for (const week of monthWeeks) {
      expected += 1;
      const v = current.get(row.rowKey)?.get(week);
      if (!v) continue;
      const first = firstReceived.get(`${row.rowKey}|${week}`);
      if (first && new Date(first) <= deadlineOf(calendar, week)) onTime += 1;
      else late += 1;
    }
  const missing = expected - onTime - late;
  const rate = expected === 0 ? 0 : Math.round(((onTime + late) / expected) * 100);

  const binomes = new Map(currentBinomes(input.binomes).map((b) => [b.id, b]));
  const assigned = currentAssignments(input.assignments);
  const pointsUpToEnd = input.points.filter((p) => p.date <= end);
  const vigilanceId = input.vigilanceColumnId ?? 'vigilance_points';
  // Actions as they stood at the month's end, so a pack drawn later says what the month's committee saw.
  const pointDates = new Map(input.points.map((p) => [p.id, p.date]));
  const actionsAtEnd: FollowUpAction[] = input.actions.flatMap((a) => {
    if ((pointDates.get(a.pointId) ?? '9999') > end) return [];
    const known = a.history.filter((h) => parisDateString(new Date(h.at)) <= end);
    const status = known.at(-1)?.status ?? 'open';
    return [{ ...a, status, history: known }];
  });
  const establishmentLines: RetexItem[] = input.establishments.map((e) => {
    const keys = new Set(rows.filter((r) => r.establishmentId === e.id).map((r) => r.rowKey));
    let lastReport: IsoWeek | undefined;
    const vigilance = new Set<string>();
    for (const key of keys)
      for (const [week, v] of current.get(key) ?? []) {
        if (!lastReport || compareWeeks(week, lastReport) > 0) lastReport = week;
        const text = v.values[vigilanceId];
        if (monthWeeks.includes(week) && typeof text === 'string' && text.trim()) vigilance.add(text.trim());
      }
    const sumAt = (totalsOf: (key: string) => Readonly<Record<string, number>> | undefined) =>
      Object.fromEntries(
        counters.map((c) => [c.id, [...keys].reduce((s, k) => s + (totalsOf(k)?.[c.id] ?? 0), 0)]),
      );
    const latestBefore = (key: string, limit: IsoWeek | undefined) =>
      (ledgers.get(key) ?? []).filter((x) => !limit || compareWeeks(x.week, limit) <= 0).at(-1)?.counters;
    const firstMonthWeek = monthWeeks[0];
    const beforeWeek = firstMonthWeek ? weeks[weeks.indexOf(firstMonthWeek) - 1] : undefined;
    const nowValues = sumAt((k) => latestBefore(k, lastWeek));
    const beforeValues = sumAt((k) => (beforeWeek ? latestBefore(k, beforeWeek) : undefined));
    const actions = actionsAtEnd.filter((a) => a.establishmentId === e.id);
    const open = actions.filter(isOpen);
    const lateActions = open.filter((a) => isLate(a, end));
    const last = lastPoint(pointsUpToEnd, e.id);
    const binomeId = assigned.get(e.id);
    const binome = binomeId ? binomes.get(binomeId) : undefined;
    return {
      name: establishmentName(e),
      binome: binome ? binomeLabel(binome) : 'non attribué',
      last_report: lastReport ?? 'aucune',
      counters_text: counters
        .map(
          (c) =>
            `${c.label.replace(/^Cumul (nb|Nb) de /, '')} : ${formatNumber(nowValues[c.id] ?? 0)} (${signed((nowValues[c.id] ?? 0) - (beforeValues[c.id] ?? 0))})`,
        )
        .join('\n'),
      vigilance: vigilance.size > 0 ? [...vigilance].join('\n') : '—',
      open_actions: open.length > 0 ? open.map((a) => `${a.text} (${frenchDay(a.dueDate)})`).join('\n') : '—',
      late_actions:
        lateActions.length > 0
          ? lateActions.map((a) => `${a.text} (${frenchDay(a.dueDate)})`).join('\n')
          : '—',
      open_count: open.length,
      late_count: lateActions.length,
      last_point: last ? frenchDay(last.date) : 'aucun',
      next_point: frenchDay(nextPointDue(last, input.settings, calendar.start)),
    };
  });

  const names = new Map(input.establishments.map((e) => [e.id, establishmentName(e)]));
  const held: RetexItem[] = input.points
    .filter((p) => p.date.startsWith(month))
    .sort((a, b) => a.date.localeCompare(b.date) || a.at.localeCompare(b.at))
    .map((p) => ({
      date: frenchDay(p.date),
      establishment: names.get(p.establishmentId) ?? p.establishmentId,
      participants: shorten(p.participants, 200) || '—',
      summary: shorten(p.summary, 400),
      decisions: shorten(p.decisions, 300) || '—',
      actions: String(actionsAtEnd.filter((a) => a.pointId === p.id).length),
    }));

  const text = input.texts
    .filter((t) => t.month === month)
    .at(-1)
    ?.text.trim();
  const committee = input.settings.committees.find((d) => d.startsWith(month));
  const values: Record<string, RetexValue> = {
    pilot_name: input.pilotName,
    region: input.region,
    month_label: monthLabel(month),
    committee_date: committee ? frenchDay(committee) : 'à fixer',
    weeks_label:
      monthWeeks.length > 0
        ? `${monthWeeks.length} semaines de suivi (${monthWeeks[0]} à ${lastWeek})`
        : 'aucune semaine de suivi ce mois-ci',
    establishment_count: input.establishments.length,
    row_count: rows.length,
    totals,
    completeness_text: `${onTime + late} déclarations reçues sur ${expected} attendues (${rate} %) : ${onTime} à l’heure, ${late} en retard, ${missing} manquantes.`,
    establishments: establishmentLines,
    points: held,
    points_count: held.length,
    decisions_to_take: text || 'Aucune décision à prendre n’a été rédigée pour ce comité.',
    data_basis: `Données des semaines ${weeks[0] ?? '—'} à ${lastWeek ?? '—'} ; points de suivi jusqu’au ${frenchDay(end)}.`,
  };
  return {
    month,
    title: `Comité de suivi — ${monthLabel(month)}`,
    values,
    chart: {
      weeks: summary.series.map((s) => s.week),
      series: counters.map((c) => ({
        id: c.id,
        label: c.label,
        values: summary.series.map((s) => s.totals[c.id] ?? 0),
      })),
    },
    establishmentIds: input.establishments.map((e) => e.id),
  };
}

const STAMPED = ['version', 'issued_on'];

export function committeeFingerprint(model: CommitteeModel): string {
  const values = Object.fromEntries(Object.entries(model.values).filter(([k]) => !STAMPED.includes(k)));
  return textFingerprint(JSON.stringify({ month: model.month, values, chart: model.chart }));
}

export function committeeLabel(month: string, number: number): string {
  return number === 0 ? month : `${month}.${number}`;
}

/** The latest issue of the month when nothing changed, else the next number stamped with its label and date. */
export function planCommitteeIssue(
  model: CommitteeModel,
  issued: readonly CommitteeIssue[],
  now: Date,
  author: string,
): CommitteeIssuePlan {
  const fingerprint = committeeFingerprint(model);
  const previous = issued
    .filter((i) => i.month === model.month)
    .reduce<CommitteeIssue | undefined>((best, i) => (!best || i.number > best.number ? i : best), undefined);
  if (previous && previous.fingerprint === fingerprint) return { status: 'unchanged', issue: previous };
  const number = previous ? previous.number + 1 : 0;
  const label = committeeLabel(model.month, number);
  const date = parisDateString(now);
  return {
    status: 'new',
    previous,
    issue: {
      month: model.month,
      number,
      label,
      fingerprint,
      issuedAt: now.toISOString(),
      author,
      fileBase: `Comite-de-suivi-${label}-${date}`,
      model: { ...model, values: { ...model.values, version: label, issued_on: frenchDay(date) } },
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Schemas a store reads records back with

const ValueSchema: z.ZodType<RetexValue> = z.lazy(() =>
  z.union([z.string(), z.number(), z.array(ItemSchema)]),
);
const ItemSchema: z.ZodType<RetexItem> = z.lazy(() => z.record(z.string(), ValueSchema));

export const CommitteeTextSchema: z.ZodType<CommitteeText> = z.strictObject({
  month: CommitteeMonth,
  text: z.string(),
  at: z.string(),
  author: z.string(),
});

export const CommitteeIssueSchema: z.ZodType<CommitteeIssue> = z.strictObject({
  month: CommitteeMonth,
  number: z.int().min(0),
  label: z.string().min(7),
  fingerprint: z.string().min(1),
  issuedAt: z.string(),
  author: z.string(),
  fileBase: z.string().min(1),
  model: z.strictObject({
    month: CommitteeMonth,
    title: z.string(),
    values: ItemSchema,
    chart: z.strictObject({
      weeks: z.array(z.string()),
      series: z.array(z.strictObject({ id: z.string(), label: z.string(), values: z.array(z.number()) })),
    }),
    establishmentIds: z.array(z.string()),
  }),
});
