// Backups of a data folder, taken while the server runs, and their restore. A backup is one .zip file holding a
// consistent copy of the database (SQLite's online backup API, copied in one step so that it is one snapshot even
// while other processes write), the secret key (without it every link would stop working) and the other files of
// the folder (outbox, issued RETEX documents), plus a manifest with the SHA-256 of each file and the schema
// version. A restore checks all of it — the archive, the checksums, the key, PRAGMA integrity_check, the schema
// version — before it touches the target folder, and never deletes a folder: an existing one is set aside.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import PizZip from 'pizzip';
import * as z from 'zod';
import { parisDateString } from '../domain/paris-time';
import { MIGRATIONS } from './db/migrations';
import { failureDetail } from './db/storage-failure';
import { openDatabase } from './db/open-database';
import { DATABASE_FILE, SECRET_FILE } from './local-data';
import { RUNNING_DIR, describeServer, runningServers } from './running-servers';

const MANIFEST = 'manifest.json';
const FORMAT = 'suivi-mes-sauvegarde';

/** A path inside the archive: relative, forward slashes, no `..` (a crafted archive cannot write elsewhere). */
const ArchivePath = z
  .string()
  .min(1)
  .max(500)
  .refine(
    (p) =>
      !p.startsWith('/') && !p.includes('\\') && p.split('/').every((part) => part !== '..' && part !== ''),
    'chemin hors du dossier',
  );

const Manifest = z.object({
  format: z.literal(FORMAT),
  formatVersion: z.literal(1),
  createdAt: z.string(),
  schemaVersion: z.number().int().positive(),
  counts: z.object({ establishments: z.number(), reportVersions: z.number(), activeLinks: z.number() }),
  files: z.array(z.object({ path: ArchivePath, bytes: z.number().int().min(0), sha256: z.string() })),
});
export type BackupManifest = z.infer<typeof Manifest>;

/** Said once a backup is written, and by the restore: the file is as sensitive as the folder. */
export const BACKUP_WARNING =
  'Attention : cette sauvegarde contient la clé secrète du dossier ; elle ouvre tous les liens d’accès (ES, ARS, ANS). ' +
  'Gardez-la comme un mot de passe : dans un dossier protégé ou chiffré, jamais en pièce jointe ni sur un partage ouvert.';

export class BackupError extends Error {}

const sha256 = (data: Buffer) => crypto.createHash('sha256').update(data).digest('hex');

/** Files of the data folder a restore needs besides the database: the key, the outbox, the RETEX documents. */
function folderFiles(dataDir: string, exclude: readonly string[]): string[] {
  // The database is copied apart; the running servers' records and backups kept in the folder are not data.
  const skipped = (rel: string) =>
    rel.startsWith(DATABASE_FILE) ||
    rel === RUNNING_DIR ||
    /^\.?suivi-mes-sauvegarde-/.test(rel) ||
    exclude.some((e) => path.resolve(dataDir, rel) === e);
  const out: string[] = [];
  const walk = (rel: string) => {
    for (const entry of fs.readdirSync(path.join(dataDir, rel), { withFileTypes: true })) {
      const child = rel === '' ? entry.name : `${rel}/${entry.name}`;
      if (skipped(child)) continue;
      if (entry.isDirectory()) walk(child);
      else if (entry.isFile()) out.push(child);
    }
  };
  walk('');
  return out.sort();
}

function counts(db: Database.Database): BackupManifest['counts'] {
  const count = (sql: string) => Number(db.prepare(sql).pluck().get());
  return {
    establishments: count('SELECT COUNT(*) FROM establishments'),
    reportVersions: count('SELECT COUNT(*) FROM report_versions'),
    activeLinks: count('SELECT COUNT(*) FROM access_links WHERE revoked_at IS NULL'),
  };
}

export interface BackupOptions {
  /** Folders to leave out (a backup folder kept inside the data folder). */
  exclude?: readonly string[];
  now?: Date;
}

/**
 * Writes a backup of the data folder `dataDir` to `outFile` (through a temporary file, renamed when complete), from
 * `db` when the caller has the folder open (the server), else from a connection of its own.
 */
export async function createBackup(
  dataDir: string,
  outFile: string,
  options: BackupOptions & { db?: Database.Database } = {},
): Promise<BackupManifest> {
  const dbFile = path.join(dataDir, DATABASE_FILE);
  if (!fs.existsSync(dbFile))
    throw new BackupError(
      `Le dossier « ${dataDir} » ne contient pas de données suivi-mes (${DATABASE_FILE} absent) : rien à sauvegarder. Vérifiez --data.`,
    );
  const db = options.db ?? openDatabase(dbFile);
  const work = fs.mkdtempSync(path.join(path.dirname(path.resolve(outFile)), '.suivi-mes-sauvegarde-'));
  try {
    const copy = path.join(work, DATABASE_FILE);
    // After a first step of 0 pages, every page in one step: one read transaction, one snapshot, which SQLite
    // never has to restart because another process wrote meanwhile.
    await db.backup(copy, { progress: () => 0x7fffffff });
    const copied = new Database(copy);
    let manifestCounts: BackupManifest['counts'];
    let schemaVersion: number;
    try {
      copied.pragma('journal_mode = DELETE');
      const integrity = String(copied.pragma('integrity_check', { simple: true }));
      if (integrity !== 'ok') throw new BackupError(`La copie de la base est incohérente (${integrity}).`);
      manifestCounts = counts(copied);
      schemaVersion = copied.pragma('user_version', { simple: true }) as number;
    } finally {
      copied.close();
    }
    const zip = new PizZip();
    const files: BackupManifest['files'] = [];
    const add = (name: string, data: Buffer) => {
      zip.file(name, data);
      files.push({ path: name, bytes: data.length, sha256: sha256(data) });
    };
    add(DATABASE_FILE, fs.readFileSync(copy));
    for (const rel of folderFiles(dataDir, options.exclude ?? []))
      add(rel, fs.readFileSync(path.join(dataDir, rel)));
    if (!files.some((f) => f.path === SECRET_FILE))
      throw new BackupError(
        `Le dossier « ${dataDir} » n'a pas de clé ${SECRET_FILE} : une sauvegarde sans elle ne rouvrirait aucun lien.`,
      );
    const manifest: BackupManifest = {
      format: FORMAT,
      formatVersion: 1,
      createdAt: (options.now ?? new Date()).toISOString(),
      schemaVersion,
      counts: manifestCounts,
      files,
    };
    zip.file(MANIFEST, `${JSON.stringify(manifest, null, 2)}\n`);
    const partial = path.join(work, 'sauvegarde.zip');
    const fd = fs.openSync(partial, 'w', 0o600);
    try {
      fs.writeSync(fd, zip.generate({ type: 'nodebuffer', compression: 'DEFLATE' }));
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(partial, outFile);
    return manifest;
  } finally {
    if (!options.db) db.close();
    fs.rmSync(work, { recursive: true, force: true });
  }
}

/** Reads and checks a backup file entirely; throws a BackupError in French at the first problem. */
export function readBackup(file: string): { manifest: BackupManifest; files: Map<string, Buffer> } {
  let buffer: Buffer;
  try {
    buffer = fs.readFileSync(file);
  } catch (error) {
    throw new BackupError(`« ${file} » : lecture impossible (${failureDetail(error)}). Vérifiez le chemin.`);
  }
  const broken = (why: string) =>
    new BackupError(
      `« ${file} » n'est pas une sauvegarde suivi-mes utilisable : ${why}. Rien n'a été restauré.`,
    );
  let zip: PizZip;
  try {
    zip = new PizZip(buffer, { checkCRC32: true });
  } catch {
    throw broken('archive illisible (fichier tronqué, abîmé, ou d’un autre type)');
  }
  const manifestText = zip.file(MANIFEST)?.asText();
  if (manifestText === undefined)
    throw broken('pas de manifeste (ce n’est pas un fichier produit par « suivi-mes backup »)');
  let parsed: ReturnType<typeof Manifest.safeParse>;
  try {
    parsed = Manifest.safeParse(JSON.parse(manifestText));
  } catch {
    throw broken('manifeste illisible');
  }
  if (!parsed.success) throw broken('manifeste non reconnu');
  const manifest = parsed.data;
  if (manifest.schemaVersion > MIGRATIONS.length)
    throw broken(
      `elle vient d'une version plus récente de suivi-mes (schéma ${manifest.schemaVersion}, celle-ci connaît ${MIGRATIONS.length}) ; mettez suivi-mes à jour`,
    );
  const files = new Map<string, Buffer>();
  for (const entry of manifest.files) {
    let data: Buffer | undefined;
    try {
      data = zip.file(entry.path)?.asNodeBuffer();
    } catch {
      throw broken(`« ${entry.path} » est abîmé dans l’archive`);
    }
    if (!data) throw broken(`« ${entry.path} » manque dans l’archive`);
    if (data.length !== entry.bytes || sha256(data) !== entry.sha256)
      throw broken(`« ${entry.path} » ne correspond pas à son empreinte (fichier modifié ou abîmé)`);
    files.set(entry.path, data);
  }
  if (!files.has(DATABASE_FILE)) throw broken(`la base ${DATABASE_FILE} manque`);
  if (!/^[0-9a-f]{64}\s*$/.test(files.get(SECRET_FILE)?.toString('utf8') ?? ''))
    throw broken(`la clé ${SECRET_FILE} manque ou est illisible`);
  return { manifest, files };
}

export interface RestoreOutcome {
  manifest: BackupManifest;
  /** Where the folder that was there before went, with --force. */
  setAside?: string;
}

/**
 * Restores `file` into `dataDir`: refuses a non-empty folder unless `force` (and always while a server runs on it);
 * with `force` the existing folder is renamed aside, never deleted. Written into a sibling folder, checked with
 * PRAGMA integrity_check, then renamed into place: an interrupted restore leaves no half-folder behind.
 */
export function restoreBackup(
  file: string,
  dataDir: string,
  options: { force: boolean; now?: Date },
): RestoreOutcome {
  const { manifest, files } = readBackup(file);
  const target = path.resolve(dataDir);
  const exists = fs.existsSync(target);
  const nonEmpty = exists && fs.readdirSync(target).length > 0;
  if (nonEmpty) {
    const servers = runningServers(target);
    if (servers.length > 0)
      throw new BackupError(
        `Un serveur suivi-mes fonctionne sur « ${target} » (${servers.map(describeServer).join(' ; ')}) : arrêtez-le avant de restaurer.`,
      );
    if (!options.force)
      throw new BackupError(
        `Le dossier « ${target} » n'est pas vide : rien n'a été restauré. Choisissez un dossier vide ou nouveau (--data), ou ajoutez --force pour mettre l'actuel de côté (il sera renommé, pas supprimé).`,
      );
  }
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const staging = fs.mkdtempSync(`${target}.restauration-`);
  try {
    for (const [rel, data] of files) {
      const out = path.join(staging, ...rel.split('/'));
      fs.mkdirSync(path.dirname(out), { recursive: true });
      fs.writeFileSync(out, data, { mode: rel === SECRET_FILE ? 0o600 : 0o644 });
    }
    const db = new Database(path.join(staging, DATABASE_FILE), { fileMustExist: true });
    try {
      const integrity = String(db.pragma('integrity_check', { simple: true }));
      if (integrity !== 'ok')
        throw new BackupError(
          `« ${file} » : la base sauvegardée est abîmée (${integrity.split('\n')[0]}). Rien n'a été restauré.`,
        );
      if (db.pragma('user_version', { simple: true }) !== manifest.schemaVersion)
        throw new BackupError(
          `« ${file} » : la base ne correspond pas à son manifeste. Rien n'a été restauré.`,
        );
    } finally {
      db.close();
    }
    fs.chmodSync(staging, 0o700);
    let setAside: string | undefined;
    if (exists) {
      setAside = `${target}.avant-restauration-${parisDateString(options.now ?? new Date())}-${process.pid}`;
      fs.renameSync(target, setAside);
      if (!nonEmpty) {
        fs.rmdirSync(setAside);
        setAside = undefined;
      }
    }
    fs.renameSync(staging, target);
    return { manifest, setAside };
  } catch (error) {
    fs.rmSync(staging, { recursive: true, force: true });
    if (error instanceof BackupError) throw error;
    if (
      (error as { code?: string }).code === 'SQLITE_NOTADB' ||
      (error as { code?: string }).code === 'SQLITE_CORRUPT'
    )
      throw new BackupError(`« ${file} » : la base sauvegardée est abîmée. Rien n'a été restauré.`);
    throw error;
  }
}

const DAILY = /^suivi-mes-sauvegarde-(\d{4}-\d{2}-\d{2})\.zip$/;

/** The name of the daily backup of a day (Paris date), as `serve --backup-dir` writes it. */
export function dailyBackupName(now: Date): string {
  return `suivi-mes-sauvegarde-${parisDateString(now)}.zip`;
}

/** Keeps the `keep` most recent daily backups of `dir`; returns the ones removed. Other files are never touched. */
export function rotateBackups(dir: string, keep: number): string[] {
  const daily = fs
    .readdirSync(dir)
    .filter((n) => DAILY.test(n))
    .sort()
    .reverse();
  const removed = daily.slice(keep);
  for (const name of removed) fs.rmSync(path.join(dir, name), { force: true });
  return removed;
}

/**
 * The server's daily backup: at start, then every hour, takes today's backup if it is not there yet, then rotates.
 * Timers are unref'd. Returns the function that stops the schedule.
 */
export function scheduleDailyBackups(
  input: { db: Database.Database; dataDir: string; backupDir: string; keep: number; now: () => Date },
  onRun: (outcome: { file?: string; removed?: string[]; error?: unknown }) => void,
): () => void {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      fs.mkdirSync(input.backupDir, { recursive: true, mode: 0o700 });
      const file = path.join(input.backupDir, dailyBackupName(input.now()));
      if (fs.existsSync(file)) return;
      await createBackup(input.dataDir, file, { db: input.db, exclude: [path.resolve(input.backupDir)] });
      onRun({ file, removed: rotateBackups(input.backupDir, input.keep) });
    } catch (error) {
      onRun({ error });
    } finally {
      running = false;
    }
  };
  void tick();
  const timer = setInterval(() => void tick(), 60 * 60 * 1000);
  timer.unref();
  return () => clearInterval(timer);
}
