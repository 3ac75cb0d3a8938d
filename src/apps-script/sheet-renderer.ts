// Draws a sheet of the workbook model (src/domain/workbook/sheet-model.ts) into a Google Sheet in batched calls: one
// setValues for the cells, one call per style property over the whole area, then merges, widths, hidden columns,
// frozen panes, validations, number formats and charts. Translates the model; decides nothing.
import type { CellRule, ChartSpec, Rect, SheetModel, Style } from '../domain/workbook/sheet-model';
import { forceTextForSheets } from '../domain/workbook/cell-text';
import { numberFormatOf, sheetRow } from './cells';
import type { GasRange, GasServices, GasSheet, HAlign, VAlign } from './gas-api';

/** Columns a runtime adds to the right of a model sheet (hidden technical data). */
export interface ExtraColumn {
  label: string;
  width: number;
  hidden: boolean;
}

type Grid<T> = T[][];

function grid<T>(rows: number, cols: number, fill: T): Grid<T> {
  return Array.from({ length: rows }, () => Array<T>(cols).fill(fill));
}

/** Rows the drawn area covers: the header and rows, or the whole sheet when a style runs to its end. */
function rectRows(rect: Rect, areaRows: number): number {
  return rect.rows === null ? areaRows - rect.row : Math.min(rect.rows, areaRows - rect.row);
}

interface StyleGrids {
  background: Grid<string | null>;
  fontWeight: Grid<'bold' | 'normal' | null>;
  fontStyle: Grid<'italic' | 'normal' | null>;
  fontColor: Grid<string | null>;
  fontSize: Grid<number>;
  wrap: Grid<boolean>;
  hAlign: Grid<HAlign>;
  vAlign: Grid<VAlign>;
}

function styleGrids(
  model: SheetModel,
  areaRows: number,
  cols: number,
): { grids: StyleGrids; used: Set<keyof StyleGrids> } {
  const grids: StyleGrids = {
    background: grid(areaRows, cols, null),
    fontWeight: grid(areaRows, cols, null),
    fontStyle: grid(areaRows, cols, null),
    fontColor: grid(areaRows, cols, null),
    fontSize: grid(areaRows, cols, 10),
    wrap: grid(areaRows, cols, false),
    hAlign: grid(areaRows, cols, null),
    vAlign: grid(areaRows, cols, null),
  };
  const used = new Set<keyof StyleGrids>();
  const put = <K extends keyof StyleGrids>(
    key: K,
    r: number,
    c: number,
    v: StyleGrids[K][number][number],
  ) => {
    const row = grids[key][r];
    if (row && c < cols) {
      (row as unknown[])[c] = v;
      used.add(key);
    }
  };
  for (const { rect, style } of model.styles) {
    const rows = rectRows(rect, areaRows);
    for (let r = rect.row; r < rect.row + rows; r += 1)
      for (let c = rect.col; c < rect.col + rect.cols; c += 1) applyStyle(style, (k, v) => put(k, r, c, v));
  }
  return { grids, used };
}

function applyStyle(
  style: Style,
  put: <K extends keyof StyleGrids>(key: K, v: StyleGrids[K][number][number]) => void,
): void {
  if (style.fill !== undefined) put('background', style.fill);
  if (style.bold !== undefined) put('fontWeight', style.bold ? 'bold' : 'normal');
  if (style.italic !== undefined) put('fontStyle', style.italic ? 'italic' : 'normal');
  if (style.fontColor !== undefined) put('fontColor', style.fontColor);
  if (style.fontSize !== undefined) put('fontSize', style.fontSize);
  if (style.wrap !== undefined) put('wrap', style.wrap);
  if (style.hAlign !== undefined) put('hAlign', style.hAlign);
  if (style.vAlign !== undefined) put('vAlign', style.vAlign);
}

function setGrid(range: GasRange, key: keyof StyleGrids, grids: StyleGrids): void {
  switch (key) {
    case 'background':
      range.setBackgrounds(grids.background);
      return;
    case 'fontWeight':
      range.setFontWeights(grids.fontWeight);
      return;
    case 'fontStyle':
      range.setFontStyles(grids.fontStyle);
      return;
    case 'fontColor':
      range.setFontColors(grids.fontColor);
      return;
    case 'fontSize':
      range.setFontSizes(grids.fontSize);
      return;
    case 'wrap':
      range.setWraps(grids.wrap);
      return;
    case 'hAlign':
      range.setHorizontalAlignments(grids.hAlign);
      return;
    case 'vAlign':
      range.setVerticalAlignments(grids.vAlign);
      return;
  }
}

function ruleOf(services: GasServices, rule: CellRule) {
  const builder = services.SpreadsheetApp.newDataValidation().setAllowInvalid(false);
  switch (rule.kind) {
    case 'list':
      return builder.requireValueInList(rule.values, true).build();
    case 'integer':
      return builder.requireNumberBetween(rule.min, rule.max).build();
    case 'date':
      return builder.requireDate().build();
  }
}

/** Makes the sheet at least this large (new sheets have 1,000 rows and 26 columns). */
export function ensureSize(
  sheet: GasSheet,
  rows: number,
  cols: number,
): { maxRows: number; maxCols: number } {
  let maxRows = sheet.getMaxRows();
  let maxCols = sheet.getMaxColumns();
  if (cols > maxCols) {
    sheet.insertColumnsAfter(maxCols, cols - maxCols);
    maxCols = cols;
  }
  if (rows > maxRows) {
    sheet.insertRowsAfter(maxRows, rows - maxRows);
    maxRows = rows;
  }
  return { maxRows, maxCols };
}

/** Inserts the model's line charts (removing the sheet's previous ones). */
export function drawCharts(sheet: GasSheet, charts: readonly ChartSpec[]): void {
  for (const old of sheet.getCharts()) sheet.removeChart(old);
  const range = (r: Rect) => sheet.getRange(r.row + 1, r.col + 1, r.rows ?? 1, r.cols);
  for (const spec of charts) {
    let builder = sheet.newChart().asLineChart().setTitle(spec.title).addRange(range(spec.domain));
    for (const s of spec.series) builder = builder.addRange(range(s));
    sheet.insertChart(
      builder
        .setNumHeaders(1)
        .setPosition(spec.anchor.row + 1, spec.anchor.col + 1, 0, 0)
        .build(),
    );
  }
}

/**
 * Draws a model sheet into an empty sheet: values, styles, merges, widths, hidden columns, frozen panes,
 * validations, number formats, charts, visibility. `minRows` leaves room below for rows appended later.
 */
export function drawSheet(
  services: GasServices,
  sheet: GasSheet,
  model: SheetModel,
  extra: readonly ExtraColumn[] = [],
  minRows = 0,
): void {
  const modelCols = model.columns.length;
  const width = modelCols + extra.length;
  const drawn = model.header.length + model.rows.length;
  const { maxRows } = ensureSize(sheet, Math.max(drawn + 1, minRows), width);

  if (drawn > 0) {
    const rows = [...model.header, ...model.rows].map((cells, i) => [
      ...sheetRow(cells),
      ...extra.map((x) => (i === 0 ? forceTextForSheets(x.label) : '')),
    ]);
    sheet.getRange(1, 1, drawn, width).setValues(rows);
  }

  const unbounded = model.styles.some((s) => s.rect.rows === null);
  const areaRows = unbounded ? maxRows : drawn;
  if (areaRows > 0) {
    const { grids, used } = styleGrids(model, areaRows, modelCols);
    const area = sheet.getRange(1, 1, areaRows, modelCols);
    for (const key of used) setGrid(area, key, grids);
  }

  for (const m of model.merges) sheet.getRange(m.row + 1, m.col + 1, m.rows ?? 1, m.cols).merge();

  const columns = [...model.columns.map((c) => ({ width: c.width, hidden: c.hidden })), ...extra];
  columns.forEach((c, i) => sheet.setColumnWidth(i + 1, c.width));
  let hiddenStart = -1;
  columns.forEach((c, i) => {
    const next = columns[i + 1];
    if (c.hidden && hiddenStart < 0) hiddenStart = i;
    if (c.hidden && !next?.hidden) {
      sheet.hideColumns(hiddenStart + 1, i - hiddenStart + 1);
      hiddenStart = -1;
    }
  });

  if (model.frozen.rows > 0) sheet.setFrozenRows(model.frozen.rows);
  if (model.frozen.columns > 0) sheet.setFrozenColumns(model.frozen.columns);

  for (const v of model.validations) {
    const rows = v.rect.rows ?? maxRows - v.rect.row;
    sheet
      .getRange(v.rect.row + 1, v.rect.col + 1, rows, v.rect.cols)
      .setDataValidation(ruleOf(services, v.rule));
  }

  const dataRows = maxRows - model.header.length;
  // One call per run of adjacent columns sharing a format.
  if (dataRows > 0)
    for (let i = 0; i < model.columns.length;) {
      const format = numberFormatOf(model.columns[i]?.format ?? 'text');
      let j = i + 1;
      while (j < model.columns.length && numberFormatOf(model.columns[j]?.format ?? 'text') === format)
        j += 1;
      sheet.getRange(model.header.length + 1, i + 1, dataRows, j - i).setNumberFormat(format);
      i = j;
    }

  if (model.charts.length > 0) drawCharts(sheet, model.charts);
  if (model.hidden) sheet.hideSheet();
}
