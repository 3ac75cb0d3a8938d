// The ANS's national RETEX page (/ans/<token>/retex): the shared RETEX page (retex-page-routes.tsx, as the ARS's),
// over every region of the national view (src/local/retex/national-retex.ts, as `suivi-mes national retex`): a button
// issues V1 or VF, each issued version is listed with its documents. The ANS writes no texts: no /retex/textes here.
import path from 'node:path';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { annotationColumns } from '../../domain/columns';
import { retexTemplatesDir } from '../../node/project-files';
import { ansNav } from '../pages/navigation';
import { NATIONAL_RETEX_SCOPE, nationalRetexStores } from '../retex/national-retex';
import { issueRetex, loadRetexTemplates } from '../retex/retex-archive';
import { RetexSqliteStore } from '../db/retex-sqlite-store';
import { registerRetexPage } from './retex-page-routes';
import type { Access } from './types';

function accessOf(req: FastifyRequest): Access {
  if (!req.access) throw new Error('ANS route reached without an ANS link');
  return req.access;
}

export function registerAnsRetexRoutes(app: FastifyInstance): void {
  const deps = app.suivi;
  const dataDir = deps.dataDir ?? path.dirname(deps.store.db.name);
  const templatesDir = retexTemplatesDir(deps.project, deps.configFile);
  const columns = annotationColumns(deps.project.tracking, 'ans').map((c) => c.label);

  registerRetexPage(app, {
    accessOf,
    retex: new RetexSqliteStore(deps.store.db, NATIONAL_RETEX_SCOPE),
    // Where `national retex` keeps its versions' files (national-retex.ts): the page and the command share them.
    folder: path.join(dataDir, NATIONAL_RETEX_SCOPE),
    templatesDir,
    nav: (access) => ansNav(access.base, 'retex', columns),
    title: 'RETEX national',
    backLabel: 'Revenir au RETEX national',
    reportFiles: false,
    issue: async (access, { milestone, pdf }) => {
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
        pdf,
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
    },
  });
}
