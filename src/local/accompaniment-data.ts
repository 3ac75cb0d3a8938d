// The accompaniment of a local data folder: its SQLite AccompanimentStore, seeded from the binômes file the
// configuration names (files.binomes, relative to the configuration's folder) — binômes not yet known and
// establishments never assigned; what the ARS changed since is kept. Used by the server and the commands.
import path from 'node:path';
import { seedBinomes, type AccompanimentContext } from '../app/accompaniment';
import { instanceRegions, regionIdOfEstablishment } from '../domain/region-scope';
import { readDataJson } from '../node/project-files';
import { parseBinomesFile, type BinomesFile } from '../schema/accompaniment';
import type { Project } from '../schema/project';
import type { Clock, Store } from '../ports';
import { AccompanimentSqliteStore } from './db/accompaniment-sqlite-store';
import type { SqliteDatabase } from './db/open-database';
import { RegionScopedStore } from './db/region-scoped-store';

/**
 * The binômes file of the configuration (or of a listed region: its `binomes`), validated against the
 * establishments it may assign; undefined when none is named.
 */
export function readBinomesFile(
  project: Project,
  configFile: string,
  region?: { id: string; establishmentIds: readonly string[] },
): BinomesFile | undefined {
  const name = region
    ? project.config.regions?.find((r) => r.id === region.id)?.binomes
    : project.config.files.binomes;
  if (!name) return undefined;
  const file = path.resolve(path.dirname(path.resolve(configFile)), name);
  return parseBinomesFile(
    readDataJson(file),
    file,
    region ? region.establishmentIds : project.establishments.map((e) => e.id),
  );
}

/**
 * The accompaniment of a listed region (config `regions`): its own tables (AccompanimentSqliteStore scope), on a
 * store that shows only its establishments, so its binômes, points and actions never reach another region's rows.
 */
export function regionAccompaniment(
  data: { db: SqliteDatabase; clock: Clock },
  project: Project,
  regionId: string,
): AccompanimentContext {
  return {
    project,
    store: new RegionScopedStore(data.db, (e) => regionIdOfEstablishment(e, project.config) === regionId),
    clock: data.clock,
    accompaniment: new AccompanimentSqliteStore(data.db, regionId),
  };
}

export function openAccompaniment(
  data: { db: SqliteDatabase; store: Store; clock: Clock },
  project: Project,
  /** Where the binômes file is read from; undefined: seed nothing. */
  configFile: string | undefined,
): AccompanimentContext {
  const ctx: AccompanimentContext = {
    project,
    store: data.store,
    clock: data.clock,
    accompaniment: new AccompanimentSqliteStore(data.db),
  };
  if (configFile === undefined) return ctx;
  const regions = instanceRegions(project.config);
  const file = readBinomesFile(project, configFile);
  // With listed regions, the instance's binômes are the pilot region's: they are given only its establishments.
  const pilot = regions[0]?.id;
  if (file)
    seedBinomes(
      regions.length === 1
        ? ctx
        : {
            ...ctx,
            store: new RegionScopedStore(
              data.db,
              (e) => regionIdOfEstablishment(e, project.config) === pilot,
            ),
          },
      file,
    );
  // Each listed region with its own binômes file: seeded into its own accompaniment, for its establishments only.
  for (const region of regions.slice(1)) {
    if (!project.config.regions?.find((r) => r.id === region.id)?.binomes) continue;
    const regional = regionAccompaniment(data, project, region.id);
    const ids = regional.store.listEstablishments().map((e) => e.id);
    const own = readBinomesFile(project, configFile, { id: region.id, establishmentIds: ids });
    if (own) seedBinomes(regional, own);
  }
  return ctx;
}
