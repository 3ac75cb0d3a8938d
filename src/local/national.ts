// The national view of a data folder: the rows of the regions this instance runs itself, plus, for each region
// that sent its official file, the rows of the last file it sent (src/local/db/national-store.ts). Also decides
// whether a new regional file may be loaded: the same file again changes nothing, an older export is refused,
// a changed establishment list waits for confirmation.
import { pilotCalendar } from '../domain/calendar';
import {
  establishmentName,
  rowKey,
  type EstablishmentRecord,
  type ReportVersion,
  type RowKey,
} from '../domain/model';
import type { RegionalSnapshot } from '../domain/workbook/regional-file';
import { instanceRegions, regionIdOfEstablishment } from '../domain/region-scope';
import { findRegion, regionName, REGIONS, type Region } from '../domain/regions';
import type { RowLedger } from '../domain/ledger';
import type { Values } from '../domain/values';
import { buildWorkbook } from '../domain/workbook/workbook';
import type { WorkbookModel } from '../domain/workbook/sheet-model';
import type { Project } from '../schema/project';
import { nationalStoreOf, type NationalStore, type RegionalFileVersion } from './db/national-store';
import type { SqliteStore } from './db/sqlite-store';

export interface NationalRegion extends Region {
  /** `import`: rows of the region's last file; `local`: rows this instance keeps itself. */
  source: 'import' | 'local';
  /** For an imported region: the file in force. */
  file?: RegionalFileVersion;
  establishmentIds: string[];
}

export interface NationalDataset {
  regions: NationalRegion[];
  /** Every row's ledger: the store's for local rows, each file's (computed once) for imported ones. */
  ledgers(): Map<RowKey, RowLedger>;
  establishments: EstablishmentRecord[];
  versions: ReportVersion[];
  annotations: Map<RowKey, Values>;
  /** Region id of each establishment id. */
  regionOf: Map<string, string>;
}

/**
 * The region a local establishment is followed by (src/domain/region-scope.ts): a listed region, else the
 * instance's own region — a pilot may follow an establishment of a neighbouring region, whose « Région » cell says
 * so, yet its ARS is this one.
 */
export function regionOfEstablishment(e: EstablishmentRecord, project: Project): Region {
  const id = regionIdOfEstablishment(e, project.config);
  return instanceRegions(project.config).find((r) => r.id === id) ?? { id, name: id };
}

export function nationalDataset(
  project: Project,
  store: SqliteStore,
  national: NationalStore,
): NationalDataset {
  const files = national.latestVersions();
  const imported = new Set(files.map((f) => f.region));
  const regions = new Map<string, NationalRegion>();
  const establishments: EstablishmentRecord[] = [];
  const regionOf = new Map<string, string>();
  const localIds = new Set<string>();
  for (const e of store.listEstablishments()) {
    const region = regionOfEstablishment(e, project);
    // A region that sends its official file is represented by that file only.
    if (imported.has(region.id)) continue;
    const entry = regions.get(region.id) ?? { ...region, source: 'local' as const, establishmentIds: [] };
    entry.establishmentIds.push(e.id);
    regions.set(region.id, entry);
    establishments.push(e);
    regionOf.set(e.id, region.id);
    localIds.add(e.id);
  }
  const annotations = new Map<RowKey, Values>();
  for (const [key, values] of store.allAnnotations()) annotations.set(key, values);
  const versions = store
    .listReportVersions()
    .filter((v) => localIds.has(v.rowKey.slice(0, v.rowKey.lastIndexOf('/'))));
  for (const file of files) {
    const snapshot = national.snapshot(file);
    const region = findRegion(file.region) ?? { id: file.region, name: regionName(file.region) };
    regions.set(region.id, {
      ...region,
      source: 'import',
      file,
      establishmentIds: snapshot.establishments.map((e) => e.id),
    });
    for (const e of snapshot.establishments) {
      establishments.push(e);
      regionOf.set(e.id, region.id);
    }
    versions.push(...snapshot.versions);
    for (const [key, values] of snapshot.annotations) annotations.set(key, values);
  }
  const order = (id: string) => {
    const i = REGIONS.findIndex((r) => r.id === id);
    return i === -1 ? REGIONS.length : i;
  };
  const ledgers = () => {
    const out = new Map<RowKey, RowLedger>();
    for (const [key, ledger] of store.allLedgers())
      if (localIds.has(key.slice(0, key.lastIndexOf('/')))) out.set(key, ledger);
    for (const file of files)
      for (const [key, ledger] of national.ledgersOf(file, project.tracking)) out.set(key, ledger);
    return out;
  };
  return {
    ledgers,
    regions: [...regions.values()].sort((a, b) => order(a.id) - order(b.id) || a.name.localeCompare(b.name)),
    establishments,
    versions,
    annotations,
    regionOf,
  };
}

/** The national workbook: the official layout over every region's rows (the « Région » column tells them apart). */
export function nationalWorkbook(project: Project, dataset: NationalDataset, now: Date): WorkbookModel {
  const annotations = new Map<RowKey, Values>();
  for (const e of dataset.establishments)
    for (const u of e.useCases) {
      const key = rowKey(e.id, u.id);
      annotations.set(key, dataset.annotations.get(key) ?? {});
    }
  return buildWorkbook({
    tracking: project.tracking,
    config: { ...project.config, pilot: { ...project.config.pilot, region: 'national' } },
    calendar: pilotCalendar(project.config),
    departmentCodes: project.departments.map((d) => d.code),
    establishments: dataset.establishments,
    versions: dataset.versions,
    annotations,
    journal: [],
    links: new Map(),
    now,
  });
}

export type RegionalImportPlan =
  | { status: 'same'; loaded: RegionalFileVersion }
  | { status: 'older'; loaded: RegionalFileVersion }
  | { status: 'ready'; previous?: RegionalFileVersion; added: string[]; removed: string[] };

/** What loading a region's file would do, against the version in force. */
export function planRegionalImport(
  national: NationalStore,
  snapshot: RegionalSnapshot,
  sha256: string,
): RegionalImportPlan {
  const loaded = national.latest(snapshot.region);
  if (!loaded) return { status: 'ready', added: [], removed: [] };
  if (loaded.sha256 === sha256) return { status: 'same', loaded };
  if (snapshot.exportedAt < loaded.exportedAt) return { status: 'older', loaded };
  const before = new Map(national.snapshot(loaded).establishments.map((e) => [e.id, establishmentName(e)]));
  const after = new Map(snapshot.establishments.map((e) => [e.id, establishmentName(e)]));
  return {
    status: 'ready',
    previous: loaded,
    added: [...after].filter(([id]) => !before.has(id)).map(([, name]) => name),
    removed: [...before].filter(([id]) => !after.has(id)).map(([, name]) => name),
  };
}

/** The ANS's export of a national instance (one holding regional files); undefined for a regional instance. */
export function nationalExportModel(
  project: Project,
  store: SqliteStore,
  now: Date,
): WorkbookModel | undefined {
  const national = nationalStoreOf(store.db);
  if (national.latestVersions().length === 0) return undefined;
  return nationalWorkbook(project, nationalDataset(project, store, national), now);
}
