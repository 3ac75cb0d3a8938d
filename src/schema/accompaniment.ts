// The accompaniment settings and the binômes data file (schema first, like the columns): the follow-up points'
// cadence, the committee dates, the plenaries and who receives the overall digest (suivi.config.json
// `accompaniment`), and the ARS / SESAN binômes with the establishments each follows (the file named by
// `files.binomes`). Pure: the caller reads the files; a bad file is a DataFileError in French naming each field.
import * as z from 'zod';
import { Email, type Config } from './config';
import { DataFileError, parseDataFile, type FieldProblem } from './zod-issues';

export const DEFAULT_POINT_CADENCE_DAYS = 14;

export interface AccompanimentSettings {
  pointCadenceDays: number;
  committees: string[];
  plenaries: Array<{ date: string; label: string }>;
  /** Recipients of the overall Monday digest. */
  digestTo: string[];
}

/** The settings in force: the configuration's block, with defaults drawn from the pilot calendar and roles. */
export function accompanimentSettings(config: Config, regionId?: string): AccompanimentSettings {
  // A listed region with its own block follows it; every other region follows the instance's.
  const region = config.regions?.find((r) => r.id === regionId);
  const block = region?.accompaniment ?? config.accompaniment ?? {};
  return {
    pointCadenceDays: block.pointCadenceDays ?? DEFAULT_POINT_CADENCE_DAYS,
    committees: [...(block.committees ?? [])].sort(),
    plenaries: [
      ...(block.plenaries ?? [
        { date: config.calendar.milestones.V1, label: 'Bilan V1 et réunion plénière de restitution' },
        { date: config.calendar.milestones.VF, label: 'Bilan VF et réunion plénière' },
      ]),
    ].sort((x, y) => x.date.localeCompare(y.date)),
    digestTo: block.digestTo ?? region?.ars ?? config.roles.ars,
  };
}

const PersonName = z.string().trim().min(1, 'nom attendu').max(120, 'au plus 120 caractères');

export const Officer = z.strictObject({
  name: PersonName,
  email: Email,
  phone: z.string().trim().max(40, 'au plus 40 caractères').optional(),
  role: z.string().trim().max(120, 'au plus 120 caractères').optional(),
});
export type Officer = z.infer<typeof Officer>;

export const BinomeId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'identifiant en minuscules, chiffres et tirets attendu (40 au plus)');

export const BinomeSeed = z.strictObject({
  id: BinomeId,
  label: z.string().trim().max(120).optional(),
  ars: Officer,
  sesan: Officer,
});
export type BinomeSeed = z.infer<typeof BinomeSeed>;

export const BinomesFile = z.strictObject({
  $comment: z.string().optional(),
  binomes: z.array(BinomeSeed),
  /** Establishment id → binôme id. */
  assignments: z.record(z.string(), BinomeId),
});
export type BinomesFile = z.infer<typeof BinomesFile>;

/** Validates the binômes file against the registry: known binôme ids, known establishments, unique ids. */
export function parseBinomesFile(
  input: unknown,
  file: string,
  establishmentIds: readonly string[],
): BinomesFile {
  const parsed = parseDataFile(BinomesFile, input, file);
  const problems: FieldProblem[] = [];
  const ids = parsed.binomes.map((b) => b.id);
  ids.forEach((id, i) => {
    if (ids.indexOf(id) !== i) problems.push({ path: `binomes.${i}.id`, message: `« ${id} » déjà utilisé` });
  });
  const known = new Set(establishmentIds);
  for (const [es, binome] of Object.entries(parsed.assignments)) {
    if (!known.has(es)) problems.push({ path: `assignments.${es}`, message: 'établissement inconnu' });
    if (!ids.includes(binome))
      problems.push({ path: `assignments.${es}`, message: `binôme inconnu « ${binome} »` });
  }
  if (problems.length > 0) throw new DataFileError(file, problems);
  return parsed;
}
