// Suivi: the official layout. Row 1: merged group headers; row 2: verbatim labels; then one row per establishment
// × use case with its current state, coloured by owning role. Pure: also runs inside Apps Script.
import { columnScope, ROLES, type TrackingFile } from '../../schema/tracking-file';
import {
  rowKey,
  type EstablishmentRecord,
  type ReportVersion,
  type RowKey,
  type UseCaseRecord,
} from '../model';
import type { FieldValue, Values } from '../values';
import { cellOf, text, type Cell } from './cells';
import {
  formatOf,
  HEADER_GREY,
  ownerColor,
  ruleOf,
  SHEET_NAMES,
  type ColumnSpec,
  type SheetModel,
} from './sheet-model';

export const SUIVI_HEADER_ROWS = 2;

/** Row-1 segments: consecutive columns sharing group and subgroup, labelled « Groupe – Sous-groupe ». */
export function groupSegments(tracking: TrackingFile): Array<{ label: string; col: number; cols: number }> {
  const segments: Array<{ key: string; label: string; col: number; cols: number }> = [];
  tracking.columns.forEach((column, i) => {
    const key = `${column.group}/${column.subgroup ?? ''}`;
    const last = segments[segments.length - 1];
    if (last && last.key === key) {
      last.cols += 1;
      return;
    }
    const group = tracking.groups.find((g) => g.id === column.group);
    const sub = group?.subgroups?.find((s) => s.id === column.subgroup);
    const label = [group?.label ?? '', sub?.label ?? ''].filter((s) => s !== '').join(' – ');
    segments.push({ key, label, col: i, cols: 1 });
  });
  return segments.map(({ label, col, cols }) => ({ label, col, cols }));
}

/** The Suivi row of one establishment × use case: identity, profile, current report, ARS/ANS cells, key. */
export function suiviRowValues(
  tracking: TrackingFile,
  establishment: EstablishmentRecord,
  useCase: UseCaseRecord,
  current: ReportVersion | undefined,
  annotations: Values,
): Values {
  const out: Record<string, FieldValue> = {};
  for (const column of tracking.columns) {
    if (columnScope(column) === 'establishment') out[column.id] = establishment.values[column.id] ?? null;
    else if (column.cadence === 'init') out[column.id] = useCase.values[column.id] ?? null;
    else if (column.owner === 'es') out[column.id] = current?.values[column.id] ?? null;
    else out[column.id] = annotations[column.id] ?? null;
  }
  return out;
}

export function suiviRowCells(tracking: TrackingFile, values: Values, key: RowKey): Cell[] {
  return [...tracking.columns.map((c) => cellOf(c, values[c.id])), text(key)];
}

export interface SuiviRow {
  key: RowKey;
  values: Values;
}

/** Every row of Suivi, in registry order. */
export function suiviRows(
  tracking: TrackingFile,
  establishments: readonly EstablishmentRecord[],
  current: ReadonlyMap<RowKey, ReportVersion>,
  annotations: ReadonlyMap<RowKey, Values>,
): SuiviRow[] {
  return establishments.flatMap((e) =>
    e.useCases.map((u) => {
      const key = rowKey(e.id, u.id);
      return { key, values: suiviRowValues(tracking, e, u, current.get(key), annotations.get(key) ?? {}) };
    }),
  );
}

export function suiviSheet(
  tracking: TrackingFile,
  rows: readonly SuiviRow[],
  departmentCodes: readonly string[],
): SheetModel {
  const columns: ColumnSpec[] = [
    ...tracking.columns.map((c) => ({
      key: c.id,
      width: c.width,
      hidden: false,
      owner: c.owner,
      format: formatOf(c),
    })),
    { key: 'row_key', width: 160, hidden: true, owner: null, format: 'text' as const },
  ];
  const segments = groupSegments(tracking);
  const groupRow: Cell[] = columns.map(() => null);
  for (const s of segments) groupRow[s.col] = text(s.label);
  const labelRow: Cell[] = [
    ...tracking.columns.map((c) => text(c.label)),
    text(tracking.layout.keyColumnLabel),
  ];
  const styles: SheetModel['styles'] = [
    {
      rect: { row: 0, col: 0, rows: 1, cols: columns.length },
      style: { bold: true, hAlign: 'center', vAlign: 'middle', fill: HEADER_GREY },
    },
  ];
  const validations: SheetModel['validations'] = [];
  tracking.columns.forEach((c, i) => {
    const color = ownerColor(tracking, c);
    styles.push({
      rect: { row: 1, col: i, rows: 1, cols: 1 },
      style: { bold: true, wrap: true, vAlign: 'middle', hAlign: 'center', fill: color },
    });
    styles.push({
      rect: { row: SUIVI_HEADER_ROWS, col: i, rows: null, cols: 1 },
      style: { fill: color, wrap: c.type.kind === 'longText', vAlign: 'top' },
    });
    const rule = ruleOf(c, departmentCodes);
    if (rule) validations.push({ rect: { row: SUIVI_HEADER_ROWS, col: i, rows: null, cols: 1 }, rule });
  });
  const editableBy: SheetModel['editableBy'] = {};
  for (const role of ROLES)
    editableBy[role] = tracking.columns.flatMap((c, i) => (c.owner === role ? [i] : []));
  return {
    name: SHEET_NAMES.suivi,
    columns,
    header: [groupRow, labelRow],
    rows: rows.map((r) => suiviRowCells(tracking, r.values, r.key)),
    merges: segments.filter((s) => s.cols > 1).map((s) => ({ row: 0, col: s.col, rows: 1, cols: s.cols })),
    styles,
    frozen: { rows: SUIVI_HEADER_ROWS, columns: tracking.layout.frozenColumns },
    validations,
    hidden: false,
    charts: [],
    editableBy,
    print: { orientation: 'landscape', titleRows: SUIVI_HEADER_ROWS },
  };
}
