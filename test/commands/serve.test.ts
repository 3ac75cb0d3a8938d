// `suivi-mes serve` as a person starts it (`npm start`): a child process on a free loopback port, its printed
// links opened over HTTP, then stopped with SIGTERM — or killed with SIGKILL right after an acknowledged
// submission, which must still be there when the data folder is opened again.
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openLocalData } from '../../src/local/local-data';
import { defaultProject, weeklyAnswers } from '../support/project';
import { freePort, startCommand, type Started } from '../support/local/serve-process';

jest.setTimeout(60_000);

const start = (args: string[], port: number, cwd?: string): Promise<Started> =>
  startCommand(args, port, { cwd });

const linkOf = (out: string, holder: string) => {
  // The holder's own line (a section title may start with the same word).
  const line = out.split('\n').find((l) => l.trim().startsWith(holder) && /https?:\/\//.test(l));
  const url = line?.trim().split(/\s+/).pop();
  if (!url) throw new Error(`no link for ${holder} in:\n${out}`);
  return url;
};

describe('suivi-mes serve', () => {
  let root: string;
  const running: ChildProcess[] = [];
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'suivi-mes-serve-'));
  });
  afterEach(() => {
    for (const child of running.splice(0))
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('creates the data folder, prints every link, serves the pages and stops cleanly on SIGTERM, from any folder', async () => {
    const port = await freePort();
    const dir = path.join(root, 'data');
    const s = await start(['--data', dir, 'serve'], port, root);
    running.push(s.child);
    expect(s.out()).toContain(`Serveur : http://localhost:${port} (écoute sur 127.0.0.1:${port})`);
    expect(s.out()).toContain('créées : 16 établissements chargés');
    const es = linkOf(s.out(), 'GH COCHIN').replace('localhost', '127.0.0.1');
    const page = await fetch(es);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(
      "Suivi hebdomadaire de l'expérimentation Mon espace santé — GH COCHIN",
    );
    expect(fs.existsSync(path.join(dir, 'suivi-mes.sqlite'))).toBe(true);
    s.child.kill('SIGTERM');
    await expect(s.exited).resolves.toEqual({ code: 0, signal: null });
  });

  it('--demo seeds a season in its own folder and shows a living summary', async () => {
    const port = await freePort();
    const s = await start(['--data', path.join(root, 'demo'), 'serve', '--demo'], port);
    running.push(s.child);
    expect(s.out()).toMatch(/Saison de démonstration créée : 10 semaines, \d+ déclarations/);
    const ans = await (await fetch(linkOf(s.out(), 'ANS').replace('localhost', '127.0.0.1'))).text();
    expect(ans).toContain('Données de démonstration');
    expect(ans).toMatch(/data-counter="patients_included">[1-9]/);
    s.child.kill('SIGTERM');
    await s.exited;
  });

  it('keeps an acknowledged submission when the server is killed with SIGKILL right after', async () => {
    const port = await freePort();
    const dir = path.join(root, 'data');
    const s = await start(['--data', dir, 'serve'], port);
    running.push(s.child);
    const es = linkOf(s.out(), 'GH BICHAT').replace('localhost', '127.0.0.1');
    const form = await fetch(es);
    const html = await form.text();
    const csrf = /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
    const cookie = (form.headers.getSetCookie?.() ?? []).map((c) => c.split(';')[0]).join('; ');
    const res = await fetch(es, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
      body: new URLSearchParams([
        ['_csrf', csrf],
        ['submission_id', crypto.randomUUID()],
        ['week', '2022-W39'],
        ...Object.entries(weeklyAnswers({ visits: 77 }, { report_date: '2022-09-30' })),
      ]),
    });
    expect(res.status).toBe(303);
    s.child.kill('SIGKILL');
    await expect(s.exited).resolves.toMatchObject({ signal: 'SIGKILL' });
    const { data } = openLocalData(dir, defaultProject());
    expect(data.store.reportVersion('gh-bichat/uc1', '2022-W39')?.values.visits).toBe(77);
    data.close();
  });
});
