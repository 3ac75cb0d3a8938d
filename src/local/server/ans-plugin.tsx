// The ANS audience under /ans/<token>: the national summary (read-only) and the ANS's own columns (« Remarques »),
// edited through editCell, whose access checker refuses every other column.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import * as z from 'zod';
import { editCell } from '../../app/edit-cell';
import { annotationColumns, columnById } from '../../domain/columns';
import { frPages, frRequest } from '../messages';
import { parseRowKey, rowTitle } from '../../domain/model';
import { formatParisDateTime, parisDateString } from '../../domain/paris-time';
import { valueAsText } from '../../domain/values';
import { rowRefs } from '../../domain/workbook/workbook';
import { latestEntry } from '../../domain/ledger';
import { SummaryPage } from '../pages/ans-summary-page';
import { NationalSection } from '../pages/national-section';
import { nationalExportModel } from '../national';
import { nationalView } from './national-view';
import { registerAnsRetexRoutes } from './ans-retex-routes';
import { RemarksPage } from '../pages/ans-remarks-page';
import { cellAnchor, type FailedEdit } from '../pages/ars-grid-page';
import { MessagePage } from '../pages/message-page';
import { ansNav } from '../pages/navigation';
import { exportWorkbook } from '../../app/export-workbook';
import { exportFileName } from '../export-links';
import { renderWorkbookXlsx } from '../xlsx/render-workbook';
import { requireLink } from './access-hook';
import { XLSX_TYPE } from './ars-exchange-routes';
import { cellQuestion, readCellEdit } from './cell-edit';
import { chromeOf } from './chrome';
import { appContextOf } from './app-context';
import { parseFormBody } from './form-body';
import { sendDownload } from './attachment';
import { sendPage } from './render';
import type { Access } from './types';

const Flash = z.object({ modifie: z.string().max(300).optional() });

function accessOf(req: FastifyRequest): Access {
  if (!req.access) throw new Error('ANS route reached without an ANS link');
  return req.access;
}

export async function ansPlugin(app: FastifyInstance): Promise<void> {
  const deps = app.suivi;
  const { tracking } = deps.project;
  app.addHook('onRequest', requireLink('ans'));
  registerAnsRetexRoutes(app);
  const ansColumnLabels = annotationColumns(tracking, 'ans').map((c) => c.label);
  // The national tables and filters name the region and the group with the tracking file's own labels.
  const labelOf = (id: string) => tracking.columns.find((c) => c.id === id)?.label ?? id;
  const regionLabel = labelOf('region');

  app.get('/', async (req, reply) => {
    const access = accessOf(req);
    const now = deps.clock.now();
    const view = nationalView(deps, req.query, now);
    return sendPage(
      reply,
      <SummaryPage
        chrome={chromeOf(deps)}
        nav={ansNav(access.base, 'summary', ansColumnLabels)}
        audience={access.link.label}
        summary={view.national.summary}
        grid={view.national.grid}
        computedAt={formatParisDateTime(now)}
        downloadHref={`${access.base}/export.xlsx`}
        regionOfRow={view.regionNameOfRow}
        regionLabel={regionLabel}
        national={
          <NationalSection
            national={view.national}
            freshness={view.freshness}
            filter={view.filter}
            action={access.base}
            gridWeeksHidden={view.gridWeeksHidden}
            regionLabel={regionLabel}
            groupLabel={labelOf('group')}
          />
        }
      />,
    );
  });

  app.get('/export.xlsx', async (req, reply) => {
    const access = accessOf(req);
    const now = deps.clock.now();
    const model =
      nationalExportModel(deps.project, deps.store, now) ??
      exportWorkbook({ project: deps.project, store: deps.store, clock: { now: () => now } });
    const file = await renderWorkbookXlsx(model, { role: 'ans', now });
    deps.store.appendJournal({
      at: now.toISOString(),
      kind: 'export',
      actor: access.author,
      role: 'ans',
      summary: `Export du fichier de suivi (.xlsx, colonne(s) ${ansColumnLabels.join(', ')} modifiable(s)).`,
    });
    return sendDownload(reply, XLSX_TYPE, exportFileName('ans', parisDateString(now), 'xlsx'), file);
  });

  function renderRemarks(req: FastifyRequest, reply: FastifyReply, failed?: FailedEdit): FastifyReply {
    const access = accessOf(req);
    const columns = annotationColumns(tracking, 'ans');
    const establishments = deps.store.listEstablishments();
    const annotations = deps.store.allAnnotations();
    const ledgers = deps.store.allLedgers();
    const rows = rowRefs(establishments).map((r) => {
      const values = annotations.get(r.rowKey) ?? {};
      return {
        key: r.rowKey,
        title: r.title,
        week: latestEntry(ledgers.get(r.rowKey) ?? [])?.week ?? null,
        cells: columns.map((c) => ({
          text: valueAsText(c, values[c.id]),
          question: cellQuestion(deps, c, values[c.id]),
        })),
      };
    });
    const flash = Flash.safeParse(req.query);
    const [key, columnId] = (flash.success ? (flash.data.modifie ?? '') : '').split('|');
    const edited = key ? parseRowKey(key) : undefined;
    const e = edited && deps.store.getEstablishment(edited.establishmentId);
    const useCase = e?.useCases.find((u) => u.id === edited?.useCaseId);
    const column = columnId ? columnById(tracking, columnId) : undefined;
    return sendPage(
      reply,
      <RemarksPage
        chrome={chromeOf(deps)}
        nav={ansNav(access.base, 'remarks', ansColumnLabels)}
        audience={access.link.label}
        columns={columns.map((c) => c.label)}
        rows={rows}
        action={`${access.base}/remarques`}
        csrf={reply.generateCsrf({ userInfo: access.link.id })}
        notice={
          !failed && e && useCase && column
            ? frPages.cellSaved(column.label, rowTitle(e, useCase))
            : undefined
        }
        failed={failed}
      />,
      failed ? 422 : 200,
    );
  }

  app.get('/remarques', async (req, reply) => renderRemarks(req, reply));

  app.post('/remarques', { preHandler: app.csrfProtection }, async (req, reply) => {
    const access = accessOf(req);
    const parsed = parseFormBody(req.body);
    const form = parsed.ok ? readCellEdit(deps, parsed.body) : parsed;
    if (!form.ok)
      return sendPage(
        reply,
        <MessagePage
          chrome={chromeOf(deps)}
          kind="error"
          title="Envoi refusé"
          message={frRequest.malformedForm(form.problems)}
          back={{ href: `${access.base}/remarques`, label: 'Revenir aux remarques' }}
        />,
        400,
      );
    const outcome = editCell(appContextOf(deps), {
      rowKey: form.rowKey,
      columnId: form.columnId,
      raw: form.raw,
      role: 'ans',
      author: access.author,
      source: 'grid',
      basis: form.basis,
    });
    if (outcome.status === 'saved')
      return reply.redirect(
        `${access.base}/remarques?modifie=${encodeURIComponent(`${form.rowKey}|${form.columnId}`)}#${cellAnchor(form.rowKey, form.columnId)}`,
        303,
      );
    return renderRemarks(req, reply, {
      rowKey: form.rowKey,
      columnId: form.columnId,
      // Stale: the editor shows the current value again, with what changed, for the ANS to redo its remark on it.
      value: outcome.status === 'stale' ? undefined : form.raw,
      errors: outcome.errors,
    });
  });
}
