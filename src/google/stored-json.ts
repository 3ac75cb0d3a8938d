// The JSON the Google workbook keeps in hidden cells, for both Google runtimes — each Suivi row's record (its
// establishment, ledger, ARS/ANS values, submissions and form ids), the workbook's meta cell, each Historique
// version and each Modifications change — with the zod schemas that check it when read back: a hidden cell is
// still data coming in. Pure: bundled into Apps Script. Where each of them lives: workbook-layout.ts.
import * as z from 'zod';
import { parseStoredJson } from './json-cells';
import { apiCursorsOf, keptSubmissions } from './api-submissions';
import { describeWeek } from '../domain/iso-week';
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

/**
 * A short fingerprint of a value (FNV-1a over its JSON, base 36): what a form record keeps of a text it wrote, to tell
 * whether it changed without holding the text (a row's record must stay well under a cell's 50,000 characters).
 */
export function fingerprint(value: unknown): string {
  const text = JSON.stringify(value) ?? '';
  let h = 2166136261;
  for (let i = 0; i < text.length; i += 1) h = Math.imul(h ^ text.charCodeAt(i), 16777619) >>> 0;
  return h.toString(36);
}

/**
 * The key of one Google Forms item, the same in both runtimes (Apps Script's form-spec.ts, the REST runtime's
 * form-requests.ts): the plan's question name (a column id, `week`, `use_case_id`, `uc1.pathway`…), or for one field of
 * a record question's entry `<name>#<entry>.<field>`.
 */
export function recordFieldKey(name: string, entry: number, field: string): string {
  return `${name}#${entry}.${field}`;
}
/** A record field's item key read back: name, entry, field. */
export const RECORD_FIELD_KEY = /^(.+)#(\d+)\.([a-z][a-z0-9_]*)$/;

/**
 * What only the REST runtime keeps of a question of its form. Its ids are the Forms API's: an item id there is a
 * string (Forms API « REST Resource: forms », Item.itemId, https://developers.google.com/forms/api/reference/rest/v1/forms)
 * while FormApp's is an Integer (Apps Script « Class Item », getId(),
 * https://developers.google.com/apps-script/reference/forms/item#getId()), and Google documents no conversion
 * between the two: each runtime keeps the ids it was given (docs/google-assumptions.md).
 */
export const FormApiQuestionSchema = z.object({
  /** The question's id: the key of its answers in forms.responses.list. */
  questionId: z.string().min(1),
  /** Its item and place, for updateItem (absent on forms recorded before sync rewrote help texts: read once). */
  itemId: z.string().min(1).optional(),
  index: z.int().min(0).optional(),
  /** Fingerprint of the help text last written (fingerprint()), so a sync rewrites only what changed. */
  shown: z.string().optional(),
  /** Shown label → stored value, for a choice question whose labels are not week descriptions (keptChoices). */
  choices: z.record(z.string(), z.string()).optional(),
  /**
   * The weeks a week question offers: their labels are describeWeek's, so only the weeks are kept (a season's 104
   * labels would take 6,000 characters of the row's record).
   */
  weeks: z.array(z.string()).optional(),
});
export type FormApiQuestion = z.infer<typeof FormApiQuestionSchema>;

/** A choice question's label → value as kept in its record: the weeks alone when each label describes its week. */
export function keptChoices(
  choices: Readonly<Record<string, string>>,
): Pick<FormApiQuestion, 'choices' | 'weeks'> {
  const entries = Object.entries(choices);
  return entries.length > 0 && entries.every(([label, value]) => label === describeWeek(value))
    ? { weeks: entries.map(([, value]) => value) }
    : { choices: { ...choices } };
}

/** A question's label → value, as keptChoices kept it (undefined: not a choice question, labels are values). */
export function choicesOf(q: FormApiQuestion): Record<string, string> | undefined {
  if (q.weeks) return Object.fromEntries(q.weeks.map((w) => [describeWeek(w), w]));
  return q.choices;
}

/** What only the REST runtime keeps of its form: its questions by item key, and where reading responses resumes. */
export const FormApiStateSchema = z.object({
  questions: z.record(z.string(), FormApiQuestionSchema),
  /** The last submission time (RFC 3339) written to the workbook: the next read asks for later ones only. */
  since: z.string().min(1).optional(),
});
export type FormApiState = z.infer<typeof FormApiStateSchema>;

/**
 * One of an establishment's forms, as both runtimes keep it in each of its Suivi rows' records
 * (`forms.weekly|initialisation`). Shared: where it is (`id`, `url`), whether it was published, its prefilled link.
 * Apps Script (FormApp, a responses tab) only: `tabId`, `responsesId`, `responsesPart`, `trimmed`, `items`,
 * `applied` (empty on a form the REST runtime made). The REST runtime (Forms API, no responses tab) only: `api`.
 */
export const FormMetaSchema = z.object({
  id: z.string().min(1),
  url: z.string(),
  /** Apps Script: the sheet id of its tab in the responses spreadsheet (absent: no tab linked, e.g. made by REST). */
  tabId: z.int().optional(),
  /** Apps Script: the responses spreadsheet holding that tab (absent: the first one, as before there could be several). */
  responsesId: z.string().min(1).optional(),
  /** Apps Script: that spreadsheet's place in the list of responses spreadsheets (absent: 0, the first one). */
  responsesPart: z.int().nonnegative().optional(),
  /** Apps Script: whether its tab is trimmed to its columns and header when found after linking (absent: a new tab's size). */
  trimmed: z.boolean().optional(),
  /** Apps Script: FormApp's item id by item key (see form-spec.ts). */
  items: z.record(z.string(), z.int()).default({}),
  /** Apps Script: fingerprint of what each item shows, by item key. */
  applied: z.record(z.string(), z.string()).default({}),
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
  /** REST runtime only: its questions by item key and its read cursor. */
  api: FormApiStateSchema.optional(),
});
export type FormMeta = z.infer<typeof FormMetaSchema>;

/**
 * Whether a form was made through the Forms API (by `suivi-mes google install`): it has no responses tab, its
 * responses are read through forms.responses.list in both runtimes, and FormApp leaves it alone (its items are
 * known by Forms API ids only).
 */
export function madeByFormsApi(meta: FormMeta): boolean {
  return meta.api !== undefined;
}
/** The two forms of an establishment. */
export type FormKind = 'weekly' | 'initialisation';

export const RowRecordSchema = z.object({
  v: z.literal(1),
  establishment: EstablishmentRecordSchema,
  ledger: z.array(WeekEntrySchema),
  /** ARS/ANS values as last recorded (the sheet cell may hold a newer edit not yet recorded). */
  annotations: ValuesSchema,
  /**
   * The submission ids seen for this row (accepted versions, refusals), to recognise one read again: every one,
   * but the Forms API ids no read can list again, which the stored form leaves out (api-submissions.ts).
   */
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
 * record-size.test.ts). Forms API submission ids (`<responseId>@<time>`, 99 characters, random) cannot be packed:
 * the stored form keeps only those a read may list again (keptSubmissions, api-submissions.ts), and each week's
 * current version id goes in its ledger tuple rather than in a map keyed by week again (test/google-api/
 * rest-record-size.test.ts). In memory the record keeps its first shape; a `v: 1` cell is still read, and so is a
 * `v: 2` one written before (versions all in the map).
 */
const LedgerWeekTuple = z.tuple([
  z.string(),
  z.int().positive(),
  z.array(z.number().nullable()),
  z.string().nullable(),
  z.string(),
  /** The submission id of the week's current version (`versions[week]`), when there is one. */
  z.string().optional(),
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
  const inLedger = new Set(record.ledger.map((e) => e.week));
  const stored: StoredRowRecord = {
    v: 2,
    establishment: record.establishment,
    ledger: {
      counters,
      weeks: record.ledger.map((e): z.infer<typeof LedgerWeekTuple> => {
        const values = counters.map((c) => e.counters[c] ?? null);
        const version = record.versions[e.week];
        return version === undefined
          ? [e.week, e.version, values, e.firstReceivedAt, e.receivedAt]
          : [e.week, e.version, values, e.firstReceivedAt, e.receivedAt, version];
      }),
    },
    annotations: record.annotations,
    submissions: compactSubmissions(keptSubmissions(record.submissions, apiCursorsOf(record.forms))),
    versions: Object.fromEntries(Object.entries(record.versions).filter(([week]) => !inLedger.has(week))),
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
    versions: {
      ...stored.versions,
      ...Object.fromEntries(
        stored.ledger.weeks.flatMap(([week, , , , , id]) => (id === undefined ? [] : [[week, id]])),
      ),
    },
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

/**
 * An access suivi-mes granted on one of its files (the workbook, the RETEX folder): only these are ever withdrawn when
 * the configuration changes. `granted: false` once withdrawn (kept, so a re-added address is granted again).
 */
export const ShareSchema = z.object({
  fileId: z.string().min(1),
  email: z.string().min(1),
  role: z.enum(['writer', 'reader']),
  granted: z.boolean(),
});
export type Share = z.infer<typeof ShareSchema>;

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
  /**
   * The accesses `suivi-mes google install` granted (absent: none yet, or kept in « Données » by an older version).
   * Here and not in a records tab because their number follows the configured ARS/ANS addresses (two files each),
   * not the establishments: a few thousand characters whatever the size of the pilot.
   */
  shares: z.array(ShareSchema).optional(),
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
