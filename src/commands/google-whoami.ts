// `suivi-mes google whoami`: which account the Google commands act for, and with which scopes.
import type { Command } from 'commander';
import { OAuth2Client } from 'google-auth-library';
import type { CommandContext } from './options';
import { openSession, print, withCredentialOptions, type GoogleCredentialOptions } from './google-shared';

export function registerGoogleWhoami(google: Command, ctx: () => CommandContext): void {
  withCredentialOptions(google.command('whoami').description('affiche le compte Google utilisé')).action(
    async (opts: GoogleCredentialOptions) => {
      const { options } = ctx();
      const { resolved } = openSession(opts, options.json);
      let email = resolved.email;
      let scopes: string[] = [];
      if (resolved.auth instanceof OAuth2Client && resolved.kind === 'oauth') {
        const { token } = await resolved.auth.getAccessToken();
        const info = await resolved.auth.getTokenInfo(token ?? '');
        email = info.email ?? email;
        scopes = info.scopes;
      }
      print(
        options.json,
        { email: email ?? null, kind: resolved.kind, scopes },
        `${resolved.kind === 'oauth' ? 'Connecté' : 'Compte de service agissant'} en tant que ${email ?? '(adresse inconnue)'}${scopes.length > 0 ? `\nAutorisations : ${scopes.join(' ')}` : ''}`,
      );
    },
  );
}
