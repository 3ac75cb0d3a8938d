// The RetexStore of the REST runtime: the RETEX records both Google runtimes keep the one way in the hidden, owner-only
// « RETEX (données) » tab (src/google/retex-records.ts over the records-tab layout of src/google/json-cells.ts), read
// with the RestStore's one load and written by its flush. A record read back that does not pass its schema stops
// the command with the French message of a hand-edited hidden tab.
import { RetexRecords } from '../../google/retex-records';
import { frWorkbookLayout } from '../../google/messages';
import { RETEX_DATA_SHEET } from '../../google/workbook-layout';
import { GoogleApiError } from '../errors';
import type { RestStore } from '../rest-store';

export class RestRetexStore extends RetexRecords {
  constructor(store: RestStore) {
    super(
      store.retexTab,
      (error) =>
        new GoogleApiError('BAD_REPLY', frWorkbookLayout.unreadableTab(RETEX_DATA_SHEET), error.message, {
          cause: error,
        }),
    );
  }
}
