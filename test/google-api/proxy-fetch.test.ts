// Google calls behind the agency's proxy: HTTPS_PROXY / HTTP_PROXY and NO_PROXY are honoured (Node's fetch alone
// ignores them), through a real CONNECT proxy on loopback; a proxy that is down or refuses is said in French.
import http from 'node:http';
import type net from 'node:net';
import { OAuth2Client } from 'google-auth-library';
import { frSystemError } from '../../src/commands/system-errors';
import { TRANSPORT } from '../../src/google-api/context';
import { proxiedFetch, proxyFor } from '../../src/google-api/proxy-fetch';
import { startConnectProxy, startDeadProxy, type ConnectProxy } from '../support/connect-proxy';

jest.setTimeout(30_000);

const PROXY_VARS = [
  'HTTPS_PROXY',
  'https_proxy',
  'HTTP_PROXY',
  'http_proxy',
  'NO_PROXY',
  'no_proxy',
] as const;

describe('proxyFor', () => {
  const P = 'http://proxy.agence.fr:3128';
  it.each<[string, NodeJS.ProcessEnv, string | undefined]>([
    ['https://sheets.googleapis.com/v4/x', {}, undefined],
    ['https://sheets.googleapis.com/v4/x', { HTTPS_PROXY: P }, P],
    ['https://sheets.googleapis.com/v4/x', { https_proxy: P }, P],
    ['http://example.org/', { HTTPS_PROXY: P }, undefined],
    ['http://example.org/', { HTTP_PROXY: P }, P],
    ['https://sheets.googleapis.com/v4/x', { HTTPS_PROXY: P, NO_PROXY: 'googleapis.com' }, undefined],
    ['https://sheets.googleapis.com/v4/x', { HTTPS_PROXY: P, NO_PROXY: '.googleapis.com' }, undefined],
    ['https://sheets.googleapis.com/v4/x', { HTTPS_PROXY: P, NO_PROXY: '*.googleapis.com' }, undefined],
    [
      'https://sheets.googleapis.com/v4/x',
      { HTTPS_PROXY: P, no_proxy: 'localhost, googleapis.com' },
      undefined,
    ],
    ['https://sheets.googleapis.com/v4/x', { HTTPS_PROXY: P, NO_PROXY: '*' }, undefined],
    ['https://sheets.googleapis.com/v4/x', { HTTPS_PROXY: P, NO_PROXY: 'notgoogleapis.com' }, P],
    ['https://sheets.googleapis.com/v4/x', { HTTPS_PROXY: P, NO_PROXY: 'googleapis.com:8443' }, P],
    ['https://sheets.googleapis.com/v4/x', { HTTPS_PROXY: P, NO_PROXY: 'googleapis.com:443' }, undefined],
    ['http://127.0.0.1:9/x', { HTTP_PROXY: P, NO_PROXY: '127.0.0.1' }, undefined],
    ['http://[::1]:9/x', { HTTP_PROXY: P, NO_PROXY: '::1' }, undefined],
  ])('%s with %j → %s', (url, env, expected) => {
    expect(proxyFor(url, env)).toBe(expected);
  });
});

describe('requests through the proxy of the environment', () => {
  const saved: Partial<Record<(typeof PROXY_VARS)[number], string>> = {};
  let proxy: ConnectProxy;
  let target: http.Server;
  let targetUrl: string;
  beforeEach(async () => {
    for (const k of PROXY_VARS) {
      saved[k] = process.env[k];
      delete process.env[k];
    }
    proxy = await startConnectProxy();
    target = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString('utf8')));
      req.on('end', () =>
        res
          .writeHead(201, { 'content-type': 'application/json', 'x-seen': req.headers['x-test'] ?? '' })
          .end(JSON.stringify({ method: req.method, url: req.url, body })),
      );
    });
    await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
    targetUrl = `http://127.0.0.1:${(target.address() as net.AddressInfo).port}`;
  });
  afterEach(async () => {
    for (const k of PROXY_VARS) {
      if (saved[k] === undefined) delete process.env[k];
      else process.env[k] = saved[k];
    }
    await proxy.close();
    target.closeAllConnections();
    await new Promise<void>((resolve) => target.close(() => resolve()));
  });

  it('goes through the CONNECT proxy, with method, headers and body, and reads the answer', async () => {
    process.env.HTTP_PROXY = proxy.url;
    const res = await proxiedFetch(`${targetUrl}/v4/spreadsheets?x=1`, {
      method: 'POST',
      headers: { 'x-test': 'oui', 'content-type': 'application/json' },
      body: JSON.stringify({ a: 'é' }),
    });
    expect(res.status).toBe(201);
    expect(res.headers.get('x-seen')).toBe('oui');
    expect(await res.json()).toEqual({ method: 'POST', url: '/v4/spreadsheets?x=1', body: '{"a":"é"}' });
    expect(proxy.connects).toEqual([targetUrl.replace('http://', '')]);
  });

  it('connects directly to an address listed in NO_PROXY', async () => {
    process.env.HTTP_PROXY = proxy.url;
    process.env.NO_PROXY = 'localhost,127.0.0.1';
    const res = await proxiedFetch(`${targetUrl}/direct`);
    expect(res.status).toBe(201);
    expect(proxy.connects).toEqual([]);
  });

  it('sends the Google token request of google-auth-library to the proxy, and says a refusal in French', async () => {
    await proxy.close();
    proxy = await startConnectProxy({ refuse: true });
    process.env.HTTPS_PROXY = proxy.url;
    const client = new OAuth2Client({ clientId: 'id', clientSecret: 's', transporterOptions: TRANSPORT });
    client.setCredentials({ refresh_token: 'r' });
    const error: unknown = await client.getAccessToken().then(
      () => undefined,
      (e: unknown) => e,
    );
    // google-auth-library retries a failed token request: every try went to the proxy.
    expect(new Set(proxy.connects)).toEqual(new Set(['oauth2.googleapis.com:443']));
    const said = frSystemError(error) ?? '';
    expect(said).toContain(`Le proxy configuré (HTTPS_PROXY=${proxy.url})`);
    expect(said).not.toMatch(/fetch failed|socket hang up|ECONN/);
  });

  it('says in French that the proxy cuts the connection', async () => {
    const dead = await startDeadProxy();
    process.env.HTTPS_PROXY = dead.url;
    try {
      const error: unknown = await proxiedFetch('https://sheets.googleapis.com/v4/spreadsheets/x').then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(TypeError);
      expect(frSystemError(error)).toMatch(
        new RegExp(`^La connexion .*Le proxy configuré \\(HTTPS_PROXY=${dead.url}\\) est-il joignable`),
      );
    } finally {
      await dead.close();
    }
  });
});
