// The advanced Sheets service (Sheets API v4) fake: spreadsheets.get (tabs, filter views, protected ranges) and an
// interpreter of spreadsheets.batchUpdate over the SpreadsheetApp fake's own model (sheet-data.ts), so what a batch
// draws is what SpreadsheetApp reads back: widths and hidden columns, frozen panes and hidden tabs, merges, cell
// formats and number formats, data validations, protected ranges, filter views.
// Strict like Google (Sheets API reference « Method: spreadsheets.batchUpdate »,
// https://developers.google.com/sheets/api/reference/rest/v4/spreadsheets/batchUpdate: « The requests will be
// validated before being applied. If any request is not valid then the entire request will fail and nothing will be
// applied »): a request of a kind the emulator does not model, a sheet or filter view that does not exist, a range
// outside the grid, a field mask naming a field it does not know, all fail the whole batch and the spreadsheet is
// left exactly as it was. Protected ranges: the owner is always an editor (as with SpreadsheetApp); an editor with
// no Google account fails the batch (assumed, stricter: Google documents the refusal for sharing only, see
// spreadsheet-app.ts); editors on a warning-only protection and domain editing outside a Workspace domain are
// refused (API reference « ProtectedRange »: « Editors are not supported with warningOnly protection »).
// Cell writes (updateCells, appendCells) are modelled in sheets-cells.ts: checked in order with the others, written
// once the whole batch is valid.
import type { GasFilterView, GasSheetsAdvanced, SheetsBatchResponse } from '../../../src/apps-script/gas-api';
import type { SheetsRequest } from '../../../src/google/workbook-requests';
import type { Box } from './a1';
import type { GasRuntime } from './runtime';
import { batchUnits } from './latency';
import type { CellFormat, ProtectionData, SheetData, SpreadsheetData, ValidationRule } from './sheet-data';
import { cellsIn, isCellRequest, planCellRequest } from './sheets-cells';
import type { SpreadsheetStore } from './spreadsheet-app';

export interface FilterViewData {
  filterViewId: number;
  title: string;
  range: { sheetId: number; startRowIndex: number; startColumnIndex: number; endColumnIndex: number };
  filterSpecs: Array<{ columnIndex: number; filterCriteria: { hiddenValues: string[] } }>;
}

type GridRange = NonNullable<NonNullable<SheetsRequest['mergeCells']>['range']>;
type CellFormatApi = NonNullable<
  NonNullable<NonNullable<SheetsRequest['repeatCell']>['cell']>['userEnteredFormat']
>;
type ColorStyle = NonNullable<CellFormatApi['backgroundColorStyle']>;

/** A request the batch refuses: the whole batch fails with Google's « Invalid requests[i].kind: … ». */
class InvalidRequest extends Error {}

const H_ALIGN: Record<string, CellFormat['hAlign']> = { LEFT: 'left', CENTER: 'center', RIGHT: 'right' };
const V_ALIGN: Record<string, CellFormat['vAlign']> = { TOP: 'top', MIDDLE: 'middle', BOTTOM: 'bottom' };

function hex(style: ColorStyle | undefined): string | null {
  const c = style?.rgbColor;
  if (!c) return null;
  const byte = (v: number | null | undefined) =>
    Math.round((v ?? 0) * 255)
      .toString(16)
      .padStart(2, '0');
  return `#${byte(c.red)}${byte(c.green)}${byte(c.blue)}`;
}

/** `userEnteredFormat(a,b.c)` or `userEnteredFormat.a` → the paths under userEnteredFormat. */
function formatFields(mask: string): string[] {
  const grouped = /^userEnteredFormat\((.*)\)$/.exec(mask);
  const paths = grouped
    ? (grouped[1] ?? '').split(',')
    : mask.split(',').map((f) => {
        if (!f.startsWith('userEnteredFormat.'))
          throw new InvalidRequest(`the emulator models only userEnteredFormat fields, not « ${f} »`);
        return f.slice('userEnteredFormat.'.length);
      });
  return paths.map((p) => p.trim()).filter((p) => p.length > 0);
}

/** The CellFormat patch a repeatCell makes: each masked field set from the cell, or cleared when the cell omits it. */
function formatPatch(format: CellFormatApi, fields: readonly string[]): CellFormat {
  const patch: CellFormat = {};
  const text = format.textFormat ?? {};
  for (const field of fields)
    switch (field) {
      case 'backgroundColorStyle':
      case 'backgroundColor':
        patch.background = hex(
          format.backgroundColorStyle ??
            (format.backgroundColor ? { rgbColor: format.backgroundColor } : undefined),
        );
        break;
      case 'textFormat.bold':
        patch.fontWeight =
          text.bold === undefined || text.bold === null ? null : text.bold ? 'bold' : 'normal';
        break;
      case 'textFormat.italic':
        patch.fontStyle =
          text.italic === undefined || text.italic === null ? null : text.italic ? 'italic' : 'normal';
        break;
      case 'textFormat.fontSize':
        patch.fontSize = text.fontSize ?? 10;
        break;
      case 'textFormat.foregroundColorStyle':
      case 'textFormat.foregroundColor':
        patch.fontColor = hex(
          text.foregroundColorStyle ??
            (text.foregroundColor ? { rgbColor: text.foregroundColor } : undefined),
        );
        break;
      case 'wrapStrategy':
        patch.wrap = format.wrapStrategy === 'WRAP';
        break;
      case 'horizontalAlignment':
        patch.hAlign = H_ALIGN[format.horizontalAlignment ?? ''] ?? null;
        break;
      case 'verticalAlignment':
        patch.vAlign = V_ALIGN[format.verticalAlignment ?? ''] ?? null;
        break;
      case 'numberFormat': {
        const pattern = format.numberFormat?.pattern;
        if (format.numberFormat && !pattern)
          throw new InvalidRequest('the emulator needs a number format pattern');
        patch.numberFormat = pattern ?? undefined;
        break;
      }
      default:
        throw new InvalidRequest(`the emulator does not model the field « userEnteredFormat.${field} »`);
    }
  return patch;
}

function validationOf(rule: NonNullable<SheetsRequest['setDataValidation']>['rule']): ValidationRule | null {
  if (!rule) return null;
  const values = (rule.condition?.values ?? []).map((v) => v.userEnteredValue ?? '');
  switch (rule.condition?.type) {
    case 'ONE_OF_LIST':
      return { kind: 'list', values };
    case 'NUMBER_BETWEEN':
      return { kind: 'numberBetween', min: Number(values[0]), max: Number(values[1]) };
    case 'DATE_IS_VALID':
      return { kind: 'date' };
    case 'CUSTOM_FORMULA':
      if (!values[0]?.startsWith('=')) throw new InvalidRequest('a custom formula must start with =');
      return { kind: 'formula', formula: values[0] };
    default:
      throw new InvalidRequest(`the emulator does not model the condition ${String(rule.condition?.type)}`);
  }
}

/** Everything a batch may change in one spreadsheet, kept to be put back when a later request fails. */
function snapshot(ss: SpreadsheetData, views: FilterViewData[]): () => FilterViewData[] {
  const sheets = ss.sheets.map((sheet) => {
    const fields: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(sheet))
      if (key !== 'book') fields[key] = structuredClone(value);
    return { sheet, fields };
  });
  const protections = ss.protections.map((p) => ({ p, copy: structuredClone({ ...p }) }));
  const nextProtectionId = ss.nextProtectionId;
  const savedViews = structuredClone(views);
  return () => {
    ss.sheets = sheets.map(({ sheet, fields }) => Object.assign(sheet, fields));
    ss.protections = protections.map(({ p, copy }) => Object.assign(p, copy));
    ss.nextProtectionId = nextProtectionId;
    return savedViews;
  };
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
      this.rt.call('Sheets.Spreadsheets.get', 'batch');
      const ss = this.sheets.get(spreadsheetId);
      const views = this.views.get(spreadsheetId) ?? [];
      return {
        sheets: ss.sheets.map((s) => {
          const own: GasFilterView[] = views
            .filter((v) => v.range.sheetId === s.id)
            .map((v) => ({ filterViewId: v.filterViewId, title: v.title }));
          const protectedRanges = ss.protections
            .filter((p) => !p.removed && p.sheetId === s.id)
            .map((p) => ({
              protectedRangeId: p.id,
              description: p.description,
              warningOnly: p.warningOnly,
              range: p.box
                ? {
                    sheetId: s.id,
                    startRowIndex: p.box.row - 1,
                    endRowIndex: p.box.row - 1 + p.box.rows,
                    startColumnIndex: p.box.col - 1,
                    endColumnIndex: p.box.col - 1 + p.box.cols,
                  }
                : { sheetId: s.id },
              editors: { users: [...new Set([ss.owner, ...p.editors])], domainUsersCanEdit: p.domainEdit },
            }));
          return {
            properties: { sheetId: s.id, title: s.name },
            ...(own.length > 0 ? { filterViews: own } : {}),
            ...(protectedRanges.length > 0 ? { protectedRanges } : {}),
          };
        }),
      };
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
      const views = [...(this.views.get(spreadsheetId) ?? [])];
      const restore = snapshot(ss, views);
      const firstViewId = this.nextId;
      const replies: SheetsBatchResponse['replies'] = [];
      const cellWrites: Array<() => void> = [];
      requests.forEach((request, i) => {
        const kinds = Object.keys(request);
        const kind = kinds[0] ?? '(empty)';
        try {
          if (kinds.length !== 1) throw new InvalidRequest('one kind of request per entry');
          if (isCellRequest(request)) {
            cellWrites.push(planCellRequest(this.rt, ss, request, `Invalid requests[${i}]`));
            replies.push({});
          } else replies.push(this.apply(ss, views, request));
        } catch (e) {
          this.views.set(spreadsheetId, restore());
          this.nextId = firstViewId;
          if (!(e instanceof InvalidRequest)) throw e;
          throw new Error(
            `API call to sheets.spreadsheets.batchUpdate failed with error: Invalid requests[${i}].${kind}: ${e.message}`,
          );
        }
      });
      for (const write of cellWrites) write();
      this.views.set(spreadsheetId, views);
      return { spreadsheetId, replies };
    },
  };

  private sheetOf(ss: SpreadsheetData, sheetId: number | null | undefined): SheetData {
    const sheet = ss.sheets.find((s) => s.id === (sheetId ?? 0));
    if (!sheet) throw new InvalidRequest(`No grid with id: ${String(sheetId)}`);
    return sheet;
  }

  /** A GridRange as a 1-based box; unbounded sides run to the grid's edges, which it may not pass. */
  private boxOf(ss: SpreadsheetData, range: GridRange | null | undefined): { sheet: SheetData; box: Box } {
    if (!range) throw new InvalidRequest('a range is required');
    const sheet = this.sheetOf(ss, range.sheetId);
    const r0 = range.startRowIndex ?? 0;
    const c0 = range.startColumnIndex ?? 0;
    const r1 = range.endRowIndex ?? sheet.maxRows;
    const c1 = range.endColumnIndex ?? sheet.maxColumns;
    if (r0 < 0 || c0 < 0 || r1 <= r0 || c1 <= c0)
      throw new InvalidRequest(`the range [${r0},${r1})×[${c0},${c1}) is empty or negative`);
    if (r1 > sheet.maxRows || c1 > sheet.maxColumns)
      throw new InvalidRequest(
        `Range exceeds grid limits. Max rows: ${sheet.maxRows}, max columns: ${sheet.maxColumns}`,
      );
    return { sheet, box: { row: r0 + 1, col: c0 + 1, rows: r1 - r0, cols: c1 - c0 } };
  }

  private apply(ss: SpreadsheetData, views: FilterViewData[], request: SheetsRequest): object {
    if (request.repeatCell) {
      const { range, cell, fields } = request.repeatCell;
      const { sheet, box } = this.boxOf(ss, range);
      if (!fields) throw new InvalidRequest('fields is required');
      const patch = formatPatch(cell?.userEnteredFormat ?? {}, formatFields(fields));
      for (let r = box.row; r < box.row + box.rows; r += 1)
        for (let c = box.col; c < box.col + box.cols; c += 1) sheet.setFormat(r, c, patch);
      return {};
    }
    if (request.updateDimensionProperties) {
      const { range, properties, fields } = request.updateDimensionProperties;
      if (!range || range.dimension !== 'COLUMNS')
        throw new InvalidRequest('the emulator models column dimensions only');
      const sheet = this.sheetOf(ss, range.sheetId);
      const start = range.startIndex ?? 0;
      const end = range.endIndex ?? sheet.maxColumns;
      if (start < 0 || end <= start || end > sheet.maxColumns)
        throw new InvalidRequest(
          `columns [${start},${end}) are outside the grid (${sheet.maxColumns} columns)`,
        );
      const masked = (fields ?? '').split(',').map((f) => f.trim());
      for (const f of masked)
        if (f !== 'pixelSize' && f !== 'hiddenByUser')
          throw new InvalidRequest(`the emulator does not model the field « ${f} »`);
      for (let col = start + 1; col <= end; col += 1) {
        if (masked.includes('pixelSize')) sheet.widths.set(col, properties?.pixelSize ?? 100);
        if (masked.includes('hiddenByUser'))
          if (properties?.hiddenByUser) sheet.hiddenColumns.add(col);
          else sheet.hiddenColumns.delete(col);
      }
      return {};
    }
    if (request.updateSheetProperties) {
      const { properties, fields } = request.updateSheetProperties;
      const sheet = this.sheetOf(ss, properties?.sheetId);
      for (const f of (fields ?? '').split(',').map((x) => x.trim()))
        switch (f) {
          case 'gridProperties.frozenRowCount':
            sheet.frozenRows = properties?.gridProperties?.frozenRowCount ?? 0;
            break;
          case 'gridProperties.frozenColumnCount':
            sheet.frozenColumns = properties?.gridProperties?.frozenColumnCount ?? 0;
            break;
          case 'hidden':
            if (properties?.hidden && ss.sheets.every((s) => s === sheet || s.hidden))
              throw new InvalidRequest("You can't hide all the sheets in a document.");
            sheet.hidden = properties?.hidden ?? false;
            break;
          default:
            throw new InvalidRequest(`the emulator does not model the field « ${f} »`);
        }
      return {};
    }
    if (request.mergeCells) {
      const { sheet, box } = this.boxOf(ss, request.mergeCells.range);
      if (request.mergeCells.mergeType !== 'MERGE_ALL')
        throw new InvalidRequest('the emulator models MERGE_ALL only');
      const overlaps = (m: Box) =>
        m.row < box.row + box.rows &&
        box.row < m.row + m.rows &&
        m.col < box.col + box.cols &&
        box.col < m.col + m.cols;
      const same = (m: Box) =>
        m.row === box.row && m.col === box.col && m.rows === box.rows && m.cols === box.cols;
      if (sheet.merges.some((m) => overlaps(m) && !same(m)))
        throw new InvalidRequest('You must select all cells in a merged range to merge or unmerge them.');
      if (!sheet.merges.some(same)) sheet.merges.push(box);
      return {};
    }
    if (request.setDataValidation) {
      const { sheet, box } = this.boxOf(ss, request.setDataValidation.range);
      const rule = validationOf(request.setDataValidation.rule);
      for (let r = box.row; r < box.row + box.rows; r += 1)
        for (let c = box.col; c < box.col + box.cols; c += 1)
          if (rule) sheet.validations.set(`${r}:${c}`, rule);
          else sheet.validations.delete(`${r}:${c}`);
      return {};
    }
    if (request.addProtectedRange)
      return { addProtectedRange: { protectedRange: this.protect(ss, request) } };
    if (request.addFilterView) {
      const filter = request.addFilterView.filter as Omit<FilterViewData, 'filterViewId'> | undefined;
      if (!filter) throw new InvalidRequest('a filter is required');
      const sheet = this.sheetOf(ss, filter.range.sheetId);
      const { startRowIndex, startColumnIndex, endColumnIndex } = filter.range;
      if (startRowIndex < 0 || startRowIndex >= sheet.maxRows || endColumnIndex > sheet.maxColumns)
        throw new InvalidRequest('the range is outside the grid');
      for (const spec of filter.filterSpecs)
        if (spec.columnIndex < startColumnIndex || spec.columnIndex >= endColumnIndex)
          throw new InvalidRequest(`column ${spec.columnIndex} is outside the filter's range`);
      const view: FilterViewData = { ...filter, filterViewId: (this.nextId += 1) };
      views.push(view);
      return { addFilterView: { filter: view } };
    }
    if (request.deleteFilterView) {
      const target = request.deleteFilterView.filterId;
      const at = views.findIndex((v) => v.filterViewId === target);
      if (at < 0) throw new InvalidRequest(`No filter with id: ${String(target)}`);
      views.splice(at, 1);
      return {};
    }
    throw new InvalidRequest(`the emulator does not model « ${Object.keys(request).join(', ')} » requests`);
  }

  private protect(ss: SpreadsheetData, request: SheetsRequest): object {
    const wanted = request.addProtectedRange?.protectedRange;
    if (!wanted?.range) throw new InvalidRequest('a protected range needs a range');
    if (wanted.protectedRangeId !== undefined && wanted.protectedRangeId !== null)
      throw new InvalidRequest('protectedRangeId is output only when adding');
    const whole =
      wanted.range.startRowIndex === undefined &&
      wanted.range.endRowIndex === undefined &&
      wanted.range.startColumnIndex === undefined &&
      wanted.range.endColumnIndex === undefined;
    const { sheet, box } = whole
      ? { sheet: this.sheetOf(ss, wanted.range.sheetId), box: null }
      : this.boxOf(ss, wanted.range);
    const users = wanted.editors?.users ?? [];
    if (wanted.warningOnly && (users.length > 0 || (wanted.editors?.groups ?? []).length > 0))
      throw new InvalidRequest('Editors are not supported with warningOnly protection');
    if ((wanted.editors?.groups ?? []).length > 0)
      throw new InvalidRequest('the emulator does not model groups');
    if (wanted.editors?.domainUsersCanEdit && this.sheets.workspaceDomain === null)
      throw new InvalidRequest('domainUsersCanEdit is only available for Google Workspace domains');
    try {
      this.sheets.checkAccounts(users);
    } catch (e) {
      throw new InvalidRequest(e instanceof Error ? e.message : String(e));
    }
    const data: ProtectionData = {
      id: (ss.nextProtectionId += 1),
      type: box === null ? 'SHEET' : 'RANGE',
      sheetId: sheet.id,
      box,
      description: wanted.description ?? '',
      // The owner can always edit; with editors given, nobody else is added (unlike SpreadsheetApp's protect(),
      // which starts from the file's editors).
      editors: new Set([ss.owner, ...users]),
      domainEdit: wanted.editors?.domainUsersCanEdit ?? false,
      warningOnly: wanted.warningOnly ?? false,
      removed: false,
    };
    ss.protections.push(data);
    return { ...wanted, protectedRangeId: data.id };
  }
}
