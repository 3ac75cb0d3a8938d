// The national RETEX the ANS issues: the same documents, templates and frozen versions as a region's RETEX
// (src/local/retex/retex-archive.ts), built over every region of the national view — one document per use case naming
// the establishments of every region that tested it, their figures side by side, and the cross-cutting one. Each
// establishment is named with its region, so every quoted lesson says which region it comes from. Its versions
// are kept apart from any region's (RETEX tables scoped « national », files under <data>/national/retex).
import path from 'node:path';
import type { AppContext } from '../../app/context';
import { emptyMemoryState, MemoryStore } from '../../app/memory-store';
import { establishmentName, type EstablishmentRecord } from '../../domain/model';
import type { Project } from '../../schema/project';
import type { LocalData } from '../local-data';
import { nationalDataset } from '../national';
import { nationalStoreOf } from '../db/national-store';
import { retexArchiveDir } from './retex-archive';
import { RetexSqliteStore } from '../db/retex-sqlite-store';

export const NATIONAL_RETEX_SCOPE = 'national';

export interface NationalRetexStores {
  app: AppContext;
  retex: RetexSqliteStore;
  archiveDir: string;
}

export function nationalRetexStores(
  project: Project,
  data: Pick<LocalData, 'dir' | 'db' | 'store' | 'clock'>,
): NationalRetexStores {
  const dataset = nationalDataset(project, data.store, nationalStoreOf(data.db));
  const names = new Map(dataset.regions.map((r) => [r.id, r.name]));
  const named = (e: EstablishmentRecord): EstablishmentRecord => ({
    ...e,
    values: {
      ...e.values,
      establishment: `${establishmentName(e)} (${names.get(dataset.regionOf.get(e.id) ?? '') ?? '?'})`,
    },
  });
  const localIds = new Set(dataset.establishments.map((e) => e.id));
  const store = new MemoryStore({
    ...emptyMemoryState(),
    establishments: dataset.establishments.map(named),
    versions: dataset.versions,
    ledgers: dataset.ledgers(),
    annotations: dataset.annotations,
    // The regions' own annotation history travels in their files only as current values: the local rows' is kept.
    changes: data.store.listCellChanges().filter((c) => localIds.has(c.target.split('/')[0] ?? '')),
  });
  return {
    app: { project, store, clock: data.clock },
    retex: new RetexSqliteStore(data.db, NATIONAL_RETEX_SCOPE),
    archiveDir: retexArchiveDir(path.join(data.dir, NATIONAL_RETEX_SCOPE)),
  };
}
