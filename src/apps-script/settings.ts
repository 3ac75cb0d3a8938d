// The script's own settings in Script Properties: the ids of what install created and the cursors of resumable
// jobs. Read once per execution (one getProperties call); JSON values are checked with zod when read back.
import * as z from 'zod';
import type { GasProperties } from './gas-api';

export const KEYS = {
  /** The account that installed the system: only it runs install, the Monday job, RETEX… (see owner.ts). */
  owner: 'owner',
  masterId: 'masterId',
  folderId: 'folderId',
  responsesId: 'responsesId',
  /** The responses spreadsheets added after the first one, in order (JSON list of ids). */
  responsesMore: 'responses.more',
  /** An optional cell budget per responses spreadsheet, below the built-in one. */
  responsesCellBudget: 'responses.cellBudget',
  installCursor: 'install.cursor',
  installCopy: 'install.copy',
  weeklyCursor: 'weekly.cursor',
  /** When the hourly reading last read the Forms API's initialisation forms too (ISO instant; api-forms.ts). */
  initialisationFormsReadAt: 'forms.initialisationReadAt',
  remindersWeek: 'reminders.week',
  remindersProgress: 'reminders.progress',
  template: (signature: string) => `template.${signature}`,
  retexTemplate: (descriptionId: string) => `retex.template.${descriptionId}`,
  retexCursor: 'retex.cursor',
  retexCopies: 'retex.copies',
} as const;

export const InstallCursor = z.object({
  startedAt: z.string(),
  runs: z.int().nonnegative(),
  phase: z.string(),
  /** The longest unit of work the earlier runs saw (ms): a continuation budgets with it from its first unit. */
  longestUnitMs: z.number().nonnegative().optional(),
  /**
   * Establishments whose forms were all in place when this install reached its forms phase (a re-install): each
   * form is checked (still there, published, accepting responses) before the list is emptied.
   */
  verify: z.array(z.string()).optional(),
});
export type InstallCursor = z.infer<typeof InstallCursor>;

/**
 * A form file install copied, written as soon as Drive made it: a run that dies before recording the form finds it
 * here (a Drive name search may not see a new file yet).
 */
export const InstallCopy = z.object({ establishmentId: z.string(), kind: z.string(), id: z.string() });
export type InstallCopy = z.infer<typeof InstallCopy>;

/** The copies made and not yet recorded (a single one, as an older version wrote it, is read as a list of one). */
export const InstallCopies = z.union([InstallCopy.transform((c) => [c]), z.array(InstallCopy)]);

/** The Monday job stopped for lack of time: its week, its phase, and how far that phase went (registry order). */
export const WeeklyCursor = z.object({
  week: z.string(),
  phase: z.string(),
  position: z.int().nonnegative().default(0),
});
export type WeeklyCursor = z.infer<typeof WeeklyCursor>;

/** Reminders being sent over several executions: how far in registry order, and what was sent so far. */
export const RemindersProgress = z.object({
  week: z.string(),
  position: z.int().nonnegative(),
  sent: z.int().nonnegative(),
  unsent: z.int().nonnegative(),
  skipped: z.int().nonnegative(),
  /** Why MailApp refused an e-mail: nothing more is sent this week once it has. */
  failure: z.string().nullable(),
  digest: z.boolean(),
  /** How many of the binômes' digests (after the reminders) were sent or given up. */
  binomeDigests: z.int().nonnegative().default(0),
});
export type RemindersProgress = z.infer<typeof RemindersProgress>;

/** A RETEX build that ran out of time: the version whose documents are still to write. */
export const RetexCursor = z.object({
  milestone: z.enum(['V1', 'VF']),
  label: z.string(),
  /** Whether the version was issued by the run that started, and the version it replaced. */
  issued: z.enum(['new', 'unchanged']),
  previous: z.string().nullable(),
  runs: z.int().nonnegative(),
});
export type RetexCursor = z.infer<typeof RetexCursor>;

/**
 * Blank copies of RETEX templates made ahead for the documents of a version (`label`, document `key`), written as
 * soon as Drive made them: a later run of the same version fills them instead of copying again. A copy leaves the
 * list when its filling starts, so a copy listed here was never written to.
 */
export const RetexCopies = z.array(z.object({ label: z.string(), key: z.string(), id: z.string() }));
export type RetexCopies = z.infer<typeof RetexCopies>;

export const TemplateInfo = z.object({
  id: z.string(),
  /** Item keys in the order of the template's items (a copy's items come in the same order). */
  keys: z.array(z.string()),
  applied: z.record(z.string(), z.string()),
});
export type TemplateInfo = z.infer<typeof TemplateInfo>;

export class Settings {
  private cache: Record<string, string> | null = null;
  constructor(private readonly properties: GasProperties) {}

  private all(): Record<string, string> {
    this.cache ??= { ...this.properties.getProperties() };
    return this.cache;
  }

  /** Every setting, as read at the execution's first use (another execution may have written since). */
  entries(): Readonly<Record<string, string>> {
    return this.all();
  }

  get(key: string): string | undefined {
    return this.all()[key];
  }

  json<T>(key: string, schema: z.ZodType<T>): T | undefined {
    const raw = this.get(key);
    if (raw === undefined) return undefined;
    const parsed = schema.safeParse(JSON.parse(raw));
    if (!parsed.success) throw new Error(`Script property ${key} is invalid: ${parsed.error.message}`);
    return parsed.data;
  }

  set(key: string, value: string): void {
    this.properties.setProperty(key, value);
    this.all()[key] = value;
  }

  setJson(key: string, value: unknown): void {
    this.set(key, JSON.stringify(value));
  }

  delete(key: string): void {
    if (this.get(key) === undefined) return;
    this.properties.deleteProperty(key);
    delete this.all()[key];
  }
}
