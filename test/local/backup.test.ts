// Backups and restores of a data folder (src/local/backup.ts): a restored folder holds the same rows and opens the
// same links; a restore checks the archive, the checksums, the key and SQLite's integrity before touching anything,
// refuses a non-empty folder unless forced (and then sets it aside), and every refusal is in French.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import PizZip from 'pizzip';
import crypto from 'node:crypto';
import { ingestWeeklyReport } from '../../src/app/ingest-weekly-report';
import { editCell } from '../../src/app/edit-cell';
import { dateInWeek } from '../../src/domain/iso-week';
import {
  BackupError,
  createBackup,
  dailyBackupName,
  readBackup,
  restoreBackup,
  rotateBackups,
} from '../../src/local/backup';
import {
  DATABASE_FILE,
  OUTBOX_DIR,
  SECRET_FILE,
  openLocalData,
  type LocalData,
} from '../../src/local/local-data';
import { defaultProject, FixedClock, weeklyAnswers } from '../support/project';

const project = defaultProject();

function fill(data: LocalData): void {
  const ctx = { project, store: data.store, clock: new FixedClock(new Date('2022-06-10T10:00:00+02:00')) };
  for (const [i, week] of ['2022-W21', '2022-W22', '2022-W23'].entries())
    ingestWeeklyReport(ctx, {
      submissionId: `s${i}`,
      source: 'form',
      author: 'referent@ch.fr',
      submission: {
        establishmentId: 'gh-cochin',
        useCaseId: 'uc1',
        week,
        values: weeklyAnswers({ dmp_fed: 5 + i }, { report_date: dateInWeek(week, 5) }),
      },
    });
  editCell(ctx, {
    rowKey: 'gh-cochin/uc1',
    columnId: 'actions',
    raw: 'Relancer',
    role: 'ars',
    author: 'ars',
    source: 'grid',
  });
  fs.writeFileSync(path.join(data.outboxDir, 'relance.eml'), 'Subject: relance\n');
}

/** What a restore must give back: the rows, and the links people hold (their full paths, token included). */
function snapshot(dir: string) {
  const { data } = openLocalData(dir, project);
  try {
    return {
      versions: data.store.listReportVersions(),
      annotations: [...data.store.allAnnotations()],
      changes: data.store.listCellChanges(),
      links: data.links
        .active()
        .map((l) => data.links.path(l))
        .sort(),
      outbox: fs.readdirSync(data.outboxDir),
    };
  } finally {
    data.close();
  }
}

describe('backup and restore of a data folder', () => {
  let root: string;
  let dir: string;
  let file: string;
  beforeEach(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'suivi-mes-backup-'));
    dir = path.join(root, 'data');
    file = path.join(root, 'sauvegarde.zip');
    const { data } = openLocalData(dir, project);
    try {
      fill(data);
    } finally {
      data.close();
    }
    await createBackup(dir, file);
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('restores into a new folder the same rows, the same outbox and the same links', () => {
    const restored = path.join(root, 'restaure');
    const outcome = restoreBackup(file, restored, { force: false });
    expect(outcome.manifest.counts).toEqual({ establishments: 16, reportVersions: 3, activeLinks: 18 });
    expect(snapshot(restored)).toEqual(snapshot(dir));
    expect(fs.readFileSync(path.join(restored, SECRET_FILE))).toEqual(
      fs.readFileSync(path.join(dir, SECRET_FILE)),
    );
    expect(fs.statSync(file).mode & 0o077).toBe(0);
  });

  it('restores into an empty folder that exists', () => {
    const empty = path.join(root, 'vide');
    fs.mkdirSync(empty);
    restoreBackup(file, empty, { force: false });
    expect(snapshot(empty).versions).toHaveLength(3);
  });

  it('refuses a non-empty folder without --force, and with it sets the folder aside instead of deleting it', () => {
    const other = path.join(root, 'autre');
    openLocalData(other, project).data.close();
    const before = snapshot(other).links;
    expect(() => restoreBackup(file, other, { force: false })).toThrow(
      `Le dossier « ${other} » n'est pas vide : rien n'a été restauré.`,
    );
    expect(snapshot(other).links).toEqual(before);
    const outcome = restoreBackup(file, other, { force: true });
    expect(snapshot(other).links).toEqual(snapshot(dir).links);
    expect(outcome.setAside).toBeDefined();
    expect(snapshot(outcome.setAside as string).links).toEqual(before);
  });

  const corrupt = (mutate: (zip: PizZip) => void) => {
    const zip = new PizZip(fs.readFileSync(file));
    mutate(zip);
    fs.writeFileSync(file, zip.generate({ type: 'nodebuffer' }));
  };
  const manifestOf = (zip: PizZip) =>
    JSON.parse(zip.file('manifest.json')?.asText() ?? '{}') as {
      files: Array<{ path: string; sha256: string; bytes: number }>;
    };

  it.each<[string, () => void, string]>([
    [
      'a truncated file',
      () => fs.truncateSync(file, Math.floor(fs.statSync(file).size / 2)),
      'archive illisible',
    ],
    [
      'a byte changed inside the compressed database',
      () => {
        const bytes = fs.readFileSync(file);
        const at = Math.floor(bytes.length / 3);
        bytes[at] = (bytes[at] ?? 0) ^ 0xff;
        fs.writeFileSync(file, bytes);
      },
      "n'est pas une sauvegarde suivi-mes utilisable",
    ],
    ['a file that is not a backup', () => fs.writeFileSync(file, 'pas une sauvegarde'), 'archive illisible'],
    ['an archive without manifest', () => corrupt((zip) => zip.remove('manifest.json')), 'pas de manifeste'],
    [
      'a database changed after the backup',
      () => corrupt((zip) => zip.file(DATABASE_FILE, Buffer.from('autre chose'))),
      `« ${DATABASE_FILE} » ne correspond pas à son empreinte`,
    ],
    [
      'a key missing',
      () =>
        corrupt((zip) => {
          const manifest = manifestOf(zip);
          manifest.files = manifest.files.filter((f) => f.path !== SECRET_FILE);
          zip.remove(SECRET_FILE);
          zip.file('manifest.json', JSON.stringify(manifest));
        }),
      `la clé ${SECRET_FILE} manque`,
    ],
    [
      'a path outside the folder',
      () =>
        corrupt((zip) => {
          const manifest = manifestOf(zip);
          manifest.files.push({ path: '../evil.txt', bytes: 1, sha256: 'x' });
          zip.file('../evil.txt', 'x');
          zip.file('manifest.json', JSON.stringify(manifest));
        }),
      'manifeste non reconnu',
    ],
    [
      'a damaged database whose checksums were recomputed',
      () =>
        corrupt((zip) => {
          const db = zip.file(DATABASE_FILE)?.asNodeBuffer() as Buffer;
          // Page 2 onwards: B-tree pages garbled, header intact so SQLite opens it and integrity_check finds it.
          db.fill(0x41, 4096 + 16, 4096 * 3);
          const manifest = manifestOf(zip);
          const entry = manifest.files.find((f) => f.path === DATABASE_FILE);
          if (entry) entry.sha256 = crypto.createHash('sha256').update(db).digest('hex');
          zip.file(DATABASE_FILE, db);
          zip.file('manifest.json', JSON.stringify(manifest));
        }),
      'la base sauvegardée est abîmée',
    ],
  ])('refuses %s in French and writes nothing', (_case, damage, reason) => {
    damage();
    const target = path.join(root, 'restaure');
    expect(() => restoreBackup(file, target, { force: false })).toThrow(BackupError);
    expect(() => restoreBackup(file, target, { force: false })).toThrow(reason);
    expect(fs.existsSync(target)).toBe(false);
    expect(fs.readdirSync(root).filter((n) => n.includes('restauration'))).toEqual([]);
  });

  it('refuses a missing file in French', () => {
    expect(() => readBackup(path.join(root, 'absent.zip'))).toThrow(
      'lecture impossible (chemin introuvable)',
    );
  });

  it('refuses to back up a folder that holds no data', async () => {
    await expect(createBackup(path.join(root, 'rien'), path.join(root, 'x.zip'))).rejects.toThrow(
      'ne contient pas de données suivi-mes',
    );
  });

  it('backs up while another connection writes: the database, the outbox and the key, nothing else', async () => {
    const writer = new Database(path.join(dir, DATABASE_FILE));
    const copy = path.join(root, 'pendant.zip');
    const backup = createBackup(dir, copy);
    for (let i = 0; i < 50; i += 1) writer.prepare('INSERT INTO journal (record) VALUES (?)').run('{}');
    writer.close();
    await backup;
    expect(readBackup(copy).manifest.files.map((f) => f.path)).toEqual([
      DATABASE_FILE,
      `${OUTBOX_DIR}/relance.eml`,
      SECRET_FILE,
    ]);
  });

  it('keeps the newest daily backups and never touches other files', () => {
    const backups = path.join(root, 'sauvegardes');
    fs.mkdirSync(backups);
    const days = ['2026-01-01', '2026-01-02', '2026-01-03', '2026-01-04'];
    for (const day of days) fs.writeFileSync(path.join(backups, `suivi-mes-sauvegarde-${day}.zip`), '');
    fs.writeFileSync(path.join(backups, 'a-garder.zip'), '');
    expect(rotateBackups(backups, 2)).toEqual([
      'suivi-mes-sauvegarde-2026-01-02.zip',
      'suivi-mes-sauvegarde-2026-01-01.zip',
    ]);
    expect(fs.readdirSync(backups).sort()).toEqual([
      'a-garder.zip',
      'suivi-mes-sauvegarde-2026-01-03.zip',
      'suivi-mes-sauvegarde-2026-01-04.zip',
    ]);
    expect(dailyBackupName(new Date('2026-01-04T23:30:00Z'))).toBe('suivi-mes-sauvegarde-2026-01-05.zip');
  });
});
