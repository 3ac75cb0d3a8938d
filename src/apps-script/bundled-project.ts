// The project a bundle runs: the data files bundled at build time, and — for a bundle built with `npm run build --
// --region ID` (« one script project per region ») — the project of that one region (src/app/regional-project.ts):
// its establishments (its own file included), its ARS, its name, its binômes and calendar. Pure.
import {
  regionalProject,
  withRegionalEstablishmentFiles,
  type RegionalEstablishmentsFile,
} from '../app/regional-project';
import { loadProject, type Project, type ProjectSources } from '../schema/project';

export interface BundledSources extends ProjectSources {
  /** The region the bundle was built for; absent: the whole configuration, as before. */
  region?: string;
  /** The listed regions' own establishments files, bundled only with `region`. */
  regionalEstablishments?: RegionalEstablishmentsFile[];
}

export function loadBundledProject(sources: BundledSources): Project {
  const project = loadProject(sources);
  if (sources.region === undefined) return project;
  return regionalProject(
    withRegionalEstablishmentFiles(project, sources.regionalEstablishments ?? []),
    sources.region,
  );
}

/**
 * The establishment ids a bundled binômes file may name: the whole instance's (listed regions' files included).
 * A pilot-region bundle carries the instance's binômes file, which also assigns the listed regions'
 * establishments: checked against the whole instance as the local runtime does (src/local/accompaniment-data.ts),
 * seeded for this region's only (seedBinomes skips establishments the workbook does not have).
 */
export function bundledEstablishmentIds(sources: BundledSources, project: Project): string[] {
  const all =
    sources.region === undefined
      ? project
      : withRegionalEstablishmentFiles(loadProject(sources), sources.regionalEstablishments ?? []);
  return all.establishments.map((e) => e.id);
}
