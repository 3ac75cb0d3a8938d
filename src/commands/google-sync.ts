// `suivi-mes google sync [--watch MINUTES]`: reads new form responses and writes them into the master spreadsheet.
import type { Command } from 'commander';
import { frGoogle } from '../google-api/messages';
import { sync } from '../google-api/sync';
import type { CommandContext } from './options';
import { regionContext, withRegionOption } from './google-region';
import {
  installedSpreadsheet,
  openSession,
  print,
  withCredentialOptions,
  type GoogleCredentialOptions,
} from './google-shared';

interface SyncOptions extends GoogleCredentialOptions {
  /** Repeat every N minutes until interrupted. */
  watch?: string;
}

export function registerGoogleSync(google: Command, ctx: () => CommandContext): void {
  withCredentialOptions(
    withRegionOption(google.command('sync'))
      .description('lit les nouvelles réponses des formulaires et met à jour le classeur')
      .option('--watch <minutes>', 'recommence toutes les N minutes jusqu’à Ctrl+C'),
  ).action(async (opts: SyncOptions & { region?: string }) => {
    const c = regionContext(ctx(), opts.region);
    const { spreadsheetId } = installedSpreadsheet(c);
    const session = openSession(opts, c.options.json);
    const once = async () => {
      const result = await sync(session.adapters, session.google, {
        project: c.project,
        spreadsheetId,
        clock: { now: () => new Date() },
      });
      print(
        c.options.json,
        result,
        `${new Date().toLocaleString('fr-FR', { timeZone: 'Europe/Paris' })} — ${frGoogle.syncSummary(result)}`,
      );
    };
    await once();
    if (!opts.watch) return;
    const minutes = Number(opts.watch);
    if (!Number.isFinite(minutes) || minutes < 1)
      throw new Error('--watch : un nombre de minutes ≥ 1 est attendu.');
    let stopped = false;
    process.once('SIGINT', () => {
      stopped = true;
    });
    while (!stopped) {
      await session.google.timing.sleep(minutes * 60_000);
      if (!stopped) await once();
    }
  });
}
