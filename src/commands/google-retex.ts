// `suivi-mes google retex --version V1|VF`: issues the RETEX from the Google workbook's records (a new numbered
// version only when something changed) and writes one Google Doc per use case plus the cross-cutting one in the
// RETEX folder, from the template Google Docs (imported from the .docx templates at install, or now).
import type { Command } from 'commander';
import { retexFr } from '../domain/messages';
import {
  issueGoogleRetex,
  type GoogleRetexResult,
  type RetexAdapters,
} from '../google-api/retex/retex-google';
import type { GoogleContext } from '../google-api/context';
import { readRetexDescriptions, readRetexDocxTemplates, RETEX_TEMPLATE_FILES } from '../node/retex-files';
import { retexTemplatesDir } from '../node/project-files';
import type { Clock } from '../ports';
import { parseMilestone } from './build-retex';
import type { CommandContext } from './options';
import { regionContext, withRegionOption } from './google-region';
import {
  installedSpreadsheet,
  openSession,
  print,
  withCredentialOptions,
  type GoogleCredentialOptions,
} from './google-shared';
import { frCommands } from './messages';
import { frGoogle } from '../google-api/messages';

export interface GoogleRetexOptions {
  /** `V1` or `VF` (commander's option is named `version`). */
  version: string;
  /** Who issues it, for the Journal (default: the connected account). */
  author?: string;
  /** Import the .docx templates again as new template Google Docs. */
  reimportTemplates?: boolean;
}

/** The templates read from files.retexTemplates: descriptions and the .docx to import. */
export function retexTemplateFiles(c: CommandContext) {
  const dir = retexTemplatesDir(c.project, c.options.config);
  const docx = readRetexDocxTemplates(dir);
  return {
    templates: readRetexDescriptions(c.project, dir),
    docx: {
      'use-case': { buffer: docx['use-case'], name: `${RETEX_TEMPLATE_FILES['use-case']}.docx` },
      'cross-cutting': {
        buffer: docx['cross-cutting'],
        name: `${RETEX_TEMPLATE_FILES['cross-cutting']}.docx`,
      },
    },
  };
}

/** Issues and writes the RETEX; prints what it did in French (or JSON with --json). */
export async function googleRetexCommand(
  c: CommandContext,
  session: { adapters: RetexAdapters; google: GoogleContext; author?: string },
  opts: GoogleRetexOptions,
  clock: Clock = { now: () => new Date() },
): Promise<GoogleRetexResult> {
  const milestone = parseMilestone(opts.version);
  const { spreadsheetId } = installedSpreadsheet(c);
  const result = await issueGoogleRetex(session.adapters, session.google, {
    project: c.project,
    spreadsheetId,
    milestone,
    ...retexTemplateFiles(c),
    author: opts.author ?? session.author ?? 'ligne de commande',
    clock,
    reimportTemplates: opts.reimportTemplates,
  });
  const { plan } = result;
  if (c.options.json) {
    print(
      true,
      {
        status: plan.status,
        version: plan.issue.label,
        previous: plan.status === 'new' ? (plan.previous?.label ?? null) : null,
        folder: result.folderUrl,
        templatesImported: result.templatesImported,
        documents: result.documents,
      },
      '',
    );
    return result;
  }
  const lines = [
    plan.status === 'new'
      ? retexFr.issueCreated(plan.issue.label, plan.previous?.label ?? null)
      : retexFr.issueUnchanged(plan.issue.label),
    String(plan.issue.documents.find((d) => d.model.kind === 'cross-cutting')?.model.values.data_basis ?? ''),
    frGoogle.retexFolder(result.folderUrl, result.templatesImported.length),
  ];
  for (const d of result.documents) {
    lines.push(`  ${d.status === 'created' ? 'créé  ' : 'déjà là'} ${d.name} : ${d.url}`);
    if (d.chart === 'placeholder') lines.push(`    ${frGoogle.retexChartPlaceholder}`);
    if (d.unknownPlaceholders.length > 0)
      lines.push(`    ${retexFr.unknownPlaceholders(d.name, d.unknownPlaceholders)}`);
  }
  print(false, null, lines.join('\n'));
  return result;
}

export function registerGoogleRetex(google: Command, ctx: () => CommandContext): void {
  withCredentialOptions(
    withRegionOption(google.command('retex'))
      .description('émet le RETEX V1 ou VF en documents Google : un par cas d’usage et un transverse')
      .requiredOption('--version <jalon>', frCommands.help.retexVersion)
      .option('--author <nom>', 'qui émet le RETEX (Journal) ; par défaut le compte connecté')
      .option(
        '--reimport-templates',
        'importe de nouveau les modèles .docx (après les avoir modifiés dans Word)',
      ),
  ).action(async (opts: GoogleRetexOptions & GoogleCredentialOptions & { region?: string }) => {
    const c = regionContext(ctx(), opts.region);
    const session = openSession(opts, c.options.json);
    await googleRetexCommand(c, { ...session, author: session.resolved.email }, opts);
  });
}
