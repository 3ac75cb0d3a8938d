// The ANS's national RETEX page (/ans/<token>/retex): the same page, template mechanism and frozen versions as a
// region's RETEX (ars-retex-routes.tsx), over every region of the national view (src/local/retex/national-retex.ts, as
// `suivi-mes national retex`): a button issues V1 or VF, each issued version is listed with its documents.
import path from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { annotationColumns } from '../../domain/columns';
import { MILESTONES, milestoneCutoff, pilotCalendar, type Milestone } from '../../domain/calendar';
import { frRequest, frRetexPage } from '../messages';
import { retexFr } from '../../domain/messages';
import { formatParisDateTime } from '../../domain/paris-time';
import { retexTemplatesDir } from '../../node/project-files';
import { MessagePage } from '../pages/message-page';
import { ansNav } from '../pages/navigation';
import { RetexPage, type RetexNotice } from '../pages/ars-retex-page';
import { NATIONAL_RETEX_SCOPE, nationalRetexStores } from '../retex/national-retex';
import { issueRetex, loadRetexTemplates } from '../retex/retex-archive';
import { findSoffice } from '../retex/retex-pdf';
import { RetexSqliteStore } from '../db/retex-sqlite-store';
import {
  frenchDate,
  issuedVersions,
  registerRetexFileRoutes,
  retexVersionView,
  serialised,
  templateProblem,
} from './ars-retex-routes';
import { chromeOf } from './chrome';
import { parseFormBody, single } from './form-body';
import { sendPage } from './render';
import type { Access } from './types';

function accessOf(req: FastifyRequest): Access {
  if (!req.access) throw new Error('ANS route reached without an ANS link');
  return req.access;
}

export function registerAnsRetexRoutes(app: FastifyInstance): void {
  const deps = app.suivi;
  const dataDir = deps.dataDir ?? path.dirname(deps.store.db.name);
  // Where `national retex` keeps its versions' files (national-retex.ts): the page and the command share them.
  const nationalDir = path.join(dataDir, NATIONAL_RETEX_SCOPE);
  const retex = new RetexSqliteStore(deps.store.db, NATIONAL_RETEX_SCOPE);
  const templatesDir = retexTemplatesDir(deps.project, deps.configFile);
  const columns = annotationColumns(deps.project.tracking, 'ans').map((c) => c.label);
  const calendar = pilotCalendar(deps.project.config);
  const exclusive = serialised();
  const issues = issuedVersions(retex);

  function messagePage(reply: FastifyReply, access: Access, status: number, message: string) {
    return sendPage(
      reply,
      <MessagePage
        chrome={chromeOf(deps)}
        kind="error"
        title={status === 404 ? 'Introuvable' : 'Envoi refusé'}
        message={message}
        back={{ href: `${access.base}/retex`, label: 'Revenir au RETEX national' }}
      />,
      status,
    );
  }

  function render(
    req: FastifyRequest,
    reply: FastifyReply,
    state: { notice?: RetexNotice; selected?: Milestone; status?: number } = {},
  ): FastifyReply {
    const access = accessOf(req);
    const now = deps.clock.now();
    const issued = issues();
    const latest = new Map<Milestone, number>();
    for (const i of issued) latest.set(i.milestone, Math.max(latest.get(i.milestone) ?? 0, i.number));
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
    return sendPage(
      reply,
      <RetexPage
        chrome={chromeOf(deps)}
        nav={ansNav(access.base, 'retex', columns)}
        audience={access.link.label}
        title="RETEX national"
        csrf={reply.generateCsrf({ userInfo: access.link.id })}
        generateAction={`${access.base}/retex/generer`}
        milestones={milestones}
        selected={
          state.selected ?? milestones.find((m) => m.open)?.id ?? MILESTONES[MILESTONES.length - 1] ?? 'VF'
        }
        pdfAvailable={findSoffice() !== undefined}
        versions={[...issued]
          .sort((a, b) => b.number - a.number)
          .map((i) => retexVersionView(nationalDir, access, i, latest.get(i.milestone) === i.number))}
        notice={state.notice}
      />,
      state.status ?? 200,
    );
  }

  app.get('/retex', async (req, reply) => render(req, reply));

  app.post('/retex/generer', { preHandler: app.csrfProtection }, async (req, reply) => {
    const access = accessOf(req);
    const parsed = parseFormBody(req.body);
    if (!parsed.ok) return messagePage(reply, access, 400, frRequest.malformedForm(parsed.problems));
    const milestone = MILESTONES.find((m) => m === single(parsed.body, 'milestone'));
    if (!milestone)
      return render(req, reply, {
        notice: { kind: 'error', lines: [frRetexPage.milestoneMissing()] },
        status: 422,
      });
    try {
      const { plan, output, pdfError } = await exclusive(async () => {
        // Built at each click: the regions' latest files and this instance's rows as they are now.
        const stores = nationalRetexStores(deps.project, {
          dir: dataDir,
          db: deps.store.db,
          store: deps.store,
          clock: deps.clock,
        });
        const issued = await issueRetex(stores.app, stores.retex, {
          milestone,
          author: access.author,
          templates: loadRetexTemplates(deps.project, templatesDir),
          outDir: stores.archiveDir,
          pdf: single(parsed.body, 'pdf') === '1' ? 'auto' : 'never',
        });
        if (issued.plan.status === 'new')
          deps.store.appendJournal({
            at: deps.clock.now().toISOString(),
            kind: 'retex',
            actor: access.author,
            role: 'ans',
            summary: `RETEX national ${issued.plan.issue.label} émis.`,
          });
        return issued;
      });
      const cross = plan.issue.documents.find((d) => d.model.kind === 'cross-cutting');
      const lines = [
        plan.status === 'new'
          ? retexFr.issueCreated(plan.issue.label, plan.previous?.label ?? null)
          : retexFr.issueUnchanged(plan.issue.label),
        String(cross?.model.values.data_basis ?? ''),
      ];
      if (output.pdf === 'unavailable') lines.push(frRetexPage.pdfUnavailable);
      if (pdfError !== undefined) lines.push(frRetexPage.pdfFailed(pdfError));
      return render(req, reply, {
        notice: {
          kind: pdfError !== undefined ? 'warning' : plan.status === 'new' ? 'success' : 'info',
          lines,
        },
        selected: milestone,
      });
    } catch (error) {
      const problem = templateProblem(error);
      if (problem === undefined) throw error;
      return render(req, reply, {
        notice: { kind: 'error', lines: [frRetexPage.generationFailed(problem)] },
        selected: milestone,
        status: 500,
      });
    }
  });

  registerRetexFileRoutes(app, {
    accessOf,
    folder: nationalDir,
    issues,
    templates: () => loadRetexTemplates(deps.project, templatesDir),
    exclusive,
    render,
    messagePage,
  });
}
