// ARS export and import over HTTP: the .xlsx and CSV downloads, the upload's preview, confirmation and refusals.
import { weeklyAnswers } from '../../support/project';
import { cookieHeader, csrfOf, startTestServer, type TestServer } from '../../support/local/server';
import { multipartBody, readSuivi } from '../../support/local/xlsx-cells';

describe('Export and import for the ARS / SESAN', () => {
  let s: TestServer;
  let ars: string;
  beforeEach(async () => {
    s = await startTestServer('2022-06-10T10:00:00+02:00');
    ars = s.link('ars');
    const es = s.link('es', 'gh-cochin');
    await s.submit(es, es, [
      ['submission_id', crypto.randomUUID()],
      ['week', '2022-W23'],
      ...Object.entries(weeklyAnswers({ dmp_fed: 17 }, { vigilance_points: '=SOMME(A1:A9)' })),
    ]);
    await s.submit(ars, `${ars}/cellule`, [
      ['row_key', 'gh-cochin/uc1'],
      ['column_id', 'actions'],
      ['value', 'Relancer le DSI'],
    ]);
  });
  afterEach(() => s.close());

  const exported = async (url = `${ars}/export.xlsx`) => {
    const res = await s.get(url);
    expect(res.statusCode).toBe(200);
    return res.rawPayload;
  };
  const upload = async (data: Buffer, filename = 'suivi.xlsx', withCsrf = true) => {
    const page = await s.get(`${ars}/echanges`);
    const { payload, contentType } = multipartBody(withCsrf ? [['_csrf', csrfOf(page.body)]] : [], {
      name: 'file',
      filename,
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
  const post = async (url: string) => {
    const page = await s.get(`${ars}/echanges`);
    return s.app.inject({
      method: 'POST',
      url,
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookieHeader(page) },
      payload: new URLSearchParams([['_csrf', csrfOf(page.body)]]).toString(),
    });
  };

  it('downloads the master workbook with the ES submission under its label and the ARS cells as edited', async () => {
    const res = await s.get(`${ars}/export.xlsx`);
    expect(res.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(res.headers['content-disposition']).toBe('attachment; filename="suivi-mes-ars-2022-06-10.xlsx"');
    const suivi = await readSuivi(res.rawPayload, s.deps.project.tracking);
    expect(suivi.cell('gh-cochin/uc1', 'dmp_fed').value).toBe(17);
    expect(suivi.cell('gh-cochin/uc1', 'vigilance_points').value).toBe('=SOMME(A1:A9)');
    expect(suivi.cell('gh-cochin/uc1', 'vigilance_points').formula).toBeUndefined();
    expect(suivi.cell('gh-cochin/uc1', 'actions').value).toBe('Relancer le DSI');
    expect(suivi.cell('gh-cochin/uc1', 'remarks').value).toBeNull();
    expect(suivi.cell('gh-bichat/uc1', 'dmp_fed').value).toBeNull();
    expect(suivi.cell('gh-cochin/uc1', 'actions').protection?.locked).toBe(false);
    expect(suivi.cell('gh-cochin/uc1', 'dmp_fed').protection?.locked).not.toBe(false);
    expect(s.data.store.listJournal().some((j) => j.kind === 'export' && j.actor === 'ARS / SESAN')).toBe(
      true,
    );
  });

  it('gives the ANS a copy where only its own column is unlocked, and no ES form link', async () => {
    const suivi = await readSuivi(await exported(`${s.link('ans')}/export.xlsx`), s.deps.project.tracking);
    expect(suivi.cell('gh-cochin/uc1', 'remarks').protection?.locked).toBe(false);
    expect(suivi.cell('gh-cochin/uc1', 'actions').protection?.locked).not.toBe(false);
    const registry = suivi.book.getWorksheet('Établissements');
    let links = 0;
    registry?.eachRow((r) => r.eachCell((c) => (links += String(c.value).includes('/es/') ? 1 : 0)));
    expect(links).toBe(0);
  });

  it('downloads the history as CSV for French spreadsheets', async () => {
    const res = await s.get(`${ars}/historique.csv`);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.body.startsWith('\uFEFF')).toBe(true);
    expect(res.body).toContain('Cumul Nb de DMP alimentés');
    expect(res.body).toContain("'=SOMME(A1:A9)");
  });

  it('previews an offline edit of an ARS column, applies it on confirmation, refuses an ES value with its reason', async () => {
    const suivi = await readSuivi(await exported(), s.deps.project.tracking);
    suivi.cell('gh-cochin/uc1', 'actions').value = 'Point le 20/06';
    suivi.cell('gh-cochin/uc1', 'dmp_fed').value = 99;
    const preview = await upload(Buffer.from(await suivi.book.xlsx.writeBuffer()));
    expect(preview.statusCode).toBe(200);
    expect(preview.body).toContain("Aperçu de l'import");
    expect(preview.body).toMatch(
      /Actions en cours ou à mener<\/td><td class="multiline">Relancer le DSI<\/td><td class="multiline">Point le 20\/06</,
    );
    expect(preview.body).toContain("valeur déclarée par l'établissement");
    expect(s.data.store.annotations('gh-cochin/uc1')).toEqual({ actions: 'Relancer le DSI' });
    const apply = /action="([^"]+\/appliquer)"/.exec(preview.body)?.[1] ?? '';
    const res = await post(apply);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`${ars}/echanges?importe=1`);
    expect(s.data.store.annotations('gh-cochin/uc1')).toEqual({ actions: 'Point le 20/06' });
    expect(s.data.store.reportVersion('gh-cochin/uc1', '2022-W23')?.values.dmp_fed).toBe(17);
    expect(s.data.store.listCellChanges().at(-1)).toMatchObject({ source: 'import', author: 'ARS / SESAN' });
    const again = await post(apply);
    expect(again.body).toContain("Cet aperçu n'est plus disponible");
  });

  it('changes nothing when the import is cancelled', async () => {
    const suivi = await readSuivi(await exported(), s.deps.project.tracking);
    suivi.cell('gh-cochin/uc1', 'actions').value = 'Autre chose';
    const preview = await upload(Buffer.from(await suivi.book.xlsx.writeBuffer()));
    const cancel = /action="([^"]+\/annuler)"/.exec(preview.body)?.[1] ?? '';
    expect((await post(cancel)).headers.location).toBe(`${ars}/echanges?annule=1`);
    expect(s.data.store.annotations('gh-cochin/uc1')).toEqual({ actions: 'Relancer le DSI' });
  });

  it('refuses a file that is not a workbook with a clear message and writes nothing', async () => {
    const res = await upload(Buffer.from('ceci n’est pas un classeur'), 'notes.xlsx');
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain("Ce fichier n'est pas un classeur Excel .xlsx.");
  });

  it('refuses an upload without its CSRF token', async () => {
    const res = await upload(await exported(), 'suivi.xlsx', false);
    expect(res.statusCode).toBe(403);
  });

  it('refuses an upload larger than the limit with a French page', async () => {
    const res = await upload(Buffer.alloc(10 * 2 ** 20 + 10, 1));
    expect(res.statusCode).toBe(413);
    expect(res.body).toContain('au plus 10 Mo sont acceptés');
  });

  it.each<
    [string, (body: { payload: Buffer; contentType: string }) => { payload: Buffer; contentType: string }]
  >([
    ['without boundary', (b) => ({ ...b, contentType: 'multipart/form-data' })],
    ['cut short', (b) => ({ ...b, payload: b.payload.subarray(0, Math.floor(b.payload.length / 2)) })],
    ['cut inside the file', (b) => ({ ...b, payload: b.payload.subarray(0, b.payload.length - 200) })],
  ])(
    'answers an upload %s with a French 400, not a server error, and imports nothing',
    async (_case, damage) => {
      const page = await s.get(`${ars}/echanges`);
      const { payload, contentType } = damage(
        multipartBody([['_csrf', csrfOf(page.body)]], {
          name: 'file',
          filename: 'suivi.xlsx',
          type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          data: await exported(),
        }),
      );
      const before = s.data.store.listCellChanges().length;
      const res = await s.app.inject({
        method: 'POST',
        url: `${ars}/import`,
        headers: { 'content-type': contentType, cookie: cookieHeader(page) },
        payload,
      });
      expect(res.statusCode).toBe(400);
      expect(res.body).toContain("L'envoi du fichier est incomplet ou mal formé");
      expect(s.data.store.listCellChanges()).toHaveLength(before);
    },
  );

  it('does not let another link confirm a preview', async () => {
    const suivi = await readSuivi(await exported(), s.deps.project.tracking);
    suivi.cell('gh-cochin/uc1', 'actions').value = 'X';
    const preview = await upload(Buffer.from(await suivi.book.xlsx.writeBuffer()));
    const apply = /action="([^"]+\/appliquer)"/.exec(preview.body)?.[1] ?? '';
    s.data.links.rotate((l) => l.role === 'ars', new Date());
    const other = s.link('ars');
    const res = await s.submit(`${other}/echanges`, apply.replace(ars, other), []);
    expect(res.body).toContain("Cet aperçu n'est plus disponible");
    expect(s.data.store.annotations('gh-cochin/uc1')).toEqual({ actions: 'Relancer le DSI' });
  });
});
