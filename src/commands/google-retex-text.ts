// `suivi-mes google retex-text`: the ARS's text for one section of a RETEX document, kept in the Google workbook
// and taken up by every later `google retex`. `--list` shows the documents, their sections and what is written.
import fs from 'node:fs';
import type { Command } from 'commander';
import { CROSS_CUTTING_KEY } from '../domain/retex/groups';
import type { GoogleContext } from '../google-api/context';
import type { GoogleAdapters } from '../google-api/adapters';
import { listRetexSections, saveGoogleRetexText, type SaveTextResult } from '../google-api/retex/retex-text';
import type { Clock } from '../ports';
import type { CommandContext } from './options';
import { regionContext, withRegionOption } from './google-region';
import { retexTemplateFiles } from './google-retex';
import {
  installedSpreadsheet,
  openSession,
  print,
  withCredentialOptions,
  type GoogleCredentialOptions,
} from './google-shared';
import { frGoogle } from '../google-api/messages';

export interface RetexTextOptions {
  list?: boolean;
  /** Document key or slug (as `--list` shows). */
  document?: string;
  section?: string;
  /** A UTF-8 text file. */
  file?: string;
  text?: string;
  author?: string;
}

/** Lists or saves; prints in French (or JSON). Returns what was done, for tests; throws on a refusal. */
export async function googleRetexTextCommand(
  c: CommandContext,
  session: { adapters: GoogleAdapters; google: GoogleContext; author?: string },
  opts: RetexTextOptions,
  clock: Clock = { now: () => new Date() },
): Promise<SaveTextResult | 'listed'> {
  const { spreadsheetId } = installedSpreadsheet(c);
  const { templates } = retexTemplateFiles(c);
  const input = { project: c.project, spreadsheetId, templates, clock };
  if (opts.list || !opts.document || !opts.section) {
    const rows = await listRetexSections(session.adapters, input);
    const lines: string[] = [];
    let last = '';
    for (const r of rows) {
      // The cross-cutting document goes by its short key; a use case by the slug its file names use.
      const name = r.documentKey === CROSS_CUTTING_KEY ? r.documentKey : r.slug;
      if (r.documentKey !== last) lines.push(`${r.title}\n  --document ${name}`);
      last = r.documentKey;
      lines.push(
        `    --section ${r.sectionId.padEnd(24)} ${r.sectionTitle}${r.text === '' ? ' (à rédiger)' : ''}`,
      );
    }
    print(c.options.json, rows, lines.join('\n'));
    return 'listed';
  }
  if (opts.text === undefined && opts.file === undefined) throw new Error(frGoogle.retexTextMissing);
  const text = opts.file !== undefined ? fs.readFileSync(opts.file, 'utf8') : (opts.text ?? '');
  const result = await saveGoogleRetexText(session.adapters, session.google, {
    ...input,
    document: opts.document,
    sectionId: opts.section,
    text,
    author: opts.author ?? session.author ?? 'ligne de commande',
  });
  switch (result.status) {
    case 'saved':
      print(c.options.json, result, frGoogle.retexTextSaved(opts.section, opts.document));
      return result;
    // The command line shows nothing before it writes, so it never sends a basis: 'stale' cannot happen.
    case 'stale':
    case 'refused':
      throw new Error(frGoogle.retexTextRefused(result.errors.map((e) => e.message)));
    case 'unknownDocument':
      throw new Error(frGoogle.retexDocumentUnknown(opts.document, result.known));
    case 'unknownSection':
      throw new Error(frGoogle.retexSectionUnknown(opts.section, result.known));
  }
}

export function registerGoogleRetexText(google: Command, ctx: () => CommandContext): void {
  withCredentialOptions(
    withRegionOption(google.command('retex-text'))
      .description('enregistre le texte de l’ARS pour une section d’un document RETEX (ou --list)')
      .option('--list', 'liste les documents, leurs sections et ce qui est rédigé')
      .option('--document <clé>', 'le document (identifiant donné par --list)')
      .option('--section <id>', 'la section (identifiant donné par --list)')
      .option('--file <fichier>', 'le texte, dans un fichier UTF-8')
      .option('--text <texte>', 'le texte, sur la ligne de commande')
      .option('--author <nom>', 'qui l’a rédigé ; par défaut le compte connecté'),
  ).action(async (opts: RetexTextOptions & GoogleCredentialOptions & { region?: string }) => {
    const c = regionContext(ctx(), opts.region);
    const session = openSession(opts, c.options.json);
    await googleRetexTextCommand(c, { ...session, author: session.resolved.email }, opts);
  });
}
