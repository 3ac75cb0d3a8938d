// `google install`, holding the workbook's lock: the master spreadsheet drawn from the workbook model (tabs, merges,
// colours, frozen rows, validations, protections, chart) in ONE spreadsheets.batchUpdate, headers written RAW;
// then, per establishment, its records and Suivi row, its two forms (forms.create, items in one batchUpdate,
// setPublishSettings, responders through Drive) and the registry links; and the RETEX folder and template Google
// Docs. Idempotent: what exists (tabs, establishments, forms, templates — all recorded in the spreadsheet) is left
// alone, so a second run writes nothing and a new establishment in the CSV adds just it; what the configuration
// decides (protections' editors, who may open the workbook and the RETEX folder) is brought back in line at each run.
import type { sheets_v4 } from '@googleapis/sheets';
import { pilotCalendar } from '../domain/calendar';
import { formPlanContextOf, initialisationFormPlan, weeklyFormPlan } from '../domain/form-plan';
import { establishmentFromSeed, establishmentName, type EstablishmentRecord } from '../domain/model';
import { protectionPlan, type ProtectionSpec } from '../domain/workbook/protection-plan';
import { buildWorkbook } from '../domain/workbook/workbook';
import { registrySheet, type EstablishmentLinks } from '../domain/workbook/registry-sheet';
import type { WorkbookModel } from '../domain/workbook/sheet-model';
import type { Project } from '../schema/project';
import type { BinomesFile } from '../schema/accompaniment';
import { seedBinomes } from '../app/accompaniment';
import { MemoryAccompanimentStore } from '../app/accompaniment-memory-store';
import { a1Block } from './a1';
import { frGoogle } from './messages';
import { GoogleApiError, statusOf } from './errors';
import { rawRow } from '../google/cell-values';
import type { GoogleAdapters } from './adapters';
import type { GoogleContext } from './context';
import { DATA_HEADER } from './data-tab';
import type { FormKind, FormMeta } from '../google/stored-json';
import { formMetaOf, formRequests } from '../google/form-requests';
import { hiddenColumnGrowth, loadSnapshot, RestStore } from './rest-store';
import { SHEET_NAMES } from '../domain/workbook/sheet-model';
import { reconcileSharing, type SharingChanges, type WantedAccess } from './sharing';
import {
  ensureRetexSetup,
  RETEX_FOLDER_WHAT,
  retexFolderAccess,
  type DocxTemplates,
} from './retex/retex-google';
import { RestRetexStore } from './retex/rest-retex-store';
import type { RetexDocumentKind } from '../domain/retex/template';
import { withWorkbookLock } from './workbook-lock';
import {
  addSheetRequest,
  DATA_SHEET,
  DATA_SHEET_PROTECTION,
  dataSheetRequests,
  freshSheetIds,
  protectionReconcileRequests,
  protectionRequest,
  retexDataProtection,
  retexDataSheetRequests,
  sheetDrawingRequests,
} from '../google/workbook-requests';
import { frGoogleShared, frWorkbookLayout } from '../google/messages';
import {
  MODIFICATIONS,
  RETEX_DATA_SHEET,
  SUIVI_RECORDS_PROTECTION,
  suiviHiddenColumns,
} from '../google/workbook-layout';
import {
  modificationsHeaderValues,
  modificationsProtection,
  modificationsSheetRequests,
} from './modifications-tab';

const INSTALL_ACTOR = 'suivi-mes google install';

/** What the REST APIs cannot do that the Apps Script runtime does; the command explains each in French. */
export type RestLimitation = 'itemValidation' | 'formDestination' | 'triggers';
export const REST_LIMITATIONS: readonly RestLimitation[] = ['itemValidation', 'formDestination', 'triggers'];

export interface InstallInput {
  project: Project;
  now: Date;
  /** The account running the CLI: kept as editor of every protected range. */
  adminEmail?: string;
  /** The spreadsheet of an earlier install (state file), if any. */
  spreadsheetId?: string;
  /** Called as soon as a new spreadsheet exists, so a crash later never creates a second one. */
  onCreated?: (spreadsheetId: string, url: string) => void;
  /** The RETEX .docx templates to import as Google Docs (in the RETEX folder) when not imported yet. */
  retexDocx?: DocxTemplates;
  /**
   * The configuration's binômes file: an establishment this install adds gets « Contact référent GRADeS et ARS »
   * from its binôme, through the core as the Apps Script install does (no binôme store on this side).
   */
  binomes?: BinomesFile;
}

export interface InstallResult {
  spreadsheetId: string;
  spreadsheetUrl: string;
  created: boolean;
  /** Subrequests of the structure batch (0 when the tabs already existed). */
  structureRequests: number;
  /** Protections added, updated or deleted to match the plan on a workbook that already existed. */
  protectionsChanged: number;
  /** Accesses given and withdrawn (workbook and RETEX folder) to match the role e-mails of the configuration. */
  access: SharingChanges;
  /** RETEX templates imported as Google Docs by this run. */
  retexTemplatesImported: RetexDocumentKind[];
  addedEstablishments: string[];
  formsCreated: number;
  /** Forms of an earlier run published again (made before publishing was needed, or closed by hand). */
  formsReopened: number;
  /** Forms of an earlier run made anew because they had been deleted. */
  formsRecreated: number;
  limitations: readonly RestLimitation[];
}

/** The model the structure is drawn from: no records yet, only the layout and the headers. */
export function structureModel(project: Project, now: Date): WorkbookModel {
  return buildWorkbook({
    tracking: project.tracking,
    config: project.config,
    calendar: pilotCalendar(project.config),
    departmentCodes: project.departments.map((d) => d.code),
    establishments: [],
    versions: [],
    annotations: new Map(),
    journal: [],
    links: new Map(),
    now,
  });
}

/** Every protection the workbook should have, among the tabs it has (the records column once it exists). */
function protectionsOf(
  project: Project,
  model: WorkbookModel,
  sheets: readonly sheets_v4.Schema$Sheet[],
): Array<Pick<ProtectionSpec, 'rect' | 'editors' | 'description'> & { sheet: string }> {
  const titles = new Set(sheets.map((s) => s.properties?.title));
  const suiviColumns =
    sheets.find((s) => s.properties?.title === SHEET_NAMES.suivi)?.properties?.gridProperties?.columnCount ??
    0;
  return [
    ...protectionPlan(model, project.config),
    ...(titles.has(DATA_SHEET)
      ? [{ sheet: DATA_SHEET, rect: null, editors: [], description: DATA_SHEET_PROTECTION }]
      : []),
    // Once the record column exists (a workbook of an older version gets it at its next sync): Google refuses
    // a protected range outside the grid.
    ...(suiviColumns >= suiviHiddenColumns(project.tracking).recordCol
      ? [suiviRecordsProtection(project)]
      : []),
    ...(titles.has(MODIFICATIONS) ? [modificationsProtection] : []),
    ...(titles.has(RETEX_DATA_SHEET) ? [retexDataProtection] : []),
  ];
}

/** The ONE batch that draws every tab; `existing` are the sheet ids Google made with the file (to delete). */
export function structureRequests(
  model: WorkbookModel,
  project: Project,
  adminEmail: string | undefined,
  existing: readonly number[],
  /** Role protections for the owner alone (their editors are set once Drive said who has a Google account). */
  ownerOnly = false,
): sheets_v4.Schema$Request[] {
  const ids = freshSheetIds(model);
  const id = (name: string) => ids.get(name) ?? 0;
  const requests: sheets_v4.Schema$Request[] = model.sheets.map((s, i) => addSheetRequest(s, id(s.name), i));
  requests.push(...dataSheetRequests(id(DATA_SHEET), model.sheets.length, adminEmail));
  for (const sheetId of existing) requests.push({ deleteSheet: { sheetId } });
  for (const s of model.sheets) requests.push(...sheetDrawingRequests(s, id(s.name)));
  requests.push(...suiviRecordColumn(model, id(SHEET_NAMES.suivi)).requests);
  for (const spec of protectionPlan(model, project.config))
    requests.push(protectionRequest(ownerOnly ? { ...spec, editors: [] } : spec, id(spec.sheet), adminEmail));
  const records = suiviRecordsProtection(project);
  requests.push(protectionRequest(records, id(records.sheet), adminEmail));
  requests.push(...modificationsSheetRequests(ids.size + 1, model.sheets.length + 1, { adminEmail }));
  // « RETEX (données) », hidden and owner-only as Apps Script makes it (the request builder both share).
  requests.push(...retexDataSheetRequests(ids.size + 2, model.sheets.length + 2, { adminEmail }));
  return requests;
}

/** « RETEX (données) »'s header row (the records-tab header both runtimes write). */
function retexDataHeaderValues(): sheets_v4.Schema$ValueRange {
  const header = frWorkbookLayout.recordsTabHeader;
  return {
    range: a1Block(RETEX_DATA_SHEET, 0, 0, 1, header.length),
    majorDimension: 'ROWS',
    values: [[...header]],
  };
}

/** Suivi's record column, owner-only as Apps Script protects it: only suivi-mes writes the records. */
function suiviRecordsProtection(project: Project) {
  const { recordCol } = suiviHiddenColumns(project.tracking);
  return {
    sheet: SHEET_NAMES.suivi,
    rect: { row: 0, col: recordCol - 1, rows: null, cols: 1 },
    editors: [],
    description: SUIVI_RECORDS_PROTECTION,
  };
}

/** Headers and fixed contents (legend, empty summary), written RAW once the tabs exist. */
export function structureValues(model: WorkbookModel): sheets_v4.Schema$ValueRange[] {
  const out: sheets_v4.Schema$ValueRange[] = model.sheets
    .map((s) => [...s.header, ...s.rows])
    .map((rows, i) => ({ rows, name: model.sheets[i]?.name ?? '' }))
    .filter(({ rows }) => rows.length > 0)
    .map(({ rows, name }) => ({
      range: a1Block(name, 0, 0, rows.length, Math.max(...rows.map((r) => r.length))),
      majorDimension: 'ROWS',
      values: rows.map(rawRow),
    }));
  out.push({ range: a1Block(DATA_SHEET, 0, 0, 1, 3), majorDimension: 'ROWS', values: [[...DATA_HEADER]] });
  out.push(...suiviRecordColumn(model, 0).values);
  out.push(modificationsHeaderValues());
  out.push(retexDataHeaderValues());
  return out;
}

/**
 * Suivi's hidden record column (src/google/workbook-layout.ts), right after the model's columns (whose last is the
 * row key): drawn with the other tabs, so the first records write needs no growth.
 */
function suiviRecordColumn(
  model: WorkbookModel,
  sheetId: number,
): { requests: sheets_v4.Schema$Request[]; values: sheets_v4.Schema$ValueRange[] } {
  const suivi = model.sheets.find((s) => s.name === SHEET_NAMES.suivi);
  if (!suivi) return { requests: [], values: [] };
  const sheet = { sheetId, rowCount: 0, columnCount: suivi.columns.length };
  const { growth, data } = hiddenColumnGrowth(
    sheet,
    SHEET_NAMES.suivi,
    suivi.columns.length,
    frWorkbookLayout.suiviRecordColumn,
  );
  return { requests: growth, values: data };
}

/**
 * Creates one form from its plan, publishes it and lets anyone with the link answer; returns its record as both
 * runtimes keep it (stored-json.ts), with what only this runtime needs under `api`: each question's Forms API ids by
 * item key.
 */
export async function createForm(
  adapters: GoogleAdapters,
  kind: FormKind,
  establishment: EstablishmentRecord,
  project: Project,
  now: Date,
): Promise<FormMeta> {
  const ctx = formPlanContextOf(project, now);
  const plan =
    kind === 'weekly'
      ? weeklyFormPlan(ctx, establishment, new Map())
      : initialisationFormPlan(ctx, establishment);
  const { formId, responderUri } = await adapters.forms.create(plan.title, plan.title);
  const { requests, items } = formRequests(plan);
  const replies = await adapters.forms.batchUpdate(formId, requests);
  await adapters.forms.setPublished(formId, true, true);
  await adapters.drive.share(formId, { type: 'anyone', role: 'reader', view: 'published' });
  return { ...formMetaOf(formId, responderUri, items, replies), published: true };
}

function registryValues(project: Project, store: RestStore): sheets_v4.Schema$ValueRange[] {
  const links = new Map<string, EstablishmentLinks>();
  for (const f of store.forms()) {
    const l = links.get(f.establishmentId) ?? {};
    if (f.kind === 'weekly') l.weekly = f.meta.url;
    else l.initialisation = f.meta.url;
    links.set(f.establishmentId, l);
  }
  const sheet = registrySheet(project.tracking, store.listEstablishments(), links);
  const rows = [...sheet.header, ...sheet.rows];
  return [
    {
      range: a1Block(sheet.name, 0, 0, rows.length, sheet.columns.length),
      majorDimension: 'ROWS',
      values: rows.map(rawRow),
    },
  ];
}

export async function install(
  adapters: GoogleAdapters,
  google: GoogleContext,
  input: InstallInput,
): Promise<InstallResult> {
  const { project, now } = input;
  const model = structureModel(project, now);
  let spreadsheetId = input.spreadsheetId;
  let created = false;
  let url = '';
  if (!spreadsheetId) {
    const made = await adapters.sheets.create(model.title);
    spreadsheetId = made.spreadsheetId;
    url = made.url;
    created = true;
    input.onCreated?.(spreadsheetId, url);
  }
  const id = spreadsheetId;
  return withWorkbookLock(
    adapters.sheets,
    id,
    { what: 'suivi-mes google install', now: () => now, timing: google.timing },
    () => installHoldingLock(adapters, google, input, model, { spreadsheetId: id, url, created }),
  );
}

/** Who may write the workbook: everyone who types somewhere in it (ARS, ANS), protections doing the rest. */
function workbookAccess(project: Project): WantedAccess[] {
  return (['ars', 'ans'] as const).flatMap((role) =>
    project.config.roles[role].map((email) => ({ email, role: 'writer' as const })),
  );
}

async function installHoldingLock(
  adapters: GoogleAdapters,
  google: GoogleContext,
  input: InstallInput,
  model: WorkbookModel,
  file: { spreadsheetId: string; url: string; created: boolean },
): Promise<InstallResult> {
  const { project, now } = input;
  const { spreadsheetId, created } = file;
  const actor = input.adminEmail ?? INSTALL_ACTOR;
  const meta = await adapters.sheets.describe(spreadsheetId);
  const url = meta.spreadsheetUrl ?? file.url;
  const titles = new Set((meta.sheets ?? []).map((s) => s.properties?.title));
  let structure = 0;
  let protectionsChanged = 0;
  let protectionsDeferred = false;
  // Tabs are made in one batch with everything drawn on them; a workbook whose tabs all exist keeps its drawing,
  // only its protections are brought back in line with the plan (role e-mails changed, a protection removed).
  if (![...model.sheets.map((s) => s.name), DATA_SHEET].every((t) => titles.has(t))) {
    if (titles.has(DATA_SHEET) || model.sheets.some((s) => titles.has(s.name)))
      throw new GoogleApiError(
        'NOT_INSTALLED',
        frGoogle.partialWorkbook(spreadsheetId),
        `spreadsheet ${spreadsheetId} holds some of our tabs but not all`,
      );
    const existing = (meta.sheets ?? []).flatMap((s) =>
      typeof s.properties?.sheetId === 'number' ? [s.properties.sheetId] : [],
    );
    const requests = structureRequests(model, project, input.adminEmail, existing);
    structure = requests.length;
    try {
      await adapters.sheets.batchUpdate(spreadsheetId, requests);
    } catch (error) {
      // S13 (docs/google-assumptions.md): a protection naming an editor without a Google account may fail the
      // whole batch, and nothing was applied. Drawn again with owner-only role protections; their editors are set
      // below, once sharing has said which addresses Google refuses.
      if (statusOf(error) !== 400) throw error;
      await adapters.sheets.batchUpdate(
        spreadsheetId,
        structureRequests(model, project, input.adminEmail, existing, true),
      );
      protectionsDeferred = true;
    }
    await adapters.sheets.valuesBatchUpdate(spreadsheetId, structureValues(model));
  } else {
    // Brought in line after sharing, without the addresses Drive refuses (below).
    protectionsDeferred = true;
  }
  if (created) await adapters.drive.forbidResharing(spreadsheetId);

  const store = new RestStore(
    project.tracking,
    await loadSnapshot(adapters.sheets, spreadsheetId, project.tracking),
  );
  const access = await reconcileSharing(
    adapters.drive,
    store,
    spreadsheetId,
    model.title,
    workbookAccess(project),
    { adopt: !created, actor, now },
  );
  if (protectionsDeferred) {
    // An address Drive refused has no Google account: a protection naming it would fail the batch (S13) and it
    // could not type anyway. The next install tries it again, as it tries the share again.
    const refused = new Set(access.refused.map((r) => r.email.toLowerCase()));
    const described = created ? await adapters.sheets.describe(spreadsheetId) : meta;
    const requests = protectionReconcileRequests(
      described.sheets ?? [],
      protectionsOf(project, model, described.sheets ?? []).map((p) => ({
        ...p,
        editors: p.editors.filter((e) => !refused.has(e.toLowerCase())),
      })),
      input.adminEmail,
    );
    if (requests.length > 0) await adapters.sheets.batchUpdate(spreadsheetId, requests);
    // A new workbook's protections are its install's, not a reconciliation to report.
    if (!created) protectionsChanged = requests.length;
  }
  if (protectionsChanged > 0)
    store.appendJournal({
      at: now.toISOString(),
      kind: 'access',
      actor,
      role: 'system',
      target: spreadsheetId,
      summary: frGoogle.protectionsReconciled(protectionsChanged),
    });
  const hadFolder = new RestRetexStore(store).folder() !== undefined;
  const retexSetup = input.retexDocx
    ? await ensureRetexSetup(adapters.drive, store, {
        project,
        docx: input.retexDocx,
        access: retexFolderAccess(project),
        actor,
        now,
      })
    : undefined;
  const folder = new RestRetexStore(store).folder();
  // A folder made just now was shared as configured; an older one is brought in line with the configuration.
  if (folder && hadFolder) {
    const retexAccess = await reconcileSharing(
      adapters.drive,
      store,
      folder.folderId,
      RETEX_FOLDER_WHAT,
      retexFolderAccess(project),
      { adopt: false, actor, now },
    );
    access.granted.push(...retexAccess.granted);
    access.withdrawn.push(...retexAccess.withdrawn);
    access.refused.push(...retexAccess.refused);
  }
  const added: string[] = [];
  for (const seed of project.establishments) {
    // As in Apps Script (registry.ts addSeeds): an establishment joins the follow-up with its first use case. With
    // none it would have no Suivi row, so no record to keep it and its forms in (docs/classeur-google.md).
    if (store.getEstablishment(seed.id) || seed.useCases.length === 0) continue;
    const e = establishmentFromSeed(seed, project.departments, project.config, project.tracking);
    store.saveEstablishment(e);
    store.appendJournal({
      at: now.toISOString(),
      kind: 'install',
      actor,
      role: 'system',
      target: e.id,
      summary: `Établissement ajouté au suivi : ${establishmentName(e)}.`,
    });
    added.push(e.id);
  }
  if (input.binomes && added.length > 0) {
    // Only the establishments added now: on a re-install, what the ARS made of the contact since is kept. The
    // binômes themselves live in a throwaway store: the REST side keeps no accompaniment (the contact is a cell).
    const assignments = Object.fromEntries(
      Object.entries(input.binomes.assignments).filter(([id]) => added.includes(id)),
    );
    seedBinomes(
      { project, store, clock: { now: () => now }, accompaniment: new MemoryAccompanimentStore() },
      { ...input.binomes, assignments },
    );
  }
  await store.flush(adapters.sheets);

  const reopened = await reopenForms(adapters, store, project, now, actor);

  const missing = store
    .listEstablishments()
    .flatMap((e) =>
      (['initialisation', 'weekly'] as const).filter((k) => !store.form(k, e.id)).map((k) => ({ e, k })),
    );
  google.progress.start('Formulaires', missing.length);
  for (const { e, k } of missing) {
    store.saveForm(k, e.id, await createForm(adapters, k, e, project, now));
    // Recorded at once: a crash later never leaves a form the next run would not know about.
    await store.flush(adapters.sheets);
    google.progress.tick(establishmentName(e));
  }
  google.progress.stop();
  if (missing.length > 0 || added.length > 0 || reopened.recreated > 0)
    await adapters.sheets.valuesBatchUpdate(spreadsheetId, registryValues(project, store));
  return {
    spreadsheetId,
    spreadsheetUrl: url,
    created,
    structureRequests: structure,
    protectionsChanged,
    access,
    retexTemplatesImported: retexSetup?.imported ?? [],
    addedEstablishments: added,
    formsCreated: missing.length,
    formsReopened: reopened.reopened,
    formsRecreated: reopened.recreated,
    limitations: REST_LIMITATIONS,
  };
}

/**
 * The forms of an earlier run, each read back (forms.get, publishSettings): one not published or not accepting
 * responses (made before forms had to be published, or closed by hand) is published again; one deleted by hand is
 * made anew and its record replaced. Each change is journaled.
 */
async function reopenForms(
  adapters: GoogleAdapters,
  store: RestStore,
  project: Project,
  now: Date,
  actor: string,
): Promise<{ reopened: number; recreated: number }> {
  let reopened = 0;
  let recreated = 0;
  for (const { kind, establishmentId, meta } of store.forms()) {
    const state = await adapters.forms.publishState(meta.id);
    if (state === 'open') continue;
    const e = store.getEstablishment(establishmentId);
    if (!e) continue;
    const title = kind === 'weekly' ? project.forms.weekly.title : project.forms.initialisation.title;
    const name = `${title} — ${establishmentName(e)}`;
    if (state === 'closed') {
      await adapters.forms.setPublished(meta.id, true, true);
      if (meta.published !== true) store.saveForm(kind, establishmentId, { ...meta, published: true });
      reopened += 1;
    } else {
      store.saveForm(kind, establishmentId, await createForm(adapters, kind, e, project, now));
      recreated += 1;
    }
    store.appendJournal({
      at: now.toISOString(),
      kind: 'install',
      actor,
      role: 'system',
      target: e.id,
      summary: state === 'closed' ? frGoogleShared.formReopened(name) : frGoogle.formRecreated(name),
      details: `${kind} form ${meta.id} was ${state}`,
    });
    // Recorded at once: a crash later never loses the new form.
    await store.flush(adapters.sheets);
  }
  return { reopened, recreated };
}
