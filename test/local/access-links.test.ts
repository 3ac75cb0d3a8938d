// Access links: one per holder, tokens derived from the key and stored only as hashes, rotation and revocation.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AccessLinks, hashToken, TOKEN_PATTERN } from '../../src/local/access-links';
import { openDatabase, type SqliteDatabase } from '../../src/local/db/open-database';

describe('AccessLinks', () => {
  let dir: string;
  let db: SqliteDatabase;
  let links: AccessLinks;
  const key = Buffer.alloc(32, 7);
  const now = new Date('2022-05-12T08:00:00Z');
  const wanted = { establishmentIds: ['gh-cochin', 'gh-bichat'], ars: [], ans: ['ans@esante.gouv.fr'] };

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'suivi-mes-links-'));
    db = openDatabase(path.join(dir, 'db.sqlite'));
    links = new AccessLinks(db, key);
  });
  afterEach(() => {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('creates one link per establishment, one per ANS address, and a default ARS link', () => {
    const { created } = links.reconcile(wanted, now);
    expect(created.map((l) => [l.role, l.establishmentId, l.label])).toEqual([
      ['es', 'gh-cochin', 'gh-cochin'],
      ['es', 'gh-bichat', 'gh-bichat'],
      ['ars', null, 'ARS / SESAN'],
      ['ans', null, 'ans@esante.gouv.fr'],
    ]);
    expect(links.reconcile(wanted, now).created).toEqual([]);
  });

  it('gives 256-bit URL-safe tokens and stores only their SHA-256', () => {
    const { created } = links.reconcile(wanted, now);
    for (const link of created) {
      const token = links.token(link);
      expect(token).toMatch(TOKEN_PATTERN);
      const row = db.prepare('SELECT token_hash FROM access_links WHERE id = ?').get(link.id) as {
        token_hash: string;
      };
      expect(row.token_hash).toBe(hashToken(token));
    }
    expect(JSON.stringify(db.prepare('SELECT * FROM access_links').all())).not.toContain(
      links.token(created[0]!),
    );
  });

  it('resolves a valid token, and nothing for a malformed, unknown or other key’s token', () => {
    const [link] = links.reconcile(wanted, now).created;
    expect(links.resolve(links.token(link!))).toEqual({ status: 'valid', link });
    expect(links.resolve('short')).toEqual({ status: 'unknown' });
    expect(links.resolve('A'.repeat(43))).toEqual({ status: 'unknown' });
    expect(links.resolve(new AccessLinks(db, Buffer.alloc(32, 8)).token(link!))).toEqual({
      status: 'unknown',
    });
  });

  it('rotates: the old token is revoked, the holder keeps a new one', () => {
    const [first] = links.reconcile(wanted, now).created;
    const later = new Date('2022-06-01T08:00:00Z');
    const [replacement] = links.rotate((l) => l.id === first!.id, later);
    expect(replacement).toMatchObject({ role: 'es', establishmentId: 'gh-cochin' });
    expect(links.resolve(links.token(first!))).toMatchObject({
      status: 'revoked',
      link: { revokedAt: later.toISOString() },
    });
    expect(links.resolve(links.token(replacement!)).status).toBe('valid');
    expect(links.active().filter((l) => l.establishmentId === 'gh-cochin')).toHaveLength(1);
  });

  it('revokes the link of an address removed from the config and creates one for the new address', () => {
    links.reconcile(wanted, now);
    const { created, revoked } = links.reconcile({ ...wanted, ans: ['autre@esante.gouv.fr'] }, now);
    expect(created.map((l) => l.label)).toEqual(['autre@esante.gouv.fr']);
    expect(revoked.map((l) => l.label)).toEqual(['ans@esante.gouv.fr']);
  });
});
