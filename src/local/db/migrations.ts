// The SQLite schema of the embedded runtime, as numbered migrations applied in order (PRAGMA user_version holds
// the last one applied). A migration is never edited once released: a change is a new migration.
import type { Database } from 'better-sqlite3';
import { writeTransaction } from './write-transaction';

/** Tables that are appended to and never rewritten: triggers refuse UPDATE and DELETE on them. */
const APPEND_ONLY = ['report_versions', 'cell_changes', 'journal'] as const;

function appendOnlyTriggers(table: string): string {
  return ['UPDATE', 'DELETE']
    .map(
      (op) =>
        `CREATE TRIGGER ${table}_no_${op.toLowerCase()} BEFORE ${op} ON ${table}
         BEGIN SELECT RAISE(ABORT, '${table} is append-only'); END;`,
    )
    .join('\n');
}

/** Records are kept as JSON text: their shape is the core's (src/domain/model.ts), validated before storage. */
export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

  CREATE TABLE establishments (
    id TEXT PRIMARY KEY,
    position INTEGER NOT NULL,
    record TEXT NOT NULL
  );

  CREATE TABLE submissions (
    id TEXT PRIMARY KEY,
    outcome TEXT NOT NULL CHECK (outcome IN ('accepted', 'refused'))
  );

  CREATE TABLE report_versions (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    row_key TEXT NOT NULL,
    establishment_id TEXT NOT NULL,
    week TEXT NOT NULL,
    version INTEGER NOT NULL,
    submission_id TEXT NOT NULL,
    record TEXT NOT NULL,
    UNIQUE (row_key, week, version)
  );
  CREATE INDEX report_versions_by_establishment ON report_versions (establishment_id, seq);
  CREATE INDEX report_versions_by_submission ON report_versions (submission_id);

  CREATE TABLE row_ledgers (row_key TEXT PRIMARY KEY, ledger TEXT NOT NULL);

  -- The version whose values are the row's current ES weekly cells (Store.recordReport's "current").
  CREATE TABLE row_current (
    row_key TEXT PRIMARY KEY,
    version_seq INTEGER NOT NULL REFERENCES report_versions (seq)
  );

  CREATE TABLE annotations (
    row_key TEXT NOT NULL,
    column_id TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (row_key, column_id)
  );

  CREATE TABLE cell_changes (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    target TEXT NOT NULL,
    column_id TEXT NOT NULL,
    record TEXT NOT NULL
  );
  CREATE INDEX cell_changes_by_target ON cell_changes (target, seq);

  CREATE TABLE journal (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    record TEXT NOT NULL
  );

  -- Access links: only a hash of each token is kept (see src/local/access-links.ts).
  CREATE TABLE access_links (
    id TEXT PRIMARY KEY,
    role TEXT NOT NULL CHECK (role IN ('es', 'ars', 'ans')),
    establishment_id TEXT,
    label TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    revoked_at TEXT
  );
  CREATE INDEX access_links_active ON access_links (role, establishment_id) WHERE revoked_at IS NULL;

  -- One line per week whose reminders went out, so a restarted server does not send them twice.
  CREATE TABLE reminder_runs (
    week TEXT PRIMARY KEY,
    at TEXT NOT NULL,
    trigger TEXT NOT NULL,
    mails INTEGER NOT NULL
  );

  ${APPEND_ONLY.map(appendOnlyTriggers).join('\n')}
  `,
];

/** Applies the migrations not yet applied, each in its own transaction. Returns the schema version reached. */
export function migrate(db: Database): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > MIGRATIONS.length) throw tooNew(current);
  for (let i = current; i < MIGRATIONS.length; i += 1) {
    writeTransaction(db, () => {
      // Another process may have applied it since user_version was read.
      if ((db.pragma('user_version', { simple: true }) as number) > i) return;
      db.exec(MIGRATIONS[i] as string);
      db.pragma(`user_version = ${i + 1}`);
    });
  }
  return MIGRATIONS.length;
}

function tooNew(current: number): Error {
  return new Error(
    `La base de données a été créée par une version plus récente de suivi-mes (schéma ${current}, celle-ci connaît ${MIGRATIONS.length}).`,
  );
}
