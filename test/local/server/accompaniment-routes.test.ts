// The accompaniment pages over HTTP (inject): « Mes établissements » per binôme, a point recorded with two actions,
// the ES closing its own action and refused another's, CSRF required, the .ics of a binôme, the committee pack
// issued from the page once on unchanged data, and an ES link that never reaches the ARS routes.
import { recordPoint } from '../../../src/app/accompaniment';
import { AccompanimentSqliteStore } from '../../../src/local/db/accompaniment-sqlite-store';
import { openAccompaniment } from '../../../src/local/accompaniment-data';
import { DEFAULT_CONFIG } from '../../../src/node/project-files';
import { startTestServer, type TestServer } from '../../support/local/server';

jest.setTimeout(120_000);

const POINT: Array<[string, string]> = [
  ['date', '2022-06-14'],
  ['participants', 'ARS, SESAN'],
  ['summary', 'Revue de la quinzaine.'],
  ['decisions', ''],
  ['nextDate', ''],
  ['action.0.text', 'Former deux secrétaires'],
  ['action.0.owner', 'es'],
  ['action.0.dueDate', '2022-06-21'],
  ['action.1.text', 'Relancer l’éditeur'],
  ['action.1.owner', 'sesan'],
  ['action.1.dueDate', '2022-06-10'],
];

describe('accompaniment routes', () => {
  let s: TestServer;
  beforeEach(async () => {
    s = await startTestServer('2022-06-14T10:00:00+02:00');
    // As `serve` does at start: the binômes of sheets-template/binomes.json.
    openAccompaniment(s.data, s.deps.project, DEFAULT_CONFIG);
  });
  afterEach(async () => s.close());

  const acc = () => `${s.link('ars')}/accompagnement`;
  const store = () => new AccompanimentSqliteStore(s.data.db);

  it('shows each binôme its own establishments, with the agenda of the week', async () => {
    const page = await s.get(`${acc()}?binome=binome-2`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Mes établissements — Marc Lefebvre (ARS) / Camille Robin (SESAN)');
    expect(page.body.match(/data-establishment="/g)).toHaveLength(4);
    expect(page.body).toContain('Cette semaine (du 13/06/2022 au 19/06/2022)');
    expect(page.body).toContain('Prochain comité de suivi : 23/06/2022');
    expect(page.body).toContain('Prochain jalon RETEX : V1 au 30/06/2022');
    // No point yet: every establishment's first point (launch + 14 days) is overdue.
    expect(page.body).toMatch(/Points en retard : [^<]*CLINIQUE DES LILAS \(prévu le 26\/05\/2022\)/);
  });

  it('shows on the ARS home what is due this week', async () => {
    const home = await s.get(s.link('ars'));
    expect(home.body).toContain('Points de suivi en retard : 16 (');
    expect(home.body).toContain('Prochain comité de suivi : 23/06/2022.');
    expect(home.body).toContain('Prochain jalon RETEX : V1 au 30/06/2022.');
  });

  it('records a point, refuses a due date before it in French, and lets only the ES close its own action', async () => {
    const es = `${acc()}/es/gh-cochin`;
    const refused = await s.submit(es, `${es}/points`, POINT);
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain(
      'Action 2 : l’échéance (10/06/2022) est avant la date du point (14/06/2022).',
    );
    expect(store().listPoints()).toEqual([]);
    const fixed = POINT.map(([k, v]): [string, string] => [k, k === 'action.1.dueDate' ? '2022-06-24' : v]);
    const saved = await s.submit(es, `${es}/points`, fixed);
    expect(saved.statusCode).toBe(303);
    const actions = store().listActions();
    expect(actions.map((a) => a.owner)).toEqual(['es', 'sesan']);

    const esPage = `${s.link('es', 'gh-cochin')}/accompagnement`;
    const view = await s.get(esPage);
    expect(view.body).toContain('Former deux secrétaires');
    expect(view.body).toContain('28/06/2022');
    const [own, sesan] = actions;
    // The SESAN action: refused, even posted by hand.
    const notOwn = await s.submit(
      esPage,
      `${s.link('es', 'gh-cochin')}/accompagnement/actions/${sesan?.id}`,
      [['version', '1']],
    );
    expect(notOwn.statusCode).toBe(422);
    expect(notOwn.body).toContain('Cette action n’est pas portée par votre établissement.');
    // Another establishment (here with an action of its own, so its page has a form) cannot close it.
    recordPoint(
      { project: s.deps.project, store: s.data.store, clock: s.clock, accompaniment: store() },
      {
        establishmentId: 'gh-bichat',
        author: 'ars',
        raw: {
          date: '2022-06-14',
          summary: 'Point.',
          actions: [{ text: 'Afficher les flyers', owner: 'es', dueDate: '2022-06-30' }],
        },
      },
    );
    const other = `${s.link('es', 'gh-bichat')}/accompagnement`;
    const foreign = await s.submit(
      other,
      `${s.link('es', 'gh-bichat')}/accompagnement/actions/${own?.id}`,
      [],
    );
    expect(foreign.statusCode).toBe(422);
    expect(foreign.body).toContain('Action inconnue.');
    const done = await s.submit(esPage, `${s.link('es', 'gh-cochin')}/accompagnement/actions/${own?.id}`, [
      ['version', '1'],
      ['comment', 'Faite.'],
    ]);
    expect(done.statusCode).toBe(303);
    expect(
      store()
        .listActions()
        .find((a) => a.id === own?.id)?.status,
    ).toBe('done');
  });

  it('refuses a post without its CSRF token', async () => {
    const res = await s.app.inject({
      method: 'POST',
      url: `${acc()}/es/gh-cochin/points`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams(POINT).toString(),
    });
    expect(res.statusCode).toBe(403);
    expect(store().listPoints()).toEqual([]);
  });

  it('never lets an ES link reach the ARS accompaniment', async () => {
    const res = await s.get(`${s.link('es', 'gh-cochin').replace('/es/', '/ars/')}/accompagnement`);
    expect(res.statusCode).toBe(404);
  });

  it('refuses a malformed committee month, issuing nothing', async () => {
    const bad = await s.submit(acc(), `${acc()}/comite`, [
      ['month', '2022-13'],
      ['text', ''],
      ['action', 'issue'],
    ]);
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Mois du comité attendu au format AAAA-MM.');
    expect(store().listCommitteeIssues()).toEqual([]);
  });

  it('gives a binôme its meetings as an .ics calendar', async () => {
    const res = await s.get(`${acc()}/calendrier/binome-4.ics`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/calendar/);
    expect(res.body).toContain('SUMMARY:Prochain point de suivi — GH COCHIN');
    expect(res.body).toContain('SUMMARY:Comité de suivi des pilotes Mon espace santé');
    expect(res.body).not.toContain('GH BICHAT');
  });

  it('issues the committee pack from the page, once on unchanged data, and serves its .docx', async () => {
    const first = await s.submit(acc(), `${acc()}/comite`, [
      ['month', '2022-06'],
      ['text', 'Arbitrer l’extension du pilote.'],
      ['action', 'issue'],
    ]);
    expect(first.headers.location).toMatch(/ok=emis/);
    const again = await s.submit(acc(), `${acc()}/comite`, [
      ['month', '2022-06'],
      ['text', 'Arbitrer l’extension du pilote.'],
      ['action', 'issue'],
    ]);
    expect(again.headers.location).toMatch(/ok=inchange/);
    expect(
      store()
        .listCommitteeIssues()
        .map((i) => i.label),
    ).toEqual(['2022-06']);
    const docx = await s.get(`${acc()}/comite/2022-06/docx`);
    expect(docx.statusCode).toBe(200);
    expect(docx.headers['content-disposition']).toMatch(/Comite-de-suivi-2022-06-2022-06-14\.docx/);
  });
});
