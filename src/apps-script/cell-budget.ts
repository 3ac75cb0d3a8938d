// Google's 10-million-cell limit per spreadsheet (every tab's rows × columns, blank cells included) and the figures
// this runtime plans with to stay under it: establishments are spread over as many responses spreadsheets as their
// reserved season needs, each under CELL_BUDGET, and once a pilot is too large for its response tabs to keep a new
// tab's size, each is trimmed to its question columns and its header as it is linked. The bench computes its
// 3,000-establishment figures with these same functions.
// Why: docs/limites-cellules.md. Sources: Google Drive Help « Files you can store in Google Drive »
// (https://support.google.com/drive/answer/37603) and Google Workspace Updates « Google Sheets doubles cell
// limit » (https://workspaceupdates.googleblog.com/2022/03/ten-million-cells-google-sheets.html).
import { pilotWeeks, type PilotCalendar } from '../domain/calendar';
import type { ItemSpec } from './form-spec';
import { frAppsScript } from './messages';
import type { GasSheet, GasSpreadsheet } from './gas-api';
import type { Runtime } from './runtime';
import type { FormMeta } from '../google/stored-json';
import type { WorkbookGeometry } from './workbook-geometry';

/** « Up to 10 million cells » per spreadsheet, blank cells included (Google Drive Help, « Files you can store in Google Drive »). */
export const SPREADSHEET_CELL_LIMIT = 10_000_000;
/** What this runtime lets a spreadsheet reach: 20 % below Google's limit, for a form linked or a tab drawn. */
export const CELL_BUDGET = 8_000_000;
/** Rows a trimmed response tab keeps: the question titles and one empty row (responses add rows as they come). */
export const TRIMMED_RESPONSE_ROWS = 2;
/** Weekly responses reserved per week of the season: a report and three resubmissions (refused ones included). */
export const WEEKLY_RESPONSES_PER_WEEK = 4;
/** Initialisation responses reserved per establishment: the profile and a few updates. */
export const INITIALISATION_RESPONSES = 10;
/** Weeks reserved at least, however short the configured calendar: a pilot is often extended. */
export const MIN_SEASON_WEEKS = 52;

export type ResponseForm = 'weekly' | 'initialisation';

/** Columns of a form's response tab: the timestamp, then one per question (section headers have none). */
export function responseColumns(specs: readonly ItemSpec[]): number {
  return 1 + specs.filter((s) => s.kind !== 'section').length;
}

/** The same count for a form already made, from the item keys it records (the keys are the specs'). */
export function responseColumnsOfMeta(meta: FormMeta): number {
  return 1 + Object.keys(meta.items).filter((key) => !key.startsWith('section:')).length;
}

/** Weeks of responses a responses spreadsheet reserves room for. */
export function reservedWeeks(calendar: PilotCalendar): number {
  return Math.max(MIN_SEASON_WEEKS, pilotWeeks(calendar).length);
}

/** Rows one form's response tab may reach over a season of `weeks` weeks (its header included). */
export function reservedResponseRows(form: ResponseForm, weeks: number): number {
  return 1 + (form === 'weekly' ? weeks * WEEKLY_RESPONSES_PER_WEEK : INITIALISATION_RESPONSES);
}

/**
 * Cells one form's response tab may reach over the season, trimmed when linked or left at a new tab's size (it
 * grows only past that): what its responses spreadsheet reserves for it.
 */
export function reservedResponseCells(
  form: ResponseForm,
  columns: number,
  weeks: number,
  trimmed: boolean,
): number {
  const rows = reservedResponseRows(form, weeks);
  return trimmed ? columns * rows : Math.max(NEW_TAB_COLUMNS, columns) * Math.max(NEW_TAB_ROWS, rows);
}

/** Cells one establishment's two response tabs reserve. */
export function reservedEstablishmentCells(
  columns: Readonly<Record<ResponseForm, number>>,
  weeks: number,
  trimmed: boolean,
): number {
  return (
    reservedResponseCells('weekly', columns.weekly, weeks, trimmed) +
    reservedResponseCells('initialisation', columns.initialisation, weeks, trimmed)
  );
}

/**
 * Whether the response tabs of a pilot of `establishments` are trimmed as they are linked: when, left at a new
 * tab's size, they would not all fit one responses spreadsheet. Trimming costs two calls per form (about 7 s of an
 * install of 16 establishments, which must fit one execution); a small pilot's tabs fit without it.
 */
export function trimsResponseTabs(
  establishments: number,
  columns: Readonly<Record<ResponseForm, number>>,
  weeks: number,
  budget: number,
): boolean {
  return (
    NEW_TAB_ROWS * NEW_TAB_COLUMNS + establishments * reservedEstablishmentCells(columns, weeks, false) >
    budget
  );
}

/** A spreadsheet's cells as Google counts them (two reads per tab). */
export function gridCells(spreadsheet: GasSpreadsheet): number {
  return spreadsheet.getSheets().reduce((n, s) => n + s.getMaxRows() * s.getMaxColumns(), 0);
}

/** Cells over a season below which a trimming call is not worth its time. */
export const CELLS_WORTH_A_CALL = 1_000;
/** A new tab's size; a newly linked response tab has as many rows, and as many columns or one per question. */
export const NEW_TAB_ROWS = 1000;
export const NEW_TAB_COLUMNS = 26;

/**
 * Trims a response tab to its question columns and its header (and any response already there): Google gives a
 * newly linked tab the size of a new tab, 26,000 cells mostly blank, which a few hundred forms would exhaust.
 * `known`: what the caller knows of a tab it has just linked (the form's columns, no response). Its size is then
 * taken as a new tab's rather than read (a larger tab keeps a few blank rows; a smaller one is read and trimmed),
 * and blank columns are left when, over the reserved rows, they would cost fewer cells than a call is worth.
 */
export function trimResponseTab(
  tab: GasSheet,
  reservedRows: number,
  known?: { columns: number; lastRow: number },
): void {
  const rows = Math.max(TRIMMED_RESPONSE_ROWS, (known?.lastRow ?? tab.getLastRow()) + 1);
  const columns = Math.max(1, known?.columns ?? tab.getLastColumn());
  let maxRows = known ? NEW_TAB_ROWS : tab.getMaxRows();
  let maxColumns = known ? Math.max(NEW_TAB_COLUMNS, columns) : tab.getMaxColumns();
  try {
    if (maxRows > rows) tab.deleteRows(rows + 1, maxRows - rows);
  } catch {
    maxRows = tab.getMaxRows();
    if (maxRows > rows) tab.deleteRows(rows + 1, maxRows - rows);
  }
  if ((maxColumns - columns) * reservedRows <= CELLS_WORTH_A_CALL) return;
  try {
    tab.deleteColumns(columns + 1, maxColumns - columns);
  } catch {
    maxColumns = tab.getMaxColumns();
    if (maxColumns > columns) tab.deleteColumns(columns + 1, maxColumns - columns);
  }
}

/**
 * Deletes a new tab's columns past `columns`: a tab that grows by rows (Historique, Journal…) would otherwise carry
 * its blank columns on every row. A new tab is taken as NEW_TAB_COLUMNS wide; a narrower one is read.
 */
export function trimNewTabColumns(tab: GasSheet, columns: number): void {
  if (columns >= NEW_TAB_COLUMNS) return;
  try {
    tab.deleteColumns(columns + 1, NEW_TAB_COLUMNS - columns);
  } catch {
    const maxColumns = tab.getMaxColumns();
    if (maxColumns > columns) tab.deleteColumns(columns + 1, maxColumns - columns);
  }
}

/** What a season adds to the master workbook, per Suivi row and per week. */
export interface SeasonActivity {
  /** Historique rows: a report and its resubmissions (refusals add none). */
  versionsPerWeek: number;
  /** Journal rows: accepted reports, refusals and their e-mails, reminders. */
  journalPerWeek: number;
  /** Modifications rows: ARS / ANS cell edits. */
  changesPerWeek: number;
}

/**
 * Cells of the master workbook's tabs that grow by rows, at the end of a season of `weeks` weeks over `rows` Suivi
 * rows: each is its width (its blank columns deleted when created) times its rows, never fewer than a new tab's.
 */
export function masterGrowingCells(
  geometry: WorkbookGeometry,
  rows: number,
  weeks: number,
  activity: SeasonActivity,
): { historique: number; journal: number; modifications: number } {
  const tab = (perWeek: number, width: number) =>
    Math.max(NEW_TAB_ROWS, 1 + Math.ceil(rows * weeks * perWeek)) * width;
  return {
    historique: tab(activity.versionsPerWeek, geometry.historyJsonCol),
    journal: tab(activity.journalPerWeek, geometry.journalWidth),
    modifications: tab(activity.changesPerWeek, geometry.modificationsWidth),
  };
}

/**
 * The Monday check of the master workbook's size: past CELL_BUDGET, the Journal says so and the owner is told, while
 * Google's limit is still 2 million cells away (Historique is then archived by hand, docs/limites-cellules.md).
 * Returns the cells counted.
 */
export function checkMasterCells(rt: Runtime): number {
  const cells = gridCells(rt.master);
  if (cells > CELL_BUDGET) {
    const message = frAppsScript.masterCellsHigh(cells, SPREADSHEET_CELL_LIMIT);
    rt.store.transaction(() =>
      rt.store.appendJournal({
        at: rt.clock.now().toISOString(),
        kind: 'reconcile',
        actor: 'suivi-mes',
        role: 'system',
        summary: message,
      }),
    );
    rt.notify(message);
  }
  return cells;
}
