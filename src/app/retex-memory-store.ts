// An in-memory RetexStore: the reference the RETEX store contract is written against, and the store of tests.
import type { Milestone } from '../domain/calendar';
import type { RetexIssue } from '../domain/retex/issue';
import type { RetexSectionText } from '../domain/retex/document';
import type { RetexStore } from '../ports';

// Snapshots are handed out as copies: an issued version must not change because a caller mutated it.
function copy<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

export class MemoryRetexStore implements RetexStore {
  private texts: RetexSectionText[] = [];
  private issues: RetexIssue[] = [];

  listSectionTexts(): RetexSectionText[] {
    return copy(this.texts);
  }

  saveSectionText(text: RetexSectionText): void {
    this.texts.push(copy(text));
  }

  listIssues(milestone?: Milestone): RetexIssue[] {
    return copy(this.issues.filter((i) => milestone === undefined || i.milestone === milestone));
  }

  recordIssue(issue: RetexIssue): void {
    if (this.issues.some((i) => i.label === issue.label))
      throw new Error(`RETEX ${issue.label} is already issued`);
    this.issues.push(copy(issue));
  }
}
