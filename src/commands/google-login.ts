// `suivi-mes google login --client-secret FILE`: the OAuth desktop flow; the refresh token is saved with mode 0600.
import type { Command } from 'commander';
import { credentialsPath, readClientSecret, saveCredentials } from '../google-api/credentials';
import { loginWithLoopback } from '../google-api/oauth-login';
import type { CommandContext } from './options';
import { print } from './google-shared';

export function registerGoogleLogin(google: Command, ctx: () => CommandContext): void {
  google
    .command('login')
    .description('connecte ce poste à Google (navigateur, compte administrateur ARS)')
    .requiredOption('--client-secret <fichier>', 'JSON du client OAuth « Application de bureau »')
    .action(async (opts: { clientSecret: string }) => {
      const { options } = ctx();
      const client = readClientSecret(opts.clientSecret);
      const credentials = await loginWithLoopback({
        ...client,
        openBrowser: (url) => {
          process.stderr.write(
            `Ouvrez cette adresse dans votre navigateur pour autoriser suivi-mes :\n\n  ${url}\n\n`,
          );
        },
      });
      saveCredentials(credentials);
      print(
        options.json,
        { email: credentials.email ?? null, file: credentialsPath() },
        `Connecté${credentials.email ? ` en tant que ${credentials.email}` : ''}. Jeton enregistré dans ${credentialsPath()} (lisible par vous seul).`,
      );
    });
}
