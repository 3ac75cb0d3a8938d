// A data folder that stops taking writes while the server runs: the disk fills up (SQLite's page limit stands for
// it here, the same SQLITE_FULL a full disk gives; test/commands/serve-faults.test.ts fills a real tmpfs) or the
// database turns read-only (query_only, the SQLITE_READONLY of a file system remounted read-only). Every write gets
// a French page, nothing is half-written, reading goes on, and the same form goes through once writing is back.
import { frStorage } from '../../../src/local/messages';
import { weeklyAnswers } from '../../support/project';
import { fullDiskScenario, pageLimitDisk } from '../../support/local/full-disk';
import { startTestServer, type TestServer } from '../../support/local/server';

describe('the local server when the data folder stops taking writes', () => {
  let s: TestServer;
  let es: string;
  beforeEach(async () => {
    s = await startTestServer('2022-06-10T12:00:00+02:00');
    es = s.link('es', 'gh-cochin');
    const first = await s.submit(es, es, [
      ['submission_id', crypto.randomUUID()],
      ['week', '2022-W22'],
      ...Object.entries(weeklyAnswers({}, { report_date: '2022-06-03' })),
    ]);
    expect(first.statusCode).toBe(303);
  });
  afterEach(() => s.close());

  const weekly = (id: string, text: string): Array<[string, string]> => [
    ['submission_id', id],
    ['week', '2022-W23'],
    ...Object.entries(weeklyAnswers({}, { vigilance_points: text })),
  ];
  const stored = (id: string) =>
    s.data.db
      .prepare('SELECT COUNT(*) FROM report_versions WHERE submission_id = ?')
      .pluck()
      .get(`web:gh-cochin:${id}`);

  it('refuses a submission on a full disk with a French page, stores none of it, and takes it once space is back', async () => {
    const figures = await fullDiskScenario(pageLimitDisk(s, es, ['2022-W23']));
    expect(s.data.store.listReportVersions()).toHaveLength(1 + figures.acceptedWhileFilling + 1);
  });

  it('refuses every write in French while the database is read-only, keeps showing pages, and writes again after', async () => {
    const ars = s.link('ars');
    const ans = s.link('ans');
    const before = JSON.stringify([
      s.data.store.listReportVersions(),
      s.data.store.listEstablishments(),
      [...s.data.store.allAnnotations()],
      s.data.store.listCellChanges(),
    ]);
    s.data.db.pragma('query_only = ON');
    const id = crypto.randomUUID();
    const writes = [
      await s.submit(es, es, weekly(id, 'Pendant la panne.')),
      await s.submit(`${es}/profil`, `${es}/profil`, [
        ['submission_id', crypto.randomUUID()],
        ['bed_count', '1200'],
      ]),
      await s.submit(ars, `${ars}/cellule`, [
        ['row_key', 'gh-cochin/uc1'],
        ['column_id', 'actions'],
        ['value', 'Relancer le DSI'],
      ]),
      await s.submit(`${ans}/remarques`, `${ans}/remarques`, [
        ['row_key', 'gh-cochin/uc1'],
        ['column_id', 'remarks'],
        ['value', 'À suivre'],
      ]),
    ];
    for (const res of writes) {
      expect(res.statusCode).toBe(503);
      expect(res.body).toContain(frStorage.readOnly());
    }
    for (const page of [es, `${es}/historique`, ars, `${ars}/lignes/gh-cochin/uc1`, ans])
      expect((await s.get(page)).statusCode).toBe(200);
    s.data.db.pragma('query_only = OFF');
    expect(
      JSON.stringify([
        s.data.store.listReportVersions(),
        s.data.store.listEstablishments(),
        [...s.data.store.allAnnotations()],
        s.data.store.listCellChanges(),
      ]),
    ).toBe(before);
    expect((await s.submit(es, es, weekly(id, 'Après la panne.'))).statusCode).toBe(303);
    expect(stored(id)).toBe(1);
    expect(s.data.db.pragma('integrity_check', { simple: true })).toBe('ok');
  });
});
