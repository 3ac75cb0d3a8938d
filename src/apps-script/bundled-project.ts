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
