// `suivi-mes google login --client-secret FILE`: the OAuth desktop flow; the refresh token is saved with mode 0600.
import type { Command } from 'commander';
import {
  credentialsPath,
  NATIONAL_SCOPES,
  nationalCredentialsPath,
  readClientSecret,
  saveCredentials,
} from '../google-api/credentials';
import { loginWithLoopback } from '../google-api/oauth-login';
import type { CommandContext } from './options';
import { print } from './google-shared';

export function registerGoogleLogin(google: Command, ctx: () => CommandContext): void {
  google
    .command('login')
    .description('connecte ce poste à Google (navigateur, compte administrateur ARS)')
    .requiredOption('--client-secret <fichier>', 'JSON du client OAuth « Application de bureau »')
    .option(
      '--national',
      'connexion de l’ANS en lecture seule des classeurs régionaux (google national), jeton à part',
      false,
    )
    .action(async (opts: { clientSecret: string; national: boolean }) => {
      const { options } = ctx();
      const client = readClientSecret(opts.clientSecret);
      const file = opts.national ? nationalCredentialsPath() : credentialsPath();
      const credentials = await loginWithLoopback({
        ...client,
        ...(opts.national ? { scopes: NATIONAL_SCOPES } : {}),
        openBrowser: (url) => {
          process.stderr.write(
            `Ouvrez cette adresse dans votre navigateur pour autoriser suivi-mes :\n\n  ${url}\n\n`,
          );
        },
      });
      saveCredentials(credentials, file);
      print(
        options.json,
        { email: credentials.email ?? null, file },
        `Connecté${credentials.email ? ` en tant que ${credentials.email}` : ''}${opts.national ? ' (lecture seule des classeurs régionaux)' : ''}. Jeton enregistré dans ${file} (lisible par vous seul).`,
      );
    });
}
