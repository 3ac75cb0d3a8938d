// Forms made through the Forms API (by `suivi-mes google install`) send their responses to no spreadsheet, so no
// trigger delivers them to the script. The script reads them as the CLI's `google sync` does — forms.responses.list
// after each form's cursor, one UrlFetchApp.fetchAll per page for every form at once — and ingests them with the
// same code (src/google/api-form-ingest.ts): the same submission ids and the same cursor, kept in the rows' records,
// so a response one runtime read is known to the other and never ingested twice. The same goes for bringing a
// weekly form to the new week and showing last week's values (src/google/form-refresh.ts, one forms.batchUpdate
// per form). FormApp never touches these forms: their items are known by Forms API ids, which Google documents no
// way to convert to FormApp's (assumption F13). Run by an hourly clock trigger (created only while the workbook has
// such forms, triggers.ts) and by the weekly job; the caller holds the script lock.
//
// Each form read is one URL Fetch call, and a consumer account has 20,000 a day (« Quotas for Google Services »,
// https://developers.google.com/apps-script/guides/services/quotas). The weekly forms are read every hour; the
// initialisation forms, answered once or twice a season, every six hours: at 500 establishments, 12,000 + 2,000 calls
// a day, room left for the Monday job and a RETEX.
import { frAppsScript } from './messages';
import { fetchAllJson } from './url-fetch-json';
import { mailRefusal } from './ingest';
import type { Runtime } from './runtime';
import { KEYS } from './settings';
import { ingestApiResponse, submissionIdOf, type ApiIngestOutcome } from '../google/api-form-ingest';
import { formsBatchUpdateRequest, responsesListRequest } from '../google/form-http-requests';
import { itemsKnown, weeklyFormRefresh } from '../google/form-refresh';
import { inSubmissionOrder, ResponsePage, type ApiForm, type FormResponse } from '../google/form-responses';
import { madeByFormsApi, type FormKind } from '../google/stored-json';

export interface ApiFormsOutcome {
  accepted: number;
  refused: number;
  /** Responses already recorded (read by the other runtime, or by an earlier run). */
  already: number;
  /** Forms Google did not let the script read (deleted, no access): named in the log, read again next time. */
  unread: number;
  /** Weekly forms whose help texts or weeks were updated. */
  formsUpdated: number;
  /** False when the run ran out of time before reading every form: the next run goes on from the cursors. */
  complete: boolean;
}

/** Every form of the workbook made through the Forms API, once per establishment and kind. */
export function apiForms(rt: Runtime): ApiForm[] {
  const out: ApiForm[] = [];
  for (const e of rt.store.listEstablishments()) {
    const forms = rt.store.formsOf(e.id);
    for (const kind of ['weekly', 'initialisation'] as const) {
      const meta = forms[kind];
      if (meta && madeByFormsApi(meta)) out.push({ kind, establishmentId: e.id, meta });
    }
  }
  return out;
}

/** Every response of each form after its cursor, all forms' pages read together; failures are counted. */
function readResponses(
  rt: Runtime,
  forms: readonly ApiForm[],
): { read: Map<ApiForm, FormResponse[]>; unread: number } {
  const read = new Map<ApiForm, FormResponse[]>();
  let unread = 0;
  let pending = forms.map((form) => ({ form, pageToken: undefined as string | undefined }));
  while (pending.length > 0) {
    const answers = fetchAllJson(
      rt.services,
      pending.map((p) => responsesListRequest(p.form.meta.id, p.form.meta.api?.since, p.pageToken)),
    );
    const next: typeof pending = [];
    pending.forEach((p, i) => {
      const answer = answers[i];
      const page = answer?.code === 200 ? ResponsePage.safeParse(answer.body) : undefined;
      if (!page?.success) {
        // A page missing: what was read of this form is dropped, so its cursor does not jump over the rest.
        read.delete(p.form);
        unread += 1;
        console.warn(frAppsScript.apiFormUnread(p.form.meta.id, p.form.establishmentId, answer?.code ?? 0));
        return;
      }
      read.set(p.form, [...(read.get(p.form) ?? []), ...(page.data.responses ?? [])]);
      if (page.data.nextPageToken) next.push({ form: p.form, pageToken: page.data.nextPageToken });
    });
    pending = next;
  }
  return { read, unread };
}

/** The form's record with its cursor moved to `since`, as currently stored (another write may have changed it). */
function withCursor(rt: Runtime, form: ApiForm, since: string): void {
  const meta = rt.store.formsOf(form.establishmentId)[form.kind];
  if (!meta?.api) return;
  rt.store.saveForm(form.establishmentId, form.kind, { ...meta, api: { ...meta.api, since } });
}

/** How often the hourly reading reads the initialisation forms too (see the head comment). */
export const INITIALISATION_READ_EVERY_MS = 6 * 60 * 60_000;

/**
 * Which forms this reading reads: the weekly ones and, every six hours, the others — from the hourly trigger as from
 * the weekly job (which, should the trigger be gone, finds the six hours long past).
 */
function kindsToRead(rt: Runtime): FormKind[] {
  const last = Date.parse(rt.settings.get(KEYS.initialisationFormsReadAt) ?? '');
  const now = rt.clock.now().getTime();
  if (Number.isFinite(last) && now - last < INITIALISATION_READ_EVERY_MS) return ['weekly'];
  rt.settings.set(KEYS.initialisationFormsReadAt, new Date(now).toISOString());
  return ['weekly', 'initialisation'];
}

/**
 * Responses recorded per transaction: one Sheets write for them all (sheet-store.ts), rather than one each — at 500
 * establishments an hourly reading meets hundreds of responses, and a write costs about a second.
 */
export const RESPONSES_PER_WRITE = 50;

/**
 * Reads and ingests the responses of the Forms API forms (those kindsToRead says), oldest first per form. Responses are recorded by groups of RESPONSES_PER_WRITE, each group in
 * one transaction with the cursors moved past it: a run stopped between two groups reads the rest next time, and a
 * group Google failed to write is noted as interrupted, so that its next reading looks for what it left
 * (sheet-store.ts), as for a response tab's.
 */
export function readApiForms(rt: Runtime): ApiFormsOutcome {
  const outcome: ApiFormsOutcome = {
    accepted: 0,
    refused: 0,
    already: 0,
    unread: 0,
    formsUpdated: 0,
    complete: true,
  };
  const all = apiForms(rt);
  if (all.length === 0) return outcome;
  const kinds = kindsToRead(rt);
  const forms = all.filter((f) => kinds.includes(f.kind));
  const { read, unread } = rt.unit(() => readResponses(rt, forms));
  outcome.unread = unread;
  const queue = [...read].flatMap(([form, responses]) =>
    inSubmissionOrder(responses).map((response) => ({ form, response })),
  );
  const reported = new Set<string>();
  for (let start = 0; start < queue.length; start += RESPONSES_PER_WRITE) {
    if (!rt.hasTime()) {
      outcome.complete = false;
      break;
    }
    const group = queue.slice(start, start + RESPONSES_PER_WRITE);
    let results: Array<{ form: ApiForm; result: ApiIngestOutcome }>;
    try {
      results = rt.unit(() =>
        rt.store.transaction(() =>
          group.map(({ form, response }) => {
            const current = { ...form, meta: rt.store.formsOf(form.establishmentId)[form.kind] ?? form.meta };
            const result = ingestApiResponse(rt, current, response);
            withCursor(rt, form, response.lastSubmittedTime);
            return { form, result };
          }),
        ),
      );
    } catch (error) {
      for (const { response } of group)
        try {
          rt.store.noteInterrupted(submissionIdOf(response));
        } catch {
          // Google is still failing: nothing more can be written now (the cursors did not move either).
        }
      throw error;
    }
    for (const { form, result } of results) {
      outcome[result.status] += 1;
      if (result.status === 'accepted') reported.add(form.establishmentId);
      // As for a response tab's refusal: the referent learns why (the Forms API could not stop it on the page).
      const establishment = result.refusal ? rt.store.getEstablishment(form.establishmentId) : undefined;
      if (result.refusal && establishment)
        mailRefusal(
          rt,
          establishment,
          result.refusal.week ?? frAppsScript.initialisationForm,
          result.refusal.errors,
        );
    }
  }
  if (reported.size > 0) outcome.formsUpdated = refreshApiForms(rt, reported);
  return outcome;
}

/**
 * Brings weekly Forms API forms up to date — help texts (last week's values) and the weeks offered — in one
 * fetchAll of one forms.batchUpdate per form that changed; their records are saved in one transaction. Only the
 * establishments named, or all. Returns how many forms were updated. A form Google refuses keeps its record: the
 * next run sends the same requests again.
 */
export function refreshApiForms(rt: Runtime, only?: ReadonlySet<string>): number {
  const now = rt.clock.now();
  const updates = apiForms(rt)
    .filter((f) => f.kind === 'weekly' && (!only || only.has(f.establishmentId)))
    // A form recorded without its items' places cannot be updated without reading it: the CLI's sync does that.
    .filter((f) => itemsKnown(f.meta))
    .map((form) => ({ form, update: weeklyFormRefresh(rt.project, rt.store, form, now) }))
    .filter((u) => u.update.requests.length > 0);
  if (updates.length === 0) return 0;
  const answers = rt.unit(() =>
    fetchAllJson(
      rt.services,
      updates.map((u) => formsBatchUpdateRequest(u.form.meta.id, u.update.requests)),
    ),
  );
  const done = updates.filter((u, i) => {
    const code = answers[i]?.code ?? 0;
    if (code !== 200) console.warn(frAppsScript.apiFormUnread(u.form.meta.id, u.form.establishmentId, code));
    return code === 200;
  });
  rt.store.transaction(() => {
    for (const { form, update } of done) rt.store.saveForm(form.establishmentId, form.kind, update.meta);
  });
  return done.length;
}
