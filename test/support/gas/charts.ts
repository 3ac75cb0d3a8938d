// Charts fake: data tables and line charts rendered to a PNG "blob" that records what the chart would draw
// (title, size, columns, rows, colours, range), so a test reads a document's chart image back as data. Each
// rendering counts as one call of its own class (Google renders the chart on its servers). Does not emulate:
// other chart kinds, data-view definitions, styles, real image bytes, the 400-points-per-series limits.
import type {
  GasBlob,
  GasChart,
  GasCharts,
  GasDataTable,
  GasDataTableBuilder,
  GasLineChartBuilder,
} from '../../../src/apps-script/gas-api';
import type { GasRuntime } from './runtime';

export interface ChartDrawing {
  kind: 'line';
  title: string;
  width: number;
  height: number;
  columns: Array<{ type: string; label: string }>;
  rows: Array<Array<string | number>>;
  legend: string;
  colors: string[];
  range?: [number, number];
}

/** A blob of the emulated account: its content type and, for a chart image, what it drew. */
export class FakeBlob implements GasBlob {
  constructor(
    readonly contentType: string,
    readonly chart?: ChartDrawing,
  ) {}
  getAs(contentType: string): FakeBlob {
    if (contentType !== 'image/png') throw new Error(`The emulator converts blobs to image/png only.`);
    return new FakeBlob(contentType, this.chart);
  }
  getBlob(): FakeBlob {
    return this;
  }
}

class FakeDataTable {
  constructor(
    readonly columns: Array<{ type: string; label: string }>,
    readonly rows: Array<Array<string | number>>,
  ) {}
}

class FakeDataTableBuilder implements GasDataTableBuilder {
  private readonly columns: Array<{ type: string; label: string }> = [];
  private readonly rows: Array<Array<string | number>> = [];
  constructor(private readonly rt: GasRuntime) {}
  addColumn(type: GoogleAppsScript.Charts.ColumnType, label: string): GasDataTableBuilder {
    this.rt.call('DataTableBuilder.addColumn', 'nav');
    if (this.rows.length > 0) throw new Error('Columns must be added before any row.');
    this.columns.push({ type: String(type), label });
    return this;
  }
  addRow(values: Array<string | number>): GasDataTableBuilder {
    this.rt.call('DataTableBuilder.addRow', 'nav');
    if (values.length !== this.columns.length)
      throw new Error(`The row has ${values.length} values, the table ${this.columns.length} columns.`);
    values.forEach((v, i) => {
      const type = this.columns[i]?.type;
      if ((type === 'NUMBER') !== (typeof v === 'number'))
        throw new Error(`Value ${String(v)} does not match the ${type} column ${i}.`);
    });
    this.rows.push([...values]);
    return this;
  }
  build(): GasDataTable {
    this.rt.call('DataTableBuilder.build', 'nav');
    return new FakeDataTable(
      [...this.columns],
      this.rows.map((r) => [...r]),
    );
  }
}

class FakeChart implements GasChart {
  constructor(
    private readonly rt: GasRuntime,
    private readonly drawing: ChartDrawing,
  ) {}
  getAs(contentType: string): GasBlob {
    this.rt.call('Chart.getAs', 'chart');
    return new FakeBlob('image/png', this.drawing).getAs(contentType);
  }
}

class FakeLineChartBuilder implements GasLineChartBuilder {
  private table: FakeDataTable | null = null;
  private title = '';
  private width = 600;
  private height = 371;
  private legend = 'RIGHT';
  private colors: string[] = [];
  private range: [number, number] | undefined;
  constructor(private readonly rt: GasRuntime) {}
  setDataTable(table: GasDataTable): GasLineChartBuilder {
    this.rt.call('LineChartBuilder.setDataTable', 'nav');
    if (!(table instanceof FakeDataTable)) throw new Error('The emulator draws its own data tables only.');
    this.table = table;
    return this;
  }
  setTitle(chartTitle: string): GasLineChartBuilder {
    this.rt.call('LineChartBuilder.setTitle', 'nav');
    this.title = chartTitle;
    return this;
  }
  setDimensions(width: number, height: number): GasLineChartBuilder {
    this.rt.call('LineChartBuilder.setDimensions', 'nav');
    this.width = width;
    this.height = height;
    return this;
  }
  setLegendPosition(position: GoogleAppsScript.Charts.Position): GasLineChartBuilder {
    this.rt.call('LineChartBuilder.setLegendPosition', 'nav');
    this.legend = String(position);
    return this;
  }
  setColors(cssValues: string[]): GasLineChartBuilder {
    this.rt.call('LineChartBuilder.setColors', 'nav');
    this.colors = [...cssValues];
    return this;
  }
  setRange(start: number, end: number): GasLineChartBuilder {
    this.rt.call('LineChartBuilder.setRange', 'nav');
    this.range = [start, end];
    return this;
  }
  build(): GasChart {
    this.rt.call('LineChartBuilder.build', 'nav');
    if (!this.table) throw new Error('A chart needs a data table.');
    return new FakeChart(this.rt, {
      kind: 'line',
      title: this.title,
      width: this.width,
      height: this.height,
      columns: this.table.columns,
      rows: this.table.rows,
      legend: this.legend,
      colors: this.colors,
      ...(this.range ? { range: this.range } : {}),
    });
  }
}

export class FakeCharts implements GasCharts {
  readonly ColumnType = { STRING: 'STRING', NUMBER: 'NUMBER' } as unknown as GasCharts['ColumnType'];
  readonly Position = { NONE: 'NONE', BOTTOM: 'BOTTOM' } as unknown as GasCharts['Position'];
  constructor(private readonly rt: GasRuntime) {}
  newDataTable(): GasDataTableBuilder {
    this.rt.call('Charts.newDataTable', 'nav');
    return new FakeDataTableBuilder(this.rt);
  }
  newLineChart(): GasLineChartBuilder {
    this.rt.call('Charts.newLineChart', 'nav');
    return new FakeLineChartBuilder(this.rt);
  }
}
