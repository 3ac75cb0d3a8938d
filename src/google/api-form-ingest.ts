// How both Google runtimes read a response of a form made through the Forms API (the CLI's `google sync`, Apps
// Script's hourly reading, api-forms.ts): the same submission id (`<responseId>@<lastSubmittedTime>`, so a response
// read by one is known to the other and never ingested twice), the same answers (form-requests.ts answersOf) and
// the same path through the core. A response is always the establishment's whose form it was read from: one that
// names another form is refused. Pure: bundled into Apps Script.
import { USE_CASE_FIELD, WEEK_FIELD } from '../domain/form-plan';
import { ingestWeeklyReport } from '../app/ingest-weekly-report';
import { updateProfile } from '../app/update-profile';
import type { AppContext } from '../app/context';
import { requireColumn } from '../domain/columns';
import { establishmentName } from '../domain/model';
import type { RawValues } from '../domain/values';
import type { FieldError } from '../domain/messages';
import { ESTABLISHMENT_NAME_COLUMN } from '../schema/tracking-file';
import { answersOf, splitPrefixed } from './form-requests';
import type { ApiForm, FormResponse } from './form-responses';
import { frGoogleShared } from './messages';
import { apiCursorsOf, apiSubmissionId, forgettable } from './api-submissions';

/** One response's idempotency key: a response edited later is a new submission (form: api-submissions.ts). */
export function submissionIdOf(response: FormResponse): string {
  return apiSubmissionId(response.responseId, response.lastSubmittedTime);
}

function authorOf(response: FormResponse, fallback: string): string {
  return response.respondentEmail ?? `formulaire ${fallback}`;
}

export interface ApiIngestOutcome {
  status: 'accepted' | 'refused' | 'already';
  /** Why the core refused it, for the establishment (the Apps Script runtime e-mails it): the week, or none. */
  refusal?: { errors: readonly FieldError[]; week?: string };
}

/**
 * Ingests one response of a form made through the Forms API, as both runtimes do: the establishment is the form's,
 * and the core validates every answer (the Forms API cannot put rules on items).
 */
export function ingestApiResponse(ctx: AppContext, form: ApiForm, response: FormResponse): ApiIngestOutcome {
  const { store } = ctx;
  const formId = form.meta.id;
  const id = submissionIdOf(response);
  // Listed although more than a day before the form's cursor: read before (and perhaps forgotten by the row's
  // record since, api-submissions.ts), whatever a Google stricter than its docs lists again.
  if (store.hasSubmission(id) || forgettable(id, apiCursorsOf({ form: form.meta })))
    return { status: 'already' };
  const establishment = store.getEstablishment(form.establishmentId);
  const name = establishment ? establishmentName(establishment) : form.establishmentId;
  // The establishment is the form's; a response that says it belongs to another form is nobody's.
  if (response.formId !== undefined && response.formId !== formId) {
    store.transaction(() => {
      store.recordRefusal(id);
      store.appendJournal({
        at: new Date(response.lastSubmittedTime).toISOString(),
        kind: 'report.refused',
        actor: authorOf(response, name),
        role: 'es',
        target: form.establishmentId,
        summary: frGoogleShared.responseOfAnotherForm(
          requireColumn(ctx.project.tracking, ESTABLISHMENT_NAME_COLUMN).label,
          name,
          response.formId ?? '',
        ),
        details: `${id}: UNKNOWN_ESTABLISHMENT response of form ${response.formId} listed under ${formId}`,
      });
    });
    return { status: 'refused' };
  }
  const answers: RawValues = answersOf(response, form.meta.api?.questions ?? {});
  if (form.kind === 'weekly') {
    const { [WEEK_FIELD]: week, [USE_CASE_FIELD]: useCase, ...values } = answers;
    const outcome = ingestWeeklyReport(ctx, {
      submissionId: id,
      source: 'form',
      author: authorOf(response, name),
      receivedAt: new Date(response.lastSubmittedTime),
      submission: {
        establishmentId: form.establishmentId,
        useCaseId: typeof useCase === 'string' ? useCase : (establishment?.useCases[0]?.id ?? ''),
        week: typeof week === 'string' ? week : '',
        values,
      },
    });
    if (outcome.status === 'refused')
      return {
        status: 'refused',
        refusal: { errors: outcome.errors, week: typeof week === 'string' ? week : '' },
      };
    return { status: outcome.status === 'accepted' ? 'accepted' : 'already' };
  }
  // The initialisation form: profile values, then `uc1.pathway`-style answers per use case.
  let rest: RawValues = answers;
  const useCases: Record<string, RawValues> = {};
  for (const u of establishment?.useCases ?? []) {
    const split = splitPrefixed(rest, u.id);
    if (Object.keys(split.inside).length > 0) useCases[u.id] = split.inside;
    rest = split.rest;
  }
  const outcome = updateProfile(ctx, {
    establishmentId: form.establishmentId,
    author: authorOf(response, name),
    profile: { values: rest, useCases },
    submissionId: id,
  });
  if (outcome.status === 'refused') return { status: 'refused', refusal: { errors: outcome.errors } };
  // A Google Form carries no basis, so 'stale' cannot happen here; it is a refusal all the same.
  if (outcome.status === 'stale') return { status: 'refused' };
  return { status: outcome.status === 'saved' ? 'accepted' : 'already' };
}
