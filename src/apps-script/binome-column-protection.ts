// Where the binôme column sits and how it is protected: read by protections.ts when it draws every protection, and
// by binome-column.ts when it rewrites the column (kept apart so that neither imports the other).
import type { ProtectionSpec } from '../domain/workbook/protection-plan';
import type { Runtime } from './runtime';
import { SUIVI, type WorkbookGeometry } from './workbook-geometry';

export const BINOME_COLUMN_KEY = 'accompaniment.binomeColumn';

/** 1-based: right after the hidden record column. */
export function binomeColumn(g: WorkbookGeometry): number {
  return g.recordCol + 1;
}

export function binomeColumnProtection(rt: Runtime): Omit<ProtectionSpec, 'sheet'> & { sheet: string } {
  return {
    sheet: SUIVI,
    rect: { row: 0, col: binomeColumn(rt.store.geometry) - 1, rows: null, cols: 1 },
    editors: [],
    role: 'owner',
    description: `suivi-mes:${SUIVI}:binome`,
  };
}
