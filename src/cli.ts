// The `suivi-mes` command line. Global options (--data, --config, --json) are declared once here; a preAction
// hook validates the configuration once and hands it to the command. Commands live in src/commands/, one file
// each; they own every word the user reads, the core only returns data or throws.
import { Command, Option } from 'commander';
import { readProject, DEFAULT_CONFIG } from './node/project-files';
import { DataFileError } from './schema/zod-issues';
import { checkConfig } from './commands/check-config';
import { frSystemError } from './commands/system-errors';
import { resolveDataDir, type CommandContext, type GlobalOptions } from './commands/options';
import { registerGoogleLogin } from './commands/google-login';
import { registerGoogleLogout } from './commands/google-logout';
import { registerGoogleWhoami } from './commands/google-whoami';
import { registerGoogleInstall } from './commands/google-install';
import { registerGoogleSync } from './commands/google-sync';
import { registerGoogleRetex } from './commands/google-retex';
import { registerGoogleRetexText } from './commands/google-retex-text';
import { registerGoogleNational } from './commands/google-national';
import { registerRetexCommand } from './commands/build-retex';
import { registerServeCommand } from './commands/serve';
import { registerLinksCommands } from './commands/links';
import { registerRemindCommand } from './commands/remind';
import { registerExportImportCommands } from './commands/export-import';
import { registerComiteCommand } from './commands/comite';
import { registerNationalCommands } from './commands/national';
import { registerBackupCommand } from './commands/backup';
import { registerRestoreCommand } from './commands/restore';

export function buildProgram(): Command {
  const program = new Command('suivi-mes')
    .description('Suivi des pilotes Mon espace santé')
    .addOption(
      new Option('--data <dir>', 'dossier des données locales').env('SUIVI_MES_DATA').default('data'),
    )
    .addOption(
      new Option('--config <file>', 'fichier de configuration')
        .env('SUIVI_MES_CONFIG')
        .default(DEFAULT_CONFIG),
    )
    .option('--json', 'sortie JSON', false)
    .showHelpAfterError();

  let context: CommandContext | undefined;
  program.hook('preAction', () => {
    const opts = program.opts<GlobalOptions>();
    const options: GlobalOptions = { ...opts, data: resolveDataDir(opts.data) };
    context = { options, project: readProject(options.config) };
  });
  const ctx = (): CommandContext => {
    if (!context) throw new Error('preAction hook did not run');
    return context;
  };

  program
    .command('check-config')
    .description('vérifie la configuration et les fichiers de données')
    .action(() => checkConfig(ctx()));

  const google = program
    .command('google')
    .description('Google Workspace par les API REST (Sheets, Forms, Docs, Drive)');
  registerGoogleLogin(google, ctx);
  registerGoogleLogout(google, ctx);
  registerGoogleWhoami(google, ctx);
  registerGoogleInstall(google, ctx);
  registerGoogleSync(google, ctx);
  registerGoogleRetex(google, ctx);
  registerGoogleRetexText(google, ctx);
  registerGoogleNational(google, ctx);
  registerRetexCommand(program, ctx);
  registerServeCommand(program, ctx);
  registerLinksCommands(program, ctx);
  registerRemindCommand(program, ctx);
  registerExportImportCommands(program, ctx);
  registerComiteCommand(program, ctx);
  registerNationalCommands(program, ctx);
  registerBackupCommand(program, ctx);
  registerRestoreCommand(program, ctx);

  return program;
}

export async function main(argv: string[]): Promise<number> {
  try {
    await buildProgram().parseAsync(argv);
    return 0;
  } catch (error) {
    if (error instanceof DataFileError) {
      process.stderr.write(`${error.message}\n`);
      return 2;
    }
    process.stderr.write(`Erreur : ${frSystemError(error) ?? (error as Error).message}\n`);
    if (process.env.DEBUG) process.stderr.write(`${(error as Error).stack ?? ''}\n`);
    return 1;
  }
}

if (require.main === module) {
  void main(process.argv).then((code) => {
    process.exitCode = code;
  });
}
