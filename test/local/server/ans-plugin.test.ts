// ANS pages over HTTP: national totals, accessible charts, its own « Remarques » column and nothing else.
import { weeklyAnswers } from '../../support/project';
import { startTestServer, type TestServer } from '../../support/local/server';
import { DEFAULT_ROLE_LABELS } from '../../../src/local/access-links';

describe('ANS pages (/ans/<token>)', () => {
  let s: TestServer;
  let ans: string;
  beforeEach(async () => {
    s = await startTestServer('2022-06-10T10:00:00+02:00');
    ans = s.link('ans');
  });
  afterEach(() => s.close());

  const declare = async (establishmentId: string, counters: Record<string, number>) => {
    const es = s.link('es', establishmentId);
    const res = await s.submit(es, es, [
      ['submission_id', crypto.randomUUID()],
      ['week', '2022-W23'],
      ...Object.entries(weeklyAnswers(counters)),
    ]);
    expect(res.statusCode).toBe(303);
  };

  it('sums the latest counters of every row in the national totals', async () => {
    await declare('gh-cochin', { patients_included: 40, visits: 50 });
    await declare('gh-bichat', { patients_included: 2, visits: 3 });
    const res = await s.get(ans);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<span class="kpi-value" data-counter="patients_included">42</span>');
    expect(res.body).toContain('<span class="kpi-value" data-counter="visits">53</span>');
  });

  it('draws one accessible SVG chart per counter, with the same figures in a table', async () => {
    await declare('gh-cochin', { dmp_fed: 6 });
    const res = await s.get(ans);
    const charts = res.body.match(
      /<svg class="chart"[^>]*role="img"[^>]*aria-labelledby="chart-[a-z_]+-title chart-[a-z_]+-desc"/g,
    );
    expect(charts).toHaveLength(6);
    expect(res.body).toContain(
      '<desc id="chart-dmp_fed-desc">Cumul Nb de DMP alimentés : de 0 (2022-W19) à 6 (2022-W23), sur 5 semaine(s).</desc>',
    );
    expect(res.body).toContain('<caption>Données des graphiques : totaux cumulés par semaine</caption>');
    expect(res.body).not.toContain('Modifier');
  });

  it('writes its own « Remarques » column and keeps the change with its author', async () => {
    const res = await s.submit(`${ans}/remarques`, `${ans}/remarques`, [
      ['row_key', 'gh-cochin/uc1'],
      ['column_id', 'remarks'],
      ['back', 'remarks'],
      ['value', 'Vu en comité'],
    ]);
    expect(res.statusCode).toBe(303);
    expect(s.data.store.annotations('gh-cochin/uc1')).toEqual({ remarks: 'Vu en comité' });
    expect(s.data.store.listCellChanges()).toEqual([
      expect.objectContaining({
        columnId: 'remarks',
        // The default configuration names no ANS address: the link, and so the author, is the role's label.
        author: DEFAULT_ROLE_LABELS.ans,
        role: 'ans',
      }),
    ]);
    const page = await s.get(String(res.headers.location));
    expect(page.body).toContain('Modification enregistrée : « Remarques » — GH COCHIN.');
  });

  it('cannot write an ARS column, even with a forged form', async () => {
    const res = await s.submit(`${ans}/remarques`, `${ans}/remarques`, [
      ['row_key', 'gh-cochin/uc1'],
      ['column_id', 'actions'],
      ['back', 'remarks'],
      ['value', 'Action forgée'],
    ]);
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('« Actions en cours ou à mener » : cette colonne est réservée');
    expect(s.data.store.annotations('gh-cochin/uc1')).toEqual({});
  });

  it('does not open ARS or ES pages with an ANS token', async () => {
    const token = ans.split('/')[2];
    expect((await s.get(`/ars/${token}`)).statusCode).toBe(404);
    expect((await s.get(`/es/${token}`)).statusCode).toBe(404);
  });
});
