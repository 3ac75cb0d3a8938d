// RETEX for the ARS / SESAN under /ars/<token>/retex: generate V1 or VF (the core's buildRetex through
// retex-archive.ts, as `suivi-mes retex` does), list every version issued, download its frozen files from
// <data>/retex/ (never regenerated on download), and write the ARS's own sections (saveRetexSectionText). Registered
// by ars-plugin.tsx inside its encapsulated context, so only an ARS link reaches these routes.
import path from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import * as z from 'zod';
import { RETEX_SECTION_MAX_LENGTH, retexTextsBasis, saveRetexSectionText } from '../../app/build-retex';
import { BASIS_FIELD } from '../../domain/write-basis';
import { fr, type FieldError } from '../../domain/messages';
import { frRequest, frRetexPage } from '../messages';
import { formatParisDateTime } from '../../domain/paris-time';
import { retexTextDocuments, type RetexTextDocument } from '../../domain/retex/sections';
import type { RetexTemplates } from '../../domain/retex/template';
import { retexTemplatesDir } from '../../node/project-files';
import { arsNav } from '../pages/navigation';
import { RetexTextsDocumentPage, RetexTextsListPage } from '../pages/ars-retex-texts-page';
import { issueRetex, loadRetexTemplates, retexArchiveDir } from '../retex/retex-archive';
import { readRetexDescriptions } from '../../node/retex-files';
import { RetexSqliteStore } from '../db/retex-sqlite-store';
import { appContextOf } from './app-context';
import { chromeOf } from './chrome';
import { parseFormBody, single } from './form-body';
import { sendPage } from './render';
import { registerRetexPage, templateProblem } from './retex-page-routes';
import type { Access } from './types';

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

function accessOf(req: FastifyRequest): Access {
  if (!req.access) throw new Error('ARS route reached without an ARS link');
  return req.access;
}

const normalised = (text: string) => text.replace(/\r\n?/g, '\n');

export function registerRetexRoutes(app: FastifyInstance): void {
  const deps = app.suivi;
  const retex = new RetexSqliteStore(deps.store.db, deps.retexScope);
  const dataDir = deps.dataDir ?? path.dirname(deps.store.db.name);
  const archiveDir = retexArchiveDir(dataDir);
  const templatesDir = retexTemplatesDir(deps.project, deps.configFile);

  const messagePage = registerRetexPage(app, {
    accessOf,
    retex,
    folder: dataDir,
    templatesDir,
    nav: (access) => arsNav(access.base, 'retex'),
    backLabel: 'Revenir à la page RETEX',
    unavailableTitle: 'RETEX indisponible',
    texts: () => {
      const documents = textDocuments(readRetexDescriptions(deps.project, templatesDir));
      return {
        toWrite: documents.reduce((n, d) => n + d.toWrite, 0),
        total: documents.reduce((n, d) => n + d.sections.length, 0),
        documents: documents.length,
      };
    },
    reportFiles: true,
    issue: async (access, { milestone, pdf }) =>
      issueRetex(appContextOf(deps), retex, {
        milestone,
        author: access.author,
        templates: loadRetexTemplates(deps.project, templatesDir),
        outDir: archiveDir,
        pdf,
      }),
  });

  function textDocuments(templates: RetexTemplates): RetexTextDocument[] {
    return retexTextDocuments(deps.store.listEstablishments(), templates, retex.listSectionTexts());
  }

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
