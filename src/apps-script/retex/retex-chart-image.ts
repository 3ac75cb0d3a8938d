// The RETEX chart in a Google Doc: the weekly progression of each cumulative counter, one small line chart per
// counter (their scales differ by orders of magnitude, as on the .docx), rendered to PNG by Apps Script's Charts
// service from the document model's frozen series — never from the live Synthèse tab, which shows today's data,
// not the milestone's. No chart when no week has data yet.
import { parseIsoWeek } from '../../domain/iso-week';
import { retexFr } from '../../domain/messages';
import type { RetexChart } from '../../domain/retex/document';
import type { GasBlob, GasCharts } from '../gas-api';

/** Size of one panel in the document, in points: three side by side fit an A4 page within its default margins. */
export const CHART_PANEL_POINTS = { width: 145, height: 110 } as const;
/** Panels are rendered at twice their size in the document, so they stay sharp when printed. */
const RENDER_SCALE = 2;
const BLUE = '#000091';

export interface ChartPanel {
  label: string;
  image: GasBlob;
}

export function retexChartPanels(charts: GasCharts, chart: RetexChart): ChartPanel[] {
  if (chart.weeks.length === 0) return [];
  const weeks = chart.weeks.map((w) => retexFr.chartWeek(parseIsoWeek(w)?.week ?? 0));
  return chart.series.map((series) => {
    const table = charts
      .newDataTable()
      .addColumn(charts.ColumnType.STRING, retexFr.chartWeekColumn)
      .addColumn(charts.ColumnType.NUMBER, series.label);
    weeks.forEach((week, i) => table.addRow([week, series.values[i] ?? 0]));
    const image = charts
      .newLineChart()
      .setDataTable(table.build())
      .setTitle(series.label)
      .setDimensions(CHART_PANEL_POINTS.width * RENDER_SCALE, CHART_PANEL_POINTS.height * RENDER_SCALE)
      .setLegendPosition(charts.Position.NONE)
      .setColors([BLUE])
      .build()
      .getAs('image/png');
    return { label: series.label, image };
  });
}
