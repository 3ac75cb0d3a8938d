// No lost update over HTTP: every form a page shows carries the basis of what it shows; posted after someone else
// changed those values, it is refused with what changed, and the page shows the current values to redo it on.
import { CROSS_CUTTING_KEY } from '../../../src/domain/retex/groups';
import { arsSections } from '../../../src/domain/retex/template';
import { readRetexDescriptions } from '../../../src/node/retex-files';
import { RetexSqliteStore } from '../../../src/local/db/retex-sqlite-store';
import { retexTemplatesDir } from '../../../src/node/project-files';
import { cellBasis, editCell } from '../../../src/app/edit-cell';
import { canWrite } from '../../../src/domain/access';
import { suiviRowValues } from '../../../src/domain/workbook/suivi-sheet';
import { weeklyAnswers } from '../../support/project';
import { hiddenValue, shownValues, summaryMessages } from '../../support/local/html';
import { cookieHeader, csrfOf, startTestServer, type TestServer } from '../../support/local/server';
import { multipartBody, readSuivi } from '../../support/local/xlsx-cells';

const uuid = () => crypto.randomUUID();

describe('Writes based on an outdated page (local server)', () => {
  let s: TestServer;
  let ars: string;
  let es: string;
  beforeEach(async () => {
    s = await startTestServer('2022-06-10T10:00:00+02:00');
    ars = s.link('ars');
    es = s.link('es', 'gh-cochin');
  });
  afterEach(() => s.close());

  const declare = async (counters: Record<string, number>) => {
    const res = await s.submit(es, es, [
      ['submission_id', uuid()],
      ['week', '2022-W23'],
      ...Object.entries(weeklyAnswers(counters)),
    ]);
    expect(res.statusCode).toBe(303);
  };
  /** Posts `fields` with a fresh CSRF token, as the browser would post a form kept open since `basis` was shown. */
  const post = async (page: string, action: string, fields: Array<[string, string]>) =>
    s.submit(page, action, fields);

  it('refuses an ARS correction opened before the ES resubmitted the week, then lets it be redone on the new values', async () => {
    await declare({ dmp_fed: 5, patients_included: 8 });
    const rowPage = `${ars}/lignes/gh-cochin/uc1`;
    const opened = await s.get(rowPage);
    const basis = hiddenValue(opened.body, 'basis', ['/correction"']);
    expect(basis).toMatch(/^b1:/);
    await declare({ dmp_fed: 7, patients_included: 9 });
    // The form kept open posts the counters it showed and one changed text, with a reason.
    const stale = await post(rowPage, `${rowPage}/correction`, [
      ['submission_id', uuid()],
      ['week', '2022-W23'],
      ['reason', 'Précision de la binôme'],
      ['basis', basis ?? ''],
      ...Object.entries(
        weeklyAnswers({ dmp_fed: 5, patients_included: 8 }, { vigilance_points: 'Relance faite' }),
      ),
    ]);
    expect(stale.statusCode).toBe(422);
    expect(
      summaryMessages(stale.body)
        .map((m) => m.text)
        .join(' '),
    ).toContain(
      'Pendant votre saisie, ces valeurs ont changé : « Cumul Nb de DMP alimentés » (maintenant « 7 »), « Cumul Nb de patients inclus » (maintenant « 9 »).',
    );
    expect(shownValues(stale.body, 'dmp_fed')).toEqual(['7']);
    expect(s.data.store.reportVersion('gh-cochin/uc1', '2022-W23')).toMatchObject({
      version: 2,
      values: { dmp_fed: 7, patients_included: 9 },
    });
    // The re-rendered form carries the new basis: the same change now goes through and keeps the ES's counters.
    const fresh = hiddenValue(stale.body, 'basis', ['/correction"']);
    expect(fresh).not.toBe(basis);
    const redone = await post(rowPage, `${rowPage}/correction`, [
      ['submission_id', uuid()],
      ['week', '2022-W23'],
      ['reason', 'Précision de la binôme'],
      ['basis', fresh ?? ''],
      ...Object.entries(
        weeklyAnswers({ dmp_fed: 7, patients_included: 9 }, { vigilance_points: 'Relance faite' }),
      ),
    ]);
    expect(redone.statusCode).toBe(303);
    expect(s.data.store.reportVersion('gh-cochin/uc1', '2022-W23')).toMatchObject({
      version: 3,
      values: { dmp_fed: 7, patients_included: 9, vigilance_points: 'Relance faite' },
    });
  });

  it('refuses an ARS cell edit whose editor showed a value a colleague changed since, showing the new value', async () => {
    const grid = await s.get(ars);
    const basis = hiddenValue(grid.body, 'basis', ['value="gh-cochin/uc1"', 'value="actions"']);
    expect(basis).toBeDefined();
    const edit = (value: string, b: string) =>
      post(ars, `${ars}/cellule`, [
        ['row_key', 'gh-cochin/uc1'],
        ['column_id', 'actions'],
        ['back', 'grid'],
        ['basis', b],
        ['value', value],
      ]);
    expect((await edit('Relancer le DSI', basis ?? '')).statusCode).toBe(303);
    const stale = await edit('Point le 20/06', basis ?? '');
    expect(stale.statusCode).toBe(422);
    expect(stale.body).toContain('« Actions en cours ou à mener » (maintenant « Relancer le DSI »)');
    expect(s.data.store.annotations('gh-cochin/uc1')).toEqual({ actions: 'Relancer le DSI' });
    const fresh = hiddenValue(stale.body, 'basis', ['value="gh-cochin/uc1"', 'value="actions"']);
    expect((await edit('Point le 20/06', fresh ?? '')).statusCode).toBe(303);
    expect(s.data.store.annotations('gh-cochin/uc1')).toEqual({ actions: 'Point le 20/06' });
  });

  it('gives every cell editor of the grid and the row page the basis of the stored value, dates and contacts included', async () => {
    const ctx = { project: s.deps.project, store: s.deps.store, clock: s.clock };
    for (const [columnId, raw] of [
      ['launch_meeting_date', '2022-05-20'],
      ['actions', 'Relancer le DSI'],
    ] as const)
      expect(
        editCell(ctx, { rowKey: 'gh-cochin/uc1', columnId, raw, role: 'ars', author: 'a', source: 'grid' })
          .status,
      ).toBe('saved');
    const e = s.deps.store.getEstablishment('gh-cochin');
    const useCase = e?.useCases.find((u) => u.id === 'uc1');
    if (!e || !useCase) throw new Error('no gh-cochin/uc1');
    const values = suiviRowValues(
      s.deps.project.tracking,
      e,
      useCase,
      undefined,
      s.deps.store.annotations('gh-cochin/uc1'),
    );
    const grid = (await s.get(ars)).body;
    const row = (await s.get(`${ars}/lignes/gh-cochin/uc1`)).body;
    const editable = s.deps.project.tracking.columns.filter(
      (c) => canWrite(s.deps.project.tracking, 'ars', c).allowed,
    );
    expect(editable.map((c) => c.id)).toEqual(
      expect.arrayContaining(['ars_contact', 'launch_meeting_date', 'actions']),
    );
    for (const column of editable)
      for (const page of [grid, row])
        expect(hiddenValue(page, 'basis', ['value="gh-cochin/uc1"', `value="${column.id}"`])).toBe(
          cellBasis(column.id, values[column.id]),
        );
  });

  it('refuses a form posted without its basis (a page from before, a hand-made request) and shows the current value', async () => {
    const res = await s.app.inject({ method: 'GET', url: ars });
    const post = await s.app.inject({
      method: 'POST',
      url: `${ars}/cellule`,
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookieHeader(res) },
      payload: new URLSearchParams([
        ['_csrf', csrfOf(res.body)],
        ['row_key', 'gh-cochin/uc1'],
        ['column_id', 'actions'],
        ['value', 'Sans base'],
      ]).toString(),
    });
    expect(post.statusCode).toBe(422);
    expect(post.body).toContain('Ce formulaire ne dit pas sur quelles valeurs il a été rempli');
    expect(s.data.store.annotations('gh-cochin/uc1')).toEqual({});
  });

  it('refuses an ANS remark typed over a remark changed since', async () => {
    const ans = s.link('ans');
    const page = await s.get(`${ans}/remarques`);
    const basis = hiddenValue(page.body, 'basis', ['value="gh-cochin/uc1"', 'value="remarks"']) ?? '';
    const remark = (value: string) =>
      post(`${ans}/remarques`, `${ans}/remarques`, [
        ['row_key', 'gh-cochin/uc1'],
        ['column_id', 'remarks'],
        ['back', 'remarks'],
        ['basis', basis],
        ['value', value],
      ]);
    expect((await remark('Vu en comité')).statusCode).toBe(303);
    const stale = await remark('À revoir');
    expect(stale.statusCode).toBe(422);
    expect(stale.body).toContain('« Remarques » (maintenant « Vu en comité »)');
    expect(s.data.store.annotations('gh-cochin/uc1')).toEqual({ remarks: 'Vu en comité' });
  });

  it('refuses an ES profile form opened before another referent saved the profile', async () => {
    const opened = await s.get(`${es}/profil`);
    const basis = hiddenValue(opened.body, 'basis', ['/profil"']) ?? '';
    const profile = (beds: string): Array<[string, string]> => [
      ['submission_id', uuid()],
      ['basis', basis],
      ['care_type', 'MCO'],
      ['bed_count', beds],
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
    ];
    expect((await post(`${es}/profil`, `${es}/profil`, profile('1200'))).statusCode).toBe(200);
    const stale = await post(`${es}/profil`, `${es}/profil`, profile('900'));
    expect(stale.statusCode).toBe(422);
    expect(stale.body).toContain('« Nb de lits » (maintenant « 1200 »)');
    expect(shownValues(stale.body, 'bed_count')).toEqual(['1200']);
    expect(s.data.store.getEstablishment('gh-cochin')?.values.bed_count).toBe(1200);
  });

  it('refuses a RETEX section text typed over one a colleague saved since, keeping the other sections typed', async () => {
    const doc = CROSS_CUTTING_KEY;
    const page = `${ars}/retex/textes?document=${encodeURIComponent(doc)}`;
    const [first, second] = arsSections(
      readRetexDescriptions(s.deps.project, retexTemplatesDir(s.deps.project)).crossCutting,
    );
    if (!first || !second) throw new Error('two ARS sections expected');
    const opened = await s.get(page);
    const basis = hiddenValue(opened.body, 'basis', ['name="document_key"']) ?? '';
    const save = (fields: Array<[string, string]>) =>
      post(page, `${ars}/retex/textes`, [['document_key', doc], ['basis', basis], ...fields]);
    expect((await save([[`section.${first.id}`, 'Texte de la collègue']])).statusCode).toBe(303);
    const stale = await save([
      [`section.${first.id}`, 'Mon texte, écrit sur la page ouverte avant'],
      [`section.${second.id}`, 'Deuxième section'],
    ]);
    expect(stale.statusCode).toBe(422);
    expect(stale.body).toContain(`« ${first.title} » (maintenant « Texte de la collègue »)`);
    expect(shownValues(stale.body, `section.${first.id}`)).toEqual(['Texte de la collègue']);
    expect(shownValues(stale.body, `section.${second.id}`)).toEqual(['Deuxième section']);
    const saved = new RetexSqliteStore(s.data.db).listSectionTexts();
    expect(saved.map((t) => t.text)).toEqual(['Texte de la collègue']);
  });

  describe('import of a file exported before an online edit', () => {
    const upload = async (data: Buffer) => {
      const page = await s.get(`${ars}/echanges`);
      const { payload, contentType } = multipartBody([['_csrf', csrfOf(page.body)]], {
        name: 'file',
        filename: 'suivi.xlsx',
        type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        data,
      });
      return s.app.inject({
        method: 'POST',
        url: `${ars}/import`,
        headers: { 'content-type': contentType, cookie: cookieHeader(page) },
        payload,
      });
    };
    const apply = async (preview: string, chosen: string[] = []) => {
      const action = /action="([^"]+\/appliquer)"/.exec(preview)?.[1] ?? '';
      const page = await s.get(`${ars}/echanges`);
      return s.app.inject({
        method: 'POST',
        url: action,
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookieHeader(page) },
        payload: new URLSearchParams([
          ['_csrf', csrfOf(page.body)],
          ...chosen.map((c): [string, string] => ['retenir', c]),
        ]).toString(),
      });
    };
    const staleFile = async () => {
      const exported = await s.get(`${ars}/export.xlsx`);
      // Meanwhile, a colleague edits COCHIN online; the older file then gets BICHAT changed offline.
      await s.submit(ars, `${ars}/cellule`, [
        ['row_key', 'gh-cochin/uc1'],
        ['column_id', 'actions'],
        ['value', 'Modifié en ligne'],
      ]);
      const suivi = await readSuivi(exported.rawPayload, s.deps.project.tracking);
      suivi.cell('gh-bichat/uc1', 'actions').value = 'Point DSI le 04/07';
      return Buffer.from(await suivi.book.xlsx.writeBuffer());
    };

    it('sets the revert apart in the preview and « Appliquer » keeps the online edit', async () => {
      const preview = await upload(await staleFile());
      expect(preview.statusCode).toBe(200);
      expect(preview.body).toContain("Modifiées en ligne depuis l'export : mises de côté");
      expect(preview.body).toContain('name="retenir" value="0"');
      const res = await apply(preview.body);
      expect(res.statusCode).toBe(303);
      expect(s.data.store.annotations('gh-cochin/uc1')).toEqual({ actions: 'Modifié en ligne' });
      expect(s.data.store.annotations('gh-bichat/uc1')).toEqual({ actions: 'Point DSI le 04/07' });
    });

    it('applies a set-apart change when it is ticked', async () => {
      const preview = await upload(await staleFile());
      expect((await apply(preview.body, ['0'])).statusCode).toBe(303);
      expect(s.data.store.annotations('gh-cochin/uc1').actions ?? null).toBeNull();
    });
  });
});
