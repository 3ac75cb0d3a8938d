// The Store port (src/ports.ts) on SQLite: every method is one atomic statement or one transaction, `transaction`
// nests as savepoints and rolls everything back when its function throws, and a commit is on disk before it
// returns (see db/open-database.ts). Records are kept as the core's JSON; history tables are append-only.
// Beyond the port, a few read queries serve the pages without rereading the whole history.
import type { IsoWeek } from '../../domain/iso-week';
import type { RowLedger } from '../../domain/ledger';
import {
  parseRowKey,
  type CellChange,
  type EstablishmentRecord,
  type JournalEntry,
  type ReportVersion,
  type RowKey,
} from '../../domain/model';
import type { FieldValue, Values } from '../../domain/values';
import type { Store } from '../../ports';
import type BetterSqlite3 from 'better-sqlite3';
import { CommitBatcher } from './commit-batcher';
import type { SqliteDatabase } from './open-database';
import { writeTransaction } from './write-transaction';

// Rows are written only by this class, from values the core validated: reading them back needs no re-validation.
const parse = <T>(json: string): T => JSON.parse(json) as T;

type Statement = BetterSqlite3.Statement<unknown[]>;

export class SqliteStore implements Store {
  private readonly q: Record<string, Statement>;
  private readonly batcher: CommitBatcher;

  constructor(readonly db: SqliteDatabase) {
    this.batcher = new CommitBatcher(db);
    const sql = {
      listEstablishments: 'SELECT record FROM establishments ORDER BY position',
      getEstablishment: 'SELECT record FROM establishments WHERE id = ?',
      updateEstablishment: 'UPDATE establishments SET record = ? WHERE id = ?',
      insertEstablishment: `INSERT INTO establishments (id, position, record)
        VALUES (?, (SELECT COALESCE(MAX(position), 0) + 1 FROM establishments), ?)`,
      hasSubmission: 'SELECT 1 FROM submissions WHERE id = ?',
      insertSubmission: 'INSERT OR IGNORE INTO submissions (id, outcome) VALUES (?, ?)',
      rowLedger: 'SELECT ledger FROM row_ledgers WHERE row_key = ?',
      allLedgers: 'SELECT row_key, ledger FROM row_ledgers',
      upsertLedger: `INSERT INTO row_ledgers (row_key, ledger) VALUES (?, ?)
        ON CONFLICT (row_key) DO UPDATE SET ledger = excluded.ledger`,
      reportVersion: `SELECT record FROM report_versions WHERE row_key = ? AND week = ?
        ORDER BY version DESC LIMIT 1`,
      reportVersionExact: 'SELECT record FROM report_versions WHERE row_key = ? AND week = ? AND version = ?',
      versionBySubmission: 'SELECT record FROM report_versions WHERE submission_id = ? ORDER BY seq LIMIT 1',
      insertVersion: `INSERT INTO report_versions (row_key, establishment_id, week, version, submission_id, record)
        VALUES (?, ?, ?, ?, ?, ?)`,
      upsertCurrent: `INSERT INTO row_current (row_key, version_seq) VALUES (?, ?)
        ON CONFLICT (row_key) DO UPDATE SET version_seq = excluded.version_seq`,
      currentVersions: `SELECT v.record FROM row_current c JOIN report_versions v ON v.seq = c.version_seq`,
      listVersions: 'SELECT record FROM report_versions ORDER BY seq',
      versionsOfEstablishment: 'SELECT record FROM report_versions WHERE establishment_id = ? ORDER BY seq',
      versionsOfRow: 'SELECT record FROM report_versions WHERE row_key = ? ORDER BY seq',
      annotations: 'SELECT column_id, value FROM annotations WHERE row_key = ?',
      allAnnotations: 'SELECT row_key, column_id, value FROM annotations',
      upsertAnnotation: `INSERT INTO annotations (row_key, column_id, value) VALUES (?, ?, ?)
        ON CONFLICT (row_key, column_id) DO UPDATE SET value = excluded.value`,
      insertChange: 'INSERT INTO cell_changes (target, column_id, record) VALUES (?, ?, ?)',
      listChanges: 'SELECT record FROM cell_changes ORDER BY seq',
      changesOfTargets: `SELECT record FROM cell_changes WHERE target IN (SELECT value FROM json_each(?))
        ORDER BY seq`,
      insertJournal: 'INSERT INTO journal (record) VALUES (?)',
      listJournal: 'SELECT record FROM journal ORDER BY seq',
      recentJournal: 'SELECT record FROM journal ORDER BY seq DESC LIMIT ?',
    };
    this.q = Object.fromEntries(Object.entries(sql).map(([k, s]) => [k, db.prepare(s)]));
  }

  private stmt(name: string): Statement {
    const s = this.q[name];
    if (!s) throw new Error(`No prepared statement ${name}`);
    return s;
  }

  private one<T>(name: string, ...params: unknown[]): T | undefined {
    const row = this.stmt(name)
      .pluck()
      .get(...params) as string | undefined;
    return row === undefined ? undefined : parse<T>(row);
  }

  private all<T>(name: string, ...params: unknown[]): T[] {
    return (
      this.stmt(name)
        .pluck()
        .all(...params) as string[]
    ).map((r) => parse<T>(r));
  }

  /** A write transaction shared safely with other processes on the folder (see db/write-transaction.ts). */
  transaction<T>(fn: () => T): T {
    return writeTransaction(this.db, fn);
  }

  /**
   * Runs a write (a use case) in the next group commit with the other writes of this turn of the event loop:
   * settles once it is on disk, like `transaction`, for one sync of the disk per batch instead of one per write.
   */
  inGroupCommit<T>(fn: () => T): Promise<T> {
    return this.batcher.run(fn);
  }

  listEstablishments(): EstablishmentRecord[] {
    return this.all<EstablishmentRecord>('listEstablishments');
  }

  getEstablishment(id: string): EstablishmentRecord | undefined {
    return this.one<EstablishmentRecord>('getEstablishment', id);
  }

  saveEstablishment(establishment: EstablishmentRecord): void {
    const json = JSON.stringify(establishment);
    this.transaction(() => {
      const changed = this.stmt('updateEstablishment').run(json, establishment.id).changes;
      if (changed === 0) this.stmt('insertEstablishment').run(establishment.id, json);
    });
  }

  hasSubmission(submissionId: string): boolean {
    return this.stmt('hasSubmission').get(submissionId) !== undefined;
  }

  rowLedger(key: RowKey): RowLedger {
    return this.one<RowLedger>('rowLedger', key) ?? [];
  }

  reportVersion(key: RowKey, week: IsoWeek): ReportVersion | undefined {
    return this.one<ReportVersion>('reportVersion', key, week);
  }

  recordReport(version: ReportVersion, ledger: RowLedger, current: boolean): void {
    const establishmentId = parseRowKey(version.rowKey)?.establishmentId ?? version.rowKey;
    this.transaction(() => {
      const { lastInsertRowid } = this.stmt('insertVersion').run(
        version.rowKey,
        establishmentId,
        version.week,
        version.version,
        version.submissionId,
        JSON.stringify(version),
      );
      this.stmt('upsertLedger').run(version.rowKey, JSON.stringify(ledger));
      if (current) this.stmt('upsertCurrent').run(version.rowKey, lastInsertRowid);
      this.stmt('insertSubmission').run(version.submissionId, 'accepted');
    });
  }

  recordRefusal(submissionId: string): void {
    this.stmt('insertSubmission').run(submissionId, 'refused');
  }

  listReportVersions(): ReportVersion[] {
    return this.all<ReportVersion>('listVersions');
  }

  annotations(key: RowKey): Values {
    const rows = this.stmt('annotations').all(key) as Array<{ column_id: string; value: string }>;
    return Object.fromEntries(rows.map((r) => [r.column_id, parse<FieldValue>(r.value)]));
  }

  recordCellChange(change: CellChange): void {
    this.transaction(() => {
      this.stmt('insertChange').run(change.target, change.columnId, JSON.stringify(change));
      if (change.scope === 'annotation') {
        this.stmt('upsertAnnotation').run(change.target, change.columnId, JSON.stringify(change.value));
        return;
      }
      const row = change.scope === 'useCase' ? parseRowKey(change.target) : undefined;
      const establishmentId = row ? row.establishmentId : change.target;
      const establishment = this.getEstablishment(establishmentId);
      if (!establishment) throw new Error(`No establishment for change target ${change.target}`);
      if (change.scope === 'establishment') {
        establishment.values = { ...establishment.values, [change.columnId]: change.value };
      } else {
        const useCase = establishment.useCases.find((u) => u.id === row?.useCaseId);
        if (!useCase) throw new Error(`No use case for change target ${change.target}`);
        useCase.values = { ...useCase.values, [change.columnId]: change.value };
      }
      this.stmt('updateEstablishment').run(JSON.stringify(establishment), establishment.id);
    });
  }

  listCellChanges(): CellChange[] {
    return this.all<CellChange>('listChanges');
  }

  appendJournal(entry: JournalEntry): void {
    this.stmt('insertJournal').run(JSON.stringify(entry));
  }

  listJournal(): JournalEntry[] {
    return this.all<JournalEntry>('listJournal');
  }

  // ---- Reads for the pages (not part of the port) ----

  /** Every row's ledger, for completeness and the summary. */
  allLedgers(): Map<RowKey, RowLedger> {
    const rows = this.stmt('allLedgers').all() as Array<{ row_key: string; ledger: string }>;
    return new Map(rows.map((r) => [r.row_key, parse<RowLedger>(r.ledger)]));
  }

  /** Each row's current version (the one whose values fill the row's ES weekly cells). */
  currentVersions(): Map<RowKey, ReportVersion> {
    return new Map(this.all<ReportVersion>('currentVersions').map((v) => [v.rowKey, v]));
  }

  allAnnotations(): Map<RowKey, Values> {
    const out = new Map<RowKey, Record<string, FieldValue>>();
    const rows = this.stmt('allAnnotations').all() as Array<{
      row_key: string;
      column_id: string;
      value: string;
    }>;
    for (const r of rows) {
      const values = out.get(r.row_key) ?? {};
      values[r.column_id] = parse<FieldValue>(r.value);
      out.set(r.row_key, values);
    }
    return out;
  }

  /** One version exactly, if it exists. */
  reportVersionAt(key: RowKey, week: IsoWeek, version: number): ReportVersion | undefined {
    return this.one<ReportVersion>('reportVersionExact', key, week, version);
  }

  /** The version a submission id produced, if it was accepted. */
  versionOfSubmission(submissionId: string): ReportVersion | undefined {
    return this.one<ReportVersion>('versionBySubmission', submissionId);
  }

  /** An establishment's versions (all its use cases) in the order they were written. */
  versionsOfEstablishment(establishmentId: string): ReportVersion[] {
    return this.all<ReportVersion>('versionsOfEstablishment', establishmentId);
  }

  versionsOfRow(key: RowKey): ReportVersion[] {
    return this.all<ReportVersion>('versionsOfRow', key);
  }

  /** Cell changes of some targets (row keys, establishment ids), oldest first. */
  cellChangesOf(targets: readonly string[]): CellChange[] {
    return this.all<CellChange>('changesOfTargets', JSON.stringify(targets));
  }

  /** The latest journal entries, newest first. */
  recentJournal(limit: number): JournalEntry[] {
    return this.all<JournalEntry>('recentJournal', limit);
  }
}
