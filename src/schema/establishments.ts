// The pilot establishments (sheets-template/pilot-establishments.csv): one line per establishment × use case.
// Pure: takes the CSV text, returns establishments with their use cases, or throws naming the line and column.
import Papa from 'papaparse';
import * as z from 'zod';
import { DataFileError, problemsFromZod, type FieldProblem } from './zod-issues';

/** The "à confirmer" marker: the deck is ambiguous and the value must be settled with the ARS/SESAN. */
export const TO_CONFIRM = 'à confirmer';

const Slug = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'identifiant en minuscules et tirets attendu (ex. gh-cochin)');
const optionalText = z
  .string()
  .transform((s) => s.trim())
  .optional()
  .transform((s) => (s === undefined || s === '' ? undefined : s));

export const EstablishmentCsvRow = z.strictObject({
  establishment_id: Slug,
  use_case_id: z.string().regex(/^[a-z0-9_-]{1,40}$/, 'identifiant court attendu (ex. uc1)'),
  establishment: z.string().trim().min(1, 'nom de l’établissement attendu'),
  department: z.string().trim().min(1, 'code de département attendu'),
  region: optionalText,
  group: optionalText,
  federation: optionalText,
  es_type: z.string().trim().min(1, 'type d’ES attendu'),
  pathway: z.string().trim().min(1, `parcours attendu (ou « ${TO_CONFIRM} »)`),
  use_case: z.string().trim().min(1, `cas d’usage attendu (ou « ${TO_CONFIRM} »)`),
  pathway_status: z.enum(['confirmé', TO_CONFIRM]),
  finess: z
    .string()
    .trim()
    .regex(/^(\d{9}|2[AB]\d{7})?$/, 'numéro FINESS à 9 caractères attendu')
    .optional()
    .transform((s) => (s === undefined || s === '' ? undefined : s)),
  note: optionalText,
});
export type EstablishmentCsvRow = z.infer<typeof EstablishmentCsvRow>;

/** One use case of an establishment: a row of the Suivi tab. */
export interface SeedUseCase {
  useCaseId: string;
  pathway: string;
  useCase: string;
  pathwayStatus: 'confirmé' | typeof TO_CONFIRM;
}

/** An establishment as seeded from the CSV (identity columns only; the profile comes from the ES). */
export interface SeedEstablishment {
  id: string;
  name: string;
  department: string;
  region?: string;
  group?: string;
  federation?: string;
  esType: string;
  finess?: string;
  note?: string;
  useCases: SeedUseCase[];
}

/** Parses the CSV text. Identity fields must agree on every line of the same establishment. */
export function parseEstablishmentsCsv(
  text: string,
  file = 'sheets-template/pilot-establishments.csv',
): SeedEstablishment[] {
  const parsed = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ''), {
    header: true,
    skipEmptyLines: 'greedy',
  });
  const problems: FieldProblem[] = parsed.errors.map((e) => ({
    path: `ligne ${(e.row ?? 0) + 2}`,
    message: `CSV illisible : ${e.message}`,
  }));
  const byId = new Map<string, SeedEstablishment>();
  parsed.data.forEach((raw, index) => {
    const line = index + 2; // line 1 is the header
    const result = EstablishmentCsvRow.safeParse(raw);
    if (!result.success) {
      for (const p of problemsFromZod(result.error))
        problems.push({ path: `ligne ${line}, ${p.path}`, message: p.message });
      return;
    }
    const row = result.data;
    const useCase: SeedUseCase = {
      useCaseId: row.use_case_id,
      pathway: row.pathway,
      useCase: row.use_case,
      pathwayStatus: row.pathway_status,
    };
    const existing = byId.get(row.establishment_id);
    if (!existing) {
      byId.set(row.establishment_id, {
        id: row.establishment_id,
        name: row.establishment,
        department: row.department,
        region: row.region,
        group: row.group,
        federation: row.federation,
        esType: row.es_type,
        finess: row.finess,
        note: row.note,
        useCases: [useCase],
      });
      return;
    }
    for (const [field, a, b] of [
      ['establishment', existing.name, row.establishment],
      ['department', existing.department, row.department],
      ['es_type', existing.esType, row.es_type],
    ] as const) {
      if (a !== b)
        problems.push({
          path: `ligne ${line}, ${field}`,
          message: `« ${b} » diffère de « ${a} » sur une ligne précédente du même établissement`,
        });
    }
    if (existing.useCases.some((u) => u.useCaseId === useCase.useCaseId))
      problems.push({
        path: `ligne ${line}, use_case_id`,
        message: `« ${useCase.useCaseId} » est déjà utilisé pour ${row.establishment_id}`,
      });
    else existing.useCases.push(useCase);
  });
  if (parsed.data.length === 0) problems.push({ path: '(fichier)', message: 'aucun établissement' });
  if (problems.length > 0) throw new DataFileError(file, problems);
  return [...byId.values()];
}
