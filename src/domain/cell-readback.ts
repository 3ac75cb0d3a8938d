// What a person typed in a cell of the master spreadsheet, read back as the raw value the field rules parse: the
// inverse of how a value is shown (valueAsText). Text stays as typed; a record column (contacts, software) is one
// entry per line and its fields in their order, separated as valueAsText separates them. Decides nothing about
// who may write the cell (editCell does). Pure.
import type { Column } from '../schema/tracking-file';
import { fieldError, fr, type FieldError } from './messages';
import type { RawValue, RecordEntry } from './values';

export type CellReadback = { ok: true; raw: RawValue } | { ok: false; error: FieldError };

const EDGES = /^[\s\u00A0\u202F]+|[\s\u00A0\u202F]+$/g;

/** The raw value of a cell's text for its column (dates already as `YYYY-MM-DD` or `JJ/MM/AAAA` text). */
export function rawFromCellText(column: Column, text: string): CellReadback {
  const type = column.type;
  const normalised = text.replace(/\r\n?/g, '\n');
  if (type.kind !== 'record') return { ok: true, raw: normalised };
  const separator = type.multiple ? ',' : ';';
  const entries: RecordEntry[] = [];
  for (const line of normalised.split('\n')) {
    if (line.replace(EDGES, '') === '') continue;
    const parts = line.split(separator).map((p) => p.replace(EDGES, ''));
    if (parts.length !== type.fields.length)
      return {
        ok: false,
        error: fieldError(
          column.id,
          'RECORD_FORMAT',
          fr.recordFormat(
            column.label,
            type.fields.map((f) => f.label),
            separator,
            line,
          ),
          `${parts.length} fields instead of ${type.fields.length}`,
        ),
      };
    entries.push(Object.fromEntries(type.fields.map((f, i) => [f.id, parts[i] ?? ''])));
  }
  return { ok: true, raw: entries };
}
