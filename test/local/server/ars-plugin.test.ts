// ARS / SESAN pages over HTTP: the master grid, in-place edits with history, corrections, completeness, reminders.
import fs from 'node:fs';
import { weeklyAnswers } from '../../support/project';
import { startTestServer, type TestServer } from '../../support/local/server';

const uuid = () => crypto.randomUUID();

describe('ARS / SESAN pages (/ars/<token>)', () => {
  let s: TestServer;
  let ars: string;
  beforeEach(async () => {
    s = await startTestServer('2022-06-10T10:00:00+02:00');
    ars = s.link('ars');
  });
  afterEach(() => s.close());

  const declare = async (
    establishmentId: string,
    counters: Record<string, number> = {},
    week = '2022-W23',
  ) => {
    const es = s.link('es', establishmentId);
    const res = await s.submit(es, es, [
      ['submission_id', uuid()],
      ['week', week],
      ...Object.entries(weeklyAnswers(counters)),
    ]);
    expect(res.statusCode).toBe(303);
  };
  const editCell = (rowKey: string, columnId: string, fields: Array<[string, string]>, back = 'grid') =>
    s.submit(ars, `${ars}/cellule`, [
      ['row_key', rowKey],
      ['column_id', columnId],
      ['back', back],
      ...fields,
    ]);

  it('draws the master grid in the official layout: merged groups, verbatim labels, owner colours, legend', async () => {
    const res = await s.get(ars);
    expect(res.statusCode).toBe(200);
    const { tracking } = s.deps.project;
    expect(res.body).toContain(
      '<th scope="colgroup" colspan="14" class="fill-d9d9d9">Informations générales</th>',
    );
    expect(res.body).toMatch(
      /<th scope="colgroup" colspan="2"[^>]*>Indicateurs quantitatifs expérimentation – Messagerie de santé<\/th>/,
    );
    for (const c of tracking.columns)
      expect(res.body).toContain(`>${c.label.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</th>`);
    expect(res.body).toMatch(
      /<th scope="col" class="fill-c6dbef[^"]*">Type de prise en charge \(activité\)<\/th>/,
    );
    expect(res.body).toContain("A remplir/compléter par l'ARS / SESAN");
    expect(res.body.match(/<tr><td><a href="\/ars\//g)).toHaveLength(17);
  });

  it('edits an ARS action in place and keeps the change with its author and time', async () => {
    const res = await editCell('gh-cochin/uc1', 'actions', [['value', 'Relancer le DSI']]);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toMatch(/\?modifie=gh-cochin%2Fuc1%7Cactions#c-gh-cochin-uc1-actions$/);
    expect(s.data.store.annotations('gh-cochin/uc1')).toEqual({ actions: 'Relancer le DSI' });
    await editCell('gh-cochin/uc1', 'actions', [['value', 'Point le 15/06']], 'row');
    const row = await s.get(`${ars}/lignes/gh-cochin/uc1`);
    expect(row.body).toMatch(
      /10\/06\/2022 10:00<\/td><td>ARS \/ SESAN<\/td><th scope="row">Actions en cours ou à mener<\/th><td class="multiline">Relancer le DSI<\/td><td class="multiline">Point le 15\/06<\/td>/,
    );
    const grid = await s.get(`${ars}?modifie=${encodeURIComponent('gh-cochin/uc1|actions')}`);
    expect(grid.body).toContain('Modification enregistrée : « Actions en cours ou à mener » — GH COCHIN.');
  });

  it('refuses a patient identifier in an action, keeps the text typed, stores nothing', async () => {
    const res = await editCell('gh-cochin/uc1', 'actions', [['value', 'Appeler M. X 1 85 05 78 006 084 91']]);
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('ressemble à un numéro de sécurité sociale');
    expect(res.body).toMatch(/<details class="cell-edit" id="c-gh-cochin-uc1-actions" open/);
    expect(res.body).toContain('Appeler M. X 1 85 05 78 006 084 91</textarea>');
    expect(s.data.store.annotations('gh-cochin/uc1')).toEqual({});
  });

  it('refuses a forged edit of an ES column: ES values change only by correction', async () => {
    await declare('gh-cochin', { dmp_fed: 5 });
    const res = await editCell('gh-cochin/uc1', 'dmp_fed', [['value', '500']]);
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('« Cumul Nb de DMP alimentés » : cette colonne est réservée');
    expect(s.data.store.reportVersion('gh-cochin/uc1', '2022-W23')?.values.dmp_fed).toBe(5);
  });

  it('edits an identity column of the establishment with its typed input', async () => {
    const res = await editCell('gh-cochin/uc1', 'launch_meeting_date', [['value', '2022-05-20']]);
    expect(res.statusCode).toBe(303);
    expect(s.data.store.getEstablishment('gh-cochin')?.values.launch_meeting_date).toBe('2022-05-20');
  });

  it('corrects an ES counter only with a reason, as a new version kept in history', async () => {
    await declare('gh-cochin', { dmp_fed: 50 });
    const rowPage = `${ars}/lignes/gh-cochin/uc1`;
    const action = `${rowPage}/correction`;
    const base: Array<[string, string]> = [
      ['week', '2022-W23'],
      ...Object.entries(weeklyAnswers({ dmp_fed: 5 })),
    ];
    const refused = await s.submit(rowPage, action, [['submission_id', uuid()], ['reason', ''], ...base]);
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain('« Motif de la correction » : indiquez pourquoi la valeur est corrigée');
    expect(s.data.store.reportVersion('gh-cochin/uc1', '2022-W23')?.version).toBe(1);
    const ok = await s.submit(rowPage, action, [
      ['submission_id', uuid()],
      ['reason', 'Zéro en trop'],
      ...base,
    ]);
    expect(ok.statusCode).toBe(303);
    expect(s.data.store.reportVersion('gh-cochin/uc1', '2022-W23')).toMatchObject({
      version: 2,
      source: 'correction',
      reason: 'Zéro en trop',
      author: 'ARS / SESAN',
    });
    const page = await s.get(String(ok.headers.location));
    expect(page.body).toContain('Correction de 2022-W23 enregistrée comme nouvelle version.');
    expect(page.body).toContain('Motif : Zéro en trop');
  });

  it('says there is nothing to correct when no value changed', async () => {
    await declare('gh-cochin');
    const rowPage = `${ars}/lignes/gh-cochin/uc1`;
    const res = await s.submit(rowPage, `${rowPage}/correction`, [
      ['submission_id', uuid()],
      ['week', '2022-W23'],
      ['reason', 'Vérification'],
      ...Object.entries(weeklyAnswers()),
    ]);
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain("Aucune valeur n'a été modifiée : il n'y a rien à corriger.");
  });

  it('lists the establishments late for a week due and reminds one by mail', async () => {
    s.clock.set('2022-06-13T09:30:00+02:00');
    await s.submit(`${s.link('es', 'gh-cochin')}/profil`, `${s.link('es', 'gh-cochin')}/profil`, [
      ['submission_id', uuid()],
      ['care_type', 'MCO'],
      ['bed_count', '10'],
      ['es_contact.0.last_name', 'Martin'],
      ['es_contact.0.first_name', 'Anne'],
      ['es_contact.0.email', 'anne.martin@aphp.fr'],
      ['es_contact.0.role', 'Cadre'],
      ['es_contact.0.phone', '0158414141'],
      ['software.0.dpi', 'Orbis'],
      ['ins_status', 'Non déployé'],
      ['dmp_status', 'DPI compatible DMP'],
      ['uc1.pathway', 'Maternité'],
      ['uc1.use_case', 'Confirmation'],
    ]);
    await declare('gh-bichat', {}, '2022-W23');
    const page = await s.get(`${ars}/completude`);
    expect(page.body).toMatch(/<option value="2022-W23" selected/);
    expect(page.body).toContain('<strong>GH COCHIN</strong>');
    expect(page.body).not.toContain('<strong>GH BICHAT</strong>');
    expect(page.body).toContain('Pas de référent ES avec adresse e-mail');
    const res = await s.submit(`${ars}/completude`, `${ars}/relances`, [
      ['establishment_id', 'gh-cochin'],
      ['week', '2022-W23'],
    ]);
    expect(res.statusCode).toBe(303);
    const after = await s.get(String(res.headers.location));
    expect(after.body).toContain('Relance de GH COCHIN pour 2022-W23 envoyée à anne.martin@aphp.fr.');
    const files = fs.readdirSync(s.data.outboxDir);
    expect(files).toHaveLength(1);
    expect(fs.readFileSync(`${s.data.outboxDir}/${files[0]}`, 'utf8')).toContain('To: anne.martin@aphp.fr');
    expect(s.data.store.listJournal().some((j) => j.kind === 'reminder' && j.actor === 'ARS / SESAN')).toBe(
      true,
    );
  });

  it('refuses to remind for a week not yet due', async () => {
    const res = await s.submit(`${ars}/completude`, `${ars}/relances`, [
      ['establishment_id', 'gh-cochin'],
      ['week', '2022-W23'],
    ]);
    expect(res.statusCode).toBe(400);
    expect(fs.readdirSync(s.data.outboxDir)).toHaveLength(0);
  });

  it('shows the Journal, newest first', async () => {
    await declare('gh-cochin');
    const res = await s.get(`${ars}/journal`);
    expect(res.body.indexOf('report.accepted')).toBeLessThan(res.body.indexOf('install'));
  });
});
