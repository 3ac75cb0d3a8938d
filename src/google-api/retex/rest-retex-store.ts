// The RetexStore of the REST runtime: ARS section texts and issued RETEX versions kept in the workbook's hidden
// « Données » tab, next to the other records, and written by the same RestStore flush. An issued version is a
// large JSON document and a cell holds at most 50,000 characters, so it is kept in numbered pieces
// (`<label>#<i>/<n>`, cut by the splitting both Google runtimes share: src/google/json-cells.ts) that are put back
// together, and checked with zod, when read.
import type { Milestone } from '../../domain/calendar';
import { RetexIssueSchema, type RetexIssue } from '../../domain/retex/issue';
import type { RetexSectionText } from '../../domain/retex/document';
import type { RetexStore } from '../../ports';
import { splitForCells } from '../../google/json-cells';
import { GoogleApiError } from '../errors';
import type { RestStore } from '../rest-store';
import { frGoogle } from '../messages';

/**
 * Characters of issue JSON per piece. JSON-encoding a piece at most doubles it (only `"` and `\` are escaped: the
 * issue JSON holds no raw control character), so a piece always fits a cell.
 */
export const ISSUE_PIECE_CHARS = 20_000;

function copy<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

const PIECE_KEY = /^(.+)#(\d+)\/(\d+)$/;

export class RestRetexStore implements RetexStore {
  constructor(private readonly store: RestStore) {}

  listSectionTexts(): RetexSectionText[] {
    return this.store.records('retexText').map((r) => copy(r.value));
  }

  saveSectionText(text: RetexSectionText): void {
    this.store.putRecord({
      kind: 'retexText',
      key: `${text.documentKey} ${text.sectionId}`,
      value: copy(text),
    });
  }

  listIssues(milestone?: Milestone): RetexIssue[] {
    const byLabel = new Map<string, { count: number; parts: Map<number, string> }>();
    for (const r of this.store.records('retexIssue')) {
      const m = PIECE_KEY.exec(r.key);
      if (!m) throw this.unreadable(r.key, 'bad piece key');
      const [, label = '', i = '0', n = '0'] = m;
      const entry = byLabel.get(label) ?? { count: Number(n), parts: new Map<number, string>() };
      if (entry.count !== Number(n)) throw this.unreadable(label, 'piece counts disagree');
      entry.parts.set(Number(i), r.value);
      byLabel.set(label, entry);
    }
    const issues: RetexIssue[] = [];
    for (const [label, { count, parts }] of byLabel) {
      const text: string[] = [];
      for (let i = 0; i < count; i += 1) {
        const part = parts.get(i);
        if (part === undefined) throw this.unreadable(label, `piece ${i} of ${count} missing`);
        text.push(part);
      }
      let parsed: unknown;
      try {
        parsed = JSON.parse(text.join(''));
      } catch (error) {
        throw this.unreadable(label, (error as Error).message);
      }
      const result = RetexIssueSchema.safeParse(parsed);
      if (!result.success) throw this.unreadable(label, result.error.message);
      if (milestone === undefined || result.data.milestone === milestone) issues.push(result.data);
    }
    return issues;
  }

  recordIssue(issue: RetexIssue): void {
    if (this.store.records('retexIssue').some((r) => r.key.startsWith(`${issue.label}#`)))
      throw new Error(`RETEX ${issue.label} is already issued`);
    const parts = splitForCells(JSON.stringify(issue), ISSUE_PIECE_CHARS);
    parts.forEach((value, i) =>
      this.store.putRecord({ kind: 'retexIssue', key: `${issue.label}#${i}/${parts.length}`, value }),
    );
  }

  private unreadable(label: string, why: string): GoogleApiError {
    return new GoogleApiError(
      'BAD_REPLY',
      frGoogle.unreadableRecord(`RETEX ${label}`),
      `retex issue ${label}: ${why}`,
    );
  }
}
