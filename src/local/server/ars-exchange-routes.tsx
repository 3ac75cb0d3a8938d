// Export and import for the ARS / SESAN under /ars/<token>/: the .xlsx (ARS columns unlocked) and the Historique
// CSV to download; an .xlsx to upload (multipart, bounded), read by the guarded reader, previewed, then applied on
// confirmation through applyImport (editCell behind it: only the ARS's columns, all or nothing). Registered by
// ars-plugin.tsx inside its encapsulated context, so the ARS access hook guards these routes too.
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import * as z from 'zod';
import { applyImport, previewImport } from '../../app/import-workbook';
import { frImport } from '../../domain/messages';
import { frImportRequest } from '../messages';
import { parisDateString } from '../../domain/paris-time';
import type { ImportIssue } from '../../domain/workbook/tracking-grid';
import { historySheet } from '../../domain/workbook/history-sheet';
import { historyCsv } from '../csv/history-csv';
import { ExchangePage } from '../pages/ars-exchange-page';
import { CHOSEN_FIELD, ImportPreviewPage } from '../pages/ars-import-preview-page';
import { arsNav } from '../pages/navigation';
import { exportWorkbook } from '../../app/export-workbook';
import { establishmentLinks, exportFileName } from '../export-links';
import { DEFAULT_READ_LIMITS, readTrackingXlsx } from '../xlsx/read-tracking-file';
import { renderWorkbookXlsx } from '../xlsx/render-workbook';
import { chromeOf } from './chrome';
import { appContextOf } from './app-context';
import { ImportPreviews } from './import-previews';
import { parseFormBody } from './form-body';
import { sendDownload } from './attachment';
import { sendPage } from './render';
import type { Access } from './types';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const MULTIPART = 'multipart/form-data';
const MAX_UPLOAD_BYTES = DEFAULT_READ_LIMITS.maxFileBytes;

/** What @fastify/multipart puts in the body with `attachFieldsToBody: true`. */
const UploadBody = z.object({
  _csrf: z.object({ type: z.literal('field'), value: z.string() }),
  file: z
    .object({
      type: z.literal('file'),
      filename: z.string().max(500),
      toBuffer: z.custom<() => Promise<Buffer>>((v) => typeof v === 'function'),
    })
    .optional(),
});
const Flash = z.object({
  importe: z.coerce.number().int().min(0).optional(),
  annule: z.literal('1').optional(),
});

function accessOf(req: FastifyRequest): Access {
  if (!req.access) throw new Error('ARS route reached without an ARS link');
  return req.access;
}

export function registerExchangeRoutes(app: FastifyInstance): void {
  const deps = app.suivi;
  const { project, store } = deps;
  const previews = new ImportPreviews();
  const base = (req: FastifyRequest) => accessOf(req).base;

  void app.register(multipart, {
    attachFieldsToBody: true,
    // One more byte than the reader accepts, so an oversized file gets the reader's own precise message.
    limits: {
      fileSize: MAX_UPLOAD_BYTES + 1,
      files: 1,
      fields: 2,
      parts: 3,
      fieldSize: 1024,
      headerPairs: 50,
    },
  });

  function renderExchange(
    req: FastifyRequest,
    reply: FastifyReply,
    errors?: { title: string; issues: ImportIssue[] },
  ): FastifyReply {
    const access = accessOf(req);
    const flash = Flash.safeParse(req.query);
    const f = flash.success ? flash.data : {};
    return sendPage(
      reply,
      <ExchangePage
        chrome={chromeOf(deps)}
        nav={arsNav(access.base, 'exchange')}
        audience={access.link.label}
        xlsxHref={`${access.base}/export.xlsx`}
        csvHref={`${access.base}/historique.csv`}
        importAction={`${access.base}/import`}
        csrf={reply.generateCsrf({ userInfo: access.link.id })}
        maxMegabytes={Math.round(MAX_UPLOAD_BYTES / 2 ** 20)}
        notice={
          errors
            ? undefined
            : f.importe !== undefined
              ? { kind: 'success', text: frImportRequest.applied(f.importe) }
              : f.annule
                ? { kind: 'info', text: "Import annulé : rien n'a été modifié." }
                : undefined
        }
        errors={errors}
      />,
      errors ? 422 : 200,
    );
  }

  app.get('/echanges', async (req, reply) => renderExchange(req, reply));

  app.get('/export.xlsx', async (req, reply) => {
    const access = accessOf(req);
    const now = deps.clock.now();
    const model = exportWorkbook(
      { project, store, clock: { now: () => now } },
      establishmentLinks(deps.links, deps.baseUrl),
    );
    const file = await renderWorkbookXlsx(model, { role: 'ars', now });
    store.appendJournal({
      at: now.toISOString(),
      kind: 'export',
      actor: access.author,
      role: 'ars',
      summary: 'Export du fichier de suivi (.xlsx, colonnes ARS / SESAN modifiables).',
    });
    return sendDownload(reply, XLSX_TYPE, exportFileName('ars', parisDateString(now), 'xlsx'), file);
  });

  app.get('/historique.csv', async (req, reply) => {
    const now = deps.clock.now();
    const establishments = new Map(store.listEstablishments().map((e) => [e.id, e]));
    const csv = historyCsv(historySheet(project.tracking, store.listReportVersions(), establishments));
    return sendDownload(
      reply,
      'text/csv; charset=utf-8',
      exportFileName('historique', parisDateString(now), 'csv'),
      csv,
    );
  });

  app.post(
    '/import',
    {
      preHandler: app.csrfProtection,
      bodyLimit: MAX_UPLOAD_BYTES + 64 * 1024,
      config: { expects: MULTIPART },
    },
    async (req, reply) => {
      const access = accessOf(req);
      const body = UploadBody.safeParse(req.body);
      const title = "Le fichier n'a pas été importé";
      if (!body.success || !body.data.file)
        return renderExchange(req, reply, {
          title,
          issues: [{ code: 'FILE_NOT_XLSX', message: frImportRequest.noFile() }],
        });
      // The part itself, not zod's copy: its toBuffer reads the buffer multipart kept on it.
      const data = await (req.body as { file: { toBuffer: () => Promise<Buffer> } }).file.toBuffer();
      const read = await readTrackingXlsx(data, project);
      if (!read.ok) return renderExchange(req, reply, { title, issues: read.errors });
      const preview = previewImport(appContextOf(deps), 'ars', read.file);
      const fileName = body.data.file.filename || 'classeur.xlsx';
      const id = previews.keep(access.link.id, fileName, preview);
      return sendPage(
        reply,
        <ImportPreviewPage
          chrome={chromeOf(deps)}
          nav={arsNav(access.base, 'exchange')}
          audience={access.link.label}
          fileName={fileName}
          preview={preview}
          applyAction={`${access.base}/import/${id}/appliquer`}
          cancelAction={`${access.base}/import/${id}/annuler`}
          csrf={reply.generateCsrf({ userInfo: access.link.id })}
        />,
      );
    },
  );

  app.post<{ Params: { id: string } }>(
    '/import/:id/appliquer',
    { preHandler: app.csrfProtection },
    async (req, reply) => {
      const access = accessOf(req);
      const kept = previews.get(req.params.id, access.link.id);
      if (!kept)
        return renderExchange(req, reply, {
          title: "L'import n'a pas été appliqué",
          issues: [{ code: 'PREVIEW_OUTDATED', message: frImportRequest.previewExpired() }],
        });
      const parsed = parseFormBody(req.body);
      const picked = parsed.ok ? parsed.body[CHOSEN_FIELD] : undefined;
      const chosen = (typeof picked === 'string' ? [picked] : Array.isArray(picked) ? picked : [])
        .filter((v): v is string => typeof v === 'string' && /^\d{1,6}$/.test(v))
        .map(Number);
      previews.drop(req.params.id);
      const outcome = applyImport(appContextOf(deps), 'ars', access.author, kept.preview, chosen);
      if (outcome.status === 'refused')
        return renderExchange(req, reply, { title: "L'import n'a pas été appliqué", issues: outcome.errors });
      const applied = outcome.status === 'applied' ? outcome.changes.length : 0;
      return reply.redirect(`${base(req)}/echanges?importe=${applied}`, 303);
    },
  );

  app.post<{ Params: { id: string } }>(
    '/import/:id/annuler',
    { preHandler: app.csrfProtection },
    async (req, reply) => {
      previews.drop(req.params.id);
      return reply.redirect(`${base(req)}/echanges?annule=1`, 303);
    },
  );
}

/** The French page text when the upload itself is over the limit (the reader never sees it). */
export function uploadTooLarge(): string {
  const max = Math.round(MAX_UPLOAD_BYTES / 2 ** 20);
  return frImport.fileTooLarge(`plus de ${max}`, max);
}
