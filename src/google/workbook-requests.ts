// Draws the workbook model as Sheets API requests for ONE spreadsheets.batchUpdate: tabs with frozen panes, widths,
// merges, colours, number formats, validations, protected ranges (editors from the protection plan) and charts.
// Pure: every label, colour and order comes from the model; nothing here decides one.
import type { sheets_v4 } from '@googleapis/sheets';
import type { ProtectionSpec } from '../domain/workbook/protection-plan';
import type {
  CellRule,
  ChartSpec,
  ColumnFormat,
  Rect,
  SheetModel,
  Style,
  WorkbookModel,
} from '../domain/workbook/sheet-model';
import { columnLetter } from '../domain/workbook/a1';
import { frWorkbookLayout } from './messages';
import { RETEX_DATA_PROTECTION, RETEX_DATA_SHEET } from './workbook-layout';

/** The hidden tab where the CLI keeps its records as JSON (see data-tab.ts); not part of the workbook model. */
export const DATA_SHEET = 'Données';
export const DATA_SHEET_PROTECTION = `suivi-mes:${DATA_SHEET}:owner`;

/** Room left below the data when a tab is created, so appends rarely need to grow the grid. */
export const SPARE_ROWS = 500;

/** The client library's types with their `null`s taken out (Apps Script's own types have none). */
type Defined<T> =
  T extends Array<infer U>
    ? Array<Defined<U>>
    : T extends object
      ? { [K in keyof T]: Defined<Exclude<T[K], null>> }
      : T;

/**
 * One request of a spreadsheets.batchUpdate: what the REST client sends and Apps Script's advanced service takes
 * (both accept it: the builders below never write `null`).
 */
export type SheetsRequest = Defined<sheets_v4.Schema$Request>;

type Rgb = Defined<sheets_v4.Schema$Color>;

export function rgb(hex: string): Rgb {
  const n = Number.parseInt(hex.slice(1), 16);
  const c = (shift: number) => Math.round((((n >> shift) & 255) / 255) * 1000) / 1000;
  return { red: c(16), green: c(8), blue: c(0) };
}

export function gridRange(sheetId: number, rect: Rect): Defined<sheets_v4.Schema$GridRange> {
  const range: Defined<sheets_v4.Schema$GridRange> = {
    sheetId,
    startRowIndex: rect.row,
    startColumnIndex: rect.col,
    endColumnIndex: rect.col + rect.cols,
  };
  if (rect.rows !== null) range.endRowIndex = rect.row + rect.rows;
  return range;
}

const H_ALIGN = { left: 'LEFT', center: 'CENTER', right: 'RIGHT' } as const;
const V_ALIGN = { top: 'TOP', middle: 'MIDDLE' } as const;

export function formatRequest(sheetId: number, rect: Rect, style: Style): SheetsRequest {
  const format: Defined<sheets_v4.Schema$CellFormat> = {};
  const fields: string[] = [];
  const text: Defined<sheets_v4.Schema$TextFormat> = {};
  if (style.fill !== undefined) {
    format.backgroundColorStyle = { rgbColor: rgb(style.fill) };
    fields.push('backgroundColorStyle');
  }
  if (style.bold !== undefined) {
    text.bold = style.bold;
    fields.push('textFormat.bold');
  }
  if (style.italic !== undefined) {
    text.italic = style.italic;
    fields.push('textFormat.italic');
  }
  if (style.fontSize !== undefined) {
    text.fontSize = style.fontSize;
    fields.push('textFormat.fontSize');
  }
  if (style.fontColor !== undefined) {
    text.foregroundColorStyle = { rgbColor: rgb(style.fontColor) };
    fields.push('textFormat.foregroundColorStyle');
  }
  if (Object.keys(text).length > 0) format.textFormat = text;
  if (style.wrap !== undefined) {
    format.wrapStrategy = style.wrap ? 'WRAP' : 'OVERFLOW_CELL';
    fields.push('wrapStrategy');
  }
  if (style.hAlign !== undefined) {
    format.horizontalAlignment = H_ALIGN[style.hAlign];
    fields.push('horizontalAlignment');
  }
  if (style.vAlign !== undefined) {
    format.verticalAlignment = V_ALIGN[style.vAlign];
    fields.push('verticalAlignment');
  }
  return {
    repeatCell: {
      range: gridRange(sheetId, rect),
      cell: { userEnteredFormat: format },
      fields: `userEnteredFormat(${fields.join(',')})`,
    },
  };
}

/**
 * Each column format's number format, the one list both Google runtimes use. Text is « @ » (plain text): what a
 * person types in the Sheets UI stays as typed (« 01 », « 0612345678 ») instead of becoming a number.
 */
export const NUMBER_FORMATS: Readonly<
  Record<ColumnFormat, Defined<sheets_v4.Schema$NumberFormat> & { pattern: string }>
> = {
  integer: { type: 'NUMBER', pattern: '0' },
  date: { type: 'DATE', pattern: 'dd/MM/yyyy' },
  datetime: { type: 'DATE_TIME', pattern: 'dd/MM/yyyy HH:mm' },
  text: { type: 'TEXT', pattern: '@' },
};

export function validationRule(rule: CellRule, rect: Rect): Defined<sheets_v4.Schema$DataValidationRule> {
  switch (rule.kind) {
    case 'list':
      return {
        condition: { type: 'ONE_OF_LIST', values: rule.values.map((v) => ({ userEnteredValue: v })) },
        strict: true,
        showCustomUi: true,
      };
    case 'integer': {
      // Relative to the rectangle's top-left cell: whole number within the column's bounds.
      const cell = `${columnLetter(rect.col)}${rect.row + 1}`;
      return {
        condition: {
          type: 'CUSTOM_FORMULA',
          values: [
            {
              userEnteredValue: `=AND(ISNUMBER(${cell}),${cell}>=${rule.min},${cell}<=${rule.max},${cell}=INT(${cell}))`,
            },
          ],
        },
        strict: true,
        inputMessage: `Nombre entier entre ${rule.min} et ${rule.max}`,
      };
    }
    case 'date':
      return { condition: { type: 'DATE_IS_VALID' }, strict: true, inputMessage: 'Date JJ/MM/AAAA' };
  }
}

function chartRequest(
  sheetId: number,
  chart: ChartSpec,
  chartId?: number,
): Defined<sheets_v4.Schema$EmbeddedChart> {
  return {
    chartId,
    spec: {
      title: chart.title,
      basicChart: {
        chartType: 'LINE',
        legendPosition: 'BOTTOM_LEGEND',
        headerCount: 1,
        domains: [{ domain: { sourceRange: { sources: [gridRange(sheetId, chart.domain)] } } }],
        series: chart.series.map((s) => ({
          series: { sourceRange: { sources: [gridRange(sheetId, s)] } },
          targetAxis: 'LEFT_AXIS',
        })),
      },
    },
    position: {
      overlayPosition: {
        anchorCell: { sheetId, rowIndex: chart.anchor.row, columnIndex: chart.anchor.col },
        widthPixels: 720,
        heightPixels: 400,
      },
    },
  };
}

export function addChartRequest(sheetId: number, chart: ChartSpec): SheetsRequest {
  return { addChart: { chart: chartRequest(sheetId, chart) } };
}

export function updateChartRequest(sheetId: number, chart: ChartSpec, chartId: number): SheetsRequest {
  return { updateChartSpec: { chartId, spec: chartRequest(sheetId, chart).spec } };
}

export function rowCountFor(sheet: SheetModel): number {
  return sheet.header.length + sheet.rows.length + SPARE_ROWS;
}

/** The tab itself: title, position, size, frozen panes, visibility. */
export function addSheetRequest(sheet: SheetModel, sheetId: number, index: number): SheetsRequest {
  return {
    addSheet: {
      properties: {
        sheetId,
        title: sheet.name,
        index,
        hidden: sheet.hidden,
        gridProperties: {
          rowCount: rowCountFor(sheet),
          columnCount: Math.max(sheet.columns.length, 1),
          frozenRowCount: sheet.frozen.rows,
          frozenColumnCount: sheet.frozen.columns,
        },
      },
    },
  };
}

/** A column's width and whether it is hidden (a model column, or one a runtime adds on the right). */
export interface ColumnLayout {
  width: number;
  hidden: boolean;
}

/** Widths and hidden columns, one request per column, from the first column on. */
export function columnRequests(sheetId: number, columns: readonly ColumnLayout[]): SheetsRequest[] {
  return columns.map((c, i) => ({
    updateDimensionProperties: {
      range: { sheetId, dimension: 'COLUMNS', startIndex: i, endIndex: i + 1 },
      properties: { pixelSize: c.width, hiddenByUser: c.hidden },
      fields: 'pixelSize,hiddenByUser',
    },
  }));
}

/** One column's width (1-based column), its visibility left as it is. */
export function widthRequest(sheetId: number, col: number, width: number): SheetsRequest {
  return {
    updateDimensionProperties: {
      range: { sheetId, dimension: 'COLUMNS', startIndex: col - 1, endIndex: col },
      properties: { pixelSize: width },
      fields: 'pixelSize',
    },
  };
}

/** Hides `count` columns from a 1-based column on. */
export function hideColumnsRequest(sheetId: number, col: number, count: number): SheetsRequest {
  return {
    updateDimensionProperties: {
      range: { sheetId, dimension: 'COLUMNS', startIndex: col - 1, endIndex: col - 1 + count },
      properties: { hiddenByUser: true },
      fields: 'hiddenByUser',
    },
  };
}

/** One number format over a rectangle (`NUMBER_FORMATS`). */
export function numberFormatRequest(
  sheetId: number,
  rect: Rect,
  format: Defined<sheets_v4.Schema$NumberFormat>,
): SheetsRequest {
  return {
    repeatCell: {
      range: gridRange(sheetId, rect),
      cell: { userEnteredFormat: { numberFormat: format } },
      fields: 'userEnteredFormat.numberFormat',
    },
  };
}

/**
 * Each model column's number format below the header, down to the end of the sheet. `withText`: also the plain-text
 * format of text columns (Apps Script writes user-entered values, which Sheets would otherwise parse).
 */
export function numberFormatRequests(sheet: SheetModel, sheetId: number, withText: boolean): SheetsRequest[] {
  return sheet.columns.flatMap((c, i) =>
    c.format === 'text' && !withText
      ? []
      : [
          numberFormatRequest(
            sheetId,
            { row: sheet.header.length, col: i, rows: null, cols: 1 },
            NUMBER_FORMATS[c.format],
          ),
        ],
  );
}

/** Merges, styles and validations of the model, in that order (a later style overrides an earlier one). */
export function layoutRequests(sheet: SheetModel, sheetId: number): SheetsRequest[] {
  const requests: SheetsRequest[] = [];
  for (const m of sheet.merges)
    requests.push({ mergeCells: { range: gridRange(sheetId, m), mergeType: 'MERGE_ALL' } });
  for (const s of sheet.styles) requests.push(formatRequest(sheetId, s.rect, s.style));
  for (const v of sheet.validations)
    requests.push({
      setDataValidation: { range: gridRange(sheetId, v.rect), rule: validationRule(v.rule, v.rect) },
    });
  return requests;
}

/** Frozen panes, visibility or name of an existing tab (a new one gets them in its addSheet). */
export function sheetPropertiesRequest(
  sheetId: number,
  properties: { frozenRows?: number; frozenColumns?: number; hidden?: boolean; title?: string },
): SheetsRequest {
  const gridProperties: Defined<sheets_v4.Schema$GridProperties> = {};
  const fields: string[] = [];
  if (properties.frozenRows !== undefined) {
    gridProperties.frozenRowCount = properties.frozenRows;
    fields.push('gridProperties.frozenRowCount');
  }
  if (properties.frozenColumns !== undefined) {
    gridProperties.frozenColumnCount = properties.frozenColumns;
    fields.push('gridProperties.frozenColumnCount');
  }
  if (properties.hidden !== undefined) fields.push('hidden');
  if (properties.title !== undefined) fields.push('title');
  return {
    updateSheetProperties: {
      properties: {
        sheetId,
        ...(fields.some((f) => f.startsWith('grid')) ? { gridProperties } : {}),
        ...(properties.hidden !== undefined ? { hidden: properties.hidden } : {}),
        ...(properties.title !== undefined ? { title: properties.title } : {}),
      },
      fields: fields.join(','),
    },
  };
}

/** Everything drawn on one existing tab: widths, hidden columns, merges, styles, formats, validations, charts. */
export function sheetDrawingRequests(sheet: SheetModel, sheetId: number): SheetsRequest[] {
  return [
    ...columnRequests(sheetId, sheet.columns),
    ...numberFormatRequests(sheet, sheetId, false),
    ...layoutRequests(sheet, sheetId),
    ...sheet.charts.map((chart) => addChartRequest(sheetId, chart)),
  ];
}

/**
 * A protection of the plan. The account running the CLI is always an editor (Google keeps the owner anyway):
 * without it a later run could not write the cells it maintains.
 */
export function protectionRequest(
  spec: Pick<ProtectionSpec, 'rect' | 'editors' | 'description'>,
  sheetId: number,
  adminEmail: string | undefined,
): SheetsRequest {
  const users = [...new Set([...(adminEmail ? [adminEmail] : []), ...spec.editors])];
  return {
    addProtectedRange: {
      protectedRange: {
        range: spec.rect ? gridRange(sheetId, spec.rect) : { sheetId },
        description: spec.description,
        warningOnly: false,
        editors: { users, groups: [], domainUsersCanEdit: false },
      },
    },
  };
}

export interface SheetIds {
  /** Sheet id of each tab by title. */
  byName: ReadonlyMap<string, number>;
}

/** Deterministic ids for a fresh install: 1… in the model's order, the data tab after them. */
export function freshSheetIds(workbook: WorkbookModel): Map<string, number> {
  const ids = new Map(workbook.sheets.map((s, i) => [s.name as string, i + 1]));
  ids.set(DATA_SHEET, workbook.sheets.length + 1);
  return ids;
}

/** The hidden records tab: three text columns (kind, key, JSON), protected for the owner only. */
export function dataSheetRequests(
  sheetId: number,
  index: number,
  adminEmail: string | undefined,
): SheetsRequest[] {
  return [
    {
      addSheet: {
        properties: {
          sheetId,
          title: DATA_SHEET,
          index,
          hidden: true,
          gridProperties: { rowCount: 1 + SPARE_ROWS, columnCount: 3, frozenRowCount: 1 },
        },
      },
    },
    protectionRequest({ rect: null, editors: [], description: DATA_SHEET_PROTECTION }, sheetId, adminEmail),
  ];
}

/** « RETEX (données) » is written by suivi-mes only: owner-only, as both runtimes protect it. */
export const retexDataProtection = {
  sheet: RETEX_DATA_SHEET,
  rect: null,
  editors: [] as string[],
  description: RETEX_DATA_PROTECTION,
};

/** The hidden records tab « RETEX (données) »: frozen header, hidden (both runtimes draw it so). */
export const retexDataSheetProperties = { frozenRows: 1, hidden: true } as const;

/**
 * « RETEX (données) » made by one batch: the hidden tab (its header written with the values), and its owner-only
 * protection when `protect` (install, which knows the account to keep as an editor; a flush leaves that to the next
 * install).
 */
export function retexDataSheetRequests(
  sheetId: number,
  index: number,
  protect: { adminEmail: string | undefined } | null,
): SheetsRequest[] {
  return [
    {
      addSheet: {
        properties: {
          sheetId,
          title: RETEX_DATA_SHEET,
          index,
          hidden: retexDataSheetProperties.hidden,
          gridProperties: {
            rowCount: 1 + SPARE_ROWS,
            columnCount: frWorkbookLayout.recordsTabHeader.length,
            frozenRowCount: retexDataSheetProperties.frozenRows,
          },
        },
      },
    },
    ...(protect ? [protectionRequest(retexDataProtection, sheetId, protect.adminEmail)] : []),
  ];
}

const PROTECTION_PREFIX = 'suivi-mes:';

type Bounds = Pick<
  sheets_v4.Schema$GridRange,
  'sheetId' | 'startRowIndex' | 'endRowIndex' | 'startColumnIndex' | 'endColumnIndex'
>;

function boundsKey(range: Bounds | undefined): string {
  const r = range ?? {};
  return JSON.stringify([
    r.sheetId ?? 0,
    r.startRowIndex,
    r.endRowIndex,
    r.startColumnIndex,
    r.endColumnIndex,
  ]);
}

function editorsKey(users: readonly string[] | null | undefined, adminEmail: string | undefined): string {
  const set = new Set((users ?? []).map((u) => u.toLowerCase()));
  if (adminEmail) set.add(adminEmail.toLowerCase());
  return [...set].sort().join(' ');
}

/**
 * The requests that bring an existing workbook's protections in line with the plan (role e-mails changed in the
 * configuration, a protection deleted or widened by hand): a missing one is added, one whose editors or range
 * differ is updated, one of ours no longer planned is deleted. Protections made by others are left alone. The
 * account running the CLI counts as an editor on both sides (Google may list the owner itself).
 */
export function protectionReconcileRequests(
  existing: readonly sheets_v4.Schema$Sheet[],
  planned: ReadonlyArray<Pick<ProtectionSpec, 'rect' | 'editors' | 'description'> & { sheet: string }>,
  adminEmail: string | undefined,
): sheets_v4.Schema$Request[] {
  const ids = new Map(
    existing.flatMap((s) =>
      typeof s.properties?.sheetId === 'number' && s.properties.title
        ? [[s.properties.title, s.properties.sheetId] as const]
        : [],
    ),
  );
  const found = new Map<string, sheets_v4.Schema$ProtectedRange[]>();
  for (const s of existing)
    for (const p of s.protectedRanges ?? [])
      if (p.description?.startsWith(PROTECTION_PREFIX))
        found.set(p.description, [...(found.get(p.description) ?? []), p]);
  const requests: sheets_v4.Schema$Request[] = [];
  const wanted = new Set<string>();
  for (const spec of planned) {
    const sheetId = ids.get(spec.sheet);
    if (sheetId === undefined) continue;
    wanted.add(spec.description);
    const desired = protectionRequest(spec, sheetId, adminEmail).addProtectedRange?.protectedRange ?? {};
    const [first, ...extra] = found.get(spec.description) ?? [];
    for (const p of extra) requests.push({ deleteProtectedRange: { protectedRangeId: p.protectedRangeId } });
    if (!first) {
      requests.push({ addProtectedRange: { protectedRange: desired } });
      continue;
    }
    if (
      boundsKey(first.range) !== boundsKey(desired.range) ||
      editorsKey(first.editors?.users, adminEmail) !== editorsKey(desired.editors?.users, adminEmail) ||
      (first.editors?.domainUsersCanEdit ?? false) ||
      first.warningOnly === true
    )
      requests.push({
        updateProtectedRange: {
          protectedRange: { ...desired, protectedRangeId: first.protectedRangeId },
          fields: 'range,editors,warningOnly',
        },
      });
  }
  for (const [description, list] of found)
    if (!wanted.has(description))
      for (const p of list) requests.push({ deleteProtectedRange: { protectedRangeId: p.protectedRangeId } });
  return requests;
}
