// Reads an uploaded .xlsx laid out like the official tracking file into the core's ParsedTrackingFile: the zip is
// checked first (zip-guard), then ExcelJS parses it with limits, cells become plain typed values (formulas keep
// only their cached value and are never evaluated), zod checks what was extracted, and src/domain/workbook/tracking-grid.ts
// maps the columns by their verbatim labels. It writes nothing and decides nothing about roles.
import ExcelJS from 'exceljs';
import PizZip from 'pizzip';
import * as z from 'zod';
import { frImport } from '../../domain/messages';
import {
  HEADER_SCAN_ROWS,
  readTrackingGrid,
  type GridCell,
  type ImportIssue,
  type ReadTrackingResult,
  type SheetGrid,
} from '../../domain/workbook/tracking-grid';
import type { Project } from '../../schema/project';
import type { ExportBasis } from '../../domain/workbook/sheet-model';
import { EXPORT_SHEET } from './render-workbook';
import { DEFAULT_ZIP_LIMITS, inspectZip, type ZipLimits } from './zip-guard';

export type { ReadTrackingResult } from '../../domain/workbook/tracking-grid';

export interface ReadLimits extends ZipLimits {
  /** Rows and columns of the tracking sheet, up to its last non-empty cell. */
  maxRows: number;
  maxColumns: number;
  /** `<row>` elements of any sheet and cells of any row, enforced by ExcelJS while it parses. */
  maxRowElements: number;
  maxCellsPerRow: number;
}

export const DEFAULT_READ_LIMITS: ReadLimits = {
  ...DEFAULT_ZIP_LIMITS,
  maxRows: 5_000,
  maxColumns: 200,
  maxRowElements: 100_000,
  maxCellsPerRow: 2_000,
};

/** Excel's limit on one cell's text; anything longer is cut one character past it, for the field rules to refuse. */
const MAX_CELL_TEXT = 32_767;

// Parts of a sheet the import never reads. Skipping them keeps hostile ranges from costing anything: ExcelJS
// expands a validation or a merge cell by cell (one merge over the sheet is 17 billion cells) and builds one
// object per column of a `<col min max>` range, however large.
const IGNORED_NODES = [
  'cols',
  'mergeCells',
  'dataValidations',
  'conditionalFormatting',
  'extLst',
  'hyperlinks',
  'drawing',
  'picture',
  'legacyDrawing',
  'tableParts',
];

const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const GridCellSchema = z
  .discriminatedUnion('t', [
    z.strictObject({ t: z.literal('s'), v: z.string().max(MAX_CELL_TEXT + 1) }),
    z.strictObject({ t: z.literal('n'), v: z.number() }),
    z.strictObject({ t: z.literal('d'), v: IsoDate }),
    z.strictObject({ t: z.literal('dt'), v: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/) }),
    z.strictObject({ t: z.literal('b'), v: z.boolean() }),
    z.strictObject({
      t: z.literal('f'),
      cached: z.union([z.string().max(MAX_CELL_TEXT + 1), z.number(), z.boolean(), z.null()]),
    }),
    z.strictObject({ t: z.literal('e'), v: z.string().max(40) }),
  ])
  .nullable();

function gridSchema(limits: ReadLimits) {
  return z.strictObject({
    name: z.string().max(100),
    rows: z.array(z.array(GridCellSchema).max(limits.maxColumns)).max(limits.maxRows),
  });
}

const clip = (text: string) => (text.length > MAX_CELL_TEXT ? text.slice(0, MAX_CELL_TEXT + 1) : text);

/**
 * Excel stores characters XML cannot carry (control characters) as `_xHHHH_`, and a literal `_x` sequence as
 * `_x005F_x…`; ExcelJS leaves both encoded. Decoding them shows the field rules what the person typed, so a
 * control character is refused rather than imported as « _x001B_ ».
 */
export function decodeExcelEscapes(text: string): string {
  return text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

const textCell = (text: string): GridCell => ({ t: 's', v: clip(decodeExcelEscapes(text)) });
const pad2 = (n: number) => String(n).padStart(2, '0');

function dateCell(d: Date): GridCell {
  if (Number.isNaN(d.getTime())) return { t: 'e', v: '#VALEUR!' };
  // ExcelJS reads a spreadsheet's wall-clock serial as a UTC instant.
  const date = `${String(d.getUTCFullYear()).padStart(4, '0')}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
  if (d.getUTCHours() === 0 && d.getUTCMinutes() === 0 && d.getUTCSeconds() === 0) return { t: 'd', v: date };
  return { t: 'dt', v: `${date}T${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}` };
}

function cachedValue(result: unknown): string | number | boolean | null {
  if (typeof result === 'string') return clip(decodeExcelEscapes(result));
  if (typeof result === 'number') return Number.isFinite(result) ? result : String(result);
  if (typeof result === 'boolean') return result;
  if (result instanceof Date) {
    const cell = dateCell(result);
    return cell && (cell.t === 'd' || cell.t === 'dt') ? cell.v : null;
  }
  return null;
}

function richText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object' && 'richText' in value && Array.isArray(value.richText))
    return value.richText.map((r: { text?: unknown }) => (typeof r.text === 'string' ? r.text : '')).join('');
  return undefined;
}

/** A cell as plain data. A formula keeps only what its program last computed: nothing here evaluates it. */
export function gridCellOf(value: ExcelJS.CellValue): GridCell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return textCell(value);
  if (typeof value === 'number')
    return Number.isFinite(value) ? { t: 'n', v: value } : { t: 's', v: String(value) };
  if (typeof value === 'boolean') return { t: 'b', v: value };
  if (value instanceof Date) return dateCell(value);
  if ('formula' in value || 'sharedFormula' in value)
    return { t: 'f', cached: cachedValue((value as { result?: unknown }).result) };
  if ('error' in value) return { t: 'e', v: String(value.error).slice(0, 40) };
  const text = richText(value) ?? ('text' in value ? richText(value.text) : undefined);
  return text === undefined ? null : textCell(text);
}

function rowsOf(ws: ExcelJS.Worksheet, upTo: number): GridCell[][] {
  const rows: GridCell[][] = [];
  ws.eachRow({ includeEmpty: false }, (row, r) => {
    if (r > upTo) return;
    const cells: GridCell[] = [];
    row.eachCell({ includeEmpty: false }, (cell, c) => {
      cells[c - 1] = gridCellOf(cell.value);
    });
    rows[r - 1] = Array.from(cells, (c) => c ?? null);
  });
  return Array.from(rows, (r) => r ?? []);
}

/** Last row and column holding a value, without building anything. */
function extent(ws: ExcelJS.Worksheet): { rows: number; columns: number } {
  let rows = 0;
  let columns = 0;
  ws.eachRow({ includeEmpty: false }, (row, r) => {
    row.eachCell({ includeEmpty: false }, (cell, c) => {
      if (gridCellOf(cell.value) === null) return;
      rows = Math.max(rows, r);
      columns = Math.max(columns, c);
    });
  });
  return { rows, columns };
}

const fail = (...errors: ImportIssue[]): ReadTrackingResult => ({ ok: false, errors });

/**
 * Drops the workbook's defined names (print areas, named ranges), which the import never uses and which ExcelJS
 * expands cell by cell when it loads (one name over a whole sheet is 17 billion cells). Only a workbook that has
 * some is rewritten; the archive was checked by the zip guard first.
 */
export function withoutDefinedNames(data: Buffer): Buffer {
  const zip = new PizZip(data);
  const name = Object.keys(zip.files).find((n) => n.replace(/^\//, '') === 'xl/workbook.xml');
  const xml = name === undefined ? undefined : zip.file(name)?.asText();
  if (name === undefined || xml === undefined || !xml.includes('definedName')) return data;
  zip.file(name, xml.replace(/<definedNames\b[^]*?<\/definedNames>|<definedNames\s*\/>/g, ''));
  return zip.generate({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 1 } });
}

/**
 * Reads an uploaded workbook. Every refusal is a French message naming what is wrong; an accepted file gives the
 * tracking sheet's columns (by tracking-file id) and its non-empty rows, for previewImport.
 */
export async function readTrackingXlsx(
  data: Buffer,
  project: Project,
  limits: ReadLimits = DEFAULT_READ_LIMITS,
  /** Sees the parsed workbook once it loaded (the national import reads its Historique and its date from it). */
  onLoaded?: (book: ExcelJS.Workbook) => void,
): Promise<ReadTrackingResult> {
  const verdict = await inspectZip(data, limits);
  if (!verdict.ok) {
    switch (verdict.code) {
      case 'FILE_TOO_LARGE':
        return fail({
          code: verdict.code,
          message: frImport.fileTooLarge(
            String(Math.round((data.length / 2 ** 20) * 10) / 10).replace('.', ','),
            Math.round(limits.maxFileBytes / 2 ** 20),
          ),
        });
      case 'FILE_NOT_XLSX':
        return fail({ code: verdict.code, message: frImport.notXlsx() });
      case 'FILE_ENCRYPTED':
        return fail({ code: verdict.code, message: frImport.encrypted() });
      case 'FILE_TOO_EXPANDED':
        return fail({ code: verdict.code, message: frImport.tooExpanded(verdict.what ?? '') });
      case 'FILE_DAMAGED':
        return fail({ code: verdict.code, message: frImport.damaged() });
    }
  }

  const book = new ExcelJS.Workbook();
  try {
    // `maxRows`/`maxCols` are honoured by ExcelJS's worksheet parser but missing from its option type.
    const options = {
      ignoreNodes: IGNORED_NODES,
      maxRows: limits.maxRowElements,
      maxCols: limits.maxCellsPerRow,
    } as Partial<ExcelJS.XlsxReadOptions>;
    // ExcelJS declares its own `Buffer extends ArrayBuffer`; at run time it takes Node's Buffer.
    await book.xlsx.load(withoutDefinedNames(data) as unknown as ArrayBuffer, options);
  } catch (error) {
    if (/^Max \w+ count \(\d+\) exceeded/.test((error as Error).message))
      return fail({
        code: 'FILE_TOO_EXPANDED',
        message: frImport.tooExpanded(
          `plus de ${limits.maxRowElements} lignes ou de ${limits.maxCellsPerRow} cellules par ligne`,
        ),
      });
    return fail({ code: 'FILE_DAMAGED', message: frImport.damaged() });
  }

  onLoaded?.(book);
  const sheets = book.worksheets.filter((ws) => ws.state !== 'veryHidden');
  const heads: SheetGrid[] = sheets.map((ws) => ({ name: ws.name, rows: rowsOf(ws, HEADER_SCAN_ROWS) }));
  const chosen = readTrackingGrid(project.tracking, heads);
  if (!chosen.ok) return chosen;
  const ws = sheets.find((s) => s.name === chosen.file.sheet);
  if (!ws) return fail({ code: 'FILE_DAMAGED', message: frImport.damaged() });
  const size = extent(ws);
  if (size.rows > limits.maxRows || size.columns > limits.maxColumns)
    return fail({
      code: 'SHEET_TOO_LARGE',
      message: frImport.sheetTooLarge(ws.name, size.rows, size.columns, limits.maxRows, limits.maxColumns),
    });
  const grid = gridSchema(limits).safeParse({ name: ws.name, rows: rowsOf(ws, limits.maxRows) });
  if (!grid.success) return fail({ code: 'FILE_DAMAGED', message: frImport.damaged() });
  const read = readTrackingGrid(project.tracking, [grid.data]);
  const exportBasis = exportBasisOf(book);
  return read.ok && exportBasis !== undefined ? { ok: true, file: { ...read.file, exportBasis } } : read;
}

const ExportBasisCells = z.object({
  cellChanges: z.number().int().nonnegative(),
  at: z.iso.datetime(),
});

/** The export basis a suivi-mes export carries (render-workbook.ts EXPORT_SHEET), whatever the tab's state. */
function exportBasisOf(book: ExcelJS.Workbook): ExportBasis | undefined {
  const ws = book.getWorksheet(EXPORT_SHEET);
  if (!ws) return undefined;
  const basis = ExportBasisCells.safeParse({
    cellChanges: ws.getRow(1).getCell(2).value,
    at: ws.getRow(2).getCell(2).value,
  });
  return basis.success ? basis.data : undefined;
}
