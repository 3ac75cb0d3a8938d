// The JSON the Google workbook keeps in hidden cells, for both Google runtimes — each Suivi row's record (its
// establishment, ledger, ARS/ANS values, submissions and form ids), the workbook's meta cell, each Historique
// version and each Modifications change — with the zod schemas that check it when read back: a hidden cell is
// still data coming in. Pure: bundled into Apps Script. Where each of them lives: workbook-layout.ts.
import * as z from 'zod';
import { parseStoredJson } from './json-cells';
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
import type { RetexSectionText } from '../domain/retex/document';

/** Where one of an establishment's forms is, and what was last written to each of its items. */
export const FormMetaSchema = z.object({
  id: z.string().min(1),
  url: z.string(),
  /** The sheet id of its tab in the responses spreadsheet. */
  tabId: z.int(),
  /** The responses spreadsheet holding that tab (absent: the first one, as before there could be several). */
  responsesId: z.string().min(1).optional(),
  /** That spreadsheet's place in the list of responses spreadsheets (absent: 0, the first one). */
  responsesPart: z.int().nonnegative().optional(),
  /** Whether its tab is trimmed to its columns and header when found after linking (absent: a new tab's size). */
  trimmed: z.boolean().optional(),
  /** Item id by item key (see form-spec.ts). */
  items: z.record(z.string(), z.int()),
  /** Fingerprint of what each item shows, by item key. */
  applied: z.record(z.string(), z.string()),
  /** The prefilled link given to the establishment (weekly: the current week; initialisation: its known values). */
  prefilled: z.string().optional(),
  /**
   * The weekly form prefilled with the last week due, which the establishment had not reported when the Monday job
   * brought the form to the new week: made then, while the form was open, for that week's reminder (which then does
   * not open the form again). Used only for the week it names.
   */
  reminderLink: z.object({ week: z.string(), url: z.string() }).optional(),
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

/**
 * How a row's record is stored since the compact form (`v: 2`): Google Sheets refuses a cell of more than 50,000
 * characters (Google Drive Help « Files you can store in Google Drive », https://support.google.com/drive/answer/37603),
 * and a 104-week season with three resubmissions a week took 40,000 as plain JSON. The ledger lists its counter ids
 * once and each week as a tuple; submission ids `…:<row>` sharing a prefix (one form's tab) are kept as runs of
 * consecutive rows. About 140 characters a week for a report and three resubmissions (test/apps-script/
 * record-size.test.ts). In memory the record keeps its first shape; a `v: 1` cell is still read.
 */
const LedgerWeekTuple = z.tuple([
  z.string(),
  z.int().positive(),
  z.array(z.number().nullable()),
  z.string().nullable(),
  z.string(),
]);
const StoredRowRecordSchema = RowRecordSchema.omit({ v: true, ledger: true, submissions: true }).extend({
  v: z.literal(2),
  ledger: z.object({ counters: z.array(z.string()), weeks: z.array(LedgerWeekTuple) }),
  submissions: z.object({
    /** Runs of consecutive rows, `[first, last]`, by the id's prefix (up to its last `:`). */
    runs: z.record(z.string(), z.array(z.tuple([z.int(), z.int()]))),
    other: z.array(z.string()),
  }),
});
type StoredRowRecord = z.infer<typeof StoredRowRecordSchema>;

function compactSubmissions(ids: readonly string[]): StoredRowRecord['submissions'] {
  const rows = new Map<string, number[]>();
  const other: string[] = [];
  for (const id of ids) {
    const m = /^(.*:)(\d{1,9})$/.exec(id);
    if (m && String(Number(m[2])) === m[2]) {
      const prefix = m[1] as string;
      rows.set(prefix, [...(rows.get(prefix) ?? []), Number(m[2])]);
    } else other.push(id);
  }
  const runs: Record<string, Array<[number, number]>> = {};
  for (const [prefix, numbers] of rows) {
    const sorted = [...new Set(numbers)].sort((a, b) => a - b);
    const out: Array<[number, number]> = [];
    for (const n of sorted) {
      const last = out[out.length - 1];
      if (last && last[1] + 1 === n) last[1] = n;
      else out.push([n, n]);
    }
    runs[prefix] = out;
  }
  return { runs, other };
}

/** The text of a row's record as stored in its hidden cell (the compact form). */
export function serializeRowRecord(record: RowRecord): string {
  const counters = [...new Set(record.ledger.flatMap((e) => Object.keys(e.counters)))];
  const stored: StoredRowRecord = {
    v: 2,
    establishment: record.establishment,
    ledger: {
      counters,
      weeks: record.ledger.map((e) => [
        e.week,
        e.version,
        counters.map((c) => e.counters[c] ?? null),
        e.firstReceivedAt,
        e.receivedAt,
      ]),
    },
    annotations: record.annotations,
    submissions: compactSubmissions(record.submissions),
    versions: record.versions,
    ...(record.forms ? { forms: record.forms } : {}),
  };
  return JSON.stringify(stored);
}

function expandRowRecord(stored: StoredRowRecord): RowRecord {
  const { counters } = stored.ledger;
  return {
    v: 1,
    establishment: stored.establishment,
    ledger: stored.ledger.weeks.map(([week, version, values, firstReceivedAt, receivedAt]) => ({
      week,
      version,
      counters: Object.fromEntries(
        counters.flatMap((c, i) => (typeof values[i] === 'number' ? [[c, values[i]]] : [])),
      ),
      firstReceivedAt,
      receivedAt,
    })),
    annotations: stored.annotations,
    submissions: [
      ...Object.entries(stored.submissions.runs).flatMap(([prefix, runs]) =>
        runs.flatMap(([first, last]) =>
          Array.from({ length: last - first + 1 }, (_, i) => `${prefix}${first + i}`),
        ),
      ),
      ...stored.submissions.other,
    ],
    versions: stored.versions,
    ...(stored.forms ? { forms: stored.forms } : {}),
  } as RowRecord;
}

/**
 * An ARS RETEX section text as both Google runtimes keep it (Apps Script in « RETEX (données) », the REST runtime in
 * its records): the strictest of the two schemas they used to have each (keys required, nothing else).
 */
export const RetexSectionTextSchema: z.ZodType<RetexSectionText> = z.strictObject({
  documentKey: z.string().min(1),
  sectionId: z.string().min(1),
  text: z.string(),
  author: z.string(),
  at: z.string(),
});

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

export function parseRowRecord(text: string, where: string): RowRecord {
  if (/^\s*\{\s*"v"\s*:\s*2\b/.test(text))
    return expandRowRecord(parseStoredJson(StoredRowRecordSchema, text, where));
  return parseStoredJson(RowRecordSchema, text, where) as RowRecord;
}
export function parseMeta(text: string, where: string): Meta {
  return text.trim() === '' ? emptyMeta() : parseStoredJson(MetaSchema, text, where);
}
export function parseReportVersion(text: string, where: string): ReportVersion {
  return parseStoredJson(ReportVersionSchema, text, where) as ReportVersion;
}
export function parseCellChange(text: string, where: string): CellChange {
  return parseStoredJson(CellChangeSchema, text, where) as CellChange;
}
