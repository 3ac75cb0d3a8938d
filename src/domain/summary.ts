// The national summary: totals of the cumulative counters, latest values per row, the weekly series and its
// deltas. Computed from the rows' ledgers only, so a runtime can refresh it without rereading the history. Pure.
import type { Column, TrackingFile } from '../schema/tracking-file';
import { counterColumns } from './columns';
import { compareWeeks, type IsoWeek } from './iso-week';

/** The summary's section titles, as the Synthèse tab and the national page show them. */
export const SUMMARY_TITLES = {
  latest: 'Dernières valeurs par établissement',
  series: 'Évolution hebdomadaire (totaux cumulés)',
  completeness: 'Complétude des déclarations hebdomadaires',
} as const;
import type { RowLedger, WeekEntry } from './ledger';
import type { RowRef } from './completeness';
import type { RowKey } from './model';

export type CounterValues = Record<string, number>;

export interface Summary {
  counters: Column[];
  /** The last week included. */
  asOfWeek: IsoWeek | undefined;
  totals: CounterValues;
  latest: Array<RowRef & { week: IsoWeek | null; counters: CounterValues }>;
  /** For each week: the sum over rows of each row's latest value up to that week (cumulative, carried forward). */
  series: Array<{ week: IsoWeek; totals: CounterValues; reporting: number }>;
  /** Week-on-week increase of the series' totals. */
  deltas: Array<{ week: IsoWeek; deltas: CounterValues }>;
}

function zero(counters: Column[]): CounterValues {
  return Object.fromEntries(counters.map((c) => [c.id, 0]));
}

function latestUpTo(ledger: RowLedger, week: IsoWeek): WeekEntry | undefined {
  let best: WeekEntry | undefined;
  for (const e of ledger)
    if (compareWeeks(e.week, week) <= 0 && (!best || compareWeeks(e.week, best.week) > 0)) best = e;
  return best;
}

/** A ledger in week order (ledgers are kept so; one written by hand elsewhere may not be). */
function byWeek(ledger: RowLedger): RowLedger {
  for (let i = 1; i < ledger.length; i++)
    if (compareWeeks((ledger[i - 1] as WeekEntry).week, (ledger[i] as WeekEntry).week) >= 0)
      return [...ledger].sort((a, b) => compareWeeks(a.week, b.week));
  return ledger;
}

/** Summary over `weeks` (oldest first); totals and latest values are as of the last of them. */
export function summarise(
  tracking: TrackingFile,
  rows: readonly RowRef[],
  ledgers: ReadonlyMap<RowKey, RowLedger>,
  weeks: readonly IsoWeek[],
): Summary {
  const counters = counterColumns(tracking);
  const asOfWeek = weeks[weeks.length - 1];
  // One pass per row over its ledger (sorted by week) and the weeks: linear in weeks, for 3,000 rows × 52 weeks.
  const series = weeks.map((week) => ({ week, totals: zero(counters), reporting: 0 }));
  for (const row of rows) {
    const ledger = byWeek(ledgers.get(row.rowKey) ?? []);
    let j = -1;
    weeks.forEach((week, i) => {
      while (j + 1 < ledger.length && compareWeeks((ledger[j + 1] as WeekEntry).week, week) <= 0) j += 1;
      const entry = ledger[j];
      const point = series[i];
      if (!entry || !point) return;
      if (entry.week === week) point.reporting += 1;
      for (const c of counters) point.totals[c.id] = (point.totals[c.id] ?? 0) + (entry.counters[c.id] ?? 0);
    });
  }
  const deltas = series.map((point, i) => {
    const before = i > 0 ? series[i - 1]?.totals : undefined;
    const d = zero(counters);
    for (const c of counters) d[c.id] = (point.totals[c.id] ?? 0) - (before?.[c.id] ?? 0);
    return { week: point.week, deltas: d };
  });
  const latest = rows.map((row) => {
    const entry = asOfWeek ? latestUpTo(ledgers.get(row.rowKey) ?? [], asOfWeek) : undefined;
    return { ...row, week: entry?.week ?? null, counters: { ...zero(counters), ...(entry?.counters ?? {}) } };
  });
  return {
    counters,
    asOfWeek,
    totals: series[series.length - 1]?.totals ?? zero(counters),
    latest,
    series,
    deltas,
  };
}
