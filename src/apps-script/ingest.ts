// One form response into the workbook: the responses tab names the establishment and the form (no answer can name
// another one); a weekly response goes through the core's ingestion (idempotent, validated, versioned), an
// initialisation response through the profile update. A refusal is e-mailed to the establishment's referent. After
// an accepted report the establishment's weekly form is brought up to date only if its plan changed (last week's
// values moved). A Google error in the middle leaves the response unseen, noted as interrupted (see
// sheet-store.ts), for its next delivery or the weekly reconciliation. The caller holds the script lock.
import { madeByFormsApi } from '../google/stored-json';
import { safeText } from '../domain/safe-text';
import { ingestWeeklyReport, type IngestOutcome } from '../app/ingest-weekly-report';
import { updateProfile, type UpdateProfileOutcome } from '../app/update-profile';
import { pilotWeeks } from '../domain/calendar';
import { frAppsScript } from './messages';
import { type FieldError } from '../domain/messages';
import { establishmentName, type EstablishmentRecord } from '../domain/model';
import { refusalMail, type OutgoingMail } from '../domain/reminder-plan';
import { formItems, profileSubmission, weeklySubmission } from './form-spec';
import { aspects, planOf, prefilledLink, syncItems, type FormKind } from './forms';
import type { GasForm } from './gas-api';
import { submissionIdOf, type FormResponseRow } from './responses';
import { closeTickedActions } from './accompaniment-form';
import type { Runtime } from './runtime';

export type ResponseOutcome =
  | { status: 'ignored' }
  | { status: 'duplicate' }
  | {
      status: 'accepted';
      establishmentId: string;
      formItemsChanged: number;
      /** With `deferFormRefresh`: the weekly form no longer matches its plan and was left for the catch-up. */
      formStale?: boolean;
    }
  | { status: 'refused'; establishmentId: string }
  | { status: 'profile-saved'; establishmentId: string }
  | { status: 'profile-refused'; establishmentId: string };

const MAX_RECIPIENTS_PER_MESSAGE = 50;

/** Sends a planned e-mail (in messages of at most 50 recipients, Google's limit) and notes it in the Journal. */
export function sendMail(rt: Runtime, mail: OutgoingMail): void {
  for (let i = 0; i < mail.to.length; i += MAX_RECIPIENTS_PER_MESSAGE) {
    const to = mail.to.slice(i, i + MAX_RECIPIENTS_PER_MESSAGE);
    rt.services.MailApp.sendEmail({
      to: to.join(','),
      // The last guard (safe-text.ts): quoted stored text may hold a character no message may carry.
      subject: safeText(mail.subject),
      body: safeText(mail.body),
      ...(mail.replyTo ? { replyTo: mail.replyTo } : {}),
    });
  }
}

function journal(
  rt: Runtime,
  kind: 'reminder' | 'reconcile' | 'access',
  summary: string,
  target?: string,
  details?: string,
): void {
  rt.store.appendJournal({
    at: rt.clock.now().toISOString(),
    kind,
    actor: 'suivi-mes',
    role: 'system',
    ...(target ? { target } : {}),
    summary,
    ...(details ? { details } : {}),
  });
}

/** E-mails the reasons of a refusal to the establishment's referent, within the day's quota. */
export function mailRefusal(
  rt: Runtime,
  establishment: EstablishmentRecord,
  week: string,
  errors: readonly FieldError[],
): void {
  const link = rt.store.formsOf(establishment.id).weekly?.url;
  const mail = refusalMail(rt.project.config, establishment, week, errors, link);
  const name = establishmentName(establishment);
  if (!mail || rt.services.MailApp.getRemainingDailyQuota() < mail.to.length) {
    journal(rt, 'reminder', frAppsScript.refusalMailImpossible(name), establishment.id);
    return;
  }
  try {
    sendMail(rt, mail);
  } catch (error) {
    // The quota ran out meanwhile, or MailApp failed: the refusal is recorded all the same.
    journal(rt, 'reminder', frAppsScript.refusalMailImpossible(name), establishment.id, String(error));
    return;
  }
  journal(rt, 'reminder', frAppsScript.refusalMailSent(name), establishment.id, mail.subject);
}

/**
 * Runs an ingestion's transaction; when Google fails in the middle, notes the submission as interrupted (if Google
 * lets it: the weekly reconciliation recovers it anyway) and rethrows.
 */
function recorded<T>(rt: Runtime, submissionId: string, fn: () => T): T {
  try {
    return rt.store.transaction(fn);
  } catch (error) {
    try {
      rt.store.noteInterrupted(submissionId);
    } catch {
      // Google is still failing: nothing more can be written now.
    }
    throw error;
  }
}

/**
 * Updates one of an establishment's forms if its plan no longer matches what was written to it (and, for the
 * initialisation form after a profile update, its prefilled link). Errors are logged, not thrown: the weekly run
 * brings every form up to date anyway.
 */
export function refreshForm(
  rt: Runtime,
  establishment: EstablishmentRecord,
  kind: FormKind,
  relink = false,
): number {
  const meta = rt.store.formsOf(establishment.id)[kind];
  // A form made through the Forms API is brought up to date through it (api-forms.ts), never by FormApp.
  if (!meta || madeByFormsApi(meta)) return 0;
  try {
    const plan = planOf(rt, kind, establishment);
    let form: GasForm | undefined;
    const open = () => (form ??= rt.services.FormApp.openById(meta.id));
    const { meta: next, changed } = syncItems(rt.services, meta, formItems(plan), open);
    if (relink) next.prefilled = prefilledLink(open(), next, plan);
    if (changed > 0 || next.prefilled !== meta.prefilled) rt.store.saveForm(establishment.id, kind, next);
    return changed;
  } catch (error) {
    console.warn(`Form ${meta.id} of ${establishment.id} not updated: ${String(error)}`);
    return 0;
  }
}

export interface IngestOptions {
  recovering?: boolean;
  /**
   * Runs inside the ingestion's transaction once a report or profile is accepted, so that what it writes through
   * the store (Synthèse's values) goes to Google in the same write.
   */
  inTransaction?: () => void;
  /**
   * Leaves the weekly form's update (a dozen FormApp calls when last week's values moved) to the caller, which
   * hands it to the catch-up execution: a delivery then stays within its budget of service calls.
   */
  deferFormRefresh?: boolean;
}

/** Whether an establishment's weekly form no longer matches its plan (pure: compares fingerprints, no call). */
export function weeklyFormStale(rt: Runtime, establishment: EstablishmentRecord): boolean {
  const meta = rt.store.formsOf(establishment.id).weekly;
  if (!meta || madeByFormsApi(meta)) return false;
  return formItems(planOf(rt, 'weekly', establishment)).some((s) => meta.applied[s.key] !== aspects(s));
}

/**
 * Ingests one response. `recovering`: the response was not delivered in time (the weekly reconciliation), so an
 * interrupted execution may have partly written it.
 */
export function ingestResponse(
  rt: Runtime,
  response: FormResponseRow,
  options: IngestOptions = {},
): ResponseOutcome {
  const owner = rt.store.formOfTab(response.tabId, response.responsesId);
  const submissionId = submissionIdOf(response.tabId, response.row, owner?.part);
  if (!owner) {
    // A form the install did not make was linked to the responses spreadsheet: its answers name no establishment.
    console.warn(frAppsScript.unknownResponseTab(response.tabName));
    journal(rt, 'access', frAppsScript.unknownResponseTab(response.tabName), submissionId);
    return { status: 'ignored' };
  }
  const establishment = rt.store.getEstablishment(owner.establishmentId);
  if (!establishment) return { status: 'ignored' };
  if (options.recovering) rt.store.recover(submissionId);
  const author = frAppsScript.formAuthor(establishmentName(establishment));

  if (owner.form === 'initialisation') {
    if (rt.store.hasSubmission(submissionId)) return { status: 'duplicate' };
    const profile = profileSubmission(
      planOf(rt, 'initialisation', establishment),
      response.answers,
      rt.project.tracking,
    );
    const outcome = recorded(rt, submissionId, (): UpdateProfileOutcome => {
      const result = updateProfile(rt, { establishmentId: establishment.id, author, profile });
      rt.store.markSubmission(establishment.id, submissionId);
      if (result.status === 'refused')
        mailRefusal(rt, establishment, frAppsScript.initialisationForm, result.errors);
      if (result.status === 'saved') options.inTransaction?.();
      return result;
    });
    if (outcome.status === 'duplicate') return { status: 'duplicate' };
    // A Google Form carries no basis, so 'stale' cannot happen here; it is a refusal all the same.
    if (outcome.status === 'refused' || outcome.status === 'stale')
      return { status: 'profile-refused', establishmentId: establishment.id };
    // The pathway and use case name the weekly form's use-case choices; the profile prefills the initialisation form.
    refreshForm(rt, outcome.establishment, 'weekly');
    refreshForm(rt, outcome.establishment, 'initialisation', true);
    return { status: 'profile-saved', establishmentId: establishment.id };
  }

  const submission = weeklySubmission(
    planOf(rt, 'weekly', establishment),
    response.answers,
    pilotWeeks(rt.calendar),
    establishment.useCases.length === 1 ? establishment.useCases[0]?.id : undefined,
    rt.project.tracking,
  );
  const outcome = recorded(rt, submissionId, (): IngestOutcome => {
    const result = ingestWeeklyReport(rt, {
      submissionId,
      source: 'form',
      author,
      submission,
      ...(response.submittedAt ? { receivedAt: response.submittedAt } : {}),
    });
    if (result.status === 'refused') mailRefusal(rt, establishment, submission.week, result.errors);
    if (result.status === 'accepted') options.inTransaction?.();
    return result;
  });
  if (outcome.status === 'duplicate') return { status: 'duplicate' };
  if (outcome.status === 'refused') return { status: 'refused', establishmentId: establishment.id };
  // Hook: the ES's ticks in « Actions terminées » (accompaniment-form.ts), once its report is accepted.
  closeTickedActionsSafely(rt, establishment, response.answers, author);
  if (options.deferFormRefresh)
    return {
      status: 'accepted',
      establishmentId: establishment.id,
      formItemsChanged: 0,
      formStale: weeklyFormStale(rt, establishment),
    };
  return {
    status: 'accepted',
    establishmentId: establishment.id,
    formItemsChanged: refreshForm(rt, establishment, 'weekly'),
  };
}

/** The report is recorded already: a Google failure while closing actions is logged, never a lost report. */
function closeTickedActionsSafely(
  rt: Runtime,
  establishment: EstablishmentRecord,
  answers: FormResponseRow['answers'],
  author: string,
): void {
  try {
    closeTickedActions(rt, establishment, answers, author);
  } catch (error) {
    console.warn(`Actions ticked by ${establishment.id} not closed: ${String(error)}`);
  }
}
