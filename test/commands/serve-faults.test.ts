// Faults of the embedded server as a person runs it (`suivi-mes serve` in a child process, real sockets, real
// files): killed with SIGKILL in the middle of a load and restarted; 1,000 submissions at once from the 16 ES with
// some sent twice; a disk that fills up; a data folder it may not write. Every acknowledged submission is there
// exactly once, nothing is lost, duplicated or corrupted, and every refusal is said in French.
import { execFileSync, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { frStorage } from '../../src/local/messages';
import { DATABASE_FILE } from '../../src/local/local-data';
import { defaultProject } from '../support/project';
import { FILLER_TEXT, fullDiskScenario, pageLimitDisk } from '../support/local/full-disk';
import { startTestServer } from '../support/local/server';
import { BIN, freePort, startServer, type Server } from '../support/local/serve-process';
import {
  loadWeeks,
  openSessions,
  postHeaders,
  sequentialSubmission,
  weeklyBody,
  type EsSession,
} from '../support/local/weekly-load';

jest.setTimeout(120_000);

const project = defaultProject();
const weeks = loadWeeks(project);

type Outcome = 'acknowledged' | 'duplicate' | 'refused' | 'error' | 'no-answer';
interface Sent {
  session: EsSession;
  id: string;
  body: string;
  outcome: Outcome;
}

/** Posts one form as a browser does (no redirect followed) and says what came back. */
async function post(sent: Pick<Sent, 'session' | 'body'>): Promise<Outcome> {
  try {
    const res = await fetch(sent.session.url, {
      method: 'POST',
      redirect: 'manual',
      headers: postHeaders(sent.session),
      body: sent.body,
    });
    await res.arrayBuffer();
    const location = res.headers.get('location') ?? '';
    if (res.status === 303 && location.includes('statut=enregistree')) return 'acknowledged';
    if (res.status === 303 && location.includes('statut=deja')) return 'duplicate';
    return res.status >= 400 && res.status < 500 ? 'refused' : 'error';
  } catch {
    return 'no-answer';
  }
}

function submission(session: EsSession, week: string, counter: number): Sent {
  const id = crypto.randomUUID();
  return { session, id, body: weeklyBody(project, session, week, counter, id), outcome: 'no-answer' };
}

/** How many times each submission id is in the database, and whether SQLite finds it sound. */
function readBack(dir: string): { rows: Map<string, number>; integrity: string; total: number } {
  const db = new Database(path.join(dir, DATABASE_FILE));
  try {
    const rows = db
      .prepare(
        "SELECT submission_id AS id, COUNT(*) AS n FROM report_versions WHERE submission_id LIKE 'web:%' GROUP BY 1",
      )
      .all() as Array<{ id: string; n: number }>;
    return {
      rows: new Map(rows.map((r) => [r.id.split(':').pop() ?? '', r.n])),
      integrity: String(db.pragma('integrity_check', { simple: true })),
      total: rows.reduce((n, r) => n + r.n, 0),
    };
  } finally {
    db.close();
  }
}

/** Mounts a tmpfs of `size` on `dir`: a real disk small enough to fill. Only root may, and not in every container. */
function mountTmpfs(dir: string, size: string): boolean {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size},mode=0755`, 'tmpfs', dir], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Fills what is left of the disk holding `dir` with one file, and gives it back. */
function filler(dir: string): { fill(): void; free(): void } {
  const file = path.join(dir, 'filler.bin');
  return {
    fill() {
      const fd = fs.openSync(file, 'w');
      const chunk = Buffer.alloc(64 * 1024, 1);
      try {
        for (;;) fs.writeSync(fd, chunk);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
      } finally {
        fs.closeSync(fd);
      }
    },
    free: () => fs.rmSync(file),
  };
}

/**
 * Makes a folder unwritable for the command under test. Root writes through any permission: it gets a read-only
 * bind mount (EROFS, as a disk remounted read-only) or, where mounting is not allowed, runs the command as
 * « nobody » on the root-owned folder; anyone else has the write permission removed.
 */
function lockFolder(dir: string): { user: { uid?: number; gid?: number }; undo(): void } {
  const mode = fs.statSync(dir).mode & 0o777;
  const files = fs.readdirSync(dir).map((f) => {
    const stat = fs.statSync(path.join(dir, f));
    return [path.join(dir, f), stat.mode & 0o777, stat.isDirectory()] as const;
  });
  if (process.getuid?.() !== 0) {
    fs.chmodSync(dir, 0o555);
    for (const [f, , folder] of files) fs.chmodSync(f, folder ? 0o555 : 0o444);
    return {
      user: {},
      undo() {
        fs.chmodSync(dir, mode);
        for (const [f, m] of files) fs.chmodSync(f, m);
      },
    };
  }
  try {
    execFileSync('mount', ['--bind', dir, dir], { stdio: 'ignore' });
    try {
      execFileSync('mount', ['-o', 'remount,bind,ro', dir], { stdio: 'ignore' });
    } catch (error) {
      execFileSync('umount', [dir]);
      throw error;
    }
    return { user: {}, undo: () => execFileSync('umount', [dir]) };
  } catch {
    fs.chmodSync(dir, 0o755);
    for (const [f, , folder] of files) fs.chmodSync(f, folder ? 0o755 : 0o644);
    return {
      user: { uid: 65534, gid: 65534 },
      undo() {
        fs.chmodSync(dir, mode);
        for (const [f, m] of files) fs.chmodSync(f, m);
      },
    };
  }
}

describe('suivi-mes serve under faults', () => {
  let root: string;
  const running: Server[] = [];
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'suivi-mes-faults-'));
    fs.chmodSync(root, 0o755);
  });
  afterEach(async () => {
    for (const server of running.splice(0))
      if (server.child.exitCode === null && server.child.signalCode === null) server.child.kill('SIGKILL');
    fs.rmSync(root, { recursive: true, force: true });
  });
  const start = async (dir: string) => {
    const server = await startServer(dir);
    running.push(server);
    return server;
  };

  it('keeps every acknowledged submission exactly once when killed with SIGKILL mid-load, and takes the unanswered ones after a restart', async () => {
    const dir = path.join(root, 'data');
    const server = await start(dir);
    const sessions = await openSessions(project, server.links);
    const KILL_AFTER = 300;
    const sent: Sent[] = [];
    let acknowledged = 0;
    // 16 ES at once, each sending its own submissions one after another until the server is gone.
    await Promise.all(
      sessions.map(async (session) => {
        for (let k = 0; k < 2_000; k++) {
          const { week, counter } = sequentialSubmission(weeks, k);
          const one = submission(session, week, counter);
          sent.push(one);
          one.outcome = await post(one);
          if (one.outcome === 'acknowledged' && ++acknowledged === KILL_AFTER) server.child.kill('SIGKILL');
          if (one.outcome === 'no-answer') return;
        }
      }),
    );
    await expect(server.exited).resolves.toMatchObject({ signal: 'SIGKILL' });
    const acked = sent.filter((s) => s.outcome === 'acknowledged');
    const unanswered = sent.filter((s) => s.outcome === 'no-answer');
    expect(sent.filter((s) => s.outcome === 'refused' || s.outcome === 'error')).toEqual([]);
    expect(acked.length).toBeGreaterThanOrEqual(KILL_AFTER);
    expect(unanswered).toHaveLength(sessions.length);

    const afterKill = readBack(dir);
    expect(afterKill.integrity).toBe('ok');
    expect(acked.filter((s) => afterKill.rows.get(s.id) !== 1)).toEqual([]);
    expect([...afterKill.rows.values()].filter((n) => n !== 1)).toEqual([]);
    // Beyond the acknowledged ones, only requests in flight at the kill may have been committed.
    expect(afterKill.total - acked.length).toBeLessThanOrEqual(unanswered.length);
    expect([...afterKill.rows.keys()].filter((id) => !sent.some((s) => s.id === id))).toEqual([]);

    // A browser whose form got no answer sends it again: stored if it was lost, « déjà reçue » if it was not.
    const restarted = await start(dir);
    for (const one of unanswered)
      expect(
        await post({
          ...one,
          session: { ...one.session, url: one.session.url.replace(server.baseUrl, restarted.baseUrl) },
        }),
      ).toMatch(/^(acknowledged|duplicate)$/);
    await restarted.stop();
    const final = readBack(dir);
    expect(final.integrity).toBe('ok');
    expect(final.total).toBe(acked.length + unanswered.length);
    expect([...acked, ...unanswered].filter((s) => final.rows.get(s.id) !== 1)).toEqual([]);
  });

  it('stores 1,000 concurrent submissions from the 16 ES, the ones sent twice once', async () => {
    const dir = path.join(root, 'data');
    const server = await start(dir);
    const sessions = await openSessions(project, server.links);
    const DUPLICATES = 25;
    // Counters depend on the week only (week index × 1000 + version), so any arrival order is valid.
    const unique = Array.from({ length: 1_000 - DUPLICATES }, (_, i) => {
      const session = sessions[i % sessions.length] as EsSession;
      const j = Math.floor(i / sessions.length);
      const w = j % weeks.length;
      return submission(session, weeks[w] as string, w * 1000 + Math.floor(j / weeks.length));
    });
    const resent = unique.filter((_, i) => i % 40 === 7).map((s) => ({ ...s }));
    expect(resent).toHaveLength(DUPLICATES);
    const all = [...unique, ...resent];
    const outcomes = await Promise.all(all.map((s) => post(s)));
    await server.stop();

    expect(outcomes.filter((o) => o !== 'acknowledged' && o !== 'duplicate')).toEqual([]);
    const byId = new Map<string, Outcome[]>();
    all.forEach((s, i) => byId.set(s.id, [...(byId.get(s.id) ?? []), outcomes[i] as Outcome]));
    for (const [, got] of byId) expect(got.filter((o) => o === 'acknowledged')).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'duplicate')).toHaveLength(DUPLICATES);

    const back = readBack(dir);
    expect(back.integrity).toBe('ok');
    expect(back.total).toBe(unique.length);
    expect(unique.filter((s) => back.rows.get(s.id) !== 1)).toEqual([]);
  });

  it('refuses a submission on a full disk in French, stores none of it, keeps running and takes it once space is back (a real tmpfs where this machine lets the test mount one, else SQLite’s page limit)', async () => {
    const disk = path.join(root, 'disk');
    fs.mkdirSync(disk);
    if (!mountTmpfs(disk, '8m')) {
      // No small disk to fill here (not root, or a container without mount): the same scenario on the page limit.
      const s = await startTestServer('2022-06-10T12:00:00+02:00');
      try {
        await fullDiskScenario(pageLimitDisk(s, s.link('es', 'gh-cochin'), ['2022-W23']));
      } finally {
        await s.close();
      }
      return;
    }
    try {
      const dir = path.join(disk, 'data');
      const server = await start(dir);
      const [session] = await openSessions(project, server.links.slice(0, 1));
      if (!session) throw new Error('no ES link');
      const db = () => new Database(path.join(dir, DATABASE_FILE), { readonly: true });
      const space = filler(disk);
      await fullDiskScenario({
        async submit(id, k) {
          const { week, counter } = sequentialSubmission(weeks, k);
          const body = weeklyBody(project, session, week, counter, id, { vigilance_points: FILLER_TEXT });
          const res = await fetch(session.url, {
            method: 'POST',
            redirect: 'manual',
            headers: postHeaders(session),
            body,
          });
          return { status: res.status, body: await res.text(), location: res.headers.get('location') ?? '' };
        },
        fill: space.fill,
        free: space.free,
        rows(id) {
          const d = db();
          try {
            return Number(
              d
                .prepare('SELECT COUNT(*) FROM report_versions WHERE submission_id LIKE ?')
                .pluck()
                .get(`web:%:${id}`),
            );
          } finally {
            d.close();
          }
        },
        integrity() {
          const d = db();
          try {
            return String(d.pragma('integrity_check', { simple: true }));
          } finally {
            d.close();
          }
        },
      });
      expect(server.child.exitCode).toBeNull();
      await expect(server.stop()).resolves.toEqual({ code: 0, signal: null });
    } finally {
      execFileSync('umount', ['-l', disk]);
    }
  });

  it('says in French that the data folder is not writable, and changes nothing in it', async () => {
    const dir = path.join(root, 'data');
    const server = await start(dir);
    const [session] = await openSessions(project, server.links.slice(0, 1));
    if (!session) throw new Error('no ES link');
    const kept = submission(session, weeks[0] as string, 1);
    expect(await post(kept)).toBe('acknowledged');
    await server.stop();
    const file = path.join(dir, DATABASE_FILE);
    const digest = () => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
    const before = digest();

    const fresh = path.join(root, 'locked', 'data');
    fs.mkdirSync(path.dirname(fresh));
    const locks = [lockFolder(dir), lockFolder(path.dirname(fresh))];
    try {
      for (const target of [dir, fresh]) {
        const res = spawnSync(process.execPath, [BIN, '--data', target, 'serve'], {
          encoding: 'utf8',
          env: { ...process.env, HOST: '127.0.0.1', PORT: String(await freePort()) },
          timeout: 30_000,
          cwd: os.tmpdir(),
          ...locks[0]?.user,
        });
        const message = target === fresh ? frStorage.folderNotCreated : frStorage.folderReadOnly;
        const [opening, closing] = message(target, '\u0000').split('\u0000');
        expect(res.status).toBe(1);
        expect(res.stderr).toContain(`Erreur : ${opening ?? ''}`);
        expect(res.stderr).toContain(closing);
      }
      expect(digest()).toBe(before);
      expect(fs.existsSync(fresh)).toBe(false);
    } finally {
      for (const lock of locks) lock.undo();
    }
    const back = readBack(dir);
    expect(back.integrity).toBe('ok');
    expect(back.rows.get(kept.id)).toBe(1);
  });
});
