// The RetexStore port over the master workbook's hidden, owner-only « RETEX (données) » tab: the RETEX records both
// Google runtimes keep the one way (src/google/retex-records.ts: section texts, issued versions, the Google Doc of
// each document), in the records-tab layout (json-records-tab.ts over src/google/json-cells.ts), each written by
// ONE call so it is never half there. Read once per store (one getValues). Must not decide a rule: build-retex.ts
// does.
import { RetexRecords, isCompleteDocument, type RetexDocumentFile } from '../../google/retex-records';
import { RETEX_DATA_SHEET } from '../../google/workbook-layout';
import type { GasSheet } from '../gas-api';
import { JsonRecordsTab } from '../json-records-tab';

export { RETEX_DATA_SHEET };
export type { RetexDocumentFile };

export class SheetRetexStore extends RetexRecords {
  constructor(sheet: GasSheet) {
    super(new JsonRecordsTab(sheet, RETEX_DATA_SHEET));
  }

  /**
   * The Google Docs written for an issued version, by document key. A copy the REST runtime recorded but did not
   * finish is left out: this runtime writes that document again.
   */
  override documentFiles(label: string): Map<string, RetexDocumentFile> {
    return new Map([...super.documentFiles(label)].filter(([, file]) => isCompleteDocument(file)));
  }
}
