// Creates the master workbook's tabs that are missing, each drawn from the workbook model (Suivi with its hidden
// technical column, Historique with its hidden version column), and this runtime's own: the hidden Modifications
// tab, the « Textes RETEX » tab where the ARS writes its RETEX sections, the hidden « RETEX (données) » store.
// Tabs and values go through SpreadsheetApp; every tab's layout (widths, formats, validations, frozen panes,
// visibility) goes in one Sheets API batch. A tab that exists is left as it is: its data is never redrawn.
import { buildWorkbook } from '../domain/workbook/workbook';
import type { WorkbookModel } from '../domain/workbook/sheet-model';
import { forceTextForSheets } from '../domain/workbook/cell-text';
import type { Runtime } from './runtime';
import {
  columnRequests,
  formatRequest,
  retexDataSheetProperties,
  sheetPropertiesRequest,
  type SheetsRequest,
} from '../google/workbook-requests';
import { drawSheet, ensureSize, type ExtraColumn } from './sheet-renderer';
import { sendSheetsBatch } from './sheets-batch';
import { HISTORY, JOURNAL, MODIFICATIONS, REGISTRY, SUIVI } from './workbook-geometry';
import { trimNewTabColumns } from './cell-budget';
import { RETEX_DATA_SHEET } from './retex/retex-store';
import { RETEX_TEXTS_SHEET, TEXT_COLUMNS } from './retex/retex-texts';
import { frAppsScript } from './messages';
import { frWorkbookLayout } from '../google/messages';
import { OLDER_REST_DATA_SHEET } from '../google/workbook-layout';

/** Tabs that grow by a row per establishment, report or change: their blank columns are deleted when created. */
const GROWING = new Set<string>([HISTORY, JOURNAL, REGISTRY]);

/** Rows a new Suivi tab has: room for every establishment row, so its protections cover rows added later. */
const SUIVI_ROWS = 1000;

/** The model with no data: the tabs, their headers, layout and protections. */
export function emptyWorkbook(rt: Runtime): WorkbookModel {
  const { tracking, config, departments } = rt.project;
  return buildWorkbook({
    tracking,
    config,
    calendar: rt.calendar,
    departmentCodes: departments.map((d) => d.code),
    establishments: [],
    versions: [],
    annotations: new Map(),
    journal: [],
    links: new Map(),
    now: rt.clock.now(),
  });
}

function extrasOf(name: string): ExtraColumn[] {
  if (name === SUIVI) return [{ label: frAppsScript.technicalColumn, width: 120, hidden: true }];
  if (name === HISTORY) return [{ label: frWorkbookLayout.historyJsonColumn, width: 120, hidden: true }];
  return [];
}

/** Creates the missing tabs, their layout drawn by one Sheets API batch; returns their names. */
export function createMissingSheets(rt: Runtime): string[] {
  // A workbook the command line installed keeps « Données », and its records in Suivi as this script does: it is
  // driven as it is. One an older version left has its records in « Données » only: reading Suivi's records then
  // refuses it with the French message (olderLayoutProblem), before anything is drawn next to it.
  if (rt.master.getSheetByName(OLDER_REST_DATA_SHEET) && rt.master.getSheetByName(SUIVI)) {
    rt.store.reload();
    rt.store.rows();
  }
  const created: string[] = [];
  const requests: SheetsRequest[] = [];
  const model = emptyWorkbook(rt);
  model.sheets.forEach((sheet, index) => {
    if (rt.master.getSheetByName(sheet.name)) return;
    const tab = rt.master.insertSheet(sheet.name, index);
    const extras = extrasOf(sheet.name);
    requests.push(...drawSheet(tab, sheet, extras, sheet.name === SUIVI ? SUIVI_ROWS : 0));
    if (GROWING.has(sheet.name)) trimNewTabColumns(tab, sheet.columns.length + extras.length);
    created.push(sheet.name);
  });
  if (!rt.master.getSheetByName(MODIFICATIONS)) {
    const tab = rt.master.insertSheet(MODIFICATIONS, rt.master.getSheets().length);
    const header = frAppsScript.modificationsHeader;
    ensureSize(tab, 2, header.length);
    trimNewTabColumns(tab, header.length);
    tab.getRange(1, 1, 1, header.length).setValues([header.map(forceTextForSheets)]);
    requests.push(sheetPropertiesRequest(tab.getSheetId(), { frozenRows: 1, hidden: true }));
    created.push(MODIFICATIONS);
  }
  const retex = retexSheets(rt);
  created.push(...retex.created);
  requests.push(...retex.requests);
  sendSheetsBatch(rt.services, rt.master.getId(), requests);
  // The blank first tab of a new spreadsheet, once the workbook's own tabs exist.
  for (const name of ['Sheet1', 'Feuille 1']) {
    const blank = rt.master.getSheetByName(name);
    if (blank && blank.getLastRow() === 0 && blank.getLastColumn() === 0) rt.master.deleteSheet(blank);
  }
  return created;
}

/** Widths of the « Textes RETEX » columns, in pixels (the technical ones are hidden). */
const TEXTS_WIDTHS = [260, 220, 320, 520, 240, 120, 120];

/** Creates the RETEX tabs that are missing (also called by a RETEX build on a workbook installed before them). */
export function createRetexSheets(rt: Runtime): string[] {
  const { created, requests } = retexSheets(rt);
  sendSheetsBatch(rt.services, rt.master.getId(), requests);
  return created;
}

/** The missing RETEX tabs, created with their values; their layout returned as requests to send. */
function retexSheets(rt: Runtime): { created: string[]; requests: SheetsRequest[] } {
  const created: string[] = [];
  const requests: SheetsRequest[] = [];
  if (!rt.master.getSheetByName(RETEX_TEXTS_SHEET)) {
    const tab = rt.master.insertSheet(RETEX_TEXTS_SHEET, rt.master.getSheets().length);
    const header = frAppsScript.retexTextsHeader;
    ensureSize(tab, 2, header.length);
    trimNewTabColumns(tab, header.length);
    tab.getRange(1, 1, 1, header.length).setValues([header.map(forceTextForSheets)]);
    const id = tab.getSheetId();
    const hidden = (i: number) => i + 1 >= TEXT_COLUMNS.key && i + 1 < TEXT_COLUMNS.key + 2;
    requests.push(
      formatRequest(id, { row: 0, col: 0, rows: 1, cols: header.length }, { bold: true }),
      ...columnRequests(
        id,
        TEXTS_WIDTHS.map((width, i) => ({ width, hidden: hidden(i) })),
      ),
      // Long texts wrap in their cell, from the prompt to the status.
      formatRequest(
        id,
        {
          row: 0,
          col: TEXT_COLUMNS.prompt - 1,
          rows: null,
          cols: TEXT_COLUMNS.status - TEXT_COLUMNS.prompt + 1,
        },
        { wrap: true },
      ),
      sheetPropertiesRequest(id, { frozenRows: 1 }),
    );
    created.push(RETEX_TEXTS_SHEET);
  }
  if (!rt.master.getSheetByName(RETEX_DATA_SHEET)) {
    const tab = rt.master.insertSheet(RETEX_DATA_SHEET, rt.master.getSheets().length);
    const header = frWorkbookLayout.recordsTabHeader;
    ensureSize(tab, 2, header.length);
    tab.getRange(1, 1, 1, header.length).setValues([header.map(forceTextForSheets)]);
    requests.push(sheetPropertiesRequest(tab.getSheetId(), retexDataSheetProperties));
    created.push(RETEX_DATA_SHEET);
  }
  return { created, requests };
}
