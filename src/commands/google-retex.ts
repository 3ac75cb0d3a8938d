// `suivi-mes google retex --template DOC_ID`: copies a RETEX template and fills it through the Docs API. Until the
// RETEX content model (src/domain/retex-model.ts) lands, it fills a minimal set — pilot, region, milestone, date
// and the latest counters per row — so the Drive/Docs plumbing is usable and tested; the full contents will come
// from that model without changing the plumbing.
import type { Command } from 'commander';
import { pilotCalendar } from '../domain/calendar';
import { counterColumns } from '../domain/columns';
import { ledgersFromVersions } from '../domain/ledger';
import { formatParisDateTime } from '../domain/paris-time';
import { synthesisFromLedgers } from '../domain/workbook-model';
import { buildRetexDocument } from '../google-api/retex-docs';
import { loadSnapshot, RestStore } from '../google-api/rest-store';
import type { CommandContext } from './options';
import {
  installedSpreadsheet,
  openSession,
  print,
  withCredentialOptions,
  type GoogleCredentialOptions,
} from './google-shared';

interface RetexOptions extends GoogleCredentialOptions {
  template: string;
  milestone: 'V1' | 'VF';
}

export function registerGoogleRetex(google: Command, ctx: () => CommandContext): void {
  withCredentialOptions(
    google
      .command('retex')
      .description('crée un document RETEX à partir d’un modèle Google Docs')
      .requiredOption('--template <id>', 'identifiant du modèle Google Docs (créé ou importé par suivi-mes)')
      .option('--milestone <jalon>', 'V1 ou VF', 'V1'),
  ).action(async (opts: RetexOptions) => {
    const c = ctx();
    const { project, options } = c;
    const { spreadsheetId } = installedSpreadsheet(c);
    const session = openSession(opts, options.json);
    const store = new RestStore(
      project.tracking,
      await loadSnapshot(session.adapters.sheets, spreadsheetId, project.tracking),
    );
    const now = new Date();
    const ledgers = ledgersFromVersions(project.tracking, store.listReportVersions());
    const { summary } = synthesisFromLedgers(
      project.tracking,
      pilotCalendar(project.config),
      store.listEstablishments(),
      ledgers,
      now,
    );
    const counters = counterColumns(project.tracking);
    const doc = await buildRetexDocument(session.adapters, opts.template, {
      name: `RETEX ${opts.milestone} — ${project.config.pilot.name}`,
      texts: {
        pilote: project.config.pilot.name,
        region: project.config.pilot.region,
        jalon: opts.milestone,
        date: formatParisDateTime(now),
      },
      tables: {
        indicateurs: [
          ['Etablissement', 'Semaine', ...counters.map((col) => col.label)],
          ...summary.latest.map((r) => [
            r.title,
            r.week ?? '',
            ...counters.map((col) => String(r.counters[col.id] ?? '')),
          ]),
        ],
      },
    });
    print(options.json, doc, `Document RETEX créé : ${doc.url}`);
  });
}
