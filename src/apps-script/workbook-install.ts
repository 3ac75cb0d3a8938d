// Creates the master workbook's tabs that are missing, each drawn from the workbook model (Suivi with its hidden
// technical column, Historique with its hidden version column), and this runtime's own: the hidden Modifications
// tab, the « Textes RETEX » tab where the ARS writes its RETEX sections, the hidden « RETEX (données) » store.
// A tab that exists is left as it is: its data is never redrawn.
import { buildWorkbook, type WorkbookModel } from '../domain/workbook-model';
import { frAppsScript } from '../domain/messages';
import { forceTextForSheets } from '../domain/cell-text';
import type { Runtime } from './runtime';
import { drawSheet, ensureSize, type ExtraColumn } from './sheet-renderer';
import { HISTORY, JOURNAL, MODIFICATIONS, REGISTRY, SUIVI } from './workbook-geometry';
import { trimNewTabColumns } from './cell-budget';
import { RETEX_DATA_SHEET } from './retex-store';
import { olderLayoutProblem } from '../google/workbook-layout';
import { RETEX_TEXTS_SHEET, TEXT_COLUMNS } from './retex-texts';

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
  if (name === HISTORY) return [{ label: frAppsScript.historyJsonColumn, width: 120, hidden: true }];
  return [];
}

/** Creates the missing tabs; returns their names. */
export function createMissingSheets(rt: Runtime): string[] {
  // Drawing this layout's tabs next to the older one's would leave two sets of records that disagree.
  const older = olderLayoutProblem((title) => rt.master.getSheetByName(title) !== null);
  if (older) throw new Error(older);
  const created: string[] = [];
  const model = emptyWorkbook(rt);
  model.sheets.forEach((sheet, index) => {
    if (rt.master.getSheetByName(sheet.name)) return;
    const tab = rt.master.insertSheet(sheet.name, index);
    const extras = extrasOf(sheet.name);
    drawSheet(rt.services, tab, sheet, extras, sheet.name === SUIVI ? SUIVI_ROWS : 0);
    if (GROWING.has(sheet.name)) trimNewTabColumns(tab, sheet.columns.length + extras.length);
    created.push(sheet.name);
  });
  if (!rt.master.getSheetByName(MODIFICATIONS)) {
    const tab = rt.master.insertSheet(MODIFICATIONS, rt.master.getSheets().length);
    const header = frAppsScript.modificationsHeader;
    ensureSize(tab, 2, header.length);
    trimNewTabColumns(tab, header.length);
    tab.getRange(1, 1, 1, header.length).setValues([header.map(forceTextForSheets)]);
    tab.setFrozenRows(1);
    tab.hideSheet();
    created.push(MODIFICATIONS);
  }
  created.push(...createRetexSheets(rt));
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
  const created: string[] = [];
  if (!rt.master.getSheetByName(RETEX_TEXTS_SHEET)) {
    const tab = rt.master.insertSheet(RETEX_TEXTS_SHEET, rt.master.getSheets().length);
    const header = frAppsScript.retexTextsHeader;
    const { maxRows } = ensureSize(tab, 2, header.length);
    trimNewTabColumns(tab, header.length);
    tab.getRange(1, 1, 1, header.length).setValues([header.map(forceTextForSheets)]);
    tab.getRange(1, 1, 1, header.length).setFontWeights([header.map(() => 'bold' as const)]);
    TEXTS_WIDTHS.forEach((w, i) => tab.setColumnWidth(i + 1, w));
    // Long texts wrap in their cell, from the prompt to the status.
    const wrapped = TEXT_COLUMNS.status - TEXT_COLUMNS.prompt + 1;
    tab
      .getRange(1, TEXT_COLUMNS.prompt, maxRows, wrapped)
      .setWraps(Array.from({ length: maxRows }, () => Array.from({ length: wrapped }, () => true)));
    tab.hideColumns(TEXT_COLUMNS.key, 2);
    tab.setFrozenRows(1);
    created.push(RETEX_TEXTS_SHEET);
  }
  if (!rt.master.getSheetByName(RETEX_DATA_SHEET)) {
    const tab = rt.master.insertSheet(RETEX_DATA_SHEET, rt.master.getSheets().length);
    const header = frAppsScript.retexDataHeader;
    ensureSize(tab, 2, header.length);
    tab.getRange(1, 1, 1, header.length).setValues([header.map(forceTextForSheets)]);
    tab.setFrozenRows(1);
    tab.hideSheet();
    created.push(RETEX_DATA_SHEET);
  }
  return created;
}
