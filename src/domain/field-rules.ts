// Parses one raw value for one column, by kind: the single place where a cell's rules live. Pure.
import type { Department } from '../schema/departments';
import type { Column, RecordField } from '../schema/tracking-file';
import type { PilotCalendar } from './calendar';
import { fieldError, fr, type FieldError } from './messages';
import { formatFrenchDate } from './paris-time';
import { findPatientData } from './patient-data';
import { hasUnsafeCharacters } from './safe-text';
import type { FieldValue, RawValue, RecordEntry } from './values';

export interface FieldContext {
  calendar: PilotCalendar;
  /** Today in Paris, `YYYY-MM-DD`: no date may lie after it. */
  today: string;
  departments: readonly Department[];
}

export type FieldResult = { ok: true; value: FieldValue } | { ok: false; errors: FieldError[] };

// C0 controls except tab and line feed, DEL, C1 controls, and the bidirectional overrides used to disguise text;
// with them, what no file may carry (noncharacters, lone surrogates: safe-text.ts), all refused.
// eslint-disable-next-line no-control-regex -- matching control characters is this pattern's purpose
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;
const EDGE_SPACE = /^[\s\u00A0\u202F]+|[\s\u00A0\u202F]+$/g;
const EMAIL = /^[^\s@<>(),;:"[\]\\]+@[^\s@<>(),;:"[\]\\]+\.[A-Za-z]{2,}$/;
const FR_PHONE = /^(?:\+33\s?|0033\s?|0)([1-9])(?:[ .-]?(\d{2})){4}$/;
const MAX_RECORD_TEXT = 200;

const ok = (value: FieldValue): FieldResult => ({ ok: true, value });
const fail = (...errors: FieldError[]): FieldResult => ({ ok: false, errors });

/** Accent- and case-insensitive key, so « prive » matches « privé ». */
export function foldForMatch(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[’`]/g, "'")
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

function isEmptyRaw(raw: RawValue): boolean {
  if (raw === undefined) return true;
  if (typeof raw === 'string') return raw.replace(EDGE_SPACE, '') === '';
  return raw.length === 0;
}

function singleText(column: Column, raw: RawValue): string | FieldError {
  if (typeof raw === 'string') return raw;
  if (Array.isArray(raw) && raw.length === 1 && typeof raw[0] === 'string') return raw[0];
  return fieldError(
    column.id,
    'NOT_A_LIST',
    fr.notAList(column.label),
    `expected one value for ${column.id}`,
  );
}

function screen(column: Column, text: string): FieldError | undefined {
  if (!column.screenPatientData) return undefined;
  const finding = findPatientData(text);
  if (finding === 'identifier')
    return fieldError(
      column.id,
      'PATIENT_IDENTIFIER',
      fr.patientIdentifier(column.label),
      `NIR/INS-like digit run in ${column.id}`,
    );
  if (finding === 'birthDate')
    return fieldError(
      column.id,
      'PATIENT_BIRTH_DATE',
      fr.patientBirthDate(column.label),
      `birth date next to a person in ${column.id}`,
    );
  return undefined;
}

function cleanText(column: Column, text: string, maxLength: number, multiline: boolean): string | FieldError {
  const normalised = text.replace(/\r\n?/g, '\n').replace(EDGE_SPACE, '');
  if (CONTROL.test(normalised) || hasUnsafeCharacters(normalised))
    return fieldError(
      column.id,
      'CONTROL_CHARACTERS',
      fr.controlCharacters(column.label),
      `control character in ${column.id}`,
    );
  const value = multiline ? normalised : normalised.replace(/[\n\t]+/g, ' ');
  if (value.length > maxLength)
    return fieldError(
      column.id,
      'TEXT_TOO_LONG',
      fr.textTooLong(column.label, value.length, maxLength),
      `${value.length} > ${maxLength} chars`,
    );
  return screen(column, value) ?? value;
}

/** Parses `YYYY-MM-DD` or `JJ/MM/AAAA` into `YYYY-MM-DD`, or undefined. */
export function parseDateText(text: string): string | undefined {
  const t = text.replace(EDGE_SPACE, '');
  let y: number, m: number, d: number;
  let match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t);
  if (match) [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else if ((match = /^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$/.exec(t)))
    [d, m, y] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else return undefined;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d)
    return undefined;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Normalises a French phone number to « 01 23 45 67 89 », or undefined. */
export function normalisePhone(text: string): string | undefined {
  const m = FR_PHONE.exec(text.replace(EDGE_SPACE, ''));
  if (!m) return undefined;
  const digits = text.replace(/\D/g, '').slice(-9);
  return `0${digits.slice(0, 1)} ${digits.slice(1, 3)} ${digits.slice(3, 5)} ${digits.slice(5, 7)} ${digits.slice(7, 9)}`;
}

function parseRecordField(
  column: Column,
  field: RecordField,
  text: string,
  index: number,
  multiple: boolean,
): string | FieldError {
  const value = cleanText(column, text, MAX_RECORD_TEXT, false);
  if (typeof value !== 'string') return value;
  if (value === '') {
    return field.required
      ? fieldError(
          column.id,
          'REQUIRED',
          fr.recordFieldRequired(column.label, field.label, index, multiple),
          `${column.id}.${field.id} required`,
        )
      : '';
  }
  if (field.kind === 'email' && !EMAIL.test(value))
    return fieldError(
      column.id,
      'INVALID_EMAIL',
      fr.invalidEmail(column.label, field.label, value),
      `bad e-mail in ${column.id}`,
    );
  if (field.kind === 'phone') {
    const phone = normalisePhone(value);
    return (
      phone ??
      fieldError(
        column.id,
        'INVALID_PHONE',
        fr.invalidPhone(column.label, field.label, value),
        `bad phone in ${column.id}`,
      )
    );
  }
  return value;
}

/**
 * Parses a raw value for a column. Empty input gives `null` (or REQUIRED when the column is required). Rules that
 * need other fields or other weeks (notBefore, cumulative counters) are checked by the submission validators.
 */
export function parseField(column: Column, raw: RawValue, ctx: FieldContext): FieldResult {
  const type = column.type;
  if (isEmptyRaw(raw)) {
    return column.required
      ? fail(fieldError(column.id, 'REQUIRED', fr.required(column.label), `${column.id} is required`))
      : ok(type.kind === 'record' || type.kind === 'multiEnum' ? [] : null);
  }
  switch (type.kind) {
    case 'text':
    case 'longText': {
      const text = singleText(column, raw);
      if (typeof text !== 'string') return fail(text);
      const value = cleanText(column, text, type.maxLength, type.kind === 'longText');
      return typeof value === 'string' ? ok(value === '' ? null : value) : fail(value);
    }
    case 'integer': {
      const text = singleText(column, raw);
      if (typeof text !== 'string') return fail(text);
      const trimmed = text.replace(EDGE_SPACE, '');
      if (!/^\d+$/.test(trimmed))
        return fail(
          fieldError(
            column.id,
            'NOT_AN_INTEGER',
            fr.notAnInteger(column.label, text),
            `not a whole number: ${JSON.stringify(text.slice(0, 40))}`,
          ),
        );
      if (trimmed.replace(/^0+(?=\d)/, '').length > 15)
        return fail(
          fieldError(
            column.id,
            'INTEGER_TOO_LARGE',
            fr.integerTooLarge(column.label, `${trimmed.slice(0, 12)}…`, type.max),
            'more than 15 digits',
          ),
        );
      const n = Number(trimmed);
      if (n < type.min)
        return fail(
          fieldError(
            column.id,
            'INTEGER_TOO_SMALL',
            fr.integerTooSmall(column.label, n, type.min),
            `${n} < ${type.min}`,
          ),
        );
      if (n > type.max)
        return fail(
          fieldError(
            column.id,
            'INTEGER_TOO_LARGE',
            fr.integerTooLarge(column.label, n, type.max),
            `${n} > ${type.max}`,
          ),
        );
      return ok(n);
    }
    case 'date': {
      const text = singleText(column, raw);
      if (typeof text !== 'string') return fail(text);
      const date = parseDateText(text);
      if (!date)
        return fail(
          fieldError(
            column.id,
            'NOT_A_DATE',
            fr.notADate(column.label, text),
            `not a date: ${JSON.stringify(text.slice(0, 40))}`,
          ),
        );
      if (date > ctx.today)
        return fail(
          fieldError(
            column.id,
            'DATE_IN_FUTURE',
            fr.dateInFuture(column.label, formatFrenchDate(date)),
            `${date} > today ${ctx.today}`,
          ),
        );
      // A weekly report may be dated after the pilot's last day (a late week caught up); nothing precedes the start.
      const upper = column.cadence === 'weekly' ? ctx.today : ctx.calendar.end;
      if (date < ctx.calendar.start || date > upper)
        return fail(
          fieldError(
            column.id,
            'DATE_OUTSIDE_PILOT',
            fr.dateOutsidePilot(
              column.label,
              formatFrenchDate(date),
              formatFrenchDate(ctx.calendar.start),
              formatFrenchDate(ctx.calendar.end),
            ),
            `${date} outside ${ctx.calendar.start}..${upper}`,
          ),
        );
      return ok(date);
    }
    case 'enum': {
      const text = singleText(column, raw);
      if (typeof text !== 'string') return fail(text);
      const key = foldForMatch(text);
      const option = type.options.find((o) => foldForMatch(o) === key);
      return option !== undefined
        ? ok(option)
        : fail(
            fieldError(
              column.id,
              'NOT_AN_OPTION',
              fr.notAnOption(column.label, text, type.options),
              `not an option of ${column.id}`,
            ),
          );
    }
    case 'multiEnum': {
      if (raw === undefined || (Array.isArray(raw) && raw.some((r) => typeof r !== 'string')))
        return fail(
          fieldError(column.id, 'NOT_A_LIST', fr.notAList(column.label), `expected strings for ${column.id}`),
        );
      const items = (typeof raw === 'string' ? raw.split(';') : (raw as readonly string[]))
        .map((s) => s.replace(EDGE_SPACE, ''))
        .filter((s) => s !== '');
      const values: string[] = [];
      for (const item of items) {
        const option = type.options.find((o) => foldForMatch(o) === foldForMatch(item));
        let value: string | FieldError;
        if (option !== undefined) value = option;
        else if (type.allowOther) value = cleanText(column, item, MAX_RECORD_TEXT, false);
        else
          value = fieldError(
            column.id,
            'NOT_AN_OPTION',
            fr.notAnOption(column.label, item, type.options),
            `not an option of ${column.id}`,
          );
        if (typeof value !== 'string') return fail(value);
        if (!values.includes(value)) values.push(value);
      }
      if (values.length === 0 && column.required)
        return fail(fieldError(column.id, 'REQUIRED', fr.required(column.label), `${column.id} is required`));
      return ok(values);
    }
    case 'department': {
      const text = singleText(column, raw);
      if (typeof text !== 'string') return fail(text);
      let code = text.replace(EDGE_SPACE, '').toUpperCase();
      if (/^\d$/.test(code)) code = `0${code}`;
      return ctx.departments.some((d) => d.code === code)
        ? ok(code)
        : fail(
            fieldError(
              column.id,
              'NOT_A_DEPARTMENT',
              fr.notADepartment(column.label, text),
              `unknown department ${JSON.stringify(text.slice(0, 10))}`,
            ),
          );
    }
    case 'record': {
      if (
        typeof raw === 'string' ||
        !Array.isArray(raw) ||
        raw.some((e) => typeof e !== 'object' || e === null)
      )
        return fail(
          fieldError(
            column.id,
            'NOT_A_LIST',
            fr.notAList(column.label),
            `expected record entries for ${column.id}`,
          ),
        );
      const entries = (raw as readonly RecordEntry[]).filter((e) =>
        type.fields.some((f) => (e[f.id] ?? '').replace(EDGE_SPACE, '') !== ''),
      );
      if (entries.length > type.max)
        return fail(
          fieldError(
            column.id,
            'TOO_MANY_ENTRIES',
            fr.tooManyEntries(column.label, entries.length, type.max),
            `${entries.length} > ${type.max} entries`,
          ),
        );
      if (entries.length === 0 && column.required)
        return fail(fieldError(column.id, 'REQUIRED', fr.required(column.label), `${column.id} is required`));
      const errors: FieldError[] = [];
      const values: RecordEntry[] = entries.map((entry, index) => {
        const out: Record<string, string> = {};
        for (const field of type.fields) {
          const value = parseRecordField(column, field, entry[field.id] ?? '', index, type.multiple);
          if (typeof value === 'string') out[field.id] = value;
          else errors.push(value);
        }
        return out;
      });
      return errors.length > 0 ? fail(...errors) : ok(values);
    }
  }
}
