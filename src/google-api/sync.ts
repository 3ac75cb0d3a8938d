// `google sync`, holding the workbook's lock: first the ARS/ANS cells typed in the Suivi tab since the last run
// (sheet-edits.ts: recorded through the core, or put back); then every form's responses since its cursor,
// validated by the core (the use cases over a RestStore snapshot); everything is written in ONE
// values.batchUpdate — Historique rows, the Suivi cells and records of the accepted reports (each form's read cursor
// is in its establishment's records, so it moves in that same write), refusals in the Journal and the records. An
// interrupted sync therefore loses nothing (cursors unchanged) and duplicates nothing (each response is keyed by id
// and submission time). Then each
// weekly form's help texts show last week's values (form-refresh.ts) and the Synthèse is redrawn. The Apps Script
// runtime validates in Google Forms itself; the REST API cannot, so every rule is enforced here and refusals are
// recorded in the Journal. A response is always the establishment's whose form it was read from: one that names
// another form is refused.
import type { sheets_v4 } from '@googleapis/sheets';
import { pilotCalendar } from '../domain/calendar';
import { USE_CASE_FIELD, WEEK_FIELD } from '../domain/form-plan';
import { ingestWeeklyReport } from '../app/ingest-weekly-report';
import { updateProfile } from '../app/update-profile';
import type { AppContext } from '../app/context';
import { ledgersFromVersions } from '../domain/ledger';
import { requireColumn } from '../domain/columns';
import { frGoogle } from './messages';
import { establishmentName } from '../domain/model';
import { ESTABLISHMENT_NAME_COLUMN } from '../schema/tracking-file';
import { synthesisFromLedgers } from '../domain/workbook/workbook';
import { synthesisSheet } from '../domain/workbook/synthesis-sheet';
import type { RawValues } from '../domain/values';
import type { Clock } from '../ports';
import type { Project } from '../schema/project';
import { a1Block } from './a1';
import { rawRow } from '../google/cell-values';
import { apiSubmissionId } from '../google/api-submissions';
import type { GoogleContext } from './context';
import { answersOf, splitPrefixed } from './form-requests';
import { itemsKnown, weeklyFormRefresh, withItemsFromForm } from './form-refresh';
import type { FormResponse } from './forms';
import type { GoogleAdapters } from './adapters';
import { loadSnapshot, RestStore, type RestForm } from './rest-store';
import { applySheetEdits, type SheetEditsResult } from './sheet-edits';
import { withWorkbookLock } from './workbook-lock';
import { addChartRequest, formatRequest, updateChartRequest } from '../google/workbook-requests';
import { SHEET_NAMES } from '../domain/workbook/sheet-model';

/** Who the Journal says acted when sync itself undoes or records something. */
const SYNC_ACTOR = 'suivi-mes google sync';

export interface SyncResult {
  accepted: number;
  refused: number;
  /** Responses already in the workbook (an earlier sync wrote them, then stopped before moving its cursor). */
  alreadyIngested: number;
  /** Writes made to the spreadsheet (0 when there was nothing new). */
  writes: number;
  formsUpdated: number;
  /** ARS / ANS cells typed in the Suivi tab: kept, or refused and put back. */
  sheetEdits: SheetEditsResult;
}

/** One response's idempotency key (the shared form: src/google/api-submissions.ts). */
export function submissionIdOf(response: FormResponse): string {
  return apiSubmissionId(response.responseId, response.lastSubmittedTime);
}

function authorOf(response: FormResponse, fallback: string): string {
  return response.respondentEmail ?? `formulaire ${fallback}`;
}

function ingest(
  ctx: AppContext,
  store: RestStore,
  form: RestForm,
  response: FormResponse,
): 'accepted' | 'refused' | 'already' {
  const formId = form.meta.id;
  const id = submissionIdOf(response);
  if (store.hasSubmission(id)) return 'already';
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
        summary: frGoogle.responseOfAnotherForm(
          requireColumn(ctx.project.tracking, ESTABLISHMENT_NAME_COLUMN).label,
          name,
          response.formId ?? '',
        ),
        details: `${id}: UNKNOWN_ESTABLISHMENT response of form ${response.formId} listed under ${formId}`,
      });
    });
    return 'refused';
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
    return outcome.status === 'accepted'
      ? 'accepted'
      : outcome.status === 'duplicate'
        ? 'already'
        : 'refused';
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
  return outcome.status === 'saved' ? 'accepted' : outcome.status === 'duplicate' ? 'already' : 'refused';
}

/** The Synthèse tab recomputed: its values (one range, blank rows below cleared) and its formats and chart. */
export function synthesisRefresh(
  project: Project,
  store: RestStore,
  now: Date,
  chartId: number | undefined,
): { values: sheets_v4.Schema$ValueRange; requests: sheets_v4.Schema$Request[] } {
  const calendar = pilotCalendar(project.config);
  const ledgers = ledgersFromVersions(project.tracking, store.listReportVersions());
  const sheet = synthesisSheet({
    tracking: project.tracking,
    ...synthesisFromLedgers(project.tracking, calendar, store.listEstablishments(), ledgers, now),
    now,
  });
  const layout = store.layout.sheets.get(sheet.name);
  const sheetId = layout?.sheetId ?? 0;
  const width = sheet.columns.length;
  // The whole grid is rewritten so nothing of an older, longer summary lingers below.
  const height = Math.max(sheet.rows.length, layout?.rowCount ?? 0);
  const rows = [
    ...sheet.rows.map(rawRow),
    ...Array.from({ length: height - sheet.rows.length }, () => []),
  ].map((r) => [...r, ...Array<string>(Math.max(0, width - r.length)).fill('')]);
  const requests: sheets_v4.Schema$Request[] = [];
  if (layout && height > layout.rowCount)
    requests.push({
      appendDimension: { sheetId, dimension: 'ROWS', length: height - layout.rowCount + 100 },
    });
  if (layout && width > layout.columnCount)
    requests.push({ appendDimension: { sheetId, dimension: 'COLUMNS', length: width - layout.columnCount } });
  requests.push({ repeatCell: { range: { sheetId }, cell: {}, fields: 'userEnteredFormat' } });
  for (const s of sheet.styles) requests.push(formatRequest(sheetId, s.rect, s.style));
  const chart = sheet.charts[0];
  if (chart)
    requests.push(
      chartId === undefined ? addChartRequest(sheetId, chart) : updateChartRequest(sheetId, chart, chartId),
    );
  return {
    values: { range: a1Block(sheet.name, 0, 0, height, width), majorDimension: 'ROWS', values: rows },
    requests,
  };
}

export interface SyncInput {
  project: Project;
  spreadsheetId: string;
  clock: Clock;
}

/** One sync, holding the workbook's lock (another run at the same time is refused with LOCKED). */
export async function sync(
  adapters: GoogleAdapters,
  google: GoogleContext,
  input: SyncInput,
): Promise<SyncResult> {
  return withWorkbookLock(
    adapters.sheets,
    input.spreadsheetId,
    { what: 'suivi-mes google sync', now: () => input.clock.now(), timing: google.timing },
    () => syncHoldingLock(adapters, google, input),
  );
}

async function syncHoldingLock(
  adapters: GoogleAdapters,
  google: GoogleContext,
  input: SyncInput,
): Promise<SyncResult> {
  const { project, spreadsheetId, clock } = input;
  const snapshot = await loadSnapshot(adapters.sheets, spreadsheetId, project.tracking);
  const store = new RestStore(project.tracking, snapshot);
  const ctx: AppContext = { project, store, clock };
  const result: SyncResult = {
    accepted: 0,
    refused: 0,
    alreadyIngested: 0,
    writes: 0,
    formsUpdated: 0,
    sheetEdits: { saved: 0, restored: 0 },
  };
  // Cells typed in the sheet since the last run, compared with the records as loaded, before any new response.
  result.sheetEdits = applySheetEdits(ctx, store, SYNC_ACTOR);
  // Forms made through the Forms API (`api`): a form Apps Script made is read by its own trigger.
  const forms = store.forms().filter((f) => f.meta.api !== undefined);
  const cursors: Array<{ form: RestForm; since: string }> = [];

  google.progress.start('Réponses', forms.length);
  for (const form of forms) {
    const responses = await adapters.forms.responsesSince(
      form.meta.id,
      store.cursor(form.kind, form.establishmentId),
    );
    for (const response of responses) {
      const outcome = ingest(ctx, store, form, response);
      if (outcome === 'accepted') result.accepted += 1;
      else if (outcome === 'refused') result.refused += 1;
      else result.alreadyIngested += 1;
    }
    const last = responses[responses.length - 1];
    // A Google that lists the response at the cursor again (F14) leaves the cursor, and nothing to write.
    if (last && last.lastSubmittedTime !== store.cursor(form.kind, form.establishmentId))
      cursors.push({ form, since: last.lastSubmittedTime });
    google.progress.tick(form.establishmentId);
  }
  google.progress.stop();

  const changed = store.pendingCount > 0;
  // Each cursor is kept with its form in its rows' records, so it goes in the same write as the responses read up
  // to it: both are written, or neither (the next sync then reads them again).
  for (const c of cursors) store.setCursor(c.form.kind, c.form.establishmentId, c.since);
  if (store.pendingCount > 0) {
    await store.flush(adapters.sheets);
    result.writes += 1;
  }

  // Weekly forms: last week's values under each counter, and the week that started since the last run.
  for (const form of store.forms()) {
    if (form.kind !== 'weekly' || !form.meta.api) continue;
    // Forms made before sync kept their items: read them once, then the record holds them.
    const read = !itemsKnown(form.meta);
    const known = read
      ? { ...form, meta: withItemsFromForm(form.meta, await adapters.forms.items(form.meta.id)) }
      : form;
    const update = weeklyFormRefresh(project, store, known, clock.now());
    if (update.requests.length > 0) {
      await adapters.forms.batchUpdate(form.meta.id, update.requests);
      result.formsUpdated += 1;
      // A form brought to a new week is also open to responses again (someone may have closed it by hand).
      if ((await adapters.forms.publishState(form.meta.id)) === 'closed')
        await adapters.forms.setPublished(form.meta.id, true, true);
    }
    if (update.requests.length > 0 || read) store.saveForm(form.kind, form.establishmentId, update.meta);
  }
  if (store.pendingCount > 0) {
    await store.flush(adapters.sheets);
    result.writes += 1;
  }
  if (changed) {
    const meta = await adapters.sheets.describe(spreadsheetId);
    const synthesis = meta.sheets?.find((s) => s.properties?.title === SHEET_NAMES.synthesis);
    const chartId = synthesis?.charts?.[0]?.chartId ?? undefined;
    const refresh = synthesisRefresh(project, store, clock.now(), chartId);
    await adapters.sheets.batchUpdate(spreadsheetId, refresh.requests);
    await adapters.sheets.valuesBatchUpdate(spreadsheetId, [refresh.values]);
    result.writes += 2;
  }
  return result;
}
