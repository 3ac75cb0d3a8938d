// The national demonstration (`npm start -- --demo national`): the 2022 Île-de-France pilots followed in this
// instance (today's demo season), plus two fictional regions, each as if it had sent its official file: the same
// generator runs on a copy of the pilot list renamed as fictional establishments of a fictional region.
import { seedDemoSeason } from '../app/demo-season';
import { MemoryStore } from '../app/memory-store';
import { establishmentFromSeed, rowKey, type RowKey } from '../domain/model';
import type { RegionalSnapshot } from '../domain/workbook/regional-file';
import { DEMO_REGIONS, nationalEstablishmentId, type Region } from '../domain/regions';
import type { Values } from '../domain/values';
import type { Project } from '../schema/project';
import { demoMoment, seedDemo } from './demo';
import type { LocalData } from './local-data';
import { nationalStoreOf } from './db/national-store';

function fictionalSnapshot(project: Project, region: Region, index: number, now: Date): RegionalSnapshot {
  const fictional: Project = {
    ...project,
    establishments: project.establishments.map((e, i) => ({
      ...e,
      name: `Établissement fictif ${region.id.slice(5, 6).toUpperCase()}${i + 1} (démonstration)`,
      group: e.group ? `${e.group} (fictif)` : e.group,
      region: region.name,
      finess: undefined,
    })),
  };
  const store = new MemoryStore();
  const { untilWeek } = demoMoment(project.config);
  // The registry of the fictional region, then its season (another seed: other figures than the pilots').
  for (const seed of fictional.establishments)
    store.saveEstablishment(
      establishmentFromSeed(seed, project.departments, project.config, project.tracking),
    );
  seedDemoSeason({ project: fictional, store, clock: { now: () => now } }, { untilWeek, seed: 7 + index });
  const prefix = (key: RowKey) => `${region.id}:${key}`;
  const establishments = store.listEstablishments().map((e) => ({
    ...e,
    id: nationalEstablishmentId(region.id, e.id),
  }));
  const annotations: Array<[RowKey, Values]> = store
    .listEstablishments()
    .flatMap((e) => e.useCases.map((u) => rowKey(e.id, u.id)))
    .map((key) => [prefix(key), store.annotations(key)]);
  return {
    region: region.id,
    exportedAt: now.toISOString(),
    establishments,
    versions: store.listReportVersions().map((v) => ({ ...v, rowKey: prefix(v.rowKey) })),
    annotations,
  };
}

/** Seeds a new demo data folder with the pilots' season and the two fictional regions' files. */
export function seedNationalDemo(data: LocalData, project: Project): ReturnType<typeof seedDemo> {
  const season = seedDemo(data, project);
  const now = data.clock.now();
  const national = nationalStoreOf(data.db);
  DEMO_REGIONS.forEach((region, i) => {
    national.add(fictionalSnapshot(project, region, i, now), {
      sha256: `demonstration-${region.id}`,
      importedAt: now.toISOString(),
      fileName: `${region.id}.xlsx`,
    });
  });
  return season;
}
