// The « Suivi MES » menu the master workbook shows (simple onOpen trigger). Each item calls a top-level function
// of the bundle by name. Every item changes the system, so only the owner gets them (owner.ts); anyone else gets
// one item saying who administers the pilot and what they do without a menu.
import { frAppsScript } from './messages';
import type { GasUi } from './gas-api';

export const MENU_ITEMS: ReadonlyArray<readonly [keyof typeof frAppsScript.menu, string]> = [
  ['install', 'install'],
  ['refreshSummary', 'refreshSummary'],
  ['weeklyTick', 'weeklyTick'],
  ['sendReminders', 'sendReminders'],
  ['retexV1', 'buildRetexV1'],
  ['retexVF', 'buildRetexVF'],
  ['smoke', 'smokeGoogle'],
  ['accompaniment', 'prepareAccompaniment'],
  ['committee', 'committeePack'],
];

/** What the menu offers someone other than the owner. */
export const OTHERS_MENU_ITEMS: ReadonlyArray<readonly [keyof typeof frAppsScript.menu, string]> = [
  ['access', 'explainAccess'],
];

export function addMenu(ui: GasUi, audience: 'owner' | 'others' = 'owner'): void {
  let menu = ui.createMenu(frAppsScript.menuTitle);
  const items = audience === 'owner' ? MENU_ITEMS : OTHERS_MENU_ITEMS;
  items.forEach(([label, fn], i) => {
    if (audience === 'owner' && (i === 4 || i === 6)) menu = menu.addSeparator();
    menu = menu.addItem(frAppsScript.menu[label], fn);
  });
  menu.addToUi();
}
