// A data folder that already holds text no file may carry (written before the rule of src/domain/safe-text.ts, or
// by hand in the SQLite file) exports cleanly again: the .xlsx opens with ExcelJS and LibreOffice, every row is
// there, the text shows « � » where a character could not be written, the Historique CSV too, and the ARS's own
// export imports back with no change.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Papa from 'papaparse';
import { hasUnsafeCharacters } from '../../../src/domain/safe-text';
import { decodeExcelEscapes } from '../../../src/local/xlsx/read-tracking-file';
import { weeklyAnswers } from '../../support/project';
import { cookieHeader, csrfOf, startTestServer, type TestServer } from '../../support/local/server';
import { multipartBody, readSuivi } from '../../support/local/xlsx-cells';

const NASTY = 'Relance\uFFFF urgente\u0001 \uD800 fin \uFDD0 😀 _x0041_ \u{10FFFF}.';
const SHOWN = 'Relance� urgente� � fin � 😀 _x0041_ �.';

let s: TestServer;
let ars: string;
let dir: string;

beforeAll(async () => {
  s = await startTestServer('2022-06-10T10:00:00+02:00');
  ars = s.link('ars');
  const es = s.link('es', 'gh-cochin');
  const sent = await s.submit(es, es, [
    ['submission_id', crypto.randomUUID()],
    ['week', '2022-W23'],
    ...Object.entries(weeklyAnswers({ dmp_fed: 17 })),
  ]);
  expect(sent.statusCode).toBe(303);
  // Straight into the SQLite file, past every validation.
  const db = s.data.store.db;
  db.prepare('INSERT OR REPLACE INTO annotations (row_key, column_id, value) VALUES (?, ?, ?)').run(
    'gh-cochin/uc1',
    'actions',
    JSON.stringify(NASTY),
  );
  db.prepare('INSERT INTO journal (record) VALUES (?)').run(
    JSON.stringify({
      at: '2022-06-10T08:00:00.000Z',
      kind: 'cell.refused',
      actor: 'x',
      role: 'es',
      summary: NASTY,
    }),
  );
  const version = db
    .prepare<[], { row_key: string; establishment_id: string; week: string; record: string }>(
      'SELECT row_key, establishment_id, week, record FROM report_versions ORDER BY seq DESC LIMIT 1',
    )
    .get();
  if (!version) throw new Error('no version');
  const record = JSON.parse(version.record) as { version: number; values: Record<string, unknown> };
  db.prepare(
    'INSERT INTO report_versions (row_key, establishment_id, week, version, submission_id, record) VALUES (?, ?, ?, ?, ?, ?)',
  ).run(
    version.row_key,
    version.establishment_id,
    version.week,
    99,
    'planted',
    JSON.stringify({
      ...record,
      version: 99,
      submissionId: 'planted',
      values: { ...record.values, vigilance_points: NASTY },
    }),
  );
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'suivi-mes-unsafe-'));
});

afterAll(async () => {
  await s.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const exported = async () => {
  const res = await s.get(`${ars}/export.xlsx`);
  expect(res.statusCode).toBe(200);
  return res.rawPayload;
};

describe('a data folder holding text no file may carry', () => {
  it('exports an .xlsx that ExcelJS opens, the text shown with « � »', async () => {
    const suivi = await readSuivi(await exported(), s.deps.project.tracking);
    expect(decodeExcelEscapes(String(suivi.cell('gh-cochin/uc1', 'actions').value))).toBe(SHOWN);
    const journal = suivi.book.getWorksheet('Journal');
    const summaries: string[] = [];
    journal?.eachRow((row) => summaries.push(String(row.getCell(6).value ?? '')));
    expect(summaries.map(decodeExcelEscapes)).toContain(SHOWN);
  });

  it('imports its own export back with no change', async () => {
    const page = await s.get(`${ars}/echanges`);
    const { payload, contentType } = multipartBody([['_csrf', csrfOf(page.body)]], {
      name: 'file',
      filename: 'suivi.xlsx',
      type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      data: await exported(),
    });
    const preview = await s.app.inject({
      method: 'POST',
      url: `${ars}/import`,
      headers: { 'content-type': contentType, cookie: cookieHeader(page) },
      payload,
    });
    expect(preview.statusCode).toBe(200);
    expect(preview.body).toContain('Aucune : le fichier ne change aucune de vos colonnes.');
  });

  it('exports a Historique CSV holding the text with « � »', async () => {
    const res = await s.get(`${ars}/historique.csv`);
    expect(res.statusCode).toBe(200);
    expect(hasUnsafeCharacters(res.body)).toBe(false);
    expect(res.body).toContain(SHOWN);
  });

  it('exports an .xlsx that LibreOffice reads whole: every row of Suivi, the text with « � »', async () => {
    const file = path.join(dir, 'suivi.xlsx');
    fs.writeFileSync(file, await exported());
    execFileSync(
      'soffice',
      [
        '--headless',
        '--norestore',
        `-env:UserInstallation=file://${path.join(dir, 'profile')}`,
        '--convert-to',
        'csv:Text - txt - csv (StarCalc):59,34,76,1,,1036,false,true,true,false,false,-1',
        '--outdir',
        dir,
        file,
      ],
      { env: { ...process.env, HOME: dir }, timeout: 120_000, stdio: 'pipe' },
    );
    const csv = (tab: string) =>
      Papa.parse<string[]>(fs.readFileSync(path.join(dir, `suivi-${tab}.csv`), 'utf8'), { delimiter: ';' })
        .data;
    const suivi = csv('Suivi').filter((r) => r.some((c) => c !== ''));
    const rows = s.data.store.listEstablishments().flatMap((e) => e.useCases).length;
    expect(suivi).toHaveLength(2 + rows);
    const cochin = suivi.find((r) => r.at(-1) === 'gh-cochin/uc1') ?? [];
    expect(cochin.map(decodeExcelEscapes)).toContain(SHOWN);
    expect(csv('Journal').flat().map(decodeExcelEscapes)).toContain(SHOWN);
  }, 180_000);
});
