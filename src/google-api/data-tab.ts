// The hidden « Données » tab: the CLI's records as one JSON document per row (kind, key, JSON), so a sync reloads
// exactly what was stored — records, history, cell changes, journal, forms and their cursors — without parsing the
// visible tabs back. Each row read is checked with zod; an unreadable row stops the load with its row number.
import * as z from 'zod';
import {
  JOURNAL_KINDS,
  type CellChange,
  type EstablishmentRecord,
  type JournalEntry,
  type ReportVersion,
} from '../domain/model';
import type { FieldValue } from '../domain/values';
import { GoogleApiError } from './errors';
import { frGoogle } from '../domain/messages';

const RecordEntry = z.record(z.string(), z.string());
const FieldValueSchema: z.ZodType<FieldValue> = z.union([
  z.string(),
  z.number(),
  z.null(),
  z.array(z.string()),
  z.array(RecordEntry),
]);
const ValuesSchema = z.record(z.string(), FieldValueSchema);

const EstablishmentSchema: z.ZodType<EstablishmentRecord> = z.object({
  id: z.string().min(1),
  values: ValuesSchema,
  useCases: z.array(
    z.object({
      id: z.string().min(1),
      values: ValuesSchema,
      pathwayStatus: z.enum(['confirmé', 'à confirmer']),
    }),
  ),
  federation: z.string().optional(),
  finess: z.string().optional(),
  note: z.string().optional(),
});

const VersionSchema: z.ZodType<ReportVersion> = z.object({
  rowKey: z.string().min(1),
  week: z.string().min(1),
  version: z.int().positive(),
  values: ValuesSchema,
  source: z.enum(['form', 'import', 'correction']),
  submissionId: z.string().min(1),
  receivedAt: z.string().min(1),
  author: z.string(),
  reason: z.string().nullable(),
  warnings: z.array(z.object({ code: z.string(), message: z.string() })),
});

const ChangeSchema: z.ZodType<CellChange> = z.object({
  scope: z.enum(['establishment', 'useCase', 'annotation']),
  target: z.string().min(1),
  columnId: z.string().min(1),
  value: FieldValueSchema,
  previous: FieldValueSchema,
  author: z.string(),
  role: z.enum(['es', 'ars', 'ans']),
  at: z.string(),
  source: z.enum(['form', 'grid', 'sheet', 'import']),
});

const JournalSchema: z.ZodType<JournalEntry> = z.object({
  at: z.string(),
  kind: z.enum(JOURNAL_KINDS),
  actor: z.string(),
  role: z.enum(['es', 'ars', 'ans', 'system']),
  target: z.string().optional(),
  summary: z.string(),
  details: z.string().optional(),
});

/** A form made by install, with what sync needs to read its answers. */
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
});
export type FormRecord = z.infer<typeof FormRecordSchema>;

/** Where reading a form's responses resumes: the last submission time written to the workbook. */
export const CursorSchema = z.object({ formId: z.string().min(1), since: z.string().min(1) });
export type Cursor = z.infer<typeof CursorSchema>;

export type DataRecord =
  | { kind: 'establishment'; key: string; value: EstablishmentRecord }
  | { kind: 'version'; key: string; value: ReportVersion }
  | { kind: 'refusal'; key: string; value: Record<string, never> }
  | { kind: 'change'; key: string; value: CellChange }
  | { kind: 'journal'; key: string; value: JournalEntry }
  | { kind: 'form'; key: string; value: FormRecord }
  | { kind: 'cursor'; key: string; value: Cursor };

export type DataKind = DataRecord['kind'];

const SCHEMAS: { [K in DataKind]: z.ZodType<Extract<DataRecord, { kind: K }>['value']> } = {
  establishment: EstablishmentSchema,
  version: VersionSchema,
  refusal: z.object({}).strict() as z.ZodType<Record<string, never>>,
  change: ChangeSchema,
  journal: JournalSchema,
  form: FormRecordSchema,
  cursor: CursorSchema,
};

/** Kinds whose rows are rewritten in place (one row per key); the others are only ever appended. */
export const UPSERTED_KINDS: ReadonlySet<DataKind> = new Set(['establishment', 'form', 'cursor']);

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
