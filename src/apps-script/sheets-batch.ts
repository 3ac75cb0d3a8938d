// Sends Sheets API requests (the bodies src/google builds for both Google runtimes) through Apps Script's advanced
// Sheets service: one spreadsheets.batchUpdate per spreadsheet instead of a SpreadsheetApp call per range, width or
// protection. Google applies a batch atomically (« If any request is not valid then the entire request will fail
// and nothing will be applied », Sheets API reference « Method: spreadsheets.batchUpdate »,
// https://developers.google.com/sheets/api/reference/rest/v4/spreadsheets/batchUpdate).
import { frAppsScript } from './messages';
import type { SheetsRequest } from '../google/workbook-requests';
import type { GasServices, SheetsBatchResponse } from './gas-api';

/** Applies `requests` to one spreadsheet in one call (none when there is nothing to send). */
export function sendSheetsBatch(
  services: GasServices,
  spreadsheetId: string,
  requests: readonly SheetsRequest[],
): SheetsBatchResponse | null {
  if (requests.length === 0) return null;
  const api = services.Sheets?.Spreadsheets;
  // The manifest enables the service; a copy of the script without it gets told how to add it.
  if (!api) throw new Error(frAppsScript.sheetsApiMissing);
  return api.batchUpdate({ requests: [...requests] }, spreadsheetId);
}
