// The ANS's national RETEX page: the button issues V1 over every region of the national demonstration, the
// frozen version is listed with its documents (downloadable), a second click keeps the version in force, the
// page and the command `national retex` share the same versions, and no other link reaches the page.
import type { FastifyInstance } from 'fastify';
import type { LocalData } from '../../../src/local/local-data';
import { RetexSqliteStore } from '../../../src/local/db/retex-sqlite-store';
import { cookieHeader, csrfOf, formPayload, startNationalDemoServer } from '../../support/local/server';

jest.setTimeout(120_000);

describe('ANS page: national RETEX', () => {
  let data: LocalData;
  let app: FastifyInstance;
  let ans: string;
  let close: () => Promise<void>;
  beforeAll(async () => ({ data, app, ans, close } = await startNationalDemoServer('suivi-mes-ans-retex-')));
  afterAll(() => close());

  const generate = async (milestone: string) => {
    const page = await app.inject({ method: 'GET', url: `${ans}/retex` });
    return app.inject({
      method: 'POST',
      url: `${ans}/retex/generer`,
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookieHeader(page) },
      payload: formPayload([
        ['_csrf', csrfOf(page.body)],
        ['milestone', milestone],
      ]),
    });
  };
  const national = () => new RetexSqliteStore(data.db, 'national');

  it('is in the ANS menu and lists no version before the first issue', async () => {
    const summary = await app.inject({ method: 'GET', url: ans });
    expect(summary.body).toContain(`href="${ans}/retex"`);
    const page = await app.inject({ method: 'GET', url: `${ans}/retex` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('RETEX national');
    expect(page.body).toContain(`action="${ans}/retex/generer"`);
    expect(national().issueLabels()).toEqual([]);
  });

  it('the button issues V1 over every region; the frozen version is listed and its documents download', async () => {
    const res = await generate('V1');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('fr-alert--success');
    const issues = national().listIssues('V1');
    expect(issues.map((i) => i.label)).toEqual(['V1']);
    // Each establishment named with its region: the regions' lessons say where they come from.
    const cross = JSON.stringify(issues[0]?.documents.find((d) => d.model.kind === 'cross-cutting')?.model);
    expect(cross).toContain('(Région fictive Nord (démonstration))');
    expect(cross).toContain('(Île-de-France)');
    // The instance's own RETEX is untouched.
    expect(new RetexSqliteStore(data.db).issueLabels()).toEqual([]);
    const page = await app.inject({ method: 'GET', url: `${ans}/retex` });
    const links = [...page.body.matchAll(new RegExp(`href="(${ans}/retex/fichiers/[^"]+\\.docx)"`, 'g'))].map(
      (m) => m[1] ?? '',
    );
    expect(links.length).toBeGreaterThan(1);
    const file = await app.inject({ method: 'GET', url: links[0] ?? '' });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toContain('wordprocessingml');
    expect(file.rawPayload.subarray(0, 2).toString()).toBe('PK');
    expect(data.store.listJournal().at(-1)?.summary).toBe('RETEX national V1 émis.');
  });

  it('a second click with nothing new keeps the version in force', async () => {
    const res = await generate('V1');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('fr-alert--info');
    expect(national().listIssues('V1')).toHaveLength(1);
  });

  it('refuses a request without a milestone, and a file outside the national versions', async () => {
    const res = await generate('V9');
    expect(res.statusCode).toBe(422);
    const file = await app.inject({ method: 'GET', url: `${ans}/retex/fichiers/..%2Fsuivi.sqlite` });
    expect(file.statusCode).toBe(404);
  });

  it('is not reachable from an ARS or ES link', async () => {
    for (const role of ['ars', 'es'] as const) {
      const link = data.links.active().find((l) => l.role === role);
      if (!link) throw new Error(`no ${role} link`);
      const token = data.links.path(link).split('/')[2] ?? '';
      const res = await app.inject({ method: 'GET', url: `/ans/${token}/retex` });
      expect(res.statusCode).toBeGreaterThanOrEqual(400);
      expect(res.body).not.toContain('RETEX national');
    }
  });
});
