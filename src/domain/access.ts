// Who may write which column: the `owner` of each column in the tracking file is the rule table, and this is the
// one checker that every write path (ingestion, grid edits, imports, sheet edits) asks. Pure.
import type { Column, Role, TrackingFile } from '../schema/tracking-file';
import { fieldError, fr, type FieldError } from './messages';

/** How a value is being written: normal entry by its owner, or the ARS correcting an ES value with a reason. */
export type WriteMode = 'entry' | 'correction';

export type AccessDecision = { allowed: true } | { allowed: false; error: FieldError };

/** The role that may correct values another role declared (with a reason, kept in history). */
export const CORRECTING_ROLE: Role = 'ars';

export function canWrite(
  tracking: TrackingFile,
  role: Role,
  column: Column,
  mode: WriteMode = 'entry',
): AccessDecision {
  if (mode === 'correction') {
    if (role === CORRECTING_ROLE && column.owner === 'es' && column.cadence === 'weekly')
      return { allowed: true };
    return {
      allowed: false,
      error: fieldError(
        column.id,
        'CORRECTION_NOT_ALLOWED',
        fr.correctionNotAllowed(column.label),
        `${role} cannot correct ${column.id}`,
      ),
    };
  }
  if (column.owner === role) return { allowed: true };
  return {
    allowed: false,
    error: fieldError(
      column.id,
      'COLUMN_NOT_OWNED',
      fr.columnNotOwned(column.label, tracking.owners[column.owner].legend),
      `${role} cannot write ${column.id} (owner: ${column.owner})`,
    ),
  };
}

/** Columns a role writes in normal entry, in tracking-file order. */
export function writableColumns(tracking: TrackingFile, role: Role): Column[] {
  return tracking.columns.filter((c) => canWrite(tracking, role, c).allowed);
}
