// The in-memory content of the SpreadsheetApp fake: spreadsheets, sheets, cells, formats, protections, merges,
// validations, conditional rules and charts, with the documented ways Sheets turns a written value into a cell.
// No service calls are counted here (see spreadsheet-app.ts); tests read this to assert what a user would see.
// It is the one model of Google's spreadsheets: the Apps Script services (spreadsheet-app.ts, sheets-advanced.ts)
// and the REST façade (../google-api/fake-workspace.ts) both read and change it, batches through sheets-batch.ts.
import type { sheets_v4 } from '@googleapis/sheets';
import { contains, type Box } from './a1';
import { isDate } from './runtime';

export type CellValue = string | number | boolean | Date;

export interface CellFormat {
  background?: string | null;
  fontWeight?: 'bold' | 'normal' | null;
  fontStyle?: 'italic' | 'normal' | null;
  fontColor?: string | null;
  fontSize?: number;
  wrap?: boolean;
  hAlign?: string | null;
  vAlign?: string | null;
  numberFormat?: string;
}

export interface Cell {
  value: CellValue | '';
  /** A formula, when the written string started with `=` (or a sign followed by something that is not a number). */
  formula?: string;
}

export type ValidationRule =
  | { kind: 'list'; values: string[] }
  | { kind: 'numberBetween'; min: number; max: number }
  | { kind: 'date' }
  /** A custom formula (the Sheets API's CUSTOM_FORMULA), kept as written: the emulator does not evaluate formulas. */
  | { kind: 'formula'; formula: string };

export interface ConditionalRule {
  text: string;
  background: string;
  ranges: Box[];
}

export interface ChartData {
  id: number;
  type: 'line';
  title: string;
  ranges: Box[];
  position: { row: number; col: number };
  numHeaders: number;
}

export interface ProtectionData {
  id: number;
  type: 'RANGE' | 'SHEET';
  sheetId: number;
  box: Box | null;
  /**
   * Sides the Sheets API request left unbounded (a GridRange without endRowIndex or endColumnIndex): Google reports
   * them unbounded (« Missing indexes indicate the range is unbounded on that side », API reference « GridRange »).
   * The box stops at the grid's edge as it was then.
   */
  open?: { rows: boolean; cols: boolean };
  description: string;
  editors: Set<string>;
  domainEdit: boolean;
  warningOnly: boolean;
  removed: boolean;
}

/** A filter view made through the Sheets API (addFilterView). */
export interface FilterViewData {
  filterViewId: number;
  title: string;
  range: { sheetId: number; startRowIndex: number; startColumnIndex: number; endColumnIndex: number };
  filterSpecs: Array<{ columnIndex: number; filterCriteria: { hiddenValues: string[] } }>;
}

export const DEFAULT_ROWS = 1000;
export const DEFAULT_COLUMNS = 26;

/**
 * Google Sheets' grid limit: 10 million cells per spreadsheet, every tab's rows × columns, blank cells included
 * (Google Drive Help « Files you can store in Google Drive », https://support.google.com/drive/answer/37603;
 * Google Workspace Updates « Google Sheets doubles cell limit », 2022-03-14,
 * https://workspaceupdates.googleblog.com/2022/03/ten-million-cells-google-sheets.html).
 */
export const SPREADSHEET_MAX_CELLS = 10_000_000;

/**
 * What Sheets answers to a change that would pass the limit. Not in Google's reference pages: the wording is the
 * one reported by users of the Sheets API and of Apps Script (e.g. airbytehq/airbyte, destination-google-sheets
 * unit test `test_write_from_queue_classifies_workbook_cell_limit_as_config_error`, which mocks the API's 400).
 */
export const CELL_LIMIT_MESSAGE = `This action would increase the number of cells in the workbook above the limit of ${SPREADSHEET_MAX_CELLS} cells.`;

export class SheetData {
  cells: Array<Array<Cell | undefined> | undefined> = [];
  formats = new Map<string, CellFormat>();
  notes = new Map<string, string>();
  validations = new Map<string, ValidationRule>();
  merges: Box[] = [];
  widths = new Map<number, number>();
  hiddenColumns = new Set<number>();
  frozenRows = 0;
  frozenColumns = 0;
  hidden = false;
  charts: ChartData[] = [];
  conditionalRules: ConditionalRule[] = [];
  /** Set when a form sends its responses here. */
  formUrl: string | null = null;
  /** The spreadsheet holding this tab, whose cell limit every growth of the grid is checked against. */
  book: SpreadsheetData | null = null;
  /**
   * A form's response tab just linked: scripts see it only after this many flushes (SpreadsheetApp.flush, or the end
   * of an execution). Google documents no delay; the emulator assumes the stricter case
   * (docs/google-assumptions.md).
   */
  flushesUntilVisible = 0;

  constructor(
    readonly id: number,
    public name: string,
    public maxRows = DEFAULT_ROWS,
    public maxColumns = DEFAULT_COLUMNS,
  ) {}

  cell(row: number, col: number): Cell | undefined {
    return this.cells[row - 1]?.[col - 1];
  }

  setCell(row: number, col: number, cell: Cell | undefined): void {
    const r = (this.cells[row - 1] ??= []);
    r[col - 1] = cell;
  }

  /** Last row holding a value or formula (0 when the sheet is empty), as Sheet.getLastRow() reports it. */
  lastRow(): number {
    for (let r = this.cells.length; r >= 1; r -= 1) {
      const row = this.cells[r - 1];
      if (row && row.some((c) => c !== undefined && (c.value !== '' || c.formula !== undefined))) return r;
    }
    return 0;
  }

  lastColumn(): number {
    let last = 0;
    for (const row of this.cells)
      row?.forEach((c, i) => {
        if (c !== undefined && (c.value !== '' || c.formula !== undefined)) last = Math.max(last, i + 1);
      });
    return last;
  }

  format(row: number, col: number): CellFormat {
    return this.formats.get(`${row}:${col}`) ?? {};
  }

  setFormat(row: number, col: number, patch: CellFormat): void {
    const key = `${row}:${col}`;
    this.formats.set(key, { ...this.formats.get(key), ...patch });
  }

  /** The background a reader sees: the first conditional rule that matches the displayed text, else the fill. */
  effectiveBackground(row: number, col: number, display: string): string | null {
    for (const rule of this.conditionalRules)
      if (rule.ranges.some((b) => contains(b, row, col)) && display === rule.text) return rule.background;
    return this.format(row, col).background ?? null;
  }

  /** Grows the grid to at least `rows` × `cols`, refused as Sheets refuses it past the spreadsheet's limit. */
  growTo(rows: number, cols: number): void {
    const nextRows = Math.max(this.maxRows, rows);
    const nextCols = Math.max(this.maxColumns, cols);
    this.book?.checkGrowth(nextRows * nextCols - this.maxRows * this.maxColumns);
    this.maxRows = nextRows;
    this.maxColumns = nextCols;
  }

  insertRows(after: number, count: number): void {
    this.book?.checkGrowth(count * this.maxColumns);
    this.cells.splice(after, 0, ...Array.from({ length: count }, () => undefined));
    shiftKeys(this, (row, col) => [row > after ? row + count : row, col]);
    this.maxRows += count;
  }

  insertColumns(after: number, count: number): void {
    this.book?.checkGrowth(count * this.maxRows);
    for (const row of this.cells) row?.splice(after, 0, ...Array.from({ length: count }, () => undefined));
    shiftKeys(this, (row, col) => [row, col > after ? col + count : col]);
    this.maxColumns += count;
  }

  /** Removes rows `first`..`first + count - 1` (1-based); what was below moves up. */
  deleteRows(first: number, count: number): void {
    this.refuseShiftOfLayout('rows');
    this.cells.splice(first - 1, count);
    shiftKeys(this, (row, col) =>
      row >= first + count ? [row - count, col] : row >= first ? null : [row, col],
    );
    this.maxRows -= count;
    this.frozenRows = Math.min(this.frozenRows, this.maxRows);
  }

  /** Removes columns `first`..`first + count - 1` (1-based); what was right of them moves left. */
  deleteColumns(first: number, count: number): void {
    this.refuseShiftOfLayout('columns');
    for (const row of this.cells) row?.splice(first - 1, count);
    shiftKeys(this, (row, col) =>
      col >= first + count ? [row, col - count] : col >= first ? null : [row, col],
    );
    this.hiddenColumns = new Set(
      [...this.hiddenColumns].flatMap((c) => (c >= first + count ? [c - count] : c >= first ? [] : [c])),
    );
    this.maxColumns -= count;
    this.frozenColumns = Math.min(this.frozenColumns, this.maxColumns);
  }

  /** The emulator shifts cells, formats, notes and validations only; a tab with more is refused, not misdrawn. */
  private refuseShiftOfLayout(what: string): void {
    const protectedHere = this.book?.protections.some((p) => !p.removed && p.sheetId === this.id) ?? false;
    if (this.merges.length > 0 || this.charts.length > 0 || this.conditionalRules.length > 0 || protectedHere)
      throw new Error(
        `The emulator cannot delete ${what} of a tab with merges, charts, conditional rules or protections.`,
      );
  }
}

/** Moves (or drops, when `to` returns null) every per-cell entry keyed `row:col`. */
function shiftKeys(sheet: SheetData, to: (row: number, col: number) => [number, number] | null): void {
  for (const map of [sheet.formats, sheet.notes, sheet.validations] as Array<Map<string, unknown>>) {
    const entries = [...map.entries()];
    map.clear();
    for (const [key, value] of entries) {
      const [row, col] = key.split(':').map(Number) as [number, number];
      const moved = to(row, col);
      if (moved) map.set(`${moved[0]}:${moved[1]}`, value);
    }
  }
}

export class SpreadsheetData {
  sheets: SheetData[] = [];
  protections: ProtectionData[] = [];
  /** File editors besides the owner (Drive sharing). */
  editors = new Set<string>();
  locale = 'en_US';
  timeZone = 'America/New_York';
  toasts: string[] = [];
  /** Spreadsheet-level developer metadata (Sheets API only; the REST runtime's workbook lock). */
  developerMetadata: sheets_v4.Schema$DeveloperMetadata[] = [];
  /** Filter views (Sheets API only). */
  filterViews: FilterViewData[] = [];
  nextSheetId = 0;
  nextProtectionId = 0;
  nextChartId = 0;
  nextMetadataId = 0;
  nextFilterViewId = 1000;

  constructor(
    readonly id: string,
    public name: string,
    readonly owner: string,
    readonly url: string,
  ) {}

  /** Every tab's rows × columns: what Google counts against the limit, blank cells included. */
  gridCells(): number {
    return this.sheets.reduce((n, s) => n + s.maxRows * s.maxColumns, 0);
  }

  /** Throws Google's error when `extra` more cells would pass the limit. */
  checkGrowth(extra: number): void {
    if (extra > 0 && this.gridCells() + extra > SPREADSHEET_MAX_CELLS) throw new Error(CELL_LIMIT_MESSAGE);
  }

  addSheet(
    name: string,
    index = this.sheets.length,
    rows = DEFAULT_ROWS,
    columns = DEFAULT_COLUMNS,
    /** The id a Sheets API addSheet asks for (else one is made up, 0 for the first tab). */
    sheetId?: number,
  ): SheetData {
    if (this.sheets.some((s) => s.name === name))
      throw new Error(`A sheet with the name "${name}" already exists. Please enter another name.`);
    if (sheetId !== undefined && this.sheets.some((s) => s.id === sheetId))
      throw new Error(`A sheet with the id ${sheetId} already exists.`);
    this.checkGrowth(rows * columns);
    const sheet = new SheetData(
      sheetId ?? (this.nextSheetId === 0 ? 0 : 100000 + this.nextSheetId * 7919),
      name,
      rows,
      columns,
    );
    sheet.book = this;
    this.nextSheetId += 1;
    this.sheets.splice(index, 0, sheet);
    return sheet;
  }

  sheet(name: string): SheetData | undefined {
    return this.sheets.find((s) => s.name === name);
  }

  /** Whether `user` may change this cell, as the Sheets UI decides: owner, or a file editor allowed by every
   * protection covering the cell (warning-only protections do not block). */
  canEdit(user: string, sheet: SheetData, row: number, col: number): boolean {
    if (user === this.owner) return true;
    if (!this.editors.has(user)) return false;
    return this.protections
      .filter((p) => !p.removed && p.sheetId === sheet.id && !p.warningOnly)
      .filter((p) => p.box === null || contains(p.box, row, col))
      .every((p) => p.editors.has(user));
  }
}

const NUMBER = /^[+-]?\d+(?:,\d+)?$/;
const FR_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;

/**
 * What Sheets stores for a value written with setValue(s)/appendRow (user-entered semantics): numbers, booleans
 * and Dates as such; a string starting with `'` as the literal rest; a string starting with `=` as a formula, and
 * one starting with `+`/`-` that is not a number too (Sheets answers #NAME?/#ERROR!); a string that reads as a
 * number, TRUE/FALSE or a dd/MM/yyyy date (the fr_FR reading) becomes that value.
 */
/** Google Sheets refuses a cell of more characters (Google Drive help, « files you can store »). */
export const CELL_MAX_CHARACTERS = 50_000;

export function cellFromWritten(
  value: unknown,
  parisMidnight: (y: number, m: number, d: number) => Date,
): Cell {
  if (value === null || value === undefined || value === '') return { value: '' };
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`Cannot write the number ${value} to a cell.`);
    return { value };
  }
  if (typeof value === 'boolean') return { value };
  if (isDate(value)) return { value: new Date(value.getTime()) };
  if (typeof value === 'string') {
    if (value.length - (value.startsWith("'") ? 1 : 0) > CELL_MAX_CHARACTERS)
      throw new Error(
        `Your input contains more than the maximum of ${CELL_MAX_CHARACTERS} characters in a single cell.`,
      );
    if (value.startsWith("'")) return { value: value.slice(1) };
    if (value.startsWith('=')) return { value: '', formula: value };
    if (NUMBER.test(value.trim())) return { value: Number(value.trim().replace(',', '.')) };
    if (/^[+-]/.test(value)) return { value: '', formula: value };
    if (/^(TRUE|FALSE|VRAI|FAUX)$/i.test(value.trim())) return { value: /^(TRUE|VRAI)$/i.test(value.trim()) };
    const d = FR_DATE.exec(value.trim());
    if (d) return { value: parisMidnight(Number(d[3]), Number(d[2]), Number(d[1])) };
    return { value };
  }
  throw new Error(
    `The emulator refuses to write a ${Array.isArray(value) ? 'nested array' : typeof value} into a cell.`,
  );
}

/** A cell's value as getValues returns it (formulas are not computed by the emulator: they read as ''). */
export function readValue(cell: Cell | undefined): CellValue | '' {
  if (!cell) return '';
  if (isDate(cell.value)) return new Date(cell.value.getTime());
  return cell.value;
}

/** Sheets' day 0 (30 December 1899, UTC): dates are counted in days from it. */
export const SHEETS_EPOCH_MS = Date.UTC(1899, 11, 30);

/** An instant as a Sheets serial number: days since day 0 on the wall clock of the spreadsheet's time zone. */
export function serialOf(instant: Date, timeZone: string): number {
  const p = zonedParts(instant, timeZone);
  const wall = Date.UTC(p.y, p.M - 1, p.d, p.H, p.m, p.s) + (instant.getTime() % 1000);
  return (wall - SHEETS_EPOCH_MS) / 86_400_000;
}

function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** Wall-clock parts of an instant in a time zone (the emulator may use Intl; the bundle may not). */
const formatters = new Map<string, Intl.DateTimeFormat>();

export function zonedParts(
  instant: Date,
  timeZone: string,
): Record<'y' | 'M' | 'd' | 'H' | 'm' | 's', number> {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = newFormatter(timeZone);
    formatters.set(timeZone, formatter);
  }
  const parts = formatter.formatToParts(instant);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return {
    y: get('year'),
    M: get('month'),
    d: get('day'),
    H: get('hour'),
    m: get('minute'),
    s: get('second'),
  };
}

function newFormatter(timeZone: string): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  });
}

/** Formats with the SimpleDateFormat letters Apps Script uses (yyyy, MM, dd, HH, mm, ss). */
export function formatPattern(instant: Date, timeZone: string, pattern: string): string {
  const p = zonedParts(instant, timeZone);
  return pattern
    .replace(/yyyy/g, String(p.y))
    .replace(/MM/g, pad(p.M))
    .replace(/dd/g, pad(p.d))
    .replace(/HH/g, pad(p.H))
    .replace(/mm/g, pad(p.m))
    .replace(/ss/g, pad(p.s));
}

/** A cell as getDisplayValues shows it in the spreadsheet's locale and time zone. */
export function displayValue(
  cell: Cell | undefined,
  format: CellFormat,
  locale: string,
  timeZone: string,
): string {
  if (!cell) return '';
  if (cell.formula !== undefined) return '';
  const v = cell.value;
  const french = locale.startsWith('fr');
  if (typeof v === 'boolean') return french ? (v ? 'VRAI' : 'FAUX') : v ? 'TRUE' : 'FALSE';
  if (typeof v === 'number') return french ? String(v).replace('.', ',') : String(v);
  if (isDate(v)) {
    if (format.numberFormat && /[yd]/.test(format.numberFormat))
      return formatPattern(v, timeZone, format.numberFormat);
    const p = zonedParts(v, timeZone);
    const dateOnly = p.H === 0 && p.m === 0 && p.s === 0;
    return formatPattern(v, timeZone, dateOnly ? 'dd/MM/yyyy' : 'dd/MM/yyyy HH:mm:ss');
  }
  return v;
}
