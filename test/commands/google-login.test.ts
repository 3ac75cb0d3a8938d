// `suivi-mes google login` on the agency's workstation: the browser opened when there is one, the address printed
// otherwise or with --no-browser, « Connexion réussie » only after Google exchanged the code for a token.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import nock from 'nock';
import { main } from '../../src/cli';
import { googleLoginCommand } from '../../src/commands/google-login';
import { SCOPES } from '../../src/google-api/credentials';
import { browserCommand } from '../../src/node/open-browser';
import { defaultProject } from '../support/project';
import { OAUTH_API, resetGoogleMocks, setupGoogleMocks } from '../support/google-api/google-mocks';

describe('browserCommand', () => {
  const url = 'https://accounts.google.com/o/oauth2/v2/auth?a=1&b=2';
  it.each<[NodeJS.Platform, NodeJS.ProcessEnv, ReturnType<typeof browserCommand>]>([
    ['win32', {}, { command: 'rundll32', args: ['url.dll,FileProtocolHandler', url] }],
    ['darwin', {}, { command: 'open', args: [url] }],
    ['linux', { DISPLAY: ':0' }, { command: 'xdg-open', args: [url] }],
    ['linux', { WAYLAND_DISPLAY: 'wayland-0' }, { command: 'xdg-open', args: [url] }],
    ['linux', {}, undefined],
  ])('on %s with %j', (platform, env, expected) => {
    expect(browserCommand(url, platform, env)).toEqual(expected);
  });
});

describe('suivi-mes google login', () => {
  let root: string;
  let clientFile: string;
  const saved = process.env.XDG_CONFIG_HOME;
  let order: string[];
  let err: string;
  let out: string;
  let spies: jest.SpyInstance[];

  /** Follows the consent address printed on stderr as the person's browser would, once. */
  const followPrintedAddress = () => {
    const url = /\n {2}(http\S+)\n/.exec(err)?.[1];
    if (!url || order.includes('browser')) return;
    order.push('browser');
    const consent = new URL(url);
    const redirect = new URL(consent.searchParams.get('redirect_uri') ?? '');
    redirect.searchParams.set('code', 'code-1');
    redirect.searchParams.set('state', consent.searchParams.get('state') ?? '');
    void fetch(redirect).then(async (res) => {
      order.push(
        `tab ${res.status} ${(await res.text()).includes('Connexion réussie') ? 'réussie' : ''}`.trim(),
      );
    });
  };

  beforeEach(() => {
    setupGoogleMocks();
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'suivi-mes-login-'));
    process.env.XDG_CONFIG_HOME = path.join(root, 'config');
    clientFile = path.join(root, 'client.json');
    fs.writeFileSync(clientFile, JSON.stringify({ installed: { client_id: 'cid', client_secret: 'cs' } }));
    order = [];
    err = '';
    out = '';
    spies = [
      jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
        err += String(chunk);
        followPrintedAddress();
        return true;
      }),
      jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
        out += String(chunk);
        order.push('stdout');
        return true;
      }),
    ];
    nock(OAUTH_API)
      .post('/token', () => {
        order.push('token');
        return true;
      })
      .reply(200, {
        access_token: 'at',
        refresh_token: 'rt',
        expires_in: 3599,
        token_type: 'Bearer',
        scope: SCOPES.join(' '),
        id_token: ['e30', Buffer.from('{"email":"admin@ars.fr"}').toString('base64url'), 's'].join('.'),
      });
  });
  afterEach(() => {
    for (const s of spies) s.mockRestore();
    resetGoogleMocks();
    if (saved === undefined) delete process.env.XDG_CONFIG_HOME;
    else process.env.XDG_CONFIG_HOME = saved;
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('--no-browser prints the address, and says « Connexion réussie » only after the token exchange', async () => {
    const code = await main([
      'node',
      'suivi-mes',
      '--data',
      root,
      'google',
      'login',
      '--client-secret',
      clientFile,
      '--no-browser',
    ]);
    expect(code).toBe(0);
    expect(err).toContain('Ouvrez cette adresse dans votre navigateur pour autoriser suivi-mes :');
    expect(err).not.toContain("Le navigateur s'ouvre");
    expect(out).toContain('Connexion réussie : connecté en tant que admin@ars.fr.');
    expect(order.slice(0, 3)).toEqual(['browser', 'token', 'stdout']);
  });

  it('opens the browser when it can, and still prints the address', async () => {
    const opened: string[] = [];
    await googleLoginCommand(
      { options: { data: root, config: '', json: false }, project: defaultProject() },
      { clientSecret: clientFile, browser: true },
      async (url) => {
        opened.push(url);
        return true;
      },
    );
    expect(opened).toHaveLength(1);
    expect(opened[0]).toMatch(/^https:\/\/accounts\.google\.com\//);
    expect(err).toContain(
      "Le navigateur s'ouvre sur la page d'autorisation de Google. S'il ne s'ouvre pas, ouvrez cette adresse :",
    );
    expect(err).toContain(opened[0]);
    expect(out).toContain('Connexion réussie');
  });
});
