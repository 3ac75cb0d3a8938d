// The national instance's regional files: each file a region sends is kept as a dated, read-only version (its
// records as the core's JSON), in the data folder's database. Its table is created on first use, apart from the
// embedded runtime's migrations, because only a national instance ever holds one. Nothing here is ever rewritten.
import { ledgersFromVersions, type RowLedger } from '../../domain/ledger';
import type { RowKey } from '../../domain/model';
import type { RegionalSnapshot } from '../../domain/workbook/regional-file';
import type { TrackingFile } from '../../schema/tracking-file';
import type { SqliteDatabase } from './open-database';

export interface RegionalFileVersion {
  seq: number;
  region: string;
  sha256: string;
  /** When the region's instance wrote the file. */
  exportedAt: string;
  /** When this instance loaded it. */
  importedAt: string;
  fileName: string;
  establishmentCount: number;
  rowCount: number;
}

interface Row {
  seq: number;
  region: string;
  sha256: string;
  exported_at: string;
  imported_at: string;
  file_name: string;
  establishment_count: number;
  row_count: number;
}

const toVersion = (r: Row): RegionalFileVersion => ({
  seq: r.seq,
  region: r.region,
  sha256: r.sha256,
  exportedAt: r.exported_at,
  importedAt: r.imported_at,
  fileName: r.file_name,
  establishmentCount: r.establishment_count,
  rowCount: r.row_count,
});

/**
 * A version read from a region's Google workbook (`google national`) records `google:<spreadsheet id>` as its file
 * name: the table keeps one shape for both origins, and a file name given to `national import` is a base name that
 * the command writes as it is — the pages tell the two apart by this prefix only.
 */
const GOOGLE_PREFIX = 'google:';

export function googleReadName(spreadsheetId: string): string {
  return `${GOOGLE_PREFIX}${spreadsheetId}`;
}

/** Whether a version (or a source about to become one) was read from a Google workbook. */
export function isGoogleRead(v: { fileName: string }): boolean {
  return v.fileName.startsWith(GOOGLE_PREFIX);
}

const COLUMNS = 'seq, region, sha256, exported_at, imported_at, file_name, establishment_count, row_count';

export class NationalStore {
  // Parsed snapshots by version: a version never changes, so the pages parse each one once.
  private readonly parsed = new Map<number, RegionalSnapshot>();
  private readonly ledgers = new Map<number, Map<RowKey, RowLedger>>();

  private created = false;

  constructor(private readonly db: SqliteDatabase) {}

  // Created by the first file loaded: a regional instance never has the table, and reading it may happen on a
  // database that takes no write (a full disk, a read-only folder), so reads never create it.
  private exists(): boolean {
    this.created ||=
      this.db
        .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'national_files'")
        .get() !== undefined;
    return this.created;
  }

  private create(): void {
    this.db.exec(`CREATE TABLE IF NOT EXISTS national_files (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      region TEXT NOT NULL,
      sha256 TEXT NOT NULL,
      exported_at TEXT NOT NULL,
      imported_at TEXT NOT NULL,
      file_name TEXT NOT NULL,
      establishment_count INTEGER NOT NULL,
      row_count INTEGER NOT NULL,
      snapshot TEXT NOT NULL
    )`);
    this.created = true;
  }

  /** Every version, oldest first. */
  versions(): RegionalFileVersion[] {
    if (!this.exists()) return [];
    return (this.db.prepare(`SELECT ${COLUMNS} FROM national_files ORDER BY seq`).all() as Row[]).map(
      toVersion,
    );
  }

  /** The version in force for each region (the last loaded). */
  latestVersions(): RegionalFileVersion[] {
    if (!this.exists()) return [];
    return (
      this.db
        .prepare(
          `SELECT ${COLUMNS} FROM national_files WHERE seq IN (SELECT MAX(seq) FROM national_files GROUP BY region)
           ORDER BY region`,
        )
        .all() as Row[]
    ).map(toVersion);
  }

  latest(region: string): RegionalFileVersion | undefined {
    if (!this.exists()) return undefined;
    const row = this.db
      .prepare(`SELECT ${COLUMNS} FROM national_files WHERE region = ? ORDER BY seq DESC LIMIT 1`)
      .get(region) as Row | undefined;
    return row && toVersion(row);
  }

  snapshot(version: RegionalFileVersion): RegionalSnapshot {
    const cached = this.parsed.get(version.seq);
    if (cached) return cached;
    const json = this.db
      .prepare('SELECT snapshot FROM national_files WHERE seq = ?')
      .pluck()
      .get(version.seq) as string;
    // Written only by `add` from a snapshot the core built: reading it back needs no re-validation.
    const snapshot = JSON.parse(json) as RegionalSnapshot;
    this.parsed.set(version.seq, snapshot);
    return snapshot;
  }

  /** The rows' ledgers of a version (computed once: a version never changes). */
  ledgersOf(version: RegionalFileVersion, tracking: TrackingFile): Map<RowKey, RowLedger> {
    let ledgers = this.ledgers.get(version.seq);
    if (!ledgers) {
      ledgers = ledgersFromVersions(tracking, this.snapshot(version).versions);
      this.ledgers.set(version.seq, ledgers);
    }
    return ledgers;
  }

  add(snapshot: RegionalSnapshot, meta: { sha256: string; importedAt: string; fileName: string }): number {
    if (!this.exists()) this.create();
    const rows = snapshot.establishments.reduce((n, e) => n + e.useCases.length, 0);
    const result = this.db
      .prepare(
        `INSERT INTO national_files (region, sha256, exported_at, imported_at, file_name, establishment_count,
          row_count, snapshot) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        snapshot.region,
        meta.sha256,
        snapshot.exportedAt,
        meta.importedAt,
        meta.fileName,
        snapshot.establishments.length,
        rows,
        JSON.stringify(snapshot),
      );
    return Number(result.lastInsertRowid);
  }
}

const stores = new WeakMap<SqliteDatabase, NationalStore>();

/** One NationalStore per open database, so the pages keep its parsed snapshots between requests. */
export function nationalStoreOf(db: SqliteDatabase): NationalStore {
  let store = stores.get(db);
  if (!store) {
    store = new NationalStore(db);
    stores.set(db, store);
  }
  return store;
}
