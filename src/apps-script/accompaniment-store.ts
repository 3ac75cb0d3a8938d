// The AccompanimentStore port over the master workbook: a hidden, owner-only « Accompagnement (données) » tab
// holding every binôme version, assignment, point, action version, « décisions à prendre » text, issued committee
// pack and the Google Doc written for each pack, as JSON records (json-records-tab.ts). Everything is appended:
// the latest action version per id is its current state, so a change never rewrites a row. The visible tabs
// (accompaniment-tabs.ts) are drawn from it. Must not decide a rule: src/app/accompaniment.ts does.
import * as z from 'zod';
import {
  BinomeAssignmentSchema,
  BinomeSchema,
  FollowUpActionSchema,
  FollowUpPointSchema,
  type Binome,
  type BinomeAssignment,
  type FollowUpAction,
  type FollowUpPoint,
} from '../domain/accompaniment';
import {
  CommitteeIssueSchema,
  CommitteeTextSchema,
  type CommitteeIssue,
  type CommitteeText,
} from '../domain/committee';
import { StaleRecordError, type AccompanimentStore } from '../ports';
import type { GasSheet } from './gas-api';
import { JsonRecordsTab } from './json-records-tab';
import { frWorkbookLayout } from '../google/messages';

export const ACCOMPANIMENT_DATA_SHEET = 'Accompagnement (données)';
export const ACCOMPANIMENT_DATA_HEADER = frWorkbookLayout.recordsTabHeader;

/** The Google Doc written for one issued committee pack. */
export interface CommitteeDocumentFile {
  label: string;
  id: string;
  url: string;
  /** ISO 8601 instant. */
  at: string;
}

const CommitteeDocumentSchema: z.ZodType<CommitteeDocumentFile> = z.strictObject({
  label: z.string(),
  id: z.string(),
  url: z.string(),
  at: z.string(),
});

export class SheetAccompanimentStore implements AccompanimentStore {
  private readonly tab: JsonRecordsTab;

  constructor(sheet: GasSheet) {
    this.tab = new JsonRecordsTab(sheet, ACCOMPANIMENT_DATA_SHEET);
  }

  /** Runs `fn` and writes the records it appends in one call (see JsonRecordsTab.batch). */
  batch<T>(fn: () => T): T {
    return this.tab.batch(fn);
  }

  listBinomes(): Binome[] {
    return this.tab.list('binome', BinomeSchema);
  }
  saveBinome(binome: Binome): void {
    this.tab.append('binome', binome.id, binome);
  }
  listAssignments(): BinomeAssignment[] {
    return this.tab.list('assignment', BinomeAssignmentSchema);
  }
  assignBinome(assignment: BinomeAssignment): void {
    this.tab.append('assignment', assignment.establishmentId, assignment);
  }
  listPoints(): FollowUpPoint[] {
    return this.tab.list('point', FollowUpPointSchema);
  }
  addPoint(point: FollowUpPoint): void {
    if (this.tab.has('point', point.id)) throw new Error(`Point ${point.id} already recorded`);
    this.tab.append('point', point.id, point);
  }
  listActions(): FollowUpAction[] {
    const latest = new Map<string, FollowUpAction>();
    for (const a of this.tab.list('action', FollowUpActionSchema)) latest.set(a.id, a);
    return [...latest.values()];
  }
  saveAction(action: FollowUpAction): void {
    const stored = this.listActions().find((a) => a.id === action.id);
    if ((stored?.version ?? 0) !== action.version - 1) throw new StaleRecordError(action.id);
    this.tab.append('action', action.id, action);
  }
  listCommitteeTexts(): CommitteeText[] {
    return this.tab.list('committee-text', CommitteeTextSchema);
  }
  saveCommitteeText(text: CommitteeText): void {
    this.tab.append('committee-text', text.month, text);
  }
  listCommitteeIssues(month?: string): CommitteeIssue[] {
    return this.tab
      .list('committee-issue', CommitteeIssueSchema)
      .filter((i) => month === undefined || i.month === month);
  }
  recordCommitteeIssue(issue: CommitteeIssue): void {
    if (this.tab.has('committee-issue', issue.label))
      throw new Error(`Committee pack ${issue.label} is already issued`);
    this.tab.append('committee-issue', issue.label, issue);
  }

  /** The Google Doc written for an issued pack, if any. */
  committeeDocument(label: string): CommitteeDocumentFile | undefined {
    return this.tab.list('committee-doc', CommitteeDocumentSchema).find((d) => d.label === label);
  }
  recordCommitteeDocument(file: CommitteeDocumentFile): void {
    this.tab.append('committee-doc', file.label, file);
  }
}
