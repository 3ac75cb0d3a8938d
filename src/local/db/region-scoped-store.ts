// The store as an ARS link of one region sees it, in an instance following several regions: every read returns
// only that region's establishments, rows, versions, changes and journal entries, and every write outside it is
// refused. The ARS pages get this store instead of the whole one (src/local/server/ars-regions.ts), so no route
// can reach another region's rows, whatever it reads or writes.
import {
  establishmentName,
  parseRowKey,
  type CellChange,
  type EstablishmentRecord,
  type JournalEntry,
  type ReportVersion,
  type RowKey,
} from '../../domain/model';
import type { IsoWeek } from '../../domain/iso-week';
import type { RowLedger } from '../../domain/ledger';
import type { Values } from '../../domain/values';
import type { SqliteDatabase } from './open-database';
import { SqliteStore } from './sqlite-store';

export class OutOfRegionError extends Error {}

export class RegionScopedStore extends SqliteStore {
  constructor(
    db: SqliteDatabase,
    /** True for the establishments of the region this store shows. */
    private readonly inRegion: (e: EstablishmentRecord) => boolean,
  ) {
    super(db);
  }

  private ids(): Set<string> {
    return new Set(
      super
        .listEstablishments()
        .filter(this.inRegion)
        .map((e) => e.id),
    );
  }

  private ownsEstablishment(id: string): boolean {
    const e = super.getEstablishment(id);
    return e !== undefined && this.inRegion(e);
  }

  private ownsTarget(target: string): boolean {
    return (
      this.ownsEstablishment(parseRowKey(target)?.establishmentId ?? target) || this.ownsEstablishment(target)
    );
  }

  private ownsRow(key: RowKey): boolean {
    const parsed = parseRowKey(key);
    return parsed !== undefined && this.ownsEstablishment(parsed.establishmentId);
  }

  private keepRows<T>(map: Map<RowKey, T>): Map<RowKey, T> {
    const ids = this.ids();
    return new Map([...map].filter(([key]) => ids.has(parseRowKey(key)?.establishmentId ?? '')));
  }

  override listEstablishments(): EstablishmentRecord[] {
    return super.listEstablishments().filter(this.inRegion);
  }

  override getEstablishment(id: string): EstablishmentRecord | undefined {
    const e = super.getEstablishment(id);
    return e && this.inRegion(e) ? e : undefined;
  }

  override saveEstablishment(establishment: EstablishmentRecord): void {
    if (
      !this.inRegion(establishment) ||
      (super.getEstablishment(establishment.id) && !this.ownsEstablishment(establishment.id))
    )
      throw new OutOfRegionError(`establishment ${establishment.id} is outside this region`);
    super.saveEstablishment(establishment);
  }

  override rowLedger(key: RowKey): RowLedger {
    return this.ownsRow(key) ? super.rowLedger(key) : [];
  }

  override reportVersion(key: RowKey, week: IsoWeek): ReportVersion | undefined {
    return this.ownsRow(key) ? super.reportVersion(key, week) : undefined;
  }

  override recordReport(version: ReportVersion, ledger: RowLedger, current: boolean): void {
    if (!this.ownsRow(version.rowKey))
      throw new OutOfRegionError(`row ${version.rowKey} is outside this region`);
    super.recordReport(version, ledger, current);
  }

  override listReportVersions(): ReportVersion[] {
    const ids = this.ids();
    return super.listReportVersions().filter((v) => ids.has(parseRowKey(v.rowKey)?.establishmentId ?? ''));
  }

  override annotations(key: RowKey): Values {
    return this.ownsRow(key) ? super.annotations(key) : {};
  }

  override recordCellChange(change: CellChange): void {
    if (!this.ownsTarget(change.target))
      throw new OutOfRegionError(`${change.target} is outside this region`);
    super.recordCellChange(change);
  }

  override listCellChanges(): CellChange[] {
    return super.listCellChanges().filter((c) => this.ownsTarget(c.target));
  }

  override allLedgers(): Map<RowKey, RowLedger> {
    return this.keepRows(super.allLedgers());
  }

  override currentVersions(): Map<RowKey, ReportVersion> {
    return this.keepRows(super.currentVersions());
  }

  override allAnnotations(): Map<RowKey, Values> {
    return this.keepRows(super.allAnnotations());
  }

  override reportVersionAt(key: RowKey, week: IsoWeek, version: number): ReportVersion | undefined {
    return this.ownsRow(key) ? super.reportVersionAt(key, week, version) : undefined;
  }

  override versionOfSubmission(submissionId: string): ReportVersion | undefined {
    const v = super.versionOfSubmission(submissionId);
    return v && this.ownsRow(v.rowKey) ? v : undefined;
  }

  override versionsOfEstablishment(establishmentId: string): ReportVersion[] {
    return this.ownsEstablishment(establishmentId) ? super.versionsOfEstablishment(establishmentId) : [];
  }

  override versionsOfRow(key: RowKey): ReportVersion[] {
    return this.ownsRow(key) ? super.versionsOfRow(key) : [];
  }

  override cellChangesOf(targets: readonly string[]): CellChange[] {
    return super.cellChangesOf(targets.filter((t) => this.ownsTarget(t)));
  }

  // Journal entries carry no establishment id: an entry naming an establishment of another region is left out.
  private foreignJournal(): (entry: JournalEntry) => boolean {
    const foreign = super
      .listEstablishments()
      .filter((e) => !this.inRegion(e))
      .flatMap((e) => [e.id, establishmentName(e)]);
    return (entry) => {
      const text = `${entry.actor}\n${entry.summary}\n${entry.details ?? ''}`;
      return foreign.some((mark) => text.includes(mark));
    };
  }

  override listJournal(): JournalEntry[] {
    const foreign = this.foreignJournal();
    return super.listJournal().filter((e) => !foreign(e));
  }

  override recentJournal(limit: number): JournalEntry[] {
    const foreign = this.foreignJournal();
    return super
      .listJournal()
      .filter((e) => !foreign(e))
      .slice(-limit)
      .reverse();
  }
}
