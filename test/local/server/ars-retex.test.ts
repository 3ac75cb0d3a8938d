// RETEX for the ARS / SESAN over HTTP: who reaches the pages, generating V1 (and its new numbered versions),
// downloading the frozen files kept under the data folder, and the ARS's own section texts kept across rebuilds.
import fs from 'node:fs';
import path from 'node:path';
import PizZip from 'pizzip';
import { seedDemoSeason } from '../../../src/app/demo-season';
import { CROSS_CUTTING_KEY } from '../../../src/domain/retex/groups';
import { arsSections } from '../../../src/domain/retex/template';
import { readRetexDescriptions } from '../../../src/node/retex-files';
import { RetexSqliteStore } from '../../../src/local/db/retex-sqlite-store';
import { buildServer } from '../../../src/local/server/build-server';
import { retexTemplatesDir } from '../../../src/node/project-files';
import { defaultProject, weeklyAnswers } from '../../support/project';
import { readDocx } from '../../support/retex-docx-reader';
import {
  cookieHeader,
  csrfOf,
  formPayload,
  startTestServer,
  type TestServer,
} from '../../support/local/server';

const project = defaultProject();
const templates = readRetexDescriptions(project, retexTemplatesDir(project));
const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const PARC = 'cas-usage:sortie de cancerologie ou de soins palliatifs|';
const PARC_FILE = 'cas-usage-clinique-du-parc-sortie-de-cancerologie-ou-de-soins-palliatifs';
const TRICKY = '<script>alert("x")</script> $& $1 \\1 {{nom}} {#boucle} « accents é à ü » & fin';

/** A text as Preact writes it in an element. */
function html(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
}

const sectionTitle = (id: string) =>
  [...arsSections(templates.useCase), ...arsSections(templates.crossCutting)].find((s) => s.id === id)!.title;

/** The download links of the RETEX page, in page order. */
function fileLinks(html: string): string[] {
  return [...html.matchAll(/href="(\/ars\/[^"]+\/retex\/fichiers\/[^"]+)"/g)].map((m) => m[1] as string);
}

function archive(s: TestServer): string[] {
  const dir = path.join(s.dir, 'retex');
  return fs.existsSync(dir) ? fs.readdirSync(dir).sort() : [];
}

describe('RETEX pages: only the ARS link reaches them', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer('2022-07-04T10:00:00+02:00');
  });
  afterAll(() => s.close());

  it('shows the RETEX page to the ARS, in its menu, with both milestones and no version yet', async () => {
    const res = await s.get(`${s.link('ars')}/retex`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toMatch(/<a[^>]*href="\/ars\/[^"]+\/retex"[^>]*aria-current="page"[^>]*>RETEX<\/a>/);
    expect(res.body).toContain('Version intermédiaire (V1)');
    expect(res.body).toContain('Version finale (VF)');
    expect(res.body).toContain(
      "Coupure au 30/06/2022 (semaine 2022-W26) : déclarations reçues jusqu'au 01/07/2022 18:00.",
    );
    expect(res.body).toContain('Aucune version émise pour le moment.');
    // After the V1 cut-off, VF is the milestone proposed.
    expect(res.body).toMatch(/<input type="radio" id="milestone-VF" name="milestone" value="VF" checked/);
  });

  it.each([
    ['an ES link under /ars', () => `/ars/${s.link('es', 'gh-cochin').split('/')[2]}/retex`],
    ['the ANS link under /ars', () => `/ars/${s.link('ans').split('/')[2]}/retex`],
    ['the ES link under its own prefix', () => `${s.link('es', 'gh-cochin')}/retex`],
    ['the ANS link asking for the texts', () => `/ars/${s.link('ans').split('/')[2]}/retex/textes`],
  ])('answers 404 to %s', async (_, url) => {
    const res = await s.get(url());
    expect(res.statusCode).toBe(404);
    expect(res.body).not.toContain('Générer le RETEX');
  });

  it('the ANS link’s own /retex is the national RETEX (ans-retex.test.ts), never the ARS page', async () => {
    const res = await s.get(`${s.link('ans')}/retex`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<h1>RETEX national</h1>');
    expect(res.body).not.toContain('Rédiger les sections');
    expect(res.body).not.toContain('/ars/');
  });

  it('refuses a generation posted with an ES link, even with that link’s own CSRF token', async () => {
    const es = s.link('es', 'gh-cochin');
    const page = await s.get(es);
    const res = await s.app.inject({
      method: 'POST',
      url: `/ars/${es.split('/')[2]}/retex/generer`,
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookieHeader(page) },
      payload: formPayload([
        ['_csrf', csrfOf(page.body)],
        ['milestone', 'V1'],
      ]),
    });
    expect(res.statusCode).toBe(404);
    expect(new RetexSqliteStore(s.data.db).listIssues()).toEqual([]);
  });

  it('refuses a generation without the page’s CSRF token, and issues nothing', async () => {
    const res = await s.app.inject({
      method: 'POST',
      url: `${s.link('ars')}/retex/generer`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: formPayload([['milestone', 'V1']]),
    });
    expect(res.statusCode).toBe(403);
    expect(res.body).toContain('Ce formulaire a expiré');
    expect(new RetexSqliteStore(s.data.db).listIssues()).toEqual([]);
    expect(archive(s)).toEqual([]);
  });

  it('refuses a section text without the CSRF token, and keeps nothing', async () => {
    const res = await s.app.inject({
      method: 'POST',
      url: `${s.link('ars')}/retex/textes`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: formPayload([
        ['document_key', PARC],
        ['section.context', 'Contexte'],
      ]),
    });
    expect(res.statusCode).toBe(403);
    expect(new RetexSqliteStore(s.data.db).listSectionTexts()).toEqual([]);
  });

  it('asks for a milestone when none (or an unknown one) is chosen', async () => {
    const ars = s.link('ars');
    for (const fields of [[], [['milestone', 'V2']]] as Array<Array<[string, string]>>) {
      const res = await s.submit(`${ars}/retex`, `${ars}/retex/generer`, fields);
      expect(res.statusCode).toBe(422);
      expect(res.body).toContain('« Jalon » : choisissez V1 (version intermédiaire) ou VF (version finale).');
    }
    expect(new RetexSqliteStore(s.data.db).listIssues()).toEqual([]);
  });

  it('serves no file the RETEX did not issue: other names, other folders, the database, the key', async () => {
    fs.mkdirSync(path.join(s.dir, 'retex'), { recursive: true });
    fs.writeFileSync(path.join(s.dir, 'retex', 'RETEX-V1-transverse-2022-07-04.docx'), 'pas émis');
    const ars = s.link('ars');
    for (const name of [
      'RETEX-V1-transverse-2022-07-04.docx',
      '..%2Fsecret.key',
      '..%2Fsuivi-mes.sqlite',
      '%2E%2E%2F%2E%2E%2Fetc%2Fpasswd',
      'secret.key',
    ]) {
      const res = await s.get(`${ars}/retex/fichiers/${name}`);
      expect([name, res.statusCode]).toEqual([name, 404]);
      expect(res.headers['content-disposition']).toBeUndefined();
    }
    const traversal = await s.get(`${ars}/retex/fichiers/../../secret.key`);
    expect(traversal.statusCode).toBe(404);
    expect(traversal.body).not.toContain(s.data.secret.toString('hex'));
  });
});

describe('Generating V1 from the ARS page on a season reported up to week 27', () => {
  let s: TestServer;
  let ars: string;
  const generate = (milestone: string, pdf = false) =>
    s.submit(`${ars}/retex`, `${ars}/retex/generer`, [
      ['milestone', milestone],
      ...(pdf ? ([['pdf', '1']] as Array<[string, string]>) : []),
    ]);

  beforeAll(async () => {
    s = await startTestServer('2022-07-04T10:00:00+02:00');
    ars = s.link('ars');
    seedDemoSeason({ project, store: s.data.store, clock: s.clock }, { untilWeek: '2022-W27' });
  });
  afterAll(() => s.close());

  it('issues V1: one .docx per use case and the cross-cutting one under the data folder, listed for download', async () => {
    const res = await generate('V1');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Version V1 émise.');
    expect(res.body).toMatch(
      /Établi à partir de \d+ déclaration\(s\) hebdomadaire\(s\) des semaines 2022-W19/,
    );
    const files = archive(s);
    expect(files).toHaveLength(10);
    expect(files).toContain('RETEX-V1-transverse-2022-07-04.docx');
    expect(files).toContain(`RETEX-V1-${PARC_FILE}-2022-07-04.docx`);
    expect(
      fileLinks(res.body)
        .map((l) => decodeURIComponent(l.split('/').pop() ?? ''))
        .sort(),
    ).toEqual(files);
    expect(res.body).toContain('En vigueur');
    expect(s.data.store.listJournal().filter((j) => j.kind === 'retex')).toMatchObject([
      { actor: 'ARS / SESAN', target: 'V1', summary: 'RETEX V1 émis : 10 document(s).' },
    ]);
  });

  it('downloads each file as an attachment under its own safe name, exactly as kept', async () => {
    const page = await s.get(`${ars}/retex`);
    const links = fileLinks(page.body);
    expect(links).toHaveLength(10);
    for (const link of links) {
      const name = decodeURIComponent(link.split('/').pop() ?? '');
      const res = await s.get(link);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe(DOCX_TYPE);
      expect(res.headers['content-disposition']).toBe(`attachment; filename="${name}"`);
      expect(name).toMatch(/^RETEX-V1-[a-z0-9-]+-2022-07-04\.docx$/);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.rawPayload.equals(fs.readFileSync(path.join(s.dir, 'retex', name)))).toBe(true);
    }
    const cross = await s.get(links.find((l) => l.includes('transverse'))!);
    expect(readDocx(cross.rawPayload).paragraphs).toContain(
      "16 établissements pilotes, 9 cas d'usage, 17 lignes de suivi (établissement × cas d'usage).",
    );
  });

  it('keeps V1 in force when nothing changed: no new version, no file rewritten', async () => {
    const before = archive(s).map((f) => fs.readFileSync(path.join(s.dir, 'retex', f)));
    s.clock.set('2022-07-05T10:00:00+02:00');
    const res = await generate('V1');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(
      'Aucune donnée ni aucun texte nouveau depuis la version V1 : elle reste la version en vigueur.',
    );
    expect(archive(s)).toHaveLength(10);
    archive(s).forEach((f, i) =>
      expect(fs.readFileSync(path.join(s.dir, 'retex', f)).equals(before[i]!)).toBe(true),
    );
  });

  it('issues V1.1 after the ARS writes a section, and V1 stays downloadable as it was issued', async () => {
    const v1 = fs.readFileSync(path.join(s.dir, 'retex', `RETEX-V1-${PARC_FILE}-2022-07-04.docx`));
    // Data received after the cut-off stays outside V1: a text of the ARS is what changes the document.
    const texts = await s.submit(
      `${ars}/retex/textes?document=${encodeURIComponent(PARC)}`,
      `${ars}/retex/textes`,
      [
        ['document_key', PARC],
        ['section.context', 'Contexte rédigé par le binôme.'],
      ],
    );
    expect(texts.statusCode).toBe(303);
    const res = await generate('V1');
    expect(res.body).toContain('Nouvelle version V1.1 (remplace V1, conservée).');
    expect(archive(s)).toHaveLength(20);
    expect(res.body.match(/En vigueur/g)).toHaveLength(1);
    expect(res.body.indexOf('Version V1.1')).toBeLessThan(res.body.indexOf('Version V1<'));
    const old = await s.get(`${ars}/retex/fichiers/RETEX-V1-${PARC_FILE}-2022-07-04.docx`);
    expect(old.rawPayload.equals(v1)).toBe(true);
    expect(readDocx(old.rawPayload).paragraphs).not.toContain('Contexte rédigé par le binôme.');
    const v11 = await s.get(`${ars}/retex/fichiers/RETEX-V1.1-${PARC_FILE}-2022-07-05.docx`);
    expect(readDocx(v11.rawPayload).paragraphs).toContain('Contexte rédigé par le binôme.');
  });

  it('never regenerates on download: a deleted file is missing until the ARS asks to write it back from its snapshot', async () => {
    const name = `RETEX-V1-${PARC_FILE}-2022-07-04.docx`;
    const original = readDocx(fs.readFileSync(path.join(s.dir, 'retex', name)));
    fs.rmSync(path.join(s.dir, 'retex', name));
    const res = await s.get(`${ars}/retex/fichiers/${name}`);
    expect(res.statusCode).toBe(404);
    expect(fs.existsSync(path.join(s.dir, 'retex', name))).toBe(false);
    const page = await s.get(`${ars}/retex`);
    expect(page.body).toContain('fichier .docx absent du dossier de données');
    expect(page.body).toContain('Écrire les fichiers manquants de V1');
    const restore = await s.submit(`${ars}/retex`, `${ars}/retex/versions/V1/fichiers`, []);
    expect(restore.statusCode).toBe(200);
    expect(restore.body).toContain('1 fichier(s) de la version V1 écrit(s) depuis son instantané figé.');
    const back = await s.get(`${ars}/retex/fichiers/${name}`);
    expect(back.statusCode).toBe(200);
    // The snapshot of V1, not today's data nor today's texts.
    expect(readDocx(back.rawPayload).paragraphs).toEqual(original.paragraphs);
    expect(new RetexSqliteStore(s.data.db).listIssues().map((i) => i.label)).toEqual(['V1', 'V1.1']);
  });

  it('answers 404 for writing back the files of a version never issued', async () => {
    const res = await s.submit(`${ars}/retex`, `${ars}/retex/versions/V9/fichiers`, []);
    expect(res.statusCode).toBe(404);
    expect(res.body).toContain("La version « V9 » n'a pas été émise.");
  });

  it('issues VF separately, with its own numbering, V1 versions kept', async () => {
    const res = await generate('VF');
    expect(res.body).toContain('Version VF émise.');
    expect(
      new RetexSqliteStore(s.data.db)
        .listIssues()
        .map((i) => i.label)
        .sort(),
    ).toEqual(['V1', 'V1.1', 'VF']);
    expect(res.body.match(/En vigueur/g)).toHaveLength(2);
    expect(archive(s)).toHaveLength(30);
  });
});

describe('ARS section texts', () => {
  let s: TestServer;
  let ars: string;
  const docPage = (key: string) => `${ars}/retex/textes?document=${encodeURIComponent(key)}`;
  const saveTexts = (key: string, fields: Array<[string, string]>) =>
    s.submit(docPage(key), `${ars}/retex/textes`, [['document_key', key], ...fields]);
  const texts = () => new RetexSqliteStore(s.data.db).listSectionTexts();

  beforeEach(async () => {
    s = await startTestServer('2022-06-10T10:00:00+02:00');
    ars = s.link('ars');
  });
  afterEach(() => s.close());

  it('lists every document with the sections still to write, linked to its page', async () => {
    const res = await s.get(`${ars}/retex/textes`);
    expect(res.statusCode).toBe(200);
    const useCase = arsSections(templates.useCase);
    const cross = arsSections(templates.crossCutting);
    expect(res.body.match(/<a href="\/ars\/[^"]+\/retex\/textes\?document=/g)).toHaveLength(10);
    expect(res.body).toContain(`${9 * useCase.length + cross.length} section(s) restent à rédiger.`);
    expect(res.body).toContain(`0 / ${useCase.length}`);
    expect(res.body).toContain(`<td class="status">${useCase.length}</td>`);
    expect(res.body).toContain(`<td class="status">${cross.length}</td>`);
    expect(res.body).toContain('<td class="wrap">9 établissements</td>');
    const retex = await s.get(`${ars}/retex`);
    expect(retex.body).toContain(
      `${9 * useCase.length + cross.length} section(s) sur ${9 * useCase.length + cross.length} restent à rédiger dans les 10 documents.`,
    );
  });

  it('shows one field per ARS section of a document, labelled by its title, its prompt as hint', async () => {
    const res = await s.get(docPage(CROSS_CUTTING_KEY));
    expect(res.statusCode).toBe(200);
    for (const section of arsSections(templates.crossCutting)) {
      expect(res.body).toContain(`<label class="fr-label" for="f-section-${section.id}">`);
      expect(res.body).toContain(`name="section.${section.id}"`);
      expect(res.body).toContain(`<span class="fr-hint-text">${html(section.prompt)}</span>`);
    }
    expect(res.body).toContain(`Sections restant à rédiger (${arsSections(templates.crossCutting).length})`);
  });

  it('keeps a text with <script>, $ and {{ verbatim, shows it escaped, and the next .docx holds it as typed', async () => {
    const res = await saveTexts(PARC, [['section.levers', TRICKY]]);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toContain('enregistre=1');
    expect(texts()).toMatchObject([
      { documentKey: PARC, sectionId: 'levers', text: TRICKY, author: 'ARS / SESAN' },
    ]);
    const page = await s.get(res.headers.location as string);
    expect(page.body).toContain('1 section(s) enregistrée(s)');
    expect(page.body).not.toContain('<script>alert');
    expect(page.body).toContain(
      '&lt;script>alert(&quot;x&quot;)&lt;/script> $&amp; $1 \\1 {{nom}} {#boucle}',
    );
    expect(page.body).toMatch(/Texte en vigueur enregistré le 10\/06\/2022 10:00 par ARS \/ SESAN\./);
    const left = arsSections(templates.useCase).length - 1;
    expect(page.body).toContain(`Sections restant à rédiger (${left})`);
    const list = await s.get(`${ars}/retex/textes`);
    expect(list.body).toContain(`1 / ${left + 1}`);

    s.clock.set('2022-07-04T10:00:00+02:00');
    const generated = await s.submit(`${ars}/retex`, `${ars}/retex/generer`, [['milestone', 'V1']]);
    expect(generated.statusCode).toBe(200);
    const parc = archive(s).find((f) => f.includes(PARC_FILE))!;
    const doc = readDocx(fs.readFileSync(path.join(s.dir, 'retex', parc)));
    expect(doc.paragraphs).toContain(TRICKY);
    expect(s.data.store.listJournal().filter((j) => j.kind === 'retex')[0]).toMatchObject({
      actor: 'ARS / SESAN',
      summary: `Textes RETEX enregistrés — Sortie de cancérologie ou de soins palliatifs : ${sectionTitle('levers')}.`,
    });
  });

  it('refuses patient data next to its field, saves none of the texts sent with it, keeps everything typed', async () => {
    const res = await saveTexts(PARC, [
      ['section.context', 'Contexte correct, à garder.'],
      ['section.patient_feedback', 'Mme X, née le 12/03/1954, très satisfaite.'],
      ['section.obstacles', 'Patient 1850578006048 vu en HDJ'],
    ]);
    expect(res.statusCode).toBe(422);
    expect(texts()).toEqual([]);
    expect(res.body).toContain('<title>Erreur : ');
    expect(res.body).toContain("Aucun texte n'a été enregistré");
    expect(res.body).toContain(
      `<p class="fr-message fr-message--error" id="f-section-obstacles-error-0">« ${html(sectionTitle('obstacles'))} » : le texte contient une suite de 13 à 15 chiffres`,
    );
    expect(res.body).toMatch(/id="f-section-patient_feedback-error-0">[^<]*date de naissance/);
    expect(res.body).toMatch(
      /id="f-section-obstacles"[^>]*aria-invalid="true"[^>]*>Patient 1850578006048 vu en HDJ</,
    );
    expect(res.body).toMatch(/id="f-section-context"[^>]*>Contexte correct, à garder\.</);
    expect(res.body).toContain('href="#f-section-obstacles"');
  });

  it('refuses a text longer than the limit, naming the section, and keeps it in the field', async () => {
    const long = 'x'.repeat(20001);
    const res = await saveTexts(CROSS_CUTTING_KEY, [['section.ins', long]]);
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('20001 caractères, au plus 20000 sont acceptés.');
    expect(res.body).toContain(`>${long}</textarea>`);
    expect(texts()).toEqual([]);
  });

  it('takes a whole document of sections at the longest length in one form, and refuses a larger body', async () => {
    const full = arsSections(templates.useCase).map((section): [string, string] => [
      `section.${section.id}`,
      'é'.repeat(20000),
    ]);
    const res = await saveTexts(PARC, full);
    expect(res.statusCode).toBe(303);
    expect(texts()).toHaveLength(full.length);
    const tooLarge = await saveTexts(CROSS_CUTTING_KEY, [['section.ins', '€'.repeat(250_000)]]);
    expect(tooLarge.statusCode).toBe(413);
    expect(tooLarge.body).toContain(
      "L'envoi dépasse la taille autorisée (2048 Kio) : rien n'a été enregistré.",
    );
    expect(texts()).toHaveLength(full.length);
  });

  it('saves only the sections whose text changed, and an emptied section is to write again', async () => {
    await saveTexts(PARC, [
      ['section.context', 'Un'],
      ['section.actors', 'Deux'],
    ]);
    const again = await saveTexts(PARC, [
      ['section.context', 'Un'],
      ['section.actors', ''],
    ]);
    expect(again.headers.location).toContain('enregistre=1');
    expect(texts().map((t) => [t.sectionId, t.text])).toEqual([
      ['context', 'Un'],
      ['actors', 'Deux'],
      ['actors', ''],
    ]);
    const page = await s.get(docPage(PARC));
    expect(page.body).toMatch(/href="#f-section-actors"/);
    expect(page.body).not.toMatch(/<li><a href="#f-section-context"/);
  });

  it('answers 404 for an unknown document, and refuses an unknown section without saving the others', async () => {
    const unknown = await s.get(docPage('cas-usage:inconnu|'));
    expect(unknown.statusCode).toBe(404);
    const posted = await s.submit(docPage(PARC), `${ars}/retex/textes`, [
      ['document_key', 'cas-usage:inconnu|'],
      ['section.context', 'x'],
    ]);
    expect(posted.statusCode).toBe(404);
    const res = await saveTexts(PARC, [
      ['section.context', 'Contexte'],
      ['section.ins', 'Pas une section de cette fiche'],
    ]);
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('Champ inattendu « ins » : il ne fait pas partie de ce formulaire.');
    expect(texts()).toEqual([]);
  });
});

describe('RETEX PDF from the ARS page (LibreOffice, installed by npm test)', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer('2022-06-10T10:00:00+02:00');
    const es = s.link('es', 'gh-cochin');
    await s.submit(es, es, [
      ['submission_id', crypto.randomUUID()],
      ['week', '2022-W23'],
      ...Object.entries(weeklyAnswers({ dmp_fed: 17 })),
    ]);
  });
  afterAll(() => s.close());

  it('writes a PDF next to each .docx when asked, downloadable as application/pdf', async () => {
    const ars = s.link('ars');
    const page = await s.get(`${ars}/retex`);
    expect(page.body).toContain('Produire aussi les PDF');
    const res = await s.submit(`${ars}/retex`, `${ars}/retex/generer`, [
      ['milestone', 'V1'],
      ['pdf', '1'],
    ]);
    expect(res.body).toContain('10 PDF produit(s) avec LibreOffice.');
    const pdfs = fileLinks(res.body).filter((l) => l.endsWith('.pdf'));
    expect(pdfs).toHaveLength(10);
    const pdf = await s.get(pdfs[0]!);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toMatch(
      /^attachment; filename="RETEX-V1-[a-z0-9-]+-2022-06-10\.pdf"$/,
    );
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  }, 240_000);
});

describe('RETEX PDF when LibreOffice is missing or fails', () => {
  let s: TestServer;
  let bin: string;
  const path0 = process.env.PATH;
  beforeEach(async () => {
    s = await startTestServer('2022-07-04T10:00:00+02:00');
    bin = fs.mkdtempSync(path.join(s.dir, 'bin-'));
  });
  afterEach(async () => {
    process.env.PATH = path0;
    await s.close();
  });
  const generate = () =>
    s.submit(`${s.link('ars')}/retex`, `${s.link('ars')}/retex/generer`, [
      ['milestone', 'V1'],
      ['pdf', '1'],
    ]);

  it('without LibreOffice, offers no PDF, says so, and writes the .docx', async () => {
    process.env.PATH = bin;
    const page = await s.get(`${s.link('ars')}/retex`);
    expect(page.body).not.toContain('Produire aussi les PDF');
    expect(page.body).toContain("LibreOffice n'est pas installé sur ce serveur");
    const res = await generate();
    expect(res.body).toContain('Version V1 émise.');
    expect(res.body).toContain('PDF non produits : LibreOffice (soffice) est introuvable sur cette machine.');
    expect(archive(s).filter((f) => f.endsWith('.docx'))).toHaveLength(10);
    expect(archive(s).filter((f) => f.endsWith('.pdf'))).toEqual([]);
  });

  it('when LibreOffice fails, issues the version with its .docx and says why the PDFs are missing', async () => {
    fs.writeFileSync(path.join(bin, 'soffice'), '#!/bin/sh\necho "conversion impossible" >&2\nexit 3\n', {
      mode: 0o755,
    });
    process.env.PATH = bin;
    const res = await generate();
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Version V1 émise.');
    expect(res.body).toMatch(/PDF non produits : la conversion par LibreOffice a échoué \(Command failed: /);
    expect(res.body).toContain('Les documents Word (.docx) sont écrits');
    expect(fileLinks(res.body)).toHaveLength(10);
    expect(archive(s).filter((f) => f.endsWith('.pdf'))).toEqual([]);
  });
});

describe('RETEX with a template the ARS broke', () => {
  let s: TestServer;
  let configDir: string;
  beforeAll(async () => {
    s = await startTestServer('2022-07-04T10:00:00+02:00');
    configDir = fs.mkdtempSync(path.join(s.dir, 'config-'));
    const templatesDir = path.join(configDir, 'modeles');
    fs.cpSync(retexTemplatesDir(project), templatesDir, { recursive: true });
    // An opened loop never closed: docxtemplater refuses the template.
    const docx = path.join(templatesDir, 'fiche-transverse.docx');
    const zip = new PizZip(fs.readFileSync(docx));
    const xml = zip.file('word/document.xml')?.asText() ?? '';
    expect(xml).toContain('{data_basis}');
    zip.file('word/document.xml', xml.replace('{data_basis}', '{#data_basis}'));
    fs.writeFileSync(docx, zip.generate({ type: 'nodebuffer' }));
  });
  afterAll(() => s.close());

  it('says in French which template fails and why, and the version stays listed with its files missing', async () => {
    const app = await buildServer({
      ...s.deps,
      project: {
        ...project,
        config: { ...project.config, files: { ...project.config.files, retexTemplates: 'modeles' } },
      },
      configFile: path.join(configDir, 'suivi.config.json'),
    });
    try {
      const ars = s.link('ars');
      const page = await app.inject({ method: 'GET', url: `${ars}/retex` });
      const res = await app.inject({
        method: 'POST',
        url: `${ars}/retex/generer`,
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookieHeader(page) },
        payload: formPayload([
          ['_csrf', csrfOf(page.body)],
          ['milestone', 'V1'],
        ]),
      });
      expect(res.statusCode).toBe(500);
      expect(res.body).toContain(
        "Le RETEX n'a pas pu être produit : Le modèle RETEX fiche-transverse.docx ne peut pas être rempli",
      );
    } finally {
      await app.close();
    }
  });
});
