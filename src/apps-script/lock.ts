// The script lock around everything that writes the workbook: wait, run, release in `finally`. When the lock
// cannot be had in time the work is not done and the caller says what happens instead (a form response is left
// for the weekly reconciliation, an install resumes later).
import type { GasLockService } from './gas-api';

/** How long a trigger waits for another execution to finish (Google's own example waits 30 s). */
export const LOCK_WAIT_MS = 30_000;

export type Locked<T> = { ok: true; value: T } | { ok: false };

export function withScriptLock<T>(lockService: GasLockService, waitMs: number, fn: () => T): Locked<T> {
  const lock = lockService.getScriptLock();
  if (!lock.tryLock(waitMs)) return { ok: false };
  try {
    return { ok: true, value: fn() };
  } finally {
    lock.releaseLock();
  }
}
