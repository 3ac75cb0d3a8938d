// buildRetexV1 / buildRetexVF (menu) and resumeRetex (continuation): issues the RETEX of a milestone from the
// workbook's data through the core's use case — a new numbered version only when something changed, recorded as a
// frozen snapshot in the RETEX store — then writes one Google Doc for each document of the version in force that
// has none yet: a copy of its template (retex-template-doc.ts) in the pilot's Drive folder — the copies made up to
// twenty at a time in one UrlFetchApp.fetchAll (drive-copies.ts) and noted at once, so a run that dies reuses
// them — filled through the
// advanced Docs service from the snapshot, never from newer data (retex-docs.ts: one read, one batch of the REST
// runtime's requests), its chart drawn by the Charts service and placed with DocumentApp. For the 16 pilots a
// milestone fits in one run; each document is still a unit of work: a run stops before Google's time limit and a
// continuation trigger writes the rest;
// a copy an interrupted run left half-filled is trashed and written again. Each link goes to the Journal. The
// run holds the script lock throughout, as install does; the ARS texts of « Textes RETEX » are saved first.
// A run goes on with the next document only if it should fit before the time limit, judged from the time the
// documents written so far took for their size.
import { buildRetex } from '../../app/build-retex';
import type { Milestone } from '../../domain/calendar';
import { retexFr } from '../../domain/messages';
import type { RetexIssue, RetexIssuedDocument } from '../../domain/retex/issue';
import type { RetexTemplates } from '../../domain/retex/template';
import type { GasFile, GasFolder } from '../gas-api';
import { folderOf } from '../drive-folder';
import { LOCK_WAIT_MS, withScriptLock } from '../lock';
import { pendingDrainer } from '../pending';
import { retexChartPanels } from './retex-chart-image';
import { DocsServiceMissing, fillRetexCopy } from './retex-docs';
import { SheetRetexStore, type RetexDocumentFile } from './retex-store';
import { openRetexStore } from './open-retex-store';
import { retexTemplateFile } from './retex-template-doc';
import { syncRetexTexts } from './retex-texts';
import { RUN_LIMIT_MS, type Runtime } from '../runtime';
import { copyAllAtOnce, COPIES_PER_FETCH } from '../drive-copies';
import { googleDocUrl } from '../../google/drive-requests';
import { KEYS, RetexCopies, RetexCursor } from '../settings';
import { armWatchdog, clearContinuations, HANDLERS, scheduleContinuation } from '../triggers';
import { frAppsScript } from '../messages';
import { RetexTemplateError } from '../../domain/retex/fill';

export type RetexOutcome =
  | {
      status: 'done';
      label: string;
      issued: 'new' | 'unchanged';
      /** Documents written by this run (0: the version in force already had all its documents). */
      created: number;
      files: RetexDocumentFile[];
      /** What the person who clicked is told, also in the Journal. */
      message: string;
    }
  | { status: 'continuing'; label: string; done: number; total: number }
  | { status: 'busy' }
  | { status: 'refused'; message: string }
  | { status: 'idle' };

function journal(rt: Runtime, label: string, summary: string, details?: string): void {
  rt.store.transaction(() =>
    rt.store.appendJournal({
      at: rt.clock.now().toISOString(),
      kind: 'retex',
      actor: rt.services.Session.getEffectiveUser().getEmail(),
      role: 'system',
      target: label,
      summary,
      ...(details ? { details } : {}),
    }),
  );
}

/** Who asked: the person who clicked the menu when Google says, else the account running the script. */
function authorOf(rt: Runtime): string {
  const { Session } = rt.services;
  return Session.getActiveUser().getEmail() || Session.getEffectiveUser().getEmail();
}

interface RunState {
  rt: Runtime;
  retex: SheetRetexStore;
  templates: RetexTemplates;
  folder: GasFolder;
  issue: RetexIssue;
  /** Whether an earlier run stopped without finishing: copies it left behind are looked for. */
  interrupted: boolean;
  templateFiles: Map<string, GasFile>;
  /** Blank copies ready for documents of this version, by document key (noted in KEYS.retexCopies). */
  prepared: Map<string, string>;
  /** Documents whose copy this run already asked of fetchAll: one Google refused is made alone, not asked again. */
  asked: Set<string>;
}

function notedCopies(rt: Runtime): RetexCopies {
  return rt.settings.json(KEYS.retexCopies, RetexCopies) ?? [];
}

function noteCopies(rt: Runtime, copies: RetexCopies): void {
  if (copies.length > 0) rt.settings.setJson(KEYS.retexCopies, copies);
  else if (rt.settings.get(KEYS.retexCopies) !== undefined) rt.settings.delete(KEYS.retexCopies);
}

/** Trashes blank copies no document will use (another version's, or a refused run's). */
function trashCopies(rt: Runtime, copies: RetexCopies): void {
  for (const c of copies) {
    try {
      rt.services.DriveApp.getFileById(c.id).setTrashed(true);
    } catch {
      // Already gone (deleted by hand): nothing to tidy.
    }
  }
}

/**
 * Takes over the blank copies an earlier run of this version made and did not fill (each checked still there: a
 * person may have deleted one); trashes the other noted copies.
 */
function takeOverCopies(state: RunState, todo: readonly RetexIssuedDocument[]): void {
  const { rt } = state;
  const noted = notedCopies(rt);
  if (noted.length === 0) return;
  const wanted = new Set(todo.map((d) => d.key));
  const kept: RetexCopies = [];
  const stale: RetexCopies = [];
  for (const c of noted) {
    if (c.label !== state.issue.label || !wanted.has(c.key) || state.prepared.has(c.key)) {
      stale.push(c);
      continue;
    }
    let live = false;
    try {
      live = !rt.services.DriveApp.getFileById(c.id).isTrashed();
    } catch {
      live = false;
    }
    if (live) {
      kept.push(c);
      state.prepared.set(c.key, c.id);
    }
  }
  trashCopies(rt, stale);
  noteCopies(rt, kept);
}

/**
 * Copies the templates of the next documents that have no copy ready, in one UrlFetchApp.fetchAll, and notes the
 * copies as soon as it returns. A copy Google refused is left to the document's own makeCopy.
 */
function copyAhead(state: RunState, upcoming: readonly RetexIssuedDocument[]): void {
  const { rt } = state;
  const wanted = upcoming
    .filter((d) => !state.prepared.has(d.key) && !state.asked.has(d.key))
    .slice(0, COPIES_PER_FETCH);
  if (wanted.length === 0) return;
  for (const d of wanted) state.asked.add(d.key);
  const ids = copyAllAtOnce(
    rt.services,
    wanted.map((d) => ({ template: templateOf(state, d).getId(), name: d.fileBase })),
    state.folder.getId(),
  );
  const made: RetexCopies = [];
  ids.forEach((id, i) => {
    const d = wanted[i];
    if (!d || !id) return;
    made.push({ label: state.issue.label, key: d.key, id });
    state.prepared.set(d.key, id);
  });
  if (made.length > 0) noteCopies(rt, [...notedCopies(rt), ...made]);
}

/**
 * The copy a document is written in: its blank copy made ahead, taken off the noted list before anything is written
 * to it (from then on a run that dies leaves it half-filled, and the next run trashes it by name), else a copy made
 * now.
 */
function copyFor(state: RunState, document: RetexIssuedDocument): { id: string; url: string } {
  const { rt, folder } = state;
  const ready = state.prepared.get(document.key);
  if (state.interrupted) {
    const left = folder.getFilesByName(document.fileBase);
    while (left.hasNext()) {
      const file = left.next();
      if (file.getId() !== ready) file.setTrashed(true);
    }
  }
  if (ready) {
    state.prepared.delete(document.key);
    noteCopies(
      rt,
      notedCopies(rt).filter((c) => c.id !== ready),
    );
    return { id: ready, url: googleDocUrl(ready) };
  }
  const copy = templateOf(state, document).makeCopy(document.fileBase, folder);
  return { id: copy.getId(), url: copy.getUrl() };
}

/** The template file of a document's kind (created the first time it is needed). */
function templateOf(state: RunState, document: RetexIssuedDocument): GasFile {
  const description =
    document.model.kind === 'use-case' ? state.templates.useCase : state.templates.crossCutting;
  let template = state.templateFiles.get(description.id);
  if (!template) {
    template = retexTemplateFile(state.rt, description, state.folder);
    state.templateFiles.set(description.id, template);
  }
  return template;
}

/** What the first document of a run is assumed to take before one has been timed. */
const FIRST_DOCUMENT_ESTIMATE_MS = 60 * 1000;
/** How much longer than predicted a document may take without overrunning. */
const TIME_MARGIN = 1.25;

/**
 * A document's size for the time it takes to write: its repeated items (establishments, quotes, rows, weeks…),
 * each a few requests of the Docs batch (milliseconds), plus what every document costs whatever its size — the
 * copy, the Docs read and batch, the chart's panels rendered and placed: seconds, about a thousand items' worth.
 */
function weightOf(document: RetexIssuedDocument): number {
  const items = (value: unknown): number =>
    Array.isArray(value)
      ? value.reduce((n: number, item: unknown) => n + 1 + items(item), 0)
      : value !== null && typeof value === 'object'
        ? Object.values(value).reduce((n: number, v: unknown) => n + items(v), 0)
        : 0;
  return 1000 + items(document.model.values);
}

/** Writes the Google Doc of one document of the issue, and records it. */
function writeDocument(state: RunState, document: RetexIssuedDocument): RetexDocumentFile {
  const { rt, issue } = state;
  const templateName = templateOf(state, document).getName();
  const copy = copyFor(state, document);
  let unknown: string[];
  try {
    const panels = retexChartPanels(rt.services.Charts, document.model.chart);
    // The Docs API reads U+2063 (invisible separator) as text: the marker is found nowhere else.
    const marker = `\u2063suivi-mes-graphique-${rt.services.Utilities.getUuid()}\u2063`;
    unknown = fillRetexCopy(
      rt.services,
      copy.id,
      templateName,
      document.model,
      panels,
      marker,
    ).unknownPlaceholders;
  } catch (error) {
    rt.services.DriveApp.getFileById(copy.id).setTrashed(true);
    throw error;
  }
  const file: RetexDocumentFile = {
    label: issue.label,
    key: document.key,
    id: copy.id,
    url: copy.url,
    at: rt.clock.now().toISOString(),
  };
  state.retex.recordDocumentFile(file);
  journal(rt, issue.label, frAppsScript.retexDocumentCreated(issue.label, document.title, file.url), file.id);
  if (unknown.length > 0) journal(rt, issue.label, retexFr.unknownPlaceholders(templateName, unknown));
  return file;
}

function run(rt: Runtime, milestone: Milestone | null): RetexOutcome {
  const saved = rt.settings.json(KEYS.retexCursor, RetexCursor);
  const templates = rt.retexTemplates();
  const retex = openRetexStore(rt);
  let cursor: RetexCursor;
  let issue: RetexIssue | undefined;
  if (milestone === null) {
    // A continuation goes on with the version its run issued, from its snapshot.
    if (!saved) return { status: 'idle' };
    issue = retex.listIssues(saved.milestone).find((i) => i.label === saved.label);
    if (!issue) throw new Error(`RETEX ${saved.label} is not in the RETEX store`);
    cursor = { ...saved, runs: saved.runs + 1 };
  } else {
    syncRetexTexts(rt, templates, retex);
    const plan = buildRetex(rt, retex, { milestone, templates, author: authorOf(rt) });
    issue = plan.issue;
    cursor = {
      milestone,
      label: issue.label,
      issued: plan.status,
      previous: plan.status === 'new' ? (plan.previous?.label ?? null) : null,
      runs: (saved?.runs ?? 0) + 1,
    };
  }
  // Saved before any document is written: a run Google stops leaves it, and the next one cleans up after it.
  rt.settings.setJson(KEYS.retexCursor, cursor);
  armWatchdog(rt, HANDLERS.resumeRetex);
  // Responses that miss the lock while the RETEX holds it are ingested between its documents.
  rt.between = pendingDrainer(rt);
  const state: RunState = {
    rt,
    retex,
    templates,
    folder: folderOf(rt),
    issue,
    interrupted: saved !== undefined,
    templateFiles: new Map(),
    prepared: new Map(),
    asked: new Set(),
  };
  const files = retex.documentFiles(issue.label);
  const todo = issue.documents.filter((d) => !files.has(d.key));
  const refuse = (error: unknown): RetexOutcome => {
    if (!(error instanceof RetexTemplateError || error instanceof DocsServiceMissing)) throw error;
    rt.settings.delete(KEYS.retexCursor);
    clearContinuations(rt, HANDLERS.resumeRetex);
    trashCopies(rt, notedCopies(rt));
    noteCopies(rt, []);
    journal(rt, issue.label, error.message);
    return { status: 'refused', message: error.message };
  };
  // The templates first, so the time a document takes is the document's alone.
  try {
    for (const d of todo) templateOf(state, d);
  } catch (error) {
    return refuse(error);
  }
  takeOverCopies(state, todo);
  let created = 0;
  let msPerWeight = 0;
  for (const [i, document] of todo.entries()) {
    // Before the time check, which then counts it; copies a run stopping here made are noted for the next one.
    if (!state.prepared.has(document.key)) copyAhead(state, todo.slice(i));
    const elapsed = rt.clock.now().getTime() - rt.startedAt;
    const predicted = msPerWeight > 0 ? msPerWeight * weightOf(document) : FIRST_DOCUMENT_ESTIMATE_MS;
    // The first document of a run is always written: one larger than a run could otherwise never be.
    if (created > 0 && elapsed + TIME_MARGIN * predicted > RUN_LIMIT_MS) {
      scheduleContinuation(rt, HANDLERS.resumeRetex);
      return {
        status: 'continuing',
        label: issue.label,
        done: issue.documents.length - todo.length + created,
        total: issue.documents.length,
      };
    }
    rt.between();
    const start = rt.clock.now().getTime();
    try {
      writeDocument(state, document);
    } catch (error) {
      return refuse(error);
    }
    msPerWeight = Math.max(msPerWeight, (rt.clock.now().getTime() - start) / weightOf(document));
    created += 1;
  }
  rt.settings.delete(KEYS.retexCursor);
  clearContinuations(rt, HANDLERS.resumeRetex);
  const all = retex.documentFiles(issue.label);
  const ordered = issue.documents.flatMap((d) => all.get(d.key) ?? []);
  const folderUrl = state.folder.getUrl();
  const summary =
    created === 0
      ? frAppsScript.retexUpToDate(retexFr.issueUnchanged(issue.label), folderUrl)
      : `${cursor.issued === 'new' ? `${retexFr.issueCreated(issue.label, cursor.previous)} ` : ''}${frAppsScript.retexDone(issue.label, ordered.length, folderUrl)}`;
  journal(rt, issue.label, summary, `runs: ${cursor.runs}`);
  return {
    status: 'done',
    label: issue.label,
    issued: cursor.issued,
    created,
    files: ordered,
    message: summary,
  };
}

/**
 * buildRetexV1 / buildRetexVF with a milestone; resumeRetex with null (the continuation of a run out of time).
 */
export function buildRetexDocuments(rt: Runtime, milestone: Milestone | null): RetexOutcome {
  if (milestone === null) clearContinuations(rt, HANDLERS.resumeRetex);
  const locked = withScriptLock(rt.services.LockService, LOCK_WAIT_MS, () => {
    try {
      return run(rt, milestone);
    } finally {
      // The next execution reads what this one wrote.
      rt.services.SpreadsheetApp.flush();
    }
  });
  if (!locked.ok) {
    if (milestone === null) scheduleContinuation(rt, HANDLERS.resumeRetex);
    rt.notify(frAppsScript.installBusy);
    return { status: 'busy' };
  }
  const outcome = locked.value;
  if (outcome.status === 'continuing') rt.notify(frAppsScript.retexContinues(outcome.done, outcome.total));
  if (outcome.status === 'refused') rt.notify(outcome.message);
  if (outcome.status === 'done') rt.notify(outcome.message);
  return outcome;
}
