// Records kept as JSON in a hidden tab of the master workbook, one after another (oldest first), in the records-tab
// layout both Google runtimes share (src/google/json-cells.ts: kind, key, part, parts, JSON; a record cut into parts
// that fit a cell, never inside a surrogate pair), one row per part, written by ONE call so a record is never half
// there. The tab is read once per instance (one getValues). It says nothing of what a record means: the store built
// on it (RETEX, accompaniment) does.
import * as z from 'zod';
import { forceTextForSheets } from '../domain/workbook/cell-text';
import {
  parseStoredJson,
  readRecordRows,
  recordRows,
  RECORD_ROW_WIDTH,
  type JsonRecord,
} from '../google/json-cells';
import { textOf } from './cells';
import type { GasSheet } from './gas-api';

export type StoredJsonRecord = JsonRecord;

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
    const rows = last < 2 ? [] : this.sheet.getRange(2, 1, last - 1, RECORD_ROW_WIDTH).getValues();
    this.records = readRecordRows(
      rows.map((row) => row.map(textOf)),
      this.name,
    );
    return this.records;
  }

  /** The records of one kind, each checked with its schema (hidden cells are still data coming in). */
  list<T>(kind: string, schema: z.ZodType<T>): T[] {
    return this.all()
      .filter((r) => r.kind === kind)
      .map((r) => parseStoredJson(schema, r.json, `${this.name}: ${kind} ${r.key}`));
  }

  has(kind: string, key: string): boolean {
    return this.all().some((r) => r.kind === kind && r.key === key);
  }

  append(kind: string, key: string, value: unknown): void {
    const rows = recordRows(kind, key, value).map(([k, key, part, parts, chunk]) => [
      k,
      forceTextForSheets(key),
      part,
      parts,
      forceTextForSheets(chunk),
    ]);
    this.all().push({ kind, key, json: JSON.stringify(value) });
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
    this.sheet.getRange(last + 1, 1, rows.length, RECORD_ROW_WIDTH).setValues(rows);
  }
}
