// What every `suivi-mes google …` command shares: its credential options, the Google context built from them, the
// spreadsheet of this project (state file in --data), and a progress bar on stderr for long operations.
import type { Command } from 'commander';
import { googleContext, type GoogleContext, type Progress } from '../google-api/context';
import { resolveAuth, type ResolvedAuth } from '../google-api/credentials';
import { DocsAdapter } from '../google-api/docs';
import { DriveAdapter } from '../google-api/drive';
import { FormsAdapter } from '../google-api/forms';
import type { GoogleAdapters } from '../google-api/adapters';
import { SheetsAdapter } from '../google-api/sheets';
import { readGoogleState } from '../google-api/state-file';
import { GoogleApiError } from '../google-api/errors';
import { frGoogle } from '../google-api/messages';
import type { CommandContext } from './options';

export interface GoogleCredentialOptions {
  /** Key file of a service account with domain-wide delegation (instead of `login`). */
  serviceAccount?: string;
  /** The Workspace user the service account acts for. */
  subject?: string;
}

export function withCredentialOptions(command: Command): Command {
  return command
    .option(
      '--service-account <fichier>',
      'clé JSON d’un compte de service (délégation au niveau du domaine)',
    )
    .option('--subject <email>', 'utilisateur Workspace pour lequel agit le compte de service');
}

/** A progress bar on a terminal; one line at start and end otherwise (a scheduled job's log). */
export function stderrProgress(stream: NodeJS.WriteStream = process.stderr): Progress {
  let label = '';
  let total = 0;
  let done = 0;
  const draw = (detail = '') => {
    const width = 30;
    const filled = total === 0 ? width : Math.round((done / total) * width);
    stream.write(
      `\r${label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total} ${detail.slice(0, 40).padEnd(40)}`,
    );
  };
  return {
    start(l, t) {
      label = l;
      total = t;
      done = 0;
      if (t === 0) return;
      if (stream.isTTY) draw();
      else stream.write(`${label} : ${total} à traiter\n`);
    },
    tick(detail) {
      done += 1;
      if (stream.isTTY) draw(detail);
    },
    stop() {
      if (total === 0) return;
      if (stream.isTTY) stream.write('\n');
      else stream.write(`${label} : ${done}/${total} traités\n`);
    },
  };
}

export interface GoogleSession {
  resolved: ResolvedAuth;
  google: GoogleContext;
  adapters: GoogleAdapters & { docs: DocsAdapter };
}

export function openSession(options: GoogleCredentialOptions, json: boolean): GoogleSession {
  const resolved = resolveAuth(options);
  const google = googleContext(resolved.auth, { progress: json ? undefined : stderrProgress() });
  return {
    resolved,
    google,
    adapters: {
      sheets: new SheetsAdapter(google),
      forms: new FormsAdapter(google),
      drive: new DriveAdapter(google),
      docs: new DocsAdapter(google),
    },
  };
}

/** The spreadsheet `install` made for this --data folder. */
export function installedSpreadsheet({ options }: CommandContext): {
  spreadsheetId: string;
  spreadsheetUrl: string;
} {
  const state = readGoogleState(options.data);
  if (!state) throw new GoogleApiError('NOT_INSTALLED', frGoogle.notInstalled(options.data), 'no state file');
  return state;
}

export function print(json: boolean, data: unknown, text: string): void {
  process.stdout.write(json ? `${JSON.stringify(data)}\n` : text.endsWith('\n') ? text : `${text}\n`);
}
