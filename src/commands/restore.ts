// `suivi-mes restore FILE`: checks a backup entirely, then restores it into the data folder (an empty or new one;
// with --force an existing folder is set aside, never deleted). See src/local/backup.ts.
import type { Command } from 'commander';
import { BACKUP_WARNING, restoreBackup } from '../local/backup';
import type { CommandContext } from './options';

export interface RestoreCommandOptions {
  force: boolean;
}

export function restoreCommand({ options }: CommandContext, file: string, opts: RestoreCommandOptions): void {
  const outcome = restoreBackup(file, options.data, { force: opts.force });
  const { manifest } = outcome;
  if (options.json) {
    process.stdout.write(
      `${JSON.stringify({ data: options.data, setAside: outcome.setAside ?? null, ...manifest })}\n`,
    );
    return;
  }
  process.stdout.write(
    [
      `Sauvegarde du ${new Date(manifest.createdAt).toLocaleString('fr-FR', { timeZone: 'Europe/Paris' })} restaurée dans ${options.data} (vérifiée : empreintes, intégrité de la base, version du schéma).`,
      `  ${manifest.counts.establishments} établissement(s), ${manifest.counts.reportVersions} déclaration(s), ${manifest.counts.activeLinks} lien(s) d'accès actif(s) : les liens diffusés fonctionnent à nouveau.`,
      ...(outcome.setAside ? [`L'ancien dossier a été mis de côté : ${outcome.setAside}`] : []),
      BACKUP_WARNING,
      `Démarrage : suivi-mes --data ${options.data} serve`,
      '',
    ].join('\n'),
  );
}

/** `suivi-mes restore`, registered by src/cli.ts. */
export function registerRestoreCommand(program: Command, ctx: () => CommandContext): void {
  program
    .command('restore')
    .description('restaure une sauvegarde dans le dossier de données (vide ou nouveau, sauf --force)')
    .argument('<fichier>', 'la sauvegarde .zip écrite par « suivi-mes backup »')
    .option('--force', 'remplace un dossier non vide (il est renommé à côté, pas supprimé)', false)
    .action((file: string, opts: RestoreCommandOptions) => restoreCommand(ctx(), file, opts));
}
