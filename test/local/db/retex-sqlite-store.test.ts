// The SQLite RetexStore passes the RetexStore contract on a file database, keeps to its own tables, refuses a
// stored snapshot that does not match the schema, and lists issued labels without reading their snapshots.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { RetexSqliteStore } from '../../../src/local/db/retex-sqlite-store';
import { describeRetexStoreContract, sampleIssue } from '../../support/contract/retex-store-contract';

function tempDb(): { file: string; dir: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'retex-sqlite-'));
  return { dir, file: path.join(dir, 'suivi.sqlite') };
}

describeRetexStoreContract('SQLite', () => {
  const { dir, file } = tempDb();
  const handles: Database.Database[] = [];
  const open = () => {
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    handles.push(db);
    return new RetexSqliteStore(db);
  };
  return {
    store: open(),
    reopen: open,
    cleanup: () => {
      for (const h of handles) h.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
});

describe('RetexSqliteStore', () => {
  let db: Database.Database;
  let dir: string;
  beforeEach(() => {
    const t = tempDb();
    dir = t.dir;
    db = new Database(t.file);
  });
  afterEach(() => {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('creates only tables prefixed retex_ and leaves other tables of the database alone', () => {
    db.exec("CREATE TABLE reports (id TEXT PRIMARY KEY); INSERT INTO reports VALUES ('r1')");
    new RetexSqliteStore(db);
    new RetexSqliteStore(db);
    const tables = (
      db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as Array<{
        name: string;
      }>
    ).map((t) => t.name);
    expect(tables.filter((t) => t !== 'sqlite_sequence')).toEqual([
      'reports',
      'retex_issues',
      'retex_section_texts',
    ]);
    expect(db.prepare('SELECT id FROM reports').all()).toEqual([{ id: 'r1' }]);
  });

  it('lists the issued labels in listIssues’ order and reads one issue back, without the others', () => {
    const store = new RetexSqliteStore(db);
    expect(store.issueLabels()).toEqual([]);
    store.recordIssue(sampleIssue('V1'));
    store.recordIssue(sampleIssue('V1.1'));
    expect(store.issueLabels()).toEqual(store.listIssues().map((i) => i.label));
    expect(store.issueLabels()).toEqual(['V1', 'V1.1']);
    expect(store.getIssue('V1.1')).toEqual(store.listIssues()[1]);
    expect(store.getIssue('V9')).toBeUndefined();
    // A broken snapshot is refused when read, not when only its label is listed.
    db.prepare('UPDATE retex_issues SET snapshot = \'{"milestone":"V1"}\' WHERE label = \'V1\'').run();
    expect(store.issueLabels()).toEqual(['V1', 'V1.1']);
    expect(store.getIssue('V1.1')?.label).toBe('V1.1');
    expect(() => store.getIssue('V1')).toThrow(/Stored RETEX V1 is not a valid snapshot/);
  });

  it('refuses a stored snapshot that is not a RETEX issue, naming it', () => {
    const store = new RetexSqliteStore(db);
    store.recordIssue(sampleIssue('V1'));
    db.prepare('UPDATE retex_issues SET snapshot = \'{"milestone":"V1"}\' WHERE label = \'V1\'').run();
    expect(() => store.listIssues()).toThrow(/Stored RETEX V1 is not a valid snapshot/);
  });
});
