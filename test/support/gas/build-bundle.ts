// Bundles built for a test or a bench from the repository's configuration with a few changes (the roles' e-mails,
// a registry of hundreds of generated establishments…), through the same build script as `npm run build`.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from '../../../src/node/project-files';

const BUILD = path.join(REPO_ROOT, 'scripts', 'build-apps-script.mjs');

/** The repository's suivi.config.json as plain JSON, for a test to change. */
export interface EditableConfig {
  roles: { ars: string[]; ans: string[] };
  reminders: { replyTo: string | null };
  files: Record<string, string>;
  [key: string]: unknown;
}

/**
 * Builds a bundle in a fresh temporary folder from the repository's configuration changed by `edit` (its data
 * files by absolute path, so `edit` may point one elsewhere). Returns the bundle's Code.js.
 */
export function buildBundle(
  edit: (config: EditableConfig, dir: string) => void = () => undefined,
  /** More options of the build script (`--region ID`). */
  args: readonly string[] = [],
): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'suivi-bundle-'));
  const config = JSON.parse(
    fs.readFileSync(path.join(REPO_ROOT, 'suivi.config.json'), 'utf8'),
  ) as EditableConfig;
  for (const key of Object.keys(config.files))
    config.files[key] = path.join(REPO_ROOT, config.files[key] as string);
  const defaults = { ...config.files };
  edit(config, dir);
  // The binômes file names the 16 pilots: a bundle with another registry keeps it only if the test chose it.
  if (config.files.establishments !== defaults.establishments && config.files.binomes === defaults.binomes)
    delete config.files.binomes;
  const file = path.join(dir, 'suivi.config.json');
  fs.writeFileSync(file, JSON.stringify(config));
  execFileSync(process.execPath, [BUILD, '--config', file, '--out', dir, ...args]);
  return path.join(dir, 'Code.js');
}

/** A registry of `count` generated establishments (one use case each), written in `dir`; returns its path. */
export function generatedRegistry(count: number, dir: string): string {
  const departments = ['75', '77', '78', '91', '92', '93', '94', '95'];
  const lines = [
    'establishment_id,use_case_id,establishment,department,region,group,federation,es_type,pathway,use_case,pathway_status,finess,note',
  ];
  for (let i = 1; i <= count; i += 1) {
    const n = String(i).padStart(3, '0');
    lines.push(
      `es-${n},uc1,CENTRE HOSPITALIER ${n},${departments[i % departments.length]},,Aucun,FHF,public,Parcours ${n},Cas d'usage ${n},confirmé,,`,
    );
  }
  const file = path.join(dir, 'establishments.csv');
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

/** A bundle whose registry holds `count` generated establishments. */
export function bundleWithEstablishments(count: number): string {
  return buildBundle((config, dir) => (config.files.establishments = generatedRegistry(count, dir)));
}
