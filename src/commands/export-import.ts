// `suivi-mes export` writes the master workbook (.xlsx, one role's columns unlocked) and optionally the Historique
// CSV from the local data; `suivi-mes import FILE` shows the preview of a workbook edited offline and, with
// --apply, applies the role's changes (all or nothing), as the ARS page does.
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { applyImport, previewImport } from '../app/import-workbook';
import { parisDateString } from '../domain/paris-time';
import { historySheet } from '../domain/workbook/history-sheet';
import { historyCsv } from '../local/csv/history-csv';
import { openLocalData } from '../local/local-data';
import { nationalExportModel } from '../local/national';
import { serverAddress } from '../local/server-address';
import { exportWorkbook } from '../app/export-workbook';
import { establishmentLinks, exportFileName } from '../local/export-links';
import { readTrackingXlsx } from '../local/xlsx/read-tracking-file';
import { renderWorkbookXlsx } from '../local/xlsx/render-workbook';
import type { Role } from '../schema/tracking-file';
import type { CommandContext } from './options';
import { frImportRequest } from '../local/messages';

/** `lecture`: everything locked (a copy to read). */
const EXPORT_ROLES = ['ars', 'ans', 'lecture'] as const;
const IMPORT_ROLES = ['ars', 'ans'] as const;

function roleOption<T extends string>(raw: string, allowed: readonly T[]): T {
  const found = allowed.find((r) => r === raw.trim().toLowerCase());
  if (!found) throw new Error(`« --role » : ${allowed.join(', ')} attendu (reçu « ${raw} »).`);
  return found;
}

const shownCell = (text: string) => (text === '' ? '(vide)' : `« ${text} »`);

export interface ExportOptions {
  role: string;
  out?: string;
  historique?: string;
}

export async function exportCommand(
  { options, project }: CommandContext,
  opts: ExportOptions,
): Promise<string[]> {
  const role = roleOption(opts.role, EXPORT_ROLES);
  const { data } = openLocalData(options.data, project);
  try {
    const now = data.clock.now();
    const links = role === 'ars' ? establishmentLinks(data.links, serverAddress().baseUrl) : new Map();
    const model =
      (role === 'ans' ? nationalExportModel(project, data.store, now) : undefined) ??
      exportWorkbook({ project, store: data.store, clock: { now: () => now } }, links);
    const file = await renderWorkbookXlsx(model, { role: role === 'lecture' ? null : (role as Role), now });
    const out = path.resolve(opts.out ?? exportFileName(role, parisDateString(now), 'xlsx'));
    fs.writeFileSync(out, file);
    const written = [out];
    if (opts.historique) {
      const byId = new Map(data.store.listEstablishments().map((e) => [e.id, e]));
      const csv = path.resolve(opts.historique);
      fs.writeFileSync(
        csv,
        historyCsv(historySheet(project.tracking, data.store.listReportVersions(), byId)),
      );
      written.push(csv);
    }
    data.store.appendJournal({
      at: now.toISOString(),
      kind: 'export',
      actor: 'ligne de commande',
      role: 'system',
      summary: `Export du fichier de suivi (.xlsx, ${role === 'lecture' ? 'lecture seule' : `colonnes ${role} modifiables`}).`,
      details: written.join(', '),
    });
    if (options.json) process.stdout.write(`${JSON.stringify({ files: written })}\n`);
    else process.stdout.write(`${written.map((f) => `Écrit : ${f}`).join('\n')}\n`);
    return written;
  } finally {
    data.close();
  }
}

export interface ImportOptions {
  role: string;
  apply: boolean;
  author: string;
}

export async function importCommand(
  { options, project }: CommandContext,
  file: string,
  opts: ImportOptions,
): Promise<boolean> {
  const role = roleOption(opts.role, IMPORT_ROLES);
  // A file that cannot be read is said by the command line's translation of system errors (system-errors.ts).
  const buffer = fs.readFileSync(file);
  const read = await readTrackingXlsx(buffer, project);
  if (!read.ok)
    throw new Error(
      `${file} n'a pas été importé :\n${read.errors.map((e) => `  - ${e.message}`).join('\n')}`,
    );
  const { data } = openLocalData(options.data, project);
  try {
    const ctx = { project, store: data.store, clock: data.clock };
    const preview = previewImport(ctx, role, read.file);
    const lines = [
      `Feuille « ${preview.sheet} » : ${preview.rowsRead} ligne(s) lue(s), ${preview.rowsMatched} reconnue(s).`,
      ...preview.notices.map((n) => `  ! ${n.message}`),
      `${preview.changes.length} modification(s) :`,
      ...preview.changes.map(
        (c) => `  ${c.title} — ${c.columnLabel} : ${shownCell(c.oldText)} → ${shownCell(c.newText)}`,
      ),
      ...(preview.setApart.length > 0
        ? [
            `${preview.setApart.length} mise(s) de côté, jamais appliquée(s) par la ligne de commande (modifiée(s) en ligne depuis l'export ; choisissez-les une par une dans la page d'import) :`,
            ...preview.setApart.map(
              (c) =>
                `  ${c.title} — ${c.columnLabel} : ${shownCell(c.oldText)} → ${shownCell(c.newText)} (modifiée par ${c.changedBy} le ${c.changedAt})`,
            ),
          ]
        : []),
      `${preview.refused.length} refusée(s) :`,
      ...preview.refused.map(
        (r) => `  ligne ${r.row}${r.columnLabel ? `, ${r.columnLabel}` : ''} : ${r.reason}`,
      ),
    ];
    if (!opts.apply) {
      lines.push('Aperçu seulement : rien n’a été modifié. Relancez avec --apply pour appliquer.');
      process.stdout.write(`${lines.join('\n')}\n`);
      return false;
    }
    const outcome = applyImport(ctx, role, opts.author, preview);
    if (outcome.status === 'refused')
      throw new Error(
        `Import non appliqué, rien n'a été modifié :\n${outcome.errors.map((e) => `  - ${e.message}`).join('\n')}`,
      );
    lines.push(
      outcome.status === 'applied'
        ? frImportRequest.applied(outcome.changes.length)
        : 'Aucune modification à appliquer.',
    );
    process.stdout.write(`${lines.join('\n')}\n`);
    return outcome.status === 'applied';
  } finally {
    data.close();
  }
}

/** `suivi-mes export` and `suivi-mes import`, registered by src/cli.ts. */
export function registerExportImportCommands(program: Command, ctx: () => CommandContext): void {
  program
    .command('export')
    .description('écrit le fichier de suivi .xlsx (et, avec --historique, l’historique en CSV)')
    .option('--role <rôle>', 'colonnes modifiables : ars, ans, ou lecture (tout verrouillé)', 'ars')
    .option('--out <fichier>', 'fichier .xlsx à écrire (par défaut suivi-mes-<rôle>-<date>.xlsx)')
    .option('--historique <fichier>', 'écrit aussi l’historique des déclarations en CSV')
    .action(async (opts: ExportOptions) => {
      await exportCommand(ctx(), opts);
    });
  program
    .command('import')
    .description(
      'aperçu de l’import d’un fichier de suivi .xlsx ; --apply applique les modifications du rôle',
    )
    .argument('<fichier>', 'le classeur .xlsx')
    .option('--role <rôle>', 'rôle dont les colonnes sont importées : ars ou ans', 'ars')
    .option('--apply', 'applique les modifications (sinon, aperçu seulement)', false)
    .option('--author <nom>', 'auteur des modifications (historique)', 'ligne de commande')
    .action(async (file: string, opts: ImportOptions) => {
      await importCommand(ctx(), file, opts);
    });
}
