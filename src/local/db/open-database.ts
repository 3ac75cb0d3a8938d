// Opens the embedded runtime's SQLite database with the settings its promises rest on: WAL (readers never block
// the writer), synchronous=FULL (a commit is on disk before the call returns, so an acknowledged submission
// survives a crash or a power cut), foreign keys, a busy timeout for a second process (the CLI beside the server, see write-transaction.ts).
import Database from 'better-sqlite3';
import { migrate } from './migrations';
import { BUSY_TIMEOUT_MS, busyWaitMs } from './write-transaction';

export type SqliteDatabase = Database.Database;

export function openDatabase(file: string): SqliteDatabase {
  const db = new Database(file);
  try {
    // First, so that even switching to WAL waits for a process that holds the database instead of failing.
    db.pragma(`busy_timeout = ${Math.min(BUSY_TIMEOUT_MS, busyWaitMs())}`);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    migrate(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
