// The RetexStore port over the master workbook: a hidden, owner-only « RETEX (données) » tab holding, one record
// after another, the ARS section texts (every save, oldest first), the issued versions (frozen snapshots) and the
// Google Docs written for each version. A record is JSON, cut into parts of at most 40,000 characters (a cell holds
// 50,000), one row per part, written by ONE call so it is never half there. Read once per store (one getValues);
// records read back are checked with zod. Must not decide a rule: build-retex.ts does.
import * as z from 'zod';
import { forceTextForSheets } from '../../domain/workbook/cell-text';
import type { Milestone } from '../../domain/calendar';
import { RetexIssueSchema, type RetexIssue } from '../../domain/retex/issue';
import type { RetexSectionText } from '../../domain/retex/document';
import type { RetexStore } from '../../ports';
import { textOf } from '../cells';
import type { GasSheet } from '../gas-api';
import { frAppsScript } from '../messages';

export const RETEX_DATA_SHEET = frAppsScript.retexDataSheet;
export const RETEX_DATA_WIDTH = frAppsScript.recordsTabHeader.length;
/** Characters of JSON per cell, well under Google's 50,000. */
export const PART_CHARACTERS = 40_000;

type RecordKind = 'section-text' | 'issue' | 'document';

interface StoredRecord {
  kind: RecordKind;
  key: string;
  json: string;
}

const SectionTextSchema: z.ZodType<RetexSectionText> = z.strictObject({
  documentKey: z.string(),
  sectionId: z.string(),
  text: z.string(),
  author: z.string(),
  at: z.string(),
});

/** A Google Doc written for one document of an issued version. */
export interface RetexDocumentFile {
  label: string;
  key: string;
  id: string;
  url: string;
  /** ISO 8601 instant. */
  at: string;
}

const DocumentFileSchema: z.ZodType<RetexDocumentFile> = z.strictObject({
  label: z.string(),
  key: z.string(),
  id: z.string(),
  url: z.string(),
  at: z.string(),
});

export class SheetRetexStore implements RetexStore {
  private records: StoredRecord[] | null = null;

  constructor(private readonly sheet: GasSheet) {}

  private load(): StoredRecord[] {
    if (this.records) return this.records;
    const last = this.sheet.getLastRow();
    const rows = last < 2 ? [] : this.sheet.getRange(2, 1, last - 1, RETEX_DATA_WIDTH).getValues();
    const records: StoredRecord[] = [];
    let open: (StoredRecord & { parts: number; seen: number }) | null = null;
    rows.forEach((row, i) => {
      const [kind, key, part, parts, chunk] = row.map(textOf);
      const where = `${RETEX_DATA_SHEET} row ${i + 2}`;
      if (kind === '' && key === '') return;
      if (part === '1') {
        if (open)
          throw new Error(`${where}: record ${open.key} stops after ${open.seen} of ${open.parts} parts`);
        open = { kind: kind as RecordKind, key: key ?? '', json: '', parts: Number(parts), seen: 0 };
      }
      if (!open || Number(part) !== open.seen + 1) throw new Error(`${where}: part ${part} out of order`);
      open.json += chunk ?? '';
      open.seen += 1;
      if (open.seen === open.parts) {
        records.push({ kind: open.kind, key: open.key, json: open.json });
        open = null;
      }
    });
    if (open) throw new Error(`${RETEX_DATA_SHEET}: the last record is incomplete`);
    this.records = records;
    return records;
  }

  private parse<T>(record: StoredRecord, schema: z.ZodType<T>): T {
    const parsed = schema.safeParse(JSON.parse(record.json));
    if (!parsed.success)
      throw new Error(
        `${RETEX_DATA_SHEET}: ${record.kind} ${record.key} is invalid: ${parsed.error.message}`,
      );
    return parsed.data;
  }

  private append(kind: RecordKind, key: string, value: unknown): void {
    const json = JSON.stringify(value);
    const parts: string[] = [];
    for (let i = 0; i < json.length || parts.length === 0; i += PART_CHARACTERS)
      parts.push(json.slice(i, i + PART_CHARACTERS));
    const rows = parts.map((chunk, i) => [
      kind,
      forceTextForSheets(key),
      i + 1,
      parts.length,
      forceTextForSheets(chunk),
    ]);
    if (rows.length === 1 && rows[0]) this.sheet.appendRow(rows[0]);
    else {
      const last = this.sheet.getLastRow();
      const max = this.sheet.getMaxRows();
      if (last + rows.length > max) this.sheet.insertRowsAfter(max, last + rows.length - max);
      this.sheet.getRange(last + 1, 1, rows.length, RETEX_DATA_WIDTH).setValues(rows);
    }
    this.load().push({ kind, key, json });
  }

  listSectionTexts(): RetexSectionText[] {
    return this.load()
      .filter((r) => r.kind === 'section-text')
      .map((r) => this.parse(r, SectionTextSchema));
  }

  saveSectionText(text: RetexSectionText): void {
    this.append('section-text', `${text.documentKey}|${text.sectionId}`, text);
  }

  listIssues(milestone?: Milestone): RetexIssue[] {
    return this.load()
      .filter((r) => r.kind === 'issue')
      .map((r) => this.parse(r, RetexIssueSchema))
      .filter((i) => milestone === undefined || i.milestone === milestone);
  }

  recordIssue(issue: RetexIssue): void {
    if (this.load().some((r) => r.kind === 'issue' && r.key === issue.label))
      throw new Error(`RETEX ${issue.label} is already issued`);
    this.append('issue', issue.label, issue);
  }

  /** The Google Docs written for an issued version, by document key. */
  documentFiles(label: string): Map<string, RetexDocumentFile> {
    return new Map(
      this.load()
        .filter((r) => r.kind === 'document')
        .map((r) => this.parse(r, DocumentFileSchema))
        .filter((d) => d.label === label)
        .map((d) => [d.key, d]),
    );
  }

  recordDocumentFile(file: RetexDocumentFile): void {
    this.append('document', `${file.label}|${file.key}`, file);
  }
}
