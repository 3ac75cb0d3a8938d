// Options every `suivi-mes` command shares, resolved once before the command runs (see src/cli.ts).
import path from 'node:path';
import type { Project } from '../schema/project';

export interface GlobalOptions {
  /** Folder of the local data (SQLite database, outbox, exports). Default: ./data, or SUIVI_MES_DATA. */
  data: string;
  /** The configuration file. Default: the repository's suivi.config.json, or SUIVI_MES_CONFIG. */
  config: string;
  /** Print machine-readable JSON instead of French text. */
  json: boolean;
}

/** What the preAction hook hands to each command: its options plus the validated project. */
export interface CommandContext {
  options: GlobalOptions;
  project: Project;
}

export function resolveDataDir(dir: string): string {
  return path.resolve(dir);
}
