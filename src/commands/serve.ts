// `suivi-mes serve` (= `npm start`): opens or creates the data folder, seeds the pilots (or with --demo a demo
// season in its own folder), starts the web server and the weekly reminders, prints the links, and stops cleanly
// on Ctrl+C. Listens on 127.0.0.1:8080 unless HOST / PORT say otherwise.
import path from 'node:path';
import type { Command } from 'commander';
import { BACKUP_WARNING, scheduleDailyBackups } from '../local/backup';
import { isDemo, openLocalData } from '../local/local-data';
import { demoMoment, seedDemo } from '../local/demo';
import { openAccompaniment } from '../local/accompaniment-data';
import { seedNationalDemo } from '../local/national-demo';
import { DEMO_REGIONS } from '../domain/regions';
import { linkLines } from '../local/link-urls';
import { mailerFor } from '../local/mail/mailer';
import { scheduleReminders } from '../local/reminders';
import { reminderDepsOf } from '../local/server/app-context';
import { buildServer, redactTokens } from '../local/server/build-server';
import { chromeOf } from '../local/server/chrome';
import { describeServer, registerRunningServer, runningServers } from '../local/running-servers';
import { serverAddress, type ServerAddress } from '../local/server-address';
import type { CommandContext } from './options';
import { linksJson, linksText } from './local-links-output';

export interface ServeOptions {
  /** `true` for the regional demo, `national` for the national one (three regions, src/local/national-demo.ts). */
  demo: boolean | string;
  /** Folder of the daily backups (none when absent). */
  backupDir?: string;
  /** How many daily backups to keep. */
  backupKeep: string;
}

function backupKeep(raw: string): number {
  const keep = Number(raw);
  if (!Number.isInteger(keep) || keep < 1 || keep > 3650)
    throw new Error(
      `« --backup-keep » : un nombre entier de sauvegardes à garder, de 1 à 3650, est attendu (reçu « ${raw} »).`,
    );
  return keep;
}

/** Where a demo lives when --data is not given, so it never mixes with real data. */
export const DEMO_DATA_DIR = 'data-demo';

export async function serve(
  { options, project }: CommandContext,
  opts: ServeOptions,
  dataGiven: boolean,
): Promise<void> {
  const address = serverAddress();
  const keep = backupKeep(opts.backupKeep);
  const dir = opts.demo && !dataGiven ? path.resolve(DEMO_DATA_DIR) : options.data;
  const demo = opts.demo ? demoMoment(project.config) : undefined;
  const opened = openLocalData(dir, project, { demoNow: demo?.now });
  const { data } = opened;
  const out: string[] = [];
  if (opts.demo !== false && opts.demo !== true && opts.demo !== 'national') {
    data.close();
    throw new Error(`« --demo » : rien ou « national » attendu (reçu « ${opts.demo} »).`);
  }
  if (opts.demo && opened.created) {
    const season =
      opts.demo === 'national' ? seedNationalDemo(data, project) : seedDemo(data, project, options.config);
    out.push(
      `Saison de démonstration créée : ${season.weeks.length} semaines, ${season.accepted} déclarations, ${season.refused} refusées, ${season.corrections} corrections.`,
    );
    if (opts.demo === 'national')
      out.push(
        `Démonstration nationale : ${DEMO_REGIONS.map((r) => `« ${r.name} »`).join(' et ')} chargées comme des fichiers régionaux (synthèse : lien ANS).`,
      );
  } else if (opts.demo && !isDemo(data.db)) {
    data.close();
    throw new Error(
      `${dir} contient des données réelles : « --demo » n'y écrit rien. Choisissez un autre dossier (--data DIR).`,
    );
  }
  openAccompaniment(data, project, options.config); // binômes of the data file not yet known
  const mailer = mailerFor(project.config, data.outboxDir, () => data.clock.now());
  const deps = {
    project,
    store: data.store,
    links: data.links,
    secret: data.secret,
    clock: data.clock,
    mailer,
    baseUrl: address.baseUrl,
    trustProxy: address.trustProxy,
    demo: isDemo(data.db),
    dataDir: data.dir,
    folderIntact: data.intact,
    configFile: options.config,
    logger: {
      level: 'warn',
      serializers: { req: (req: { url: string }) => ({ url: redactTokens(req.url) }) },
    },
  };
  const app = await buildServer(deps);
  try {
    await app.listen({ host: address.host, port: address.port });
  } catch (error) {
    await app.close();
    data.close();
    throw listenError(error, address, dir);
  }
  const others = runningServers(dir);
  const unregister = registerRunningServer(dir, {
    host: address.host,
    port: address.port,
    url: address.baseUrl,
    startedAt: new Date().toISOString(),
  });
  const lines = linkLines(data.links, data.store.listEstablishments(), address.baseUrl);
  const stopReminders = scheduleReminders(reminderDepsOf(deps), ({ report, error }) => {
    if (error) process.stderr.write(`Relances : échec de l'envoi (${(error as Error).message}).\n`);
    else if (report)
      process.stdout.write(
        `Relances ${report.week} : ${report.sent.length} message(s) (${mailer.description}).\n`,
      );
  });
  const stopBackups = opts.backupDir
    ? scheduleDailyBackups(
        { db: data.db, dataDir: dir, backupDir: path.resolve(opts.backupDir), keep, now: () => new Date() },
        ({ file, removed, error }) => {
          if (error) process.stderr.write(`Sauvegarde quotidienne : échec (${(error as Error).message}).\n`);
          else if (file)
            process.stdout.write(
              `Sauvegarde quotidienne : ${file}${removed?.length ? ` (${removed.length} ancienne(s) supprimée(s))` : ''}.\n`,
            );
        },
      )
    : () => undefined;
  if (options.json) {
    process.stdout.write(
      `${JSON.stringify({ data: dir, url: address.baseUrl, demo: deps.demo, links: linksJson(lines) })}\n`,
    );
  } else {
    process.stdout.write(
      [
        `${chromeOf(deps).service.name} — mode embarqué`,
        `Données : ${dir}${opened.created ? ` (créées : ${data.store.listEstablishments().length} établissements chargés)` : ''}`,
        ...opened.added.map((a) => `Ajouté depuis le fichier des établissements : ${a}`),
        ...opened.warnings,
        ...others.map(
          (o) =>
            `Un autre serveur suivi-mes utilise aussi ce dossier (${describeServer(o)}) : ils partagent les données sans risque.`,
        ),
        ...out,
        `Serveur : ${address.baseUrl} (écoute sur ${address.host}:${address.port})`,
        `Courriels : ${mailer.description}`,
        opts.backupDir
          ? `Sauvegardes : chaque jour dans ${path.resolve(opts.backupDir)} (${keep} gardées). ${BACKUP_WARNING}`
          : 'Sauvegardes : aucune automatique (--backup-dir DIR pour une sauvegarde quotidienne, ou « suivi-mes backup »).',
        '',
        linksText(lines),
        '',
        'Arrêt : Ctrl+C',
        '',
      ].join('\n'),
    );
  }
  await new Promise<void>((resolve) => {
    const stop = () => {
      stopReminders();
      stopBackups();
      unregister();
      void app.close().then(() => {
        data.close();
        resolve();
      });
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}

/** A port already taken, or one this user may not open, said in French with who holds it when it is known. */
function listenError(error: unknown, address: ServerAddress, dir: string): unknown {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE') {
    const holder = runningServers(dir).find((s) => s.port === address.port);
    return new Error(
      `Le port ${address.port} est déjà pris ${holder ? `par un serveur suivi-mes sur ce même dossier (${describeServer(holder)})` : 'par un autre programme'}. ` +
        `${holder ? 'Il est déjà en service : utilisez-le, ou arrêtez-le (Ctrl+C dans sa fenêtre) avant d’en lancer un autre' : 'Arrêtez ce programme'}, ` +
        `ou choisissez un autre port : PORT=${address.port === 8080 ? 8081 : address.port + 1} npm start.`,
      { cause: error },
    );
  }
  if (code === 'EACCES' || code === 'EADDRNOTAVAIL')
    return new Error(
      `Impossible d'écouter sur ${address.host}:${address.port} (${code === 'EACCES' ? 'port réservé : au-dessous de 1024, il faut des droits d’administration' : 'cette adresse n’appartient pas à cette machine'}). Choisissez une autre adresse ou un autre port (HOST, PORT).`,
      { cause: error },
    );
  return error;
}

/** `suivi-mes serve`, registered by src/cli.ts. */
export function registerServeCommand(program: Command, ctx: () => CommandContext): void {
  program
    .command('serve')
    .description('lance le mode embarqué : formulaires, fichier de suivi, synthèse (http://localhost:8080)')
    .option(
      '--demo [national]',
      `avec une saison de démonstration (dans ./${DEMO_DATA_DIR} sauf --data) ; « national » : trois régions`,
      false,
    )
    .option('--backup-dir <dossier>', 'prend une sauvegarde chaque jour dans ce dossier')
    .option('--backup-keep <n>', 'nombre de sauvegardes quotidiennes gardées', '7')
    .action((opts: ServeOptions) => serve(ctx(), opts, program.getOptionValueSource('data') !== 'default'));
}
