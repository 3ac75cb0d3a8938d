// Draws the workbook model (src/domain/workbook/sheet-model.ts) as an .xlsx file with ExcelJS's streaming writer: every
// tab, header rows and merges, fills, frozen panes, widths, hidden columns and tabs, data validation, number and
// date formats, sheet protection with only the downloading role's columns unlocked. It decides no label, colour or
// order (the model does), and writes every text as a string cell: user text never becomes a formula.
import { columnLetter } from '../../domain/workbook/a1';
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { frSheetValidation } from '../messages';
import { toParis } from '../../domain/paris-time';
import { safeText, sliceWhole } from '../../domain/safe-text';
import type { Role } from '../../schema/tracking-file';
import type { Cell } from '../../domain/workbook/cells';
import type {
  CellRule,
  ExportBasis,
  ColumnFormat,
  Rect,
  SheetModel,
  Style,
  WorkbookModel,
} from '../../domain/workbook/sheet-model';

export interface RenderOptions {
  /** The downloading role: its columns are unlocked below the header rows. `null`: everything locked. */
  role: Role | null;
  /** Creation time written in the file's properties (defaults to now). */
  now?: Date;
}

/**
 * Excel caps an inline list at 255 characters (the départements alone exceed it), so every list of values is
 * written in this very hidden tab and validations point at its ranges. A rendering detail, not a tab of the model.
 */
export const LISTS_SHEET = 'Listes';
/**
 * The model's exportBasis in this very hidden tab: B1 the number of cell changes the store had recorded, B2 the
 * instant (ISO 8601), read back by the import to set apart the cells changed since (src/app/import-workbook.ts). A
 * tab rather than the file's properties: Excel and LibreOffice rewrite those on save.
 */
export const EXPORT_SHEET = 'Export';
/** Excel's limit on the text of one cell. */
const MAX_CELL_TEXT = 32_767;
/** Rows written between two yields to the event loop, so the zip stream drains while rows are produced. */
const ROWS_PER_YIELD = 2_000;

const NUMBER_FORMATS: Record<ColumnFormat, string> = {
  text: '@',
  integer: '0',
  date: 'dd/mm/yyyy',
  datetime: 'dd/mm/yyyy hh:mm',
};

/**
 * Excel reads `_xHHHH_` in a string as an escaped character; a literal one is written `_x005F_xHHHH_`, as Excel
 * does, so that « _x0041_ » typed by a user does not come back as « A ». Characters XML cannot carry become « � »
 * first (safe-text.ts): the field rules refuse them, but a data folder may hold some from before the rule, and one
 * U+FFFF left raw makes the whole file unreadable.
 */
function escapeExcelText(text: string): string {
  const safe = safeText(text);
  return safe.includes('_x') ? safe.replace(/_x([0-9A-Fa-f]{4})_/g, '_x005F_x$1_') : safe;
}

/** Column width in Excel's character units from pixels (Calibri 11: 7 px per character plus 5 px of padding). */
export function widthInCharacters(pixels: number): number {
  return Math.max(1, Math.round(((pixels - 5) / 7) * 100) / 100);
}

function argb(hex: string): string {
  return `FF${hex.replace('#', '').toUpperCase()}`;
}

/** A cell's value as ExcelJS writes it: strings stay strings, dates are wall-clock dates. */
function cellValue(cell: Cell): ExcelJS.CellValue {
  if (cell === null) return null;
  switch (cell.t) {
    case 's': {
      const escaped = escapeExcelText(cell.v);
      return escaped.length > MAX_CELL_TEXT ? `${sliceWhole(escaped, MAX_CELL_TEXT - 1)}…` : escaped;
    }
    case 'n':
      return cell.v;
    case 'd': {
      const [y, m, d] = cell.v.split('-').map(Number);
      return new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1));
    }
    case 'dt': {
      // Spreadsheets have no time zone: write the Paris wall-clock time, as the ARS reads it.
      const p = toParis(new Date(cell.v));
      return new Date(Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second));
    }
  }
}

function formatOfCell(cell: Cell, column: ColumnFormat): string {
  if (cell === null) return NUMBER_FORMATS[column];
  switch (cell.t) {
    case 's':
      return NUMBER_FORMATS.text;
    case 'n':
      return Number.isInteger(cell.v) ? NUMBER_FORMATS.integer : 'General';
    case 'd':
      return NUMBER_FORMATS.date;
    case 'dt':
      return NUMBER_FORMATS.datetime;
  }
}

interface PlacedStyle {
  order: number;
  rect: Rect;
  style: Style;
}

/** Finds the model styles that cover a cell without scanning every rectangle for every cell. */
class StyleIndex {
  private readonly unboundedByColumn: PlacedStyle[][];
  private readonly boundedByRow = new Map<number, PlacedStyle[]>();
  private readonly cache = new Map<string, Partial<ExcelJS.Style>>();
  private readonly plainCache = new Map<string, Partial<ExcelJS.Style>>();
  /** Per column, the row from which every unbounded rectangle of the column applies. */
  private readonly lastStartByColumn: number[];

  constructor(sheet: SheetModel) {
    this.unboundedByColumn = sheet.columns.map(() => []);
    this.lastStartByColumn = sheet.columns.map(() => 0);
    sheet.styles.forEach(({ rect, style }, order) => {
      const placed = { order, rect, style };
      if (rect.rows === null) {
        for (let c = rect.col; c < rect.col + rect.cols; c++) {
          this.unboundedByColumn[c]?.push(placed);
          this.lastStartByColumn[c] = Math.max(this.lastStartByColumn[c] ?? 0, rect.row);
        }
        return;
      }
      for (let r = rect.row; r < rect.row + rect.rows; r++) {
        const bucket = this.boundedByRow.get(r);
        if (bucket) bucket.push(placed);
        else this.boundedByRow.set(r, [placed]);
      }
    });
  }

  /** The ExcelJS style of one cell; the same object for the same look, which ExcelJS dedupes by identity. */
  at(row: number, col: number, numFmt: string, locked: boolean): Partial<ExcelJS.Style> {
    const bucket = this.boundedByRow.get(row);
    // Fast path, most cells of a large sheet: only the column's own rectangles apply, all of them started.
    const plain = !bucket && row >= (this.lastStartByColumn[col] ?? 0);
    const fastKey = `${col}|${numFmt}|${locked ? 1 : 0}`;
    if (plain) {
      const hit = this.plainCache.get(fastKey);
      if (hit) return hit;
    }
    const applied: PlacedStyle[] = [];
    for (const p of this.unboundedByColumn[col] ?? []) if (row >= p.rect.row) applied.push(p);
    for (const p of bucket ?? []) if (col >= p.rect.col && col < p.rect.col + p.rect.cols) applied.push(p);
    applied.sort((a, b) => a.order - b.order);
    const key = `${applied.map((p) => p.order).join(',')}|${numFmt}|${locked ? 1 : 0}`;
    let style = this.cache.get(key);
    if (!style) {
      style = toExcelStyle(Object.assign({}, ...applied.map((p) => p.style)) as Style, numFmt, locked);
      this.cache.set(key, style);
    }
    if (plain) this.plainCache.set(fastKey, style);
    return style;
  }

  /** Whether a style rectangle limited in height covers the cell (else the column's own style says it all). */
  hasBoundedStyle(row: number, col: number): boolean {
    return (this.boundedByRow.get(row) ?? []).some(
      (p) => col >= p.rect.col && col < p.rect.col + p.rect.cols,
    );
  }

  /** Column-level style: what a cell typed below the data gets (fill to the end of the sheet, format, lock). */
  column(col: number, numFmt: string, locked: boolean): Partial<ExcelJS.Style> {
    const applied = (this.unboundedByColumn[col] ?? []).map((p) => p.style);
    return toExcelStyle(Object.assign({}, ...applied) as Style, numFmt, locked);
  }
}

function toExcelStyle(s: Style, numFmt: string, locked: boolean): Partial<ExcelJS.Style> {
  const out: Partial<ExcelJS.Style> = { numFmt, protection: { locked } };
  if (s.fill) out.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: argb(s.fill) } };
  const font: Partial<ExcelJS.Font> = {};
  if (s.bold) font.bold = true;
  if (s.italic) font.italic = true;
  if (s.fontColor) font.color = { argb: argb(s.fontColor) };
  if (s.fontSize) font.size = s.fontSize;
  if (Object.keys(font).length > 0) out.font = font;
  const alignment: Partial<ExcelJS.Alignment> = {};
  if (s.wrap) alignment.wrapText = true;
  if (s.hAlign) alignment.horizontal = s.hAlign;
  if (s.vAlign) alignment.vertical = s.vAlign;
  if (Object.keys(alignment).length > 0) out.alignment = alignment;
  return out;
}

/** ExcelJS's streaming worksheet has `dataValidations.add(range, rule)`, missing from its type definitions. */
interface WithRangeValidations {
  dataValidations: { add(address: string, validation: ExcelJS.DataValidation): void };
}

function hasRangeValidations(ws: object): ws is WithRangeValidations {
  const dv = (ws as { dataValidations?: { add?: unknown } }).dataValidations;
  return typeof dv?.add === 'function';
}

/** The value lists of every validation, each in one column of the hidden lists tab. */
class ValueLists {
  readonly columns: string[][] = [];
  private readonly index = new Map<string, number>();

  rangeOf(values: readonly string[]): string {
    const key = JSON.stringify(values);
    let col = this.index.get(key);
    if (col === undefined) {
      col = this.columns.length;
      this.columns.push([...values]);
      this.index.set(key, col);
    }
    const letter = columnLetter(col);
    return `'${LISTS_SHEET}'!$${letter}$1:$${letter}$${values.length}`;
  }
}

function validationOf(rule: CellRule, label: string, lists: ValueLists): ExcelJS.DataValidation | undefined {
  const common = {
    allowBlank: true,
    showErrorMessage: true,
    errorStyle: 'stop',
    errorTitle: frSheetValidation.title,
  };
  switch (rule.kind) {
    case 'list':
      if (rule.values.length === 0) return undefined;
      return {
        ...common,
        type: 'list',
        formulae: [lists.rangeOf(rule.values)],
        error: frSheetValidation.list(label),
      };
    case 'integer':
      return {
        ...common,
        type: 'whole',
        operator: 'between',
        formulae: [rule.min, rule.max],
        error: frSheetValidation.integer(label, rule.min, rule.max),
      };
    case 'date':
      return {
        ...common,
        type: 'date',
        operator: 'between',
        formulae: [new Date(Date.UTC(2000, 0, 1)), new Date(Date.UTC(2099, 11, 31))],
        error: frSheetValidation.date(label),
      };
  }
}

function headerLabel(sheet: SheetModel, col: number): string {
  const labels = sheet.header[sheet.header.length - 1];
  const cell = labels?.[col];
  return cell && cell.t === 's' ? cell.v : columnLetter(col);
}

/** A4 in the OOXML paper size codes (ECMA-376 Part 1, 18.3.1.63 pageSetup). */
const PAPER_A4 = 9;

/** A footer field's text: « & » starts a code in Excel's header and footer language and is doubled to stay text. */
function footerText(text: string): string {
  return text.replace(/&/g, '&&');
}

/** ExcelJS's page setup, header/footer and print ranges for a tab the model marks as printed. */
function printOptions(
  sheet: SheetModel,
): Pick<Partial<ExcelJS.AddWorksheetOptions>, 'pageSetup' | 'headerFooter'> {
  const print = sheet.print;
  if (!print) return {};
  const lastRow = Math.max(1, sheet.header.length + sheet.rows.length);
  const lastColumn = columnLetter(Math.max(1, sheet.columns.length) - 1);
  return {
    pageSetup: {
      orientation: print.orientation,
      paperSize: PAPER_A4,
      fitToPage: true,
      fitToWidth: 1,
      // 0: as many pages down as the rows need.
      fitToHeight: 0,
      // ExcelJS writes « $ » before each end of the range: « A$1 » becomes Excel's absolute « $A$1 ».
      printArea: `A$1:${lastColumn}$${lastRow}`,
      ...(print.titleRows > 0 ? { printTitlesRow: `1:${print.titleRows}` } : {}),
      margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
    headerFooter: {
      oddFooter: `&L${footerText(sheet.name)}&CImprimé le &D&RPage &P / &N`,
    },
  };
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

async function writeSheet(
  book: ExcelJS.stream.xlsx.WorkbookWriter,
  sheet: SheetModel,
  role: Role | null,
  lists: ValueLists,
): Promise<void> {
  const { rows: frozenRows, columns: frozenColumns } = sheet.frozen;
  const ws = book.addWorksheet(sheet.name, {
    state: sheet.hidden ? 'hidden' : 'visible',
    views:
      frozenRows > 0 || frozenColumns > 0
        ? [{ state: 'frozen', xSplit: frozenColumns, ySplit: frozenRows }]
        : [],
    ...printOptions(sheet),
  });
  const headerRows = sheet.header.length;
  const editable = new Set(role === null ? [] : (sheet.editableBy[role] ?? []));
  const styles = new StyleIndex(sheet);
  ws.columns = sheet.columns.map((c, i) => ({
    key: c.key,
    width: widthInCharacters(c.width),
    hidden: c.hidden,
    style: styles.column(i, NUMBER_FORMATS[c.format], !editable.has(i)),
  }));

  const allRows = [...sheet.header, ...sheet.rows];
  const lastRow = allRows.length;
  const width = sheet.columns.length;
  const writeRow = (cells: readonly Cell[], r: number) => {
    const row = ws.getRow(r + 1);
    for (let c = 0; c < Math.max(width, cells.length); c++) {
      const cell = cells[c] ?? null;
      // An empty data cell styled only by its column is left out: the column style draws it (a quarter of the
      // cells of a large export).
      if (cell === null && r >= headerRows && c < width && !styles.hasBoundedStyle(r, c)) continue;
      const target = row.getCell(c + 1);
      target.value = cellValue(cell);
      const format = sheet.columns[c]?.format ?? 'text';
      const locked = r < headerRows || !editable.has(c);
      target.style = styles.at(r, c, formatOfCell(cell, format), locked);
    }
  };

  // Header rows stay uncommitted until their merges are declared (ExcelJS merges cells of live rows only).
  sheet.header.forEach((cells, r) => writeRow(cells, r));
  for (const m of sheet.merges) {
    const bottom = m.rows === null ? lastRow : m.row + m.rows;
    ws.mergeCells(m.row + 1, m.col + 1, bottom, m.col + m.cols);
  }
  for (let r = 0; r < headerRows; r++) ws.getRow(r + 1).commit();
  for (let i = 0; i < sheet.rows.length; i++) {
    writeRow(sheet.rows[i] ?? [], headerRows + i);
    ws.getRow(headerRows + i + 1).commit();
    if (i % ROWS_PER_YIELD === ROWS_PER_YIELD - 1) await yieldToEventLoop();
  }

  // Validations stop at the last written row: the import never creates rows, and ExcelJS, reading a file back,
  // expands every range cell by cell (a whole-column range would be a million entries per column).
  if (hasRangeValidations(ws))
    for (const { rect, rule } of sheet.validations) {
      const bottom = rect.rows === null ? lastRow : rect.row + rect.rows;
      if (bottom <= rect.row) continue;
      const validation = validationOf(rule, headerLabel(sheet, rect.col), lists);
      if (!validation) continue;
      const range = `${columnLetter(rect.col)}${rect.row + 1}:${columnLetter(rect.col + rect.cols - 1)}${bottom}`;
      ws.dataValidations.add(range, validation);
    }

  // No password: protection guards against slips, and the import enforces the roles whatever the file says.
  await ws.protect('', {
    selectLockedCells: true,
    selectUnlockedCells: true,
    formatColumns: true,
    formatRows: true,
  });
  ws.commit();
}

async function writeLists(book: ExcelJS.stream.xlsx.WorkbookWriter, lists: ValueLists): Promise<void> {
  if (lists.columns.length === 0) return;
  const ws = book.addWorksheet(LISTS_SHEET, { state: 'veryHidden' });
  const height = Math.max(...lists.columns.map((l) => l.length));
  for (let r = 0; r < height; r++) {
    const row = ws.getRow(r + 1);
    lists.columns.forEach((values, c) => {
      const v = values[r];
      if (v !== undefined) row.getCell(c + 1).value = escapeExcelText(v);
    });
    row.commit();
  }
  await ws.protect('', { selectLockedCells: true, selectUnlockedCells: true });
  ws.commit();
}

function writeExportBasis(book: ExcelJS.stream.xlsx.WorkbookWriter, basis: ExportBasis): void {
  const ws = book.addWorksheet(EXPORT_SHEET, { state: 'veryHidden' });
  const rows: Array<[string, string | number]> = [
    ['cell_changes', basis.cellChanges],
    ['exported_at', basis.at],
  ];
  rows.forEach(([name, value], i) => {
    const row = ws.getRow(i + 1);
    row.getCell(1).value = name;
    row.getCell(2).value = value;
    row.commit();
  });
  ws.commit();
}

/** Renders the whole workbook for one role (or read-only for `role: null`) and returns the .xlsx bytes. */
export async function renderWorkbookXlsx(model: WorkbookModel, options: RenderOptions): Promise<Buffer> {
  const output = new PassThrough();
  const chunks: Buffer[] = [];
  output.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<void>((resolve, reject) => {
    output.on('end', resolve);
    output.on('error', reject);
  });
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: output,
    useStyles: true,
    useSharedStrings: false,
  });
  book.creator = 'suivi-mes';
  book.title = safeText(model.title);
  book.created = options.now ?? new Date();
  book.modified = book.created;
  const lists = new ValueLists();
  for (const sheet of model.sheets) await writeSheet(book, sheet, options.role, lists);
  await writeLists(book, lists);
  if (model.exportBasis) writeExportBasis(book, model.exportBasis);
  await book.commit();
  await finished;
  return Buffer.concat(chunks);
}
