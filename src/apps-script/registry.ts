// The Établissements tab: the registry with each establishment's links, rewritten from the store, and the new
// rows an ARS officer types at its bottom to add an establishment (or a use case), read back through the same
// validation as the establishments CSV so a bad row is refused with the field named.
import Papa from 'papaparse';
import { establishmentFromSeed, rowKey, type EstablishmentRecord } from '../domain/model';
import { registrySheet, REGISTRY_COLUMNS, type EstablishmentLinks } from '../domain/workbook/registry-sheet';
import { parseEstablishmentsCsv, type SeedEstablishment } from '../schema/establishments';
import { DataFileError } from '../schema/zod-issues';
import { sheetRow } from './cells';
import type { Runtime } from './runtime';
import { ensureSize } from './sheet-renderer';
import { REGISTRY } from './workbook-geometry';
import { unknownDepartment } from '../schema/departments';

/** CSV header of each registry column that the establishments CSV also has. */
const CSV_NAMES: Readonly<Record<string, string>> = {
  id: 'establishment_id',
  use_case_id: 'use_case_id',
  establishment: 'establishment',
  department: 'department',
  group: 'group',
  federation: 'federation',
  es_type: 'es_type',
  pathway: 'pathway',
  use_case: 'use_case',
  pathway_status: 'pathway_status',
  finess: 'finess',
  note: 'note',
};

export const REGISTRY_FILE_LABEL = `onglet « ${REGISTRY} »`;

/**
 * Rows of the registry tab not installed yet, as seeds. The whole tab is validated as the CSV would be (its line
 * numbers are the tab's row numbers); an invalid tab yields an error naming the rows and fields.
 */
export function newRegistrySeeds(rt: Runtime): { seeds: SeedEstablishment[]; error?: string } {
  const sheet = rt.store.sheet(REGISTRY);
  const last = sheet.getLastRow();
  if (last < 2) return { seeds: [] };
  const values = sheet.getRange(2, 1, last - 1, REGISTRY_COLUMNS.length).getDisplayValues();
  const mapped = REGISTRY_COLUMNS.flatMap((c, i) => {
    const name = CSV_NAMES[c.key];
    return name ? [{ name, index: i }] : [];
  });
  const fields = [...mapped.map((m) => m.name), 'region'];
  const data = values.map((row) => [...mapped.map((m) => row[m.index] ?? ''), '']);
  let seeds: SeedEstablishment[];
  try {
    seeds = parseEstablishmentsCsv(Papa.unparse({ fields, data }), REGISTRY_FILE_LABEL);
  } catch (error) {
    if (error instanceof DataFileError) return { seeds: [], error: error.message };
    throw error;
  }
  const known = new Set(rt.project.departments.map((d) => d.code));
  const unknown = seeds.filter((s) => !known.has(s.department));
  if (unknown.length > 0)
    return {
      seeds: [],
      error: new DataFileError(
        REGISTRY_FILE_LABEL,
        unknown.map((s) => ({ path: s.id, message: unknownDepartment(s.department) })),
      ).message,
    };
  const installed = new Set(rt.store.rows().map((r) => r.key));
  return {
    seeds: seeds
      .map((s) => ({ ...s, useCases: s.useCases.filter((u) => !installed.has(rowKey(s.id, u.useCaseId))) }))
      .filter((s) => s.useCases.length > 0),
  };
}

/** Adds seeds to the store: new establishments, or new use cases of installed ones. Returns the rows added. */
export function addSeeds(rt: Runtime, seeds: readonly SeedEstablishment[]): number {
  const { departments, config, tracking } = rt.project;
  let added = 0;
  rt.store.transaction(() => {
    for (const seed of seeds) {
      const record = establishmentFromSeed(seed, departments, config, tracking);
      const existing = rt.store.getEstablishment(seed.id);
      const known = new Set(existing?.useCases.map((u) => u.id) ?? []);
      const fresh = record.useCases.filter((u) => !known.has(u.id));
      if (fresh.length === 0) continue;
      const merged: EstablishmentRecord = existing
        ? { ...existing, useCases: [...existing.useCases, ...fresh] }
        : record;
      rt.store.saveEstablishment(merged);
      added += fresh.length;
    }
  });
  return added;
}

/** Each establishment's links, from the forms the store knows. */
export function registryLinks(rt: Runtime): Map<string, EstablishmentLinks> {
  const links = new Map<string, EstablishmentLinks>();
  for (const e of rt.store.listEstablishments()) {
    const forms = rt.store.formsOf(e.id);
    links.set(e.id, {
      ...(forms.weekly ? { weekly: forms.weekly.url } : {}),
      ...(forms.weekly?.prefilled ? { prefilled: forms.weekly.prefilled } : {}),
      ...(forms.initialisation
        ? { initialisation: forms.initialisation.prefilled ?? forms.initialisation.url }
        : {}),
    });
  }
  return links;
}

/** Rewrites the registry rows (one setValues); rows typed below the installed ones are left alone. */
export function renderRegistry(rt: Runtime): void {
  const model = registrySheet(rt.project.tracking, rt.store.listEstablishments(), registryLinks(rt));
  if (model.rows.length === 0) return;
  const sheet = rt.store.sheet(REGISTRY);
  // Past a new tab's 1,000 rows (about a thousand establishments), the tab grows first: Sheets refuses a range
  // outside the sheet.
  ensureSize(sheet, model.rows.length + 1, model.columns.length);
  sheet.getRange(2, 1, model.rows.length, model.columns.length).setValues(model.rows.map(sheetRow));
}
