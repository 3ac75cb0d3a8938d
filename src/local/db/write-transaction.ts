// Writes shared safely by several processes on one data folder (the server and the command line, or two servers).
// SQLite in WAL mode lets readers run beside one writer; what fails is a transaction that starts by reading and
// then wants to write after another process committed: SQLite answers SQLITE_BUSY_SNAPSHOT at once, without waiting
// (better-sqlite3's default `BEGIN` is deferred). So every write transaction begins with `BEGIN IMMEDIATE` — the
// write lock is taken first, waiting up to the busy timeout — and a transaction that still meets a busy database
// is run again from the start: the use cases are pure functions of what they read, so rerunning them is safe.
// The driver's own type, not open-database.ts's alias: open-database.ts imports this module.
import type { Database as SqliteDatabase } from 'better-sqlite3';

/** How long one statement waits for another process's write lock (PRAGMA busy_timeout), at most. */
export const BUSY_TIMEOUT_MS = 5_000;
/** How long a whole transaction is retried while the database stays busy, before the busy error is reported. */
export const BUSY_RETRY_MS = 20_000;

/**
 * The wait for a busy folder, in milliseconds: SUIVI_MES_BUSY_WAIT_MS when set (an administrator whose imports
 * are long may raise it; the tests lower it), else BUSY_RETRY_MS.
 */
export function busyWaitMs(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.SUIVI_MES_BUSY_WAIT_MS;
  const ms = raw === undefined || raw === '' ? NaN : Number(raw);
  return Number.isInteger(ms) && ms >= 0 && ms <= 600_000 ? ms : BUSY_RETRY_MS;
}

const BUSY = /^SQLITE_(BUSY|LOCKED)/;

/** SQLITE_BUSY, SQLITE_BUSY_SNAPSHOT, SQLITE_BUSY_RECOVERY, SQLITE_LOCKED…: another process holds the database. */
export function isBusy(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    'code' in error &&
    typeof error.code === 'string' &&
    BUSY.test(error.code)
  );
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));
function sleepSync(ms: number): void {
  Atomics.wait(sleeper, 0, 0, ms);
}

/**
 * Runs `fn` in one write transaction (a savepoint when one is already open) and returns what it returns; rolls
 * everything back when it throws. Retried whole while the database is busy, for at most `retryMs`.
 */
export function writeTransaction<T>(db: SqliteDatabase, fn: () => T, retryMs = busyWaitMs()): T {
  const transaction = db.transaction(fn);
  if (db.inTransaction) return transaction();
  const deadline = Date.now() + retryMs;
  for (let attempt = 0; ; attempt += 1) {
    try {
      return transaction.immediate();
    } catch (error) {
      if (!isBusy(error) || Date.now() >= deadline) throw error;
      // Jitter, so that two processes that collided do not collide again on the next try.
      sleepSync(Math.min(10 * 2 ** attempt, 200) + Math.floor(Math.random() * 10));
    }
  }
}
