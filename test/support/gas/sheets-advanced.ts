// The advanced Sheets service (Sheets API v4) of Apps Script: spreadsheets.get, spreadsheets.batchUpdate and
// spreadsheets.values.batchUpdate, each a counted service call of the script's runtime over the one interpreter of
// sheets-batch.ts (shared with the REST façade, ../google-api/fake-workspace.ts; value writes through
// sheets-values.ts, as that façade takes them). A batch runs as the account the script runs as (its protections apply
// to cell writes). A refused batch throws what Apps Script throws: « API call to sheets.spreadsheets.batchUpdate
// failed with error: Invalid requests[i].kind: … » for an invalid request, the model's own error (the cell limit, a
// protected cell) as it is; a refused value write « API call to sheets.spreadsheets.values.batchUpdate failed with
// error: … » with the REST façade's message.
import type { GasSheetsAdvanced, SheetsBatchResponse } from '../../../src/apps-script/gas-api';
import type { SheetsRequest } from '../../../src/google/workbook-requests';
import type { GasRuntime } from './runtime';
import { batchUnits } from './latency';
import { cellsIn } from './sheets-cells';
import type { FilterViewData } from './sheet-data';
import { BatchRefused, describeSpreadsheet, InvalidRequest, SheetsBatch } from './sheets-batch';
import { applyValueWrites } from './sheets-values';
import type { SpreadsheetStore } from './spreadsheet-app';

export type { FilterViewData } from './sheet-data';

export class FakeSheetsAdvanced implements GasSheetsAdvanced {
  private readonly batch: SheetsBatch;

  constructor(
    private readonly rt: GasRuntime,
    private readonly sheets: SpreadsheetStore,
  ) {
    this.batch = new SheetsBatch(sheets);
  }

  /** Filter views by spreadsheet id (kept in the spreadsheet model). */
  readonly views = {
    get: (spreadsheetId: string): FilterViewData[] | undefined =>
      this.sheets.byId.get(spreadsheetId)?.filterViews,
  };

  readonly Spreadsheets = {
    get: (spreadsheetId: string): ReturnType<NonNullable<GasSheetsAdvanced['Spreadsheets']>['get']> => {
      this.rt.call('Sheets.Spreadsheets.get', 'batch');
      return describeSpreadsheet(this.sheets.get(spreadsheetId));
    },
    batchUpdate: (
      resource: { requests?: SheetsRequest[] | null },
      spreadsheetId: string,
    ): SheetsBatchResponse => {
      const requests = resource.requests ?? [];
      this.rt.call(
        'Sheets.Spreadsheets.batchUpdate',
        'batch',
        batchUnits(requests.length, cellsIn(requests)),
      );
      const ss = this.sheets.get(spreadsheetId);
      try {
        return { spreadsheetId, replies: this.batch.apply(ss, requests, this.rt.effectiveUser) };
      } catch (e) {
        if (!(e instanceof BatchRefused)) throw e;
        if (!(e.reason instanceof InvalidRequest)) throw e.reason;
        throw new Error(`API call to sheets.spreadsheets.batchUpdate failed with error: ${e.message}`);
      }
    },
    Values: {
      batchUpdate: (
        resource: Parameters<
          NonNullable<NonNullable<GasSheetsAdvanced['Spreadsheets']>['Values']>['batchUpdate']
        >[0],
        spreadsheetId: string,
      ): { totalUpdatedCells: number } => {
        const cells = resource.data.reduce((n, vr) => n + vr.values.reduce((m, r) => m + r.length, 0), 0);
        this.rt.call(
          'Sheets.Spreadsheets.Values.batchUpdate',
          'batch',
          batchUnits(resource.data.length, cells),
        );
        const refuse = (message: string) =>
          new Error(`API call to sheets.spreadsheets.values.batchUpdate failed with error: ${message}`);
        applyValueWrites(this.batch, this.sheets.get(spreadsheetId), resource, this.rt.effectiveUser, refuse);
        return { totalUpdatedCells: cells };
      },
    },
  };
}
