// Every command of `suivi-mes`, run as a person would get it wrong: a bad path, a data folder held by another
// process, no network (a proxy that does not answer). Each one fails — or succeeds — in French: no English system
// message (ENOENT, « database is locked », « fetch failed »…) reaches the person.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { main } from '../../src/cli';
import { DATABASE_FILE } from '../../src/local/local-data';
import { freePort } from '../support/local/serve-process';
import { startDeadProxy } from '../support/connect-proxy';

jest.setTimeout(120_000);

/** What a system message in English looks like (Node's, SQLite's, undici's), codes included. */
const ENGLISH =
  /no such file|not a directory|permission denied|is a directory|already in use|database is locked|fetch failed|getaddrinfo|socket hang up|connect E[A-Z]+|\b(ENOENT|EACCES|ENOTDIR|EISDIR|EADDRINUSE|ECONNREFUSED|ENOTFOUND|ETIMEDOUT)\b|SQLITE_[A-Z]+|Unexpected|Cannot read|TypeError/i;

async function run(args: string[]): Promise<{ code: number; text: string }> {
  let text = '';
  const capture = (chunk: string | Uint8Array) => {
    text += String(chunk);
    return true;
  };
  const o = jest.spyOn(process.stdout, 'write').mockImplementation(capture);
  const e = jest.spyOn(process.stderr, 'write').mockImplementation(capture);
  try {
    const code = await main(['node', 'suivi-mes', ...args]);
    return { code, text };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

/** Every command, with the arguments it needs, given a data folder and a folder for the files it writes. */
function commands(data: string, out: string, missing: string): string[][] {
  return [
    ['--data', data, 'check-config'],
    ['--config', path.join(missing, 'suivi.config.json'), '--data', data, 'check-config'],
    ['--data', data, 'links'],
    ['--data', data, 'rotate-links', '--es', 'gh-cochin'],
    ['--data', data, 'remind', '--week', '2022-W23'],
    ['--data', data, 'export', '--out', path.join(out, 'suivi.xlsx')],
    ['--data', data, 'import', path.join(missing, 'suivi.xlsx')],
    ['--data', data, 'backup', '--out', path.join(out, 'sauvegarde.zip')],
    ['--data', data, 'restore', path.join(missing, 'sauvegarde.zip')],
    ['--data', data, 'retex', '--version', 'V1', '--out', path.join(out, 'retex')],
    ['--data', data, 'serve'],
    ['--data', data, 'google', 'login', '--client-secret', path.join(missing, 'client.json')],
    ['--data', data, 'google', 'whoami'],
    ['--data', data, 'google', 'install'],
    ['--data', data, 'google', 'sync'],
    ['--data', data, 'google', 'retex', '--version', 'V1'],
    ['--data', data, 'google', 'retex-text', '--list'],
    ['--data', data, 'google', 'logout'],
  ];
}

describe('French errors from every command', () => {
  let root: string;
  const env = { ...process.env };
  beforeEach(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'suivi-mes-fr-'));
    process.env.XDG_CONFIG_HOME = path.join(root, 'config');
    process.env.HOST = '127.0.0.1';
    process.env.PORT = String(await freePort());
    process.env.SUIVI_MES_BUSY_WAIT_MS = '200';
    delete process.env.SUIVI_MES_BASE_URL;
  });
  afterEach(() => {
    process.env = { ...env };
    fs.rmSync(root, { recursive: true, force: true });
  });

  const expectFrench = async (args: string[][], mustFail: (args: string[]) => boolean) => {
    const outcomes = [];
    for (const a of args) {
      const { code, text } = await run(a);
      outcomes.push({
        command: a.filter((x) => !x.startsWith('/')).join(' '),
        english: ENGLISH.exec(text)?.[0] ?? null,
        text,
      });
      if (mustFail(a))
        expect({ command: a.join(' '), failed: code !== 0 }).toEqual({ command: a.join(' '), failed: true });
    }
    expect(outcomes.filter((o) => o.english !== null)).toEqual([]);
    return outcomes;
  };

  it('with a bad path: a data folder under a file, files that do not exist', async () => {
    const file = path.join(root, 'un-fichier');
    fs.writeFileSync(file, '');
    const outcomes = await expectFrench(
      commands(path.join(file, 'data'), path.join(file, 'out'), path.join(root, 'absent')),
      // check-config reads no data folder (only the missing configuration file fails it); logout with nobody
      // logged in has nothing to do.
      (a) => a[2] !== 'check-config' && !a.includes('logout'),
    );
    expect(outcomes.map((o) => o.text).join('\n')).toContain(
      'une partie du chemin est un fichier, pas un dossier',
    );
  });

  it('with a data folder held by another process', async () => {
    const data = path.join(root, 'data');
    const out = path.join(root, 'out');
    fs.mkdirSync(out);
    expect((await run(['--data', data, 'links'])).code).toBe(0);
    const holder = new Database(path.join(data, DATABASE_FILE));
    holder.exec('BEGIN IMMEDIATE');
    try {
      const outcomes = await expectFrench(commands(data, out, path.join(root, 'absent')), (a) =>
        ['links', 'rotate-links', 'remind', 'export', 'serve'].includes(a[2] ?? ''),
      );
      expect(outcomes.find((o) => o.command.startsWith('--data links'))?.text).toContain(
        'est resté occupé par un autre programme',
      );
    } finally {
      holder.exec('ROLLBACK');
      holder.close();
    }
  });

  it('without network: a proxy that cuts every connection', async () => {
    const dead = await startDeadProxy();
    process.env.HTTPS_PROXY = dead.url;
    fs.mkdirSync(path.join(root, 'config', 'suivi-mes'), { recursive: true });
    fs.writeFileSync(
      path.join(root, 'config', 'suivi-mes', 'google-credentials.json'),
      JSON.stringify({
        clientId: 'id',
        clientSecret: 's',
        refreshToken: 'r',
        scopes: [],
        createdAt: '2026-01-01T00:00:00Z',
      }),
    );
    const data = path.join(root, 'data');
    const network = commands(data, root, path.join(root, 'absent')).filter(
      (a) => a.includes('google') && !a.includes('login'),
    );
    try {
      const outcomes = await expectFrench(network, () => true);
      expect(outcomes.find((o) => o.command.includes('whoami'))?.text).toContain(
        'Le proxy configuré (HTTPS_PROXY=',
      );
    } finally {
      await dead.close();
    }
  });
});
