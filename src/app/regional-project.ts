// « One workbook per region » (Google): the project one region of an instance following several regions (config
// `regions`) is installed with — only its establishments, its ARS as the ARS, its name as the pilot's region, its
// own binômes file and accompaniment block when it has them, and no `regions` block. Each region's workbook is
// then a one-region workbook like any other, so protections never have to separate regions inside one sheet.
// Pure.
import { establishmentFromSeed } from '../domain/model';
import { instanceRegions, regionIdOfEstablishment } from '../domain/region-scope';
import type { Config } from '../schema/config';
import { parseEstablishmentsCsv } from '../schema/establishments';
import { unknownDepartment } from '../schema/departments';
import type { Project } from '../schema/project';
import { DataFileError } from '../schema/zod-issues';

/** A listed region's own establishments file, as read (Node: from disk; Apps Script: bundled at build time). */
export interface RegionalEstablishmentsFile {
  regionId: string;
  /** Its path, to name it in an error. */
  file: string;
  csv: string;
}

/**
 * Adds the establishments of each listed region that has its own file (config `regions[].establishments`): their
 * « Région » is that region's name, whatever their département. An id already used elsewhere is refused.
 */
export function withRegionalEstablishmentFiles(
  project: Project,
  files: readonly RegionalEstablishmentsFile[],
): Project {
  const seen = new Set(project.establishments.map((e) => e.id));
  const added = [...project.establishments];
  const known = new Set(project.departments.map((d) => d.code));
  for (const { regionId, file, csv } of files) {
    const region = project.config.regions?.find((r) => r.id === regionId);
    if (!region) continue;
    const seeds = parseEstablishmentsCsv(csv, file);
    const problems = seeds.flatMap((e) => [
      ...(seen.has(e.id)
        ? [{ path: e.id, message: 'identifiant déjà utilisé par un autre établissement' }]
        : []),
      ...(known.has(e.department) ? [] : [{ path: e.id, message: unknownDepartment(e.department) }]),
    ]);
    if (problems.length > 0) throw new DataFileError(file, problems);
    for (const seed of seeds) {
      seen.add(seed.id);
      added.push({ ...seed, region: region.name });
    }
  }
  return { ...project, establishments: added };
}

export function regionalProject(project: Project, regionId: string): Project {
  const regions = instanceRegions(project.config);
  const region = regions.find((r) => r.id === regionId);
  if (!region)
    throw new Error(
      `« --region » : région inconnue de cette configuration « ${regionId} ». Régions : ${regions.map((r) => `${r.id} (${r.name})`).join(', ')}.`,
    );
  const listed = project.config.regions?.find((r) => r.id === regionId);
  const { regions: _others, ...rest } = project.config;
  const { binomes: instanceBinomes, ...files } = project.config.files;
  const binomes = listed ? listed.binomes : instanceBinomes;
  const accompaniment = listed
    ? (listed.accompaniment ?? project.config.accompaniment)
    : project.config.accompaniment;
  const config: Config = {
    ...rest,
    pilot: { ...project.config.pilot, region: region.name },
    roles: { ...project.config.roles, ars: [...region.ars] },
    files: { ...files, ...(binomes !== undefined ? { binomes } : {}) },
    ...(accompaniment !== undefined ? { accompaniment } : {}),
  };
  const establishments = project.establishments.filter(
    (seed) =>
      regionIdOfEstablishment(
        establishmentFromSeed(seed, project.departments, project.config, project.tracking),
        project.config,
      ) === regionId,
  );
  return { ...project, config, establishments };
}
