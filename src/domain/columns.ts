// Column sets derived from the tracking file, so no module re-lists columns by hand. Pure.
import { columnScope, type Column, type Role, type TrackingFile } from '../schema/tracking-file';

/** Columns of a weekly report: ES-owned, weekly. */
export function reportColumns(tracking: TrackingFile): Column[] {
  return tracking.columns.filter((c) => c.owner === 'es' && c.cadence === 'weekly');
}

/** Cumulative counters: never decrease from one week to the next. */
export function counterColumns(tracking: TrackingFile): Column[] {
  return tracking.columns.filter((c) => c.type.kind === 'integer' && c.type.cumulative);
}

/** ES init columns that describe the whole establishment (the profile), excluding the row's own identity. */
export function profileColumns(tracking: TrackingFile): Column[] {
  return tracking.columns.filter(
    (c) => c.owner === 'es' && c.cadence === 'init' && columnScope(c) === 'establishment',
  );
}

/** Init columns that name one row (pathway, use case). */
export function rowIdentityColumns(tracking: TrackingFile): Column[] {
  return tracking.columns.filter((c) => c.cadence === 'init' && columnScope(c) === 'row');
}

/** Columns a role writes on a row directly (not through a form): ARS and ANS weekly columns. */
export function annotationColumns(tracking: TrackingFile, role?: Role): Column[] {
  return tracking.columns.filter(
    (c) => c.owner !== 'es' && c.cadence === 'weekly' && (role === undefined || c.owner === role),
  );
}

/** Establishment-scoped columns owned by a role (ARS: identity; ES: profile). */
export function establishmentColumns(tracking: TrackingFile, role?: Role): Column[] {
  return tracking.columns.filter(
    (c) => columnScope(c) === 'establishment' && (role === undefined || c.owner === role),
  );
}

export function columnById(tracking: TrackingFile, id: string): Column | undefined {
  return tracking.columns.find((c) => c.id === id);
}

export function requireColumn(tracking: TrackingFile, id: string): Column {
  const column = columnById(tracking, id);
  if (!column) throw new Error(`Column ${id} is not in the tracking file`);
  return column;
}

/** Index of each column in the Suivi layout (0-based), the key column coming last. */
export function columnIndex(tracking: TrackingFile): Map<string, number> {
  return new Map(tracking.columns.map((c, i) => [c.id, i]));
}
