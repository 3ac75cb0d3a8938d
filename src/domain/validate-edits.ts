// Validates the other ways values change: the ES profile (initialisation form), a cell edited by its owner
// (ARS/ANS columns, identity), and the ARS correcting an ES weekly value with a reason. Pure.
import type { Column, Role } from '../schema/tracking-file';
import { canWrite } from './access';
import { counterColumns, profileColumns, reportColumns, rowIdentityColumns } from './columns';
import { parseField } from './field-rules';
import type { RowLedger } from './ledger';
import { fieldError, fr, type FieldError, type SoftWarning } from './messages';
import type { EstablishmentRecord, ReportVersion } from './model';
import { hasUnsafeCharacters } from './safe-text';
import type { FieldValue, RawValue, RawValues, Values } from './values';
import {
  counterErrors,
  fieldContext,
  softWarnings,
  unknownFields,
  validateWeek,
  type ValidationContext,
} from './validate-weekly-report';

export interface ProfileSubmission {
  /** Establishment-scoped ES columns. */
  values: RawValues;
  /** Row identity columns (pathway, use case) by use case id. */
  useCases: Readonly<Record<string, RawValues>>;
}

export type ProfileValidation =
  { ok: true; values: Values; useCases: Record<string, Values> } | { ok: false; errors: FieldError[] };

export function validateProfile(
  ctx: ValidationContext,
  establishment: EstablishmentRecord,
  input: ProfileSubmission,
): ProfileValidation {
  const fctx = fieldContext(ctx);
  const columns = profileColumns(ctx.tracking);
  const errors = unknownFields(
    ctx.tracking,
    input.values,
    columns.map((c) => c.id),
  );
  const values: Record<string, FieldValue> = {};
  for (const column of columns) {
    const result = parseField(column, input.values[column.id], fctx);
    if (result.ok) values[column.id] = result.value;
    else errors.push(...result.errors);
  }
  const rowColumns = rowIdentityColumns(ctx.tracking);
  const useCases: Record<string, Values> = {};
  for (const [useCaseId, raw] of Object.entries(input.useCases)) {
    if (!establishment.useCases.some((u) => u.id === useCaseId)) {
      errors.push(
        fieldError(
          'use_case_id',
          'UNKNOWN_USE_CASE',
          fr.unknownUseCase(useCaseId),
          `no use case ${useCaseId}`,
        ),
      );
      continue;
    }
    errors.push(
      ...unknownFields(
        ctx.tracking,
        raw,
        rowColumns.map((c) => c.id),
      ),
    );
    const out: Record<string, FieldValue> = {};
    for (const column of rowColumns) {
      const result = parseField(column, raw[column.id], fctx);
      if (result.ok) out[column.id] = result.value;
      else errors.push(...result.errors.map((e) => ({ ...e, field: `${useCaseId}.${e.field}` })));
    }
    useCases[useCaseId] = out;
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, values, useCases };
}

export type CellValidation = { ok: true; value: FieldValue } | { ok: false; errors: FieldError[] };

/** A role writing one cell it owns (an ARS action, an ANS remark, an identity field). */
export function validateCellEdit(
  ctx: ValidationContext,
  role: Role,
  column: Column,
  raw: RawValue,
): CellValidation {
  const decision = canWrite(ctx.tracking, role, column);
  if (!decision.allowed) return { ok: false, errors: [decision.error] };
  const result = parseField(column, raw, fieldContext(ctx));
  return result.ok ? { ok: true, value: result.value } : { ok: false, errors: result.errors };
}

export interface CorrectionRequest {
  week: string;
  /** Only the columns being corrected. */
  values: RawValues;
  reason: string;
}

export type CorrectionValidation =
  { ok: true; week: string; values: Values; warnings: SoftWarning[] } | { ok: false; errors: FieldError[] };

const MIN_REASON_LENGTH = 5;

/**
 * The ARS corrects a week the ES declared: the reason is mandatory, the other values of the current version are
 * kept, and a counter that no longer fits its neighbours is a warning kept in history rather than a refusal.
 */
export function validateCorrection(
  ctx: ValidationContext,
  role: Role,
  current: ReportVersion | undefined,
  ledger: RowLedger,
  input: CorrectionRequest,
): CorrectionValidation {
  const errors: FieldError[] = [];
  const weekError = validateWeek(ctx, input.week);
  if (weekError) return { ok: false, errors: [weekError] };
  const week = input.week.trim();
  if (!current || current.week !== week)
    return {
      ok: false,
      errors: [fieldError('week', 'NOTHING_TO_CORRECT', fr.nothingToCorrect(week), `no report for ${week}`)],
    };
  if (input.reason.trim().length < MIN_REASON_LENGTH)
    errors.push(fieldError('reason', 'REASON_REQUIRED', fr.reasonRequired(), 'reason missing'));
  else if (hasUnsafeCharacters(input.reason))
    errors.push(
      fieldError(
        'reason',
        'CONTROL_CHARACTERS',
        fr.controlCharacters('Motif de la correction'),
        'control character in reason',
      ),
    );
  const columns = reportColumns(ctx.tracking);
  errors.push(
    ...unknownFields(
      ctx.tracking,
      input.values,
      columns.map((c) => c.id),
    ),
  );
  const fctx = fieldContext(ctx);
  const values: Record<string, FieldValue> = { ...current.values };
  for (const column of columns) {
    if (!(column.id in input.values)) continue;
    const decision = canWrite(ctx.tracking, role, column, 'correction');
    if (!decision.allowed) {
      errors.push(decision.error);
      continue;
    }
    const result = parseField(column, input.values[column.id], fctx);
    if (result.ok) values[column.id] = result.value;
    else errors.push(...result.errors);
  }
  if (errors.length > 0) return { ok: false, errors };
  const counterIds = new Set(counterColumns(ctx.tracking).map((c) => c.id));
  const broken: SoftWarning[] = counterErrors(ctx.tracking, ledger, week, values)
    .filter((e) => counterIds.has(e.field))
    .map((e) => ({ code: `correction_${e.code.toLowerCase()}`, message: e.message }));
  return { ok: true, week, values, warnings: [...broken, ...softWarnings(ctx.tracking, values)] };
}
