// The OAuth desktop flow offline: the loopback server on 127.0.0.1, PKCE S256, the state check, the token
// exchange answered by nock standing in for oauth2.googleapis.com, the 0600 credentials file, logout's revoke.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import nock from 'nock';
import { loginWithLoopback, revoke, emailOfIdToken } from '../../src/google-api/oauth-login';
import {
  credentialsPath,
  deleteCredentials,
  readClientSecret,
  readCredentials,
  resolveAuth,
  saveCredentials,
  SCOPES,
  type StoredCredentials,
} from '../../src/google-api/credentials';
import { OAUTH_API, resetGoogleMocks, setupGoogleMocks } from '../support/google-api/google-mocks';
import { frSystemError } from '../../src/commands/system-errors';

const idToken = (claims: object) =>
  ['e30', Buffer.from(JSON.stringify(claims)).toString('base64url'), 'sig'].join('.');

/** The browser: follows the consent URL's redirect with a code, or with whatever the test says; the tab's page. */
async function browserTab(
  url: string,
  query: (params: URLSearchParams) => Record<string, string>,
): Promise<{ status: number; text: string }> {
  const consent = new URL(url);
  const redirect = new URL(consent.searchParams.get('redirect_uri') ?? '');
  for (const [k, v] of Object.entries(query(consent.searchParams))) redirect.searchParams.set(k, v);
  const res = await fetch(redirect);
  return { status: res.status, text: await res.text() };
}

async function browser(
  url: string,
  query: (params: URLSearchParams) => Record<string, string>,
): Promise<number> {
  return (await browserTab(url, query)).status;
}

function mockTokenExchange(check: (body: Record<string, string>) => boolean, reply: object): nock.Scope {
  return nock(OAUTH_API)
    .post('/token', (body: Record<string, string>) => check(body))
    .reply(200, reply);
}

describe('google login (OAuth desktop flow with loopback and PKCE)', () => {
  let dir: string;
  beforeEach(() => {
    setupGoogleMocks();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'suivi-mes-auth-'));
  });
  afterEach(() => {
    resetGoogleMocks();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('asks Google with PKCE S256, a loopback redirect and the narrow scopes, then exchanges the code', async () => {
    let seen: URLSearchParams | undefined;
    let verifier = '';
    const token = mockTokenExchange(
      (body) => {
        verifier = body.code_verifier ?? '';
        return (
          body.code === 'code-123' &&
          body.grant_type === 'authorization_code' &&
          /^http:\/\/127\.0\.0\.1:\d+$/.test(body.redirect_uri ?? '')
        );
      },
      {
        access_token: 'at',
        refresh_token: 'rt-1',
        expires_in: 3599,
        token_type: 'Bearer',
        scope: SCOPES.join(' '),
        id_token: idToken({ email: 'admin@ars.fr' }),
      },
    );
    let tab: Promise<{ status: number; text: string }> | undefined;
    const credentials = await loginWithLoopback({
      clientId: 'cid',
      clientSecret: 'csecret',
      now: () => new Date('2022-05-16T09:00:00Z'),
      openBrowser: (url) => {
        tab = browserTab(url, (p) => {
          seen = p;
          return { code: 'code-123', state: p.get('state') ?? '' };
        });
      },
    });
    // The tab says « réussie » once the code is exchanged, not when the redirect arrives.
    expect(await tab).toEqual({ status: 200, text: expect.stringContaining('Connexion réussie') as string });
    expect(token.isDone()).toBe(true);
    expect(seen?.get('code_challenge_method')).toBe('S256');
    expect(seen?.get('access_type')).toBe('offline');
    expect(seen?.get('scope')?.split(' ')).toEqual([...SCOPES]);
    expect(seen?.get('redirect_uri')).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(verifier.length).toBeGreaterThanOrEqual(43);
    expect(credentials).toMatchObject({ refreshToken: 'rt-1', email: 'admin@ars.fr', clientId: 'cid' });
  });

  it.each<[string, () => nock.Scope, RegExp]>([
    [
      'Google refuses the code',
      () =>
        nock(OAUTH_API)
          .post('/token')
          .reply(400, { error: 'invalid_grant', error_description: 'Bad Request' }),
      /^Google a refusé d'échanger l'autorisation contre un jeton \(/,
    ],
    [
      'the network fails',
      () =>
        nock(OAUTH_API)
          .persist()
          .post('/token')
          .replyWithError(
            Object.assign(new Error('getaddrinfo ENOTFOUND oauth2.googleapis.com'), {
              code: 'ENOTFOUND',
              hostname: 'oauth2.googleapis.com',
            }),
          ),
      /^Adresse introuvable.* : pas de réseau/,
    ],
  ])(
    'says in French that the login failed when %s, and the tab never says « réussie »',
    async (_case, mock, said) => {
      const token = mock();
      let tab: Promise<{ status: number; text: string }> | undefined;
      const error: unknown = await loginWithLoopback({
        clientId: 'cid',
        clientSecret: 'cs',
        openBrowser: (url) => {
          tab = browserTab(url, (p) => ({ code: 'c', state: p.get('state') ?? '' }));
        },
      }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(token.isDone()).toBe(true);
      expect(frSystemError(error) ?? (error as Error).message).toMatch(said);
      const shown = await tab;
      expect(shown?.status).toBe(400);
      expect(shown?.text).toContain('La connexion a échoué');
    },
  );

  it('refuses a redirect whose state does not match, without calling the token endpoint', async () => {
    const token = mockTokenExchange(() => true, { access_token: 'x', refresh_token: 'y' });
    await expect(
      loginWithLoopback({
        clientId: 'cid',
        clientSecret: 'cs',
        openBrowser: async (url) => {
          await browser(url, () => ({ code: 'c', state: 'forged' }));
        },
      }),
    ).rejects.toMatchObject({
      code: 'LOGIN_FAILED',
      userMessage: expect.stringContaining('ne correspond pas'),
    });
    expect(token.isDone()).toBe(false);
  });

  it('says so when consent is refused in the browser', async () => {
    await expect(
      loginWithLoopback({
        clientId: 'cid',
        clientSecret: 'cs',
        openBrowser: async (url) => {
          await browser(url, (p) => ({ error: 'access_denied', state: p.get('state') ?? '' }));
        },
      }),
    ).rejects.toMatchObject({ code: 'LOGIN_FAILED' });
  });

  describe('with credentials saved', () => {
    const stored: StoredCredentials = {
      clientId: 'cid',
      clientSecret: 'cs',
      refreshToken: 'rt-1',
      email: 'admin@ars.fr',
      scopes: [...SCOPES],
      createdAt: '2022-05-16T09:00:00.000Z',
    };

    it('keeps them readable by their owner only (0600) under XDG_CONFIG_HOME', () => {
      const file = credentialsPath({ XDG_CONFIG_HOME: dir });
      expect(file).toBe(path.join(dir, 'suivi-mes', 'google-credentials.json'));
      saveCredentials(stored, file);
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
      expect(readCredentials(file)).toEqual(stored);
      expect(resolveAuth({}, file)).toMatchObject({ kind: 'oauth', email: 'admin@ars.fr' });
    });

    it('logout revokes the refresh token at Google, then the file is deleted', async () => {
      const file = credentialsPath({ XDG_CONFIG_HOME: dir });
      saveCredentials(stored, file);
      const revoked = nock(OAUTH_API).post('/revoke').query({ token: 'rt-1' }).reply(200, {});
      await expect(revoke(stored)).resolves.toBe('revoked');
      expect(revoked.isDone()).toBe(true);
      expect(deleteCredentials(file)).toBe(true);
      expect(fs.existsSync(file)).toBe(false);
      expect(() => resolveAuth({}, file)).toThrow(expect.objectContaining({ code: 'NO_CREDENTIALS' }));
    });

    it('treats a token Google no longer knows as already revoked', async () => {
      nock(OAUTH_API).post('/revoke').query(true).reply(400, { error: 'invalid_token' });
      await expect(revoke(stored)).resolves.toBe('alreadyInvalid');
    });
  });

  describe('the client file', () => {
    it('reads a Desktop client and explains a Web one in French', () => {
      const desktop = path.join(dir, 'desktop.json');
      fs.writeFileSync(desktop, JSON.stringify({ installed: { client_id: 'id', client_secret: 's' } }));
      expect(readClientSecret(desktop)).toEqual({ clientId: 'id', clientSecret: 's' });
      const web = path.join(dir, 'web.json');
      fs.writeFileSync(web, JSON.stringify({ web: { client_id: 'id', client_secret: 's' } }));
      expect(() => readClientSecret(web)).toThrow(/Application de bureau/);
    });

    it('asks for --subject with a service account', () => {
      expect(() => resolveAuth({ serviceAccount: path.join(dir, 'sa.json') })).toThrow(
        expect.objectContaining({ code: 'NO_CREDENTIALS' }),
      );
    });
  });

  it('reads the e-mail of an ID token and nothing from a malformed one', () => {
    expect(emailOfIdToken(idToken({ email: 'a@b.fr' }))).toBe('a@b.fr');
    expect(emailOfIdToken('not-a-jwt')).toBeUndefined();
  });
});
