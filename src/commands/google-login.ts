// `suivi-mes google login --client-secret FILE`: the OAuth desktop flow; the refresh token is saved with mode 0600.
// Opens the browser when this machine has one (--no-browser: only prints the address), and says « Connexion
// réussie » only once Google has exchanged the authorisation for a token.
import type { Command } from 'commander';
import { credentialsPath, readClientSecret, saveCredentials } from '../google-api/credentials';
import { loginWithLoopback } from '../google-api/oauth-login';
import { openInBrowser } from '../node/open-browser';
import type { CommandContext } from './options';
import { print } from './google-shared';

export interface GoogleLoginOptions {
  clientSecret: string;
  /** False with --no-browser. */
  browser: boolean;
}

export async function googleLoginCommand(
  { options }: CommandContext,
  opts: GoogleLoginOptions,
  open: (url: string) => Promise<boolean> = openInBrowser,
): Promise<void> {
  const client = readClientSecret(opts.clientSecret);
  const credentials = await loginWithLoopback({
    ...client,
    openBrowser: async (url) => {
      const opened = opts.browser && (await open(url));
      process.stderr.write(
        opened
          ? `Le navigateur s'ouvre sur la page d'autorisation de Google. S'il ne s'ouvre pas, ouvrez cette adresse :\n\n  ${url}\n\n`
          : `Ouvrez cette adresse dans votre navigateur pour autoriser suivi-mes :\n\n  ${url}\n\n`,
      );
      process.stderr.write(`En attente de l'autorisation (5 minutes au plus)…\n`);
    },
  });
  saveCredentials(credentials);
  print(
    options.json,
    { email: credentials.email ?? null, file: credentialsPath() },
    `Connexion réussie${credentials.email ? ` : connecté en tant que ${credentials.email}` : ''}. Jeton enregistré dans ${credentialsPath()} (lisible par vous seul).`,
  );
}

export function registerGoogleLogin(google: Command, ctx: () => CommandContext): void {
  google
    .command('login')
    .description('connecte ce poste à Google (navigateur, compte administrateur ARS)')
    .requiredOption('--client-secret <fichier>', 'JSON du client OAuth « Application de bureau »')
    .option('--no-browser', 'n’ouvre pas le navigateur : affiche seulement l’adresse à ouvrir')
    .action((opts: GoogleLoginOptions) => googleLoginCommand(ctx(), opts));
}
