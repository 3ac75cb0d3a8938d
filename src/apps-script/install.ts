// install / resumeInstall: sets up (or completes) the whole system, idempotently. Phases, in order: the
// workbook's tabs; the Drive folder, the responses spreadsheet and sharing; triggers (before any form can take a
// response, so one submitted while install still runs is delivered, notes it missed the lock and is caught up:
// pending.ts); the establishments (bundled CSV plus new rows of the Établissements tab); the RETEX template
// documents; each establishment's two
// forms (a copy of a template form per layout — copied up to 20 at a time in one UrlFetchApp.fetchAll — then only
// its own items changed, linked to the responses spreadsheet, its tab found and renamed with those of the forms
// copied in the same fetchAll); the registry, the summary and the
// rows of « Textes RETEX »; protections. Each phase and each establishment first
// checks what exists, so running it again creates nothing twice. A run stops before the time budget and leaves a
// cursor in Script Properties and a continuation trigger; the next run picks up where it stopped.
import { frAppsScript } from './messages';
import { folderOf } from './drive-folder';
import { frGoogleShared } from '../google/messages';
import { establishmentName, type EstablishmentRecord } from '../domain/model';
import type { FormPlan } from '../domain/form-plan';
import {
  reservedResponseRows,
  reservedWeeks,
  responseColumns,
  trimResponseTab,
  type ResponseForm,
} from './cell-budget';
import { formItems } from './form-spec';
import {
  applyFormSettings,
  applyNewFormSettings,
  ensurePublished,
  openLiveForm,
  planOf,
  prefilledLink,
  syncItems,
  weeklyLink,
  type FormKind,
} from './forms';
import type { GasFile, GasFolder, GasForm, GasItem, GasSheet, GasSpreadsheet } from './gas-api';
import { LOCK_WAIT_MS, withScriptLock } from './lock';
import { pendingDrainer } from './pending';
import { applyProtections } from './protections';
import { addSeeds, newRegistrySeeds, renderRegistry } from './registry';
import { ResponsesPool, responsesIds, type Destination } from './responses-pool';
import type { Runtime } from './runtime';
import { renderTemplate, settleCopies, type SettledCopy } from './forms-api';
import { formDescription } from './form-spec';
import { copyAllAtOnce, COPIES_PER_FETCH } from './drive-copies';
import { InstallCopies, InstallCopy, InstallCursor, KEYS, TemplateInfo } from './settings';
import { madeByFormsApi, type FormMeta } from '../google/stored-json';
import { refreshSynthesis } from './synthesis';
import { armWatchdog, clearContinuations, ensureTriggers, HANDLERS, scheduleContinuation } from './triggers';
import { createMissingSheets } from './workbook-install';
import { RETEX_DATA_SHEET, SheetRetexStore } from './retex/retex-store';
import { syncRetexTexts } from './retex/retex-texts';
import { retexTemplateFile } from './retex/retex-template-doc';
import { DocsServiceMissing } from './retex/retex-docs';
import { ensureAccompaniment } from './accompaniment-setup';
import { sendSheetsBatch } from './sheets-batch';
import { sheetPropertiesRequest } from '../google/workbook-requests';

// The RETEX templates come before the forms: they are one long unit of work whose length no earlier unit tells
// (the forms' units are short since they go through the Forms API), so they run while the execution is young; the
// forms phase, which stops cleanly between forms, takes what time is left.
export const PHASES = [
  'workbook',
  'drive',
  'triggers',
  'establishments',
  'retex',
  'forms',
  'sheets',
  'protections',
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
  shareMaster(rt, [...ars, ...ans]);
}

/**
 * Makes the role addresses editors of the master. Google refuses an address with no Google account (and, in a
 * Workspace, one its sharing policy forbids) and then shares with none of the batch: the addresses are then shared
 * one by one, and each refusal is journaled and shown with Google's reason, the install going on without it.
 */
function shareMaster(rt: Runtime, emails: readonly string[]): void {
  if (emails.length === 0) return;
  try {
    rt.master.addEditors([...emails]);
    return;
  } catch {
    // One address at least was refused: find which below.
  }
  for (const email of emails)
    try {
      rt.master.addEditors([email]);
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      const reason = /no Google account/i.test(message)
        ? frGoogleShared.noGoogleAccount
        : `Google a répondu « ${message.slice(0, 200)} »`;
      const text = frGoogleShared.shareRefused(email, rt.master.getName(), reason);
      journal(rt, text, `addEditors refused ${email}: ${message.slice(0, 300)}`);
      rt.notify(text);
    }
}

// ---- Forms ---------------------------------------------------------------------------------------------------

/** What one install run keeps between establishments. */
interface RunCache {
  /** Whether an earlier run stopped without finishing: form files it left behind are then looked for. */
  interrupted: boolean;
  templates: Map<string, { info: TemplateInfo; file: GasFile }>;
  /** The responses spreadsheets, opened once per run (made by the forms phase). */
  pool?: ResponsesPool;
  /** Form files an earlier run copied, reused by this one. */
  reused: Set<string>;
  /** Copies made ahead (copyAhead) or found left over, by `establishment/kind`, each used by its form once. */
  prepared: Map<string, string>;
  /** What the Forms API already set on copies made ahead (settleCopies), by form id. */
  settled: Map<string, SettledCopy>;
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
  const file = rt.services.DriveApp.getFileById(form.getId()).moveTo(folder);
  applyNewFormSettings(form);
  const rendered = renderTemplate(rt, form, rt.project.forms[kind].title, formItems(plan));
  const info: TemplateInfo = { id: form.getId(), keys: rendered.keys, applied: rendered.applied };
  rt.settings.setJson(key, info);
  const entry = { info, file };
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
 * Sends a form's responses to its establishment's responses spreadsheet, unless it already does (a form an earlier
 * run left: it keeps its spreadsheet), and returns that spreadsheet and whether its tab is to be trimmed.
 */
function attachDestination(
  rt: Runtime,
  choose: (kept?: string) => Destination,
  form: GasForm,
  fresh: boolean,
): Destination {
  let destination = '';
  if (!fresh)
    try {
      destination = form.getDestinationId();
    } catch {
      // No destination yet.
    }
  const chosen = choose(responsesIds(rt).includes(destination) ? destination : undefined);
  if (destination !== chosen.spreadsheet.getId())
    form.setDestination(rt.services.FormApp.DestinationType.SPREADSHEET, chosen.spreadsheet.getId());
  return chosen;
}

/** Tries, and waits between tries (ms, doubling), to see a newly linked form's tab. */
const TAB_TRIES = 4;
const TAB_WAIT_MS = 1000;

interface TabToFind {
  establishment: EstablishmentRecord;
  kind: FormKind;
  form: GasForm;
  meta: FormMeta;
  responses: GasSpreadsheet;
  /** The form's response columns when its tab is new (its size is then known without reading it). */
  freshColumns?: number;
}

/**
 * Finds the response tab of each form just linked, renames it, trims it when its spreadsheet's room was reserved
 * for trimmed tabs (cell-budget.ts) and records its sheet id. Nothing returns the tab and Google may show it late
 * (shared/reference/google-apis.md §1.2): flush, then scan the tabs for the form's URL, a few times with growing
 * waits. A tab still missing is journaled and left for the next run (the form stays not ready, its destination
 * already set, so no second tab is made). Called once for the forms of several establishments (those copied in one
 * fetchAll): one flush and one listing per spreadsheet serve them all, and their tabs are renamed in one Sheets API
 * batch per spreadsheet rather than one Sheet.setName each.
 */
function recordTabs(rt: Runtime, wanted: readonly TabToFind[]): void {
  const found = new Map<TabToFind, GasSheet>();
  // Each spreadsheet's tabs as last listed, whose names the renaming checks.
  const lastListed = new Map<string, GasSheet[]>();
  for (let attempt = 0; attempt < TAB_TRIES && found.size < wanted.length; attempt += 1) {
    if (attempt > 0) rt.services.Utilities.sleep(TAB_WAIT_MS * 2 ** (attempt - 1));
    rt.services.SpreadsheetApp.flush();
    // The forms usually share one spreadsheet: its tabs are listed, and each tab's form URL read, once per attempt.
    const listed = new Map<string, Array<{ sheet: GasSheet; url?: string | null }>>();
    for (const w of wanted) {
      if (found.has(w)) continue;
      const id = w.responses.getId();
      let sheets = listed.get(id);
      if (!sheets) {
        const all = w.responses.getSheets();
        lastListed.set(id, all);
        sheets = all.map((sheet) => ({ sheet }));
        listed.set(id, sheets);
      }
      // Google puts a newly linked form's tab first: the first tabs are checked first.
      const tab = sheets.find((s) => {
        if (s.url === undefined) s.url = s.sheet.getFormUrl();
        return formUrlMatches(s.url, w.form);
      });
      if (tab) found.set(w, tab.sheet);
    }
  }
  renameTabs(rt, wanted, found, lastListed);
  for (const [w, tab] of found)
    if (w.meta.trimmed)
      trimResponseTab(
        tab,
        reservedResponseRows(w.kind, reservedWeeks(rt.calendar)),
        w.freshColumns === undefined ? undefined : { columns: w.freshColumns, lastRow: 1 },
      );
  rt.store.transaction(() => {
    for (const w of wanted) {
      const tab = found.get(w);
      if (tab === undefined) {
        const text = frAppsScript.responsesTabLate(w.form.getTitle());
        rt.store.appendJournal({
          at: rt.clock.now().toISOString(),
          kind: 'install',
          actor: rt.services.Session.getEffectiveUser().getEmail(),
          role: 'system',
          summary: text,
          details: `${w.establishment.id} ${w.kind} form ${w.meta.id}: no tab after ${TAB_TRIES} tries`,
        });
      } else rt.store.saveForm(w.establishment.id, w.kind, { ...w.meta, tabId: tab.getSheetId() });
    }
  });
}

/**
 * Names each found tab after its form and establishment, unless another tab of its spreadsheet already bears that
 * name (a form re-created by hand: its old tab keeps it). One Sheets API batch per spreadsheet; if Google refuses
 * it (a name taken meanwhile), each tab is renamed on its own, a refused name leaving Google's.
 */
function renameTabs(
  rt: Runtime,
  wanted: readonly TabToFind[],
  found: ReadonlyMap<TabToFind, GasSheet>,
  listed: ReadonlyMap<string, readonly GasSheet[]>,
): void {
  const bySpreadsheet = new Map<string, Array<{ tab: GasSheet; name: string }>>();
  const taken = new Map<string, Set<string>>();
  for (const w of wanted) {
    const tab = found.get(w);
    if (!tab) continue;
    const id = w.responses.getId();
    let names = taken.get(id);
    if (!names) {
      names = new Set((listed.get(id) ?? []).map((s) => s.getName().toLowerCase()));
      taken.set(id, names);
    }
    const name = frAppsScript.responsesTab(w.kind, w.establishment.id);
    if (tab.getName() === name || names.has(name.toLowerCase())) continue;
    names.add(name.toLowerCase());
    bySpreadsheet.set(id, [...(bySpreadsheet.get(id) ?? []), { tab, name }]);
  }
  for (const [id, renames] of bySpreadsheet) {
    try {
      sendSheetsBatch(
        rt.services,
        id,
        renames.map((r) => sheetPropertiesRequest(r.tab.getSheetId(), { title: r.name })),
      );
    } catch {
      for (const r of renames)
        try {
          r.tab.setName(r.name);
        } catch {
          // The name is taken: the tab keeps Google's, and is still found by its form's URL.
        }
    }
  }
}

/**
 * Creates (or completes) one establishment's forms. A form file left by an interrupted run is reused. The forms
 * linked to a spreadsheet just now are added to `tabs`, whose tabs the caller finds (recordTabs).
 */
function installForms(
  rt: Runtime,
  cache: RunCache,
  establishment: EstablishmentRecord,
  folder: GasFolder,
  pool: ResponsesPool,
  tabs: TabToFind[],
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
    if (known && formReady(known)) continue;
    if (!rt.hasTime()) break;
    rt.unit(() => {
      const plan = planOf(rt, kind, establishment);
      const specs = formItems(plan);
      let meta: FormMeta | undefined = known;
      let form: GasForm | undefined;
      let fresh = false;
      let copiedItems: GasItem[] | undefined;
      let responses: GasSpreadsheet | undefined;
      if (meta) {
        form = openLiveForm(rt.services, meta.id);
        // Deleted by hand: a new form is made below; its old responses tab stays in the responses spreadsheet.
        if (!form) {
          journal(rt, frAppsScript.formRecreated(plan.title), `${establishment.id} ${kind} ${meta.id}`);
          meta = undefined;
        }
      }
      if (!meta) {
        const { info: template, file } = ensureTemplate(rt, cache, kind, establishment, folder);
        const fileName = frAppsScript.formFileName(plan.title, establishment.id);
        const key = copyKey(establishment.id, kind);
        const id =
          cache.prepared.get(key) ??
          leftOverCopy(rt, cache, establishment.id, kind, folder, fileName) ??
          copyForm(rt, file, folder, fileName, establishment.id, kind);
        cache.prepared.delete(key);
        fresh = !cache.reused.has(id);
        form = rt.services.FormApp.openById(id);
        const items = form.getItems();
        copiedItems = items;
        if (items.length !== template.keys.length)
          throw new Error(`Form ${id} has ${items.length} items, its template ${template.keys.length}`);
        meta = {
          id,
          url: form.getPublishedUrl(),
          tabId: -1,
          items: Object.fromEntries(template.keys.map((k, i) => [k, items[i]?.getId() ?? -1])),
          // Item texts the Forms API already changed on a copy made ahead (settleCopies).
          applied: { ...template.applied, ...cache.settled.get(id)?.applied },
        };
        const settled = cache.settled.get(id);
        if (settled?.title !== plan.title || settled.description !== formDescription(plan))
          applyFormSettings(form, plan);
        created += 1;
      }
      if (!form) throw new Error(`Form ${meta.id} could not be opened`);
      const opened = form;
      meta = syncItems(rt.services, meta, specs, () => opened, copiedItems).meta;
      if ((meta.tabId ?? -1) < 0) {
        // Recorded before the tab is found: the establishment's other form, and the spreadsheets' reserved cells,
        // count this destination even while Google does not show its tab yet.
        const chosen = attachDestination(rt, choose, opened, fresh);
        meta.responsesId = chosen.spreadsheet.getId();
        meta.responsesPart = Math.max(0, responsesIds(rt).indexOf(meta.responsesId));
        if (chosen.trim) meta.trimmed = true;
        responses = chosen.spreadsheet;
      }
      // The copy's items, read once above, serve the prefilled link unless the sync had to add some.
      const ids = new Set(copiedItems?.map((i) => i.getId()));
      const items = Object.values(meta.items).every((id) => ids.has(id)) ? copiedItems : undefined;
      meta.prefilled =
        kind === 'weekly'
          ? weeklyLink(rt, opened, meta, establishment, undefined, items)
          : prefilledLink(opened, meta, plan, undefined, items);
      // A copy the Forms API published (settleCopies) is only checked.
      const published = cache.settled.get(meta.id)?.published === true;
      ensurePublished(opened, plan.title, fresh && !published ? 'unpublished' : 'unknown');
      meta.published = true;
      rt.store.saveForm(establishment.id, kind, meta);
      if ((meta.tabId ?? -1) < 0 && responses)
        tabs.push({
          establishment,
          kind,
          form: opened,
          meta,
          responses,
          ...(fresh ? { freshColumns: responseColumns(specs) } : {}),
        });
    });
  }
  return created;
}

const copyKey = (establishmentId: string, kind: FormKind) => `${establishmentId}/${kind}`;

/** The copies noted and not yet recorded as an establishment's form. */
function notedCopies(rt: Runtime): InstallCopy[] {
  return (rt.settings.json(KEYS.installCopy, InstallCopies) ?? []).filter((c) => {
    const recorded = rt.store.formsOf(c.establishmentId)[c.kind as FormKind];
    return recorded?.id !== c.id;
  });
}

/** Notes copies as soon as Drive made them (see InstallCopy), with the ones still unrecorded. */
function noteCopies(rt: Runtime, made: readonly InstallCopy[]): void {
  if (made.length > 0) rt.settings.setJson(KEYS.installCopy, [...notedCopies(rt), ...made]);
}

/**
 * A copy an earlier run made but did not record: one noted right after copying, else (an older run) one found by
 * name. Noted in `cache.reused` so that it is not taken for a fresh copy.
 */
function leftOverCopy(
  rt: Runtime,
  cache: RunCache,
  establishmentId: string,
  kind: FormKind,
  folder: GasFolder,
  fileName: string,
): string | undefined {
  if (!cache.interrupted) return undefined;
  let id = notedCopies(rt).find((c) => c.establishmentId === establishmentId && c.kind === kind)?.id;
  if (id && !openLiveForm(rt.services, id)) id = undefined;
  if (!id) {
    const byName = folder.getFilesByName(fileName);
    if (byName.hasNext()) id = byName.next().getId();
  }
  if (id) cache.reused.add(id);
  return id;
}

/** Copies the template and notes the copy at once (see InstallCopy). */
function copyForm(
  rt: Runtime,
  template: GasFile,
  folder: GasFolder,
  fileName: string,
  establishmentId: string,
  kind: FormKind,
): string {
  const id = template.makeCopy(fileName, folder).getId();
  noteCopies(rt, [{ establishmentId, kind, id }]);
  return id;
}

/** Forms copied ahead in one UrlFetchApp.fetchAll (copyAllAtOnce). */
const COPIES_AHEAD = COPIES_PER_FETCH;

/**
 * Copies the template forms of the next establishments that need a new form, all in one UrlFetchApp.fetchAll of
 * Drive API files.copy requests, which Google runs concurrently, instead of one File.makeCopy (a few seconds each)
 * per form. Their templates are made first, each as its own unit of work. A copy an interrupted run left is reused
 * rather than made again (leftOverCopy). Each copy is noted as soon as the batch returns; one Google refused is
 * left to the form's own makeCopy.
 */
function copyAhead(
  rt: Runtime,
  cache: RunCache,
  upcoming: readonly EstablishmentRecord[],
  folder: GasFolder,
): void {
  const wanted: Array<{
    establishment: EstablishmentRecord;
    kind: FormKind;
    name: string;
    template: string;
    info: TemplateInfo;
    plan: FormPlan;
  }> = [];
  for (const establishment of upcoming) {
    if (wanted.length >= COPIES_AHEAD || !rt.hasTime()) break;
    const forms = rt.store.formsOf(establishment.id);
    for (const kind of FORM_KINDS) {
      const key = copyKey(establishment.id, kind);
      if (forms[kind] || cache.prepared.has(key)) continue;
      const plan = planOf(rt, kind, establishment);
      const name = frAppsScript.formFileName(plan.title, establishment.id);
      const left = leftOverCopy(rt, cache, establishment.id, kind, folder, name);
      if (left) cache.prepared.set(key, left);
      else {
        const { file, info } = rt.unit(() => ensureTemplate(rt, cache, kind, establishment, folder));
        wanted.push({ establishment, kind, name, template: file.getId(), info, plan });
      }
    }
  }
  if (wanted.length === 0) return;
  const made = rt.unit(() => {
    const ids = copyAllAtOnce(rt.services, wanted, folder.getId());
    const copies: Array<{ id: string; plan: FormPlan; template: TemplateInfo; note: InstallCopy }> = [];
    ids.forEach((id, i) => {
      const w = wanted[i];
      if (!w || !id) return;
      copies.push({
        id,
        plan: w.plan,
        template: w.info,
        note: { establishmentId: w.establishment.id, kind: w.kind, id },
      });
      cache.prepared.set(copyKey(w.establishment.id, w.kind), id);
    });
    noteCopies(
      rt,
      copies.map((c) => c.note),
    );
    return copies;
  });
  // Each copy's own title and description, and its publishing, for all of them at once.
  if (made.length > 0 && rt.hasTime())
    rt.unit(() => {
      for (const [id, settled] of settleCopies(rt, made)) cache.settled.set(id, settled);
    });
}

/**
 * Checks an establishment's recorded forms on a re-install: one deleted by hand is marked for re-creation (the
 * forms phase then makes it anew), one unpublished or closed by hand is published and opened again.
 */
function verifyForms(rt: Runtime, establishmentId: string): void {
  const forms = rt.store.formsOf(establishmentId);
  for (const kind of FORM_KINDS) {
    const meta = forms[kind];
    // A form made through the Forms API: the command line's install and sync check it (api-forms.ts).
    if (!meta || madeByFormsApi(meta)) continue;
    const form = openLiveForm(rt.services, meta.id);
    if (!form) rt.store.saveForm(establishmentId, kind, { ...meta, published: false });
    else if (ensurePublished(form, form.getTitle(), 'unknown'))
      journal(rt, frGoogleShared.formReopened(form.getTitle()), `${establishmentId} ${kind} ${meta.id}`);
  }
}

/**
 * A form linked to its tab, with its link, published and accepting responses; or a form the command line made
 * through the Forms API and published, which this script reads through that API (api-forms.ts) and keeps as it is:
 * taking it over with FormApp would mean linking it to a tab, and its responses would come again under other ids.
 */
function formReady(meta: FormMeta): boolean {
  if (madeByFormsApi(meta)) return meta.published !== false;
  return (meta.tabId ?? -1) >= 0 && meta.prefilled !== undefined && meta.published === true;
}

function formsReady(rt: Runtime, e: EstablishmentRecord): boolean {
  const forms = rt.store.formsOf(e.id);
  return FORM_KINDS.every((k) => {
    const meta = forms[k];
    return meta !== undefined && formReady(meta);
  });
}

// ---- The run ---------------------------------------------------------------------------------------------------

/** Runs one phase as far as time allows; true when it is complete. */
function runPhase(rt: Runtime, cache: RunCache, cursor: InstallCursor, phase: Phase): boolean {
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
      // A re-install first checks the forms already in place (see InstallCursor.verify).
      cursor.verify ??= rt.store
        .listEstablishments()
        .filter((e) => formsReady(rt, e))
        .map((e) => e.id);
      while (cursor.verify.length > 0) {
        if (!rt.hasTime()) return false;
        const id = cursor.verify[0] as string;
        rt.unit(() => verifyForms(rt, id));
        cursor.verify = cursor.verify.slice(1);
      }
      const pending = rt.store.listEstablishments().filter((e) => !formsReady(rt, e));
      if (pending.length === 0) return true;
      const folder = folderOf(rt);
      if (responsesIds(rt).length === 0) throw new Error(frAppsScript.notInstalled);
      const pool = (cache.pool ??= new ResponsesPool(rt, folder, cache.interrupted));
      // The tabs of the forms linked since the last copyAhead (COPIES_AHEAD at most), found together: one flush and
      // one scan for them all rather than one per establishment. A run that stops before leaves those forms not ready,
      // their destination set: the next one finds their tabs without linking them again.
      let linked: TabToFind[] = [];
      // How long finding a group's tabs took: a run with no time left for another form may still have it for that.
      let findMs = 0;
      const findTabs = () => {
        const wanted = linked;
        linked = [];
        if (wanted.length === 0) return;
        const start = rt.clock.now().getTime();
        rt.unit(() => recordTabs(rt, wanted));
        findMs = Math.max(findMs, rt.clock.now().getTime() - start);
      };
      const hasTimeToFind = () => rt.hasTime(findMs > 0 ? findMs : undefined);
      const stop = (): false => {
        if (linked.length > 0 && hasTimeToFind()) findTabs();
        return false;
      };
      for (const [i, e] of pending.entries()) {
        const forms = rt.store.formsOf(e.id);
        const toCopy = FORM_KINDS.some((k) => !forms[k] && !cache.prepared.has(copyKey(e.id, k)));
        if ((toCopy || linked.length >= COPIES_AHEAD) && rt.hasTime()) findTabs();
        if (!rt.hasTime()) return stop();
        if (toCopy) copyAhead(rt, cache, pending.slice(i), folder);
        if (!rt.hasTime()) return stop();
        const created = installForms(rt, cache, e, folder, pool, linked);
        if (created > 0)
          journal(rt, frAppsScript.installStep(`formulaires de ${establishmentName(e)} créés`), e.id);
      }
      if (linked.length > 0 && !hasTimeToFind()) return false;
      findTabs();
      const ready = pending.every((e) => formsReady(rt, e));
      // A spreadsheet added by a run that died before its trigger was made (ResponsesPool.add) gets it here.
      if (ready && responsesIds(rt).length > 1)
        rt.unit(() =>
          ensureTriggers(
            rt,
            responsesIds(rt).map((id) => pool.open(id)),
          ),
        );
      return ready;
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
      try {
        for (const description of [useCase, crossCutting]) retexTemplateFile(rt, description, folder);
      } catch (error) {
        // Written through the advanced Docs service: without it the install still ends, says why in the Journal,
        // and the first RETEX refuses with the same message until the script is pushed with its manifest.
        if (!(error instanceof DocsServiceMissing)) throw error;
        journal(rt, error.message);
      }
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
  const cache: RunCache = {
    interrupted: cursor.runs > 0,
    templates: new Map(),
    reused: new Set(),
    prepared: new Map(),
    settled: new Map(),
  };
  cursor.runs += 1;
  // A continuation may start with a long phase (the RETEX templates) right after short units: it budgets with the
  // longest unit the earlier runs saw (a template form's creation), not only its own.
  if (cursor.longestUnitMs) rt.assumeUnit(cursor.longestUnitMs);
  const locked = withScriptLock(rt.services.LockService, LOCK_WAIT_MS, (): InstallOutcome => {
    // Saved before any work: a run that dies (an error, Google's time limit) leaves it, and the next run then
    // looks for form files it may have copied without recording them.
    rt.settings.setJson(KEYS.installCursor, cursor);
    armWatchdog(rt, HANDLERS.resumeInstall);
    // Responses that miss the lock while install holds it are ingested between its units of work.
    rt.between = pendingDrainer(rt);
    let index = Math.max(0, PHASES.indexOf(cursor.phase as Phase));
    while (index < PHASES.length) {
      const phase = PHASES[index] as Phase;
      cursor.phase = phase;
      // The forms phase times each form itself; any other phase is one unit of work.
      const run = () =>
        phase === 'forms'
          ? runPhase(rt, cache, cursor, phase)
          : rt.unit(() => runPhase(rt, cache, cursor, phase), phase === 'retex');
      if (!rt.hasTime() || !run()) {
        cursor.longestUnitMs = rt.longestUnitMs();
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
    rt.settings.delete(KEYS.installCopy);
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
