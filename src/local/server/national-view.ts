// What the ANS summary page shows of the national view: the filter read from the query, the national summary over
// every region of the data folder (src/local/national.ts), and each region's freshness in words.
import * as z from 'zod';
import { pilotCalendar } from '../../domain/calendar';
import { nationalSummary, type NationalFilter, type NationalSummary } from '../../domain/national-summary';
import { formatParisDateTime } from '../../domain/paris-time';
import type { RegionFreshness } from '../pages/national-section';
import { nationalDataset } from '../national';
import { isGoogleRead, nationalStoreOf } from '../db/national-store';
import type { ServerDeps } from './types';

/** A region's file older than this is shown as stale. */
const STALE_AFTER_MS = 8 * 86_400_000;

const Query = z.object({
  region: z.string().max(200).optional(),
  groupe: z.string().max(200).optional(),
  type: z.string().max(200).optional(),
  cas: z.string().max(200).optional(),
});

/** Cells of the per-row completeness grid shown at most; past it, only the latest weeks are drawn. */
const MAX_GRID_CELLS = 30_000;
const MIN_GRID_WEEKS = 4;

export interface NationalView {
  national: NationalSummary;
  /** Weeks left out of the completeness grid (the earliest), when the rows are too many to draw every week. */
  gridWeeksHidden: number;
  freshness: RegionFreshness[];
  filter: NationalFilter;
  regionNameOfRow: Map<string, string>;
}

export function nationalView(deps: ServerDeps, query: unknown, now: Date): NationalView {
  const parsed = Query.safeParse(query);
  const q = parsed.success ? parsed.data : {};
  const filter: NationalFilter = {
    region: q.region || undefined,
    group: q.groupe || undefined,
    esType: q.type || undefined,
    useCase: q.cas || undefined,
  };
  const { tracking } = deps.project;
  const dataset = nationalDataset(deps.project, deps.store, nationalStoreOf(deps.store.db));
  const byId = new Map(dataset.establishments.map((e) => [e.id, e]));
  const national = nationalSummary(
    tracking,
    pilotCalendar(deps.project.config),
    dataset.regions.map((r) => ({
      id: r.id,
      name: r.name,
      establishments: r.establishmentIds.flatMap((id) => byId.get(id) ?? []),
    })),
    dataset.ledgers(),
    filter,
    now,
  );
  const names = new Map(dataset.regions.map((r) => [r.id, r.name]));
  const regionNameOfRow = new Map(
    [...national.regionOfRow].map(([key, id]) => [key, names.get(id) ?? id] as [string, string]),
  );
  const freshness = dataset.regions.map((r) => ({
    id: r.id,
    name: r.name,
    freshness: r.file
      ? isGoogleRead(r.file)
        ? `Classeur Google lu le ${formatParisDateTime(new Date(r.file.exportedAt))}`
        : `Fichier exporté le ${formatParisDateTime(new Date(r.file.exportedAt))}, chargé le ${formatParisDateTime(new Date(r.file.importedAt))}`
      : 'Suivie dans cette instance (à jour)',
    stale: r.file ? now.getTime() - new Date(r.file.exportedAt).getTime() > STALE_AFTER_MS : false,
  }));
  const rows = Math.max(1, national.grid.rows.length);
  const keep = Math.max(MIN_GRID_WEEKS, Math.floor(MAX_GRID_CELLS / rows));
  const hidden = Math.max(0, national.grid.weeks.length - keep);
  const grid =
    hidden === 0
      ? national.grid
      : {
          weeks: national.grid.weeks.slice(hidden),
          rows: national.grid.rows.map((r) => ({ ...r, cells: r.cells.slice(hidden) })),
          totals: national.grid.totals.slice(hidden),
        };
  return { national: { ...national, grid }, gridWeeksHidden: hidden, freshness, filter, regionNameOfRow };
}
