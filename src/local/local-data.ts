// Opens a data folder of the embedded runtime (default ./data): creates it on first use, opens the SQLite database,
// reads or creates the secret key, seeds the pilot registry from sheets-template/ the first time and adds
// establishments or use cases added to the CSV since, then makes the access links match the registry and the
// config. Every `suivi-mes` command of the local runtime starts here. Never deletes or rewrites anything stored.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { establishmentFromSeed, type EstablishmentRecord } from '../domain/model';
import { allArsAddresses } from '../domain/region-scope';
import type { Project } from '../schema/project';
import type { Clock } from '../ports';
import { AccessLinks } from './access-links';
import { frStorage } from './messages';
import { getMeta, setMeta } from './db/meta';
import { folderIdentity } from './db/folder-identity';
import { openDatabase, type SqliteDatabase } from './db/open-database';
import { failureDetail, storageFailure } from './db/storage-failure';
import { SqliteStore } from './db/sqlite-store';

export const DATABASE_FILE = 'suivi-mes.sqlite';
export const SECRET_FILE = 'secret.key';
export const OUTBOX_DIR = 'outbox';

export interface LocalData {
  dir: string;
  db: SqliteDatabase;
  store: SqliteStore;
  links: AccessLinks;
  /** 32 random bytes: derives link tokens, signs cookies, keys CSRF tokens. Never leaves the data folder. */
  secret: Buffer;
  outboxDir: string;
  /** The real clock, or for a demo season a clock shifted into the pilot's calendar. */
  clock: Clock;
  /** False once the folder, its database or its key was deleted, moved or replaced (see db/folder-identity.ts). */
  intact(): boolean;
  close(): void;
}

export interface OpenedData {
  data: LocalData;
  /** True when this call created the database and seeded the registry. */
  created: boolean;
  /** Establishments and use cases added from the CSV on this call (after the first). */
  added: string[];
  /** Things the user must know (a lost secret key…), in French. */
  warnings: string[];
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock running at real speed but shifted by a fixed offset (the demo's simulated date). */
export function offsetClock(offsetMs: number): Clock {
  return { now: () => new Date(Date.now() + offsetMs) };
}

function readOrCreateSecret(file: string): { key: Buffer; createdNow: boolean } {
  try {
    const text = fs.readFileSync(file, 'utf8').trim();
    if (!/^[0-9a-f]{64}$/.test(text))
      throw new Error(`${file} : clé illisible (64 caractères hexadécimaux attendus).`);
    return { key: Buffer.from(text, 'hex'), createdNow: false };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    const key = crypto.randomBytes(32);
    fs.writeFileSync(file, `${key.toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
    return { key, createdNow: true };
  }
}

/** Seeds from the CSV: the first time every establishment; afterwards only what was added to the CSV. */
function syncRegistry(store: SqliteStore, project: Project, now: Date): { seeded: boolean; added: string[] } {
  const seeds: EstablishmentRecord[] = project.establishments.map((seed) =>
    establishmentFromSeed(seed, project.departments, project.config, project.tracking),
  );
  return store.transaction(() => {
    const seeded = getMeta(store.db, 'seeded_at') === undefined;
    const added: string[] = [];
    for (const seed of seeds) {
      const existing = store.getEstablishment(seed.id);
      if (!existing) {
        store.saveEstablishment(seed);
        if (!seeded) added.push(seed.id);
        continue;
      }
      const missing = seed.useCases.filter((u) => !existing.useCases.some((e) => e.id === u.id));
      if (missing.length === 0) continue;
      store.saveEstablishment({ ...existing, useCases: [...existing.useCases, ...missing] });
      added.push(...missing.map((u) => `${seed.id}/${u.id}`));
    }
    if (seeded) {
      setMeta(store.db, 'seeded_at', now.toISOString());
      store.appendJournal({
        at: now.toISOString(),
        kind: 'install',
        actor: 'suivi-mes',
        role: 'system',
        summary: `Installation locale : ${seeds.length} établissements chargés depuis ${project.config.files.establishments}.`,
      });
    } else if (added.length > 0) {
      store.appendJournal({
        at: now.toISOString(),
        kind: 'install',
        actor: 'suivi-mes',
        role: 'system',
        summary: `Ajout depuis ${project.config.files.establishments} : ${added.join(', ')}.`,
      });
    }
    return { seeded, added };
  });
}

export interface OpenOptions {
  /** For a new data folder holding a demo season: the simulated "now" its clock starts from. */
  demoNow?: Date;
}

/**
 * Opens (or creates) the data folder. A folder that cannot take a write — full disk, no write permission, read-only
 * file system — is reported in French, naming the folder; the database is left as it was.
 */
export function openLocalData(dir: string, project: Project, options: OpenOptions = {}): OpenedData {
  try {
    return open(dir, project, options);
  } catch (error) {
    // Node's recursive mkdir reports a read-only file system as ENOENT: any failure to create the folder is said so.
    if ((error as NodeJS.ErrnoException).syscall === 'mkdir')
      throw new Error(frStorage.folderNotCreated(dir, failureDetail(error)), { cause: error });
    const failure = storageFailure(error);
    if (failure === 'full') throw new Error(frStorage.folderFull(dir), { cause: error });
    if (failure === 'busy') throw new Error(frStorage.folderBusy(dir), { cause: error });
    if (failure === 'read-only')
      throw new Error(frStorage.folderReadOnly(dir, failureDetail(error)), { cause: error });
    throw error;
  }
}

function open(dir: string, project: Project, options: OpenOptions): OpenedData {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const outboxDir = path.join(dir, OUTBOX_DIR);
  fs.mkdirSync(outboxDir, { recursive: true });
  const dbFile = path.join(dir, DATABASE_FILE);
  const firstOpen = !fs.existsSync(dbFile);
  const db = openDatabase(dbFile);
  try {
    const warnings: string[] = [];
    const { key, createdNow } = readOrCreateSecret(path.join(dir, SECRET_FILE));
    const store = new SqliteStore(db);
    const links = new AccessLinks(db, key);
    if (firstOpen && options.demoNow) setDemoClock(db, options.demoNow);
    const offset = getMeta(db, 'clock_offset_ms');
    const clock = offset === undefined ? systemClock : offsetClock(Number(offset));
    const now = clock.now();
    if (createdNow && !firstOpen && links.active().length > 0) {
      links.rotate(() => true, now);
      warnings.push(
        `La clé ${SECRET_FILE} était absente : une nouvelle clé a été créée et tous les liens d'accès ont été remplacés. Diffusez les nouveaux liens.`,
      );
    }
    const { seeded, added } = syncRegistry(store, project, now);
    links.reconcile(
      {
        establishmentIds: store.listEstablishments().map((e) => e.id),
        ars: allArsAddresses(project.config),
        ans: project.config.roles.ans,
      },
      now,
    );
    const intact = folderIdentity([dir, dbFile, path.join(dir, SECRET_FILE)]);
    return {
      data: { dir, db, store, links, secret: key, outboxDir, clock, intact, close: () => db.close() },
      created: seeded,
      added,
      warnings,
    };
  } catch (error) {
    db.close();
    throw error;
  }
}

/** Shifts the data folder's clock so that "now" reads `simulatedNow` (demo seasons). Kept across restarts. */
function setDemoClock(db: SqliteDatabase, simulatedNow: Date, realNow = new Date()): void {
  setMeta(db, 'clock_offset_ms', String(simulatedNow.getTime() - realNow.getTime()));
  setMeta(db, 'demo', 'true');
}

export function isDemo(db: SqliteDatabase): boolean {
  return getMeta(db, 'demo') === 'true';
}
