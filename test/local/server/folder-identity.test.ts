// The data folder deleted, moved or replaced under a running server: SQLite would go on writing into the unlinked
// file and every form would be acknowledged, lost at the next start. The server compares the folder's identity
// before each write and before each acknowledgement: it refuses with a French 503 and acknowledges nothing.
import fs from 'node:fs';
import path from 'node:path';
import { frStorage } from '../../../src/local/messages';
import { DATABASE_FILE, SECRET_FILE } from '../../../src/local/local-data';
import { weeklyAnswers } from '../../support/project';
import { startTestServer, type TestServer } from '../../support/local/server';

describe('the local server when its data folder is deleted or replaced', () => {
  let s: TestServer;
  let es: string;
  beforeEach(async () => {
    s = await startTestServer('2022-06-10T12:00:00+02:00');
    es = s.link('es', 'gh-cochin');
  });
  afterEach(() => s.close());

  const weekly = (week: string, date: string): Array<[string, string]> => [
    ['submission_id', crypto.randomUUID()],
    ['week', week],
    ...Object.entries(weeklyAnswers({}, { report_date: date })),
  ];
  const refusedAsGone = (res: { statusCode: number; body: string; headers: Record<string, unknown> }) => {
    expect(res.statusCode).toBe(503);
    expect(res.headers.location).toBeUndefined();
    expect(res.body).toContain(frStorage.folderGone().replace(/'/g, '&#39;').slice(0, 60));
  };

  it('acknowledges a submission while the folder is in place', async () => {
    const res = await s.submit(es, es, weekly('2022-W22', '2022-06-03'));
    expect(res.statusCode).toBe(303);
  });

  it.each([
    ['the folder deleted', (dir: string) => fs.rmSync(dir, { recursive: true, force: true })],
    [
      'the folder moved away and an empty one made in its place',
      (dir: string) => {
        fs.renameSync(dir, `${dir}-moved`);
        fs.mkdirSync(dir);
      },
    ],
    [
      'the database replaced by a copy',
      (dir: string) => {
        const file = path.join(dir, DATABASE_FILE);
        fs.copyFileSync(file, `${file}.copy`);
        fs.renameSync(`${file}.copy`, file);
      },
    ],
    [
      'the secret key replaced',
      (dir: string) => {
        const file = path.join(dir, SECRET_FILE);
        fs.writeFileSync(`${file}.new`, fs.readFileSync(file));
        fs.renameSync(`${file}.new`, file);
      },
    ],
  ])('refuses every form with a French 503 once %s, and keeps refusing', async (_case, change) => {
    const page = await s.get(es);
    change(s.dir);
    for (const week of ['2022-W22', '2022-W23']) {
      const res = await s.app.inject({
        method: 'POST',
        url: es,
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          cookie: page.cookies.map((c) => `${c.name}=${c.value}`).join('; '),
        },
        payload: new URLSearchParams([
          ['_csrf', /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? ''],
          ...weekly(week, week === '2022-W22' ? '2022-06-03' : '2022-06-10'),
        ]).toString(),
      });
      refusedAsGone(res);
    }
    expect(s.data.store.listReportVersions()).toEqual([]);
    fs.rmSync(`${s.dir}-moved`, { recursive: true, force: true });
  });

  it('does not acknowledge a submission whose folder vanished while it was being saved', async () => {
    const save = s.data.store.inGroupCommit.bind(s.data.store);
    jest.spyOn(s.data.store, 'inGroupCommit').mockImplementation(async (fn) => {
      const value = await save(fn);
      fs.rmSync(s.dir, { recursive: true, force: true });
      return value;
    });
    refusedAsGone(await s.submit(es, es, weekly('2022-W22', '2022-06-03')));
  });

  it('still serves the pages to read', async () => {
    fs.rmSync(s.dir, { recursive: true, force: true });
    expect((await s.get(es)).statusCode).toBe(200);
  });
});
