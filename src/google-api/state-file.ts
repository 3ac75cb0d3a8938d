// The one local file of the REST runtime, in --data: which spreadsheet this project drives. Everything else (forms,
// cursors, records) lives in the spreadsheet itself, so a laptop and a scheduled job share it.
import fs from 'node:fs';
import path from 'node:path';
import * as z from 'zod';
import { DataFileError } from '../schema/zod-issues';
import { problemsFromZod } from '../schema/zod-issues';

export const GoogleState = z.strictObject({
  spreadsheetId: z.string().min(1),
  spreadsheetUrl: z.string().min(1),
});
export type GoogleState = z.infer<typeof GoogleState>;

export const STATE_FILE = 'google-state.json';

export function stateFilePath(dataDir: string): string {
  return path.join(dataDir, STATE_FILE);
}

export function readGoogleState(dataDir: string): GoogleState | undefined {
  const file = stateFilePath(dataDir);
  if (!fs.existsSync(file)) return undefined;
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new DataFileError(file, [
      { path: '(fichier)', message: `JSON invalide : ${(error as Error).message}` },
    ]);
  }
  const parsed = GoogleState.safeParse(raw);
  if (!parsed.success) throw new DataFileError(file, problemsFromZod(parsed.error));
  return parsed.data;
}

export function writeGoogleState(dataDir: string, state: GoogleState): void {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = stateFilePath(dataDir);
  fs.writeFileSync(`${file}.tmp`, `${JSON.stringify(state, null, 2)}\n`);
  fs.renameSync(`${file}.tmp`, file);
}
