// Completeness per row and week: reçu, reçu en retard, manquant (or attendu before the deadline). Pure.
import { completenessOf, pilotWeeks, type Completeness, type PilotCalendar } from './calendar';
import { compareWeeks, isoWeekOfInstant, type IsoWeek } from './iso-week';
import type { RowLedger } from './ledger';
import type { RowKey } from './model';

export interface RowRef {
  rowKey: RowKey;
  establishmentId: string;
  /** How the row is named on screen (the establishment, with the use case when it has several). */
  title: string;
}

export interface CompletenessGrid {
  weeks: IsoWeek[];
  rows: Array<RowRef & { cells: Completeness[] }>;
  /** Counts per week, in the order of `weeks`. */
  totals: Array<Record<Completeness, number>>;
}

/** The grid over every pilot week already started at `now`. */
export function completenessGrid(
  cal: PilotCalendar,
  rows: readonly RowRef[],
  ledgers: ReadonlyMap<RowKey, RowLedger>,
  now: Date,
): CompletenessGrid {
  const current = isoWeekOfInstant(now);
  const weeks = pilotWeeks(cal).filter((w) => compareWeeks(w, current) <= 0);
  const gridRows = rows.map((row) => {
    const ledger = ledgers.get(row.rowKey) ?? [];
    const entries = new Map(ledger.map((e) => [e.week, e]));
    const cells = weeks.map((week) => {
      const entry = entries.get(week);
      const received = entry ? (entry.firstReceivedAt ?? entry.receivedAt) : undefined;
      return completenessOf(cal, week, received ? new Date(received) : undefined, now);
    });
    return { ...row, cells };
  });
  const totals = weeks.map((_, i) => {
    const count: Record<Completeness, number> = { received: 0, late: 0, missing: 0, expected: 0 };
    for (const r of gridRows) count[r.cells[i] as Completeness] += 1;
    return count;
  });
  return { weeks, rows: gridRows, totals };
}

/** Rows with no report for `week` (missing once its deadline has passed). */
export function rowsMissing(grid: CompletenessGrid, week: IsoWeek): RowRef[] {
  const i = grid.weeks.indexOf(week);
  if (i < 0) return [];
  return grid.rows
    .filter((r) => r.cells[i] === 'missing')
    .map(({ rowKey, establishmentId, title }) => ({ rowKey, establishmentId, title }));
}
