// « One workbook per region » (Google): the project one region of an instance following several regions (config
// `regions`) is installed with — only its establishments, its ARS as the ARS, its name as the pilot's region, its
// own binômes file and accompaniment block when it has them, and no `regions` block. Each region's workbook is
// then a one-region workbook like any other, so protections never have to separate regions inside one sheet.
// Pure.
import { establishmentFromSeed } from '../domain/model';
import { instanceRegions, regionIdOfEstablishment } from '../domain/region-scope';
import type { Config } from '../schema/config';
import type { Project } from '../schema/project';

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
