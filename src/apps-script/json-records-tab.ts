// Records kept as JSON in a hidden tab of the master workbook, one after another (oldest first): each record is
// cut into parts of at most 40,000 characters (Google refuses a cell of more than 50,000: Google Drive Help « Files
// you can store in Google Drive », https://support.google.com/drive/answer/37603), one row per part, written by ONE
// call so a record is never half there. The tab is read once per instance (one getValues). The same layout as the
// RETEX store's tab (retex-store.ts); it says nothing of what a record means: the store built on it does.
import * as z from 'zod';
import { forceTextForSheets } from '../domain/workbook/cell-text';
import { textOf } from './cells';
import type { GasSheet } from './gas-api';

/** Characters of JSON per cell, well under Google's 50,000. */
export const RECORD_PART_CHARACTERS = 40_000;
/** Columns: kind, key, part, parts, JSON. */
export const RECORD_TAB_WIDTH = 5;

export interface StoredJsonRecord {
  kind: string;
  key: string;
  json: string;
}

export class JsonRecordsTab {
  private records: StoredJsonRecord[] | null = null;
  /** Rows appended inside batch(), written in one call when it ends. */
  private pending: unknown[][] | null = null;

  constructor(
    private readonly sheet: GasSheet,
    private readonly name: string,
  ) {}

  all(): StoredJsonRecord[] {
    if (this.records) return this.records;
    const last = this.sheet.getLastRow();
    const rows = last < 2 ? [] : this.sheet.getRange(2, 1, last - 1, RECORD_TAB_WIDTH).getValues();
    const records: StoredJsonRecord[] = [];
    let open: (StoredJsonRecord & { parts: number; seen: number }) | null = null;
    rows.forEach((row, i) => {
      const [kind, key, part, parts, chunk] = row.map(textOf);
      const where = `${this.name} row ${i + 2}`;
      if (kind === '' && key === '') return;
      if (part === '1') {
        if (open)
          throw new Error(`${where}: record ${open.key} stops after ${open.seen} of ${open.parts} parts`);
        open = { kind: kind ?? '', key: key ?? '', json: '', parts: Number(parts), seen: 0 };
      }
      if (!open || Number(part) !== open.seen + 1) throw new Error(`${where}: part ${part} out of order`);
      open.json += chunk ?? '';
      open.seen += 1;
      if (open.seen === open.parts) {
        records.push({ kind: open.kind, key: open.key, json: open.json });
        open = null;
      }
    });
    if (open) throw new Error(`${this.name}: the last record is incomplete`);
    this.records = records;
    return records;
  }

  /** The records of one kind, each checked with its schema (hidden cells are still data coming in). */
  list<T>(kind: string, schema: z.ZodType<T>): T[] {
    return this.all()
      .filter((r) => r.kind === kind)
      .map((r) => {
        let raw: unknown;
        try {
          raw = JSON.parse(r.json);
        } catch {
          throw new Error(`${this.name}: ${kind} ${r.key} is not JSON`);
        }
        const parsed = schema.safeParse(raw);
        if (!parsed.success)
          throw new Error(`${this.name}: ${kind} ${r.key} is invalid: ${parsed.error.message}`);
        return parsed.data;
      });
  }

  has(kind: string, key: string): boolean {
    return this.all().some((r) => r.kind === kind && r.key === key);
  }

  append(kind: string, key: string, value: unknown): void {
    const json = JSON.stringify(value);
    const parts: string[] = [];
    for (let i = 0; i < json.length || parts.length === 0; i += RECORD_PART_CHARACTERS)
      parts.push(json.slice(i, i + RECORD_PART_CHARACTERS));
    const rows = parts.map((chunk, i) => [
      kind,
      forceTextForSheets(key),
      i + 1,
      parts.length,
      forceTextForSheets(chunk),
    ]);
    this.all().push({ kind, key, json });
    if (this.pending) this.pending.push(...rows);
    else this.write(rows);
  }

  /**
   * Runs `fn`, writing every record it appends in one call at the end (each call to Google costs time): none of
   * them when `fn` throws.
   */
  batch<T>(fn: () => T): T {
    if (this.pending) return fn();
    this.pending = [];
    try {
      const value = fn();
      const rows = this.pending;
      this.pending = null;
      this.write(rows);
      return value;
    } catch (error) {
      this.pending = null;
      this.records = null;
      throw error;
    }
  }

  private write(rows: unknown[][]): void {
    if (rows.length === 0) return;
    if (rows.length === 1 && rows[0]) {
      this.sheet.appendRow(rows[0]);
      return;
    }
    const last = this.sheet.getLastRow();
    const max = this.sheet.getMaxRows();
    if (last + rows.length > max) this.sheet.insertRowsAfter(max, last + rows.length - max);
    this.sheet.getRange(last + 1, 1, rows.length, RECORD_TAB_WIDTH).setValues(rows);
  }
}
