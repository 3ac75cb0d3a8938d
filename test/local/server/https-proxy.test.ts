// Behind the agency's HTTPS proxy: the CSRF cookie is Secure whenever the published address is https://, and
// X-Forwarded-Proto / X-Forwarded-For are believed only from the proxy named in SUIVI_MES_TRUST_PROXY.
import { serverAddress } from '../../../src/local/server-address';
import { startTestServer, type TestServer } from '../../support/local/server';

describe('serverAddress: SUIVI_MES_TRUST_PROXY', () => {
  it.each<[string | undefined, ReturnType<typeof serverAddress>['trustProxy']]>([
    [undefined, false],
    ['', false],
    ['false', false],
    ['true', true],
    ['1', 1],
    ['127.0.0.1', ['127.0.0.1']],
    ['loopback, 10.0.0.0/8', ['loopback', '10.0.0.0/8']],
    ['::1', ['::1']],
  ])('%s → %j', (raw, expected) => {
    expect(serverAddress({ SUIVI_MES_TRUST_PROXY: raw }).trustProxy).toEqual(expected);
  });

  it('refuses a value it cannot read, in French, naming it', () => {
    expect(() => serverAddress({ SUIVI_MES_TRUST_PROXY: 'proxy.agence.fr' })).toThrow(
      "Variables d'environnement invalides : SUIVI_MES_TRUST_PROXY : « proxy.agence.fr » : adresse IP, réseau (CIDR), loopback, nombre de proxys, true ou false attendu",
    );
  });
});

describe('the CSRF cookie and the forwarded headers', () => {
  let s: TestServer | undefined;
  afterEach(async () => {
    await s?.close();
    s = undefined;
  });

  const csrfCookie = async (server: TestServer, headers: Record<string, string> = {}) => {
    const res = await server.app.inject({ method: 'GET', url: server.link('es', 'gh-cochin'), headers });
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === '_csrf');
    if (!cookie) throw new Error('no CSRF cookie');
    return { secure: cookie.secure === true, sameSite: cookie.sameSite, httpOnly: cookie.httpOnly };
  };

  it('is Secure when the published address is https://, whatever the request says', async () => {
    s = await startTestServer(undefined, { baseUrl: 'https://suivi.ars-idf.fr' });
    expect(await csrfCookie(s)).toEqual({ secure: true, sameSite: 'Strict', httpOnly: true });
    expect(await csrfCookie(s, { 'x-forwarded-proto': 'http' })).toMatchObject({ secure: true });
  });

  it('is Secure when the trusted proxy says the request came over HTTPS', async () => {
    s = await startTestServer(undefined, { trustProxy: ['127.0.0.1'] });
    expect(await csrfCookie(s, { 'x-forwarded-proto': 'https' })).toMatchObject({ secure: true });
    expect(await csrfCookie(s)).toMatchObject({ secure: false });
  });

  it('ignores X-Forwarded-Proto from a client that is not the trusted proxy', async () => {
    s = await startTestServer(undefined, { trustProxy: ['10.1.2.3'] });
    expect(await csrfCookie(s, { 'x-forwarded-proto': 'https' })).toMatchObject({ secure: false });
  });

  it('believes the forwarded client address and protocol only from the trusted proxy', async () => {
    for (const [trustProxy, expected] of [
      [false, { ip: '127.0.0.1', protocol: 'http' }],
      [['127.0.0.1'], { ip: '203.0.113.7', protocol: 'https' }],
      [1, { ip: '203.0.113.7', protocol: 'https' }],
    ] as const) {
      const server = await startTestServer(undefined, {
        trustProxy: trustProxy as false | string[] | number,
      });
      server.app.get('/ip', async (req) => ({ ip: req.ip, protocol: req.protocol }));
      const res = await server.app.inject({
        method: 'GET',
        url: '/ip',
        headers: { 'x-forwarded-for': '203.0.113.7', 'x-forwarded-proto': 'https' },
      });
      expect({ trustProxy, seen: res.json() }).toEqual({ trustProxy, seen: expected });
      await server.close();
    }
  });
});
