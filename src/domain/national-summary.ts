// The ANS's national summary: the core's summary and completeness over the rows a filter keeps (region, group,
// establishment type, use case), plus one line per region (its totals, its weekly series, its completeness) so the
// page can break every figure down by region. Pure: the runtime hands in the records of every region.
import type { TrackingFile } from '../schema/tracking-file';
import type { PilotCalendar } from './calendar';
import { completenessGrid, type CompletenessGrid, type RowRef } from './completeness';
import type { RowLedger } from './ledger';
import { rowKey, rowTitle, type EstablishmentRecord, type RowKey } from './model';
import { summarise, type CounterValues, type Summary } from './summary';

export interface NationalFilter {
  region?: string;
  group?: string;
  esType?: string;
  useCase?: string;
}

export interface RegionInput {
  id: string;
  name: string;
  establishments: readonly EstablishmentRecord[];
}

export interface RegionLine {
  id: string;
  name: string;
  establishments: number;
  rows: number;
  totals: CounterValues;
  series: Summary['series'];
  /** Weekly reports over the weeks whose deadline has passed: received on time, late, missing. */
  received: number;
  late: number;
  missing: number;
  /** Share of expected reports received (on time or late), 0…1; null when nothing was expected yet. */
  rate: number | null;
}

export interface NationalSummary {
  summary: Summary;
  grid: CompletenessGrid;
  /** Region of each row of `summary.latest` and `grid.rows`. */
  regionOfRow: Map<RowKey, string>;
  regions: RegionLine[];
  /** The values each filter may take, over every region. */
  choices: {
    regions: Array<{ id: string; name: string }>;
    groups: string[];
    esTypes: string[];
    useCases: string[];
  };
}

const textOf = (v: unknown): string => (typeof v === 'string' ? v : '');
const sorted = (values: Iterable<string>) =>
  [...new Set(values)].filter((v) => v !== '').sort((a, b) => a.localeCompare(b, 'fr'));

export function nationalSummary(
  tracking: TrackingFile,
  calendar: PilotCalendar,
  regions: readonly RegionInput[],
  ledgers: ReadonlyMap<RowKey, RowLedger>,
  filter: NationalFilter,
  now: Date,
): NationalSummary {
  const all = regions.flatMap((r) => r.establishments);
  const choices = {
    regions: regions.map((r) => ({ id: r.id, name: r.name })),
    groups: sorted(all.map((e) => textOf(e.values.group))),
    esTypes: sorted(all.map((e) => textOf(e.values.es_type))),
    useCases: sorted(all.flatMap((e) => e.useCases.map((u) => textOf(u.values.use_case)))),
  };
  const regionOfRow = new Map<RowKey, string>();
  const refsOf = (region: RegionInput): RowRef[] =>
    region.establishments
      .filter((e) => !filter.group || textOf(e.values.group) === filter.group)
      .filter((e) => !filter.esType || textOf(e.values.es_type) === filter.esType)
      .flatMap((e) =>
        e.useCases
          .filter((u) => !filter.useCase || textOf(u.values.use_case) === filter.useCase)
          .map((u) => {
            const key = rowKey(e.id, u.id);
            regionOfRow.set(key, region.id);
            return { rowKey: key, establishmentId: e.id, title: rowTitle(e, u) };
          }),
      );
  const kept = regions.filter((r) => !filter.region || r.id === filter.region);
  const lines: RegionLine[] = [];
  const refs: RowRef[] = [];
  const gridRows: CompletenessGrid['rows'] = [];
  let weeks: CompletenessGrid['weeks'] = completenessGrid(calendar, [], ledgers, now).weeks;
  for (const region of kept) {
    const regionRefs = refsOf(region);
    refs.push(...regionRefs);
    const grid = completenessGrid(calendar, regionRefs, ledgers, now);
    weeks = grid.weeks;
    gridRows.push(...grid.rows);
    const summary = summarise(tracking, regionRefs, ledgers, grid.weeks);
    const count = { received: 0, late: 0, missing: 0 };
    for (const t of grid.totals) {
      count.received += t.received;
      count.late += t.late;
      count.missing += t.missing;
    }
    const expected = count.received + count.late + count.missing;
    lines.push({
      id: region.id,
      name: region.name,
      establishments: new Set(regionRefs.map((r) => r.establishmentId)).size,
      rows: regionRefs.length,
      totals: summary.totals,
      series: summary.series,
      ...count,
      rate: expected === 0 ? null : (count.received + count.late) / expected,
    });
  }
  // The regions' grids side by side are the national grid (same weeks): its totals are their sums.
  const totals = weeks.map((_, i) => {
    const count = { received: 0, late: 0, missing: 0, expected: 0 };
    for (const r of gridRows) {
      const cell = r.cells[i];
      if (cell) count[cell] += 1;
    }
    return count;
  });
  return {
    summary: summarise(tracking, refs, ledgers, weeks),
    grid: { weeks, rows: gridRows, totals },
    regionOfRow,
    regions: lines,
    choices,
  };
}
