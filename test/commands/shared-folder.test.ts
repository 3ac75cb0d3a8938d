// One data folder, several processes (real processes, loopback only, bounded loops): the command line beside a
// loaded server, and two servers on one folder, under concurrent writes. Every write is acknowledged or refused in
// French, none answers 500, none is lost: write transactions take the lock first (BEGIN IMMEDIATE) and are retried
// whole while another process holds it (src/local/db/write-transaction.ts).
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { cellBasis } from '../../src/app/edit-cell';
import { BASIS_FIELD } from '../../src/domain/write-basis';
import { DATABASE_FILE } from '../../src/local/local-data';
import { defaultProject } from '../support/project';
import { runCli } from '../support/local/cli-process';
import { startCommand, startServer, type Server } from '../support/local/serve-process';
import { CSRF_FIELD } from '../support/local/server';
import {
  loadWeeks,
  openSessions,
  postHeaders,
  sequentialSubmission,
  weeklyBody,
  type EsSession,
} from '../support/local/weekly-load';
import { readSuivi } from '../support/local/xlsx-cells';

jest.setTimeout(240_000);

const project = defaultProject();
const weeks = loadWeeks(project);
/** A RETEX document of the default pilots (the palliative care pathway's). */
const RETEX_DOCUMENT = 'cas-usage:sortie de cancerologie ou de soins palliatifs|';

/** A page's CSRF token and cookie, for the forms posted from it. */
async function formSession(url: string): Promise<{ csrf: string; cookie: string }> {
  const res = await fetch(url);
  const csrf = CSRF_FIELD.exec(await res.text())?.[1];
  if (res.status !== 200 || !csrf) throw new Error(`${url}: HTTP ${res.status}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  return { csrf, cookie };
}

async function postForm(url: string, cookie: string, fields: Array<[string, string]>): Promise<number> {
  const res = await fetch(url, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
    body: new URLSearchParams(fields).toString(),
  });
  await res.arrayBuffer();
  return res.status;
}

/** One ES's submissions one after another until `until()` or `max`, to `target(k)`; the ids and statuses. */
async function submitWhile(
  session: EsSession,
  target: (k: number) => string,
  until: () => boolean,
  max: number,
): Promise<Array<{ id: string; status: number }>> {
  const sent: Array<{ id: string; status: number }> = [];
  for (let k = 0; k < max && !until(); k += 1) {
    const { week, counter } = sequentialSubmission(weeks, k);
    const id = crypto.randomUUID();
    const res = await fetch(target(k), {
      method: 'POST',
      redirect: 'manual',
      headers: postHeaders(session),
      body: weeklyBody(project, session, week, counter, id),
    });
    await res.arrayBuffer();
    sent.push({ id, status: res.status });
  }
  return sent;
}

function storedSubmissions(dir: string): Set<string> {
  const db = new Database(path.join(dir, DATABASE_FILE), { readonly: true });
  try {
    const ids = db.prepare('SELECT submission_id FROM report_versions').pluck().all() as string[];
    return new Set(ids.map((id) => id.split(':').pop() ?? ''));
  } finally {
    db.close();
  }
}

describe('One data folder shared by several processes', () => {
  let root: string;
  let dir: string;
  const servers: Server[] = [];
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'suivi-mes-shared-'));
    dir = path.join(root, 'data');
  });
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.stop()));
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('applies imports from the command line while the 16 ES submit to the server: none refused, none lost', async () => {
    const server = await startServer(dir);
    servers.push(server);
    const sessions = await openSessions(project, server.links);
    const exported = path.join(root, 'suivi.xlsx');
    expect((await runCli(['--data', dir, 'export', '--out', exported])).code).toBe(0);
    const files: string[] = [];
    for (const [i, session] of sessions.slice(0, 3).entries()) {
      const suivi = await readSuivi(fs.readFileSync(exported), project.tracking);
      suivi.cell(`${session.establishmentId}/${session.useCaseId}`, 'actions').value = `Import ${i}`;
      const file = path.join(root, `import-${i}.xlsx`);
      fs.writeFileSync(file, Buffer.from(await suivi.book.xlsx.writeBuffer()));
      files.push(file);
    }

    let importsDone = false;
    const imports = (async () => {
      const runs = [];
      for (const file of files) runs.push(await runCli(['--data', dir, 'import', file, '--apply']));
      importsDone = true;
      return runs;
    })();
    const load = Promise.all(
      sessions.map((s) =>
        submitWhile(
          s,
          () => s.url,
          () => importsDone,
          300,
        ),
      ),
    );
    const [runs, sent] = await Promise.all([imports, load]);

    for (const run of runs) {
      expect(run.out).toMatch(/Import appliqué : \d+ modification\(s\) enregistrée\(s\)\./);
      expect(run.code).toBe(0);
    }
    const all = sent.flat();
    expect(all.length).toBeGreaterThan(sessions.length);
    expect(all.filter((s) => s.status !== 303)).toEqual([]);
    const stored = storedSubmissions(dir);
    expect(all.filter((s) => !stored.has(s.id))).toEqual([]);
  });

  it('two servers on one folder: submissions, cell edits and RETEX texts sent to both at once are all saved', async () => {
    const a = await startServer(dir);
    servers.push(a);
    const b = await startServer(dir);
    servers.push(b);
    // The same folder, so the same secret: a link, its cookie and CSRF token work on either server.
    const sessions = await openSessions(project, a.links);
    const other = (url: string) => url.replace(a.baseUrl, b.baseUrl);
    const arsUrl = a.links.find((l) => l.role === 'ars')?.url ?? '';
    const ars = await formSession(arsUrl);
    const ROUNDS = 25;
    // Each server's officer edits rows and a RETEX section of its own, as shown to them, so that every write is
    // based on the value its author saw: a refusal here would be a lost write, not a stale form (lost-update.test).
    const edits = async (base: string, n: number) => {
      const statuses: number[] = [];
      const mine = sessions.filter((_, i) => i % 2 === n);
      const shown = new Map<string, string | null>();
      for (let k = 0; k < ROUNDS; k += 1) {
        const session = mine[k % mine.length] as EsSession;
        const rowKey = `${session.establishmentId}/${session.useCaseId}`;
        const value = `Action ${n}-${k}`;
        const status = await postForm(`${base}/cellule`, ars.cookie, [
          ['_csrf', ars.csrf],
          ['row_key', rowKey],
          ['column_id', 'actions'],
          ['back', 'grid'],
          ['value', value],
          [BASIS_FIELD, cellBasis('actions', shown.get(rowKey) ?? null)],
        ]);
        if (status === 303) shown.set(rowKey, value);
        statuses.push(status);
      }
      return statuses;
    };
    const texts = async (base: string, n: number) => {
      const statuses: number[] = [];
      for (let k = 0; k < ROUNDS; k += 1) {
        // The page as the officer reloads it: its sections and the basis of the texts it shows.
        const page = await (
          await fetch(`${base}/retex/textes?document=${encodeURIComponent(RETEX_DOCUMENT)}`)
        ).text();
        expect(page).toContain(`name="document_key" value="${RETEX_DOCUMENT}"`);
        const sections = [...page.matchAll(/name="section\.([\w-]+)"/g)].map((m) => m[1] as string);
        const basis = new RegExp(`name="${BASIS_FIELD}" value="([^"]*)"`).exec(page)?.[1] ?? '';
        statuses.push(
          await postForm(`${base}/retex/textes`, ars.cookie, [
            ['_csrf', ars.csrf],
            ['document_key', RETEX_DOCUMENT],
            [`section.${sections[n] ?? 'context'}`, `Texte ${n}-${k}`],
            [BASIS_FIELD, basis],
          ]),
        );
      }
      return statuses;
    };
    const [sent, editStatuses, textStatuses] = await Promise.all([
      Promise.all(
        sessions.map((s, i) =>
          submitWhile(
            s,
            (k) => ((k + i) % 2 === 0 ? s.url : other(s.url)),
            () => false,
            ROUNDS,
          ),
        ),
      ),
      Promise.all([edits(arsUrl, 0), edits(other(arsUrl), 1)]),
      Promise.all([texts(arsUrl, 0), texts(other(arsUrl), 1)]),
    ]);
    const all = sent.flat();
    expect(all.filter((s) => s.status !== 303)).toEqual([]);
    expect(editStatuses.flat().filter((s) => s !== 303)).toEqual([]);
    expect(textStatuses.flat().filter((s) => s !== 303)).toEqual([]);
    const stored = storedSubmissions(dir);
    expect(all.filter((s) => !stored.has(s.id))).toEqual([]);
  });

  it('a second server on a taken port says in French that the port is taken, and by which server', async () => {
    const first = await startServer(dir);
    servers.push(first);
    const port = Number(new URL(first.baseUrl).port);
    const second = await startCommand(['--data', dir, 'serve'], port).then(
      () => '',
      (error: Error) => error.message,
    );
    expect(second).toContain(
      `Le port ${port} est déjà pris par un serveur suivi-mes sur ce même dossier (PID ${first.child.pid}, `,
    );
    expect(second).not.toMatch(/EADDRINUSE|address already in use/);
    // Elsewhere than this folder, the holder is unknown: the message says so, still in French.
    const elsewhere = await startCommand(['--data', path.join(root, 'autre'), 'serve'], port).then(
      () => '',
      (error: Error) => error.message,
    );
    expect(elsewhere).toContain(`Le port ${port} est déjà pris par un autre programme.`);
  });

  it('refuses forms with a French 503 once the folder is deleted under a running server, and acknowledges none', async () => {
    const server = await startServer(dir);
    servers.push(server);
    const [session] = await openSessions(project, server.links.slice(0, 1));
    if (!session) throw new Error('no ES');
    const before = await submitWhile(
      session,
      () => session.url,
      () => false,
      1,
    );
    expect(before.map((s) => s.status)).toEqual([303]);
    fs.rmSync(dir, { recursive: true, force: true });
    const week = weeks[1] as string;
    const res = await fetch(session.url, {
      method: 'POST',
      redirect: 'manual',
      headers: postHeaders(session),
      body: weeklyBody(project, session, week, 5),
    });
    expect(res.status).toBe(503);
    expect(await res.text()).toContain(
      'Le dossier de données du serveur a été supprimé, déplacé ou remplacé',
    );
  });
});
