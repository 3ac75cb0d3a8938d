// The master workbook as data, built by pure code and drawn three ways (Apps Script, Sheets REST, ExcelJS): tabs,
// header rows, merges, colours, validations, frozen panes, charts, and which role may edit which columns.
// Renderers translate this model; they never decide a label, a colour or an order. One module per tab builds its
// sheet (suivi-sheet.ts, legend-sheet.ts…), workbook.ts the whole. Pure: also runs inside Apps Script.
import type { Column, Role, TrackingFile } from '../../schema/tracking-file';
import type { Cell } from './cells';

/** The tabs of the master workbook, named once for every runtime that draws, reads or writes them. */
export const SHEET_NAMES = {
  suivi: 'Suivi',
  legend: 'Légende',
  history: 'Historique',
  synthesis: 'Synthèse',
  registry: 'Établissements',
  journal: 'Journal',
} as const;

export interface Style {
  fill?: string;
  bold?: boolean;
  italic?: boolean;
  wrap?: boolean;
  hAlign?: 'left' | 'center' | 'right';
  vAlign?: 'top' | 'middle';
  fontColor?: string;
  fontSize?: number;
}

/** A rectangle, 0-based over the whole sheet (header rows included); `rows: null` runs to the end of the sheet. */
export interface Rect {
  row: number;
  col: number;
  rows: number | null;
  cols: number;
}

export type CellRule =
  { kind: 'list'; values: string[] } | { kind: 'integer'; min: number; max: number } | { kind: 'date' };

export type ColumnFormat = 'text' | 'integer' | 'date' | 'datetime';

export interface ColumnSpec {
  /** Stable id: a tracking-file column id, or a metadata key. */
  key: string;
  width: number;
  hidden: boolean;
  owner: Role | null;
  format: ColumnFormat;
}

export interface ChartSpec {
  kind: 'line';
  title: string;
  /** Domain (x) column and series columns, over a block of rows including its header row. */
  domain: Rect;
  series: Rect[];
  /** Where the chart's top-left corner sits. */
  anchor: { row: number; col: number };
}

export type SheetName = (typeof SHEET_NAMES)[keyof typeof SHEET_NAMES];

export interface SheetModel {
  name: SheetName;
  columns: ColumnSpec[];
  /** Rows drawn above the data (Suivi: groups and labels). */
  header: Cell[][];
  rows: Cell[][];
  merges: Rect[];
  styles: Array<{ rect: Rect; style: Style }>;
  frozen: { rows: number; columns: number };
  validations: Array<{ rect: Rect; rule: CellRule }>;
  hidden: boolean;
  charts: ChartSpec[];
  /** Column indexes each role may edit below the header; everything else is for the workbook's owner only. */
  editableBy: Partial<Record<Role, number[]>>;
  /** How the tab prints, for the tabs an ARS prints for the committee; absent: the program's defaults. */
  print?: PrintLayout;
}

/**
 * A printed tab: landscape A4, one page wide (as many pages down as needed), the first `titleRows` rows repeated on
 * every page, the whole tab as print area, the tab's name, the print date and the page number in the footer. Only
 * the .xlsx renderer applies it: a Google spreadsheet keeps no print settings (they are chosen in the print dialog).
 */
export interface PrintLayout {
  orientation: 'landscape';
  titleRows: number;
}

export interface WorkbookModel {
  title: string;
  sheets: SheetModel[];
  /**
   * What the store held when the workbook was taken, for an import to tell the cells changed since (the `.xlsx`
   * writes it in a very hidden tab; the Google renderers need not: their sheet is the live record).
   */
  exportBasis?: ExportBasis;
}

/** `cellChanges`: how many cell changes the store had recorded (they are append-only); `at`: ISO 8601. */
export interface ExportBasis {
  cellChanges: number;
  at: string;
}

// ---------------------------------------------------------------------------------------------------------------
// How a tab's headers and a tracking column look, shared by the tabs.

export const HEADER_GREY = '#D9D9D9';
export const TITLE_STYLE: Style = { bold: true, fontSize: 12 };

export function ownerColor(tracking: TrackingFile, column: Column): string {
  return tracking.owners[column.owner].colors[column.cadence];
}

export function formatOf(column: Column): ColumnFormat {
  if (column.type.kind === 'integer') return 'integer';
  if (column.type.kind === 'date') return 'date';
  return 'text';
}

export function ruleOf(column: Column, departmentCodes: readonly string[]): CellRule | undefined {
  switch (column.type.kind) {
    case 'enum':
      return { kind: 'list', values: [...column.type.options] };
    case 'integer':
      return { kind: 'integer', min: column.type.min, max: column.type.max };
    case 'date':
      return { kind: 'date' };
    case 'department':
      return { kind: 'list', values: [...departmentCodes] };
    default:
      return undefined;
  }
}
