// The OAuth desktop flow: a one-shot HTTP server on 127.0.0.1 at a random port receives Google's redirect, PKCE
// (S256) binds the code to this process, a random `state` binds the redirect to this login. The server answers one
// request and closes in `finally`, whatever happens. Nothing is stored here: the caller saves what it returns.
import http from 'node:http';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { CodeChallengeMethod, OAuth2Client, type Credentials } from 'google-auth-library';
import * as z from 'zod';
import { frGoogle } from './messages';
import { TRANSPORT } from './context';
import { GoogleApiError, googleMessageOf, statusOf } from './errors';
import { SCOPES, type StoredCredentials } from './credentials';

export interface LoginOptions {
  clientId: string;
  clientSecret: string;
  /** Shows the consent URL to the administrator (prints it; a test follows it). */
  openBrowser: (url: string) => void | Promise<void>;
  /** How long to wait for the browser. */
  timeoutMs?: number;
  now?: () => Date;
  /** What to ask for: SCOPES unless told (the national reading asks NATIONAL_SCOPES). */
  scopes?: readonly string[];
}

const IdTokenClaims = z.object({ email: z.string().optional() });

/**
 * The e-mail in an ID token received straight from Google's token endpoint over TLS; its signature need not be
 * checked in that case (OpenID Connect Core §3.1.3.7, item 6).
 */
export function emailOfIdToken(idToken: string | null | undefined): string | undefined {
  const payload = idToken?.split('.')[1];
  if (!payload) return undefined;
  try {
    const claims = IdTokenClaims.safeParse(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')));
    return claims.success ? claims.data.email : undefined;
  } catch {
    return undefined;
  }
}

const PAGE = (message: string) =>
  `<!doctype html><html lang="fr"><meta charset="utf-8"><title>suivi-mes</title><p>${message}</p></html>`;

export async function loginWithLoopback(options: LoginOptions): Promise<StoredCredentials> {
  const server = http.createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  try {
    const { port } = server.address() as AddressInfo;
    const redirectUri = `http://127.0.0.1:${port}`;
    const client = new OAuth2Client({
      clientId: options.clientId,
      clientSecret: options.clientSecret,
      redirectUri,
      transporterOptions: TRANSPORT,
    });
    const { codeVerifier, codeChallenge } = await client.generateCodeVerifierAsync();
    const state = randomBytes(16).toString('hex');
    const url = client.generateAuthUrl({
      access_type: 'offline',
      prompt: 'consent',
      scope: [...(options.scopes ?? SCOPES)],
      code_challenge_method: CodeChallengeMethod.S256,
      code_challenge: codeChallenge,
      state,
    });
    // The browser's tab is answered only once the token exchange is over: it never says « réussie » before.
    let waiting: http.ServerResponse | undefined;
    const answerBrowser = (ok: boolean) => {
      waiting
        ?.writeHead(ok ? 200 : 400, { 'content-type': 'text/html; charset=utf-8' })
        .end(PAGE(ok ? frGoogle.loginPageDone() : frGoogle.loginPageFailed()));
      waiting = undefined;
    };
    const code = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new GoogleApiError('LOGIN_FAILED', frGoogle.loginTimeout(), 'no redirect in time')),
        options.timeoutMs ?? 5 * 60_000,
      );
      server.on('request', (req, res) => {
        const query = new URL(req.url ?? '/', redirectUri).searchParams;
        if (!query.has('code') && !query.has('error')) {
          res.writeHead(404).end();
          return;
        }
        clearTimeout(timer);
        const ok = query.get('state') === state && query.has('code');
        waiting = res;
        if (ok) {
          resolve(query.get('code') ?? '');
          return;
        }
        answerBrowser(false);
        if (query.get('state') !== state)
          reject(new GoogleApiError('LOGIN_FAILED', frGoogle.loginStateMismatch(), 'state mismatch'));
        else
          reject(
            new GoogleApiError('LOGIN_FAILED', frGoogle.loginDenied(), `error=${query.get('error') ?? ''}`),
          );
      });
      Promise.resolve(options.openBrowser(url)).catch(reject);
    });
    let tokens: Credentials;
    try {
      ({ tokens } = await client.getToken({ code, codeVerifier }));
    } catch (error) {
      answerBrowser(false);
      // Google's refusal (an HTTP answer) is explained here; a network or proxy failure goes up unchanged, for
      // the command line's translation of system errors.
      if (statusOf(error) !== undefined)
        throw new GoogleApiError(
          'LOGIN_FAILED',
          frGoogle.loginExchangeFailed(googleMessageOf(error)),
          `token exchange: ${(error as Error).message}`,
          { cause: error },
        );
      throw error;
    }
    if (!tokens.refresh_token) {
      answerBrowser(false);
      throw new GoogleApiError(
        'LOGIN_FAILED',
        frGoogle.noRefreshToken(),
        'token reply without refresh_token',
      );
    }
    answerBrowser(true);
    return {
      clientId: options.clientId,
      clientSecret: options.clientSecret,
      refreshToken: tokens.refresh_token,
      email: emailOfIdToken(tokens.id_token),
      scopes: (tokens.scope ?? (options.scopes ?? SCOPES).join(' ')).split(' ').filter((s) => s !== ''),
      createdAt: (options.now?.() ?? new Date()).toISOString(),
    };
  } finally {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

/** Revokes the refresh token at Google. A token Google no longer knows (HTTP 400) counts as revoked. */
export async function revoke(credentials: StoredCredentials): Promise<'revoked' | 'alreadyInvalid'> {
  const client = new OAuth2Client({ clientId: credentials.clientId, transporterOptions: TRANSPORT });
  try {
    await client.revokeToken(credentials.refreshToken);
    return 'revoked';
  } catch (error) {
    const status =
      (error as { status?: number; response?: { status?: number } }).status ??
      (error as { response?: { status?: number } }).response?.status;
    if (status === 400) return 'alreadyInvalid';
    throw error;
  }
}
