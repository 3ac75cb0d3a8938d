// install / resumeInstall: sets up (or completes) the whole system, idempotently. Phases, in order: the
// workbook's tabs; the Drive folder, the responses spreadsheet and sharing; the establishments (bundled CSV plus
// new rows of the Établissements tab); each establishment's two forms (a copy of a template form per layout, then
// only its own items changed, linked to the responses spreadsheet, its tab renamed); the registry, the summary
// and the rows of « Textes RETEX »; protections; triggers; the RETEX template documents. Each phase and each
// establishment first checks what exists, so running it again creates nothing twice. A run stops before the time
// budget and leaves a cursor in Script Properties and a continuation trigger; the next run picks up where it
// stopped.
import { frAppsScript } from '../domain/messages';
import { establishmentName, type EstablishmentRecord } from '../domain/model';
import {
  reservedResponseRows,
  reservedWeeks,
  responseColumns,
  trimResponseTab,
  type ResponseForm,
} from './cell-budget';
import { formItems, type ItemSpec } from './form-spec';
import {
  applyFormSettings,
  applyNewFormSettings,
  planOf,
  prefilledLink,
  renderItems,
  syncItems,
  weeklyLink,
  type FormKind,
} from './forms';
import type { GasFile, GasFolder, GasForm } from './gas-api';
import { LOCK_WAIT_MS, withScriptLock } from './lock';
import { applyProtections } from './protections';
import { addSeeds, newRegistrySeeds, renderRegistry } from './registry';
import { ResponsesPool, responsesIds, type Destination } from './responses-pool';
import type { Runtime } from './runtime';
import { InstallCursor, KEYS, TemplateInfo } from './settings';
import type { FormMeta } from './stored-json';
import { refreshSynthesis } from './synthesis';
import { armWatchdog, clearContinuations, ensureTriggers, HANDLERS, scheduleContinuation } from './triggers';
import { createMissingSheets } from './workbook-install';
import { RETEX_DATA_SHEET, SheetRetexStore } from './retex-store';
import { syncRetexTexts } from './retex-texts';
import { retexTemplateFile } from './retex-template-doc';
import { ensureAccompaniment } from './accompaniment-setup';

export const PHASES = [
  'workbook',
  'drive',
  'establishments',
  'forms',
  'sheets',
  'protections',
  'triggers',
  'retex',
] as const;
type Phase = (typeof PHASES)[number];

export type InstallOutcome =
  | { status: 'done'; establishments: number; forms: number }
  | { status: 'continuing'; ready: number; total: number }
  | { status: 'busy' };

const FORM_KINDS: readonly FormKind[] = ['weekly', 'initialisation'];

function journal(rt: Runtime, summary: string, details?: string): void {
  rt.store.transaction(() =>
    rt.store.appendJournal({
      at: rt.clock.now().toISOString(),
      kind: 'install',
      actor: rt.services.Session.getEffectiveUser().getEmail(),
      role: 'system',
      summary,
      ...(details ? { details } : {}),
    }),
  );
}

// ---- Drive ---------------------------------------------------------------------------------------------------

/** The pilot's Drive folder (created, with the master moved into it, when there is none). */
export function folderOf(rt: Runtime): GasFolder {
  const id = rt.settings.get(KEYS.folderId);
  if (id) {
    try {
      return rt.services.DriveApp.getFolderById(id);
    } catch {
      // Deleted by hand: a new one is created below.
    }
  }
  const folder = rt.services.DriveApp.createFolder(frAppsScript.folderName(rt.project.config.pilot.name));
  rt.settings.set(KEYS.folderId, folder.getId());
  rt.services.DriveApp.getFileById(rt.master.getId()).moveTo(folder);
  return folder;
}

function ensureResponses(rt: Runtime, folder: GasFolder): void {
  const id = rt.settings.get(KEYS.responsesId);
  if (id) {
    try {
      rt.services.SpreadsheetApp.openById(id);
      return;
    } catch {
      // Deleted by hand: a new one is created below.
    }
  }
  const responses = rt.services.SpreadsheetApp.create(
    frAppsScript.responsesSpreadsheet(rt.project.config.pilot.name),
  );
  // Response timestamps and dates are then displayed dd/MM/yyyy in Paris time, which responses.ts reads.
  responses.setSpreadsheetLocale('fr_FR');
  responses.setSpreadsheetTimeZone('Europe/Paris');
  rt.services.DriveApp.getFileById(responses.getId()).moveTo(folder);
  rt.settings.set(KEYS.responsesId, responses.getId());
}

function phaseDrive(rt: Runtime): void {
  if (rt.settings.get(KEYS.masterId) !== rt.master.getId()) rt.settings.set(KEYS.masterId, rt.master.getId());
  rt.master.setSpreadsheetLocale('fr_FR');
  rt.master.setSpreadsheetTimeZone('Europe/Paris');
  const folder = folderOf(rt);
  ensureResponses(rt, folder);
  const { ars, ans } = rt.project.config.roles;
  // Protections only restrict editors: ARS and ANS must be editors of the file to write their columns.
  if (ars.length + ans.length > 0) rt.master.addEditors([...ars, ...ans]);
}

// ---- Forms ---------------------------------------------------------------------------------------------------

/** What one install run keeps between establishments. */
interface RunCache {
  /** Whether an earlier run stopped without finishing: form files it left behind are then looked for. */
  interrupted: boolean;
  templates: Map<string, { info: TemplateInfo; file: GasFile }>;
  /** The responses spreadsheets, opened once per run (made by the forms phase). */
  pool?: ResponsesPool;
}

/** The template form of one layout (form × number of use cases), created once and copied per establishment. */
function ensureTemplate(
  rt: Runtime,
  cache: RunCache,
  kind: FormKind,
  establishment: EstablishmentRecord,
  folder: GasFolder,
): { info: TemplateInfo; file: GasFile } {
  const signature = `${kind}-${establishment.useCases.length}`;
  const cached = cache.templates.get(signature);
  if (cached) return cached;
  const key = KEYS.template(signature);
  const known = rt.settings.json(key, TemplateInfo);
  if (known) {
    try {
      const file = rt.services.DriveApp.getFileById(known.id);
      if (!file.isTrashed()) {
        cache.templates.set(signature, { info: known, file });
        return { info: known, file };
      }
    } catch {
      // Deleted by hand: a new template is made below.
    }
  }
  const plan = planOf(rt, kind, establishment);
  const title = `${rt.project.forms[kind].title} (${establishment.useCases.length})`;
  const form = rt.services.FormApp.create(frAppsScript.templateFileName(title));
  rt.services.DriveApp.getFileById(form.getId()).moveTo(folder);
  applyNewFormSettings(form);
  form.setTitle(rt.project.forms[kind].title);
  const rendered = renderItems(rt.services, form, formItems(plan));
  const info: TemplateInfo = { id: form.getId(), keys: rendered.keys, applied: rendered.applied };
  rt.settings.setJson(key, info);
  const entry = { info, file: rt.services.DriveApp.getFileById(info.id) };
  cache.templates.set(signature, entry);
  return entry;
}

function formUrlMatches(url: string | null, form: GasForm): boolean {
  if (!url) return false;
  const bare = (u: string) => u.replace(/[?#].*$/, '').replace(/\/(viewform|edit|formResponse)$/, '');
  return (
    bare(url) === bare(form.getPublishedUrl()) ||
    bare(url) === bare(form.getEditUrl()) ||
    url.includes(form.getId())
  );
}

/**
 * Links a form to its establishment's responses spreadsheet (unless it already is: a form left by an interrupted
 * run) and returns its tab's sheet id, renamed and trimmed, and that spreadsheet's id.
 */
function linkForm(
  rt: Runtime,
  choose: (kept?: string) => Destination,
  form: GasForm,
  kind: FormKind,
  specs: readonly ItemSpec[],
  tabName: string,
  fresh: boolean,
): { tabId: number; responsesId: string; trimmed: boolean } {
  let destination = '';
  if (!fresh)
    try {
      destination = form.getDestinationId();
    } catch {
      // No destination yet.
    }
  // A form an interrupted run linked keeps its spreadsheet; its tab is then trimmed as any new one would be.
  const chosen = choose(responsesIds(rt).includes(destination) ? destination : undefined);
  const responses = chosen.spreadsheet;
  if (destination !== responses.getId())
    form.setDestination(rt.services.FormApp.DestinationType.SPREADSHEET, responses.getId());
  const sheets = responses.getSheets();
  // Google puts a newly linked form's tab first; the others are checked only if it is not there.
  const first = sheets[0];
  const tab =
    first && formUrlMatches(first.getFormUrl(), form)
      ? first
      : sheets.find((s) => formUrlMatches(s.getFormUrl(), form));
  if (!tab) throw new Error(`No responses tab found for form ${form.getId()}`);
  if (tab.getName() !== tabName && !responses.getSheetByName(tabName)) tab.setName(tabName);
  if (chosen.trim)
    trimResponseTab(
      tab,
      reservedResponseRows(kind, reservedWeeks(rt.calendar)),
      fresh ? { columns: responseColumns(specs), lastRow: 1 } : undefined,
    );
  return { tabId: tab.getSheetId(), responsesId: responses.getId(), trimmed: chosen.trim };
}

/** Creates (or completes) one establishment's forms. A form file left by an interrupted run is reused. */
function installForms(
  rt: Runtime,
  cache: RunCache,
  establishment: EstablishmentRecord,
  folder: GasFolder,
  pool: ResponsesPool,
): number {
  let created = 0;
  // Both forms' response columns, which size the room their responses spreadsheet reserves.
  const choose = (kept?: string) => {
    const columns = {} as Record<ResponseForm, number>;
    for (const kind of FORM_KINDS)
      columns[kind] = responseColumns(formItems(planOf(rt, kind, establishment)));
    return pool.destinationFor(establishment, columns, kept);
  };
  for (const kind of FORM_KINDS) {
    const known = rt.store.formsOf(establishment.id)[kind];
    if (known && known.tabId >= 0 && known.prefilled) continue;
    if (!rt.hasTime()) break;
    rt.unit(() => {
      const plan = planOf(rt, kind, establishment);
      const specs = formItems(plan);
      let meta: FormMeta | undefined = known;
      let form: GasForm | undefined;
      let fresh = false;
      if (meta) form = rt.services.FormApp.openById(meta.id);
      else {
        const { info: template, file } = ensureTemplate(rt, cache, kind, establishment, folder);
        const fileName = frAppsScript.formFileName(plan.title, establishment.id);
        const leftOver = cache.interrupted ? folder.getFilesByName(fileName) : undefined;
        fresh = !leftOver?.hasNext();
        const id = leftOver && !fresh ? leftOver.next().getId() : file.makeCopy(fileName, folder).getId();
        form = rt.services.FormApp.openById(id);
        const items = form.getItems();
        if (items.length !== template.keys.length)
          throw new Error(`Form ${id} has ${items.length} items, its template ${template.keys.length}`);
        meta = {
          id,
          url: form.getPublishedUrl(),
          tabId: -1,
          items: Object.fromEntries(template.keys.map((k, i) => [k, items[i]?.getId() ?? -1])),
          applied: { ...template.applied },
        };
        applyFormSettings(form, plan);
        created += 1;
      }
      const opened = form;
      meta = syncItems(rt.services, meta, specs, () => opened).meta;
      if (meta.tabId < 0) {
        const tabName = frAppsScript.responsesTab(kind, establishment.id);
        const linked = linkForm(rt, choose, opened, kind, specs, tabName, fresh);
        meta.tabId = linked.tabId;
        meta.responsesId = linked.responsesId;
        meta.responsesPart = Math.max(0, responsesIds(rt).indexOf(linked.responsesId));
        if (linked.trimmed) meta.trimmed = true;
      }
      meta.prefilled =
        kind === 'weekly' ? weeklyLink(rt, opened, meta, establishment) : prefilledLink(opened, meta, plan);
      rt.store.saveForm(establishment.id, kind, meta);
    });
  }
  return created;
}

function formsReady(rt: Runtime, e: EstablishmentRecord): boolean {
  const forms = rt.store.formsOf(e.id);
  return FORM_KINDS.every((k) => {
    const meta = forms[k];
    return meta !== undefined && meta.tabId >= 0 && meta.prefilled !== undefined;
  });
}

// ---- The run ---------------------------------------------------------------------------------------------------

/** Runs one phase as far as time allows; true when it is complete. */
function runPhase(rt: Runtime, cache: RunCache, phase: Phase): boolean {
  switch (phase) {
    case 'workbook': {
      const created = createMissingSheets(rt);
      if (created.length > 0) journal(rt, frAppsScript.installStep(`onglets créés : ${created.join(', ')}`));
      return true;
    }
    case 'drive':
      phaseDrive(rt);
      return true;
    case 'establishments': {
      const { seeds, error } = newRegistrySeeds(rt);
      if (error) {
        journal(rt, frAppsScript.registryRowRefused(error));
        rt.notify(frAppsScript.registryRowRefused(error));
      }
      const added = addSeeds(rt, [...rt.project.establishments, ...seeds]);
      if (added > 0) journal(rt, frAppsScript.installStep(`${added} ligne(s) de suivi ajoutée(s)`));
      return true;
    }
    case 'forms': {
      const pending = rt.store.listEstablishments().filter((e) => !formsReady(rt, e));
      if (pending.length === 0) return true;
      const folder = folderOf(rt);
      if (responsesIds(rt).length === 0) throw new Error(frAppsScript.notInstalled);
      const pool = (cache.pool ??= new ResponsesPool(rt, folder, cache.interrupted));
      for (const e of pending) {
        if (!rt.hasTime()) return false;
        const created = installForms(rt, cache, e, folder, pool);
        if (created > 0)
          journal(rt, frAppsScript.installStep(`formulaires de ${establishmentName(e)} créés`), e.id);
      }
      return pending.every((e) => formsReady(rt, e));
    }
    case 'sheets':
      renderRegistry(rt);
      refreshSynthesis(rt, true);
      // The ARS can write its RETEX sections as soon as the documents are known.
      syncRetexTexts(rt, rt.retexTemplates(), new SheetRetexStore(rt.store.sheet(RETEX_DATA_SHEET)));
      return true;
    case 'protections': {
      const p = applyProtections(rt);
      journal(
        rt,
        frAppsScript.installStep(
          `protections : ${p.created} créée(s), ${p.updated} vérifiée(s), ${p.removed} retirée(s)`,
        ),
      );
      return true;
    }
    case 'triggers': {
      if (responsesIds(rt).length === 0) throw new Error(frAppsScript.notInstalled);
      const t = ensureTriggers(
        rt,
        responsesIds(rt).map((id) => rt.services.SpreadsheetApp.openById(id)),
      );
      journal(rt, frAppsScript.installStep(`déclencheurs : ${t.created} créé(s), ${t.deleted} supprimé(s)`));
      return true;
    }
    case 'retex': {
      // The RETEX templates, so the ARS can adapt them in Google Docs before the first RETEX.
      const folder = folderOf(rt);
      const { useCase, crossCutting } = rt.retexTemplates();
      for (const description of [useCase, crossCutting]) retexTemplateFile(rt, description, folder);
      return true;
    }
  }
}

/** install (menu) and resumeInstall (continuation trigger). */
export function runInstall(rt: Runtime, continuation: boolean): InstallOutcome {
  if (continuation) clearContinuations(rt, HANDLERS.resumeInstall);
  const cursor: InstallCursor = rt.settings.json(KEYS.installCursor, InstallCursor) ?? {
    startedAt: rt.clock.now().toISOString(),
    runs: 0,
    phase: PHASES[0],
  };
  const cache: RunCache = { interrupted: cursor.runs > 0, templates: new Map() };
  cursor.runs += 1;
  const locked = withScriptLock(rt.services.LockService, LOCK_WAIT_MS, (): InstallOutcome => {
    // Saved before any work: a run that dies (an error, Google's time limit) leaves it, and the next run then
    // looks for form files it may have copied without recording them.
    rt.settings.setJson(KEYS.installCursor, cursor);
    armWatchdog(rt, HANDLERS.resumeInstall);
    let index = Math.max(0, PHASES.indexOf(cursor.phase as Phase));
    while (index < PHASES.length) {
      const phase = PHASES[index] as Phase;
      cursor.phase = phase;
      // The forms phase times each form itself; any other phase is one unit of work.
      const run = () =>
        phase === 'forms' ? runPhase(rt, cache, phase) : rt.unit(() => runPhase(rt, cache, phase));
      if (!rt.hasTime() || !run()) {
        rt.settings.setJson(KEYS.installCursor, cursor);
        scheduleContinuation(rt, HANDLERS.resumeInstall);
        const all = rt.store.listEstablishments();
        return {
          status: 'continuing',
          ready: all.filter((e) => formsReady(rt, e)).length,
          total: all.length,
        };
      }
      index += 1;
    }
    rt.settings.delete(KEYS.installCursor);
    clearContinuations(rt, HANDLERS.resumeInstall);
    if (rt.hasTime()) rt.unit(() => ensureAccompaniment(rt));
    const establishments = rt.store.listEstablishments().length;
    const forms = rt.store.listEstablishments().filter((e) => formsReady(rt, e)).length * FORM_KINDS.length;
    journal(rt, frAppsScript.installDone(establishments, forms), `runs: ${cursor.runs}`);
    return { status: 'done', establishments, forms };
  });
  if (!locked.ok) {
    if (continuation) scheduleContinuation(rt, HANDLERS.resumeInstall);
    rt.notify(frAppsScript.installBusy);
    return { status: 'busy' };
  }
  const outcome = locked.value;
  if (outcome.status === 'done') rt.notify(frAppsScript.installDone(outcome.establishments, outcome.forms));
  if (outcome.status === 'continuing') rt.notify(frAppsScript.installContinues(outcome.ready, outcome.total));
  return outcome;
}
