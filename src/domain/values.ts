// Values of the tracking file's cells, typed by column kind, and how they read as text. Pure.
import type { Column } from '../schema/tracking-file';
import { formatFrenchDate } from './paris-time';

/** One entry of a `record` column (a contact, the software line): field id → text. */
export type RecordEntry = Readonly<Record<string, string>>;

/**
 * A cell's value once validated: text and enum columns hold a string, integers a number, dates `YYYY-MM-DD`,
 * multi-choice columns a list of strings, record columns a list of entries; `null` is an empty cell.
 */
export type FieldValue = string | number | readonly string[] | readonly RecordEntry[] | null;

/** Values keyed by column id. */
export type Values = Readonly<Record<string, FieldValue>>;

/** What arrives from a form, a sheet or an upload before validation: text, a list of texts, or record entries. */
export type RawValue = string | readonly string[] | readonly RecordEntry[] | undefined;
export type RawValues = Readonly<Record<string, RawValue>>;

export function isRecordList(value: FieldValue | RawValue): value is readonly RecordEntry[] {
  return Array.isArray(value) && value.length > 0 && typeof value[0] === 'object';
}

/** The text a person reads for a value: dates as dd/mm/yyyy, lists joined, one line per record entry. */
export function valueAsText(column: Column, value: FieldValue | undefined): string {
  if (value === null || value === undefined) return '';
  const type = column.type;
  if (type.kind === 'date' && typeof value === 'string') return formatFrenchDate(value);
  if (type.kind === 'record' && Array.isArray(value)) {
    return (value as readonly RecordEntry[])
      .map((entry) =>
        type.fields
          .map((f) => entry[f.id] ?? '')
          .filter((s) => s !== '')
          .join(type.multiple ? ', ' : ' ; '),
      )
      .join('\n');
  }
  if (type.kind === 'record' && !Array.isArray(value)) return String(value);
  if (Array.isArray(value)) return (value as readonly string[]).join(' ; ');
  return String(value);
}

/** Equality of two validated values (used to tell whether a cell changed). */
export function sameValue(a: FieldValue | undefined, b: FieldValue | undefined): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}
