// `suivi-mes google logout`: revokes the refresh token at Google, then deletes the local file.
import type { Command } from 'commander';
import {
  credentialsPath,
  deleteCredentials,
  nationalCredentialsPath,
  readCredentials,
} from '../google-api/credentials';
import { revoke } from '../google-api/oauth-login';
import type { CommandContext } from './options';
import { print } from './google-shared';

export function registerGoogleLogout(google: Command, ctx: () => CommandContext): void {
  google
    .command('logout')
    .description('révoque l’accès de ce poste à Google et efface le jeton')
    .option('--national', 'la connexion en lecture seule de l’ANS (google login --national)', false)
    .action(async (opts: { national: boolean }) => {
      const { options } = ctx();
      const file = opts.national ? nationalCredentialsPath() : credentialsPath();
      const stored = readCredentials(file);
      if (!stored) {
        print(options.json, { loggedOut: false }, 'Aucune connexion Google enregistrée sur ce poste.');
        return;
      }
      const outcome = await revoke(stored);
      deleteCredentials(file);
      print(
        options.json,
        { loggedOut: true, revoked: outcome },
        `Déconnecté : ${outcome === 'revoked' ? 'accès révoqué chez Google' : 'le jeton n’était déjà plus valable'}, ${file} supprimé.`,
      );
    });
}
