// ES pages over HTTP: the weekly form and its rules, confirmation, history, the profile, one establishment only.
import { dateInWeek } from '../../../src/domain/iso-week';
import { weeklyAnswers } from '../../support/project';
import { csrfOf, startTestServer, type TestServer } from '../../support/local/server';

const fieldsOf = (answers: Record<string, string>): Array<[string, string]> => Object.entries(answers);
const uuid = () => crypto.randomUUID();

describe('ES pages (/es/<token>)', () => {
  let s: TestServer;
  let es: string;
  beforeEach(async () => {
    s = await startTestServer('2022-06-10T10:00:00+02:00');
    es = s.link('es', 'gh-cochin');
  });
  afterEach(() => s.close());

  const submit = (answers: Record<string, string>, week = '2022-W23', extra: Array<[string, string]> = []) =>
    s.submit(es, es, [['submission_id', uuid()], ['week', week], ...fieldsOf(answers), ...extra]);

  it('shows the weekly form of its own establishment, identity prefilled, the open week chosen', async () => {
    const res = await s.get(es);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).toContain('GH COCHIN');
    expect(res.body).toContain('Cumul Nb de DMP alimentés');
    expect(res.body).toMatch(/<option value="2022-W23" selected[^>]*>semaine 23/);
    expect(res.body).toContain('name="submission_id"');
    expect(res.body).not.toContain('CLINIQUE DU PARC');
  });

  it('offers late weeks of the pilot but no future week', async () => {
    const res = await s.get(es);
    expect(res.body).toContain('value="2022-W19"');
    expect(res.body).not.toContain('value="2022-W24"');
  });

  it('records a valid submission, redirects to a confirmation listing every value under its label', async () => {
    const res = await submit(weeklyAnswers({ dmp_fed: 7 }));
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`${es}/declarations/uc1/2022-W23/1?statut=enregistree`);
    const page = await s.get(String(res.headers.location));
    expect(page.body).toContain('Déclaration enregistrée');
    expect(page.body).toMatch(/Cumul Nb de DMP alimentés<\/th><td class="multiline">7</);
    expect(s.data.store.reportVersion('gh-cochin/uc1', '2022-W23')).toMatchObject({
      version: 1,
      source: 'form',
      author: 'Formulaire GH COCHIN',
    });
  });

  it('shows the soft warnings of an accepted report on its confirmation', async () => {
    const res = await submit(weeklyAnswers({ messages_sent: 1, messages_received: 5 }));
    const page = await s.get(String(res.headers.location));
    expect(page.body).toContain('Plus de messages reçus depuis MES que de messages émis');
  });

  it('refuses a decreasing counter: message under the field, everything typed kept, nothing stored', async () => {
    s.clock.set('2022-06-03T10:00:00+02:00');
    await submit(weeklyAnswers({ dmp_fed: 15 }, { report_date: dateInWeek('2022-W22', 5) }), '2022-W22');
    s.clock.set('2022-06-10T10:00:00+02:00');
    const before = s.data.store.listReportVersions().length;
    const res = await submit(weeklyAnswers({ dmp_fed: 12 }, { vigilance_points: 'Texte <b>gardé</b>' }));
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('<title>Erreur : ');
    expect(res.body).toMatch(
      /id="f-dmp_fed"[^>]*value="12"[\s\S]*?id="f-dmp_fed-error-0">« Cumul Nb de DMP alimentés » : 12 est inférieur à la valeur de la semaine précédente \(15, déclarée pour 2022-W22\)/,
    );
    expect(res.body).toMatch(/aria-invalid="true"[^>]*name="dmp_fed"|name="dmp_fed"[^>]*aria-invalid="true"/);
    expect(res.body).toContain('Texte &lt;b>gardé&lt;/b>');
    expect(s.data.store.listReportVersions()).toHaveLength(before);
  });

  it('answers a repeated delivery of the same form with the first confirmation, stored once', async () => {
    const page = await s.get(es);
    const cookie = page.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    const id = uuid();
    const payload = new URLSearchParams([
      ['_csrf', csrfOf(page.body)],
      ['submission_id', id],
      ['week', '2022-W23'],
      ...fieldsOf(weeklyAnswers()),
    ]).toString();
    const post = () =>
      s.app.inject({
        method: 'POST',
        url: es,
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
        payload,
      });
    const first = await post();
    const second = await post();
    expect(first.statusCode).toBe(303);
    expect(second.headers.location).toBe(`${es}/declarations/uc1/2022-W23/1?statut=deja`);
    expect(s.data.store.listReportVersions()).toHaveLength(1);
  });

  it('prefills a week already declared and records the resubmission as version 2', async () => {
    await submit(weeklyAnswers({ visits: 30 }));
    const page = await s.get(`${es}?week=2022-W23`);
    expect(page.body).toContain('Semaine déjà déclarée');
    expect(page.body).toMatch(/id="f-visits"[^>]*value="30"/);
    const res = await submit(weeklyAnswers({ visits: 31 }));
    expect(res.headers.location).toContain('/2022-W23/2?');
  });

  it('shows last week’s value next to each counter', async () => {
    s.clock.set('2022-06-03T10:00:00+02:00');
    await submit(weeklyAnswers({ patients_included: 41 }, { report_date: '2022-06-03' }), '2022-W22');
    s.clock.set('2022-06-10T10:00:00+02:00');
    const res = await s.get(es);
    expect(res.body).toMatch(
      /id="f-patients_included-previous">Semaine précédente : <strong>41 \(2022-W22\)<\/strong>/,
    );
  });

  it('lets an establishment with two use cases choose which one it declares', async () => {
    const cessrin = s.link('es', 'cessrin-maisons-laffitte');
    const page = await s.get(`${cessrin}?use_case_id=uc2`);
    expect(page.body).toMatch(/<option value="uc2" selected/);
    expect(page.body).toContain('<input type="hidden" name="use_case_id" value="uc2"/>');
    const res = await s.submit(cessrin, cessrin, [
      ['submission_id', uuid()],
      ['week', '2022-W23'],
      ['use_case_id', 'uc2'],
      ...fieldsOf(weeklyAnswers()),
    ]);
    expect(res.statusCode).toBe(303);
    expect(s.data.store.rowLedger('cessrin-maisons-laffitte/uc2')).toHaveLength(1);
    expect(s.data.store.rowLedger('cessrin-maisons-laffitte/uc1')).toHaveLength(0);
  });

  it('never writes for another establishment, whatever the form says', async () => {
    const res = await submit(weeklyAnswers(), '2022-W23', [['establishment_id', 'clinique-du-parc']]);
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('Champ inattendu « establishment_id »');
    expect(s.data.store.listReportVersions()).toHaveLength(0);
  });

  it('refuses a counter sent twice, naming the field', async () => {
    const res = await submit(weeklyAnswers(), '2022-W23', [['visits', '13']]);
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('« Cumul Nb de venues » : une seule valeur attendue.');
    expect(s.data.store.listReportVersions()).toHaveLength(0);
  });

  it('refuses a week that has not started', async () => {
    const res = await submit(weeklyAnswers(), '2022-W30');
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain("« Semaine » : 2022-W30 n'a pas encore commencé.");
  });

  it('shows only its own history', async () => {
    await submit(weeklyAnswers({ dmp_fed: 9 }));
    const other = s.link('es', 'gh-bichat');
    await s.submit(other, other, [
      ['submission_id', uuid()],
      ['week', '2022-W23'],
      ...fieldsOf(weeklyAnswers()),
    ]);
    const mine = await s.get(`${es}/historique`);
    expect(mine.body).toContain('Historique des déclarations — GH COCHIN');
    expect(mine.body).toContain('2022-W23');
    const theirs = await s.get(`${other}/historique`);
    expect(theirs.body).not.toContain('GH COCHIN');
  });

  it('does not show another establishment’s declaration through its own link', async () => {
    const other = s.link('es', 'gh-bichat');
    const res = await s.submit(other, other, [
      ['submission_id', uuid()],
      ['week', '2022-W23'],
      ...fieldsOf(weeklyAnswers()),
    ]);
    const path = String(res.headers.location).replace(other, es);
    expect((await s.get(path)).statusCode).toBe(404);
  });

  it('saves the profile and lists what changed', async () => {
    const res = await s.submit(`${es}/profil`, `${es}/profil`, [
      ['submission_id', uuid()],
      ['care_type', 'MCO'],
      ['care_type', 'Obstétrique'],
      ['bed_count', '1200'],
      ['es_contact.0.last_name', 'Martin'],
      ['es_contact.0.first_name', 'Anne'],
      ['es_contact.0.email', 'anne.martin@aphp.fr'],
      ['es_contact.0.role', 'Cadre'],
      ['es_contact.0.phone', '01 58 41 41 41'],
      ['software.0.gam', 'Orbis'],
      ['ins_status', 'En cours de déploiement'],
      ['dmp_status', 'Alimentation DMP active'],
      ['uc1.pathway', 'Maternité'],
      ['uc1.use_case', 'Confirmation de rendez-vous'],
    ]);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Profil enregistré');
    expect(res.body).toContain('Nb de lits');
    expect(s.data.store.getEstablishment('gh-cochin')?.values.es_contact).toEqual([
      {
        last_name: 'Martin',
        first_name: 'Anne',
        email: 'anne.martin@aphp.fr',
        role: 'Cadre',
        phone: '01 58 41 41 41',
      },
    ]);
  });

  it('refuses a bad profile field by field and keeps what was typed', async () => {
    const res = await s.submit(`${es}/profil`, `${es}/profil`, [
      ['submission_id', uuid()],
      ['bed_count', 'douze'],
      ['es_contact.0.email', 'pas-une-adresse'],
    ]);
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('« Nb de lits » : nombre entier positif ou nul attendu');
    expect(res.body).toMatch(/value="pas-une-adresse"/);
    expect(s.data.store.getEstablishment('gh-cochin')?.values.bed_count ?? null).toBeNull();
  });

  it('applies a profile form sent twice only once', async () => {
    const id = uuid();
    const fields: Array<[string, string]> = [
      ['submission_id', id],
      ['bed_count', '12'],
    ];
    await s.submit(`${es}/profil`, `${es}/profil`, fields);
    const second = await s.submit(`${es}/profil`, `${es}/profil`, fields);
    expect(second.body).toContain('Profil déjà enregistré');
  });

  it('refuses a profile form without its submission id', async () => {
    const res = await s.submit(`${es}/profil`, `${es}/profil`, [['bed_count', '12']]);
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('identifiant de soumission absent ou invalide');
  });
});

describe('ES pages before the pilot starts', () => {
  it('say when the form opens instead of offering no week', async () => {
    const s = await startTestServer('2022-05-02T10:00:00+02:00');
    try {
      const res = await s.get(s.link('es', 'gh-cochin'));
      expect(res.body).toContain("L'expérimentation commence le 12/05/2022");
    } finally {
      await s.close();
    }
  });
});
