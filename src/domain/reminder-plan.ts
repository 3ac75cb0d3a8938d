// The e-mails of the weekly follow-up: reminders to establishments late at the deadline, a digest to the ARS /
// SESAN, and the message an ES receives when a submission is refused. Counted against the mail quota (Google
// counts recipients). Pure: each runtime sends what this returns.
import type { Config } from '../schema/config';
import { describeWeek, type IsoWeek } from './iso-week';
import type { CompletenessGrid } from './completeness';
import { rowsMissing } from './completeness';
import type { FieldError } from './messages';
import { establishmentName, type EstablishmentRecord } from './model';
import type { RecordEntry } from './values';

export interface OutgoingMail {
  kind: 'reminder' | 'digest' | 'refusal';
  to: string[];
  subject: string;
  /** Plain text, French. */
  body: string;
  replyTo?: string;
  /** The establishment a reminder or a refusal is about (none for the digest). */
  establishmentId?: string;
}

export interface ReminderPlan {
  week: IsoWeek;
  mails: OutgoingMail[];
  /** Late establishments that get no reminder, and why. */
  skipped: Array<{ establishmentId: string; reason: 'no-contact' | 'quota' }>;
}

/** E-mail addresses of an establishment's referents (the ES contact column). */
export function referentEmails(establishment: EstablishmentRecord, contactColumnId = 'es_contact'): string[] {
  const contacts = establishment.values[contactColumnId];
  if (!Array.isArray(contacts)) return [];
  return (contacts as readonly RecordEntry[]).map((c) => c.email ?? '').filter((e) => e !== '');
}

/** The end of every automatic e-mail (reminders, refusals, binôme digests). */
export const SIGNATURE = '\n\n— Suivi des pilotes Mon espace santé (message automatique)';

export interface ReminderInput {
  config: Config;
  grid: CompletenessGrid;
  week: IsoWeek;
  establishments: readonly EstablishmentRecord[];
  /** The link each establishment uses to report. */
  links: ReadonlyMap<string, string>;
  /** Recipients still allowed today (MailApp.getRemainingDailyQuota, or Infinity for SMTP). */
  remainingQuota: number;
  /**
   * The late establishments this plan is for (default: all). A run that sends its reminders in several executions
   * plans each part on its own, with the quota left at that time.
   */
  include?: (establishmentId: string) => boolean;
  /** Whether the plan has the ARS digest (default: yes). */
  digest?: boolean;
}

export function planReminders(input: ReminderInput): ReminderPlan {
  const { config, week } = input;
  const include = input.include ?? (() => true);
  const late = rowsMissing(input.grid, week).filter((r) => include(r.establishmentId));
  const withDigest = input.digest !== false;
  const lateByEstablishment = new Map<string, string[]>();
  for (const r of late)
    lateByEstablishment.set(r.establishmentId, [
      ...(lateByEstablishment.get(r.establishmentId) ?? []),
      r.title,
    ]);
  const ars = withDigest ? config.roles.ars : [];
  let quota = input.remainingQuota - ars.length; // the digest goes out first
  const mails: OutgoingMail[] = [];
  const skipped: ReminderPlan['skipped'] = [];
  const replyTo = config.reminders.replyTo ?? undefined;
  for (const [establishmentId, titles] of lateByEstablishment) {
    const establishment = input.establishments.find((e) => e.id === establishmentId);
    const to = establishment ? referentEmails(establishment) : [];
    if (!establishment || to.length === 0) {
      skipped.push({ establishmentId, reason: 'no-contact' });
      continue;
    }
    if (to.length > quota) {
      skipped.push({ establishmentId, reason: 'quota' });
      continue;
    }
    quota -= to.length;
    const link = input.links.get(establishmentId);
    mails.push({
      kind: 'reminder',
      establishmentId,
      to,
      replyTo,
      subject: `[${config.pilot.name}] Suivi hebdomadaire ${week} à compléter — ${establishmentName(establishment)}`,
      body:
        `Bonjour,\n\nLe suivi hebdomadaire de l'expérimentation Mon espace santé pour la ${describeWeek(week)} n'a pas encore été reçu pour :\n` +
        titles.map((t) => `  - ${t}`).join('\n') +
        `\n\nMerci de le compléter dès que possible${link ? `, à cette adresse :${linkLine(link)}` : '.'}\n\nQuelques minutes suffisent : les compteurs sont des cumuls depuis le début de l'expérimentation.` +
        SIGNATURE,
    });
  }
  if (ars.length > 0 && input.remainingQuota >= ars.length) {
    const lines = [...lateByEstablishment.entries()].map(([id, titles]) => {
      const e = input.establishments.find((x) => x.id === id);
      const why = skipped.find((s) => s.establishmentId === id);
      const note = why
        ? why.reason === 'no-contact'
          ? ' (pas de référent ES avec adresse : non relancé)'
          : ' (quota d’e-mails atteint : non relancé)'
        : ' (relancé)';
      return `  - ${e ? establishmentName(e) : id} : ${titles.length} déclaration(s) manquante(s)${note}`;
    });
    const i = input.grid.weeks.indexOf(week);
    const totals = i >= 0 ? input.grid.totals[i] : undefined;
    mails.unshift({
      kind: 'digest',
      to: [...ars],
      replyTo,
      subject: `[${config.pilot.name}] Synthèse des déclarations ${week}`,
      body:
        `Bonjour,\n\nDéclarations de la ${describeWeek(week)} : ${totals?.received ?? 0} reçue(s) à temps, ${totals?.late ?? 0} en retard, ${totals?.missing ?? 0} manquante(s).\n\n` +
        (lines.length > 0
          ? `Etablissements en retard :\n${lines.join('\n')}`
          : 'Tous les établissements ont déclaré.') +
        SIGNATURE,
    });
  }
  return { week, mails, skipped };
}

/**
 * A link alone on its line, a blank line before it (and after, from the text that follows): nothing (a full stop, a closing parenthesis) sticks to it
 * when it is copied or when a mail program turns it into a link. The server also forgives those characters
 * (src/local/server/access-hook.tsx), for links copied from older mails.
 */
function linkLine(link: string): string {
  return `\n\n${link}`;
}

/** The message an ES receives when a submission is refused: every reason, and that nothing was stored. */
export function refusalMail(
  config: Config,
  establishment: EstablishmentRecord,
  week: string,
  errors: readonly FieldError[],
  link?: string,
): OutgoingMail | undefined {
  const to = referentEmails(establishment);
  if (to.length === 0) return undefined;
  return {
    kind: 'refusal',
    establishmentId: establishment.id,
    to,
    replyTo: config.reminders.replyTo ?? undefined,
    subject: `[${config.pilot.name}] Déclaration ${week} non enregistrée — ${establishmentName(establishment)}`,
    body:
      `Bonjour,\n\nVotre déclaration pour ${week} n'a pas été enregistrée, pour la ou les raisons suivantes :\n` +
      errors.map((e) => `  - ${e.message}`).join('\n') +
      `\n\nRien n'a été conservé de cette déclaration. Merci de la soumettre à nouveau après correction${link ? `, à cette adresse :${linkLine(link)}` : '.'}` +
      SIGNATURE,
  };
}
