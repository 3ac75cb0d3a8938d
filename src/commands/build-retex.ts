// `suivi-mes retex --version V1|VF --out DIR`: issues the RETEX of a milestone from the local data folder (--data)
// — a new numbered version only when something changed — keeps its files under <data>/retex/ as the ARS page does,
// and copies them to DIR: one .docx per use case plus the cross-cutting one, with PDFs when LibreOffice is
// installed. `--demo` runs on a demo season in memory and writes straight to DIR, touching no data folder.
import path from 'node:path';
import type { Command } from 'commander';
import type { AppContext } from '../app/context';
import { addWeeks, MILESTONES, milestoneCutoff, pilotCalendar, type Milestone } from '../domain/calendar';
import { MemoryStore } from '../app/memory-store';
import { MemoryRetexStore } from '../app/retex-memory-store';
import { seedDemoSeason } from '../app/demo-season';
import { establishmentFromSeed } from '../domain/model';
import type { Project } from '../schema/project';
import { frRetexPage } from '../local/messages';
import { frCommands } from './messages';
import { retexFr } from '../domain/messages';
import type { RetexStore } from '../ports';
import { retexTemplatesDir } from '../node/project-files';
import {
  copyRetexOutput,
  issueRetex,
  loadRetexTemplates,
  retexArchiveDir,
} from '../local/retex/retex-archive';
import { openLocalData, type LocalData } from '../local/local-data';
import type { RetexOutput } from '../local/retex/retex-output';
import { RetexSqliteStore } from '../local/db/retex-sqlite-store';
import type { RetexIssuePlan } from '../domain/retex/issue';
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
  /**
   * The data folder's archive (<data>/retex): the files are written there, then copied to --out. Absent for a
   * demo season in memory, whose files go straight to --out.
   */
  archiveDir?: string;
}

export interface RetexCommandResult {
  plan: RetexIssuePlan;
  /** The files in --out. */
  output: RetexOutput;
}

export function parseMilestone(raw: string): Milestone {
  const found = MILESTONES.find((m) => m === raw.trim().toUpperCase());
  if (!found) throw new Error(frCommands.retexMilestoneUnknown(raw));
  return found;
}

/** Issues and writes the RETEX; prints what it did in French (or JSON with --json). */
export async function buildRetexCommand(
  { options, project }: CommandContext,
  stores: RetexCommandStores,
  opts: RetexCommandOptions,
): Promise<RetexCommandResult> {
  const milestone = parseMilestone(opts.version);
  const templates = loadRetexTemplates(project, retexTemplatesDir(project, options.config));
  const out = path.resolve(opts.out);
  const issued = await issueRetex(stores.app, stores.retex, {
    milestone,
    author: opts.author,
    templates,
    outDir: stores.archiveDir ?? out,
    pdf: opts.pdf ? 'auto' : 'never',
  });
  const { plan, pdfError } = issued;
  const output = stores.archiveDir ? copyRetexOutput(issued.output, out) : issued.output;
  if (options.json) {
    process.stdout.write(
      `${JSON.stringify({
        status: plan.status,
        version: plan.issue.label,
        previous: plan.status === 'new' ? (plan.previous?.label ?? null) : null,
        pdf: output.pdf,
        ...(pdfError !== undefined ? { pdfError } : {}),
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
  if (stores.archiveDir)
    lines.push(`Versions émises conservées dans ${stores.archiveDir} ; copie dans ${out} :`);
  for (const f of output.files) {
    lines.push(`  ${f.status === 'written' ? 'écrit ' : 'déjà là'} ${f.docx}${f.pdf ? ` (+ PDF)` : ''}`);
    if (f.unknownPlaceholders.length > 0)
      lines.push(`    ${retexFr.unknownPlaceholders(path.basename(f.docx), f.unknownPlaceholders)}`);
  }
  if (output.pdf === 'unavailable') lines.push(frRetexPage.pdfUnavailable);
  process.stdout.write(`${lines.join('\n')}\n`);
  if (pdfError !== undefined) process.stderr.write(`${frRetexPage.pdfFailed(pdfError)}\n`);
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

/** The stores of a local data folder: its SQLite store with its clock, the RETEX tables on the same database. */
export function localRetexStores(
  project: Project,
  data: Pick<LocalData, 'dir' | 'db' | 'store' | 'clock'>,
): RetexCommandStores {
  return {
    app: { project, store: data.store, clock: data.clock },
    retex: new RetexSqliteStore(data.db),
    archiveDir: retexArchiveDir(data.dir),
  };
}

/** `suivi-mes retex …`, registered by src/cli.ts. */
export function registerRetexCommand(program: Command, ctx: () => CommandContext): void {
  program
    .command('retex')
    .description(
      'émet le RETEX V1 ou VF : un .docx par cas d’usage et un transverse (+ PDF si LibreOffice est là)',
    )
    .requiredOption('--version <jalon>', frCommands.help.retexVersion)
    .requiredOption('--out <dossier>', frCommands.help.retexOut)
    .option('--author <nom>', frCommands.help.retexAuthor, 'ligne de commande')
    .option('--no-pdf', 'ne pas produire les PDF')
    .option('--demo', 'sur une saison de démonstration en mémoire, sans toucher aux données locales', false)
    .action(async (opts: RetexCommandOptions & { demo: boolean }) => {
      const context = ctx();
      if (opts.demo) {
        await buildRetexCommand(
          context,
          demoRetexStores(context.project, parseMilestone(opts.version)),
          opts,
        );
        return;
      }
      parseMilestone(opts.version); // a mistyped --version must not create a data folder
      const { options, project } = context;
      const { data, warnings } = openLocalData(options.data, project);
      for (const w of warnings) process.stderr.write(`${w}\n`);
      try {
        await buildRetexCommand(context, localRetexStores(context.project, data), opts);
      } finally {
        data.close();
      }
    });
}
