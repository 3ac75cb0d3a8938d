// `suivi-mes remind [--week 2022-W23]`: sends now the reminders of a week (default: the last week due) to every
// late establishment and the digest to the ARS, as the server's weekly job does; says what went where.
import type { Command } from 'commander';
import { isIsoWeek } from '../domain/iso-week';
import { openLocalData } from '../local/local-data';
import { openAccompaniment } from '../local/accompaniment-data';
import { formLink } from '../local/link-urls';
import { mailerFor } from '../local/mail/mailer';
import { sendWeeklyReminders } from '../local/reminders';
import { serverAddress } from '../local/server-address';
import type { CommandContext } from './options';

export async function remind({ options, project }: CommandContext, opts: { week?: string }): Promise<void> {
  if (opts.week !== undefined && !isIsoWeek(opts.week.trim()))
    throw new Error(
      `« --week » : semaine au format AAAA-Sss attendue, par exemple 2022-W23 (reçu « ${opts.week} »).`,
    );
  const { data } = openLocalData(options.data, project);
  try {
    openAccompaniment(data, project, options.config); // the binômes file, for each binôme's digest
    const mailer = mailerFor(project.config, data.outboxDir, () => data.clock.now());
    const baseUrl = serverAddress().baseUrl;
    const report = await sendWeeklyReminders(
      {
        project,
        store: data.store,
        clock: data.clock,
        mailer,
        formLink: (id) => formLink(data.links, baseUrl, id),
      },
      { week: opts.week?.trim(), trigger: 'command' },
    );
    if (options.json) {
      process.stdout.write(`${JSON.stringify(report ?? null)}\n`);
      return;
    }
    if (!report) {
      process.stdout.write("Aucune semaine n'est encore échue : pas de relance.\n");
      return;
    }
    const lines = [`Relances ${report.week} : ${report.sent.length} message(s) (${mailer.description}).`];
    for (const s of report.sent)
      lines.push(`  ${s.kind === 'digest' ? 'synthèse' : 'relance '} → ${s.to.join(', ')} : ${s.where}`);
    for (const s of report.skipped)
      lines.push(
        `  non relancé : ${s.establishmentId} (${s.reason === 'no-contact' ? 'pas de référent avec adresse e-mail' : 'quota atteint'})`,
      );
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    data.close();
  }
}

/** `suivi-mes remind`, registered by src/cli.ts. */
export function registerRemindCommand(program: Command, ctx: () => CommandContext): void {
  program
    .command('remind')
    .description('envoie les relances de la dernière semaine échue (ou de --week) et la synthèse ARS')
    .option('--week <semaine>', 'semaine ISO, par exemple 2022-W23')
    .action((opts: { week?: string }) => remind(ctx(), opts));
}
