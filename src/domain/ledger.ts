// The report ledger: append-only versions keyed by row × ISO week. The current report of a week is its highest
// version; a row's ledger summarises the current version of each week (counters and receipt times), which is all
// the rules need, so runtimes can keep it next to the row instead of rereading the whole history. Pure.
import type { TrackingFile } from '../schema/tracking-file';
import { counterColumns } from './columns';
import { compareWeeks, type IsoWeek } from './iso-week';
import type { ReportVersion, RowKey } from './model';

/** The current version of one week of one row. */
export interface WeekEntry {
  week: IsoWeek;
  version: number;
  counters: Readonly<Record<string, number>>;
  /** When the week's first version arrived (a form or import; corrections do not count): decides lateness. */
  firstReceivedAt: string | null;
  receivedAt: string;
}

/** A row's weeks, oldest first, one entry per week. */
export type RowLedger = readonly WeekEntry[];

function countersOf(tracking: TrackingFile, version: ReportVersion): Record<string, number> {
  const out: Record<string, number> = {};
  for (const c of counterColumns(tracking)) {
    const v = version.values[c.id];
    if (typeof v === 'number') out[c.id] = v;
  }
  return out;
}

/** Adds one version to a row's ledger. Versions may arrive in any order: the highest version of a week wins. */
export function applyVersion(tracking: TrackingFile, ledger: RowLedger, version: ReportVersion): RowLedger {
  const existing = ledger.find((e) => e.week === version.week);
  const counted = version.source !== 'correction' ? version.receivedAt : null;
  const first =
    [existing?.firstReceivedAt ?? null, counted].filter((t): t is string => t !== null).sort()[0] ?? null;
  const entry: WeekEntry =
    existing && existing.version > version.version
      ? { ...existing, firstReceivedAt: first }
      : {
          week: version.week,
          version: version.version,
          counters: countersOf(tracking, version),
          firstReceivedAt: first,
          receivedAt: version.receivedAt,
        };
  return [...ledger.filter((e) => e.week !== version.week), entry].sort((a, b) =>
    compareWeeks(a.week, b.week),
  );
}

/** Ledgers of every row from a full history. */
export function ledgersFromVersions(
  tracking: TrackingFile,
  versions: Iterable<ReportVersion>,
): Map<RowKey, RowLedger> {
  const out = new Map<RowKey, RowLedger>();
  for (const v of versions) out.set(v.rowKey, applyVersion(tracking, out.get(v.rowKey) ?? [], v));
  return out;
}

/** The version number a new submission for `week` gets. */
export function nextVersionNumber(ledger: RowLedger, week: IsoWeek): number {
  return (ledger.find((e) => e.week === week)?.version ?? 0) + 1;
}

/** The closest weeks before and after `week` that have a report. */
export function neighbours(ledger: RowLedger, week: IsoWeek): { previous?: WeekEntry; next?: WeekEntry } {
  let previous: WeekEntry | undefined;
  let next: WeekEntry | undefined;
  for (const e of ledger) {
    const c = compareWeeks(e.week, week);
    if (c < 0 && (!previous || compareWeeks(e.week, previous.week) > 0)) previous = e;
    if (c > 0 && (!next || compareWeeks(e.week, next.week) < 0)) next = e;
  }
  return { previous, next };
}

/** The most recent week reported: its report is the row's current state. */
export function latestEntry(ledger: RowLedger): WeekEntry | undefined {
  return ledger.reduce<WeekEntry | undefined>(
    (best, e) => (!best || compareWeeks(e.week, best.week) > 0 ? e : best),
    undefined,
  );
}

/** Whether a version becomes the row's current state once applied (it is for the latest week reported). */
export function becomesCurrent(ledger: RowLedger, version: ReportVersion): boolean {
  const latest = latestEntry(ledger);
  return !latest || compareWeeks(version.week, latest.week) >= 0;
}

/** Current versions of every row and week from a full history: the highest version per (row, week). */
export function currentVersions(versions: Iterable<ReportVersion>): Map<RowKey, Map<IsoWeek, ReportVersion>> {
  const out = new Map<RowKey, Map<IsoWeek, ReportVersion>>();
  for (const v of versions) {
    let weeks = out.get(v.rowKey);
    if (!weeks) out.set(v.rowKey, (weeks = new Map()));
    const seen = weeks.get(v.week);
    if (!seen || v.version > seen.version) weeks.set(v.week, v);
  }
  return out;
}

/** Each row's current state: the current version of its latest reported week. */
export function currentState(versions: Iterable<ReportVersion>): Map<RowKey, ReportVersion> {
  const out = new Map<RowKey, ReportVersion>();
  for (const [key, weeks] of currentVersions(versions)) {
    let best: ReportVersion | undefined;
    for (const v of weeks.values()) if (!best || compareWeeks(v.week, best.week) > 0) best = v;
    if (best) out.set(key, best);
  }
  return out;
}
