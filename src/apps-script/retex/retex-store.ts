// The RetexStore port over the master workbook: a hidden, owner-only « RETEX (données) » tab holding, one record
// after another, the ARS section texts (every save, oldest first), the issued versions (frozen snapshots) and the
// Google Docs written for each version. A record is JSON in the records-tab layout both Google runtimes share
// (json-records-tab.ts over src/google/json-cells.ts), written by ONE call so it is never half there. Read once per
// store (one getValues); records read back are checked with zod. Must not decide a rule: build-retex.ts does.
import * as z from 'zod';
import type { Milestone } from '../../domain/calendar';
import { RetexIssueSchema, type RetexIssue } from '../../domain/retex/issue';
import type { RetexSectionText } from '../../domain/retex/document';
import type { RetexStore } from '../../ports';
import { RetexSectionTextSchema } from '../../google/stored-json';
import { RETEX_DATA_SHEET } from '../../google/workbook-layout';
import type { GasSheet } from '../gas-api';
import { JsonRecordsTab } from '../json-records-tab';

export { RETEX_DATA_SHEET };

type RecordKind = 'section-text' | 'issue' | 'document';

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
  private readonly tab: JsonRecordsTab;

  constructor(sheet: GasSheet) {
    this.tab = new JsonRecordsTab(sheet, RETEX_DATA_SHEET);
  }

  private append(kind: RecordKind, key: string, value: unknown): void {
    this.tab.append(kind, key, value);
  }

  listSectionTexts(): RetexSectionText[] {
    return this.tab.list('section-text', RetexSectionTextSchema);
  }

  saveSectionText(text: RetexSectionText): void {
    this.append('section-text', `${text.documentKey}|${text.sectionId}`, text);
  }

  listIssues(milestone?: Milestone): RetexIssue[] {
    return this.tab
      .list('issue', RetexIssueSchema)
      .filter((i) => milestone === undefined || i.milestone === milestone);
  }

  recordIssue(issue: RetexIssue): void {
    if (this.tab.has('issue', issue.label)) throw new Error(`RETEX ${issue.label} is already issued`);
    this.append('issue', issue.label, issue);
  }

  /** The Google Docs written for an issued version, by document key. */
  documentFiles(label: string): Map<string, RetexDocumentFile> {
    return new Map(
      this.tab
        .list('document', DocumentFileSchema)
        .filter((d) => d.label === label)
        .map((d) => [d.key, d]),
    );
  }

  recordDocumentFile(file: RetexDocumentFile): void {
    this.append('document', `${file.label}|${file.key}`, file);
  }
}
