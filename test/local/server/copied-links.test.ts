import { startTestServer, type TestServer } from '../../support/local/server';
import { decodeEntities } from '../../support/local/html';

// Links as people copy them from a reminder (« …/es/<jeton>. »), and guessing slowed per client address.
let server: TestServer;
let es: string;

beforeEach(async () => {
  server = await startTestServer();
  es = server.link('es', 'gh-cochin');
});
afterEach(() => server.close());

const textOf = (html: string) => decodeEntities(html.replace(/<[^>]*>/g, ' ')).replace(/\s+/g, ' ');
const fromAddress = (url: string, remoteAddress: string) =>
  server.app.inject({ method: 'GET', url, remoteAddress });
/** A token of the right shape that no link has. */
const unknownToken = (i: number) => `${'Z'.repeat(40)}${String(i).padStart(3, '0')}`;

describe('a link copied with what followed it in the mail', () => {
  it.each([
    ['a full stop', '.'],
    ['a comma', ','],
    ['a semicolon', ';'],
    ['a closing parenthesis', ')'],
    ['a parenthesis and a full stop', ').'],
    ['a closing angle bracket', '%3E'],
    ['a raw closing angle bracket', '>'],
    ['a double quote', '%22'],
    ['a closing guillemet', '%C2%BB'],
    ['a typographic apostrophe', '%E2%80%99'],
    ['an encoded space', '%20'],
    ['a space encoded twice', '%2520'],
    ['a no-break space', '%C2%A0'],
    ['an HTML entity from an HTML mail', '&gt;'],
    ['several of them', '.%20)%3E'],
  ])('redirects a link followed by %s to the clean link', async (_name, junk) => {
    const res = await server.get(`${es}${junk}`);
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe(es);
    expect((await server.get(String(res.headers.location))).statusCode).toBe(200);
  });

  it('keeps the rest of the address and the query when redirecting', async () => {
    const res = await server.get(`${es}./profil?x=1`);
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe(`${es}/profil?x=1`);
  });

  it('redirects ARS and ANS links the same way', async () => {
    for (const role of ['ars', 'ans'] as const) {
      const link = server.link(role);
      const res = await server.get(`${link}.`);
      expect([res.statusCode, res.headers.location]).toEqual([302, link]);
    }
  });

  it('does not clean a token followed by letters or digits, nor a link of another role', async () => {
    expect((await server.get(`${es}x`)).statusCode).toBe(404);
    expect((await server.get(`${es}.x`)).statusCode).toBe(404);
    expect((await server.get(`${es.replace('/es/', '/ars/')}.`)).statusCode).toBe(404);
  });

  it('does not redirect a form posted to a copied address', async () => {
    const res = await server.app.inject({
      method: 'POST',
      url: `${es}.`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'a=1',
    });
    expect(res.statusCode).toBe(404);
  });

  it('says a replaced link was replaced even when copied with a full stop', async () => {
    server.data.links.rotate((l) => l.establishmentId === 'gh-cochin', server.clock.now());
    const res = await server.get(`${es}.`);
    expect(res.statusCode).toBe(302);
    expect((await server.get(es)).statusCode).toBe(410);
  });
});

describe('guessing links from one address', () => {
  it('answers 429 in French after 20 unknown tokens in 10 minutes, to that address only', async () => {
    for (let i = 0; i < 20; i++)
      expect((await fromAddress(`/es/${unknownToken(i)}`, '203.0.113.7')).statusCode).toBe(404);
    const refused = await fromAddress(`/es/${unknownToken(20)}`, '203.0.113.7');
    expect(refused.statusCode).toBe(429);
    expect(textOf(refused.body)).toContain(
      "Trop de liens d'accès inconnus ont été essayés depuis votre adresse",
    );
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(600);
    // Another address is not concerned.
    expect((await fromAddress(`/es/${unknownToken(21)}`, '198.51.100.9')).statusCode).toBe(404);
    expect((await fromAddress(es, '198.51.100.9')).statusCode).toBe(200);
  });

  it('refuses every link to an address over its budget, valid ones included, so a hit cannot be told apart', async () => {
    for (let i = 0; i < 20; i++) await fromAddress(`/ars/${unknownToken(i)}`, '203.0.113.7');
    const valid = await fromAddress(es, '203.0.113.7');
    const unknown = await fromAddress(`/es/${unknownToken(99)}`, '203.0.113.7');
    expect([valid.statusCode, unknown.statusCode]).toEqual([429, 429]);
    expect(textOf(valid.body)).toBe(textOf(unknown.body));
  });

  it('opens links again once the 10-minute window has passed', async () => {
    for (let i = 0; i < 20; i++) await fromAddress(`/es/${unknownToken(i)}`, '203.0.113.7');
    expect((await fromAddress(es, '203.0.113.7')).statusCode).toBe(429);
    server.clock.set(new Date(server.clock.now().getTime() + 10 * 60 * 1000).toISOString());
    expect((await fromAddress(es, '203.0.113.7')).statusCode).toBe(200);
  });

  it('never spends the budget on valid, replaced or copied links', async () => {
    for (let i = 0; i < 30; i++) {
      expect((await fromAddress(es, '203.0.113.7')).statusCode).toBe(200);
      expect((await fromAddress(`${es}.`, '203.0.113.7')).statusCode).toBe(302);
    }
    for (let i = 0; i < 19; i++) await fromAddress(`/es/${unknownToken(i)}`, '203.0.113.7');
    expect((await fromAddress(es, '203.0.113.7')).statusCode).toBe(200);
  });
});
