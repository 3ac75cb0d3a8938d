// What the local exports add to the core's workbook model (src/app/export-workbook.ts): the establishments' form
// links, which go only into the ARS's copy (they open an ES's form), and the downloaded files' names.
import type { EstablishmentLinks } from '../domain/workbook/registry-sheet';
import type { AccessLinks } from './access-links';

/** The form and profile address of each establishment, for the Établissements tab of the ARS's copy. */
export function establishmentLinks(links: AccessLinks, baseUrl: string): Map<string, EstablishmentLinks> {
  const out = new Map<string, EstablishmentLinks>();
  for (const link of links.active())
    if (link.role === 'es' && link.establishmentId) {
      const weekly = `${baseUrl}${links.path(link)}`;
      out.set(link.establishmentId, { weekly, initialisation: `${weekly}/profil` });
    }
  return out;
}

/** « suivi-mes-ars-2022-07-20.xlsx »: who the copy is for and the day (Paris) it was made. */
export function exportFileName(audience: string, day: string, extension: 'xlsx' | 'csv'): string {
  return `suivi-mes-${audience}-${day}.${extension}`;
}
