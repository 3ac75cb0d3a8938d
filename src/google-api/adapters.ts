// The API adapters a Google command works with, all built over one GoogleContext (context.ts). Not in context.ts:
// each adapter imports its context, so the context naming them would make an import cycle.
import type { DriveAdapter } from './drive';
import type { FormsAdapter } from './forms';
import type { SheetsAdapter } from './sheets';

export interface GoogleAdapters {
  sheets: SheetsAdapter;
  forms: FormsAdapter;
  drive: DriveAdapter;
}
