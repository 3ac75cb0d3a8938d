// Reads a grid of cells laid out like the official tracking file (an exported workbook edited offline, or one typed
// by hand): finds the label row, maps each column to the tracking file by its verbatim label, and lists the data
// rows. It decides nothing about who may change what (src/app/import-workbook.ts does) and reads no file. Pure.
import { columnLetter } from './a1';
import type { Column, TrackingFile } from '../../schema/tracking-file';
import { foldForMatch } from '../field-rules';
import { frImport, type ErrorCode, type ImportCode } from '../messages';
import { formatFrenchDate } from '../paris-time';
import type { RawValue, RecordEntry } from '../values';
import type { ExportBasis } from './sheet-model';
import { SHEET_NAMES } from './sheet-model';

/**
 * A cell as a spreadsheet holds it: text, number, date (`YYYY-MM-DD`), date and time (`YYYY-MM-DDTHH:MM`, wall
 * clock), boolean, a formula with the value its program last computed (never evaluated here), or an error value.
 */
export type GridCell =
  | { t: 's'; v: string }
  | { t: 'n'; v: number }
  | { t: 'd'; v: string }
  | { t: 'dt'; v: string }
  | { t: 'b'; v: boolean }
  | { t: 'f'; cached: string | number | boolean | null }
  | { t: 'e'; v: string }
  | null;

/** One sheet of an uploaded workbook; `rows[0]` is the sheet's row 1, `rows[r][0]` its column A. */
export interface SheetGrid {
  name: string;
  rows: GridCell[][];
}

/** A problem with the file, a row or a cell, in French. `row` is the sheet's row number, from 1. */
export interface ImportIssue {
  code: ImportCode | ErrorCode;
  message: string;
  row?: number;
  columnId?: string;
}

export interface ParsedColumn {
  /** 0-based column index in the sheet. */
  index: number;
  /** The label as found in the file. */
  label: string;
  /** A tracking-file column id, or KEY_COLUMN for the hidden row key. */
  columnId: string;
}

export interface ParsedRow {
  /** Sheet row number, from 1. */
  row: number;
  /** Cells by tracking-file column id (KEY_COLUMN for the row key), only for the columns the file has. */
  cells: Record<string, GridCell>;
}

export interface ParsedTrackingFile {
  sheet: string;
  /** Sheet row number of the label row. */
  labelRow: number;
  hasKeyColumn: boolean;
  columns: ParsedColumn[];
  rows: ParsedRow[];
  /** Non-blocking remarks (columns absent, values without a label). */
  notices: ImportIssue[];
  /**
   * What the store held when the file was exported, if the file says (workbook/sheet-model.ts ExportBasis): cells changed
   * since are set apart by the import preview. Absent for a file not exported by suivi-mes (or an older export).
   */
  exportBasis?: ExportBasis;
}

export type ReadTrackingResult =
  { ok: true; file: ParsedTrackingFile } | { ok: false; errors: ImportIssue[] };

/** Pseudo column id of the hidden « Clé » column. */
export const KEY_COLUMN = 'row_key';
/** The label row is looked for in this many rows from the top. */
export const HEADER_SCAN_ROWS = 10;
/** Columns that name a row when the file has no key column. */
export const IDENTITY_COLUMN_IDS = ['establishment', 'pathway', 'use_case'] as const;
const PREFERRED_SHEET = SHEET_NAMES.suivi;

const EDGES = /^[\s\u00A0\u202F]+|[\s\u00A0\u202F]+$/g;
// eslint-disable-next-line no-control-regex -- matching control characters is this pattern's purpose
const INVISIBLE = /[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g;

/** A file's text as it may appear in a message: control and direction characters shown as �. */
function visible(text: string): string {
  return text.replace(INVISIBLE, '\uFFFD');
}

/** The text a cell shows for a column: what a person typed, dates in the column's own reading. */

export function cellText(column: Column | undefined, cell: GridCell): string {
  if (cell === null) return '';
  switch (cell.t) {
    case 's':
      return cell.v.replace(/\r\n?/g, '\n').replace(EDGES, '');
    case 'n':
      return String(cell.v);
    case 'd':
      return column?.type.kind === 'date' ? cell.v : formatFrenchDate(cell.v);
    case 'dt': {
      const [date = '', time = ''] = cell.v.split('T');
      if (time === '00:00' || time === '') return cellText(column, { t: 'd', v: date });
      return `${formatFrenchDate(date)} ${time}`;
    }
    case 'b':
      return cell.v ? 'VRAI' : 'FAUX';
    case 'f':
      return cell.cached === null ? '' : cellText(column, primitiveCell(cell.cached));
    case 'e':
      return cell.v;
  }
}

function primitiveCell(v: string | number | boolean): GridCell {
  if (typeof v === 'number') return { t: 'n', v };
  if (typeof v === 'boolean') return { t: 'b', v };
  return { t: 's', v };
}

function labelText(cell: GridCell): string {
  return cellText(undefined, cell).replace(/\s+/g, ' ');
}

/** Label → column id, verbatim first, then accent-, case- and space-insensitive when that is unambiguous. */
function labelIndex(tracking: TrackingFile): (label: string) => string | undefined {
  const exact = new Map<string, string>();
  const folded = new Map<string, string | null>();
  const add = (label: string, id: string) => {
    exact.set(label.replace(/\s+/g, ' ').trim(), id);
    const key = foldForMatch(label);
    folded.set(key, folded.has(key) ? null : id);
  };
  for (const c of tracking.columns) add(c.label, c.id);
  add(tracking.layout.keyColumnLabel, KEY_COLUMN);
  return (label) => exact.get(label) ?? folded.get(foldForMatch(label)) ?? undefined;
}

/** The closest expected label, to suggest when a label is unknown (a renamed column). */
function closestLabel(tracking: TrackingFile, label: string): string | undefined {
  const words = (s: string) =>
    new Set(
      foldForMatch(s)
        .split(/[^a-z0-9]+/)
        .filter((w) => w.length > 2),
    );
  const mine = words(label);
  if (mine.size === 0) return undefined;
  let best: { label: string; score: number } | undefined;
  for (const c of tracking.columns) {
    const theirs = words(c.label);
    let shared = 0;
    for (const w of mine) if (theirs.has(w)) shared += 1;
    const score = shared / Math.max(mine.size, theirs.size);
    if (score > (best?.score ?? 0)) best = { label: c.label, score };
  }
  return best && best.score >= 0.5 ? best.label : undefined;
}

interface HeaderCandidate {
  sheet: SheetGrid;
  row: number;
  score: number;
}

function bestHeader(sheet: SheetGrid, find: (label: string) => string | undefined): HeaderCandidate {
  let best: HeaderCandidate = { sheet, row: -1, score: 0 };
  sheet.rows.slice(0, HEADER_SCAN_ROWS).forEach((cells, r) => {
    const ids = new Set(cells.map((c) => find(labelText(c))).filter((id) => id !== undefined));
    if (ids.size > best.score) best = { sheet, row: r, score: ids.size };
  });
  return best;
}

function isEmpty(cell: GridCell): boolean {
  return cell === null || (cell.t === 's' && cell.v.replace(EDGES, '') === '');
}

/**
 * Finds the tracking sheet among the workbook's sheets (« Suivi » when it has the labels, else the sheet whose
 * label row matches the most columns) and reads it. Unknown or repeated labels, and missing identity columns,
 * refuse the file: a renamed column would otherwise be dropped without a word.
 */
export function readTrackingGrid(tracking: TrackingFile, sheets: readonly SheetGrid[]): ReadTrackingResult {
  const find = labelIndex(tracking);
  const candidates = sheets.map((s) => bestHeader(s, find)).filter((c) => c.score >= 2);
  const header =
    candidates.find((c) => c.sheet.name === PREFERRED_SHEET) ??
    candidates.reduce<HeaderCandidate | undefined>((a, c) => (!a || c.score > a.score ? c : a), undefined);
  const byId = new Map(tracking.columns.map((c) => [c.id, c]));
  if (!header) {
    const examples = IDENTITY_COLUMN_IDS.map((id) => byId.get(id)?.label ?? id);
    return { ok: false, errors: [{ code: 'SHEET_NOT_FOUND', message: frImport.sheetNotFound(examples) }] };
  }

  const labelCells = header.sheet.rows[header.row] ?? [];
  const errors: ImportIssue[] = [];
  const notices: ImportIssue[] = [];
  const columns: ParsedColumn[] = [];
  const seen = new Map<string, number[]>();
  labelCells.forEach((cell, index) => {
    const label = labelText(cell);
    if (label === '') return;
    const columnId = find(label);
    if (columnId === undefined) {
      errors.push({
        code: 'UNKNOWN_COLUMN',
        message: frImport.unknownColumn(columnLetter(index), visible(label), closestLabel(tracking, label)),
      });
      return;
    }
    seen.set(columnId, [...(seen.get(columnId) ?? []), index]);
    columns.push({ index, label, columnId });
  });
  for (const [columnId, indexes] of seen)
    if (indexes.length > 1)
      errors.push({
        code: 'DUPLICATE_COLUMN',
        columnId,
        message: frImport.duplicateColumn(
          byId.get(columnId)?.label ?? tracking.layout.keyColumnLabel,
          indexes.map(columnLetter),
        ),
      });
  const hasKeyColumn = seen.has(KEY_COLUMN);
  if (!hasKeyColumn) {
    const missing = IDENTITY_COLUMN_IDS.filter((id) => !seen.has(id)).map((id) => byId.get(id)?.label ?? id);
    if (missing.length > 0)
      errors.push({
        code: 'IDENTITY_COLUMN_MISSING',
        message: frImport.identityColumnMissing(missing, tracking.layout.keyColumnLabel),
      });
  }
  if (errors.length > 0) return { ok: false, errors };

  const absent = tracking.columns.filter((c) => !seen.has(c.id)).map((c) => c.label);
  if (absent.length > 0) notices.push({ code: 'COLUMN_MISSING', message: frImport.columnsMissing(absent) });
  const mapped = new Set(columns.map((c) => c.index));
  const dataRows = header.sheet.rows.slice(header.row + 1);
  const unlabelled = new Set<number>();
  for (const cells of dataRows)
    cells.forEach((cell, index) => {
      if (!mapped.has(index) && !isEmpty(cell)) unlabelled.add(index);
    });
  for (const index of [...unlabelled].sort((a, b) => a - b))
    notices.push({ code: 'COLUMN_UNLABELLED', message: frImport.columnUnlabelled(columnLetter(index)) });

  const rows: ParsedRow[] = [];
  dataRows.forEach((cells, i) => {
    const row: ParsedRow = { row: header.row + 2 + i, cells: {} };
    let any = false;
    for (const c of columns) {
      const cell = cells[c.index] ?? null;
      row.cells[c.columnId] = cell;
      if (!isEmpty(cell)) any = true;
    }
    if (any) rows.push(row);
  });
  return {
    ok: true,
    file: { sheet: header.sheet.name, labelRow: header.row + 1, hasKeyColumn, columns, rows, notices },
  };
}

export type RawFromCell = { ok: true; raw: RawValue } | { ok: false; issue: ImportIssue };

/**
 * What a cell means for its column, as the raw value the field rules parse: text as typed, numbers and dates as
 * text, record columns split one entry per line and fields in their order (the inverse of valueAsText). A
 * formula or an error value is refused, never evaluated.
 */
export function rawFromCell(column: Column, cell: GridCell): RawFromCell {
  if (cell !== null && cell.t === 'f')
    return {
      ok: false,
      issue: { code: 'FORMULA_IN_CELL', columnId: column.id, message: frImport.formulaInCell(column.label) },
    };
  if (cell !== null && cell.t === 'e')
    return {
      ok: false,
      issue: {
        code: 'ERROR_IN_CELL',
        columnId: column.id,
        message: frImport.errorInCell(column.label, cell.v.slice(0, 20)),
      },
    };
  const text = cellText(column, cell);
  const type = column.type;
  if (type.kind !== 'record') return { ok: true, raw: text };
  const separator = type.multiple ? ',' : ';';
  const entries: RecordEntry[] = [];
  for (const line of text.split('\n')) {
    if (line.replace(EDGES, '') === '') continue;
    const parts = line.split(separator).map((p) => p.replace(EDGES, ''));
    if (parts.length !== type.fields.length)
      return {
        ok: false,
        issue: {
          code: 'RECORD_FORMAT',
          columnId: column.id,
          message: frImport.recordFormat(
            column.label,
            type.fields.map((f) => f.label),
            separator,
            line,
          ),
        },
      };
    entries.push(Object.fromEntries(type.fields.map((f, i) => [f.id, parts[i] ?? ''])));
  }
  return { ok: true, raw: entries };
}
