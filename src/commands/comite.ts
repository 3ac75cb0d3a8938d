// `suivi-mes comite --month YYYY-MM --out DIR`: issues the monthly committee pack from the local data folder
// (--data) — a new version only when the month's data or the « décisions à prendre » changed — keeps its files
// under <data>/comite/ as the ARS page does, and copies the .docx (and the PDF when LibreOffice is installed) to
// DIR.
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { CommitteeMonth, monthLabel, type CommitteeIssuePlan } from '../domain/committee';
import { openAccompaniment } from '../local/accompaniment-data';
import { COMMITTEE_ARCHIVE_DIR, committeeTemplatesDir, issueCommitteePack } from '../local/committee-archive';
import { openLocalData } from '../local/local-data';
import type { CommandContext } from './options';

export interface ComiteOptions {
  month: string;
  out: string;
  author: string;
  pdf: boolean;
}

export interface ComiteResult {
  plan: CommitteeIssuePlan;
  files: string[];
}

export function parseMonth(raw: string): string {
  const parsed = CommitteeMonth.safeParse(raw.trim());
  if (!parsed.success)
    throw new Error(`--month : mois attendu au format AAAA-MM (par exemple 2022-06), reçu « ${raw} ».`);
  return parsed.data;
}

export async function comiteCommand(
  { options, project }: CommandContext,
  opts: ComiteOptions,
): Promise<ComiteResult> {
  const month = parseMonth(opts.month);
  const { data, warnings } = openLocalData(options.data, project);
  for (const w of warnings) process.stderr.write(`${w}\n`);
  try {
    const ctx = openAccompaniment(data, project, options.config);
    const issued = await issueCommitteePack(ctx, {
      month,
      author: opts.author,
      templatesDir: committeeTemplatesDir(project, options.config),
      archiveDir: path.join(data.dir, COMMITTEE_ARCHIVE_DIR),
      pdf: opts.pdf ? 'auto' : 'never',
    });
    const out = path.resolve(opts.out);
    fs.mkdirSync(out, { recursive: true });
    const files = [issued.files.docx, issued.files.pdf].flatMap((f) => {
      if (!f) return [];
      const to = path.join(out, path.basename(f));
      fs.copyFileSync(f, to);
      return [to];
    });
    const { plan } = issued;
    if (options.json) {
      process.stdout.write(
        `${JSON.stringify({ status: plan.status, version: plan.issue.label, files, pdf: issued.files.pdf !== undefined })}\n`,
      );
      return { plan, files };
    }
    const lines = [
      plan.status === 'new'
        ? `Dossier du comité de suivi de ${monthLabel(month)} émis : version ${plan.issue.label}${plan.previous ? ` (remplace ${plan.previous.label})` : ''}.`
        : `Rien n’a changé depuis la version ${plan.issue.label} du dossier de ${monthLabel(month)} : elle reste en vigueur.`,
      ...files.map((f) => `  ${f}`),
    ];
    if (issued.pdfProblem === 'unavailable')
      lines.push('LibreOffice n’est pas installé : pas de PDF (le .docx suffit pour le comité).');
    else if (issued.pdfProblem) lines.push(`La conversion en PDF a échoué : ${issued.pdfProblem}`);
    if (issued.files.unknownPlaceholders.length > 0)
      lines.push(
        `Champs inconnus du modèle, laissés vides : ${issued.files.unknownPlaceholders.join(', ')}.`,
      );
    process.stdout.write(`${lines.join('\n')}\n`);
    return { plan, files };
  } finally {
    data.close();
  }
}

/** `suivi-mes comite …`, registered by src/cli.ts. */
export function registerComiteCommand(program: Command, ctx: () => CommandContext): void {
  program
    .command('comite')
    .description('émet le dossier du comité de suivi mensuel (.docx, + PDF si LibreOffice est là)')
    .requiredOption('--month <AAAA-MM>', 'mois du comité, par exemple 2022-06')
    .requiredOption('--out <dossier>', 'dossier où copier le dossier émis')
    .option('--author <nom>', 'qui émet le dossier (Journal)', 'ligne de commande')
    .option('--no-pdf', 'ne pas produire le PDF')
    .action(async (opts: ComiteOptions) => {
      const context = ctx();
      parseMonth(opts.month); // a mistyped --month must not create a data folder
      await comiteCommand(context, opts);
    });
}
