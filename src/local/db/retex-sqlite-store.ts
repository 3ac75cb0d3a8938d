// The RetexStore on SQLite (better-sqlite3): it receives the local runtime's open Database and keeps its own
// two tables, prefixed `retex_`, next to the main store's (which it never reads nor writes). Section texts are
// append-only; an issue is one row holding its frozen snapshot as JSON, read back through the domain's schema.
import type { Database } from 'better-sqlite3';
import type { Milestone } from '../../domain/calendar';
import { RetexIssueSchema, type RetexIssue } from '../../domain/retex/issue';
import type { RetexSectionText } from '../../domain/retex/document';
import type { RetexStore } from '../../ports';

const schema = (texts: string, issues: string) => `
CREATE TABLE IF NOT EXISTS ${texts} (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  document_key TEXT NOT NULL,
  section_id TEXT NOT NULL,
  text TEXT NOT NULL,
  author TEXT NOT NULL,
  at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS ${texts}_key ON ${texts} (document_key, section_id);
CREATE TABLE IF NOT EXISTS ${issues} (
  label TEXT PRIMARY KEY,
  milestone TEXT NOT NULL,
  number INTEGER NOT NULL,
  fingerprint TEXT NOT NULL,
  issued_at TEXT NOT NULL,
  snapshot TEXT NOT NULL,
  UNIQUE (milestone, number)
);
`;

interface TextRow {
  document_key: string;
  section_id: string;
  text: string;
  author: string;
  at: string;
}

function parseSnapshot(label: string, snapshot: string): RetexIssue {
  const parsed = RetexIssueSchema.safeParse(JSON.parse(snapshot));
  if (!parsed.success)
    throw new Error(`Stored RETEX ${label} is not a valid snapshot: ${parsed.error.message}`);
  return parsed.data;
}

export class RetexSqliteStore implements RetexStore {
  private readonly texts: string;
  private readonly issues: string;

  /**
   * `scope`: a region of an instance following several regions (its own RETEX, its own versions); absent: the
   * instance's own tables, as before.
   */
  constructor(
    private readonly db: Database,
    scope?: string,
  ) {
    const prefix = scope === undefined ? 'retex' : `retex_${scope.replace(/[^a-z0-9]/g, '_')}`;
    this.texts = `${prefix}_section_texts`;
    this.issues = `${prefix}_issues`;
    db.exec(schema(this.texts, this.issues));
  }

  listSectionTexts(): RetexSectionText[] {
    const rows = this.db
      .prepare(`SELECT document_key, section_id, text, author, at FROM ${this.texts} ORDER BY seq`)
      .all() as TextRow[];
    return rows.map((r) => ({
      documentKey: r.document_key,
      sectionId: r.section_id,
      text: r.text,
      author: r.author,
      at: r.at,
    }));
  }

  saveSectionText(text: RetexSectionText): void {
    this.db
      .prepare(
        `INSERT INTO ${this.texts} (document_key, section_id, text, author, at) VALUES (?, ?, ?, ?, ?)`,
      )
      .run(text.documentKey, text.sectionId, text.text, text.author, text.at);
  }

  listIssues(milestone?: Milestone): RetexIssue[] {
    const rows = (
      milestone === undefined
        ? this.db.prepare(`SELECT label, snapshot FROM ${this.issues} ORDER BY issued_at, number`).all()
        : this.db
            .prepare(`SELECT label, snapshot FROM ${this.issues} WHERE milestone = ? ORDER BY number`)
            .all(milestone)
    ) as Array<{ label: string; snapshot: string }>;
    return rows.map((r) => parseSnapshot(r.label, r.snapshot));
  }

  /**
   * The labels of every issued version in listIssues' order, without reading their snapshots: for a caller that
   * keeps the snapshots it already read (an issued version never changes) and reads only the new ones.
   */
  issueLabels(): string[] {
    const rows = this.db
      .prepare(`SELECT label FROM ${this.issues} ORDER BY issued_at, number`)
      .all() as Array<{
      label: string;
    }>;
    return rows.map((r) => r.label);
  }

  /** One issued version, read back through the schema. */
  getIssue(label: string): RetexIssue | undefined {
    const row = this.db.prepare(`SELECT snapshot FROM ${this.issues} WHERE label = ?`).get(label) as
      { snapshot: string } | undefined;
    return row && parseSnapshot(label, row.snapshot);
  }

  recordIssue(issue: RetexIssue): void {
    try {
      this.db
        .prepare(
          `INSERT INTO ${this.issues} (label, milestone, number, fingerprint, issued_at, snapshot) VALUES (?, ?, ?, ?, ?, ?)`,
        )
        .run(
          issue.label,
          issue.milestone,
          issue.number,
          issue.fingerprint,
          issue.issuedAt,
          JSON.stringify(issue),
        );
    } catch (error) {
      if ((error as { code?: string }).code?.startsWith('SQLITE_CONSTRAINT'))
        throw new Error(`RETEX ${issue.label} is already issued`, { cause: error });
      throw error;
    }
  }
}
