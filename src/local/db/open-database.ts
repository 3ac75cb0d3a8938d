// Opens the embedded runtime's SQLite database with the settings its promises rest on: WAL (readers never block
// the writer), synchronous=FULL (a commit is on disk before the call returns, so an acknowledged submission
// survives a crash or a power cut), foreign keys, a busy timeout for a second process (the CLI beside the server).
import Database from 'better-sqlite3';
import { migrate } from './migrations';

export type SqliteDatabase = Database.Database;

export function openDatabase(file: string): SqliteDatabase {
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrate(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
