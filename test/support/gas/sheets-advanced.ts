// The advanced Sheets service (Sheets API v4) fake: filter views (addFilterView, deleteFilterView through
// spreadsheets.batchUpdate, listed by spreadsheets.get). Stricter than Google where its docs are silent: any other
// request kind is refused, a request naming a sheet or filter view that does not exist fails the whole batch
// (Sheets API reference « Method: spreadsheets.batchUpdate », https://developers.google.com/sheets/api/reference/
// rest/v4/spreadsheets/batchUpdate: « If any request is not valid then the entire request will fail and nothing
// will be applied »), and a filter's range must lie inside the sheet.
// Cell writes (updateCells, appendCells) are modelled in sheets-cells.ts and applied once the whole batch is valid.
import type { GasFilterView, GasSheetsAdvanced } from '../../../src/apps-script/gas-api';
import type { GasRuntime } from './runtime';
import { cellsIn, isCellRequest, planCellRequest } from './sheets-cells';
import type { SpreadsheetStore } from './spreadsheet-app';

export interface FilterViewData {
  filterViewId: number;
  title: string;
  range: { sheetId: number; startRowIndex: number; startColumnIndex: number; endColumnIndex: number };
  filterSpecs: Array<{ columnIndex: number; filterCriteria: { hiddenValues: string[] } }>;
}

interface AddFilterView {
  addFilterView: { filter: Omit<FilterViewData, 'filterViewId'> & { filterViewId?: number } };
}
interface DeleteFilterView {
  deleteFilterView: { filterId: number };
}

export class FakeSheetsAdvanced implements GasSheetsAdvanced {
  /** Filter views by spreadsheet id. */
  readonly views = new Map<string, FilterViewData[]>();
  private nextId = 1000;

  constructor(
    private readonly rt: GasRuntime,
    private readonly sheets: SpreadsheetStore,
  ) {}

  readonly Spreadsheets = {
    get: (spreadsheetId: string): ReturnType<NonNullable<GasSheetsAdvanced['Spreadsheets']>['get']> => {
      this.rt.call('Sheets.Spreadsheets.get', 'read');
      const ss = this.sheets.get(spreadsheetId);
      const views = this.views.get(spreadsheetId) ?? [];
      return {
        sheets: ss.sheets.map((s) => {
          const own: GasFilterView[] = views
            .filter((v) => v.range.sheetId === s.id)
            .map((v) => ({ filterViewId: v.filterViewId, title: v.title }));
          return {
            properties: { sheetId: s.id, title: s.name },
            ...(own.length > 0 ? { filterViews: own } : {}),
          };
        }),
      };
    },
    batchUpdate: (resource: { requests?: object[] | null }, spreadsheetId: string): unknown => {
      this.rt.call('Sheets.Spreadsheets.batchUpdate', 'write', cellsIn(resource.requests ?? []));
      const ss = this.sheets.get(spreadsheetId);
      const next = [...(this.views.get(spreadsheetId) ?? [])];
      let id = this.nextId;
      const replies: unknown[] = [];
      const cellWrites: Array<() => void> = [];
      (resource.requests ?? []).forEach((request, i) => {
        const where = `Invalid requests[${i}]`;
        if (isCellRequest(request)) {
          cellWrites.push(planCellRequest(this.rt, ss, request, where));
          replies.push({});
        } else if ('addFilterView' in request) {
          const filter = (request as AddFilterView).addFilterView.filter;
          const sheet = ss.sheets.find((s) => s.id === filter.range.sheetId);
          if (!sheet) throw new Error(`${where}.addFilterView: No grid with id: ${filter.range.sheetId}`);
          const { startRowIndex, startColumnIndex, endColumnIndex } = filter.range;
          if (startRowIndex < 0 || startRowIndex >= sheet.maxRows || endColumnIndex > sheet.maxColumns)
            throw new Error(`${where}.addFilterView: the range is outside the grid`);
          for (const spec of filter.filterSpecs)
            if (spec.columnIndex < startColumnIndex || spec.columnIndex >= endColumnIndex)
              throw new Error(
                `${where}.addFilterView: column ${spec.columnIndex} is outside the filter's range`,
              );
          const view: FilterViewData = { ...filter, filterViewId: (id += 1) };
          next.push(view);
          replies.push({ addFilterView: { filter: view } });
        } else if ('deleteFilterView' in request) {
          const target = (request as DeleteFilterView).deleteFilterView.filterId;
          const at = next.findIndex((v) => v.filterViewId === target);
          if (at < 0) throw new Error(`${where}.deleteFilterView: No filter with id: ${target}`);
          next.splice(at, 1);
          replies.push({});
        } else
          throw new Error(
            `${where}: the emulator models only addFilterView, deleteFilterView, updateCells and appendCells`,
          );
      });
      for (const apply of cellWrites) apply();
      this.nextId = id;
      this.views.set(spreadsheetId, next);
      return { spreadsheetId, replies };
    },
  };
}
