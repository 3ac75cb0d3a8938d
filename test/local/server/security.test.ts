// Security of the local server: headers on every route, CSRF, bounded and typed bodies, escaping, link refusals,
// tokens kept only as hashes. The access matrices (who reaches what) are in access.test.ts.
import fs from 'node:fs';
import path from 'node:path';
import { hashToken } from '../../../src/local/access-links';
import { DATABASE_FILE, SECRET_FILE } from '../../../src/local/local-data';
import type { Role } from '../../../src/schema/tracking-file';
import { REPO_ROOT } from '../../../src/node/project-files';
import { FORM_BODY_LIMIT_BYTES, redactTokens } from '../../../src/local/server/build-server';
import { weeklyAnswers } from '../../support/project';
import {
  cookieHeader,
  csrfOf,
  formPayload,
  startTestServer,
  type TestServer,
} from '../../support/local/server';
import { routesOf } from '../../support/local/routes';

describe('Local server security', () => {
  let s: TestServer;
  let es: string;
  beforeEach(async () => {
    s = await startTestServer('2022-06-10T10:00:00+02:00');
    es = s.link('es', 'gh-cochin');
  });
  afterEach(() => s.close());

  const weekly = (): Array<[string, string]> => [
    ['submission_id', crypto.randomUUID()],
    ['week', '2022-W23'],
    ...Object.entries(weeklyAnswers()),
  ];
  const post = (url: string, headers: Record<string, string>, payload: string) =>
    s.app.inject({ method: 'POST', url, headers, payload });

  it('sets a strict Content-Security-Policy and the other security headers on every GET route: pages, downloads, files', async () => {
    expect((await s.submit(es, es, weekly())).statusCode).toBe(303);
    const params: Record<string, string> = {
      establishmentId: 'gh-cochin',
      useCaseId: 'uc1',
      week: '2022-W23',
      version: '1',
      '*': 'dsfr.min.css',
    };
    const tokenOf = (role: Role) => (role === 'es' ? es : s.link(role)).split('/')[2] ?? '';
    const urls = routesOf(s.app)
      .filter((r) => r.methods.includes('GET'))
      .map((r) =>
        r.path
          .replace(/^\/(es|ars|ans)\/:token/, (_m, role: Role) => `/${role}/${tokenOf(role)}`)
          .replace('/*', '/dsfr/*')
          .replace(/:(\w+)|\*/g, (m, name?: string) => params[name ?? m] ?? 'x'),
      );
    expect(urls.length).toBeGreaterThanOrEqual(15);
    for (const url of [...urls, '/nope', `${es}/nope`]) {
      const res = await s.get(url);
      const where = { url, status: res.statusCode };
      expect(where.status === 404 || where.status < 400).toBe(true);
      const csp = String(res.headers['content-security-policy']);
      for (const d of [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "frame-ancestors 'none'",
        "form-action 'self'",
        "object-src 'none'",
        "base-uri 'none'",
      ])
        expect({ ...where, directive: d, set: csp.includes(d) }).toEqual({
          ...where,
          directive: d,
          set: true,
        });
      expect(csp).not.toContain('unsafe');
      expect({ ...where, nosniff: res.headers['x-content-type-options'] }).toEqual({
        ...where,
        nosniff: 'nosniff',
      });
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(res.headers['cross-origin-opener-policy']).toBe('same-origin');
      const type = String(res.headers['content-type']);
      // Pages and downloads sit behind a personal link: never cached; downloads are attachments, never rendered.
      if (type.startsWith('text/html') || /^\/(es|ars|ans)\//.test(url))
        expect({ ...where, cache: res.headers['cache-control'] }).toEqual({ ...where, cache: 'no-store' });
      if (/^\/(es|ars|ans)\//.test(url) && res.statusCode === 200 && !type.startsWith('text/html'))
        expect(res.headers['content-disposition']).toMatch(/^attachment; filename="/);
    }
  });

  it('serves the design system from this machine: no page loads anything from elsewhere', async () => {
    const page = await s.get(es);
    expect(page.body).not.toMatch(/(src|href)="https?:/);
    expect((await s.get('/dsfr/dsfr.min.css')).statusCode).toBe(200);
    expect((await s.get('/dsfr/dsfr.module.min.js')).statusCode).toBe(200);
  });

  it('refuses a form without its CSRF token and stores nothing', async () => {
    const page = await s.get(es);
    const res = await post(
      es,
      { 'content-type': 'application/x-www-form-urlencoded', cookie: cookieHeader(page) },
      formPayload(weekly()),
    );
    expect(res.statusCode).toBe(403);
    expect(res.body).toContain("Ce formulaire a expiré ou n'a pas été envoyé depuis une page de ce site");
    expect(s.data.store.listReportVersions()).toHaveLength(0);
  });

  it('refuses a CSRF token without its cookie (a form posted from another site)', async () => {
    const page = await s.get(es);
    const res = await post(
      es,
      { 'content-type': 'application/x-www-form-urlencoded' },
      formPayload([['_csrf', csrfOf(page.body)], ...weekly()]),
    );
    expect(res.statusCode).toBe(403);
    expect(s.data.store.listReportVersions()).toHaveLength(0);
  });

  it('refuses the CSRF token of another link, even with the same browser cookie', async () => {
    const other = s.link('es', 'gh-bichat');
    const page = await s.get(other);
    const res = await post(
      es,
      { 'content-type': 'application/x-www-form-urlencoded', cookie: cookieHeader(page) },
      formPayload([['_csrf', csrfOf(page.body)], ...weekly()]),
    );
    expect(res.statusCode).toBe(403);
    expect(s.data.store.listReportVersions()).toHaveLength(0);
  });

  it('keeps the CSRF secret in a signed, HttpOnly, SameSite=Strict cookie', async () => {
    const page = await s.get(es);
    const cookie = page.cookies.find((c) => c.name === '_csrf');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    expect(cookie?.value).toMatch(/\./);
  });

  it('refuses an oversized body with a French page and stores nothing', async () => {
    const page = await s.get(es);
    const res = await post(
      es,
      { 'content-type': 'application/x-www-form-urlencoded', cookie: cookieHeader(page) },
      formPayload([
        ['_csrf', csrfOf(page.body)],
        ...weekly(),
        ['vigilance_points', 'x'.repeat(FORM_BODY_LIMIT_BYTES)],
      ]),
    );
    expect(res.statusCode).toBe(413);
    expect(res.body).toContain("L'envoi dépasse la taille autorisée (256 Kio)");
    expect(s.data.store.listReportVersions()).toHaveLength(0);
  });

  it('refuses JSON and plain text bodies, saying what it expects', async () => {
    const page = await s.get(es);
    for (const type of ['application/json', 'text/plain']) {
      const res = await post(
        es,
        { 'content-type': type, cookie: cookieHeader(page) },
        JSON.stringify({ _csrf: csrfOf(page.body), week: '2022-W23' }),
      );
      expect(res.statusCode).toBe(415);
      expect(res.body).toContain('cette adresse attend un envoi « application/x-www-form-urlencoded »');
    }
    expect(s.data.store.listReportVersions()).toHaveLength(0);
  });

  it('refuses a long text in a counter’s place with the core’s message', async () => {
    const res = await s.submit(es, es, [
      ...weekly().filter(([k]) => k !== 'visits'),
      ['visits', '9'.repeat(5000)],
    ]);
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('« Cumul Nb de venues » : 999999999999… dépasse le maximum autorisé');
  });

  it('shows user text as text, never as markup', async () => {
    const attack = '<script>alert(1)</script><img src=x onerror=alert(2)>"\'';
    await s.submit(es, es, [
      ...weekly().filter(([k]) => k !== 'vigilance_points'),
      ['vigilance_points', attack],
    ]);
    expect(s.data.store.reportVersion('gh-cochin/uc1', '2022-W23')?.values.vigilance_points).toBe(attack);
    const ars = s.link('ars');
    await s.submit(ars, `${ars}/cellule`, [
      ['row_key', 'gh-cochin/uc1'],
      ['column_id', 'actions'],
      ['value', attack],
    ]);
    for (const url of [ars, `${ars}/lignes/gh-cochin/uc1`, `${es}/declarations/uc1/2022-W23/1`]) {
      const res = await s.get(url);
      expect(res.body).not.toContain('<script>alert');
      expect(res.body).not.toContain('<img src=x');
      expect(res.body).toContain('&lt;script>alert(1)&lt;/script>&lt;img src=x onerror=alert(2)>');
    }
  });

  it('says a link is unknown, in French, without telling whether it exists for another role', async () => {
    const arsToken = s.link('ars').split('/')[2] ?? '';
    for (const url of ['/es/inconnu', `/es/${'A'.repeat(43)}`, `/es/${arsToken}`]) {
      const res = await s.get(url);
      expect(res.statusCode).toBe(404);
      expect(res.body).toContain("Ce lien d'accès n'est pas reconnu.");
    }
  });

  it('says a replaced link was replaced, and the new one works', async () => {
    s.data.links.rotate((l) => l.establishmentId === 'gh-cochin', new Date('2022-06-09T08:00:00Z'));
    const old = await s.get(es);
    expect(old.statusCode).toBe(410);
    expect(old.body).toContain("Ce lien d'accès a été remplacé le 09/06/2022 10:00");
    expect((await s.get(s.link('es', 'gh-cochin'))).statusCode).toBe(200);
  });

  it('never writes a token, active or replaced, nor the secret key into the database files', async () => {
    s.data.links.rotate(
      (l) => l.role !== 'es' || l.establishmentId === 'gh-cochin',
      new Date('2022-06-10T07:00:00Z'),
    );
    expect((await s.submit(s.link('es', 'gh-cochin'), s.link('es', 'gh-cochin'), weekly())).statusCode).toBe(
      303,
    );
    const ids = s.data.db.prepare('SELECT id FROM access_links').pluck().all() as string[];
    const tokens = ids.map((id) => s.data.links.token({ id }));
    expect(tokens.length).toBeGreaterThanOrEqual(16 + 2 + 3);
    // The database and its WAL, as bytes: what a copy of the data folder without secret.key would give away.
    const files = fs
      .readdirSync(s.dir)
      .filter((f) => f.startsWith(DATABASE_FILE))
      .map((f) => fs.readFileSync(path.join(s.dir, f)).toString('latin1'));
    expect(files.length).toBeGreaterThanOrEqual(2);
    const everything = files.join('');
    expect(everything).not.toContain(fs.readFileSync(path.join(s.dir, SECRET_FILE), 'utf8').trim());
    expect(tokens.filter((t) => everything.includes(t))).toEqual([]);
    // The scan does read what is stored: every hash is found.
    expect(tokens.filter((t) => everything.includes(hashToken(t)))).toHaveLength(tokens.length);
  });

  it('lists no establishment and no link on the home page', async () => {
    const res = await s.get('/');
    expect(res.body).not.toMatch(/\/(es|ars|ans)\//);
    expect(res.body).not.toContain('GH COCHIN');
  });

  it('has no page that bypasses the renderer’s escaping', () => {
    const dir = path.join(REPO_ROOT, 'src', 'local');
    const sources = fs
      .readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((d) => d.isFile() && /\.tsx?$/.test(d.name))
      .map((d) => fs.readFileSync(path.join(d.parentPath, d.name), 'utf8'));
    expect(sources.length).toBeGreaterThan(20);
    expect(sources.filter((src) => /dangerouslySetInnerHTML\s*[=:]/.test(src))).toEqual([]);
  });

  it('redacts tokens from logged addresses', () => {
    expect(redactTokens('/es/abcDEF_-123/historique?x=1')).toBe('/es/…/historique?x=1');
    expect(redactTokens('/dsfr/dsfr.min.css')).toBe('/dsfr/dsfr.min.css');
  });
});
