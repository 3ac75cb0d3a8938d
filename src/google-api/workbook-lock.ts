// A lock between two runs that write the same workbook (two syncs, a sync and an install, a RETEX…): rows of the
// « Données » tab are appended at positions computed from what each run read, so two writers at once would
// overwrite each other. The lock is a developer-metadata entry on the spreadsheet (key `suivi-mes:lock`) naming
// its holder and an expiry; a run that crashed leaves it, and it stops counting at its expiry.
//
// Sheets has no compare-and-set, so taking the lock is: read (someone holds it → refuse at once); write ours;
// read again. If another live entry is there too, both runs saw each other: each withdraws its own and tries again
// after a random pause, so two runs never both hold it (at worst both give up). Released in `finally`.
import { randomInt } from 'node:crypto';
import os from 'node:os';
import * as z from 'zod';
import { frGoogle } from './messages';
import { formatParisDateTime } from '../domain/paris-time';
import { GoogleApiError } from './errors';
import type { Timing } from './retry';
import type { DeveloperMetadataEntry, SheetsAdapter } from './sheets';

export const LOCK_KEY = 'suivi-mes:lock';
/** Longer than any run (an install of a few hundred forms); a lock older than this is ignored. */
export const LOCK_TTL_MS = 20 * 60_000;
const ATTEMPTS = 4;
const MAX_PAUSE_MS = 5_000;

const LockValue = z.object({ holder: z.string(), what: z.string(), expiresAt: z.string() });
type LockValue = z.infer<typeof LockValue>;

export interface LockOptions {
  /** The command taking it, for the message another run shows (« google sync »). */
  what: string;
  now: () => Date;
  timing: Timing;
  ttlMs?: number;
}

interface LiveLock {
  metadataId: number;
  value: LockValue;
}

function liveLocks(
  entries: readonly DeveloperMetadataEntry[],
  now: Date,
): { live: LiveLock[]; stale: number[] } {
  const live: LiveLock[] = [];
  const stale: number[] = [];
  for (const e of entries) {
    if (e.metadataKey !== LOCK_KEY) continue;
    let value: LockValue | undefined;
    try {
      const parsed = LockValue.safeParse(JSON.parse(e.metadataValue ?? ''));
      value = parsed.success ? parsed.data : undefined;
    } catch {
      value = undefined;
    }
    if (value && Date.parse(value.expiresAt) > now.getTime()) live.push({ metadataId: e.metadataId, value });
    else stale.push(e.metadataId);
  }
  return { live, stale };
}

const deleteRequest = (metadataId: number) => ({
  deleteDeveloperMetadata: { dataFilter: { developerMetadataLookup: { metadataId } } },
});

function lockedError(other: LiveLock): GoogleApiError {
  return new GoogleApiError(
    'LOCKED',
    frGoogle.workbookLocked(
      other.value.what,
      other.value.holder,
      formatParisDateTime(new Date(other.value.expiresAt)),
    ),
    `locked by ${other.value.holder} until ${other.value.expiresAt}`,
  );
}

/** Runs `fn` holding the workbook's lock; refuses with LOCKED when another run holds it. */
export async function withWorkbookLock<T>(
  sheets: SheetsAdapter,
  spreadsheetId: string,
  options: LockOptions,
  fn: () => Promise<T>,
): Promise<T> {
  const holder = `${os.hostname()} (pid ${process.pid})`;
  let mine: number | undefined;
  for (let attempt = 0; attempt < ATTEMPTS && mine === undefined; attempt += 1) {
    const now = options.now();
    const before = liveLocks(await sheets.developerMetadata(spreadsheetId), now);
    const held = before.live[0];
    if (held) {
      // At first sight, someone holds it: refuse. After a clash, it may be the other run withdrawing: pause again.
      if (attempt === 0 || attempt === ATTEMPTS - 1) throw lockedError(held);
      await options.timing.sleep(Math.floor(options.timing.random() * MAX_PAUSE_MS));
      continue;
    }
    const metadataId = randomInt(1, 2 ** 31 - 1);
    const value: LockValue = {
      holder,
      what: options.what,
      expiresAt: new Date(now.getTime() + (options.ttlMs ?? LOCK_TTL_MS)).toISOString(),
    };
    await sheets.batchUpdate(spreadsheetId, [
      ...before.stale.map(deleteRequest),
      {
        createDeveloperMetadata: {
          developerMetadata: {
            metadataId,
            metadataKey: LOCK_KEY,
            metadataValue: JSON.stringify(value),
            location: { spreadsheet: true },
            visibility: 'DOCUMENT',
          },
        },
      },
    ]);
    const after = liveLocks(await sheets.developerMetadata(spreadsheetId), options.now());
    const others = after.live.filter((l) => l.metadataId !== metadataId);
    if (others.length === 0) {
      mine = metadataId;
      break;
    }
    // Both runs wrote at once: withdraw, pause a random while, look again.
    await sheets.batchUpdate(spreadsheetId, [deleteRequest(metadataId)]);
    if (attempt === ATTEMPTS - 1) throw lockedError(others[0] as LiveLock);
    await options.timing.sleep(Math.floor(options.timing.random() * MAX_PAUSE_MS));
  }
  try {
    return await fn();
  } finally {
    // A release that fails (network gone) is not worth hiding the run's own outcome: the lock expires anyway.
    if (mine !== undefined)
      await sheets.batchUpdate(spreadsheetId, [deleteRequest(mine)]).catch(() => undefined);
  }
}
