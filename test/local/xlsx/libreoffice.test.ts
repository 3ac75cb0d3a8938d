import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { renderWorkbookXlsx } from '../../../src/local/xlsx/render-workbook';
import { readTrackingXlsx } from '../../../src/local/xlsx/read-tracking-file';
import { previewImport } from '../../../src/app/import-workbook';
import { FORMULA_LIKE, pilotSeason, workbookOf } from '../../support/app/pilot-season';

// LibreOffice headless, in a throwaway HOME and profile, opens the export the way an ARS without Excel would.
const season = pilotSeason();
const model = workbookOf(season);
let dir: string;

function soffice(args: string[]): void {
  execFileSync(
    'soffice',
    ['--headless', '--norestore', `-env:UserInstallation=file://${path.join(dir, 'profile')}`, ...args],
    { env: { ...process.env, HOME: dir }, timeout: 120_000, stdio: 'pipe' },
  );
}

function csvOf(file: string): string[][] {
  const text = fs.readFileSync(file, 'utf8');
  return Papa.parse<string[]>(text, { delimiter: ';' }).data;
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'suivi-mes-lo-'));
  fs.writeFileSync(path.join(dir, 'suivi.xlsx'), await renderWorkbookXlsx(model, { role: 'ars' }));
  fs.mkdirSync(path.join(dir, 'csv'));
  fs.mkdirSync(path.join(dir, 'xlsx'));
  // CSV filter: « ; », « " », UTF-8, every sheet (-1), cell contents as shown.
  soffice([
    '--convert-to',
    'csv:Text - txt - csv (StarCalc):59,34,76,1,,1036,false,true,true,false,false,-1',
    '--outdir',
    path.join(dir, 'csv'),
    path.join(dir, 'suivi.xlsx'),
  ]);
  soffice(['--convert-to', 'xlsx', '--outdir', path.join(dir, 'xlsx'), path.join(dir, 'suivi.xlsx')]);
}, 240_000);

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('the exported .xlsx opened by LibreOffice', () => {
  it('converts every tab to CSV', () => {
    const written = fs.readdirSync(path.join(dir, 'csv')).sort();
    expect(written).toEqual(
      model.sheets
        .map((s) => `suivi-${s.name}.csv`)
        .concat('suivi-Listes.csv', 'suivi-Export.csv')
        .sort(),
    );
  });

  it('keeps the labels, numbers, French dates and formula-like text of Suivi as they were written', () => {
    const rows = csvOf(path.join(dir, 'csv', 'suivi-Suivi.csv'));
    const tracking = season.project.tracking;
    expect(rows[1]?.slice(0, tracking.columns.length)).toEqual(tracking.columns.map((c) => c.label));
    const byKey = (key: string) => rows.find((r) => r.at(-1) === key) ?? [];
    const col = (id: string) => tracking.columns.findIndex((c) => c.id === id);
    const bichat = byKey('gh-bichat/uc1');
    expect(bichat[col('actions')]).toBe(FORMULA_LIKE.actions);
    expect(bichat[col('launch_meeting_date')]).toBe('12/05/2022');
    expect(bichat[col('messages_sent')]).toMatch(/^\d+$/);
    expect(byKey('clinique-du-parc/uc1')[col('remarks')]).toBe(FORMULA_LIKE.remarks);
    expect(byKey('clinique-du-parc/uc1')[col('messaging_feedback')]).toBe(FORMULA_LIKE.feedback);
  });

  it('saves it back as an .xlsx that imports with no change at all and keeps cell types', async () => {
    const data = fs.readFileSync(path.join(dir, 'xlsx', 'suivi.xlsx'));
    const read = await readTrackingXlsx(data, season.project);
    if (!read.ok) throw new Error(JSON.stringify(read.errors));
    const preview = previewImport(season, 'ars', read.file);
    expect(preview).toMatchObject({ rowsMatched: 17, changes: [], setApart: [], refused: [] });
    // The export basis survives LibreOffice's save: cells changed online since can still be set apart.
    expect(read.file.exportBasis).toEqual(model.exportBasis);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(data as unknown as ArrayBuffer);
    const ws = book.getWorksheet('Suivi');
    expect(ws?.getCell('Q3').type).toBe(ExcelJS.ValueType.Number);
    expect(ws?.getCell('J3').value).toEqual(new Date(Date.UTC(2022, 4, 12)));
    expect(book.getWorksheet('Journal')?.state).toBe('hidden');
  });
});
