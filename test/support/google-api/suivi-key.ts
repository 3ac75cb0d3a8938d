// The row key of a Suivi row as read from the fake: the hidden key column, after the model's columns and before
// the hidden record column of the shared layout (src/google/workbook-layout.ts).
import { suiviHiddenColumns } from '../../../src/google/workbook-layout';
import type { TrackingFile } from '../../../src/schema/tracking-file';
import { defaultProject } from '../project';

export function suiviKey(
  row: readonly unknown[],
  tracking: TrackingFile = defaultProject().tracking,
): unknown {
  return row[suiviHiddenColumns(tracking).keyCol - 1];
}
