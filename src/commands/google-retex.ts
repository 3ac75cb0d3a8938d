// `suivi-mes google retex --template DOC_ID`: copies a RETEX template and fills it through the Docs API. Until the
// RETEX content model (src/domain/retex-model.ts) lands, it fills a minimal set — pilot, region, milestone, date
// and the latest counters per row — so the Drive/Docs plumbing is usable and tested; the full contents will come
// from that model without changing the plumbing.
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { pilotCalendar } from '../domain/calendar';
import { counterColumns, requireColumn } from '../domain/columns';
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
  template?: string;
  /** A .docx template to import as a Google Doc first (so the narrow drive.file scope reaches it). */
  uploadTemplate?: string;
  milestone: 'V1' | 'VF';
}

export function registerGoogleRetex(google: Command, ctx: () => CommandContext): void {
  withCredentialOptions(
    google
      .command('retex')
      .description('crée un document RETEX à partir d’un modèle Google Docs')
      .option('--template <id>', 'identifiant du modèle Google Docs (créé ou importé par suivi-mes)')
      .option('--upload-template <docx>', 'importe d’abord ce modèle .docx comme document Google')
      .option('--milestone <jalon>', 'V1 ou VF', 'V1'),
  ).action(async (opts: RetexOptions) => {
    const c = ctx();
    const { project, options } = c;
    const { spreadsheetId } = installedSpreadsheet(c);
    const session = openSession(opts, options.json);
    let templateId = opts.template;
    if (opts.uploadTemplate) {
      const uploaded = await session.adapters.drive.uploadAsGoogleDoc(
        `Modèle RETEX — ${path.basename(opts.uploadTemplate)}`,
        fs.readFileSync(opts.uploadTemplate),
      );
      templateId = uploaded.id;
      process.stderr.write(
        `Modèle importé : ${uploaded.webViewLink ?? uploaded.id} (identifiant ${uploaded.id})\n`,
      );
    }
    if (!templateId) throw new Error('Indiquez --template ID ou --upload-template FICHIER.docx.');
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
    const doc = await buildRetexDocument(session.adapters, templateId, {
      name: `RETEX ${opts.milestone} — ${project.config.pilot.name}`,
      texts: {
        pilote: project.config.pilot.name,
        region: project.config.pilot.region,
        jalon: opts.milestone,
        date: formatParisDateTime(now),
      },
      tables: {
        indicateurs: [
          [
            requireColumn(project.tracking, 'establishment').label,
            'Semaine',
            ...counters.map((col) => col.label),
          ],
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
