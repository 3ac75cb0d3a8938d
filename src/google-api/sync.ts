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
import type { AppContext } from '../app/context';
import { ledgersFromVersions } from '../domain/ledger';
import { synthesisFromLedgers } from '../domain/workbook/workbook';
import { synthesisSheet } from '../domain/workbook/synthesis-sheet';
import type { Clock } from '../ports';
import type { Project } from '../schema/project';
import { a1Block } from './a1';
import { rawRow } from '../google/cell-values';
import type { GoogleContext } from './context';
import { itemsKnown, weeklyFormRefresh, withItemsFromForm } from '../google/form-refresh';
import type { GoogleAdapters } from './adapters';
import { loadSnapshot, RestStore } from './rest-store';
import type { ApiForm } from '../google/form-responses';
import { ingestApiResponse } from '../google/api-form-ingest';
import { madeByFormsApi } from '../google/stored-json';
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
  /**
   * Forms the Apps Script made (linked to a response tab): their responses are the script's to read, never read here
   * (they would come again under other ids), so the report says how many were left to it.
   */
  scriptForms: number;
  /** ARS / ANS cells typed in the Suivi tab: kept, or refused and put back. */
  sheetEdits: SheetEditsResult;
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
    scriptForms: 0,
    sheetEdits: { saved: 0, restored: 0 },
  };
  // Cells typed in the sheet since the last run, compared with the records as loaded, before any new response.
  result.sheetEdits = applySheetEdits(ctx, store, SYNC_ACTOR);
  // Forms made through the Forms API (`api`): a form Apps Script made is read by its own trigger (one reader per
  // form, so one identity per response: docs/classeur-google.md).
  const forms = store.forms().filter((f) => madeByFormsApi(f.meta));
  result.scriptForms = store.forms().length - forms.length;
  const cursors: Array<{ form: ApiForm; since: string }> = [];

  google.progress.start('Réponses', forms.length);
  for (const form of forms) {
    const responses = await adapters.forms.responsesSince(
      form.meta.id,
      store.cursor(form.kind, form.establishmentId),
    );
    for (const response of responses) {
      const { status: outcome } = ingestApiResponse(ctx, form, response);
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
