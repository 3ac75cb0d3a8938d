// The hidden « Modifications » tab of the shared layout (src/google/workbook-layout.ts): drawn by install, or by the
// first flush that records a change in a workbook drawn without it, owner-only as Apps Script makes it. Its rows
// come from the codec (workbook-codec.ts modificationRow).
import type { sheets_v4 } from '@googleapis/sheets';
import { frWorkbookLayout } from '../google/messages';
import { MODIFICATIONS, MODIFICATIONS_PROTECTION } from '../google/workbook-layout';
import { protectionRequest, SPARE_ROWS } from '../google/workbook-requests';
import { a1Block } from './a1';

/**
 * The hidden Modifications tab of the shared layout (workbook-layout.ts), owner-only as Apps Script makes it when
 * `protect` (install, which knows the account to keep as an editor; a flush leaves that to the next install).
 */
export function modificationsSheetRequests(
  sheetId: number,
  index: number,
  protect: { adminEmail: string | undefined } | null,
): sheets_v4.Schema$Request[] {
  return [
    {
      addSheet: {
        properties: {
          sheetId,
          title: MODIFICATIONS,
          index,
          hidden: true,
          gridProperties: {
            rowCount: 1 + SPARE_ROWS,
            columnCount: frWorkbookLayout.modificationsHeader.length,
            frozenRowCount: 1,
          },
        },
      },
    },
    ...(protect ? [protectionRequest(modificationsProtection, sheetId, protect.adminEmail)] : []),
  ];
}

export const modificationsProtection = {
  sheet: MODIFICATIONS,
  rect: null,
  editors: [],
  description: MODIFICATIONS_PROTECTION,
};

/** Modifications' header row. */
export function modificationsHeaderValues(): sheets_v4.Schema$ValueRange {
  const header = frWorkbookLayout.modificationsHeader;
  return {
    range: a1Block(MODIFICATIONS, 0, 0, 1, header.length),
    majorDimension: 'ROWS',
    values: [[...header]],
  };
}
