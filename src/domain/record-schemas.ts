// zod schemas of the records a runtime stores as JSON and reads back (hidden cells, the REST data tab): a stored
// record is still data coming in. One definition, typed against the model, so the runtimes cannot drift apart.
import * as z from 'zod';
import type { WeekEntry } from './ledger';
import {
  JOURNAL_KINDS,
  type CellChange,
  type EstablishmentRecord,
  type JournalEntry,
  type ReportVersion,
} from './model';
import type { FieldValue, Values } from './values';

export const FieldValueSchema: z.ZodType<FieldValue> = z.union([
  z.string(),
  z.number(),
  z.null(),
  z.array(z.string()),
  z.array(z.record(z.string(), z.string())),
]);

export const ValuesSchema: z.ZodType<Values> = z.record(z.string(), FieldValueSchema);

export const EstablishmentRecordSchema: z.ZodType<EstablishmentRecord> = z.object({
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

export const WeekEntrySchema: z.ZodType<WeekEntry> = z.object({
  week: z.string(),
  version: z.int().positive(),
  counters: z.record(z.string(), z.number()),
  firstReceivedAt: z.string().nullable(),
  receivedAt: z.string(),
});

export const ReportVersionSchema: z.ZodType<ReportVersion> = z.object({
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

export const CellChangeSchema: z.ZodType<CellChange> = z.object({
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

export const JournalEntrySchema: z.ZodType<JournalEntry> = z.object({
  at: z.string(),
  kind: z.enum(JOURNAL_KINDS),
  actor: z.string(),
  role: z.enum(['es', 'ars', 'ans', 'system']),
  target: z.string().optional(),
  summary: z.string(),
  details: z.string().optional(),
});
