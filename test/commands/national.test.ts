// The national consolidation through the real program: a region's instance exports its official file, the
// national instance loads it with `national import`, and `export --role ans` gives the national workbook with those
// rows under their region. The same file again changes nothing; an older export, another region's file and a
// changed establishment list (without --apply) are refused or previewed.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { openLocalData } from '../../src/local/local-data';
import { setMeta, getMeta } from '../../src/local/db/meta';
import { demoMoment, seedDemo } from '../../src/local/demo';
import { NationalStore } from '../../src/local/db/national-store';
import { defaultProject } from '../support/project';
import { runMainInProcess } from '../support/main-in-process';

const run = runMainInProcess;

/** Moves a data folder's clock by some days, so its next export is dated later. */
function shiftClock(dir: string, days: number): void {
  const { data } = openLocalData(dir, defaultProject());
  const offset = Number(getMeta(data.db, 'clock_offset_ms') ?? '0');
  setMeta(data.db, 'clock_offset_ms', String(offset + days * 86_400_000));
  data.close();
}

async function suiviRegions(file: string): Promise<Map<string, string>> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(fs.readFileSync(file) as unknown as ArrayBuffer);
  const sheet = book.getWorksheet('Suivi');
  if (!sheet) throw new Error('no Suivi');
  const labels = (sheet.getRow(2).values as ExcelJS.CellValue[]).map((v) => String(v ?? ''));
  const key = labels.indexOf(defaultProject().tracking.layout.keyColumnLabel);
  const region = labels.indexOf('Région');
  const out = new Map<string, string>();
  sheet.eachRow((row, n) => {
    if (n > 2) out.set(String(row.getCell(key).value), String(row.getCell(region).value));
  });
  return out;
}

describe('national import and export', () => {
  let root: string;
  let regional: string;
  let nationalDir: string;
  beforeAll(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'suivi-mes-national-'));
    regional = path.join(root, 'idf');
    nationalDir = path.join(root, 'national');
    const project = defaultProject();
    const { data } = openLocalData(regional, project, { demoNow: demoMoment(project.config).now });
    seedDemo(data, project);
    data.close();
  });
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it('export of a region → national import --region idf → export --role ans: those rows under their region', async () => {
    const first = path.join(root, 'idf-1.xlsx');
    expect((await run(['--data', regional, 'export', '--role', 'lecture', '--out', first])).code).toBe(0);
    const load = await run(['--data', nationalDir, 'national', 'import', first, '--region', 'idf']);
    expect(load.err).toBe('');
    expect(load.code).toBe(0);
    expect(load.out).toMatch(
      /Île-de-France : 16 établissement\(s\), \d+ ligne\(s\), [1-9]\d* déclaration\(s\)/,
    );
    const out = path.join(root, 'national.xlsx');
    expect((await run(['--data', nationalDir, 'export', '--role', 'ans', '--out', out])).code).toBe(0);
    const rows = await suiviRegions(out);
    const source = await suiviRegions(first);
    expect(rows.size).toBe(source.size);
    expect([...source.values()].filter((r) => r === 'Île-de-France').length).toBeGreaterThan(10);
    for (const [key, region] of source) expect(rows.get(`idf:${key}`)).toBe(region);
    // The weekly history came along: the national Historique has as many versions as the region's.
    const count = async (file: string) => {
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(fs.readFileSync(file) as unknown as ArrayBuffer);
      return book.getWorksheet('Historique')?.actualRowCount ?? 0;
    };
    expect(await count(out)).toBe(await count(first));

    const again = await run(['--data', nationalDir, 'national', 'import', first, '--region', 'idf']);
    expect(again.code).toBe(0);
    expect(again.out).toContain('ce fichier est déjà chargé');
    const { data } = openLocalData(nationalDir, defaultProject());
    expect(new NationalStore(data.db).versions()).toHaveLength(1);
    data.close();

    shiftClock(regional, 7);
    const second = path.join(root, 'idf-2.xlsx');
    await run(['--data', regional, 'export', '--role', 'lecture', '--out', second]);
    expect((await run(['--data', nationalDir, 'national', 'import', second, '--region', 'idf'])).code).toBe(
      0,
    );
    const older = await run(['--data', nationalDir, 'national', 'import', first, '--region', 'idf']);
    expect(older.code).toBe(1);
    expect(older.err).toMatch(
      /avant le fichier de Île-de-France déjà chargé .* refusé, rien n'a été modifié/,
    );
    const status = JSON.parse((await run(['--data', nationalDir, '--json', 'national', 'status'])).out) as {
      regions: Array<{ id: string; source: string; exportedAt: string | null }>;
    };
    expect(status.regions.find((r) => r.id === 'idf')).toMatchObject({ source: 'import' });
    const { data: after } = openLocalData(nationalDir, defaultProject());
    const versions = new NationalStore(after.db).versions();
    after.close();
    expect(versions).toHaveLength(2);
    expect(status.regions.find((r) => r.id === 'idf')?.exportedAt).toBe(versions[1]?.exportedAt);
  });

  it('refuses a file from another region; nothing is created', async () => {
    const file = path.join(root, 'idf-other.xlsx');
    await run(['--data', regional, 'export', '--role', 'lecture', '--out', file]);
    const other = path.join(root, 'other-national');
    const { code, err } = await run(['--data', other, 'national', 'import', file, '--region', 'bre']);
    expect(code).toBe(1);
    expect(err).toContain(
      'Ce fichier est celui de la région « Île-de-France », pas de « Bretagne » : refusé.',
    );
    expect(fs.existsSync(path.join(other, 'suivi-mes.sqlite'))).toBe(false);
  });

  it('a changed establishment list is previewed and waits for --apply', async () => {
    const dir = path.join(root, 'preview-national');
    const before = path.join(root, 'idf-before.xlsx');
    await run(['--data', regional, 'export', '--role', 'lecture', '--out', before]);
    // The next file lacks one establishment: its Suivi rows and Historique rows are removed.
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(fs.readFileSync(before) as unknown as ArrayBuffer);
    const gone = 'gh-cochin/';
    for (const name of ['Suivi', 'Historique']) {
      const sheet = book.getWorksheet(name);
      if (!sheet) throw new Error(name);
      const rows: number[] = [];
      sheet.eachRow((row, n) => {
        if ((row.values as ExcelJS.CellValue[]).some((v) => typeof v === 'string' && v.startsWith(gone)))
          rows.push(n);
      });
      expect(rows.length).toBeGreaterThan(0);
      for (const n of rows.reverse()) sheet.spliceRows(n, 1);
    }
    book.created = new Date(book.created.getTime() + 86_400_000);
    const after = path.join(root, 'idf-after.xlsx');
    fs.writeFileSync(after, Buffer.from(await book.xlsx.writeBuffer()));
    expect((await run(['--data', dir, 'national', 'import', before, '--region', 'idf'])).code).toBe(0);
    const preview = await run(['--data', dir, 'national', 'import', after, '--region', 'idf']);
    expect(preview.out).toContain('La liste des établissements a changé');
    expect(preview.out).toMatch(/ {2}- .*cochin/i);
    expect(preview.out).toContain('Relancez avec --apply');
    const count = () => {
      const { data } = openLocalData(dir, defaultProject());
      const n = new NationalStore(data.db).versions().length;
      data.close();
      return n;
    };
    expect(count()).toBe(1);
    const applied = await run(['--data', dir, 'national', 'import', after, '--region', 'idf', '--apply']);
    expect(applied.out).toContain('Chargé');
    expect(count()).toBe(2);
  });

  it('refuses a bad value in Historique, naming the sheet, the row and the column', async () => {
    const file = path.join(root, 'idf-bad.xlsx');
    await run(['--data', regional, 'export', '--role', 'lecture', '--out', file]);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(fs.readFileSync(file) as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('Historique');
    if (!sheet) throw new Error('no Historique');
    const labels = (sheet.getRow(1).values as ExcelJS.CellValue[]).map((v) => String(v ?? ''));
    const counter = defaultProject().tracking.columns.find(
      (c) => c.type.kind === 'integer' && c.cadence === 'weekly' && c.owner === 'es',
    );
    if (!counter) throw new Error('no counter');
    const col = labels.indexOf(counter.label);
    sheet.getCell(3, col).value = 'beaucoup';
    const bad = path.join(root, 'idf-bad-2.xlsx');
    fs.writeFileSync(bad, Buffer.from(await book.xlsx.writeBuffer()));
    const { code, err } = await run([
      '--data',
      path.join(root, 'bad'),
      'national',
      'import',
      bad,
      '--region',
      'idf',
    ]);
    expect(code).toBe(1);
    expect(err).toContain(
      `Feuille « Historique », ligne 3, colonne ${String.fromCharCode(64 + col)} « ${counter.label} »`,
    );
    expect(err).toContain('beaucoup');
  });

  it('loads the file of a region whose establishments have not filled their profile yet (empty cells stay empty)', async () => {
    const fresh = path.join(root, 'fresh');
    const file = path.join(root, 'fresh.xlsx');
    expect((await run(['--data', fresh, 'export', '--role', 'lecture', '--out', file])).code).toBe(0);
    const res = await run([
      '--data',
      path.join(root, 'fresh-national'),
      'national',
      'import',
      file,
      '--region',
      'idf',
    ]);
    expect(res.err).toBe('');
    expect(res.out).toContain('Île-de-France : 16 établissement(s), 17 ligne(s), 0 déclaration(s)');
  });
});
