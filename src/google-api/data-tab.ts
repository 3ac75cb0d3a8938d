// The hidden « Données » tab: the CLI's records that the shared layout (src/google/workbook-layout.ts) has no place
// for in this runtime yet, as one JSON document per row (kind, key, JSON): nothing new is written here since the
// records went to the shared layout; what older versions kept here (establishments, refusals, versions, cell changes,
// Journal lines, forms and their cursors, the accesses granted, RETEX records) is still read to migrate a workbook
// (rest-store.ts; the RETEX ones go to « RETEX (données) »: retex/legacy-retex.ts). Each row read is checked with
// zod; an unreadable row stops the load with its row number.
import * as z from 'zod';
import {
  CellChangeSchema,
  EstablishmentRecordSchema,
  JournalEntrySchema,
  ReportVersionSchema,
} from '../domain/record-schemas';
import type { CellChange, EstablishmentRecord, JournalEntry, ReportVersion } from '../domain/model';
import type { RetexSectionText } from '../domain/retex/document';
import {
  RECORD_FIELD_KEY,
  fingerprint,
  keptChoices,
  recordFieldKey,
  RetexSectionTextSchema,
  ShareSchema,
  type FormApiQuestion,
  type Share,
  type FormMeta,
} from '../google/stored-json';
import {
  RetexFolderSchema,
  RetexTemplateRecordSchema,
  type RetexFolder,
  type RetexTemplateRecord,
} from '../google/retex-records';
import { GoogleApiError } from './errors';
import { frGoogle } from './messages';

/** Older versions only (forms now live in Suivi's records, formMetaOfRecord): an item of a form, by question id. */
export const FormItemSchema = z.object({
  itemId: z.string().min(1),
  index: z.int().min(0),
  /** The description last written, so a sync rewrites only what changed. */
  description: z.string(),
});
export type FormItem = z.infer<typeof FormItemSchema>;

/**
 * A form as older versions of this runtime kept it here (forms now live in Suivi's records as the FormMeta both
 * runtimes share: formMetaOfRecord). Still read to migrate a workbook.
 */
export const FormRecordSchema = z.object({
  form: z.enum(['weekly', 'initialisation']),
  establishmentId: z.string().min(1),
  formId: z.string().min(1),
  responderUri: z.string().min(1),
  /** questionId → field name of the form plan (a column id, `week`, `use_case_id`, `uc1.pathway`, `es_contact[0].email`…). */
  questions: z.record(z.string(), z.string()),
  /** questionId → option label → value, for choice questions whose shown label differs from the stored value. */
  choices: z.record(z.string(), z.record(z.string(), z.string())).optional(),
  /** The week question (weekly form): its item, position and question, so sync can extend its options. */
  weekItem: z.object({ itemId: z.string(), index: z.int().min(0), questionId: z.string() }).optional(),
  /** Item of each question (absent in forms made before sync refreshed help texts: sync reads the form once). */
  items: z.record(z.string(), FormItemSchema).optional(),
});
export type FormRecord = z.infer<typeof FormRecordSchema>;

/** Older versions only (the cursor now lives with its form, `api.since`): where reading a form's responses resumes. */
export const CursorSchema = z.object({ formId: z.string().min(1), since: z.string().min(1) });
export type Cursor = z.infer<typeof CursorSchema>;

/**
 * The Google Doc of one document of one issued version, as older versions kept it here (read to migrate it:
 * src/google/retex-records.ts RetexDocumentFile is the record now).
 */
export const LegacyRetexDocumentSchema = z.object({
  label: z.string().min(1),
  documentKey: z.string().min(1),
  documentId: z.string().min(1),
  url: z.string(),
  /** How the chart went in: the picture, a marked paragraph (no public link allowed), or nothing to draw. */
  chart: z.enum(['image', 'placeholder', 'none']),
  /** False while the copy exists but is not filled yet (an interrupted run fills it again from the snapshot). */
  complete: z.boolean(),
});
export type LegacyRetexDocument = z.infer<typeof LegacyRetexDocumentSchema>;

/** Older versions only (the meta cell keeps them now, stored-json.ts `shares`): an access suivi-mes granted. */
export const ShareRecordSchema = ShareSchema;
export type ShareRecord = Share;

export type DataRecord =
  | { kind: 'establishment'; key: string; value: EstablishmentRecord }
  | { kind: 'version'; key: string; value: ReportVersion }
  | { kind: 'refusal'; key: string; value: Record<string, never> }
  | { kind: 'change'; key: string; value: CellChange }
  /** Written by older versions only and ignored when read: the Journal tab is the record (workbook-codec.ts). */
  | { kind: 'journal'; key: string; value: JournalEntry }
  | { kind: 'form'; key: string; value: FormRecord }
  | { kind: 'cursor'; key: string; value: Cursor }
  // RETEX records of older versions, read only to move them to « RETEX (données) » (retex/legacy-retex.ts).
  | { kind: 'retexText'; key: string; value: RetexSectionText }
  /** One piece of an issued version's JSON (a cell holds at most 50,000 characters); key `<label>#<i>/<n>`. */
  | { kind: 'retexIssue'; key: string; value: string }
  | { kind: 'retexTemplate'; key: string; value: RetexTemplateRecord }
  | { kind: 'retexFolder'; key: string; value: RetexFolder }
  | { kind: 'retexDocument'; key: string; value: LegacyRetexDocument }
  | { kind: 'share'; key: string; value: ShareRecord };

export type DataKind = DataRecord['kind'];

const SCHEMAS: { [K in DataKind]: z.ZodType<Extract<DataRecord, { kind: K }>['value']> } = {
  establishment: EstablishmentRecordSchema,
  version: ReportVersionSchema,
  refusal: z.object({}).strict() as z.ZodType<Record<string, never>>,
  change: CellChangeSchema,
  journal: JournalEntrySchema,
  form: FormRecordSchema,
  cursor: CursorSchema,
  retexText: RetexSectionTextSchema,
  retexIssue: z.string(),
  retexTemplate: RetexTemplateRecordSchema,
  retexFolder: RetexFolderSchema,
  retexDocument: LegacyRetexDocumentSchema,
  share: ShareRecordSchema,
};

/** Kinds whose rows are rewritten in place (one row per key); the others are only ever appended. */
export const UPSERTED_KINDS: ReadonlySet<DataKind> = new Set([
  'establishment',
  'form',
  'cursor',
  'retexTemplate',
  'retexFolder',
  'retexDocument',
  'share',
]);

/** A record of a kind, as the union member of that kind. */
export type RecordOf<K extends DataKind> = Extract<DataRecord, { kind: K }>;

export const DATA_HEADER = ['kind', 'key', 'json'] as const;

export function encodeRecord(record: DataRecord): [string, string, string] {
  return [record.kind, record.key, JSON.stringify(record.value)];
}

function isKind(kind: string): kind is DataKind {
  return Object.prototype.hasOwnProperty.call(SCHEMAS, kind);
}

/** Decodes the tab's rows (header excluded); `firstRow` is the 1-based sheet row of `rows[0]`, for messages. */
export function decodeRecords(rows: ReadonlyArray<ReadonlyArray<unknown>>, firstRow = 2): DataRecord[] {
  return rows.map((row, i) => {
    const [kind, key, json] = row;
    const where = `Données!A${firstRow + i}`;
    const fail = (why: string) =>
      new GoogleApiError('BAD_REPLY', frGoogle.unreadableRecord(where), `${where}: ${why}`);
    if (typeof kind !== 'string' || !isKind(kind)) throw fail(`unknown kind ${JSON.stringify(kind)}`);
    if (typeof json !== 'string') throw fail('no JSON');
    let parsed: unknown;
    try {
      parsed = JSON.parse(json);
    } catch (error) {
      throw fail((error as Error).message);
    }
    const result = SCHEMAS[kind].safeParse(parsed);
    if (!result.success) throw fail(result.error.message);
    return { kind, key: typeof key === 'string' ? key : String(key ?? ''), value: result.data } as DataRecord;
  });
}

/** A record question's field as older versions named it (`es_contact[0].email`), by the item key both runtimes share. */
const LEGACY_RECORD_FIELD = /^(.+)\[(\d+)\]\.([a-z][a-z0-9_]*)$/;

function itemKeyOfLegacyName(name: string): string {
  const m = LEGACY_RECORD_FIELD.exec(name);
  return m && !RECORD_FIELD_KEY.test(name) ? recordFieldKey(m[1] ?? '', Number(m[2]), m[3] ?? '') : name;
}

/**
 * A form as an older version kept it in « Données » (and its cursor), as the FormMeta both runtimes keep in Suivi's
 * records: its questions by item key (a record field renamed to the shared key space), the cursor with them.
 */
export function formMetaOfRecord(record: FormRecord, cursor: Cursor | undefined): FormMeta {
  const questions: Record<string, FormApiQuestion> = {};
  for (const [questionId, name] of Object.entries(record.questions)) {
    const item = record.items?.[questionId];
    const week = record.weekItem?.questionId === questionId ? record.weekItem : undefined;
    const choices = record.choices?.[questionId];
    questions[itemKeyOfLegacyName(name)] = {
      questionId,
      ...(item
        ? { itemId: item.itemId, index: item.index, shown: fingerprint(item.description) }
        : week
          ? { itemId: week.itemId, index: week.index }
          : {}),
      ...(choices ? keptChoices(choices) : {}),
    };
  }
  return {
    id: record.formId,
    url: record.responderUri,
    items: {},
    applied: {},
    api: { questions, ...(cursor ? { since: cursor.since } : {}) },
  };
}
