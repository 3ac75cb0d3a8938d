// Synthèse (for the ANS): totals, latest values per row, weekly series with a chart, completeness grid. Computed,
// read-only for everyone. Pure: also runs inside Apps Script.
import type { TrackingFile } from '../../schema/tracking-file';
import { COMPLETENESS_LABELS, type Completeness } from '../calendar';
import type { CompletenessGrid } from '../completeness';
import { formatParisDateTime } from '../paris-time';
import { SUMMARY_TITLES, type Summary } from '../summary';
import { num, text, type Cell } from './cells';
import {
  HEADER_GREY,
  SHEET_NAMES,
  TITLE_STYLE,
  type ChartSpec,
  type ColumnSpec,
  type SheetModel,
} from './sheet-model';

export const COMPLETENESS_COLORS: Record<Completeness, string> = {
  received: '#B7E1CD',
  late: '#FCE8B2',
  missing: '#F4C7C3',
  expected: '#FFFFFF',
};

export interface SynthesisInput {
  tracking: TrackingFile;
  summary: Summary;
  grid: CompletenessGrid;
  /** Shown in the title: when the summary was computed. */
  now: Date;
}

export function synthesisSheet({ tracking, summary, grid, now }: SynthesisInput): SheetModel {
  const establishmentLabel = tracking.columns.find((c) => c.id === 'establishment')?.label ?? '';
  const counters = summary.counters;
  const width = Math.max(2 + counters.length, 1 + grid.weeks.length, 3);
  const rows: Cell[][] = [];
  const styles: SheetModel['styles'] = [];
  const pad = (cells: Cell[]): Cell[] => [
    ...cells,
    ...Array<Cell>(Math.max(0, width - cells.length)).fill(null),
  ];
  const title = (label: string) => {
    styles.push({ rect: { row: rows.length, col: 0, rows: 1, cols: 1 }, style: TITLE_STYLE });
    rows.push(pad([text(label)]));
  };
  const headerRow = (cells: Cell[]) => {
    styles.push({
      rect: { row: rows.length, col: 0, rows: 1, cols: cells.length },
      style: { bold: true, fill: HEADER_GREY, wrap: true, vAlign: 'middle' },
    });
    rows.push(pad(cells));
  };

  title(
    `Synthèse nationale — données jusqu'à la semaine ${summary.asOfWeek ?? '—'} (calculée le ${formatParisDateTime(now)})`,
  );
  rows.push(pad([]));
  title('Totaux des indicateurs');
  headerRow([text('Indicateur'), text('Total')]);
  for (const c of counters) rows.push(pad([text(c.label), num(summary.totals[c.id] ?? 0)]));
  rows.push(pad([]));

  title(SUMMARY_TITLES.latest);
  headerRow([text(establishmentLabel), text('Semaine'), ...counters.map((c) => text(c.label))]);
  for (const r of summary.latest)
    rows.push(pad([text(r.title), text(r.week ?? ''), ...counters.map((c) => num(r.counters[c.id] ?? 0))]));
  rows.push(pad([]));

  title(SUMMARY_TITLES.series);
  const seriesHeader = rows.length;
  headerRow([text('Semaine'), text('Etablissements ayant déclaré'), ...counters.map((c) => text(c.label))]);
  for (const p of summary.series)
    rows.push(pad([text(p.week), num(p.reporting), ...counters.map((c) => num(p.totals[c.id] ?? 0))]));
  const seriesRows = summary.series.length + 1;
  rows.push(pad([]));

  title('Progression hebdomadaire (écart avec la semaine précédente)');
  headerRow([text('Semaine'), null, ...counters.map((c) => text(c.label))]);
  for (const d of summary.deltas)
    rows.push(pad([text(d.week), null, ...counters.map((c) => num(d.deltas[c.id] ?? 0))]));
  rows.push(pad([]));

  title(SUMMARY_TITLES.completeness);
  headerRow([text(establishmentLabel), ...grid.weeks.map((w) => text(w))]);
  for (const r of grid.rows) {
    const at = rows.length;
    rows.push(pad([text(r.title), ...r.cells.map((c) => text(COMPLETENESS_LABELS[c]))]));
    r.cells.forEach((c, i) =>
      styles.push({
        rect: { row: at, col: 1 + i, rows: 1, cols: 1 },
        style: { fill: COMPLETENESS_COLORS[c], hAlign: 'center' },
      }),
    );
  }
  for (const status of ['received', 'late', 'missing'] as const) {
    rows.push(pad([text(`Total ${COMPLETENESS_LABELS[status]}`), ...grid.totals.map((t) => num(t[status]))]));
  }

  const charts: ChartSpec[] =
    summary.series.length > 0
      ? [
          {
            kind: 'line',
            title: 'Évolution des indicateurs cumulés',
            domain: { row: seriesHeader, col: 0, rows: seriesRows, cols: 1 },
            series: counters.map((_, i) => ({ row: seriesHeader, col: 2 + i, rows: seriesRows, cols: 1 })),
            anchor: { row: 2, col: 3 },
          },
        ]
      : [];
  const columns: ColumnSpec[] = Array.from({ length: width }, (_, i) => ({
    key: `c${i}`,
    width: i === 0 ? 280 : 110,
    hidden: false,
    owner: null,
    format: 'text' as const,
  }));
  return {
    name: SHEET_NAMES.synthesis,
    columns,
    header: [],
    rows,
    merges: [],
    styles,
    frozen: { rows: 0, columns: 1 },
    validations: [],
    hidden: false,
    charts,
    editableBy: {},
    // Synthèse has several small tables, each with its own heading: no row to repeat.
    print: { orientation: 'landscape', titleRows: 0 },
  };
}
