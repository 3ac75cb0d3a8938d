// The cell changes a workbook on the fake holds in its Modifications tab, decoded from the tab's JSON column as
// both Google runtimes decode them (src/google/stored-json.ts).
import { frWorkbookLayout } from '../../../src/google/messages';
import { parseCellChange } from '../../../src/google/stored-json';
import type { CellChange } from '../../../src/domain/model';
import type { FakeWorkspace } from './fake-workspace';

export function modificationsOf(fake: FakeWorkspace, spreadsheetId: string): CellChange[] {
  const json = frWorkbookLayout.modificationsHeader.length - 1;
  return fake
    .values(spreadsheetId, 'Modifications')
    .slice(1)
    .map((row, i) => parseCellChange(String(row[json]), `Modifications row ${i + 2}`));
}
