import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { SheetModel } from '../../../src/domain/workbook/sheet-model';
import { renderWorkbookXlsx } from '../../../src/local/xlsx/render-workbook';
import { pilotSeason, workbookOf } from '../../support/app/pilot-season';

// The committee's printout, checked on paper: LibreOffice prints the export to PDF, poppler's pdfinfo and pdftotext
// read the pages back (scripts/test.sh installs both when missing).
const model = workbookOf(pilotSeason());
const suivi = model.sheets.find((s) => s.name === 'Suivi') as SheetModel;
// Seventeen rows fit on one page: forty times as many rows make the header repetition visible.
const manyRows: SheetModel = { ...suivi, rows: Array.from({ length: 40 }, () => suivi.rows).flat() };
const tracking = pilotSeason().project.tracking;
const firstLabel = tracking.columns[0]?.label ?? '';
const lastVisibleLabel = tracking.columns.at(-1)?.label ?? '';
let dir: string;
let pages: string[];
let sizes: Array<{ width: number; height: number }>;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'suivi-mes-print-'));
  const file = path.join(dir, 'suivi.xlsx');
  fs.writeFileSync(file, await renderWorkbookXlsx({ ...model, sheets: [manyRows] }, { role: 'ars' }));
  execFileSync(
    'soffice',
    [
      '--headless',
      '--norestore',
      `-env:UserInstallation=file://${path.join(dir, 'profile')}`,
      '--convert-to',
      'pdf',
      '--outdir',
      dir,
      file,
    ],
    { env: { ...process.env, HOME: dir }, timeout: 120_000, stdio: 'pipe' },
  );
  const pdf = path.join(dir, 'suivi.pdf');
  pages = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).split('\f').slice(0, -1);
  const info = execFileSync('pdfinfo', ['-f', '1', '-l', String(pages.length), pdf], { encoding: 'utf8' });
  sizes = [...info.matchAll(/Page +\d+ size: +([\d.]+) x ([\d.]+) pts/g)].map((m) => ({
    width: Number(m[1]),
    height: Number(m[2]),
  }));
}, 240_000);

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('the Suivi tab printed by LibreOffice', () => {
  it('prints on landscape A4 pages, each with the date and its page number in the footer', () => {
    expect(pages.length).toBeGreaterThan(1);
    expect(sizes).toHaveLength(pages.length);
    for (const size of sizes) {
      expect(size.width).toBeCloseTo(841.9, 0);
      expect(size.height).toBeCloseTo(595.3, 0);
    }
    pages.forEach((page, i) => {
      expect(page).toMatch(/Imprimé le \d{2}\/\d{2}\/\d{4}/);
      expect(page).toContain(`Page ${i + 1} / ${pages.length}`);
    });
  });

  it('fits every column on each page and repeats the header rows: each page shows the first and last labels', () => {
    for (const page of pages) {
      expect(page).toContain(firstLabel);
      expect(page).toContain(lastVisibleLabel);
    }
  });
});
