// RETEX for the ARS / SESAN under /ars/<token>/retex: generate V1 or VF (the core's buildRetex through
// retex-archive.ts, as `suivi-mes retex` does), list every version issued, download its frozen files from
// <data>/retex/ (never regenerated on download), and write the ARS's own sections (saveRetexSectionText). Registered
// by ars-plugin.tsx inside its encapsulated context, so only an ARS link reaches these routes.
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import * as z from 'zod';
import { RETEX_SECTION_MAX_LENGTH, retexTextsBasis, saveRetexSectionText } from '../../app/build-retex';
import { BASIS_FIELD } from '../../domain/write-basis';
import { MILESTONES, milestoneCutoff, pilotCalendar, type Milestone } from '../../domain/calendar';
import { fr, retexFr, type FieldError } from '../../domain/messages';
import { frRequest, frRetexPage } from '../messages';
import { formatParisDateTime } from '../../domain/paris-time';
import type { RetexIssue } from '../../domain/retex/issue';
import { retexTextDocuments, type RetexTextDocument } from '../../domain/retex/sections';
import type { RetexTemplates } from '../../domain/retex/template';
import { retexTemplatesDir } from '../../node/project-files';
import { DataFileError } from '../../schema/zod-issues';
import { MessagePage } from '../pages/message-page';
import { arsNav } from '../pages/navigation';
import { RetexPage, type RetexNotice, type RetexVersionView } from '../pages/ars-retex-page';
import { RetexTextsDocumentPage, RetexTextsListPage } from '../pages/ars-retex-texts-page';
import {
  archivedDocuments,
  findArchivedFile,
  issueRetex,
  loadRetexTemplates,
  retexArchiveDir,
  writeIssueFiles,
  type RetexTemplateSet,
} from '../retex/retex-archive';
import { RetexTemplateError } from '../../domain/retex/fill';
import { readRetexDescriptions } from '../../node/retex-files';
import { findSoffice } from '../retex/retex-pdf';
import { RetexSqliteStore } from '../db/retex-sqlite-store';
import { attachmentDisposition } from './attachment';
import { appContextOf } from './app-context';
import { chromeOf } from './chrome';
import { parseFormBody, single } from './form-body';
import { sendPage } from './render';
import type { Access } from './types';

export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
/**
 * The texts form carries every section of a document at once, each up to RETEX_SECTION_MAX_LENGTH characters:
 * more than the 256 Kio of other forms, still bounded (13 sections of 20,000 accented characters fit).
 */
export const RETEX_TEXTS_BODY_LIMIT_BYTES = 2 * 1024 * 1024;
const SECTION_FIELD = 'section.';

const TextsQuery = z.object({
  document: z.string().max(1000).optional(),
  enregistre: z.coerce.number().int().min(0).max(1000).optional(),
});
const LabelParams = z.object({ label: z.string().max(20) });
const FileParams = z.object({ name: z.string().max(200) });

function accessOf(req: FastifyRequest): Access {
  if (!req.access) throw new Error('ARS route reached without an ARS link');
  return req.access;
}

/** Runs one generation at a time: two clicks never race on the same version number or the same files. */
export function serialised(): <T>(fn: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve();
  return <T,>(fn: () => Promise<T>): Promise<T> => {
    const run = tail.then(fn);
    tail = run.catch(() => undefined);
    return run;
  };
}

export const kilobytes = (bytes: number) => `${Math.max(1, Math.round(bytes / 1024))} Ko`;
export const frenchDate = (isoDate: string) => isoDate.split('-').reverse().join('/');
const normalised = (text: string) => text.replace(/\r\n?/g, '\n');

/** A template problem the ARS can fix (a description or a .docx edited so it no longer reads), in French. */
export function templateProblem(error: unknown): string | undefined {
  return error instanceof DataFileError || error instanceof RetexTemplateError ? error.message : undefined;
}

/**
 * How an issued RETEX version shows on a RETEX page (the ARS's, the ANS's national one): its documents as archived
 * under `folder`, with links under the page's own address.
 */
export function retexVersionView(
  folder: string,
  access: Access,
  issue: RetexIssue,
  inForce: boolean,
): RetexVersionView {
  const documents = archivedDocuments(folder, issue);
  const link = (file: { name: string; bytes: number } | undefined) =>
    file && {
      href: `${access.base}/retex/fichiers/${encodeURIComponent(file.name)}`,
      name: file.name,
      size: kilobytes(file.bytes),
    };
  const cross = issue.documents.find((d) => d.model.kind === 'cross-cutting');
  return {
    label: issue.label,
    milestone: issue.milestone,
    inForce,
    issuedAt: formatParisDateTime(new Date(issue.issuedAt)),
    author: issue.author,
    dataBasis: String(cross?.model.values.data_basis ?? ''),
    documents: documents.map((d) => ({
      title: d.title,
      crossCutting: d.kind === 'cross-cutting',
      docx: link(d.docx),
      pdf: link(d.pdf),
    })),
    missing: documents.filter((d) => !d.docx).length,
    restoreAction: `${access.base}/retex/versions/${encodeURIComponent(issue.label)}/fichiers`,
  };
}

/** The issued versions of a RETEX store. They never change: each snapshot (about 1 MB of JSON for 16 pilots) is read and checked once. */
export function issuedVersions(retex: RetexSqliteStore): () => RetexIssue[] {
  const snapshots = new Map<string, RetexIssue>();
  return () =>
    retex.issueLabels().flatMap((label) => {
      const known = snapshots.get(label) ?? retex.getIssue(label);
      if (known) snapshots.set(label, known);
      return known ? [known] : [];
    });
}

type RetexPageState = { notice?: RetexNotice; selected?: Milestone; status?: number };

/** What a RETEX page (the ARS's, the ANS's national one) lends the routes of its issued versions' files. */
export interface RetexFileRoutes {
  accessOf: (req: FastifyRequest) => Access;
  /** The data folder whose RETEX archive holds the versions' files. */
  folder: string;
  issues: () => RetexIssue[];
  templates: () => RetexTemplateSet;
  exclusive: <T>(fn: () => Promise<T>) => Promise<T>;
  render: (req: FastifyRequest, reply: FastifyReply, state?: RetexPageState) => FastifyReply;
  messagePage: (reply: FastifyReply, access: Access, status: number, message: string) => FastifyReply;
}

/** Rewriting a version's missing files, and downloading them: the same on every RETEX page. */
export function registerRetexFileRoutes(app: FastifyInstance, page: RetexFileRoutes): void {
  app.post('/retex/versions/:label/fichiers', { preHandler: app.csrfProtection }, async (req, reply) => {
    const access = page.accessOf(req);
    const params = LabelParams.safeParse(req.params);
    const issue = params.success ? page.issues().find((i) => i.label === params.data.label) : undefined;
    if (!issue)
      return page.messagePage(reply, access, 404, frRetexPage.unknownVersion(params.data?.label ?? ''));
    try {
      const output = await page.exclusive(async () =>
        writeIssueFiles(issue, page.templates(), retexArchiveDir(page.folder), 'never'),
      );
      const written = output.files.filter((f) => f.status === 'written').length;
      return page.render(req, reply, {
        notice: { kind: 'success', lines: [frRetexPage.filesRestored(issue.label, written)] },
        selected: issue.milestone,
      });
    } catch (error) {
      const problem = templateProblem(error);
      if (problem === undefined) throw error;
      return page.render(req, reply, {
        notice: { kind: 'error', lines: [frRetexPage.generationFailed(problem)] },
        status: 500,
      });
    }
  });

  app.get('/retex/fichiers/:name', async (req, reply) => {
    const access = page.accessOf(req);
    const params = FileParams.safeParse(req.params);
    const found = params.success ? findArchivedFile(page.folder, page.issues(), params.data.name) : undefined;
    if (!found) return page.messagePage(reply, access, 404, frRequest.notFound());
    const body = await fs.promises.readFile(found.file);
    return reply
      .type(found.type === 'pdf' ? 'application/pdf' : DOCX_TYPE)
      .header('content-disposition', attachmentDisposition(found.name))
      .header('cache-control', 'no-store')
      .send(body);
  });
}

export function registerRetexRoutes(app: FastifyInstance): void {
  const deps = app.suivi;
  const retex = new RetexSqliteStore(deps.store.db, deps.retexScope);
  const dataDir = deps.dataDir ?? path.dirname(deps.store.db.name);
  const archiveDir = retexArchiveDir(dataDir);
  const templatesDir = retexTemplatesDir(deps.project, deps.configFile);
  const exclusive = serialised();
  const issues = issuedVersions(retex);
  const calendar = pilotCalendar(deps.project.config);

  function messagePage(reply: FastifyReply, access: Access, status: number, message: string) {
    return sendPage(
      reply,
      <MessagePage
        chrome={chromeOf(deps)}
        kind="error"
        title={status === 404 ? 'Introuvable' : status >= 500 ? 'RETEX indisponible' : 'Envoi refusé'}
        message={message}
        back={{ href: `${access.base}/retex`, label: 'Revenir à la page RETEX' }}
      />,
      status,
    );
  }

  function renderRetex(
    req: FastifyRequest,
    reply: FastifyReply,
    state: { notice?: RetexNotice; selected?: Milestone; status?: number } = {},
  ): FastifyReply {
    const access = accessOf(req);
    const now = deps.clock.now();
    const issued = issues();
    const latest = new Map<Milestone, number>();
    for (const i of issued) latest.set(i.milestone, Math.max(latest.get(i.milestone) ?? 0, i.number));
    const versions = [...issued]
      .sort((a, b) => b.number - a.number)
      .map((i) => retexVersionView(dataDir, access, i, latest.get(i.milestone) === i.number));
    let notice = state.notice;
    let texts = { toWrite: 0, total: 0, documents: 0 };
    try {
      const documents = textDocuments(readRetexDescriptions(deps.project, templatesDir));
      texts = {
        toWrite: documents.reduce((n, d) => n + d.toWrite, 0),
        total: documents.reduce((n, d) => n + d.sections.length, 0),
        documents: documents.length,
      };
    } catch (error) {
      const problem = templateProblem(error);
      if (problem === undefined) throw error;
      notice ??= { kind: 'error', lines: [frRetexPage.generationFailed(problem)] };
    }
    const milestones = MILESTONES.map((m) => {
      const cutoff = milestoneCutoff(calendar, m);
      return {
        id: m,
        label: retexFr.milestoneLabel[m],
        date: frenchDate(cutoff.date),
        week: cutoff.week,
        until: formatParisDateTime(cutoff.until),
        open: cutoff.until.getTime() >= now.getTime(),
      };
    });
    const selected =
      state.selected ?? milestones.find((m) => m.open)?.id ?? MILESTONES[MILESTONES.length - 1] ?? 'VF';
    return sendPage(
      reply,
      <RetexPage
        chrome={chromeOf(deps)}
        nav={arsNav(access.base, 'retex')}
        audience={access.link.label}
        csrf={reply.generateCsrf({ userInfo: access.link.id })}
        generateAction={`${access.base}/retex/generer`}
        milestones={milestones}
        selected={selected}
        pdfAvailable={findSoffice() !== undefined}
        texts={{ href: `${access.base}/retex/textes`, ...texts }}
        versions={versions}
        notice={notice}
      />,
      state.status ?? 200,
    );
  }

  function textDocuments(templates: RetexTemplates): RetexTextDocument[] {
    return retexTextDocuments(deps.store.listEstablishments(), templates, retex.listSectionTexts());
  }

  app.get('/retex', async (req, reply) => renderRetex(req, reply));

  app.post('/retex/generer', { preHandler: app.csrfProtection }, async (req, reply) => {
    const access = accessOf(req);
    const parsed = parseFormBody(req.body);
    if (!parsed.ok) return messagePage(reply, access, 400, frRequest.malformedForm(parsed.problems));
    const milestone = MILESTONES.find((m) => m === single(parsed.body, 'milestone'));
    if (!milestone)
      return renderRetex(req, reply, {
        notice: { kind: 'error', lines: [frRetexPage.milestoneMissing()] },
        status: 422,
      });
    const pdf = single(parsed.body, 'pdf') === '1' ? 'auto' : 'never';
    try {
      const { plan, output, pdfError } = await exclusive(async () =>
        issueRetex(appContextOf(deps), retex, {
          milestone,
          author: access.author,
          templates: loadRetexTemplates(deps.project, templatesDir),
          outDir: archiveDir,
          pdf,
        }),
      );
      const cross = plan.issue.documents.find((d) => d.model.kind === 'cross-cutting');
      const lines = [
        plan.status === 'new'
          ? retexFr.issueCreated(plan.issue.label, plan.previous?.label ?? null)
          : retexFr.issueUnchanged(plan.issue.label),
        String(cross?.model.values.data_basis ?? ''),
      ];
      const unknown = output.files.filter((f) => f.unknownPlaceholders.length > 0);
      for (const f of unknown)
        lines.push(retexFr.unknownPlaceholders(path.basename(f.docx), f.unknownPlaceholders));
      if (output.pdf === 'unavailable') lines.push(frRetexPage.pdfUnavailable);
      if (pdfError !== undefined) lines.push(frRetexPage.pdfFailed(pdfError));
      if (output.pdf === 'converted')
        lines.push(frRetexPage.pdfConverted(output.files.filter((f) => f.pdf).length));
      return renderRetex(req, reply, {
        notice: {
          kind:
            unknown.length > 0 || pdfError !== undefined
              ? 'warning'
              : plan.status === 'new'
                ? 'success'
                : 'info',
          lines,
        },
        selected: milestone,
      });
    } catch (error) {
      const problem = templateProblem(error);
      if (problem === undefined) throw error;
      return renderRetex(req, reply, {
        notice: { kind: 'error', lines: [frRetexPage.generationFailed(problem)] },
        selected: milestone,
        status: 500,
      });
    }
  });

  registerRetexFileRoutes(app, {
    accessOf,
    folder: dataDir,
    issues,
    templates: () => loadRetexTemplates(deps.project, templatesDir),
    exclusive,
    render: renderRetex,
    messagePage,
  });

  function renderTexts(
    req: FastifyRequest,
    reply: FastifyReply,
    documentKey: string | undefined,
    state: {
      typed?: Record<string, string>;
      errors?: Map<string, FieldError[]>;
      formErrors?: FieldError[];
      saved?: number;
    } = {},
  ): FastifyReply {
    const access = accessOf(req);
    let documents: RetexTextDocument[];
    try {
      documents = textDocuments(readRetexDescriptions(deps.project, templatesDir));
    } catch (error) {
      const problem = templateProblem(error);
      if (problem === undefined) throw error;
      return messagePage(reply, access, 500, frRetexPage.generationFailed(problem));
    }
    const listHref = `${access.base}/retex/textes`;
    const hrefOf = (key: string) => `${listHref}?${new URLSearchParams({ document: key }).toString()}`;
    if (documentKey === undefined)
      return sendPage(
        reply,
        <RetexTextsListPage
          chrome={chromeOf(deps)}
          nav={arsNav(access.base, 'retex')}
          audience={access.link.label}
          retexHref={`${access.base}/retex`}
          documents={documents.map((d) => ({
            href: hrefOf(d.key),
            title: d.title,
            establishments: d.establishments,
            written: d.sections.length - d.toWrite,
            total: d.sections.length,
            toWrite: d.sections.filter((s) => s.toWrite).map((s) => s.title),
          }))}
        />,
      );
    const document = documents.find((d) => d.key === documentKey);
    if (!document) return messagePage(reply, access, 404, frRetexPage.unknownDocument());
    const refused = (state.errors?.size ?? 0) > 0 || (state.formErrors?.length ?? 0) > 0;
    return sendPage(
      reply,
      <RetexTextsDocumentPage
        chrome={chromeOf(deps)}
        nav={arsNav(access.base, 'retex')}
        audience={access.link.label}
        listHref={listHref}
        title={document.title}
        establishments={document.establishments}
        documentKey={document.key}
        action={listHref}
        csrf={reply.generateCsrf({ userInfo: access.link.id })}
        basis={retexTextsBasis(
          retex,
          document.key,
          document.sections.map((s) => s.id),
        )}
        maxLength={RETEX_SECTION_MAX_LENGTH}
        sections={document.sections.map((s) => ({
          id: s.id,
          title: s.title,
          prompt: s.prompt,
          value: state.typed?.[s.id] ?? s.text,
          toWrite: s.toWrite,
          saved: s.saved && `${formatParisDateTime(new Date(s.saved.at))} par ${s.saved.author}`,
          errors: state.errors?.get(s.id) ?? [],
        }))}
        notice={state.saved !== undefined ? frRetexPage.textsSaved(state.saved) : undefined}
        formErrors={state.formErrors ?? []}
      />,
      refused ? 422 : 200,
    );
  }

  app.get('/retex/textes', async (req, reply) => {
    const query = TextsQuery.safeParse(req.query);
    const q = query.success ? query.data : {};
    return renderTexts(req, reply, q.document, { saved: q.enregistre });
  });

  app.post(
    '/retex/textes',
    { preHandler: app.csrfProtection, bodyLimit: RETEX_TEXTS_BODY_LIMIT_BYTES },
    async (req, reply) => {
      const access = accessOf(req);
      const parsed = parseFormBody(req.body);
      if (!parsed.ok) return messagePage(reply, access, 400, frRequest.malformedForm(parsed.problems));
      const body = parsed.body;
      const documentKey = single(body, 'document_key') ?? '';
      let templates: RetexTemplates;
      try {
        templates = readRetexDescriptions(deps.project, templatesDir);
      } catch (error) {
        const problem = templateProblem(error);
        if (problem === undefined) throw error;
        return messagePage(reply, access, 500, frRetexPage.generationFailed(problem));
      }
      const document = textDocuments(templates).find((d) => d.key === documentKey);
      if (!document) return messagePage(reply, access, 404, frRetexPage.unknownDocument());

      const typed: Record<string, string> = {};
      const formErrors: FieldError[] = [];
      for (const [name, value] of Object.entries(body)) {
        if (name === '_csrf' || name === 'document_key' || name === BASIS_FIELD) continue;
        if (!name.startsWith(SECTION_FIELD) || typeof value !== 'string') {
          formErrors.push({
            field: name,
            code: 'UNKNOWN_FIELD',
            message: fr.unknownField(name),
            details: 'unexpected field in the RETEX texts form',
          });
          continue;
        }
        typed[name.slice(SECTION_FIELD.length)] = value;
      }
      const current = new Map(document.sections.map((s) => [s.id, s.text]));
      const changed = Object.entries(typed).filter(
        ([id, text]) => normalised(text) !== normalised(current.get(id) ?? ''),
      );
      const errors = new Map<string, FieldError[]>();
      /** Sections changed by someone else since the page was shown: shown again with their current text. */
      const stale = new Set<string>();
      const basis = single(body, BASIS_FIELD) ?? '';
      const ctx = appContextOf(deps);
      const rollback = new Error('RETEX texts refused: nothing saved');
      if (formErrors.length === 0)
        try {
          // All or nothing: the texts and their Journal line are one transaction on the database both stores share.
          deps.store.transaction(() => {
            const saved: string[] = [];
            for (const [sectionId, text] of changed) {
              const outcome = saveRetexSectionText(ctx, retex, templates, {
                documentKey,
                sectionId,
                text,
                author: access.author,
                basis,
              });
              if (outcome.status === 'stale') stale.add(sectionId);
              if (outcome.status === 'saved') {
                saved.push(document.sections.find((s) => s.id === sectionId)?.title ?? sectionId);
                continue;
              }
              for (const e of outcome.errors)
                if (e.field === 'text' || e.code === 'STALE_WRITE')
                  errors.set(sectionId, [...(errors.get(sectionId) ?? []), e]);
                else formErrors.push(e);
            }
            if (errors.size > 0 || formErrors.length > 0) throw rollback;
            if (saved.length > 0)
              deps.store.appendJournal({
                at: ctx.clock.now().toISOString(),
                kind: 'retex',
                actor: access.author,
                role: 'ars',
                target: document.title,
                summary: frRetexPage.journalTexts(document.title, saved),
                details: `document ${documentKey}; sections ${changed.map(([id]) => id).join(', ')}`,
              });
          });
        } catch (error) {
          if (error !== rollback) throw error;
        }
      if (errors.size > 0 || formErrors.length > 0)
        return renderTexts(req, reply, documentKey, {
          typed: Object.fromEntries(Object.entries(typed).filter(([id]) => !stale.has(id))),
          errors,
          formErrors,
        });
      const query = new URLSearchParams({ document: documentKey, enregistre: String(changed.length) });
      return reply.redirect(`${access.base}/retex/textes?${query.toString()}`, 303);
    },
  );
}
