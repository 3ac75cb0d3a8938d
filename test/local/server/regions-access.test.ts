// Several regions in one instance (config `regions`): an ARS link sees, edits, exports and imports only its
// region's rows, on every ARS route; the pilot's ARS does not see the listed region's rows either; the ANS sees
// all. Same structure as access.test.ts: one attempt per route, and a check that every route has one.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { annotationColumns } from '../../../src/domain/columns';
import { openLocalData, type LocalData } from '../../../src/local/local-data';
import { OutboxMailer } from '../../../src/local/mail/mailer';
import { buildServer } from '../../../src/local/server/build-server';
import { exportWorkbook } from '../../../src/app/export-workbook';
import { renderWorkbookXlsx } from '../../../src/local/xlsx/render-workbook';
import type { Project } from '../../../src/schema/project';
import { FixedClock, projectCopy, weeklyAnswers } from '../../support/project';
import { basisFromPage, cookieHeader, csrfOf, formPayload } from '../../support/local/server';
import { routesOf } from '../../support/local/routes';
import { RetexSqliteStore } from '../../../src/local/db/retex-sqlite-store';
import { multipartBody } from '../../support/local/xlsx-cells';
import { recordPoint } from '../../../src/app/accompaniment';
import { openAccompaniment } from '../../../src/local/accompaniment-data';
import { AccompanimentSqliteStore } from '../../../src/local/db/accompaniment-sqlite-store';

const HDF_ARS = 'ars.hdf@example.fr';
const IDF_ARS = 'ars.idf@example.fr';
/** gh-paul-doumer (Oise) is the only pilot establishment of Hauts-de-France. */
const HDF_ES = 'gh-paul-doumer';
const IDF_ES = 'gh-cochin';
const IDF_SECRETS = [
  'COCHIN',
  'Secret Cochin',
  'gh-cochin',
  'Hélène Secrète',
  'Point secret',
  'Action secrète',
];
/** Île-de-France's follow-up action (recorded in beforeAll): its id names the establishment and the point. */
const IDF_ACTION = `${IDF_ES}-2022-06-08-1-a1`;
const HDF_COMMITTEE = '2022-07-12';

describe('ARS access across regions', () => {
  let dir: string;
  let data: LocalData;
  let app: FastifyInstance;
  let project: Project;
  const clock = new FixedClock(new Date('2022-06-10T12:00:00+02:00'));
  const linkOf = (role: string, label?: string, es?: string) => {
    const found = data.links
      .active()
      .find(
        (l) =>
          l.role === role &&
          (label === undefined || l.label === label) &&
          (es === undefined || l.establishmentId === es),
      );
    if (!found) throw new Error(`no ${role} link ${label ?? es ?? ''}`);
    return data.links.path(found);
  };
  const get = (url: string) => app.inject({ method: 'GET', url });
  const submit = async (page: string, action: string, fields: Array<[string, string]>) => {
    const res = await get(page);
    return app.inject({
      method: 'POST',
      url: action,
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookieHeader(res) },
      payload: formPayload([
        ['_csrf', csrfOf(res.body)],
        ...basisFromPage(res.body, action, fields),
        ...fields,
      ]),
    });
  };
  const snapshot = () =>
    JSON.stringify([
      data.store.listEstablishments(),
      data.store.listReportVersions(),
      data.store.listCellChanges(),
      [...data.store.allAnnotations()],
      ...[new AccompanimentSqliteStore(data.db)].map((a) => [
        a.listBinomes(),
        a.listAssignments(),
        a.listPoints(),
        a.listActions(),
        a.listCommitteeTexts(),
        a.listCommitteeIssues(),
      ]),
    ]);

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'suivi-mes-regions-'));
    project = projectCopy();
    project.config.roles.ars = [IDF_ARS];
    project.config.regions = [
      {
        id: 'hdf',
        name: 'Hauts-de-France',
        ars: [HDF_ARS],
        binomes: 'binomes-hdf.json',
        accompaniment: { committees: [HDF_COMMITTEE], pointCadenceDays: 7 },
      },
    ];
    project.config.files.binomes = 'binomes-idf.json';
    // Each region's binômes file: Île-de-France's names only its establishment, Hauts-de-France's only its own.
    const officer = (name: string, email: string) => ({ name, email });
    fs.writeFileSync(
      path.join(dir, 'binomes-idf.json'),
      JSON.stringify({
        binomes: [
          {
            id: 'binome-idf',
            ars: officer('Hélène Secrète', 'helene@ars-idf.example.fr'),
            sesan: officer('Antoine Perrin', 'antoine@sesan.example.fr'),
          },
        ],
        assignments: { [IDF_ES]: 'binome-idf' },
      }),
    );
    fs.writeFileSync(
      path.join(dir, 'binomes-hdf.json'),
      JSON.stringify({
        binomes: [
          {
            id: 'binome-hdf',
            ars: officer('Rémi Nordiste', 'remi@ars-hdf.example.fr'),
            sesan: officer('Julie Picarde', 'julie@gip-hdf.example.fr'),
          },
        ],
        assignments: { [HDF_ES]: 'binome-hdf' },
      }),
    );
    data = openLocalData(dir, project, { demoNow: clock.now() }).data;
    const idfAccompaniment = openAccompaniment(data, project, path.join(dir, 'suivi.config.json'));
    expect(
      recordPoint(idfAccompaniment, {
        establishmentId: IDF_ES,
        author: IDF_ARS,
        raw: {
          date: '08/06/2022',
          participants: 'ARS, SESAN',
          summary: 'Point secret Cochin',
          actions: [{ text: 'Action secrète Cochin', owner: 'es', dueDate: '15/06/2022' }],
        },
      }).status,
    ).toBe('saved');
    app = await buildServer({
      project,
      store: data.store,
      links: data.links,
      secret: data.secret,
      clock,
      mailer: new OutboxMailer(data.outboxDir, undefined, () => clock.now()),
      baseUrl: 'http://localhost:8080',
      demo: false,
      dataDir: dir,
    });
    for (const [es, text] of [
      [IDF_ES, 'Secret Cochin'],
      [HDF_ES, 'Point Doumer'],
    ] as const) {
      const link = linkOf('es', undefined, es);
      const res = await submit(link, link, [
        ['submission_id', crypto.randomUUID()],
        ['week', '2022-W23'],
        ...Object.entries(weeklyAnswers({ visits: 12 }, { vigilance_points: text })),
      ]);
      expect(res.statusCode).toBe(303);
    }
  });
  afterAll(async () => {
    await app.close();
    data.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('gives each ARS address its own link', () => {
    expect(
      data.links
        .active()
        .filter((l) => l.role === 'ars')
        .map((l) => l.label)
        .sort(),
    ).toEqual([HDF_ARS, IDF_ARS]);
  });

  const arsColumn = () => {
    const column = annotationColumns(project.tracking, 'ars')[0];
    if (!column) throw new Error('no ARS column');
    return column.id;
  };

  /** One attempt per ARS route, each naming or reaching the Île-de-France row from the Hauts-de-France link. */
  const ATTEMPTS: Record<string, (hdf: string) => Promise<LightMyRequestResponse>> = {
    '/ars/:token': (hdf) => get(hdf),
    '/ars/:token/cellule': (hdf) =>
      submit(hdf, `${hdf}/cellule`, [
        ['row_key', `${IDF_ES}/uc1`],
        ['column_id', arsColumn()],
        ['back', 'grid'],
        ['value', 'Intrusion'],
      ]),
    '/ars/:token/lignes/:establishmentId/:useCaseId': (hdf) => get(`${hdf}/lignes/${IDF_ES}/uc1`),
    '/ars/:token/lignes/:establishmentId/:useCaseId/correction': (hdf) =>
      submit(hdf, `${hdf}/lignes/${IDF_ES}/uc1/correction`, [
        ['submission_id', crypto.randomUUID()],
        ['week', '2022-W23'],
        ['reason', 'Intrusion'],
        ...Object.entries(weeklyAnswers({ visits: 99 })),
      ]),
    '/ars/:token/completude': (hdf) => get(`${hdf}/completude`),
    '/ars/:token/relances': (hdf) => submit(`${hdf}/completude`, `${hdf}/relances`, [['week', '2022-W23']]),
    '/ars/:token/journal': (hdf) => get(`${hdf}/journal`),
    '/ars/:token/echanges': (hdf) => get(`${hdf}/echanges`),
    '/ars/:token/export.xlsx': (hdf) => get(`${hdf}/export.xlsx`),
    '/ars/:token/historique.csv': (hdf) => get(`${hdf}/historique.csv`),
    '/ars/:token/import': async (hdf) => {
      // The whole instance's file, with an ARS cell of the Île-de-France row changed.
      const model = exportWorkbook({ project, store: data.store, clock });
      const file = await renderWorkbookXlsx(model, { role: 'ars', now: clock.now() });
      const page = await get(`${hdf}/echanges`);
      const { payload, contentType } = multipartBody([['_csrf', csrfOf(page.body)]], {
        name: 'file',
        filename: 'tout.xlsx',
        type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        data: file,
      });
      return app.inject({
        method: 'POST',
        url: `${hdf}/import`,
        headers: { 'content-type': contentType, cookie: cookieHeader(page) },
        payload,
      });
    },
    '/ars/:token/import/:id/appliquer': (hdf) =>
      submit(`${hdf}/echanges`, `${hdf}/import/inconnu/appliquer`, []),
    '/ars/:token/import/:id/annuler': (hdf) => submit(`${hdf}/echanges`, `${hdf}/import/inconnu/annuler`, []),
    '/ars/:token/retex': (hdf) => get(`${hdf}/retex`),
    '/ars/:token/retex/generer': (hdf) =>
      submit(`${hdf}/retex`, `${hdf}/retex/generer`, [['milestone', 'V1']]),
    '/ars/:token/retex/versions/:label/fichiers': (hdf) =>
      submit(`${hdf}/retex`, `${hdf}/retex/versions/V1/fichiers`, []),
    '/ars/:token/retex/fichiers/:name': (hdf) => get(`${hdf}/retex/fichiers/inconnu.docx`),
    '/ars/:token/retex/textes': (hdf) => get(`${hdf}/retex/textes`),
    '/ars/:token/accompagnement': (hdf) => get(`${hdf}/accompagnement`),
    '/ars/:token/accompagnement/es/:establishmentId': (hdf) => get(`${hdf}/accompagnement/es/${IDF_ES}`),
    '/ars/:token/accompagnement/es/:establishmentId/points': (hdf) =>
      submit(`${hdf}/accompagnement`, `${hdf}/accompagnement/es/${IDF_ES}/points`, [
        ['date', '09/06/2022'],
        ['summary', 'Intrusion'],
      ]),
    '/ars/:token/accompagnement/es/:establishmentId/binome': (hdf) =>
      submit(`${hdf}/accompagnement`, `${hdf}/accompagnement/es/${IDF_ES}/binome`, [
        ['binome', 'binome-hdf'],
      ]),
    '/ars/:token/accompagnement/actions/:actionId': (hdf) =>
      submit(`${hdf}/accompagnement`, `${hdf}/accompagnement/actions/${IDF_ACTION}`, [
        ['status', 'done'],
        ['version', '1'],
      ]),
    // The same id as Île-de-France's binôme: a binôme of this region's own, never a change to the other's.
    '/ars/:token/accompagnement/binomes': (hdf) =>
      submit(`${hdf}/accompagnement`, `${hdf}/accompagnement/binomes`, [
        ['id', 'binome-idf'],
        ['arsName', 'Intrus ARS'],
        ['arsEmail', 'intrus@ars-hdf.example.fr'],
        ['sesanName', 'Intrus SESAN'],
        ['sesanEmail', 'intrus@gip-hdf.example.fr'],
      ]),
    '/ars/:token/accompagnement/comite': (hdf) =>
      submit(`${hdf}/accompagnement`, `${hdf}/accompagnement/comite`, [
        ['month', '2022-06'],
        ['text', 'Décision Hauts-de-France'],
      ]),
    '/ars/:token/accompagnement/comite/:label/:kind': (hdf) =>
      get(`${hdf}/accompagnement/comite/2022-06-1/docx`),
    '/ars/:token/accompagnement/calendrier/:file': (hdf) =>
      get(`${hdf}/accompagnement/calendrier/binome-idf.ics`),
    '/ars/:token/accompagnement/calendrier.ics': (hdf) => get(`${hdf}/accompagnement/calendrier.ics`),
  };

  /** Routes whose request carries the Île-de-France key, and the « unknown row » answer they must give. */
  const ECHOING: Record<string, string> = {
    '/ars/:token/cellule': `Ligne de suivi inconnue « ${IDF_ES}/uc1 »`,
    '/ars/:token/import': `la clé « ${IDF_ES}/uc1 » ne correspond à aucune ligne du suivi`,
  };

  it('has an attempt for every ARS route', () => {
    const routes = [
      ...new Set(
        routesOf(app)
          .filter((r) => r.path.startsWith('/ars/'))
          .map((r) => r.path),
      ),
    ];
    expect(routes.sort()).toEqual(Object.keys(ATTEMPTS).sort());
  });

  it.each(Object.keys(ATTEMPTS))(
    '%s: the Hauts-de-France link never shows nor changes an Île-de-France row',
    async (route) => {
      const hdf = linkOf('ars', HDF_ARS);
      const before = snapshot();
      const attempt = ATTEMPTS[route];
      if (!attempt) throw new Error(route);
      const res = await attempt(hdf);
      expect(res.statusCode).toBeLessThan(500);
      const body = res.headers['content-type']?.toString().includes('spreadsheet')
        ? await xlsxText(res.rawPayload)
        : res.body;
      // Where the request itself names the Île-de-France row, the answer is the one an unknown row gets: the key
      // typed is quoted back, nothing stored is.
      const echoed = ECHOING[route];
      if (echoed) expect(body).toContain(echoed);
      for (const secret of echoed ? ['Secret Cochin', 'COCHIN'] : IDF_SECRETS)
        expect({ route, has: body.includes(secret) }).toEqual({ route, has: false });
      expect(snapshot()).toBe(before);
    },
  );

  async function xlsxText(buffer: Buffer): Promise<string> {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(buffer as unknown as ArrayBuffer);
    const out: string[] = [];
    for (const ws of book.worksheets)
      ws.eachRow((row) => {
        for (const v of row.values as ExcelJS.CellValue[])
          if (v !== null && v !== undefined) out.push(String(v));
      });
    return out.join('\n');
  }

  it('the Hauts-de-France link sees, edits and exports its own row', async () => {
    const hdf = linkOf('ars', HDF_ARS);
    const grid = await get(hdf);
    expect(grid.body).toContain('PAUL DOUMER');
    const res = await submit(hdf, `${hdf}/cellule`, [
      ['row_key', `${HDF_ES}/uc1`],
      ['column_id', arsColumn()],
      ['back', 'grid'],
      ['value', 'Action Doumer'],
    ]);
    expect(res.statusCode).toBe(303);
    expect(data.store.annotations(`${HDF_ES}/uc1`)[arsColumn()]).toBe('Action Doumer');
    const file = await get(`${hdf}/export.xlsx`);
    expect(await xlsxText(file.rawPayload)).toContain('Action Doumer');
  });

  it('the pilot region’s ARS does not see the Hauts-de-France row; the ANS sees both', async () => {
    const idf = await get(linkOf('ars', IDF_ARS));
    expect(idf.body).toContain('COCHIN');
    expect(idf.body).not.toContain('PAUL DOUMER');
    const row = await get(`${linkOf('ars', IDF_ARS)}/lignes/${HDF_ES}/uc1`);
    expect(row.statusCode).toBe(404);
    const ans = await get(linkOf('ans'));
    expect(ans.body).toContain('COCHIN');
    expect(ans.body).toContain('PAUL DOUMER');
  });

  it('a region issues its own RETEX, from its own rows, apart from the pilot region’s', async () => {
    const hdf = linkOf('ars', HDF_ARS);
    const res = await submit(`${hdf}/retex`, `${hdf}/retex/generer`, [['milestone', 'V1']]);
    expect(res.statusCode).toBeLessThan(400);
    const own = new RetexSqliteStore(data.db, 'hdf').listIssues();
    expect(own.map((i) => i.label)).toContain('V1');
    expect(JSON.stringify(own)).toContain('PAUL DOUMER');
    expect(JSON.stringify(own)).not.toContain('COCHIN');
    expect(new RetexSqliteStore(data.db).listIssues()).toEqual([]);
    expect(fs.readdirSync(path.join(dir, 'regions', 'hdf'), { recursive: true }).length).toBeGreaterThan(0);
    const idfPage = await get(`${linkOf('ars', IDF_ARS)}/retex`);
    expect(idfPage.body).not.toContain('PAUL DOUMER');
  });
  it('each region follows its own binômes, points, actions and committee dates; its ES sees its own actions', async () => {
    const hdf = linkOf('ars', HDF_ARS);
    const idf = linkOf('ars', IDF_ARS);
    const hdfPage = await get(`${hdf}/accompagnement`);
    expect(hdfPage.statusCode).toBe(200);
    expect(hdfPage.body).toContain('Rémi Nordiste');
    expect(hdfPage.body).not.toContain('Hélène Secrète');
    const idfPage = await get(`${idf}/accompagnement`);
    expect(idfPage.body).toContain('Hélène Secrète');
    expect(idfPage.body).not.toContain('Rémi Nordiste');
    // The region's own committee date is in its calendar, not in the pilot region's.
    const ics = (await get(`${hdf}/accompagnement/calendrier.ics`)).body;
    expect(ics).toContain('20220712');
    expect((await get(`${idf}/accompagnement/calendrier.ics`)).body).not.toContain('20220712');
    // A point of the Hauts-de-France ARS on its establishment: kept in its region, its action on its ES's page.
    const res = await submit(`${hdf}/accompagnement`, `${hdf}/accompagnement/es/${HDF_ES}/points`, [
      ['date', '09/06/2022'],
      ['participants', 'ARS, GIP'],
      ['summary', 'Point Doumer'],
      ['action.0.text', 'Action Doumer à faire'],
      ['action.0.owner', 'es'],
      ['action.0.dueDate', '16/06/2022'],
    ]);
    expect(res.statusCode).toBe(303);
    expect(new AccompanimentSqliteStore(data.db, 'hdf').listPoints().map((p) => p.establishmentId)).toEqual([
      HDF_ES,
    ]);
    expect(new AccompanimentSqliteStore(data.db).listPoints().map((p) => p.establishmentId)).toEqual([
      IDF_ES,
    ]);
    const es = await get(`${linkOf('es', undefined, HDF_ES)}/accompagnement`);
    expect(es.body).toContain('Action Doumer à faire');
    expect(es.body).not.toContain('Action secrète');
    const idfEs = await get(`${linkOf('es', undefined, IDF_ES)}/accompagnement`);
    expect(idfEs.body).toContain('Action secrète Cochin');
  });
});
