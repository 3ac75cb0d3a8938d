// Draws a sheet of the workbook model (src/domain/workbook/sheet-model.ts) into a Google Sheet: one setValues for
// the cells, charts through SpreadsheetApp, and the layout as the Sheets API requests src/google builds for both
// Google runtimes, sent by the caller in one batch. Translates the model; decides nothing.
import type { ChartSpec, Rect, SheetModel } from '../domain/workbook/sheet-model';
import { forceTextForSheets } from '../domain/workbook/cell-text';
import {
  columnRequests,
  layoutRequests,
  numberFormatRequests,
  sheetPropertiesRequest,
  type SheetsRequest,
} from '../google/workbook-requests';
import { sheetRow } from './cells';
import type { GasSheet } from './gas-api';

/** Columns a runtime adds to the right of a model sheet (hidden technical data). */
export interface ExtraColumn {
  label: string;
  width: number;
  hidden: boolean;
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
 * Draws a model sheet into an empty sheet. Values (one setValues), size and charts go through SpreadsheetApp at
 * once; the layout — widths, hidden columns, frozen panes, merges, styles, validations, number formats, visibility —
 * is returned as Sheets API requests (the REST runtime's own builders), for the caller to send in one batch with the
 * other tabs' (sendSheetsBatch). `minRows` leaves room below for rows appended later.
 */
export function drawSheet(
  sheet: GasSheet,
  model: SheetModel,
  extra: readonly ExtraColumn[] = [],
  minRows = 0,
): SheetsRequest[] {
  const width = model.columns.length + extra.length;
  const drawn = model.header.length + model.rows.length;
  ensureSize(sheet, Math.max(drawn + 1, minRows), width);

  if (drawn > 0) {
    const rows = [...model.header, ...model.rows].map((cells, i) => [
      ...sheetRow(cells),
      ...extra.map((x) => (i === 0 ? forceTextForSheets(x.label) : '')),
    ]);
    sheet.getRange(1, 1, drawn, width).setValues(rows);
  }
  if (model.charts.length > 0) drawCharts(sheet, model.charts);

  const sheetId = sheet.getSheetId();
  const requests: SheetsRequest[] = [
    ...columnRequests(sheetId, [...model.columns, ...extra]),
    ...numberFormatRequests(model, sheetId, true),
    ...layoutRequests(model, sheetId),
  ];
  if (model.frozen.rows > 0 || model.frozen.columns > 0 || model.hidden)
    requests.push(
      sheetPropertiesRequest(sheetId, {
        ...(model.frozen.rows > 0 ? { frozenRows: model.frozen.rows } : {}),
        ...(model.frozen.columns > 0 ? { frozenColumns: model.frozen.columns } : {}),
        ...(model.hidden ? { hidden: true } : {}),
      }),
    );
  return requests;
}
