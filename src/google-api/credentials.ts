// Credentials of the REST runtime: the OAuth client file the administrator downloads (type « Desktop »), the
// refresh token kept in the user's config folder with mode 0600, and the service-account option (domain-wide
// delegation). Every file read here is checked with zod; a bad one gets a French error naming it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { JWT, OAuth2Client } from 'google-auth-library';
import * as z from 'zod';
import { frGoogle } from './messages';
import { TRANSPORT, type GoogleAuth } from './context';
import { GoogleApiError } from './errors';

/**
 * As narrow as the work allows: drive.file reaches only the files this app created (the workbook, the forms, the
 * RETEX templates it uploads and their copies) and is accepted by the Sheets, Forms, Docs and Drive calls we make;
 * openid + email tell whoami who is connected.
 */
export const SCOPES = ['https://www.googleapis.com/auth/drive.file', 'openid', 'email'] as const;

/**
 * The ANS's national reading (`google national`): the regional workbooks were created by each region's install, not
 * by the ANS, so drive.file does not reach them; spreadsheets.readonly reads every spreadsheet the account may view
 * and writes nothing. Kept in its own token file so the ANS's everyday login never carries it.
 * « Choose Google Sheets API scopes », https://developers.google.com/sheets/api/scopes
 */
export const NATIONAL_SCOPES = [
  'https://www.googleapis.com/auth/spreadsheets.readonly',
  'openid',
  'email',
] as const;

/** The JSON Google Cloud gives for an OAuth client of type « Application de bureau » (Desktop). */
const ClientSecretFile = z.object({
  installed: z.object({ client_id: z.string().min(1), client_secret: z.string().min(1) }),
});

const ServiceAccountFile = z.object({
  type: z.literal('service_account'),
  client_email: z.string().min(1),
  private_key: z.string().min(1),
});

/** What `login` stores: enough to refresh an access token without the browser. */
export const StoredCredentials = z.strictObject({
  clientId: z.string().min(1),
  clientSecret: z.string().min(1),
  refreshToken: z.string().min(1),
  email: z.string().optional(),
  scopes: z.array(z.string()),
  createdAt: z.string(),
});
export type StoredCredentials = z.infer<typeof StoredCredentials>;

export function configDir(env: NodeJS.ProcessEnv = process.env): string {
  const base =
    env.XDG_CONFIG_HOME && env.XDG_CONFIG_HOME !== ''
      ? env.XDG_CONFIG_HOME
      : path.join(os.homedir(), '.config');
  return path.join(base, 'suivi-mes');
}

export function credentialsPath(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(configDir(env), 'google-credentials.json');
}

/** The read-only token of `google login --national`, apart from the everyday one. */
export function nationalCredentialsPath(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(configDir(env), 'google-credentials-national.json');
}

function readJsonFile(file: string, what: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as unknown;
  } catch (error) {
    throw new GoogleApiError(
      'BAD_CREDENTIALS_FILE',
      frGoogle.unreadableFile(what, file),
      `${file}: ${(error as Error).message}`,
    );
  }
}

export function readClientSecret(file: string): { clientId: string; clientSecret: string } {
  const raw = readJsonFile(file, 'client OAuth');
  const parsed = ClientSecretFile.safeParse(raw);
  if (!parsed.success) {
    const web = typeof raw === 'object' && raw !== null && 'web' in raw;
    throw new GoogleApiError('BAD_CREDENTIALS_FILE', frGoogle.badClientFile(file, web), parsed.error.message);
  }
  return { clientId: parsed.data.installed.client_id, clientSecret: parsed.data.installed.client_secret };
}

/** Writes the credentials readable by their owner only (0600, folder 0700), replacing the file atomically. */
export function saveCredentials(credentials: StoredCredentials, file = credentialsPath()): void {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600 });
  fs.chmodSync(tmp, 0o600);
  fs.renameSync(tmp, file);
}

export function readCredentials(file = credentialsPath()): StoredCredentials | undefined {
  if (!fs.existsSync(file)) return undefined;
  const parsed = StoredCredentials.safeParse(readJsonFile(file, 'identifiants'));
  if (!parsed.success)
    throw new GoogleApiError(
      'BAD_CREDENTIALS_FILE',
      frGoogle.unreadableFile('identifiants', file),
      parsed.error.message,
    );
  return parsed.data;
}

export function deleteCredentials(file = credentialsPath()): boolean {
  if (!fs.existsSync(file)) return false;
  fs.rmSync(file);
  return true;
}

export function oauthClientFor(credentials: StoredCredentials): OAuth2Client {
  const client = new OAuth2Client({
    clientId: credentials.clientId,
    clientSecret: credentials.clientSecret,
    transporterOptions: TRANSPORT,
  });
  client.setCredentials({ refresh_token: credentials.refreshToken });
  return client;
}

/** A service account acting as `subject` (domain-wide delegation authorised by a Workspace super-admin). */
export function serviceAccountClient(
  keyFile: string,
  subject: string,
  scopes: readonly string[] = SCOPES,
): JWT {
  const parsed = ServiceAccountFile.safeParse(readJsonFile(keyFile, 'compte de service'));
  if (!parsed.success)
    throw new GoogleApiError(
      'BAD_CREDENTIALS_FILE',
      frGoogle.badServiceAccountFile(keyFile),
      parsed.error.message,
    );
  return new JWT({
    email: parsed.data.client_email,
    key: parsed.data.private_key,
    scopes: scopes.filter((s) => s.startsWith('https://')),
    subject,
    transporterOptions: TRANSPORT,
  });
}

export interface ResolvedAuth {
  auth: GoogleAuth;
  /** Who the calls act for, when known: kept as editor of every protection. */
  email?: string;
  kind: 'oauth' | 'service-account';
}

/** The credentials a command runs with: a service account when asked, else what `login` stored. */
export function resolveAuth(
  options: { serviceAccount?: string; subject?: string },
  file = credentialsPath(),
  scopes: readonly string[] = SCOPES,
): ResolvedAuth {
  if (options.serviceAccount) {
    if (!options.subject)
      throw new GoogleApiError(
        'NO_CREDENTIALS',
        frGoogle.subjectRequired(),
        'service account without --subject',
      );
    return {
      auth: serviceAccountClient(options.serviceAccount, options.subject, scopes),
      email: options.subject,
      kind: 'service-account',
    };
  }
  const stored = readCredentials(file);
  if (!stored)
    throw new GoogleApiError('NO_CREDENTIALS', frGoogle.noCredentials(), `no credentials at ${file}`);
  return { auth: oauthClientFor(stored), email: stored.email, kind: 'oauth' };
}
