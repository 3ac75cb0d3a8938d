// The JSON this runtime keeps in hidden cells — each Suivi row's record (its establishment, ledger, ARS/ANS
// values, submissions and form ids), the workbook's meta cell, each Historique version and each Modifications
// change — with the zod schemas that check it when read back: a hidden cell is still data coming in.
import * as z from 'zod';
import {
  CellChangeSchema,
  EstablishmentRecordSchema,
  ReportVersionSchema,
  ValuesSchema,
  WeekEntrySchema,
} from '../domain/record-schemas';
import type { CellChange, EstablishmentRecord, ReportVersion } from '../domain/model';
import type { RowLedger } from '../domain/ledger';
import type { Values } from '../domain/values';

/** Where one of an establishment's forms is, and what was last written to each of its items. */
export const FormMetaSchema = z.object({
  id: z.string().min(1),
  url: z.string(),
  /** The sheet id of its tab in the responses spreadsheet. */
  tabId: z.int(),
  /** Item id by item key (see form-spec.ts). */
  items: z.record(z.string(), z.int()),
  /** Fingerprint of what each item shows, by item key. */
  applied: z.record(z.string(), z.string()),
  /** The prefilled link given to the establishment (weekly: the current week; initialisation: its known values). */
  prefilled: z.string().optional(),
  /**
   * Whether install published the form and saw it accept responses. Absent on forms recorded before forms had to
   * be published (a re-install then publishes them) and set to false when a run found the form deleted.
   */
  published: z.boolean().optional(),
});
export type FormMeta = z.infer<typeof FormMetaSchema>;

export const RowRecordSchema = z.object({
  v: z.literal(1),
  establishment: EstablishmentRecordSchema,
  ledger: z.array(WeekEntrySchema),
  /** ARS/ANS values as last recorded (the sheet cell may hold a newer edit not yet recorded). */
  annotations: ValuesSchema,
  /** Every submission id seen for this row: accepted versions, refusals, initialisation responses. */
  submissions: z.array(z.string()),
  /** Submission id of each week's current version (to find it in Historique). */
  versions: z.record(z.string(), z.string()),
  forms: z
    .object({ weekly: FormMetaSchema.optional(), initialisation: FormMetaSchema.optional() })
    .optional(),
});
export interface RowRecord {
  v: 1;
  establishment: EstablishmentRecord;
  ledger: RowLedger;
  annotations: Values;
  submissions: string[];
  versions: Record<string, string>;
  forms?: { weekly?: FormMeta; initialisation?: FormMeta };
}

export const MetaSchema = z.object({
  v: z.literal(1),
  /** Refused submissions that belong to no row (an unknown establishment). */
  orphans: z.array(z.string()),
  /** Fingerprint of the Synthèse layout last drawn (a values-only refresh keeps it). */
  synthesisLayout: z.string().nullable(),
  /**
   * Submissions whose ingestion a Google error interrupted: their Historique row may have been appended before the
   * records were written, and is looked for when the submission comes again (absent in older workbooks).
   */
  interrupted: z.array(z.string()).optional(),
});
export type Meta = z.infer<typeof MetaSchema>;

export const emptyMeta = (): Meta => ({ v: 1, orphans: [], synthesisLayout: null });

/** Parses hidden JSON with a schema, or throws naming where it was read. */
function parseStored<T>(schema: z.ZodType<T>, text: string, where: string): T {
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

export function parseRowRecord(text: string, where: string): RowRecord {
  return parseStored(RowRecordSchema, text, where) as RowRecord;
}
export function parseMeta(text: string, where: string): Meta {
  return text.trim() === '' ? emptyMeta() : parseStored(MetaSchema, text, where);
}
export function parseReportVersion(text: string, where: string): ReportVersion {
  return parseStored(ReportVersionSchema, text, where) as ReportVersion;
}
export function parseCellChange(text: string, where: string): CellChange {
  return parseStored(CellChangeSchema, text, where) as CellChange;
}
