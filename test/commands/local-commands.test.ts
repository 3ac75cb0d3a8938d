// `suivi-mes links`, `rotate-links` and `remind` through the real program, on a temporary data folder.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main } from '../../src/cli';
import { openLocalData } from '../../src/local/local-data';
import { defaultProject } from '../support/project';

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const o = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  const e = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    err += String(chunk);
    return true;
  });
  try {
    const code = await main(['node', 'suivi-mes', ...args]);
    return { code, out, err };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

describe('Local commands', () => {
  let dir: string;
  beforeEach(() => {
    dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'suivi-mes-cmd-')), 'data');
  });
  afterEach(() => fs.rmSync(path.dirname(dir), { recursive: true, force: true }));

  it('links: creates the data folder if needed and prints one link per establishment, the ARS’s and the ANS’s', async () => {
    const { code, out } = await run(['--data', dir, 'links']);
    expect(code).toBe(0);
    expect(out.match(/http:\/\/localhost:8080\/es\/[A-Za-z0-9_-]{43}/g)).toHaveLength(16);
    expect(out).toMatch(/ARS \/ SESAN\s+http:\/\/localhost:8080\/ars\/[A-Za-z0-9_-]{43}/);
    expect(out).toMatch(/ans-monespacesante@esante\.gouv\.fr\s+http:\/\/localhost:8080\/ans\//);
    const again = await run(['--data', dir, 'links']);
    expect(again.out).toBe(out);
  });

  it('links --json gives the same links as data', async () => {
    const { out } = await run(['--data', dir, '--json', 'links']);
    const links = JSON.parse(out) as Array<{ role: string; url: string }>;
    expect(links.filter((l) => l.role === 'es')).toHaveLength(16);
  });

  it('rotate-links --es replaces only that establishment’s link; the old one is revoked', async () => {
    const before = JSON.parse((await run(['--data', dir, '--json', 'links'])).out) as Array<{
      establishmentId: string | null;
      url: string;
    }>;
    const { code, out } = await run(['--data', dir, 'rotate-links', '--es', 'gh-cochin']);
    expect(code).toBe(0);
    expect(out).toContain('1 lien(s) remplacé(s)');
    const after = JSON.parse((await run(['--data', dir, '--json', 'links'])).out) as typeof before;
    const changed = after.filter((l) => !before.some((b) => b.url === l.url));
    expect(changed.map((l) => l.establishmentId)).toEqual(['gh-cochin']);
    const { data } = openLocalData(dir, defaultProject());
    const old =
      before
        .find((l) => l.establishmentId === 'gh-cochin')
        ?.url.split('/')
        .pop() ?? '';
    expect(data.links.resolve(old).status).toBe('revoked');
    data.close();
  });

  it('rotate-links refuses an unknown establishment or role, naming it', async () => {
    expect((await run(['--data', dir, 'rotate-links', '--es', 'inconnu'])).err).toContain(
      '« --es » : établissement(s) inconnu(s) : inconnu.',
    );
    expect((await run(['--data', dir, 'rotate-links', '--role', 'admin'])).err).toContain(
      '« --role » : es, ars ou ans attendu (reçu « admin »).',
    );
  });

  it('remind --week writes the reminders to the outbox and says where', async () => {
    const { code, out } = await run(['--data', dir, 'remind', '--week', '2022-W23']);
    expect(code).toBe(0);
    expect(out).toContain('Relances 2022-W23 : 0 message(s)');
    expect(out).toContain('non relancé : gh-cochin (pas de référent avec adresse e-mail)');
  });

  it('remind refuses a malformed week', async () => {
    const { code, err } = await run(['--data', dir, 'remind', '--week', '23']);
    expect(code).toBe(1);
    expect(err).toContain('« --week » : semaine au format AAAA-Sss attendue');
  });
});
