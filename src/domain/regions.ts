// The 18 French regions a national instance consolidates, with the short id used on the command line
// (`--region idf`). Names are spelled as in sheets-template/departments.json, which is what the « Région » column
// of a regional tracking file holds, so a file's region is recognised by that column. Pure.
import { foldForMatch } from './field-rules';

export interface Region {
  id: string;
  name: string;
}

export const REGIONS: readonly Region[] = [
  { id: 'ara', name: 'Auvergne-Rhône-Alpes' },
  { id: 'bfc', name: 'Bourgogne-Franche-Comté' },
  { id: 'bre', name: 'Bretagne' },
  { id: 'cvl', name: 'Centre-Val de Loire' },
  { id: 'cor', name: 'Corse' },
  { id: 'ges', name: 'Grand Est' },
  { id: 'hdf', name: 'Hauts-de-France' },
  { id: 'idf', name: 'Île-de-France' },
  { id: 'nor', name: 'Normandie' },
  { id: 'naq', name: 'Nouvelle-Aquitaine' },
  { id: 'occ', name: 'Occitanie' },
  { id: 'pdl', name: 'Pays de la Loire' },
  { id: 'pac', name: "Provence-Alpes-Côte d'Azur" },
  { id: 'gua', name: 'Guadeloupe' },
  { id: 'mtq', name: 'Martinique' },
  { id: 'guy', name: 'Guyane' },
  { id: 'lre', name: 'La Réunion' },
  { id: 'may', name: 'Mayotte' },
];

/**
 * The fictional regions of the national demonstration (`npm start -- --demo national`): their names say they are
 * demonstration data, and no command accepts them as a real region.
 */
export const DEMO_REGIONS: readonly Region[] = [
  { id: 'demo-nord', name: 'Région fictive Nord (démonstration)' },
  { id: 'demo-sud', name: 'Région fictive Sud (démonstration)' },
];

/** A region's name by its id, demonstration regions included. */
export function regionName(id: string): string {
  return [...REGIONS, ...DEMO_REGIONS].find((r) => r.id === id)?.name ?? id;
}

/** A region by its id or its name (accents, case and spacing ignored). */
export function findRegion(idOrName: string, regions: readonly Region[] = REGIONS): Region | undefined {
  const wanted = foldForMatch(idOrName);
  return regions.find((r) => foldForMatch(r.id) === wanted || foldForMatch(r.name) === wanted);
}

/** Establishment ids of imported regions are prefixed so two regions' « es-01 » never meet. */
export function nationalEstablishmentId(regionId: string, establishmentId: string): string {
  return `${regionId}:${establishmentId}`;
}
