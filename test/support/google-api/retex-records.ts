// « RETEX (données) » of a workbook on the REST fake, read with the records-tab codec both Google runtimes share:
// how the REST tests check what a RETEX run kept.
import { readRecordRows, type JsonRecord } from '../../../src/google/json-cells';
import { RETEX_DATA_SHEET } from '../../../src/google/workbook-layout';
import type { FakeWorkspace } from './fake-workspace';

export function retexRecordsOf(fake: FakeWorkspace, spreadsheetId: string): JsonRecord[] {
  return readRecordRows(
    fake
      .values(spreadsheetId, RETEX_DATA_SHEET)
      .slice(1)
      .map((r) => r.map(String)),
    RETEX_DATA_SHEET,
  );
}
