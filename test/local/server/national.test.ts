// The national demonstration over HTTP: the ANS summary shows the Île-de-France pilots and the two fictional
// regions, each with its totals, completeness and freshness; the filters narrow every figure; the ANS download is
// the national workbook with every region's rows.
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { startNationalDemoServer } from '../../support/local/server';

describe('national demonstration: ANS summary', () => {
  let app: FastifyInstance;
  let ans: string;
  let close: () => Promise<void>;
  beforeAll(async () => ({ app, ans, close } = await startNationalDemoServer('suivi-mes-national-demo-')));
  afterAll(() => close());

  const regionRow = (html: string, id: string) => {
    const m = new RegExp(`<tr data-region="${id}">(.*?)</tr>`, 's').exec(
      html.slice(html.indexOf('Totaux et complétude par région')),
    );
    return m?.[1] ?? '';
  };
  const counter = (row: string, id: string) =>
    Number((new RegExp(`data-counter="${id}">([^<]*)<`).exec(row)?.[1] ?? 'NaN').replace(/\s|\u202f/g, ''));

  it('shows at least three regions with their totals, completeness and freshness, under the demo banner', async () => {
    const res = await app.inject({ method: 'GET', url: ans });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Données de démonstration');
    for (const id of ['idf', 'demo-nord', 'demo-sud']) {
      const row = regionRow(res.body, id);
      expect(row).not.toBe('');
      expect(counter(row, 'patients_included')).toBeGreaterThan(0);
      expect(row).toMatch(/data-completeness="[^"]+">\d+(,\d)? %</);
    }
    expect(res.body).toContain('Région fictive Nord (démonstration)');
    expect(res.body).toMatch(/Région fictive Sud \(démonstration\)<\/th>\s*<td>Fichier exporté le /);
    // The national total is the sum of the regions'.
    const total = Number(
      (/class="kpi-value" data-counter="patients_included">([^<]*)</.exec(res.body)?.[1] ?? '').replace(
        /\s|\u202f/g,
        '',
      ),
    );
    const sum = ['idf', 'demo-nord', 'demo-sud']
      .map((id) => counter(regionRow(res.body, id), 'patients_included'))
      .reduce((a, b) => a + b, 0);
    expect(total).toBe(sum);
  });

  it('the region filter narrows the totals to that region', async () => {
    const all = await app.inject({ method: 'GET', url: ans });
    const sud = counter(regionRow(all.body, 'demo-sud'), 'patients_included');
    const res = await app.inject({ method: 'GET', url: `${ans}?region=demo-sud` });
    expect(regionRow(res.body, 'idf')).toBe('');
    const total = Number(
      (/class="kpi-value" data-counter="patients_included">([^<]*)</.exec(res.body)?.[1] ?? '').replace(
        /\s|\u202f/g,
        '',
      ),
    );
    expect(total).toBe(sud);
    expect(res.body).toContain('<option value="demo-sud" selected');
  });

  it('the ANS download is the national workbook: rows of every region', async () => {
    const res = await app.inject({ method: 'GET', url: `${ans}/export.xlsx` });
    expect(res.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const values: string[] = [];
    book.getWorksheet('Suivi')?.eachRow((row) => {
      for (const v of row.values as ExcelJS.CellValue[]) if (typeof v === 'string') values.push(v);
    });
    expect(values).toContain('Région fictive Nord (démonstration)');
    expect(values).toContain('Région fictive Sud (démonstration)');
    expect(values).toContain('Île-de-France');
  });
});
