// The accompaniment of a local data folder: its SQLite AccompanimentStore, seeded from the binômes file the
// configuration names (files.binomes, relative to the configuration's folder) — binômes not yet known and
// establishments never assigned; what the ARS changed since is kept. Used by the server and the commands.
import path from 'node:path';
import { seedBinomes, type AccompanimentContext } from '../app/accompaniment';
import { readDataJson } from '../node/project-files';
import { parseBinomesFile, type BinomesFile } from '../schema/accompaniment';
import type { Project } from '../schema/project';
import type { Clock, Store } from '../ports';
import { AccompanimentSqliteStore } from './accompaniment-sqlite-store';
import type { SqliteDatabase } from './db/open-database';

/** The binômes file of the configuration, validated against the registry; undefined when none is named. */
export function readBinomesFile(project: Project, configFile: string): BinomesFile | undefined {
  const name = project.config.files.binomes;
  if (!name) return undefined;
  const file = path.resolve(path.dirname(path.resolve(configFile)), name);
  return parseBinomesFile(
    readDataJson(file),
    file,
    project.establishments.map((e) => e.id),
  );
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
  const file = configFile === undefined ? undefined : readBinomesFile(project, configFile);
  if (file) seedBinomes(ctx, file);
  return ctx;
}
