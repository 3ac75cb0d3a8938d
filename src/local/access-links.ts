// Personal access links of the embedded runtime: one per establishment (its forms and history), one per ARS/SESAN
// and ANS address (or one per role when the config names nobody). The database keeps only a SHA-256 hash of each
// token: a token is HMAC(key, link id) with the key in data/secret.key, so `suivi-mes links` can print the links
// again while a copy of the database alone opens nothing. Rotating a link gives it a new id, hence a new token;
// the old one stays on file as revoked, so its holder is told the link was replaced rather than "unknown".
import crypto from 'node:crypto';
import type { Role } from '../schema/tracking-file';
import type { SqliteDatabase } from './db/open-database';
import { writeTransaction } from './db/write-transaction';

export interface AccessLink {
  id: string;
  role: Role;
  /** The establishment an ES link opens; null for ARS and ANS links. */
  establishmentId: string | null;
  /** Who holds it: an e-mail address, « ARS / SESAN », « ANS », or the establishment id. */
  label: string;
  createdAt: string;
  revokedAt: string | null;
}

export type LinkResolution =
  { status: 'valid'; link: AccessLink } | { status: 'revoked'; link: AccessLink } | { status: 'unknown' };

/** What a token looks like: 32 bytes in base64url. Anything else is refused before hashing. */
export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** Labels of the role links when the config names no address. */
export const DEFAULT_ROLE_LABELS: Record<Exclude<Role, 'es'>, string> = { ars: 'ARS / SESAN', ans: 'ANS' };

interface LinkRow {
  id: string;
  role: Role;
  establishment_id: string | null;
  label: string;
  created_at: string;
  revoked_at: string | null;
}

const toLink = (r: LinkRow): AccessLink => ({
  id: r.id,
  role: r.role,
  establishmentId: r.establishment_id,
  label: r.label,
  createdAt: r.created_at,
  revokedAt: r.revoked_at,
});

export function hashToken(token: string): string {
  return crypto.createHash('sha256').update(token).digest('hex');
}

export interface WantedLinks {
  establishmentIds: readonly string[];
  ars: readonly string[];
  ans: readonly string[];
}

export class AccessLinks {
  private readonly byHash;
  private readonly activeRows;
  private readonly insertRow;
  private readonly revokeRow;

  constructor(
    private readonly db: SqliteDatabase,
    private readonly key: Buffer,
  ) {
    this.byHash = db.prepare<[string], LinkRow>('SELECT * FROM access_links WHERE token_hash = ?');
    this.activeRows = db.prepare<[], LinkRow>(
      'SELECT * FROM access_links WHERE revoked_at IS NULL ORDER BY created_at, rowid',
    );
    this.insertRow = db.prepare<[string, Role, string | null, string, string, string]>(
      `INSERT INTO access_links (id, role, establishment_id, label, token_hash, created_at)
       VALUES (?, ?, ?, ?, ?, ?)`,
    );
    this.revokeRow = db.prepare<[string, string]>(
      'UPDATE access_links SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL',
    );
  }

  /** The secret part of a link's address. */
  token(link: Pick<AccessLink, 'id'>): string {
    return crypto.createHmac('sha256', this.key).update(`suivi-mes-link:${link.id}`).digest('base64url');
  }

  /** The link's path on the server: /es/<token>, /ars/<token>, /ans/<token>. */
  path(link: AccessLink): string {
    return `/${link.role}/${this.token(link)}`;
  }

  resolve(token: string): LinkResolution {
    if (!TOKEN_PATTERN.test(token)) return { status: 'unknown' };
    const row = this.byHash.get(hashToken(token));
    if (!row) return { status: 'unknown' };
    const link = toLink(row);
    return link.revokedAt === null ? { status: 'valid', link } : { status: 'revoked', link };
  }

  active(): AccessLink[] {
    return this.activeRows.all().map(toLink);
  }

  private create(role: Role, establishmentId: string | null, label: string, now: Date): AccessLink {
    const link: AccessLink = {
      id: crypto.randomBytes(16).toString('hex'),
      role,
      establishmentId,
      label,
      createdAt: now.toISOString(),
      revokedAt: null,
    };
    this.insertRow.run(link.id, role, establishmentId, label, hashToken(this.token(link)), link.createdAt);
    return link;
  }

  /**
   * Makes the active links match what should exist: one per establishment, one per ARS and ANS address (or one per
   * role under its default label). Creates the missing ones and revokes role links of addresses no longer listed.
   */
  reconcile(wanted: WantedLinks, now: Date): { created: AccessLink[]; revoked: AccessLink[] } {
    return writeTransaction(this.db, () => {
      const active = this.active();
      const created: AccessLink[] = [];
      const revoked: AccessLink[] = [];
      for (const id of wanted.establishmentIds)
        if (!active.some((l) => l.role === 'es' && l.establishmentId === id))
          created.push(this.create('es', id, id, now));
      for (const role of ['ars', 'ans'] as const) {
        const labels = wanted[role].length > 0 ? wanted[role] : [DEFAULT_ROLE_LABELS[role]];
        for (const label of labels)
          if (!active.some((l) => l.role === role && l.label === label))
            created.push(this.create(role, null, label, now));
        for (const link of active.filter((l) => l.role === role && !labels.includes(l.label))) {
          this.revokeRow.run(now.toISOString(), link.id);
          revoked.push({ ...link, revokedAt: now.toISOString() });
        }
      }
      return { created, revoked };
    });
  }

  /** Replaces the active links that match: each is revoked and a new one made for the same holder. */
  rotate(match: (link: AccessLink) => boolean, now: Date): AccessLink[] {
    return writeTransaction(this.db, () =>
      this.active()
        .filter(match)
        .map((link) => {
          this.revokeRow.run(now.toISOString(), link.id);
          return this.create(link.role, link.establishmentId, link.label, now);
        }),
    );
  }
}
