// The RETEX records of the hidden, owner-only « RETEX (données) » tab (workbook-layout.ts), the one way both Google
// runtimes keep them: ARS section texts (every save, oldest first), issued versions (frozen snapshots, once each),
// the Google Doc of each document of a version, and what only the REST runtime needs to find its RETEX files again
// (the folder and the templates it imported from the .docx). Records follow one another in the records-tab layout
// (json-cells.ts: kind, key, part, parts, JSON), so an issue of any size is cut the one surrogate-safe way. The tab is
// append-only: a key written again (a document finished after its copy was made) is read as its latest record.
// Every record read back is checked with zod (hidden cells are still data coming in).
// Apps Script keeps its own template and folder ids in script properties (settings.ts): per project, not per
// workbook, and unreadable by the REST runtime, so the REST ones live here, in kinds Apps Script never reads.
// Pure: bundled into Apps Script; each runtime reads and writes the rows (JsonRecordsTab, RestStore).
import * as z from 'zod';
import type { Milestone } from '../domain/calendar';
import type { RetexSectionText } from '../domain/retex/document';
import { RetexIssueSchema, type RetexIssue } from '../domain/retex/issue';
import type { RetexStore } from '../ports';
import { parseStoredJson, type JsonRecord } from './json-cells';
import { RetexSectionTextSchema } from './stored-json';
import { RETEX_DATA_SHEET } from './workbook-layout';

/** The kind column of each RETEX record. */
export const RETEX_RECORD = {
  sectionText: 'section-text',
  issue: 'issue',
  document: 'document',
  /** REST only: the Drive folder of the RETEX documents. */
  folder: 'folder',
  /** REST only: a template imported as a Google Doc from its .docx, by document kind. */
  template: 'template',
} as const;

/** The Google Doc written for one document of an issued version. */
export const RetexDocumentFileSchema = z.object({
  label: z.string().min(1),
  /** The document's key in the issue (a use case's key, or the cross-cutting one). */
  key: z.string().min(1),
  id: z.string().min(1),
  url: z.string(),
  /** ISO 8601 instant. */
  at: z.string(),
  /** How the chart went in (REST): the picture, a marked paragraph (no public link allowed), or nothing to draw. */
  chart: z.enum(['image', 'placeholder', 'none']).optional(),
  /**
   * False while the copy exists but is not filled yet (REST records it before filling; an interrupted run makes it
   * again from the snapshot). Absent: complete (Apps Script records a document once written).
   */
  complete: z.boolean().optional(),
});
export type RetexDocumentFile = z.infer<typeof RetexDocumentFileSchema>;

/** A RETEX template imported as a Google Doc (from the .docx of files.retexTemplates), by document kind. */
export const RetexTemplateRecordSchema = z.object({
  kind: z.enum(['use-case', 'cross-cutting']),
  documentId: z.string().min(1),
  /** The .docx it was imported from. */
  source: z.string(),
  importedAt: z.string(),
});
export type RetexTemplateRecord = z.infer<typeof RetexTemplateRecordSchema>;

/** The Drive folder holding the RETEX documents. */
export const RetexFolderSchema = z.object({ folderId: z.string().min(1), url: z.string() });
export type RetexFolder = z.infer<typeof RetexFolderSchema>;

/** Where a runtime keeps the tab's records: read once, appended to (each runtime writes the rows its way). */
export interface RetexRecordsTab {
  all(): readonly JsonRecord[];
  append(kind: string, key: string, value: unknown): void;
}

/** The error a runtime gives for an unreadable record (REST: its French BAD_REPLY; Apps Script: the plain one). */
export type UnreadableRecord = (error: Error, where: string) => Error;

export const sectionTextKey = (text: Pick<RetexSectionText, 'documentKey' | 'sectionId'>): string =>
  `${text.documentKey}|${text.sectionId}`;
export const documentFileKey = (label: string, key: string): string => `${label}|${key}`;
const FOLDER_KEY = 'retex';

/** The RetexStore port, and the RETEX files, over the records of « RETEX (données) ». */
export class RetexRecords implements RetexStore {
  constructor(
    private readonly tab: RetexRecordsTab,
    private readonly unreadable: UnreadableRecord = (error) => error,
  ) {}

  private list<T>(kind: string, schema: z.ZodType<T>): Array<{ key: string; value: T }> {
    return this.tab
      .all()
      .filter((r) => r.kind === kind)
      .map((r) => {
        const where = `${RETEX_DATA_SHEET}: ${kind} ${r.key}`;
        try {
          return { key: r.key, value: parseStoredJson(schema, r.json, where) };
        } catch (error) {
          throw this.unreadable(error as Error, where);
        }
      });
  }

  /** One record per key, the latest. */
  private latest<T>(kind: string, schema: z.ZodType<T>): Map<string, T> {
    return new Map(this.list(kind, schema).map((r) => [r.key, r.value]));
  }

  listSectionTexts(): RetexSectionText[] {
    return this.list(RETEX_RECORD.sectionText, RetexSectionTextSchema).map((r) => r.value);
  }

  saveSectionText(text: RetexSectionText): void {
    this.tab.append(RETEX_RECORD.sectionText, sectionTextKey(text), text);
  }

  listIssues(milestone?: Milestone): RetexIssue[] {
    return this.list(RETEX_RECORD.issue, RetexIssueSchema)
      .map((r) => r.value)
      .filter((i) => milestone === undefined || i.milestone === milestone);
  }

  recordIssue(issue: RetexIssue): void {
    if (this.tab.all().some((r) => r.kind === RETEX_RECORD.issue && r.key === issue.label))
      throw new Error(`RETEX ${issue.label} is already issued`);
    this.tab.append(RETEX_RECORD.issue, issue.label, issue);
  }

  /** The Google Docs recorded for an issued version (complete or not), by document key: the latest of each. */
  documentFiles(label: string): Map<string, RetexDocumentFile> {
    return new Map(
      [...this.latest(RETEX_RECORD.document, RetexDocumentFileSchema).values()]
        .filter((d) => d.label === label)
        .map((d) => [d.key, d]),
    );
  }

  recordDocumentFile(file: RetexDocumentFile): void {
    this.tab.append(RETEX_RECORD.document, documentFileKey(file.label, file.key), file);
  }

  folder(): RetexFolder | undefined {
    return this.latest(RETEX_RECORD.folder, RetexFolderSchema).get(FOLDER_KEY);
  }

  saveFolder(folder: RetexFolder): void {
    this.tab.append(RETEX_RECORD.folder, FOLDER_KEY, folder);
  }

  /** The imported template Google Docs, by document kind. */
  templates(): Map<RetexTemplateRecord['kind'], RetexTemplateRecord> {
    return new Map(
      [...this.latest(RETEX_RECORD.template, RetexTemplateRecordSchema).values()].map((t) => [t.kind, t]),
    );
  }

  saveTemplate(template: RetexTemplateRecord): void {
    this.tab.append(RETEX_RECORD.template, template.kind, template);
  }
}

/** A complete document (Apps Script only ever records complete ones; REST marks the unfinished copy). */
export const isCompleteDocument = (file: RetexDocumentFile): boolean => file.complete !== false;
