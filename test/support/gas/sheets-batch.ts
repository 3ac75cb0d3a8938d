// The one interpreter of Sheets API spreadsheets.batchUpdate, and the one spreadsheets.get, over the emulator's
// spreadsheet model (sheet-data.ts). Both façades use it: the advanced Sheets service of Apps Script
// (sheets-advanced.ts) and the REST endpoints (../google-api/fake-workspace.ts, on nock), so what a batch draws is
// what SpreadsheetApp reads back and what either API answers: tabs (addSheet, deleteSheet, updateSheetProperties),
// grid size (appendDimension, insertDimension) under the 10-million-cell limit, widths and hidden columns, merges,
// cell formats and number formats, data validations, protected ranges (add, update, delete), line charts,
// spreadsheet-level developer metadata, filter views, and cell writes (sheets-cells.ts).
// Strict like Google (Sheets API reference « Method: spreadsheets.batchUpdate »,
// https://developers.google.com/sheets/api/reference/rest/v4/spreadsheets/batchUpdate: « The requests will be
// validated before being applied. If any request is not valid then the entire request will fail and nothing will be
// applied »): a request of a kind the emulator does not model, a sheet, protection, chart or filter view that does
// not exist, a range outside the grid, a field mask naming a field it does not know, all fail the whole batch and the
// spreadsheet is left exactly as it was. Protected ranges: the owner is always an editor (as with SpreadsheetApp); an
// editor with no Google account fails the batch (assumed, stricter: Google documents the refusal for sharing only,
// see spreadsheet-app.ts); editors on a warning-only protection and domain editing outside a Workspace domain are
// refused (API reference « ProtectedRange »: « Editors are not supported with warningOnly protection »).
// Where the two former fakes disagreed, the stricter rule was kept: formats, merges and validations are checked
// against the grid and the modelled fields (the REST fake only recorded them); a chart's source ranges must lie in
// its own tab and be a LINE basic chart; insertDimension does not move protections, merges or charts (the REST fake
// did not either), so a batch relying on that is not modelled.
import type { sheets_v4 } from '@googleapis/sheets';
import type { SheetsRequest } from '../../../src/google/workbook-requests';
import type { Box } from './a1';
import type {
  CellFormat,
  ChartData,
  FilterViewData,
  ProtectionData,
  SheetData,
  SpreadsheetData,
  ValidationRule,
} from './sheet-data';
import { isCellRequest, planCellRequest } from './sheets-cells';
import type { SpreadsheetStore } from './spreadsheet-app';

/** A request the batch refuses: the whole batch fails with Google's « Invalid requests[i].kind: … ». */
export class InvalidRequest extends Error {}

/** A refused batch: which request, and why (an InvalidRequest, or the model's own error such as the cell limit). */
export class BatchRefused extends Error {
  constructor(
    readonly index: number,
    readonly kind: string,
    readonly reason: Error,
  ) {
    // A cell write's check already names its request.
    super(
      reason.message.startsWith('Invalid requests[')
        ? reason.message
        : `Invalid requests[${index}].${kind}: ${reason.message}`,
    );
  }
}

type GridRange = NonNullable<NonNullable<SheetsRequest['mergeCells']>['range']>;
type CellFormatApi = NonNullable<
  NonNullable<NonNullable<SheetsRequest['repeatCell']>['cell']>['userEnteredFormat']
>;
type ColorStyle = NonNullable<CellFormatApi['backgroundColorStyle']>;

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

/** Which sides of a GridRange are unbounded (no end index). */
function openSides(range: sheets_v4.Schema$GridRange): { rows: boolean; cols: boolean } {
  return {
    rows: range.endRowIndex === undefined || range.endRowIndex === null,
    cols: range.endColumnIndex === undefined || range.endColumnIndex === null,
  };
}

/** Everything a batch may change in one spreadsheet, kept to be put back when a later request fails. */
function snapshot(ss: SpreadsheetData): () => void {
  const sheets = ss.sheets.map((sheet) => {
    const fields: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(sheet))
      if (key !== 'book') fields[key] = structuredClone(value);
    return { sheet, fields };
  });
  const protections = ss.protections.map((p) => ({ p, copy: structuredClone({ ...p }) }));
  const counters = {
    nextProtectionId: ss.nextProtectionId,
    nextSheetId: ss.nextSheetId,
    nextChartId: ss.nextChartId,
    nextMetadataId: ss.nextMetadataId,
    nextFilterViewId: ss.nextFilterViewId,
  };
  const metadata = structuredClone(ss.developerMetadata);
  const views = structuredClone(ss.filterViews);
  return () => {
    ss.sheets = sheets.map(({ sheet, fields }) => Object.assign(sheet, fields));
    ss.protections = protections.map(({ p, copy }) => Object.assign(p, copy));
    Object.assign(ss, counters);
    ss.developerMetadata = metadata;
    ss.filterViews = views;
  };
}

/** A protection's range as the API reports it: unbounded sides left out. */
function protectedGridRange(p: ProtectionData): sheets_v4.Schema$GridRange {
  if (!p.box) return { sheetId: p.sheetId };
  return {
    sheetId: p.sheetId,
    startRowIndex: p.box.row - 1,
    ...(p.open?.rows ? {} : { endRowIndex: p.box.row - 1 + p.box.rows }),
    startColumnIndex: p.box.col - 1,
    ...(p.open?.cols ? {} : { endColumnIndex: p.box.col - 1 + p.box.cols }),
  };
}

function boxRange(sheetId: number, b: Box): sheets_v4.Schema$GridRange {
  return {
    sheetId,
    startRowIndex: b.row - 1,
    endRowIndex: b.row - 1 + b.rows,
    startColumnIndex: b.col - 1,
    endColumnIndex: b.col - 1 + b.cols,
  };
}

/** A line chart of the model as the API describes it (the first range is the domain, the others the series). */
function chartOf(sheetId: number, c: ChartData): sheets_v4.Schema$EmbeddedChart {
  const [domain, ...series] = c.ranges;
  return {
    chartId: c.id,
    spec: {
      title: c.title,
      basicChart: {
        chartType: 'LINE',
        headerCount: c.numHeaders,
        domains: domain ? [{ domain: { sourceRange: { sources: [boxRange(sheetId, domain)] } } }] : [],
        series: series.map((s) => ({ series: { sourceRange: { sources: [boxRange(sheetId, s)] } } })),
      },
    },
    position: {
      overlayPosition: {
        anchorCell: { sheetId, rowIndex: c.position.row - 1, columnIndex: c.position.col - 1 },
      },
    },
  };
}

/** spreadsheets.get: tabs with their properties, protected ranges, charts and filter views; developer metadata. */
export function describeSpreadsheet(ss: SpreadsheetData): sheets_v4.Schema$Spreadsheet {
  return {
    spreadsheetId: ss.id,
    spreadsheetUrl: ss.url,
    properties: { title: ss.name, locale: ss.locale, timeZone: ss.timeZone },
    sheets: ss.sheets.map((s, index) => {
      const views = ss.filterViews
        .filter((v) => v.range.sheetId === s.id)
        .map((v) => ({ filterViewId: v.filterViewId, title: v.title }));
      const protectedRanges = ss.protections
        .filter((p) => !p.removed && p.sheetId === s.id)
        .map((p) => ({
          protectedRangeId: p.id,
          description: p.description,
          warningOnly: p.warningOnly,
          range: protectedGridRange(p),
          editors: { users: [...new Set([ss.owner, ...p.editors])], domainUsersCanEdit: p.domainEdit },
        }));
      // Google leaves out what is at its default (not hidden, no frozen rows).
      return {
        properties: {
          sheetId: s.id,
          title: s.name,
          index,
          ...(s.hidden ? { hidden: true } : {}),
          gridProperties: {
            rowCount: s.maxRows,
            columnCount: s.maxColumns,
            ...(s.frozenRows > 0 ? { frozenRowCount: s.frozenRows } : {}),
            ...(s.frozenColumns > 0 ? { frozenColumnCount: s.frozenColumns } : {}),
          },
        },
        ...(views.length > 0 ? { filterViews: views } : {}),
        ...(protectedRanges.length > 0 ? { protectedRanges } : {}),
        ...(s.charts.length > 0 ? { charts: s.charts.map((c) => chartOf(s.id, c)) } : {}),
      };
    }),
    ...(ss.developerMetadata.length > 0 ? { developerMetadata: ss.developerMetadata } : {}),
  };
}

/** Runs `fn`, turning the model's own refusals (a duplicate tab name, the cell limit) into an invalid request. */
function modelled<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof InvalidRequest) throw e;
    throw new InvalidRequest(e instanceof Error ? e.message : String(e));
  }
}

export class SheetsBatch {
  constructor(private readonly store: SpreadsheetStore) {}

  /**
   * Applies a batch as `user` (whose protections apply to cell writes): every request checked in order, cell writes
   * applied once all are valid; on any refusal the spreadsheet is put back as it was and BatchRefused is thrown.
   */
  apply(ss: SpreadsheetData, requests: readonly SheetsRequest[], user: string): object[] {
    const restore = snapshot(ss);
    const replies: object[] = [];
    const cellWrites: Array<() => void> = [];
    requests.forEach((request, i) => {
      const kinds = Object.keys(request);
      const kind = kinds[0] ?? '(empty)';
      try {
        if (kinds.length !== 1) throw new InvalidRequest('one kind of request per entry');
        if (isCellRequest(request)) {
          cellWrites.push(planCellRequest(user, ss, request, `Invalid requests[${i}]`));
          replies.push({});
        } else replies.push(this.applyOne(ss, request));
      } catch (e) {
        restore();
        throw new BatchRefused(i, kind, e instanceof Error ? e : new Error(String(e)));
      }
    });
    for (const write of cellWrites) write();
    return replies;
  }

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

  private applyOne(ss: SpreadsheetData, request: SheetsRequest): object {
    const views = ss.filterViews;
    const structural = this.structure(ss, request);
    if (structural) return structural;
    if (request.repeatCell) {
      const { range, cell, fields } = request.repeatCell;
      const { sheet, box } = this.boxOf(ss, range);
      if (!fields) throw new InvalidRequest('fields is required');
      if (fields === 'userEnteredFormat') {
        // The whole format: an empty one clears every cell of the range (back to the defaults).
        if (Object.keys(cell?.userEnteredFormat ?? {}).length > 0)
          throw new InvalidRequest('the emulator sets the whole userEnteredFormat only to clear it');
        for (const key of [...sheet.formats.keys()]) {
          const [r, c] = key.split(':').map(Number) as [number, number];
          if (r >= box.row && r < box.row + box.rows && c >= box.col && c < box.col + box.cols)
            sheet.formats.delete(key);
        }
        return {};
      }
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
          case 'title': {
            // A tab is renamed by updateSheetProperties with the field `title` (« Update spreadsheets »,
            // https://developers.google.com/sheets/api/guides/batchupdate). Tab names are unique regardless of case
            // (« trying to create 2 sheets with the same name but different cases fails, whether you do it from the
            // spreadsheet UI or the API », socialpoint-labs/sheetfu#26; Google's reference is silent): refused here
            // case-insensitively, the stricter reading.
            const title = properties?.title ?? '';
            if (title.trim() === '') throw new InvalidRequest('a sheet name cannot be empty');
            if (ss.sheets.some((s) => s !== sheet && s.name.toLowerCase() === title.toLowerCase()))
              throw new InvalidRequest(
                `A sheet with the name "${title}" already exists. Please enter another name.`,
              );
            sheet.name = title;
            break;
          }
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
      const view: FilterViewData = { ...filter, filterViewId: (ss.nextFilterViewId += 1) };
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
    if (wanted.editors?.domainUsersCanEdit && this.store.workspaceDomain === null)
      throw new InvalidRequest('domainUsersCanEdit is only available for Google Workspace domains');
    modelled(() => this.store.checkAccounts(users));
    const data: ProtectionData = {
      id: (ss.nextProtectionId += 1),
      type: box === null ? 'SHEET' : 'RANGE',
      sheetId: sheet.id,
      box,
      open: openSides(wanted.range),
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

  /** Tabs, grid size, protections kept up to date, charts and developer metadata; null for other kinds. */
  private structure(ss: SpreadsheetData, request: SheetsRequest): object | null {
    if (request.addSheet) {
      const p = request.addSheet.properties ?? {};
      for (const key of Object.keys(p))
        if (!['sheetId', 'title', 'index', 'hidden', 'gridProperties'].includes(key))
          throw new InvalidRequest(`the emulator does not model the sheet property « ${key} »`);
      const grid = p.gridProperties ?? {};
      for (const key of Object.keys(grid))
        if (!['rowCount', 'columnCount', 'frozenRowCount', 'frozenColumnCount'].includes(key))
          throw new InvalidRequest(`the emulator does not model the grid property « ${key} »`);
      const title = p.title ?? `Feuille ${ss.sheets.length + 1}`;
      const index = Math.min(p.index ?? ss.sheets.length, ss.sheets.length);
      // A new tab is 1000 × 26 unless the request says otherwise.
      const sheet = modelled(() =>
        ss.addSheet(
          title,
          index,
          grid.rowCount ?? undefined,
          grid.columnCount ?? undefined,
          p.sheetId ?? undefined,
        ),
      );
      sheet.frozenRows = grid.frozenRowCount ?? 0;
      sheet.frozenColumns = grid.frozenColumnCount ?? 0;
      if (sheet.frozenRows > sheet.maxRows || sheet.frozenColumns > sheet.maxColumns)
        throw new InvalidRequest('frozen rows or columns beyond the grid');
      sheet.hidden = p.hidden ?? false;
      if (sheet.hidden && ss.sheets.every((s) => s.hidden))
        throw new InvalidRequest("You can't hide all the sheets in a document.");
      const described = describeSpreadsheet(ss).sheets?.find((s) => s.properties?.sheetId === sheet.id);
      return { addSheet: { properties: described?.properties } };
    }
    if (request.deleteSheet) {
      const sheet = this.sheetOf(ss, request.deleteSheet.sheetId);
      if (ss.sheets.length === 1) throw new InvalidRequest("You can't remove all the sheets in a document.");
      ss.sheets = ss.sheets.filter((s) => s !== sheet);
      if (ss.sheets.every((s) => s.hidden))
        throw new InvalidRequest("You can't hide all the sheets in a document.");
      for (const p of ss.protections) if (p.sheetId === sheet.id) p.removed = true;
      ss.filterViews = ss.filterViews.filter((v) => v.range.sheetId !== sheet.id);
      return {};
    }
    if (request.appendDimension) {
      const { sheetId, dimension, length } = request.appendDimension;
      const sheet = this.sheetOf(ss, sheetId);
      if (!length || length < 1) throw new InvalidRequest('length must be at least 1');
      if (dimension === 'ROWS') modelled(() => sheet.growTo(sheet.maxRows + length, sheet.maxColumns));
      else if (dimension === 'COLUMNS')
        modelled(() => sheet.growTo(sheet.maxRows, sheet.maxColumns + length));
      else throw new InvalidRequest('dimension must be ROWS or COLUMNS');
      return {};
    }
    if (request.insertDimension) {
      const range = request.insertDimension.range ?? {};
      const sheet = this.sheetOf(ss, range.sheetId);
      const start = range.startIndex ?? 0;
      const count = (range.endIndex ?? start) - start;
      if (count < 1) throw new InvalidRequest('the range to insert is empty');
      if (range.dimension === 'ROWS') {
        if (start > sheet.maxRows) throw new InvalidRequest('out of grid');
        modelled(() => sheet.insertRows(start, count));
      } else if (range.dimension === 'COLUMNS') {
        if (start > sheet.maxColumns) throw new InvalidRequest('out of grid');
        modelled(() => sheet.insertColumns(start, count));
      } else throw new InvalidRequest('dimension must be ROWS or COLUMNS');
      return {};
    }
    if (request.updateProtectedRange) return this.updateProtection(ss, request.updateProtectedRange);
    if (request.deleteProtectedRange) {
      const id = request.deleteProtectedRange.protectedRangeId;
      const target = ss.protections.find((p) => !p.removed && p.id === id);
      if (!target) throw new InvalidRequest(`No protected range with id: ${String(id)}`);
      target.removed = true;
      return {};
    }
    if (request.addChart) {
      const chart = request.addChart.chart ?? {};
      if (chart.chartId !== undefined && chart.chartId !== null)
        throw new InvalidRequest('the emulator makes up chart ids');
      const sheetId = chart.position?.overlayPosition?.anchorCell?.sheetId;
      const sheet = this.sheetOf(ss, sheetId);
      const anchor = chart.position?.overlayPosition?.anchorCell ?? {};
      const data: ChartData = {
        id: (ss.nextChartId += 1),
        ...this.chartSpec(ss, sheet, chart.spec),
        position: { row: (anchor.rowIndex ?? 0) + 1, col: (anchor.columnIndex ?? 0) + 1 },
      };
      sheet.charts.push(data);
      return { addChart: { chart: chartOf(sheet.id, data) } };
    }
    if (request.updateChartSpec) {
      const id = request.updateChartSpec.chartId;
      const sheet = ss.sheets.find((s) => s.charts.some((c) => c.id === id));
      const chart = sheet?.charts.find((c) => c.id === id);
      if (!sheet || !chart) throw new InvalidRequest(`No chart with id: ${String(id)}`);
      Object.assign(chart, this.chartSpec(ss, sheet, request.updateChartSpec.spec));
      return {};
    }
    if (request.createDeveloperMetadata) {
      const m = request.createDeveloperMetadata.developerMetadata ?? {};
      if (!m.metadataKey || !m.location?.spreadsheet)
        throw new InvalidRequest('the emulator models spreadsheet-level metadata with a key only');
      if (m.metadataId !== undefined && ss.developerMetadata.some((x) => x.metadataId === m.metadataId))
        throw new InvalidRequest(`Developer metadata with id ${String(m.metadataId)} already exists`);
      const created = { ...m, metadataId: m.metadataId ?? (ss.nextMetadataId += 1) };
      ss.developerMetadata.push(created);
      return { createDeveloperMetadata: { developerMetadata: created } };
    }
    if (request.deleteDeveloperMetadata) {
      const lookup = request.deleteDeveloperMetadata.dataFilter?.developerMetadataLookup ?? {};
      if (Object.keys(lookup).some((k) => k !== 'metadataId'))
        throw new InvalidRequest('the emulator looks metadata up by id only');
      const deleted = ss.developerMetadata.filter((x) => x.metadataId === lookup.metadataId);
      ss.developerMetadata = ss.developerMetadata.filter((x) => x.metadataId !== lookup.metadataId);
      return { deleteDeveloperMetadata: { deletedDeveloperMetadata: deleted } };
    }
    return null;
  }

  /** A LINE basic chart's title, headers and ranges (domain first), all on the chart's own tab. */
  private chartSpec(
    ss: SpreadsheetData,
    sheet: SheetData,
    spec: NonNullable<NonNullable<SheetsRequest['addChart']>['chart']>['spec'],
  ): Pick<ChartData, 'type' | 'title' | 'ranges' | 'numHeaders'> {
    const basic = spec?.basicChart;
    if (!basic || basic.chartType !== 'LINE')
      throw new InvalidRequest('the emulator models LINE basic charts only');
    const sources = [
      ...(basic.domains ?? []).flatMap((d) => d.domain?.sourceRange?.sources ?? []),
      ...(basic.series ?? []).flatMap((s) => s.series?.sourceRange?.sources ?? []),
    ];
    const ranges = sources.map((r) => {
      const { sheet: at, box } = this.boxOf(ss, r);
      if (at !== sheet)
        throw new InvalidRequest("the emulator models charts over their own tab's cells only");
      return box;
    });
    return { type: 'line', title: spec?.title ?? '', ranges, numHeaders: basic.headerCount ?? 0 };
  }

  private updateProtection(
    ss: SpreadsheetData,
    update: NonNullable<SheetsRequest['updateProtectedRange']>,
  ): object {
    const change = update.protectedRange ?? {};
    const target = ss.protections.find((p) => !p.removed && p.id === change.protectedRangeId);
    if (!target) throw new InvalidRequest(`No protected range with id: ${String(change.protectedRangeId)}`);
    const fields = (update.fields ?? '').split(',').map((f) => f.trim());
    for (const field of fields)
      switch (field) {
        case 'range': {
          const range = change.range;
          if (!range) throw new InvalidRequest('a protected range needs a range');
          if ((range.sheetId ?? 0) !== target.sheetId)
            throw new InvalidRequest('the emulator does not move a protection between tabs');
          const whole = [
            range.startRowIndex,
            range.endRowIndex,
            range.startColumnIndex,
            range.endColumnIndex,
          ].every((x) => x === undefined || x === null);
          target.box = whole ? null : this.boxOf(ss, range).box;
          target.type = whole ? 'SHEET' : 'RANGE';
          target.open = openSides(range);
          break;
        }
        case 'editors': {
          const users = change.editors?.users ?? [];
          if ((change.editors?.groups ?? []).length > 0)
            throw new InvalidRequest('the emulator does not model groups');
          if (change.editors?.domainUsersCanEdit && this.store.workspaceDomain === null)
            throw new InvalidRequest('domainUsersCanEdit is only available for Google Workspace domains');
          modelled(() => this.store.checkAccounts(users));
          target.editors = new Set([ss.owner, ...users]);
          target.domainEdit = change.editors?.domainUsersCanEdit ?? false;
          break;
        }
        case 'warningOnly':
          target.warningOnly = change.warningOnly ?? false;
          break;
        case 'description':
          target.description = change.description ?? '';
          break;
        default:
          throw new InvalidRequest(`the emulator does not model the field « ${field} »`);
      }
    if (target.warningOnly && [...target.editors].some((e) => e !== ss.owner))
      throw new InvalidRequest('Editors are not supported with warningOnly protection');
    return {};
  }
}
