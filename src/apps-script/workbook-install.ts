// Creates the master workbook's tabs that are missing, each drawn from the workbook model (Suivi with its hidden
// technical column, Historique with its hidden version column, the hidden Modifications tab this runtime adds).
// A tab that exists is left as it is: its data is never redrawn.
import { buildWorkbook, type WorkbookModel } from '../domain/workbook-model';
import { frAppsScript } from '../domain/messages';
import { forceTextForSheets } from '../domain/cell-text';
import type { Runtime } from './runtime';
import { drawSheet, ensureSize, type ExtraColumn } from './sheet-renderer';
import { HISTORY, MODIFICATIONS, SUIVI } from './workbook-geometry';

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
  const created: string[] = [];
  const model = emptyWorkbook(rt);
  model.sheets.forEach((sheet, index) => {
    if (rt.master.getSheetByName(sheet.name)) return;
    const tab = rt.master.insertSheet(sheet.name, index);
    drawSheet(rt.services, tab, sheet, extrasOf(sheet.name), sheet.name === SUIVI ? SUIVI_ROWS : 0);
    created.push(sheet.name);
  });
  if (!rt.master.getSheetByName(MODIFICATIONS)) {
    const tab = rt.master.insertSheet(MODIFICATIONS, rt.master.getSheets().length);
    const header = frAppsScript.modificationsHeader;
    ensureSize(tab, 2, header.length);
    tab.getRange(1, 1, 1, header.length).setValues([header.map(forceTextForSheets)]);
    tab.setFrozenRows(1);
    tab.hideSheet();
    created.push(MODIFICATIONS);
  }
  // The blank first tab of a new spreadsheet, once the workbook's own tabs exist.
  for (const name of ['Sheet1', 'Feuille 1']) {
    const blank = rt.master.getSheetByName(name);
    if (blank && blank.getLastRow() === 0 && blank.getLastColumn() === 0) rt.master.deleteSheet(blank);
  }
  return created;
}
