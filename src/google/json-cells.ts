// Long JSON kept in spreadsheet cells, the one way both Google runtimes write and read it. Google Sheets refuses a
// cell of more than 50,000 characters (Google Drive Help « Files you can store in Google Drive »,
// https://support.google.com/drive/answer/37603: « a single cell … up to 50,000 characters »), so a record is cut
// into parts, one row per part (kind, key, part, parts, JSON), all written by one call so a record is never half
// there. A cut never falls between the two halves of a surrogate pair: a lone half is a character no cell may carry
// (safe-text.ts) and every writer turns it into « � », which would corrupt the emoji and the JSON around it.
// Pure: bundled into Apps Script; the runtimes apply their own guard against formulas when they write the rows.
import * as z from 'zod';

/** « up to 50,000 characters » in one cell (same page); the Apps Script emulator refuses more. */
export const CELL_CHARACTER_LIMIT = 50_000;
/** UTF-16 code units of JSON per part, well under the limit (a runtime's apostrophe guard adds one). */
export const JSON_PART_CHARACTERS = 40_000;
/** Columns of a records tab: kind, key, part (1-based), parts, JSON. */
export const RECORD_ROW_WIDTH = 5;

export type RecordRow = [kind: string, key: string, part: number, parts: number, json: string];

/** One record read back, its JSON whole again (not yet parsed). */
export interface JsonRecord {
  kind: string;
  key: string;
  json: string;
}

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/**
 * Cuts a text into parts of at most `size` UTF-16 code units whose concatenation is the text, never between a high
 * and a low surrogate (a part then ends one unit short). Always at least one part ('' gives ['']).
 */
export function splitForCells(text: string, size = JSON_PART_CHARACTERS): string[] {
  if (!Number.isInteger(size) || size < 2) throw new Error(`splitForCells: size ${size} must be at least 2`);
  const parts: string[] = [];
  let at = 0;
  while (at < text.length) {
    let end = Math.min(text.length, at + size);
    if (
      end < text.length &&
      isHighSurrogate(text.charCodeAt(end - 1)) &&
      isLowSurrogate(text.charCodeAt(end))
    )
      end -= 1;
    parts.push(text.slice(at, end));
    at = end;
  }
  return parts.length > 0 ? parts : [''];
}

/** The rows of one record, in order. */
export function recordRows(
  kind: string,
  key: string,
  value: unknown,
  size = JSON_PART_CHARACTERS,
): RecordRow[] {
  const parts = splitForCells(JSON.stringify(value), size);
  return parts.map((json, i) => [kind, key, i + 1, parts.length, json]);
}

/**
 * Puts the records of a records tab back together (rows as text, header excluded; `firstRow` is the sheet row of
 * `rows[0]`, for messages). Blank rows are skipped; a part out of order or a record cut short throws, naming the
 * tab and row: hidden cells are still data coming in.
 */
export function readRecordRows(
  rows: ReadonlyArray<ReadonlyArray<string>>,
  tab: string,
  firstRow = 2,
): JsonRecord[] {
  const records: JsonRecord[] = [];
  let open: (JsonRecord & { parts: number; seen: number }) | null = null;
  rows.forEach((row, i) => {
    const [kind = '', key = '', part = '', parts = '', chunk = ''] = row;
    const where = `${tab} row ${firstRow + i}`;
    if (kind === '' && key === '') return;
    if (part === '1') {
      if (open)
        throw new Error(`${where}: record ${open.key} stops after ${open.seen} of ${open.parts} parts`);
      const count = Number(parts);
      if (!Number.isInteger(count) || count < 1) throw new Error(`${where}: bad part count ${parts}`);
      open = { kind, key, json: '', parts: count, seen: 0 };
    }
    if (!open || Number(part) !== open.seen + 1) throw new Error(`${where}: part ${part} out of order`);
    open.json += chunk;
    open.seen += 1;
    if (open.seen === open.parts) {
      records.push({ kind: open.kind, key: open.key, json: open.json });
      open = null;
    }
  });
  if (open) throw new Error(`${tab}: the last record is incomplete`);
  return records;
}

/** Parses hidden JSON with its schema, or throws naming where it was read. */
export function parseStoredJson<T>(schema: z.ZodType<T>, text: string, where: string): T {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new Error(`${where}: hidden data is not JSON`);
  }
  const result = schema.safeParse(raw);
  if (!result.success)
    throw new Error(
      `${where}: hidden data is invalid (${result.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')})`,
    );
  return result.data;
}
