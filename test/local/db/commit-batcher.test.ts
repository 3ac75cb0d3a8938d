// Group commit: the writes of one turn of the event loop share one transaction, each settles once committed, one
// failing write undoes only itself, and a batch SQLite could not commit stores none of its writes.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { CommitBatcher } from '../../../src/local/db/commit-batcher';
import { openDatabase, type SqliteDatabase } from '../../../src/local/db/open-database';

describe('CommitBatcher', () => {
  let dir: string;
  let db: SqliteDatabase;
  let reader: Database.Database;
  let batcher: CommitBatcher;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'suivi-mes-batch-'));
    db = openDatabase(path.join(dir, 'db.sqlite'));
    db.exec('CREATE TABLE t (v TEXT NOT NULL)');
    reader = new Database(path.join(dir, 'db.sqlite'), { readonly: true });
    batcher = new CommitBatcher(db);
  });
  afterEach(() => {
    reader.close();
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const insert = (v: string) => () => db.prepare('INSERT INTO t (v) VALUES (?)').run(v).changes;
  /** What another connection (another process) sees: committed rows only. */
  const committed = () => reader.prepare('SELECT v FROM t ORDER BY rowid').pluck().all();

  it('runs the writes of one turn in one transaction and settles each once committed', async () => {
    const seenByOthers: unknown[] = [];
    const writes = [
      batcher.run(insert('a')),
      batcher.run(() => {
        // The first write is not committed yet when the second runs: they share the transaction.
        seenByOthers.push(committed().length, db.inTransaction);
        return insert('b')();
      }),
      batcher.run(insert('c')),
    ];
    expect(committed()).toEqual([]);
    await expect(Promise.all(writes)).resolves.toEqual([1, 1, 1]);
    expect(seenByOthers).toEqual([0, true]);
    expect(committed()).toEqual(['a', 'b', 'c']);
  });

  it('undoes only the write that throws; the others are committed', async () => {
    const writes = await Promise.allSettled([
      batcher.run(insert('a')),
      batcher.run(() => {
        insert('half')();
        throw new Error('refused');
      }),
      batcher.run(insert('c')),
    ]);
    expect(writes.map((w) => w.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(committed()).toEqual(['a', 'c']);
  });

  it('reports every write failed, and stores none, when the disk cannot take the commit', async () => {
    await batcher.run(insert('before'));
    db.pragma(`max_page_count = ${Number(db.pragma('page_count', { simple: true }))}`);
    const writes = await Promise.allSettled(
      Array.from({ length: 5 }, (_, i) => batcher.run(insert(`${i}:${'x'.repeat(4000)}`))),
    );
    expect(
      writes.some((w) => w.status === 'rejected' && (w.reason as { code?: string }).code === 'SQLITE_FULL'),
    ).toBe(true);
    const stored = committed();
    // Whatever was refused is absent; whatever was acknowledged is there.
    writes.forEach((w, i) => {
      const row = `${i}:${'x'.repeat(4000)}`;
      expect({ i, status: w.status, stored: stored.includes(row) }).toEqual({
        i,
        status: w.status,
        stored: w.status === 'fulfilled',
      });
    });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('reports every write of the batch failed, and stores none, when SQLite abandons the transaction', async () => {
    const writes = await Promise.allSettled([
      batcher.run(insert('a')),
      batcher.run(() => db.exec('ROLLBACK')),
      batcher.run(insert('never run')),
    ]);
    expect(writes.map((w) => w.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(committed()).toEqual([]);
    expect(db.inTransaction).toBe(false);
    await expect(batcher.run(insert('next batch'))).resolves.toBe(1);
    expect(committed()).toEqual(['next batch']);
  });

  it('starts a new batch for writes queued after a flush', async () => {
    await batcher.run(insert('a'));
    await batcher.run(insert('b'));
    expect(committed()).toEqual(['a', 'b']);
  });

  describe('while another process holds the write lock', () => {
    let other: Database.Database;
    beforeEach(() => {
      other = new Database(path.join(dir, 'db.sqlite'));
      // No waiting inside SQLite: the batcher's own retries are what is tested, without blocking this thread.
      db.pragma('busy_timeout = 0');
      other.exec('BEGIN IMMEDIATE');
    });
    afterEach(() => {
      if (other.inTransaction) other.exec('ROLLBACK');
      other.close();
    });

    it('waits for the lock without running anything, then commits the writes once it is free', async () => {
      const write = batcher.run(insert('after the other'));
      setTimeout(() => other.exec('COMMIT'), 150);
      await expect(write).resolves.toBe(1);
      expect(committed()).toEqual(['after the other']);
    });

    it('reports the writes busy, and stores none, when the lock stays taken past its retry time', async () => {
      const short = new CommitBatcher(db, 100);
      const writes = await Promise.allSettled([short.run(insert('a')), short.run(insert('b'))]);
      expect(writes.map((w) => w.status === 'rejected' && (w.reason as { code?: string }).code)).toEqual([
        'SQLITE_BUSY',
        'SQLITE_BUSY',
      ]);
      other.exec('ROLLBACK');
      expect(committed()).toEqual([]);
      await expect(short.run(insert('later'))).resolves.toBe(1);
    });
  });
});
