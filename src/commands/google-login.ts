// `suivi-mes google login --client-secret FILE`: the OAuth desktop flow; the refresh token is saved with mode 0600.
// Opens the browser when this machine has one (--no-browser: only prints the address), and says « Connexion
// réussie » only once Google has exchanged the authorisation for a token.
import type { Command } from 'commander';
import {
  credentialsPath,
  NATIONAL_SCOPES,
  nationalCredentialsPath,
  readClientSecret,
  saveCredentials,
} from '../google-api/credentials';
import { loginWithLoopback } from '../google-api/oauth-login';
import { openInBrowser } from '../node/open-browser';
import type { CommandContext } from './options';
import { print } from './google-shared';

export interface GoogleLoginOptions {
  clientSecret: string;
  /** False with --no-browser. */
  browser: boolean;
  /** The ANS's read-only login for the regional workbooks (google national): its own scopes and token file. */
  national?: boolean;
}

export async function googleLoginCommand(
  { options }: CommandContext,
  opts: GoogleLoginOptions,
  open: (url: string) => Promise<boolean> = openInBrowser,
): Promise<void> {
  const client = readClientSecret(opts.clientSecret);
  const file = opts.national ? nationalCredentialsPath() : credentialsPath();
  const credentials = await loginWithLoopback({
    ...client,
    ...(opts.national ? { scopes: NATIONAL_SCOPES } : {}),
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
  saveCredentials(credentials, file);
  print(
    options.json,
    { email: credentials.email ?? null, file },
    `Connexion réussie${credentials.email ? ` : connecté en tant que ${credentials.email}` : ''}${opts.national ? ' (lecture seule des classeurs régionaux)' : ''}. Jeton enregistré dans ${file} (lisible par vous seul).`,
  );
}

export function registerGoogleLogin(google: Command, ctx: () => CommandContext): void {
  google
    .command('login')
    .description('connecte ce poste à Google (navigateur, compte administrateur ARS)')
    .requiredOption('--client-secret <fichier>', 'JSON du client OAuth « Application de bureau »')
    .option('--no-browser', 'n’ouvre pas le navigateur : affiche seulement l’adresse à ouvrir')
    .option(
      '--national',
      'connexion de l’ANS en lecture seule des classeurs régionaux (google national), jeton à part',
      false,
    )
    .action((opts: GoogleLoginOptions) => googleLoginCommand(ctx(), opts));
}
