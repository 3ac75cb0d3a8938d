// `suivi-mes google national --workbook ID [--workbook ID …] [--region ID …] --data DIR`: the ANS reads each
// region's Google workbook (Sheets API, read-only scope, the token of `google login --national`) into the same
// national store as `national import`, through the same checks and versioning: a workbook read again unchanged
// changes nothing, the workbook of another region is refused.
import type { Command } from 'commander';
import {
  nationalCredentialsPath,
  NATIONAL_SCOPES,
  readCredentials,
  resolveAuth,
} from '../google-api/credentials';
import { googleContext } from '../google-api/context';
import { readRegionalWorkbook } from '../google-api/national-read';
import { googleReadName } from '../local/db/national-store';
import { findRegion, REGIONS } from '../domain/regions';
import { regionalWorkbooks } from '../google-api/regional-workbooks';
import { applyRegionalRead, regionOption, type NationalImportResult } from './national';
import { stderrProgress, withCredentialOptions, type GoogleCredentialOptions } from './google-shared';
import type { CommandContext } from './options';

export interface GoogleNationalOptions extends GoogleCredentialOptions {
  workbook: string[];
  region: string[];
  apply: boolean;
  /** Also every region's workbook `google install --region` recorded in this data folder. */
  installed?: boolean;
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** An id pasted as the workbook's address is accepted: the id is the part after /d/. */
export function workbookId(text: string): string {
  const m = /\/spreadsheets\/d\/([A-Za-z0-9_-]+)/.exec(text);
  const id = (m?.[1] ?? text).trim();
  if (!/^[A-Za-z0-9_-]+$/.test(id))
    throw new Error(`« --workbook » : identifiant de classeur Google illisible « ${text} ».`);
  return id;
}

export async function googleNationalCommand(
  ctx: CommandContext,
  opts: GoogleNationalOptions,
  now: () => Date = () => new Date(),
): Promise<Array<{ workbook: string; region: string; result: NationalImportResult }>> {
  const installed = opts.installed ? regionalWorkbooks(ctx.options.data, ctx.project.config) : [];
  if (opts.workbook.length === 0 && installed.length === 0)
    throw new Error(
      opts.installed
        ? `« --installed » : aucun classeur régional installé dans ${ctx.options.data} (google install --region ID).`
        : '« --workbook » : au moins un classeur est attendu (ou --installed).',
    );
  if (opts.region.length > 0 && opts.region.length !== opts.workbook.length)
    throw new Error(
      `« --region » : une par « --workbook », dans le même ordre, ou aucune (la région est alors celle que nomme le titre du classeur) : ${opts.workbook.length} classeur(s), ${opts.region.length} région(s).`,
    );
  const pairs = opts.workbook.map((w, i) => {
    const asked = opts.region[i];
    return { id: workbookId(w), region: asked === undefined ? undefined : regionOption(asked) };
  });
  for (const { regionId, state } of installed)
    if (!pairs.some((p) => p.id === state.spreadsheetId))
      pairs.push({ id: state.spreadsheetId, region: findRegion(regionId) });
  if (!opts.serviceAccount && !readCredentials(nationalCredentialsPath()))
    throw new Error(
      `Aucune connexion nationale en lecture seule : lancez « suivi-mes google login --national --client-secret client_secret.json » (compte de l’ANS qui peut voir les classeurs régionaux), ou passez --service-account FICHIER --subject ADRESSE.`,
    );
  const resolved = resolveAuth(opts, nationalCredentialsPath(), NATIONAL_SCOPES);
  const google = googleContext(resolved.auth, {
    progress: ctx.options.json ? undefined : stderrProgress(),
  });
  const out: Array<{ workbook: string; region: string; result: NationalImportResult }> = [];
  // One workbook after the other: each is its own version, and a refused one leaves the others loaded.
  const failures: string[] = [];
  for (const { id, region } of pairs) {
    const what = `le classeur Google ${id}`;
    try {
      const read = await readRegionalWorkbook(google, id, ctx.project, region, now());
      const result = applyRegionalRead(ctx, read.region, read, {
        what,
        fileName: googleReadName(id),
        apply: opts.apply,
        actor: resolved.email ?? 'ligne de commande',
      });
      out.push({ workbook: id, region: read.region.id, result });
    } catch (error) {
      failures.push(`${region ? `${region.name} (${what})` : what} : ${(error as Error).message}`);
    }
  }
  if (failures.length > 0) throw new Error(failures.join('\n'));
  return out;
}

export function registerGoogleNational(google: Command, ctx: () => CommandContext): void {
  withCredentialOptions(
    google
      .command('national')
      .description(
        'l’ANS lit le classeur Google de chaque région (lecture seule) dans la vue nationale de ce dossier',
      )
      .option(
        '--workbook <id>',
        'identifiant (ou adresse) du classeur Google d’une région ; répétable',
        collect,
      )
      .option(
        '--region <id>',
        `la région de chaque classeur, dans le même ordre (par défaut : celle que nomme son titre) : ${REGIONS.map((r) => r.id).join(', ')}`,
        collect,
      )
      .option('--apply', 'confirme une lecture dont la liste des établissements a changé', false)
      .option(
        '--installed',
        'lit aussi le classeur de chaque région installé ici par « google install --region »',
      ),
  ).action(async (opts: Partial<GoogleNationalOptions>) => {
    await googleNationalCommand(ctx(), {
      ...opts,
      workbook: opts.workbook ?? [],
      region: opts.region ?? [],
      apply: opts.apply ?? false,
      installed: opts.installed ?? false,
    });
  });
}
