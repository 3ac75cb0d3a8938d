// Group commit: writes that arrive together (the requests of one turn of the event loop) run one after another in
// one SQLite transaction, each in its own savepoint, and are committed — written and synced to disk — once. Each
// caller's promise settles only after that commit, so an acknowledgement still means « on disk »; what one write
// throws rolls back its savepoint only. When the commit itself fails (a full disk), or SQLite rolls the whole
// transaction back after an error, every write of the batch is reported failed: none of them was stored.
// Another process on the folder (the command line, a second server) may hold the write lock: the batch then waits
// without blocking the event loop and tries again, for at most busyWaitMs(), before failing as busy.
import type { SqliteDatabase } from './open-database';
import { busyWaitMs, isBusy } from './write-transaction';

interface Pending {
  fn: () => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

type Settled = { ok: true; value: unknown } | { ok: false; error: unknown };

export class CommitBatcher {
  private queue: Pending[] = [];
  private readonly begin;
  private readonly commit;
  private readonly rollback;
  /** While a batch waits for another process's lock: when it gives up. */
  private busySince: number | undefined;

  constructor(
    private readonly db: SqliteDatabase,
    private readonly retryMs = busyWaitMs(),
  ) {
    this.begin = db.prepare('BEGIN IMMEDIATE');
    this.commit = db.prepare('COMMIT');
    this.rollback = db.prepare('ROLLBACK');
  }

  /** Runs `fn` (synchronous, writing through this database) in the next group commit; settles once it is on disk. */
  run<T>(fn: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      if (this.queue.length === 0 && this.busySince === undefined) setImmediate(() => this.flush());
      this.queue.push({ fn, resolve: resolve as (value: unknown) => void, reject });
    });
  }

  private flush(): void {
    const batch = this.queue;
    this.queue = [];
    if (batch.length === 0) return;
    const settled: Settled[] = [];
    try {
      this.begin.run();
    } catch (error) {
      if (!isBusy(error)) {
        this.busySince = undefined;
        return this.fail(batch, error);
      }
      this.busySince ??= Date.now();
      if (Date.now() - this.busySince >= this.retryMs) {
        this.busySince = undefined;
        return this.fail([...batch, ...this.queue.splice(0)], error);
      }
      // Nothing ran: the same writes (and those that arrived meanwhile) are tried again in a moment.
      this.queue = [...batch, ...this.queue];
      setTimeout(() => this.flush(), 20 + Math.floor(Math.random() * 20));
      return;
    }
    this.busySince = undefined;
    try {
      for (const item of batch) {
        const outcome = attempt(this.db, item.fn);
        // SQLite may abandon the whole transaction after some errors (SQLITE_FULL, SQLITE_IOERR…).
        if (!this.db.inTransaction) throw outcome.ok ? new Error('transaction rolled back') : outcome.error;
        settled.push(outcome);
      }
      this.commit.run();
    } catch (error) {
      if (this.db.inTransaction) this.rollback.run();
      return this.fail(batch, error);
    }
    batch.forEach((item, i) => settle(item, settled[i] as Settled));
  }

  private fail(batch: Pending[], error: unknown): void {
    for (const item of batch) item.reject(error);
  }
}

/** One write in its own savepoint (better-sqlite3 nests a transaction as a savepoint when one is open). */
function attempt(db: SqliteDatabase, fn: () => unknown): Settled {
  try {
    return { ok: true, value: db.transaction(fn)() };
  } catch (error) {
    return { ok: false, error };
  }
}

function settle(item: Pending, outcome: Settled): void {
  if (outcome.ok) item.resolve(outcome.value);
  else item.reject(outcome.error);
}
