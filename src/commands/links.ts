// `suivi-mes links` prints the active access links again; `suivi-mes rotate-links` replaces them (all, one role,
// or some establishments): the old ones stop working at once and their holders see a « lien remplacé » page.
import type { Command } from 'commander';
import * as z from 'zod';
import type { AccessLink } from '../local/access-links';
import { linkLines } from '../local/link-urls';
import { openLocalData } from '../local/local-data';
import { serverAddress } from '../local/server-address';
import { Role } from '../schema/tracking-file';
import type { CommandContext } from './options';
import { linksJson, linksText } from './local-links-output';

export function printLinks({ options, project }: CommandContext): void {
  const { data, warnings } = openLocalData(options.data, project);
  try {
    const lines = linkLines(data.links, data.store.listEstablishments(), serverAddress().baseUrl);
    if (options.json) process.stdout.write(`${JSON.stringify(linksJson(lines))}\n`);
    else process.stdout.write(`${[...warnings, linksText(lines)].join('\n')}\n`);
  } finally {
    data.close();
  }
}

export interface RotateOptions {
  role?: string;
  es?: string[];
}

export function rotateLinks({ options, project }: CommandContext, opts: RotateOptions): AccessLink[] {
  const role = opts.role === undefined ? undefined : Role.safeParse(opts.role);
  if (role && !role.success)
    throw new Error(`« --role » : es, ars ou ans attendu (reçu « ${opts.role ?? ''} »).`);
  const { data } = openLocalData(options.data, project);
  try {
    const known = new Set(data.store.listEstablishments().map((e) => e.id));
    const unknown = (opts.es ?? []).filter((id) => !known.has(id));
    if (unknown.length > 0)
      throw new Error(`« --es » : établissement(s) inconnu(s) : ${unknown.join(', ')}.`);
    const match = (l: AccessLink) =>
      (role?.data === undefined || l.role === role.data) &&
      (opts.es === undefined || (l.role === 'es' && opts.es.includes(l.establishmentId ?? '')));
    const now = data.clock.now();
    const created = data.links.rotate(match, now);
    data.store.appendJournal({
      at: now.toISOString(),
      kind: 'access',
      actor: 'ligne de commande',
      role: 'system',
      summary: `${created.length} lien(s) d'accès remplacé(s).`,
      details: created.map((l) => `${l.role}:${l.establishmentId ?? l.label}`).join(', '),
    });
    const ids = new Set(created.map((l) => l.id));
    const lines = linkLines(data.links, data.store.listEstablishments(), serverAddress().baseUrl).filter(
      (l) => ids.has(l.link.id),
    );
    if (options.json) process.stdout.write(`${JSON.stringify(linksJson(lines))}\n`);
    else
      process.stdout.write(
        `${created.length} lien(s) remplacé(s) ; les anciens ne fonctionnent plus.\n\n${linksText(lines)}\n`,
      );
    return created;
  } finally {
    data.close();
  }
}

const EsIds = z.array(z.string().min(1)).min(1);

/** `suivi-mes links` and `suivi-mes rotate-links`, registered by src/cli.ts. */
export function registerLinksCommands(program: Command, ctx: () => CommandContext): void {
  program
    .command('links')
    .description("affiche les liens d'accès (établissements, ARS / SESAN, ANS)")
    .action(() => printLinks(ctx()));
  program
    .command('rotate-links')
    .description("remplace des liens d'accès : tous, ceux d'un rôle (--role) ou d'établissements (--es)")
    .option('--role <rôle>', 'es, ars ou ans')
    .option('--es <identifiants...>', 'identifiants des établissements (ex. gh-cochin)')
    .action((opts: RotateOptions) => {
      if (opts.es !== undefined) EsIds.parse(opts.es);
      rotateLinks(ctx(), opts);
    });
}
