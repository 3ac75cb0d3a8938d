// Reads the project's data files from disk (Node runtimes): the config, then the files it names, resolved
// relative to the config file's folder. Bad JSON or a missing file is reported with the file's path.
import fs from 'node:fs';
import path from 'node:path';
import { loadProject, type Project } from '../schema/project';
import { DataFileError } from '../schema/zod-issues';
import { parseConfig } from '../schema/config';
import { withRegionalEstablishmentFiles } from '../app/regional-project';

/** The repository root, where the default suivi.config.json and the data folders live. */
export const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const DEFAULT_CONFIG = path.join(REPO_ROOT, 'suivi.config.json');

/** A data file's bytes; a missing or unreadable file is a DataFileError in French naming it. */
export function readDataFile(file: string): Buffer {
  try {
    return fs.readFileSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new DataFileError(file, [
      {
        path: '(fichier)',
        message: code === 'ENOENT' ? 'fichier introuvable' : `lecture impossible (${code ?? String(error)})`,
      },
    ]);
  }
}

function readText(file: string): string {
  return readDataFile(file).toString('utf8');
}

/** A JSON data file, parsed; bad JSON is a DataFileError in French naming the file. */
export function readDataJson(file: string): unknown {
  const text = readText(file);
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new DataFileError(file, [
      { path: '(fichier)', message: `JSON invalide : ${(error as Error).message}` },
    ]);
  }
}

/** Loads and validates the whole project from a config file (default: the repository's suivi.config.json). */
export function readProject(configFile: string = DEFAULT_CONFIG): Project {
  const configPath = path.resolve(configFile);
  const rawConfig = readDataJson(configPath);
  const config = parseConfig(rawConfig, configPath);
  const base = path.dirname(configPath);
  const at = (p: string) => path.resolve(base, p);
  const project = loadProject({
    config: rawConfig,
    tracking: readDataJson(at(config.files.trackingFile)),
    departments: readDataJson(at(config.files.departments)),
    establishmentsCsv: readText(at(config.files.establishments)),
    initialisationForm: readDataJson(at(config.files.initialisationForm)),
    weeklyForm: readDataJson(at(config.files.weeklyForm)),
  });
  return withRegionalEstablishments(project, at);
}

/** The establishments files of the listed regions that have one (config `regions[].establishments`). */
function withRegionalEstablishments(project: Project, at: (p: string) => string): Project {
  return withRegionalEstablishmentFiles(
    project,
    (project.config.regions ?? []).flatMap((region) => {
      if (!region.establishments) return [];
      const file = at(region.establishments);
      return [{ regionId: region.id, file, csv: readText(file) }];
    }),
  );
}

/** Folder of the RETEX templates named by the config. */
export function retexTemplatesDir(project: Project, configFile: string = DEFAULT_CONFIG): string {
  return path.resolve(path.dirname(path.resolve(configFile)), project.config.files.retexTemplates);
}
