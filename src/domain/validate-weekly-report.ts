// Validates a weekly report before anything is stored: the week, each field, the dates against each other and
// the cumulative counters against the neighbouring weeks. Refusals name the field by its label; soft warnings
// are kept with an accepted report. Pure.
import type { Department } from '../schema/departments';
import { REPORT_DATE_COLUMN, type TrackingFile } from '../schema/tracking-file';
import { isPilotWeek, type PilotCalendar } from './calendar';
import { counterColumns, reportColumns, requireColumn } from './columns';
import { parseField, type FieldContext } from './field-rules';
import { dateInWeek, isoWeekOfInstant, compareWeeks, parseIsoWeek, type IsoWeek } from './iso-week';
import { neighbours, type RowLedger } from './ledger';
import { fieldError, fr, type FieldError, type SoftWarning } from './messages';
import type { EstablishmentRecord } from './model';
import { formatFrenchDate, parisDateString } from './paris-time';
import type { RawValues, Values } from './values';

export interface ValidationContext {
  tracking: TrackingFile;
  calendar: PilotCalendar;
  departments: readonly Department[];
  now: Date;
}

/** A weekly report as submitted: the row (establishment + use case), the week and the raw answers by column id. */
export interface WeeklySubmission {
  establishmentId: string;
  useCaseId: string;
  week: string;
  values: RawValues;
}

export type WeeklyValidation =
  { ok: true; week: IsoWeek; values: Values; warnings: SoftWarning[] } | { ok: false; errors: FieldError[] };

export function fieldContext(ctx: ValidationContext): FieldContext {
  return { calendar: ctx.calendar, today: parisDateString(ctx.now), departments: ctx.departments };
}

/** Checks the week: well-formed, inside the pilot, already started. */
export function validateWeek(ctx: ValidationContext, raw: string): FieldError | undefined {
  const week = raw.trim();
  if (!parseIsoWeek(week))
    return fieldError(
      'week',
      'WEEK_INVALID',
      fr.weekInvalid(raw),
      `bad ISO week ${JSON.stringify(raw.slice(0, 20))}`,
    );
  if (!isPilotWeek(ctx.calendar, week))
    return fieldError(
      'week',
      'WEEK_OUTSIDE_PILOT',
      fr.weekOutsidePilot(week, ctx.calendar.firstWeek, ctx.calendar.lastWeek),
      `${week} outside pilot`,
    );
  if (compareWeeks(week, isoWeekOfInstant(ctx.now)) > 0)
    return fieldError('week', 'WEEK_IN_FUTURE', fr.weekInFuture(week), `${week} not started`);
  return undefined;
}

/** Fields of a submission that no column of `allowed` matches (a forged or outdated form), named by label when known. */
export function unknownFields(
  tracking: TrackingFile,
  values: RawValues,
  allowed: readonly string[],
): FieldError[] {
  return Object.keys(values)
    .filter((k) => !allowed.includes(k))
    .map((k) => {
      const column = tracking.columns.find((c) => c.id === k);
      const message = column ? fr.notInThisForm(column.label) : fr.unknownField(k);
      return fieldError(k, 'UNKNOWN_FIELD', message, `unexpected field ${JSON.stringify(k.slice(0, 40))}`);
    });
}

/** Soft warnings configured in the tracking file (received > sent, …). */
export function softWarnings(tracking: TrackingFile, values: Values): SoftWarning[] {
  const out: SoftWarning[] = [];
  for (const rule of tracking.softWarnings) {
    const a = values[rule.when.greater];
    const b = values[rule.when.than];
    if (typeof a === 'number' && typeof b === 'number' && a > b)
      out.push({ code: rule.id, message: rule.message });
  }
  return out;
}

/** Counters against the closest reported weeks before and after: a cumulative value never decreases. */
export function counterErrors(
  tracking: TrackingFile,
  ledger: RowLedger,
  week: IsoWeek,
  values: Values,
): FieldError[] {
  const { previous, next } = neighbours(ledger, week);
  const errors: FieldError[] = [];
  for (const column of counterColumns(tracking)) {
    const value = values[column.id];
    if (typeof value !== 'number') continue;
    const before = previous?.counters[column.id];
    const after = next?.counters[column.id];
    if (previous && before !== undefined && value < before)
      errors.push(
        fieldError(
          column.id,
          'COUNTER_DECREASED',
          fr.counterDecreased(column.label, value, before, previous.week),
          `${value} < ${before} (${previous.week})`,
        ),
      );
    else if (next && after !== undefined && value > after)
      errors.push(
        fieldError(
          column.id,
          'COUNTER_ABOVE_NEXT_WEEK',
          fr.counterAboveNextWeek(column.label, value, after, next.week),
          `${value} > ${after} (${next.week})`,
        ),
      );
  }
  return errors;
}

/** The report date must not precede the reported week nor the column it is declared `notBefore`. */
function reportDateErrors(
  ctx: ValidationContext,
  establishment: EstablishmentRecord,
  week: IsoWeek,
  values: Values,
): FieldError[] {
  const column = requireColumn(ctx.tracking, REPORT_DATE_COLUMN);
  const date = values[column.id];
  if (typeof date !== 'string') return [];
  const monday = dateInWeek(week, 1);
  if (date < monday)
    return [
      fieldError(
        column.id,
        'DATE_BEFORE',
        fr.dateBeforeWeek(column.label, formatFrenchDate(date), week),
        `${date} < ${monday}`,
      ),
    ];
  if (column.type.kind === 'date' && column.type.notBefore) {
    const other = requireColumn(ctx.tracking, column.type.notBefore);
    const bound = establishment.values[other.id];
    if (typeof bound === 'string' && date < bound)
      return [
        fieldError(
          column.id,
          'DATE_BEFORE',
          fr.dateBefore(column.label, formatFrenchDate(date), other.label, formatFrenchDate(bound)),
          `${date} < ${bound}`,
        ),
      ];
  }
  return [];
}

export function validateWeeklyReport(
  ctx: ValidationContext,
  establishment: EstablishmentRecord,
  submission: WeeklySubmission,
  ledger: RowLedger,
): WeeklyValidation {
  if (!establishment.useCases.some((u) => u.id === submission.useCaseId))
    return {
      ok: false,
      errors: [
        fieldError(
          'use_case_id',
          'UNKNOWN_USE_CASE',
          fr.unknownUseCase(submission.useCaseId),
          `no use case ${submission.useCaseId}`,
        ),
      ],
    };
  const columns = reportColumns(ctx.tracking);
  const errors: FieldError[] = unknownFields(
    ctx.tracking,
    submission.values,
    columns.map((c) => c.id),
  );
  const weekError = validateWeek(ctx, submission.week);
  if (weekError) errors.push(weekError);
  const fctx = fieldContext(ctx);
  const values: Record<string, Values[string]> = {};
  for (const column of columns) {
    const result = parseField(column, submission.values[column.id], fctx);
    if (result.ok) values[column.id] = result.value;
    else errors.push(...result.errors);
  }
  if (errors.length > 0) return { ok: false, errors };
  const week = submission.week.trim();
  errors.push(
    ...reportDateErrors(ctx, establishment, week, values),
    ...counterErrors(ctx.tracking, ledger, week, values),
  );
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, week, values, warnings: softWarnings(ctx.tracking, values) };
}
