// The RETEX store over « RETEX (données) », its tabs drawn (and protected) first when they are missing. Its own
// module: sheet edits need the store, and must not import the RETEX job itself (an import cycle through pending).
import { applyProtections } from '../protections';
import type { Runtime } from '../runtime';
import { createRetexSheets } from '../workbook-install';
import { RETEX_DATA_SHEET, SheetRetexStore } from './retex-store';

/** The RETEX store, its tabs created (and protected) first on a workbook installed before them. */
export function openRetexStore(rt: Runtime): SheetRetexStore {
  if (createRetexSheets(rt).length > 0) applyProtections(rt);
  return new SheetRetexStore(rt.store.sheet(RETEX_DATA_SHEET));
}
