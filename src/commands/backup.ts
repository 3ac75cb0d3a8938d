// `suivi-mes backup`: a consistent copy of the data folder in one file, taken while the server runs (see
// src/local/backup.ts), with the warning that the file opens every link.
import path from 'node:path';
import type { Command } from 'commander';
import { parisDateString } from '../domain/paris-time';
import { BACKUP_WARNING, createBackup } from '../local/backup';
import type { CommandContext } from './options';

export interface BackupCommandOptions {
  out?: string;
}

export async function backupCommand(
  { options }: CommandContext,
  opts: BackupCommandOptions,
): Promise<string> {
  const now = new Date();
  const out = path.resolve(opts.out ?? `suivi-mes-sauvegarde-${parisDateString(now)}.zip`);
  const manifest = await createBackup(options.data, out, { now });
  if (options.json) process.stdout.write(`${JSON.stringify({ file: out, ...manifest })}\n`);
  else
    process.stdout.write(
      [
        `Sauvegarde écrite : ${out}`,
        `  ${manifest.counts.establishments} établissement(s), ${manifest.counts.reportVersions} déclaration(s), ${manifest.counts.activeLinks} lien(s) d'accès actif(s), ${manifest.files.length} fichier(s).`,
        BACKUP_WARNING,
        `Restauration : suivi-mes restore ${out} --data <dossier vide>`,
        '',
      ].join('\n'),
    );
  return out;
}

/** `suivi-mes backup`, registered by src/cli.ts. */
export function registerBackupCommand(program: Command, ctx: () => CommandContext): void {
  program
    .command('backup')
    .description(
      'sauvegarde le dossier de données (base, clé, fichiers) dans un fichier .zip, même serveur lancé',
    )
    .option('--out <fichier>', 'fichier à écrire (par défaut suivi-mes-sauvegarde-<date>.zip)')
    .action(async (opts: BackupCommandOptions) => {
      await backupCommand(ctx(), opts);
    });
}
