// What a person typed in a Suivi cell, as the raw value the core's field rules expect: lists split on « ; »,
// record entries one per line with their fields in the column's order separated by commas (the way the sheet shows
// them). Pure.
import type { Column } from '../schema/tracking-file';
import type { RawValue, RecordEntry } from '../domain/values';

export function rawFromCellText(column: Column, text: string): RawValue {
  const type = column.type;
  if (type.kind !== 'record') return text;
  if (text.trim() === '') return [];
  const separator = type.multiple ? ',' : ';';
  return text
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '')
    .map((line): RecordEntry => {
      const parts = line.split(separator).map((p) => p.trim());
      return Object.fromEntries(type.fields.map((f, i) => [f.id, parts[i] ?? '']));
    });
}
