// `google retex`: issues the RETEX of a milestone from the workbook's records with the same use case as the local
// command (buildRetex: a new numbered version only when something changed, frozen snapshots, ARS texts), all
// kept in « RETEX (données) » as Apps Script keeps them (src/google/retex-records.ts), then writes each document of the issue as a Google Doc in the RETEX folder: a
// copy of the template Google Doc, filled through the Docs API (src/google/retex-doc-fill.ts), the chart inserted as a
// picture. The templates are the .docx templates (files.retexTemplates, generated from the JSON descriptions)
// imported by Drive as Google Docs, so the narrow drive.file scope reaches them; the ARS may then edit them in
// Google Docs. A document of an issued version is made once and never rewritten; an interrupted run deletes
// its unfinished copy and makes it again from the frozen snapshot.
//
// The chart: Docs can only insert a picture from a URL Google fetches itself. The PNG is uploaded to the RETEX
// folder, shared « anyone with the link » for the time of the insertion, then unshared (Docs keeps its own copy).
// Where the domain forbids link sharing, a marked paragraph with the picture's Drive link takes its place.
import { randomBytes } from 'node:crypto';
import type { docs_v1 } from '@googleapis/docs';
import { buildRetex } from '../../app/build-retex';
import type { AppContext } from '../../app/context';
import type { Milestone } from '../../domain/calendar';
import { retexFr } from '../../domain/messages';
import type { RetexIssuePlan } from '../../domain/retex/issue';
import type { RetexDocumentModel } from '../../domain/retex/document';
import type { RetexDocumentKind, RetexTemplates } from '../../domain/retex/template';
import type { Clock } from '../../ports';
import type { Project } from '../../schema/project';
import { retexChartPng, CHART_HEIGHT_PX, CHART_WIDTH_PX } from '../../node/retex-chart';
import type { GoogleContext } from '../context';
import { type RetexDocumentFile, type RetexFolder } from '../../google/retex-records';
import type { DocsAdapter } from '../docs';
import type { DriveAdapter } from '../drive';
import { GoogleApiError, statusOf } from '../errors';
import { FILL_BATCH, retexDocFill } from '../../google/retex-doc-fill';
import { RestRetexStore } from './rest-retex-store';
import { loadSnapshot, RestStore } from '../rest-store';
import { reconcileSharing, type WantedAccess } from '../sharing';
import { withWorkbookLock } from '../workbook-lock';
import { frGoogle } from '../messages';
import { frGoogleShared } from '../../google/messages';
import { type GoogleAdapters } from '../adapters';
import { RetexTemplateError } from '../../domain/retex/fill';

/** The .docx templates to import, by document kind, with the name error messages give them. */
export type DocxTemplates = Record<RetexDocumentKind, { buffer: Buffer; name: string }>;

export const RETEX_KINDS: readonly RetexDocumentKind[] = ['use-case', 'cross-cutting'];
/** How the Journal names the RETEX folder in access lines. */
export const RETEX_FOLDER_WHAT = 'dossier RETEX';

/** Who may write the RETEX documents: the ARS / SESAN, who finish them. */
export function retexFolderAccess(project: Project): WantedAccess[] {
  return project.config.roles.ars.map((email) => ({ email, role: 'writer' as const }));
}
/** Width of the chart in the document, in points (17 cm, as in the .docx). */
const CHART_WIDTH_PT = 482;

export interface RetexSetup {
  folder: RetexFolder;
  /** Template Google Doc by document kind. */
  templates: Record<RetexDocumentKind, string>;
  /** Kinds imported by this run. */
  imported: RetexDocumentKind[];
}

export interface RetexSetupInput {
  project: Project;
  docx: DocxTemplates;
  /** Who may write the RETEX documents (the ARS / SESAN), given access to the folder. */
  access: readonly WantedAccess[];
  actor: string;
  now: Date;
  /** Import the .docx templates again (after editing them in Word): new template docs replace the old. */
  reimport?: boolean;
}

/** The RETEX folder and the template Google Docs, made when missing. Writes records; the caller flushes. */
export async function ensureRetexSetup(
  drive: DriveAdapter,
  store: RestStore,
  input: RetexSetupInput,
): Promise<RetexSetup> {
  const retex = new RestRetexStore(store);
  let folder = retex.folder();
  if (!folder) {
    const made = await drive.createFolder(frGoogle.retexFolderName(input.project.config.pilot.name));
    folder = {
      folderId: made.id,
      url: made.webViewLink ?? `https://drive.google.com/drive/folders/${made.id}`,
    };
    retex.saveFolder(folder);
    await reconcileSharing(drive, store, folder.folderId, RETEX_FOLDER_WHAT, input.access, {
      adopt: false,
      actor: input.actor,
      now: input.now,
    });
  }
  const known = new Map([...retex.templates()].map(([kind, t]) => [kind, t.documentId]));
  const imported: RetexDocumentKind[] = [];
  for (const kind of RETEX_KINDS) {
    if (known.has(kind) && !input.reimport) continue;
    const source = input.docx[kind];
    const doc = await drive.uploadAsGoogleDoc(
      frGoogleShared.retexTemplateName(source.name.replace(/\.docx$/, '')),
      source.buffer,
      [folder.folderId],
    );
    retex.saveTemplate({
      kind,
      documentId: doc.id,
      source: source.name,
      importedAt: input.now.toISOString(),
    });
    known.set(kind, doc.id);
    imported.push(kind);
  }
  return {
    folder,
    templates: { 'use-case': known.get('use-case') ?? '', 'cross-cutting': known.get('cross-cutting') ?? '' },
    imported,
  };
}

export interface GoogleRetexInput {
  project: Project;
  spreadsheetId: string;
  milestone: Milestone;
  templates: RetexTemplates;
  docx: DocxTemplates;
  /** Who issues it (Journal). */
  author: string;
  clock: Clock;
  reimportTemplates?: boolean;
}

export interface GoogleRetexDocument {
  key: string;
  title: string;
  name: string;
  url: string;
  /** `created` now, or `kept`: this version's document already existed. */
  status: 'created' | 'kept';
  chart: NonNullable<RetexDocumentFile['chart']>;
  unknownPlaceholders: string[];
}

export interface GoogleRetexResult {
  plan: RetexIssuePlan;
  folderUrl: string;
  templatesImported: RetexDocumentKind[];
  documents: GoogleRetexDocument[];
}

export type RetexAdapters = GoogleAdapters & { docs: DocsAdapter };

/** Issues the RETEX and writes its Google Docs, holding the workbook's lock. */
export async function issueGoogleRetex(
  adapters: RetexAdapters,
  google: GoogleContext,
  input: GoogleRetexInput,
): Promise<GoogleRetexResult> {
  return withWorkbookLock(
    adapters.sheets,
    input.spreadsheetId,
    { what: 'suivi-mes google retex', now: () => input.clock.now(), timing: google.timing },
    () => issueHoldingLock(adapters, input),
  );
}

async function issueHoldingLock(
  adapters: RetexAdapters,
  input: GoogleRetexInput,
): Promise<GoogleRetexResult> {
  const { project } = input;
  const store = new RestStore(
    project.tracking,
    await loadSnapshot(adapters.sheets, input.spreadsheetId, project.tracking),
  );
  const retex = new RestRetexStore(store);
  const ctx: AppContext = { project, store, clock: input.clock };
  const now = input.clock.now();
  const setup = await ensureRetexSetup(adapters.drive, store, {
    project,
    docx: input.docx,
    access: retexFolderAccess(project),
    actor: input.author,
    now,
    reimport: input.reimportTemplates,
  });
  const plan = buildRetex(ctx, retex, {
    milestone: input.milestone,
    templates: input.templates,
    author: input.author,
  });
  await store.flush(adapters.sheets);

  const documents: GoogleRetexDocument[] = [];
  for (const d of plan.issue.documents) {
    const existing = retex.documentFiles(plan.issue.label).get(d.key);
    if (existing && existing.complete !== false) {
      documents.push({
        key: d.key,
        title: d.title,
        name: d.fileBase,
        url: existing.url,
        status: 'kept',
        chart: existing.chart ?? 'none',
        unknownPlaceholders: [],
      });
      continue;
    }
    // A copy left unfinished by an interrupted run is made again, never completed from an unknown state.
    if (existing) await deleteIfThere(adapters.drive, existing.id);
    const template = setup.templates[d.model.kind];
    const copy = await adapters.drive.copy(template, d.fileBase, [setup.folder.folderId]);
    const record: RetexDocumentFile = {
      label: plan.issue.label,
      key: d.key,
      id: copy.id,
      url: copy.webViewLink ?? `https://docs.google.com/document/d/${copy.id}/edit`,
      at: input.clock.now().toISOString(),
      chart: 'none',
      complete: false,
    };
    retex.recordDocumentFile(record);
    await store.flush(adapters.sheets);
    const marker = `\u2063suivi-mes-graphique-${randomBytes(6).toString('hex')}\u2063`;
    const templateName = input.docx[d.model.kind].name;
    let fill;
    try {
      fill = retexDocFill(await adapters.docs.get(copy.id), d.model.values, marker);
    } catch (error) {
      if (error instanceof RetexTemplateError)
        throw new GoogleApiError(
          'BAD_TEMPLATE',
          retexFr.templateInvalid(templateName, error.problems),
          `template ${template}: ${error.problems.join('; ')}`,
        );
      throw error;
    }
    for (let i = 0; i < fill.requests.length; i += FILL_BATCH)
      await adapters.docs.batchUpdate(copy.id, fill.requests.slice(i, i + FILL_BATCH));
    const chart = fill.chart
      ? await placeChart(adapters, copy.id, marker, d.model, d.fileBase, setup.folder.folderId)
      : 'none';
    retex.recordDocumentFile({ ...record, at: input.clock.now().toISOString(), chart, complete: true });
    await store.flush(adapters.sheets);
    documents.push({
      key: d.key,
      title: d.title,
      name: d.fileBase,
      url: record.url,
      status: 'created',
      chart,
      unknownPlaceholders: fill.unknownPlaceholders,
    });
  }
  return { plan, folderUrl: setup.folder.url, templatesImported: setup.imported, documents };
}

async function deleteIfThere(drive: DriveAdapter, fileId: string): Promise<void> {
  try {
    await drive.delete(fileId);
  } catch (error) {
    if (!(error instanceof GoogleApiError && error.code === 'NOT_FOUND')) throw error;
  }
}

/** Where a text sits in a document's body (cells included), as a range of indexes. */
export function findText(
  document: docs_v1.Schema$Document,
  text: string,
): { startIndex: number; endIndex: number } | undefined {
  type Found = { startIndex: number; endIndex: number } | undefined;
  const search = (content: readonly docs_v1.Schema$StructuralElement[] | undefined): Found => {
    for (const element of content ?? []) {
      for (const el of element.paragraph?.elements ?? []) {
        const at = el.textRun?.content?.indexOf(text) ?? -1;
        if (at >= 0) {
          const startIndex = (el.startIndex ?? 0) + at;
          return { startIndex, endIndex: startIndex + text.length };
        }
      }
      for (const row of element.table?.tableRows ?? [])
        for (const cell of row.tableCells ?? []) {
          const found = search(cell.content);
          if (found) return found;
        }
    }
    return undefined;
  };
  return search(document.body?.content);
}

/** The chart picture where the marker is, or the sentence that replaces it. */
async function placeChart(
  adapters: RetexAdapters,
  documentId: string,
  marker: string,
  model: RetexDocumentModel,
  fileBase: string,
  folderId: string,
): Promise<NonNullable<RetexDocumentFile['chart']>> {
  const at = findText(await adapters.docs.get(documentId), marker);
  if (!at) return 'none';
  const replaceMarker = (text: string) =>
    adapters.docs.batchUpdate(documentId, [
      { insertText: { location: { index: at.endIndex }, text } },
      { deleteContentRange: { range: at } },
    ]);
  const png = retexChartPng(model.chart);
  if (!png) {
    await replaceMarker(retexFr.noChart);
    return 'none';
  }
  const file = await adapters.drive.upload(frGoogle.retexChartName(fileBase), 'image/png', png, [folderId]);
  const link = file.webViewLink ?? `https://drive.google.com/file/d/${file.id}/view`;
  let permission: string;
  try {
    permission = await adapters.drive.share(file.id, { type: 'anyone', role: 'reader' });
  } catch (error) {
    if (!(error instanceof GoogleApiError && error.code === 'NOT_AUTHORIZED')) throw error;
    await replaceMarker(frGoogle.retexChartNotInserted(link));
    return 'placeholder';
  }
  try {
    await adapters.docs.batchUpdate(documentId, [
      {
        insertInlineImage: {
          location: { index: at.endIndex },
          uri: file.webContentLink ?? `https://drive.google.com/uc?export=download&id=${file.id}`,
          objectSize: {
            width: { magnitude: CHART_WIDTH_PT, unit: 'PT' },
            height: {
              magnitude: Math.round((CHART_WIDTH_PT * CHART_HEIGHT_PX) / CHART_WIDTH_PX),
              unit: 'PT',
            },
          },
        },
      },
      { deleteContentRange: { range: at } },
    ]);
    return 'image';
  } catch (error) {
    // Google could not fetch the picture (400): the document says where it is instead.
    if (statusOf(error) !== 400) throw error;
    await replaceMarker(frGoogle.retexChartNotInserted(link));
    return 'placeholder';
  } finally {
    // Docs keeps its own copy of the picture: the link need not stay public.
    await adapters.drive.unshare(file.id, permission).catch(() => undefined);
  }
}
