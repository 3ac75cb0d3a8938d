// `suivi-mes backup` while the server takes submissions (real processes, loopback, bounded loops), `suivi-mes
// restore` into a fresh folder, a server started on it: every submission acknowledged before the backup began is
// there, the rows are the same, and every link printed by the first server works on the restored one. Also the
// daily backup of `serve --backup-dir` with its rotation, and a damaged backup refused in French.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { DATABASE_FILE } from '../../src/local/local-data';
import { defaultProject } from '../support/project';
import { runCli } from '../support/local/cli-process';
import { startServer, type Server } from '../support/local/serve-process';
import {
  loadWeeks,
  openSessions,
  postHeaders,
  sequentialSubmission,
  weeklyBody,
} from '../support/local/weekly-load';
import { dailyBackupName } from '../../src/local/backup';

jest.setTimeout(240_000);

const project = defaultProject();
const weeks = loadWeeks(project);

function rows(dir: string): { ids: Set<string>; versions: string[] } {
  const db = new Database(path.join(dir, DATABASE_FILE), { readonly: true });
  try {
    const versions = db.prepare('SELECT record FROM report_versions ORDER BY seq').pluck().all() as string[];
    const ids = db.prepare('SELECT submission_id FROM report_versions').pluck().all() as string[];
    return { ids: new Set(ids.map((id) => id.split(':').pop() ?? '')), versions };
  } finally {
    db.close();
  }
}

describe('suivi-mes backup and restore', () => {
  let root: string;
  const servers: Server[] = [];
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'suivi-mes-backup-cmd-'));
  });
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.stop()));
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('a backup under load restores into a server where every acknowledged submission and every link is there', async () => {
    const dir = path.join(root, 'data');
    const server = await startServer(dir);
    servers.push(server);
    const sessions = await openSessions(project, server.links);
    const acknowledgedBeforeBackup = new Set<string>();
    let backupStarted = false;
    let backupDone = false;
    const file = path.join(root, 'sauvegarde.zip');
    const load = Promise.all(
      sessions.map(async (session) => {
        for (let k = 0; k < 200 && !backupDone; k += 1) {
          const { week, counter } = sequentialSubmission(weeks, k);
          const id = crypto.randomUUID();
          const startedBefore = !backupStarted;
          const res = await fetch(session.url, {
            method: 'POST',
            redirect: 'manual',
            headers: postHeaders(session),
            body: weeklyBody(project, session, week, counter, id),
          });
          await res.arrayBuffer();
          expect(res.status).toBe(303);
          if (startedBefore && !backupStarted) acknowledgedBeforeBackup.add(id);
        }
      }),
    );
    // Let some submissions through first, then back up while they keep coming.
    for (let i = 0; i < 1500 && acknowledgedBeforeBackup.size < 32; i += 1)
      await new Promise((r) => setTimeout(r, 20));
    backupStarted = true;
    const backup = await runCli(['--data', dir, 'backup', '--out', file]);
    backupDone = true;
    await load;
    expect(backup.out).toContain(`Sauvegarde écrite : ${file}`);
    expect(backup.out).toContain('elle ouvre tous les liens d’accès');
    expect(backup.code).toBe(0);

    const restoredDir = path.join(root, 'restaure');
    const restore = await runCli(['--data', restoredDir, 'restore', file]);
    expect(restore.out).toContain(`restaurée dans ${restoredDir}`);
    expect(restore.code).toBe(0);
    const restoredRows = rows(restoredDir);
    expect([...acknowledgedBeforeBackup].filter((id) => !restoredRows.ids.has(id))).toEqual([]);
    // The copy is one snapshot: the history of the original up to some point, in the same order.
    const original = rows(dir).versions;
    expect(original.slice(0, restoredRows.versions.length)).toEqual(restoredRows.versions);

    await server.stop();
    const restored = await startServer(restoredDir);
    servers.push(restored);
    const base = (url: string) => url.replace(server.baseUrl, restored.baseUrl);
    const statuses = await Promise.all(server.links.map(async (l) => (await fetch(base(l.url))).status));
    expect(statuses).toEqual(server.links.map(() => 200));
    expect(restored.links.map((l) => l.url.replace(restored.baseUrl, ''))).toEqual(
      server.links.map((l) => l.url.replace(server.baseUrl, '')),
    );
  });

  it('refuses a truncated backup in French, and a non-empty folder without --force', async () => {
    const dir = path.join(root, 'data');
    expect((await runCli(['--data', dir, 'links'])).code).toBe(0);
    const file = path.join(root, 'sauvegarde.zip');
    expect((await runCli(['--data', dir, 'backup', '--out', file])).code).toBe(0);
    const notEmpty = await runCli(['--data', dir, 'restore', file]);
    expect(notEmpty.code).toBe(1);
    expect(notEmpty.out).toContain(`Le dossier « ${dir} » n'est pas vide : rien n'a été restauré.`);
    fs.truncateSync(file, Math.floor(fs.statSync(file).size * 0.6));
    const truncated = await runCli(['--data', path.join(root, 'neuf'), 'restore', file]);
    expect(truncated.code).toBe(1);
    expect(truncated.out).toContain(`« ${file} » n'est pas une sauvegarde suivi-mes utilisable`);
    expect(fs.existsSync(path.join(root, 'neuf'))).toBe(false);
  });

  it('serve --backup-dir takes today’s backup at start and keeps the newest --backup-keep', async () => {
    const backups = path.join(root, 'sauvegardes');
    fs.mkdirSync(backups);
    for (const day of ['2020-01-01', '2020-01-02'])
      fs.writeFileSync(path.join(backups, `suivi-mes-sauvegarde-${day}.zip`), '');
    const server = await startServer(path.join(root, 'data'), {
      extraArgs: ['--backup-dir', backups, '--backup-keep', '2'],
    });
    servers.push(server);
    const today = path.join(backups, dailyBackupName(new Date()));
    for (let i = 0; i < 600 && fs.readdirSync(backups).length !== 2; i += 1)
      await new Promise((r) => setTimeout(r, 50));
    expect(fs.readdirSync(backups).sort()).toEqual([
      'suivi-mes-sauvegarde-2020-01-02.zip',
      path.basename(today),
    ]);
    const restore = await runCli(['--data', path.join(root, 'restaure'), 'restore', today]);
    expect(restore.code).toBe(0);
  });
});
