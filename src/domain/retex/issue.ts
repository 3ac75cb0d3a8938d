// Issuing a RETEX: an issued version is a frozen snapshot of its document models. A rebuild whose data and ARS
// texts are unchanged keeps the version in force; anything new issues the next number (V1, V1.1, V1.2…) and the
// previous versions stay as they were. Also the file names and the schema a store reads snapshots back with.
// Pure and synchronous.
import * as z from 'zod';
import { MILESTONES, type Milestone } from '../calendar';
import { parisDateString } from '../paris-time';
import type { RetexDocumentModel, RetexItem, RetexValue } from './document';
import type { RetexDraft } from './draft';

export interface RetexIssuedDocument {
  key: string;
  title: string;
  /** The file name without extension: `RETEX-V1.1-cas-usage-<slug>-2022-07-01`. */
  fileBase: string;
  model: RetexDocumentModel;
}

export interface RetexIssue {
  milestone: Milestone;
  /** 0 for the first issue of a milestone (V1), then 1 (V1.1), 2 (V1.2)… */
  number: number;
  label: string;
  /** Hash of what the documents say, version and date aside: equal fingerprints mean nothing new. */
  fingerprint: string;
  /** ISO 8601 instant. */
  issuedAt: string;
  author: string;
  documents: RetexIssuedDocument[];
}

export type RetexIssuePlan =
  | { status: 'new'; issue: RetexIssue; previous: RetexIssue | undefined }
  | { status: 'unchanged'; issue: RetexIssue };

export function retexVersionLabel(milestone: Milestone, number: number): string {
  return number === 0 ? milestone : `${milestone}.${number}`;
}

/** `RETEX-V1.1-cas-usage-<slug>-2022-07-01` / `RETEX-V1.1-transverse-2022-07-01`: version, document, date. */
export function retexFileBase(label: string, model: RetexDocumentModel, isoDate: string): string {
  const what = model.kind === 'use-case' ? `cas-usage-${model.slug}` : 'transverse';
  return `RETEX-${label}-${what}-${isoDate}`;
}

// FNV-1a over UTF-16 code units, twice with different offsets: 64 bits are plenty to tell versions apart, and
// the core has no crypto module in Apps Script.
function fnv1a(text: string, offset: number): string {
  let h = offset >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

const STAMPED = ['version', 'issued_on'];

function unstamped(values: RetexItem): RetexItem {
  return Object.fromEntries(Object.entries(values).filter(([k]) => !STAMPED.includes(k)));
}

/** A 64-bit hash of a text (two FNV-1a passes), for fingerprints of issued documents. */
export function textFingerprint(text: string): string {
  return `${fnv1a(text, 0x811c9dc5)}${fnv1a(text, 0x050c5d1f)}`;
}

/** What the documents of a draft say, independent of the version number and the issue date. */
export function retexFingerprint(draft: RetexDraft): string {
  const text = JSON.stringify(
    draft.documents.map((d) => ({
      key: d.key,
      values: unstamped(d.values),
      chart: d.chart,
      sections: d.sections,
      dataBasis: d.dataBasis,
    })),
  );
  return `${fnv1a(text, 0x811c9dc5)}${fnv1a(text, 0x050c5d1f)}`;
}

/**
 * Decides what a rebuild issues, given the issues already recorded (any milestone, any order): the latest issue
 * of the milestone when nothing changed, else the next number, stamped with its label and the issue date.
 */
export function planRetexIssue(
  draft: RetexDraft,
  issued: readonly RetexIssue[],
  now: Date,
  author: string,
): RetexIssuePlan {
  const fingerprint = retexFingerprint(draft);
  const previous = issued
    .filter((i) => i.milestone === draft.milestone)
    .reduce<RetexIssue | undefined>((best, i) => (!best || i.number > best.number ? i : best), undefined);
  if (previous && previous.fingerprint === fingerprint) return { status: 'unchanged', issue: previous };
  const number = previous ? previous.number + 1 : 0;
  const label = retexVersionLabel(draft.milestone, number);
  const date = parisDateString(now);
  const issuedOn = date.split('-').reverse().join('/');
  return {
    status: 'new',
    previous,
    issue: {
      milestone: draft.milestone,
      number,
      label,
      fingerprint,
      issuedAt: now.toISOString(),
      author,
      documents: draft.documents.map((d) => {
        const model: RetexDocumentModel = {
          ...d,
          values: { ...d.values, version: label, issued_on: issuedOn },
        };
        return { key: d.key, title: d.title, fileBase: retexFileBase(label, model, date), model };
      }),
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Schema of a stored snapshot (a store reads issues back through it).

const RetexValueSchema: z.ZodType<RetexValue> = z.lazy(() =>
  z.union([z.string(), z.number(), z.array(RetexItemSchema)]),
);
const RetexItemSchema: z.ZodType<RetexItem> = z.lazy(() => z.record(z.string(), RetexValueSchema));

const IsoWeekText = z.string().regex(/^\d{4}-W\d{2}$/);
const MilestoneSchema = z.enum(MILESTONES as [Milestone, ...Milestone[]]);

const RetexDocumentModelSchema = z.strictObject({
  key: z.string().min(1),
  kind: z.enum(['use-case', 'cross-cutting']),
  template: z.string().min(1),
  title: z.string(),
  slug: z.string().min(1),
  establishmentIds: z.array(z.string()),
  rowKeys: z.array(z.string()),
  values: RetexItemSchema,
  chart: z.strictObject({
    weeks: z.array(IsoWeekText),
    series: z.array(z.strictObject({ id: z.string(), label: z.string(), values: z.array(z.number()) })),
  }),
  sections: z.array(z.strictObject({ id: z.string(), title: z.string(), text: z.string() })),
  dataBasis: z.strictObject({
    milestone: MilestoneSchema,
    cutoffDate: z.string(),
    cutoffWeek: IsoWeekText,
    firstWeek: IsoWeekText,
    lastReportedWeek: IsoWeekText.nullable(),
    receivedUntil: z.string(),
    reportCount: z.int().min(0),
    annotationCount: z.int().min(0),
  }),
});

export const RetexIssueSchema: z.ZodType<RetexIssue> = z.strictObject({
  milestone: MilestoneSchema,
  number: z.int().min(0),
  label: z.string().min(2),
  fingerprint: z.string().min(1),
  issuedAt: z.string(),
  author: z.string(),
  documents: z.array(
    z.strictObject({
      key: z.string().min(1),
      title: z.string(),
      fileBase: z.string().min(1),
      model: RetexDocumentModelSchema,
    }),
  ),
});
