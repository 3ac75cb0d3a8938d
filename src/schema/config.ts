// suivi.config.json: the pilot, its calendar, the e-mails of each role and where the data files are.
// Pure. A bad file is refused with a DataFileError naming each field and what is expected.
import * as z from 'zod';
import { DataFileError, parseDataFile, type FieldProblem } from './zod-issues';

export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'date au format AAAA-MM-JJ attendue', abort: true })
  .refine((s) => {
    const [y, m, d] = s.split('-').map(Number) as [number, number, number];
    const date = new Date(Date.UTC(y, m - 1, d));
    return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
  }, 'date inexistante');

const ClockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'heure au format HH:MM attendue');
/** ISO weekday: 1 = lundi … 7 = dimanche. */
const IsoWeekday = z.int('jour de la semaine attendu : 1 (lundi) à 7 (dimanche)').min(1).max(7);
export const Email = z
  .string()
  .trim()
  .regex(/^[^\s@<>(),;:"[\]]+@[^\s@<>(),;:"[\]]+\.[A-Za-z]{2,}$/, 'adresse e-mail attendue');

/** The accompaniment block (see src/schema/accompaniment.ts for its defaults and how it is read). */
export const AccompanimentBlock = z.strictObject({
  /** Days between two « Points de suivi par ES » (the deck says about every 15 days). */
  pointCadenceDays: z
    .int('nombre de jours entier attendu')
    .min(1, 'au moins 1 jour')
    .max(120, 'au plus 120 jours')
    .optional(),
  /** Dates of the monthly « Comité de suivi ». */
  committees: z.array(IsoDate).optional(),
  /** Plenary meetings (end of June: V1 results, end of September: VF results). */
  plenaries: z
    .array(z.strictObject({ date: IsoDate, label: z.string().trim().min(1, 'libellé attendu').max(200) }))
    .optional(),
  /** Who receives the overall Monday digest (default: the ARS addresses of `roles.ars`). */
  digestTo: z.array(Email).optional(),
});

export const Config = z.strictObject({
  $comment: z.string().optional(),
  pilot: z.strictObject({
    name: z.string().min(1),
    region: z.string().min(1),
    launchMeetingDate: IsoDate,
  }),
  calendar: z.strictObject({
    timeZone: z.literal('Europe/Paris', 'seul le fuseau « Europe/Paris » est pris en charge'),
    start: IsoDate,
    end: IsoDate,
    weeklyDeadline: z.strictObject({ weekday: IsoWeekday, time: ClockTime }),
    milestones: z.strictObject({ V1: IsoDate, VF: IsoDate }),
  }),
  roles: z.strictObject({
    ars: z.array(Email),
    ans: z.array(Email),
  }),
  reminders: z.strictObject({
    weekday: IsoWeekday,
    time: ClockTime,
    replyTo: Email.nullable(),
  }),
  files: z.strictObject({
    trackingFile: z.string().min(1),
    departments: z.string().min(1),
    establishments: z.string().min(1),
    initialisationForm: z.string().min(1),
    weeklyForm: z.string().min(1),
    retexTemplates: z.string().min(1),
    /** The ARS / SESAN binômes and the establishments each follows (optional). */
    binomes: z.string().min(1).optional(),
    /** The monthly committee pack's template folder (comite-mensuel.json and .docx); default sheets-template/comite. */
    committeeTemplates: z.string().min(1).optional(),
  }),
  /** Follow-up points, committees and plenaries (optional; defaults in src/schema/accompaniment.ts). */
  accompaniment: AccompanimentBlock.optional(),
  /** Embedded runtime settings (optional; see docs/serveur-embarque.md « Relances par e-mail (configuration locale) »). */
  local: z
    .strictObject({
      smtp: z
        .strictObject({
          host: z.string().min(1),
          port: z.int().min(1).max(65535),
          secure: z.boolean(),
          from: Email,
          user: z.string().optional(),
          passwordEnv: z.string().optional(),
        })
        .optional(),
    })
    .optional(),
  /** Google runtime settings (optional; see docs/adapter-le-suivi.md « La configuration »). */
  google: z
    .strictObject({
      folderName: z.string().min(1).optional(),
      retexTemplateIds: z.record(z.string(), z.string()).optional(),
    })
    .optional(),
  // ---- National view (issue 14): several regions in one instance ----
  /**
   * Other regions this instance follows beside the pilot's own (`pilot.region`, whose ARS are `roles.ars`): an
   * establishment belongs to the listed region its « Région » names, otherwise to the pilot's region; an ARS link
   * sees only its region's rows. Absent: one region, as before.
   */
  regions: z
    .array(
      z.strictObject({
        id: z.string().regex(/^[a-z][a-z0-9-]{1,30}$/, 'identifiant court attendu (ex. « hdf »)'),
        name: z.string().min(1),
        ars: z.array(Email),
        /** The region's own establishments file (same columns), relative to the config; its rows are this region's. */
        establishments: z.string().min(1).optional(),
        /** The region's own binômes file (same format as `files.binomes`); its binômes are this region's. */
        binomes: z.string().min(1).optional(),
        /** The region's own committees, plenaries and cadence (same block); absent: the instance's. */
        accompaniment: AccompanimentBlock.optional(),
      }),
    )
    .optional(),
});
export type Config = z.infer<typeof Config>;

function crossCheck(config: Config): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const { start, end, milestones } = config.calendar;
  if (end < start)
    problems.push({ path: 'calendar.end', message: `doit être après calendar.start (${start})` });
  for (const key of ['V1', 'VF'] as const) {
    const date = milestones[key];
    if (date < start || date > end)
      problems.push({ path: `calendar.milestones.${key}`, message: `doit être entre ${start} et ${end}` });
  }
  if (milestones.VF < milestones.V1)
    problems.push({ path: 'calendar.milestones.VF', message: `doit être après V1 (${milestones.V1})` });
  const inPilot = (date: string, path: string) => {
    if (date < start || date > end) problems.push({ path, message: `doit être entre ${start} et ${end}` });
  };
  config.accompaniment?.committees?.forEach((d, i) => inPilot(d, `accompaniment.committees[${i}]`));
  config.accompaniment?.plenaries?.forEach((p, i) => inPilot(p.date, `accompaniment.plenaries[${i}].date`));
  const seenArs = new Set(config.roles.ars);
  const seenIds = new Set<string>();
  (config.regions ?? []).forEach((region, i) => {
    if (seenIds.has(region.id) || region.name === config.pilot.region)
      problems.push({ path: `regions[${i}]`, message: `région déjà décrite (« ${region.name} »)` });
    seenIds.add(region.id);
    region.accompaniment?.committees?.forEach((d, j) =>
      inPilot(d, `regions[${i}].accompaniment.committees[${j}]`),
    );
    region.accompaniment?.plenaries?.forEach((p, j) =>
      inPilot(p.date, `regions[${i}].accompaniment.plenaries[${j}].date`),
    );
    for (const email of region.ars) {
      if (seenArs.has(email))
        problems.push({ path: `regions[${i}].ars`, message: `${email} est déjà l'ARS d'une autre région` });
      seenArs.add(email);
    }
  });
  return problems;
}

export function parseConfig(input: unknown, file = 'suivi.config.json'): Config {
  const config = parseDataFile(Config, input, file);
  const problems = crossCheck(config);
  if (problems.length > 0) throw new DataFileError(file, problems);
  return config;
}
