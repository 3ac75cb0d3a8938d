// The workbook model (src/domain/workbook-model.ts) of what the SQLite store holds now, as the .xlsx export draws
// it. Links to the establishments' forms go only into the ARS's copy: they open an ES's form.
import { pilotCalendar } from '../domain/calendar';
import { buildWorkbook, type EstablishmentLinks, type WorkbookModel } from '../domain/workbook-model';
import type { Project } from '../schema/project';
import type { AccessLinks } from './access-links';
import type { SqliteStore } from './sqlite-store';

export function workbookOfStore(
  project: Project,
  store: SqliteStore,
  now: Date,
  links: ReadonlyMap<string, EstablishmentLinks> = new Map(),
): WorkbookModel {
  return buildWorkbook({
    tracking: project.tracking,
    config: project.config,
    calendar: pilotCalendar(project.config),
    departmentCodes: project.departments.map((d) => d.code),
    establishments: store.listEstablishments(),
    versions: store.listReportVersions(),
    annotations: store.allAnnotations(),
    journal: store.listJournal(),
    links,
    now,
  });
}

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
