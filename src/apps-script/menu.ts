// The « Suivi MES » menu the master workbook shows (simple onOpen trigger). Each item calls a top-level function
// of the bundle by name.
import { frAppsScript } from '../domain/messages';
import type { GasUi } from './gas-api';

export const MENU_ITEMS: ReadonlyArray<readonly [keyof typeof frAppsScript.menu, string]> = [
  ['install', 'install'],
  ['refreshSummary', 'refreshSummary'],
  ['weeklyTick', 'weeklyTick'],
  ['sendReminders', 'sendReminders'],
  ['retexV1', 'buildRetexV1'],
  ['retexVF', 'buildRetexVF'],
  ['smoke', 'smokeGoogle'],
];

export function addMenu(ui: GasUi): void {
  let menu = ui.createMenu(frAppsScript.menuTitle);
  MENU_ITEMS.forEach(([label, fn], i) => {
    if (i === 4 || i === 6) menu = menu.addSeparator();
    menu = menu.addItem(frAppsScript.menu[label], fn);
  });
  menu.addToUi();
}
