// The interfaces a runtime implements so the use cases in src/app run unchanged on Apps Script, on SQLite and on
// the Sheets REST API. Synchronous, like Apps Script's services: an async runtime loads what a use case needs,
// runs it against an in-memory snapshot, then writes the snapshot's changes back.
import type { RowLedger } from './domain/ledger';
import type { CellChange, EstablishmentRecord, JournalEntry, ReportVersion, RowKey } from './domain/model';
import type { IsoWeek } from './domain/iso-week';
import type { Values } from './domain/values';
import type { Milestone } from './domain/calendar';
import type { RetexIssue } from './domain/retex/issue';
import type { RetexSectionText } from './domain/retex/document';
import type { Binome, BinomeAssignment, FollowUpAction, FollowUpPoint } from './domain/accompaniment';
import type { CommitteeIssue, CommitteeText } from './domain/committee';

export interface Clock {
  now(): Date;
}

/**
 * Where the pilot's records live. Implementations must make each method atomic and `transaction` all-or-nothing:
 * a refused or failed use case leaves nothing half-written.
 */
export interface Store {
  /** Runs `fn` so that its writes are applied together or not at all (SQLite transaction, script lock…). */
  transaction<T>(fn: () => T): T;

  listEstablishments(): EstablishmentRecord[];
  getEstablishment(id: string): EstablishmentRecord | undefined;
  /** Adds or replaces an establishment (registry, identity and profile values, use cases). */
  saveEstablishment(establishment: EstablishmentRecord): void;

  /** Whether a submission id (form response id, HTTP submission id…) was already ingested or refused. */
  hasSubmission(submissionId: string): boolean;
  /** The current version of each reported week of a row (see src/domain/ledger.ts). */
  rowLedger(key: RowKey): RowLedger;
  /** The highest version of one week of a row, if any. */
  reportVersion(key: RowKey, week: IsoWeek): ReportVersion | undefined;
  /**
   * Appends a version to the history (never rewritten) together with the row's new ledger. When `current` is true
   * the version is the row's new state and the row's ES weekly cells take its values; other cells are untouched.
   */
  recordReport(version: ReportVersion, ledger: RowLedger, current: boolean): void;
  /**
   * Marks a submission id as seen without storing a report: a refused submission, or a profile update. `rowKey`
   * names the row it was meant for when known, for stores that keep submission ids next to each row.
   */
  recordRefusal(submissionId: string, rowKey?: RowKey): void;
  /** The whole history in the order it was written. */
  listReportVersions(): ReportVersion[];

  /** Current ARS/ANS cells of a row. */
  annotations(key: RowKey): Values;
  /** Applies one cell change and keeps it in history (row annotations, or establishment values). */
  recordCellChange(change: CellChange): void;
  listCellChanges(): CellChange[];

  appendJournal(entry: JournalEntry): void;
  listJournal(): JournalEntry[];
}

/**
 * Where RETEX texts and issued versions live, next to the Store (its own tables or properties, never the Store's).
 * Each method is atomic. Synchronous for the same reason as the Store.
 */
export interface RetexStore {
  /** Every section text saved, oldest first; the latest per document and section is the one in force. */
  listSectionTexts(): RetexSectionText[];
  /** Keeps an ARS text for one section of one document; earlier texts stay in history. */
  saveSectionText(text: RetexSectionText): void;
  /** Issued versions (frozen snapshots), of one milestone or all, oldest first. */
  listIssues(milestone?: Milestone): RetexIssue[];
  /** Records a new issue; refuses (throws) a label already issued, since an issued version never changes. */
  recordIssue(issue: RetexIssue): void;
}

/**
 * Where the accompaniment lives (binômes, follow-up points, actions, committee texts and packs), next to the Store
 * (its own tables or tabs, never the Store's). Records are the core's (src/domain/accompaniment.ts,
 * src/domain/committee.ts): plain JSON, read back through their zod schemas. Each method is atomic; the use cases
 * run them inside `Store.transaction` so a runtime whose two stores share a database writes both or neither.
 */
export interface AccompanimentStore {
  /** Every version of every binôme, oldest first (the latest per id is in force). */
  listBinomes(): Binome[];
  /** Appends a version of a binôme. */
  saveBinome(binome: Binome): void;
  /** Every assignment of a binôme to an establishment, oldest first (the latest per establishment wins). */
  listAssignments(): BinomeAssignment[];
  assignBinome(assignment: BinomeAssignment): void;

  listPoints(): FollowUpPoint[];
  /** Adds a point; refuses (throws) an id already used. */
  addPoint(point: FollowUpPoint): void;

  /** The current state of every action. */
  listActions(): FollowUpAction[];
  /**
   * Writes an action: a new one has version 1; a change has the stored version + 1, else it is refused (throws
   * StaleRecordError) since someone else changed it since it was read.
   */
  saveAction(action: FollowUpAction): void;

  /** Every « décisions à prendre » text, oldest first (the latest per month is in force). */
  listCommitteeTexts(): CommitteeText[];
  saveCommitteeText(text: CommitteeText): void;
  /** Issued committee packs, of one month or all, oldest first. */
  listCommitteeIssues(month?: string): CommitteeIssue[];
  /** Records a new pack; refuses (throws) a label already issued. */
  recordCommitteeIssue(issue: CommitteeIssue): void;
}

/** A write based on a version of a record that is no longer the stored one. */
export class StaleRecordError extends Error {
  constructor(readonly recordId: string) {
    super(`Record ${recordId} changed since it was read`);
    this.name = 'StaleRecordError';
  }
}
