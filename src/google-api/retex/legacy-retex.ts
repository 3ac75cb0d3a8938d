// RETEX records that older versions of this runtime kept in « Données » (kinds retexText, retexIssue in numbered
// pieces `<label>#<i>/<n>`, retexTemplate, retexFolder, retexDocument), moved to « RETEX (données) » in the layout
// both Google runtimes read (src/google/retex-records.ts). The RestStore moves them when it opens a workbook whose
// « RETEX (données) » holds no record yet, so the next flush writes them there; once written, « Données »'s copies
// are no longer read. Each record was checked with zod when « Données » was read; an issue is checked again whole.
import { RetexIssueSchema, type RetexIssue } from '../../domain/retex/issue';
import type { RetexRecords } from '../../google/retex-records';
import type { DataRecord } from '../data-tab';
import { GoogleApiError } from '../errors';
import { frGoogle } from '../messages';

const PIECE_KEY = /^(.+)#(\d+)\/(\d+)$/;

function unreadable(label: string, why: string): GoogleApiError {
  return new GoogleApiError(
    'BAD_REPLY',
    frGoogle.unreadableRecord(`RETEX ${label}`),
    `retex issue ${label}: ${why}`,
  );
}

/** The issued versions of « Données », their pieces put back together in order, oldest first. */
function legacyIssues(records: readonly DataRecord[]): RetexIssue[] {
  const byLabel = new Map<string, { count: number; parts: Map<number, string> }>();
  for (const r of records) {
    if (r.kind !== 'retexIssue') continue;
    const m = PIECE_KEY.exec(r.key);
    if (!m) throw unreadable(r.key, 'bad piece key');
    const [, label = '', i = '0', n = '0'] = m;
    const entry = byLabel.get(label) ?? { count: Number(n), parts: new Map<number, string>() };
    if (entry.count !== Number(n)) throw unreadable(label, 'piece counts disagree');
    entry.parts.set(Number(i), r.value);
    byLabel.set(label, entry);
  }
  return [...byLabel].map(([label, { count, parts }]) => {
    const text: string[] = [];
    for (let i = 0; i < count; i += 1) {
      const part = parts.get(i);
      if (part === undefined) throw unreadable(label, `piece ${i} of ${count} missing`);
      text.push(part);
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text.join(''));
    } catch (error) {
      throw unreadable(label, (error as Error).message);
    }
    const result = RetexIssueSchema.safeParse(parsed);
    if (!result.success) throw unreadable(label, result.error.message);
    return result.data;
  });
}

/** The latest value of each key (« Données » rewrote these kinds in place; the last one read wins). */
function latest<T>(entries: ReadonlyArray<readonly [string, T]>): T[] {
  return [...new Map(entries).values()];
}

/** Appends the RETEX records of « Données » to `target`; returns how many were found. */
export function migrateLegacyRetex(records: readonly DataRecord[], target: RetexRecords): number {
  let moved = 0;
  for (const folder of latest(
    records.flatMap((r) => (r.kind === 'retexFolder' ? [[r.key, r.value] as const] : [])),
  )) {
    target.saveFolder(folder);
    moved += 1;
  }
  for (const template of latest(
    records.flatMap((r) => (r.kind === 'retexTemplate' ? [[r.key, r.value] as const] : [])),
  )) {
    target.saveTemplate(template);
    moved += 1;
  }
  for (const r of records)
    if (r.kind === 'retexText') {
      target.saveSectionText(r.value);
      moved += 1;
    }
  for (const issue of legacyIssues(records)) {
    target.recordIssue(issue);
    moved += 1;
  }
  for (const d of latest(
    records.flatMap((r) => (r.kind === 'retexDocument' ? [[r.key, r.value] as const] : [])),
  )) {
    target.recordDocumentFile({
      label: d.label,
      key: d.documentKey,
      id: d.documentId,
      url: d.url,
      // Older versions did not keep when: unknown.
      at: '',
      chart: d.chart,
      complete: d.complete,
    });
    moved += 1;
  }
  return moved;
}
