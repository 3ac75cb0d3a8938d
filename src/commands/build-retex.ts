// `suivi-mes retex --version V1|VF --out DIR`: issues the RETEX of a milestone from the local data (a new
// numbered version only when something changed) and writes one .docx per use case plus the cross-cutting one,
// with PDFs when LibreOffice is installed. The stores come in through `RetexCommandStores`, so the command runs
// on whichever local store the runtime opened.
import path from 'node:path';
import type { Command } from 'commander';
import type { AppContext } from '../app/context';
import { buildRetex } from '../app/build-retex';
import { addWeeks, MILESTONES, milestoneCutoff, pilotCalendar, type Milestone } from '../domain/calendar';
import { MemoryStore } from '../app/memory-store';
import { MemoryRetexStore } from '../app/retex-memory-store';
import { seedDemoSeason } from '../app/demo-season';
import { establishmentFromSeed } from '../domain/model';
import type { Project } from '../schema/project';
import { retexFr } from '../domain/messages';
import type { RetexStore } from '../ports';
import { retexTemplatesDir } from '../node/project-files';
import { readRetexDescriptions, readRetexDocxTemplates, RETEX_TEMPLATE_FILES } from '../local/retex-files';
import { writeRetexIssue, type RetexOutput } from '../local/retex-output';
import type { RetexIssuePlan } from '../domain/retex-issue';
import type { CommandContext } from './options';

export interface RetexCommandOptions {
  /** `V1` or `VF` (commander's option is named `version`). */
  version: string;
  out: string;
  /** Who issues it, for the Journal. */
  author: string;
  /** false with `--no-pdf`. */
  pdf: boolean;
}

/** The local stores the command reads: the runtime's Store (in `app`) and its RetexStore. */
export interface RetexCommandStores {
  app: AppContext;
  retex: RetexStore;
}

export interface RetexCommandResult {
  plan: RetexIssuePlan;
  output: RetexOutput;
}

export function parseMilestone(raw: string): Milestone {
  const found = MILESTONES.find((m) => m === raw.trim().toUpperCase());
  if (!found) throw new Error(retexFr.unknownMilestone(raw));
  return found;
}

/** Issues and writes the RETEX; prints what it did in French (or JSON with --json). */
export async function buildRetexCommand(
  { options, project }: CommandContext,
  stores: RetexCommandStores,
  opts: RetexCommandOptions,
): Promise<RetexCommandResult> {
  const milestone = parseMilestone(opts.version);
  const dir = retexTemplatesDir(project, options.config);
  const templates = readRetexDescriptions(project, dir);
  const docx = readRetexDocxTemplates(dir);
  const plan = buildRetex(stores.app, stores.retex, { milestone, templates, author: opts.author });
  const output = await writeRetexIssue(plan.issue, {
    outDir: path.resolve(opts.out),
    templates: {
      'use-case': { buffer: docx['use-case'], name: `${RETEX_TEMPLATE_FILES['use-case']}.docx` },
      'cross-cutting': {
        buffer: docx['cross-cutting'],
        name: `${RETEX_TEMPLATE_FILES['cross-cutting']}.docx`,
      },
    },
    pdf: opts.pdf ? 'auto' : 'never',
  });
  if (options.json) {
    process.stdout.write(
      `${JSON.stringify({
        status: plan.status,
        version: plan.issue.label,
        previous: plan.status === 'new' ? (plan.previous?.label ?? null) : null,
        pdf: output.pdf,
        files: output.files,
      })}\n`,
    );
    return { plan, output };
  }
  const lines = [
    plan.status === 'new'
      ? retexFr.issueCreated(plan.issue.label, plan.previous?.label ?? null)
      : retexFr.issueUnchanged(plan.issue.label),
    String(plan.issue.documents.find((d) => d.model.kind === 'cross-cutting')?.model.values.data_basis ?? ''),
  ];
  for (const f of output.files) {
    lines.push(`  ${f.status === 'written' ? 'écrit ' : 'déjà là'} ${f.docx}${f.pdf ? ` (+ PDF)` : ''}`);
    if (f.unknownPlaceholders.length > 0)
      lines.push(`    ${retexFr.unknownPlaceholders(path.basename(f.docx), f.unknownPlaceholders)}`);
  }
  if (output.pdf === 'unavailable') lines.push(retexFr.pdfUnavailable);
  process.stdout.write(`${lines.join('\n')}\n`);
  return { plan, output };
}

/**
 * The stores `--demo` runs on: the pilots seeded in memory, the demo season generated up to the milestone's
 * week plus one (late reports arrive after it), and the clock on the day after the milestone.
 */
export function demoRetexStores(project: Project, milestone: Milestone): RetexCommandStores {
  const store = new MemoryStore();
  for (const seed of project.establishments)
    store.saveEstablishment(
      establishmentFromSeed(seed, project.departments, project.config, project.tracking),
    );
  const cutoff = milestoneCutoff(pilotCalendar(project.config), milestone);
  const after = new Date(cutoff.until.getTime() + 1);
  const app: AppContext = { project, store, clock: { now: () => after } };
  seedDemoSeason(app, { untilWeek: addWeeks(cutoff.week, 1) });
  return { app, retex: new MemoryRetexStore() };
}

/** `suivi-mes retex …`, registered by src/cli.ts. */
export function registerRetexCommand(program: Command, ctx: () => CommandContext): void {
  program
    .command('retex')
    .description(
      'émet le RETEX V1 ou VF : un .docx par cas d’usage et un transverse (+ PDF si LibreOffice est là)',
    )
    .requiredOption('--version <jalon>', 'V1 (intermédiaire) ou VF (finale)')
    .requiredOption('--out <dossier>', 'dossier où écrire les documents')
    .option('--author <nom>', 'qui émet le RETEX (Journal)', 'ligne de commande')
    .option('--no-pdf', 'ne pas produire les PDF')
    .option('--demo', 'sur une saison de démonstration en mémoire, sans toucher aux données locales', false)
    .action(async (opts: RetexCommandOptions & { demo: boolean }) => {
      // The local SQLite store (src/local/sqlite-store.ts, branch local-server) is opened here from --data once
      // it is on main; until then only --demo has data to read.
      if (!opts.demo) throw new Error(retexFr.localDataMissing);
      await buildRetexCommand(ctx(), demoRetexStores(ctx().project, parseMilestone(opts.version)), opts);
    });
}
