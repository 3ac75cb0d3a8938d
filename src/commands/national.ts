// `suivi-mes national import FILE --region ID` loads a region's official tracking file (the .xlsx its own instance
// exports) into this national instance as a dated, read-only version; `suivi-mes national status` prints each
// region's freshness; `suivi-mes national retex --version V1|VF` issues the national RETEX. The national summary
// and `export --role ans` then show those rows under their region.
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import type { RegionalRead } from '../domain/workbook/regional-file';
import { findRegion, REGIONS, type Region } from '../domain/regions';
import { formatParisDateTime } from '../domain/paris-time';
import { openLocalData } from '../local/local-data';
import { nationalDataset, planRegionalImport } from '../local/national';
import { nationalRetexStores } from '../local/retex/national-retex';
import { buildRetexCommand, parseMilestone, type RetexCommandOptions } from './build-retex';
import { isGoogleRead, NationalStore } from '../local/db/national-store';
import { readRegionalXlsx } from '../local/xlsx/read-regional-file';
import type { CommandContext } from './options';
import { frCommands } from './messages';

export interface NationalImportOptions {
  region: string;
  apply: boolean;
}

export type NationalImportResult = 'applied' | 'same' | 'preview';

const when = (iso: string) => formatParisDateTime(new Date(iso));

/** « fichier exporté le … » or « classeur Google lu le … »: what the date of a version means. */
function versionDate(v: { exportedAt: string; fileName: string }): string {
  return isGoogleRead(v)
    ? `classeur Google lu le ${when(v.exportedAt)}`
    : `fichier exporté le ${when(v.exportedAt)}`;
}

/** The region `--region` names, or a French error listing them. */
export function regionOption(id: string): Region {
  const region = findRegion(id);
  if (!region)
    throw new Error(
      `« --region » : région inconnue « ${id} ». Régions : ${REGIONS.map((r) => `${r.id} (${r.name})`).join(', ')}.`,
    );
  return region;
}

export async function nationalImportCommand(
  { options, project }: CommandContext,
  file: string,
  opts: NationalImportOptions,
): Promise<NationalImportResult> {
  const region = regionOption(opts.region);
  let buffer: Buffer;
  try {
    buffer = fs.readFileSync(file);
  } catch (error) {
    throw new Error(
      `${file} : lecture impossible (${(error as NodeJS.ErrnoException).code ?? String(error)}).`,
    );
  }
  const { read, sha256 } = await readRegionalXlsx(buffer, project, region);
  return applyRegionalRead(
    { options, project },
    region,
    { read, sha256 },
    { what: file, fileName: path.basename(file), apply: opts.apply, actor: 'ligne de commande' },
  );
}

export interface RegionalSource {
  /** How messages name what was read (a file's path, « le classeur Google … »). */
  what: string;
  /** What the version records as its origin (national-store.ts: a file's name, or a Google workbook). */
  fileName: string;
  apply: boolean;
  actor: string;
}

/**
 * Loads what was read of a region (a file, a Google workbook) into the national store: refused with every error,
 * « same » when that very content is already in force, refused when older, a preview when the list of
 * establishments changed and `apply` was not given; else one new dated version and a Journal line.
 */
export function applyRegionalRead(
  { options, project }: CommandContext,
  region: Region,
  { read, sha256 }: { read: RegionalRead; sha256: string },
  source: RegionalSource,
): NationalImportResult {
  if (!read.ok)
    throw new Error(
      `${source.what} n'a pas été chargé pour ${region.name}, rien n'a été modifié :\n${read.errors.map((e) => `  - ${e}`).join('\n')}`,
    );
  const snapshot = read.snapshot;
  const { data } = openLocalData(options.data, project);
  try {
    const national = new NationalStore(data.db);
    const plan = planRegionalImport(national, snapshot, sha256);
    const out = (lines: string[]) => process.stdout.write(`${lines.join('\n')}\n`);
    const google = isGoogleRead(source);
    if (plan.status === 'same') {
      out([
        google
          ? `${region.name} : ${source.what} n'a pas changé depuis sa lecture du ${when(plan.loaded.exportedAt)}. Rien n'a changé.`
          : `${region.name} : ce fichier est déjà chargé (${versionDate(plan.loaded)}, chargé le ${when(plan.loaded.importedAt)}). Rien n'a changé.`,
      ]);
      return 'same';
    }
    if (plan.status === 'older')
      throw new Error(
        `${source.what} ${google ? 'lu' : 'a été exporté'} le ${when(snapshot.exportedAt)}, avant le ${isGoogleRead(plan.loaded) ? 'classeur' : 'fichier'} de ${region.name} déjà chargé (${versionDate(plan.loaded)}) : refusé, rien n'a été modifié.`,
      );
    const rows = snapshot.establishments.reduce((n, e) => n + e.useCases.length, 0);
    const lines = [
      `${region.name} : ${snapshot.establishments.length} établissement(s), ${rows} ligne(s), ${snapshot.versions.length} déclaration(s) ; ${versionDate({ exportedAt: snapshot.exportedAt, fileName: source.fileName })}.`,
    ];
    const changed = plan.added.length > 0 || plan.removed.length > 0;
    if (changed) {
      lines.push(
        'La liste des établissements a changé depuis la version précédente :',
        ...plan.added.map((n) => `  + ${n}`),
        ...plan.removed.map((n) => `  - ${n}`),
      );
      if (!source.apply) {
        lines.push('Aperçu seulement : rien n’a été modifié. Relancez avec --apply pour confirmer.');
        out(lines);
        return 'preview';
      }
    }
    const now = data.clock.now();
    data.store.transaction(() => {
      national.add(snapshot, { sha256, importedAt: now.toISOString(), fileName: source.fileName });
      data.store.appendJournal({
        at: now.toISOString(),
        kind: 'import',
        actor: source.actor,
        role: 'system',
        summary: `Suivi régional chargé : ${region.name}, ${snapshot.establishments.length} établissement(s), ${versionDate({ exportedAt: snapshot.exportedAt, fileName: source.fileName })}.`,
        details: source.fileName,
      });
    });
    lines.push(`Chargé : les lignes de ${region.name} sont celles de cette version (lecture seule).`);
    out(lines);
    return 'applied';
  } finally {
    data.close();
  }
}

export function nationalStatusCommand({ options, project }: CommandContext): void {
  const { data } = openLocalData(options.data, project);
  try {
    const dataset = nationalDataset(project, data.store, new NationalStore(data.db));
    const regions = dataset.regions.map((r) => ({
      id: r.id,
      name: r.name,
      source: r.source,
      establishments: r.establishmentIds.length,
      exportedAt: r.file?.exportedAt ?? null,
      importedAt: r.file?.importedAt ?? null,
      fileName: r.file?.fileName ?? null,
    }));
    if (options.json) {
      process.stdout.write(`${JSON.stringify({ regions })}\n`);
      return;
    }
    process.stdout.write(
      `${regions
        .map(
          (r) =>
            `${r.name} (${r.id}) : ${r.establishments} établissement(s), ${
              r.exportedAt && r.importedAt && r.fileName !== null
                ? `${versionDate({ exportedAt: r.exportedAt, fileName: r.fileName })}, chargé le ${when(r.importedAt)}`
                : 'suivi dans cette instance'
            }`,
        )
        .join('\n')}\n`,
    );
  } finally {
    data.close();
  }
}

/** `suivi-mes national …`, registered by src/cli.ts. */
export function registerNationalCommands(program: Command, ctx: () => CommandContext): void {
  const national = program
    .command('national')
    .description('vue nationale : fichiers de suivi officiels des régions consolidés pour l’ANS');
  national
    .command('import')
    .description('charge le fichier de suivi .xlsx exporté par une région (lecture seule, version datée)')
    .argument('<fichier>', 'le classeur .xlsx exporté par la région (suivi-mes export)')
    .requiredOption('--region <id>', `la région : ${REGIONS.map((r) => r.id).join(', ')}`)
    .option('--apply', 'confirme un chargement dont la liste des établissements a changé', false)
    .action(async (file: string, opts: NationalImportOptions) => {
      await nationalImportCommand(ctx(), file, opts);
    });
  national
    .command('retex')
    .description('émet le RETEX national (V1 ou VF) à partir de toutes les régions, comme le RETEX régional')
    .requiredOption('--version <jalon>', frCommands.help.retexVersion)
    .requiredOption('--out <dossier>', frCommands.help.retexOut)
    .option('--author <nom>', frCommands.help.retexAuthor, 'ANS')
    .option('--no-pdf', 'ne pas produire les PDF')
    .action(async (opts: RetexCommandOptions) => {
      const context = ctx();
      parseMilestone(opts.version);
      const { data } = openLocalData(context.options.data, context.project);
      try {
        const { plan } = await buildRetexCommand(context, nationalRetexStores(context.project, data), opts);
        if (plan.status === 'new') {
          const now = data.clock.now();
          data.store.appendJournal({
            at: now.toISOString(),
            kind: 'retex',
            actor: opts.author,
            role: 'system',
            summary: `RETEX national ${plan.issue.label} émis.`,
          });
        }
      } finally {
        data.close();
      }
    });
  national
    .command('status')
    .description('fraîcheur de chaque région : date de son dernier fichier')
    .action(() => nationalStatusCommand(ctx()));
}
