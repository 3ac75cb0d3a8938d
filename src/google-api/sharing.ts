// Who may open the files suivi-mes made (the workbook, the RETEX folder), brought in line with the configuration at
// each install: a configured address without access gets it (no sharing e-mail is sent); an access suivi-mes
// granted to an address no longer configured is withdrawn; an access someone gave by hand is never touched; an
// address Drive refuses (no Google account) is journaled and reported, and the install goes on. What
// suivi-mes granted is kept in the workbook's meta cell (stored-json.ts `shares`), and each change is told to the
// Journal.
import { frGoogle } from './messages';
import type { DriveAdapter, Permission } from './drive';
import { isNoGoogleAccount } from './errors';
import type { Share } from '../google/stored-json';
import type { RestStore } from './rest-store';
import { frGoogleShared } from '../google/messages';

export interface WantedAccess {
  email: string;
  role: Share['role'];
}

export interface SharingChanges {
  granted: string[];
  withdrawn: string[];
  /** Addresses Google refused to share with (no Google account), each with why, in French. */
  refused: Array<{ email: string; what: string; reason: string }>;
}

const RANK: Record<string, number> = {
  reader: 1,
  commenter: 2,
  writer: 3,
  fileOrganizer: 4,
  organizer: 4,
  owner: 5,
};

const same = (a: string | undefined, b: string) => (a ?? '').toLowerCase() === b.toLowerCase();

function userPermission(list: readonly Permission[], email: string): Permission | undefined {
  return list.find((p) => p.type === 'user' && same(p.emailAddress, email));
}

/**
 * Brings a file's accesses in line with `wanted`. `adopt`: the file existed before suivi-mes kept its grants (an
 * earlier version shared it at creation with the configured addresses), so the configured addresses that already
 * have access are recorded as suivi-mes' own grants.
 */
export async function reconcileSharing(
  drive: DriveAdapter,
  store: RestStore,
  fileId: string,
  what: string,
  wanted: readonly WantedAccess[],
  options: { adopt: boolean; actor: string; now: Date },
): Promise<SharingChanges> {
  const changes: SharingChanges = { granted: [], withdrawn: [], refused: [] };
  const list = await drive.permissions(fileId);
  const records = store.shares().filter((r) => r.fileId === fileId);
  const keep = (email: string, role: Share['role'], granted: boolean) =>
    store.keepShare({ fileId, email, role, granted });
  const journal = (email: string, summary: string) =>
    store.appendJournal({
      at: options.now.toISOString(),
      kind: 'access',
      actor: options.actor,
      role: 'system',
      target: `${what} ${email}`,
      summary,
    });

  if (options.adopt && records.length === 0)
    for (const w of wanted) if (userPermission(list, w.email)) keep(w.email, w.role, true);

  for (const w of wanted) {
    const has = userPermission(list, w.email);
    if (has && (RANK[has.role ?? ''] ?? 0) >= (RANK[w.role] ?? 0)) continue;
    try {
      await drive.share(fileId, { type: 'user', role: w.role, emailAddress: w.email });
    } catch (e) {
      if (!isNoGoogleAccount(e)) throw e;
      // Not recorded as granted: the next install tries again (the person may have made a Google account since).
      const reason = frGoogleShared.noGoogleAccount;
      journal(w.email, frGoogleShared.shareRefused(w.email, what, reason));
      changes.refused.push({ email: w.email, what, reason });
      continue;
    }
    keep(w.email, w.role, true);
    journal(w.email, frGoogle.accessGranted(w.email, what, w.role));
    changes.granted.push(w.email);
  }

  for (const value of store.shares()) {
    if (value.fileId !== fileId || !value.granted || wanted.some((w) => same(value.email, w.email))) continue;
    const permission = userPermission(list, value.email);
    // The owner's access cannot be withdrawn; an access already gone by hand is only recorded.
    if (permission && permission.role !== 'owner') {
      await drive.unshare(fileId, permission.id);
      journal(value.email, frGoogle.accessWithdrawn(value.email, what));
      changes.withdrawn.push(value.email);
    }
    keep(value.email, value.role, false);
  }
  return changes;
}
