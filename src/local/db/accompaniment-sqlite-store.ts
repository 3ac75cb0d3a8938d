// The AccompanimentStore on SQLite (better-sqlite3): it receives the local runtime's open Database and keeps its
// own tables, prefixed `acc_` (`acc_<region>_` for a listed region), next to the main store's (which it never reads nor writes), as the RETEX store
// does. Binômes, assignments, points, texts and issues are append-only; an action is one row per version (the
// highest is in force), so its history stays and a write based on an older version is refused. Records are JSON,
// read back through the core's schemas.
import type { Database } from 'better-sqlite3';
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
} from '../../domain/accompaniment';
import {
  CommitteeIssueSchema,
  CommitteeTextSchema,
  type CommitteeIssue,
  type CommitteeText,
} from '../../domain/committee';
import { StaleRecordError, type AccompanimentStore } from '../../ports';

const schema = (p: string) => `
CREATE TABLE IF NOT EXISTS ${p}_records (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  kind TEXT NOT NULL CHECK (kind IN ('binome', 'assignment', 'point', 'text')),
  record_id TEXT NOT NULL,
  record TEXT NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS ${p}_records_point ON ${p}_records (record_id) WHERE kind = 'point';
CREATE TABLE IF NOT EXISTS ${p}_actions (
  id TEXT NOT NULL,
  version INTEGER NOT NULL,
  establishment_id TEXT NOT NULL,
  record TEXT NOT NULL,
  PRIMARY KEY (id, version)
);
CREATE TABLE IF NOT EXISTS ${p}_committee_issues (
  label TEXT PRIMARY KEY,
  month TEXT NOT NULL,
  number INTEGER NOT NULL,
  issued_at TEXT NOT NULL,
  snapshot TEXT NOT NULL,
  UNIQUE (month, number)
);
CREATE TRIGGER IF NOT EXISTS ${p}_records_no_update BEFORE UPDATE ON ${p}_records
  BEGIN SELECT RAISE(ABORT, '${p}_records is append-only'); END;
CREATE TRIGGER IF NOT EXISTS ${p}_records_no_delete BEFORE DELETE ON ${p}_records
  BEGIN SELECT RAISE(ABORT, '${p}_records is append-only'); END;
CREATE TRIGGER IF NOT EXISTS ${p}_actions_no_update BEFORE UPDATE ON ${p}_actions
  BEGIN SELECT RAISE(ABORT, '${p}_actions is append-only'); END;
`;

type Kind = 'binome' | 'assignment' | 'point' | 'text';

function parse<T>(schema: z.ZodType<T>, what: string, text: string): T {
  const parsed = schema.safeParse(JSON.parse(text));
  if (!parsed.success) throw new Error(`Stored ${what} is not valid: ${parsed.error.message}`);
  return parsed.data;
}

function isConstraint(error: unknown): boolean {
  return (error as { code?: string }).code?.startsWith('SQLITE_CONSTRAINT') ?? false;
}

export class AccompanimentSqliteStore implements AccompanimentStore {
  private readonly p: string;
  constructor(
    private readonly db: Database,
    /**
     * A listed region of an instance following several regions (config `regions`): its own binômes, points,
     * actions and committee packs, in its own tables, as its RETEX; absent: the instance's (the pilot's region).
     */
    scope?: string,
  ) {
    this.p = scope === undefined ? 'acc' : `acc_${scope.replace(/[^a-z0-9]/g, '_')}`;
    db.exec(schema(this.p));
  }

  private list<T>(kind: Kind, schema: z.ZodType<T>): T[] {
    const rows = this.db
      .prepare(`SELECT record FROM ${this.p}_records WHERE kind = ? ORDER BY seq`)
      .all(kind) as Array<{ record: string }>;
    return rows.map((r) => parse(schema, kind, r.record));
  }

  private append(kind: Kind, id: string, record: unknown): void {
    this.db
      .prepare(`INSERT INTO ${this.p}_records (kind, record_id, record) VALUES (?, ?, ?)`)
      .run(kind, id, JSON.stringify(record));
  }

  listBinomes(): Binome[] {
    return this.list('binome', BinomeSchema);
  }
  saveBinome(binome: Binome): void {
    this.append('binome', binome.id, BinomeSchema.parse(binome));
  }
  listAssignments(): BinomeAssignment[] {
    return this.list('assignment', BinomeAssignmentSchema);
  }
  assignBinome(assignment: BinomeAssignment): void {
    this.append('assignment', assignment.establishmentId, BinomeAssignmentSchema.parse(assignment));
  }
  listPoints(): FollowUpPoint[] {
    return this.list('point', FollowUpPointSchema);
  }
  addPoint(point: FollowUpPoint): void {
    try {
      this.append('point', point.id, FollowUpPointSchema.parse(point));
    } catch (error) {
      if (isConstraint(error)) throw new Error(`Point ${point.id} already recorded`, { cause: error });
      throw error;
    }
  }

  listActions(): FollowUpAction[] {
    const rows = this.db
      .prepare(
        `SELECT a.record FROM ${this.p}_actions a
         JOIN (SELECT id, MAX(version) AS v FROM ${this.p}_actions GROUP BY id) m ON a.id = m.id AND a.version = m.v
         ORDER BY a.rowid`,
      )
      .all() as Array<{ record: string }>;
    return rows.map((r) => parse(FollowUpActionSchema, 'action', r.record));
  }

  /** Every version of one action, oldest first. */
  actionVersions(id: string): FollowUpAction[] {
    const rows = this.db
      .prepare(`SELECT record FROM ${this.p}_actions WHERE id = ? ORDER BY version`)
      .all(id) as Array<{ record: string }>;
    return rows.map((r) => parse(FollowUpActionSchema, 'action', r.record));
  }

  saveAction(action: FollowUpAction): void {
    const valid = FollowUpActionSchema.parse(action);
    const stored = this.db
      .prepare(`SELECT MAX(version) AS v FROM ${this.p}_actions WHERE id = ?`)
      .get(valid.id) as {
      v: number | null;
    };
    if ((stored.v ?? 0) !== valid.version - 1) throw new StaleRecordError(valid.id);
    try {
      this.db
        .prepare(`INSERT INTO ${this.p}_actions (id, version, establishment_id, record) VALUES (?, ?, ?, ?)`)
        .run(valid.id, valid.version, valid.establishmentId, JSON.stringify(valid));
    } catch (error) {
      if (isConstraint(error)) throw new StaleRecordError(valid.id);
      throw error;
    }
  }

  listCommitteeTexts(): CommitteeText[] {
    return this.list('text', CommitteeTextSchema);
  }
  saveCommitteeText(text: CommitteeText): void {
    this.append('text', text.month, CommitteeTextSchema.parse(text));
  }

  listCommitteeIssues(month?: string): CommitteeIssue[] {
    const rows = (
      month === undefined
        ? this.db
            .prepare(`SELECT label, snapshot FROM ${this.p}_committee_issues ORDER BY issued_at, number`)
            .all()
        : this.db
            .prepare(`SELECT label, snapshot FROM ${this.p}_committee_issues WHERE month = ? ORDER BY number`)
            .all(month)
    ) as Array<{ label: string; snapshot: string }>;
    return rows.map((r) => parse(CommitteeIssueSchema, `committee pack ${r.label}`, r.snapshot));
  }

  recordCommitteeIssue(issue: CommitteeIssue): void {
    try {
      this.db
        .prepare(
          `INSERT INTO ${this.p}_committee_issues (label, month, number, issued_at, snapshot) VALUES (?, ?, ?, ?, ?)`,
        )
        .run(issue.label, issue.month, issue.number, issue.issuedAt, JSON.stringify(issue));
    } catch (error) {
      if (isConstraint(error))
        throw new Error(`Committee pack ${issue.label} is already issued`, { cause: error });
      throw error;
    }
  }
}
