import ExcelJS from 'exceljs';
import PizZip from 'pizzip';
import { readTrackingXlsx } from '../../../src/local/xlsx/read-tracking-file';
import { renderWorkbookXlsx } from '../../../src/local/xlsx/render-workbook';
import { applyImport, previewImport } from '../../../src/app/import-workbook';
import { MemoryStore } from '../../../src/app/memory-store';
import type { AppContext } from '../../../src/app/context';
import { requireColumn } from '../../../src/domain/columns';
import { materialise, weeklyCases, type WeeklyCase } from '../../support/bad-input';
import { pilotSeason, workbookOf } from '../../support/app/pilot-season';

// The free-text cases of the shared bad-input corpus (test/fixtures/bad-input/weekly.json), typed by the ARS into
// its own long-text column « Actions en cours ou à mener » of an exported workbook, then imported: each gets the
// refusal the forms give, or is stored verbatim and exported again as text, never as a formula.
const season = pilotSeason();
const actions = requireColumn(season.project.tracking, 'actions');
const FREE_TEXT = new Set(['messaging_feedback', 'dmp_feedback', 'vigilance_points']);
const ROW = 'gh-cochin/uc1';

function textCase(c: WeeklyCase): string | undefined {
  const entries = Object.entries(c.set ?? {});
  if (entries.length !== 1 || c.unset || c.week || c.establishmentId || c.useCaseId) return undefined;
  const [field, value] = entries[0] ?? [];
  if (!field || !FREE_TEXT.has(field) || value === undefined) return undefined;
  const raw = materialise(value);
  if (typeof raw !== 'string') return undefined;
  // « Actions » takes 4,000 characters where the ES feedback takes 2,000: a length between the two is no refusal.
  if ('code' in c.expect && c.expect.code === 'TEXT_TOO_LONG' && raw.length <= 4_000) return undefined;
  return raw;
}

const cases = weeklyCases().flatMap((c) => {
  const text = textCase(c);
  return text === undefined ? [] : [{ id: c.id, text, expect: c.expect }];
});

let exported: Buffer;
beforeAll(async () => {
  exported = await renderWorkbookXlsx(workbookOf(season), { role: 'ars' });
}, 30_000);

/**
 * What Excel saves when a person types `text` in the cell: each UTF-16 unit XML cannot carry (C0 controls,
 * U+FFFE, U+FFFF, a lone surrogate) becomes _xHHHH_ (ECMA-376 Part 1, 22.9.2.19 ST_Xstring).
 */
function asExcelStoresIt(text: string): string {
  // eslint-disable-next-line no-control-regex -- the characters Excel escapes
  return text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDFFF]/gu, (ch) => {
    return `_x${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`;
  });
}

async function withActions(data: Buffer, text: string): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(data as unknown as ArrayBuffer);
  const ws = book.getWorksheet('Suivi');
  if (!ws) throw new Error('no Suivi');
  const labels = (ws.getRow(2).values as ExcelJS.CellValue[]).slice(1);
  const key = labels.indexOf(season.project.tracking.layout.keyColumnLabel) + 1;
  ws.eachRow((row) => {
    if (row.getCell(key).value === ROW)
      row.getCell(labels.indexOf(actions.label) + 1).value = asExcelStoresIt(text);
  });
  return Buffer.from(await book.xlsx.writeBuffer());
}

describe('the bad-input corpus through the .xlsx import', () => {
  it('has free-text cases to run', () => {
    expect(cases.length).toBeGreaterThanOrEqual(20);
  });

  it.each(cases.map((c) => [c.id, c] as const))('%s', async (_, c) => {
    const ctx: AppContext = {
      ...season,
      store: new MemoryStore(structuredClone((season.store as MemoryStore).state)),
    };
    const read = await readTrackingXlsx(await withActions(exported, c.text), ctx.project);
    if (!read.ok) throw new Error(JSON.stringify(read.errors));
    const preview = previewImport(ctx, 'ars', read.file);
    if ('code' in c.expect) {
      expect(preview.changes).toEqual([]);
      expect(preview.refused.map((r) => [r.rowKey, r.columnId, r.code])).toEqual([
        [ROW, 'actions', c.expect.code],
      ]);
      expect(preview.refused[0]?.reason).toContain(`« ${actions.label} »`);
      return;
    }
    expect(preview.refused).toEqual([]);
    expect(applyImport(ctx, 'ars', 'binome@ars.sante.fr', preview).status).toBe('applied');
    expect(ctx.store.annotations(ROW).actions).toBe(c.expect.stored);
    const again = await renderWorkbookXlsx(workbookOf(ctx), { role: 'ars' });
    const sheetXml = new PizZip(again).file('xl/worksheets/sheet1.xml')?.asText() ?? '';
    expect(sheetXml).not.toMatch(/<f[ >]/);
    const reread = await readTrackingXlsx(again, ctx.project);
    expect(reread.ok && previewImport(ctx, 'ars', reread.file).changes).toEqual([]);
  });
});
