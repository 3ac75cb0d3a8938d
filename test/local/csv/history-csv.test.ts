import Papa from 'papaparse';
import { historyCsv } from '../../../src/local/csv/history-csv';
import { historyHeader } from '../../../src/domain/workbook/history-sheet';
import type { SheetModel } from '../../../src/domain/workbook/sheet-model';
import { FORMULA_LIKE, pilotSeason, workbookOf } from '../../support/app/pilot-season';

const season = pilotSeason();
const history = workbookOf(season).sheets.find((s) => s.name === 'Historique') as SheetModel;
const csv = historyCsv(history);
const lines = Papa.parse<string[]>(csv.slice(1), {
  delimiter: ';',
  newline: '\r\n',
  skipEmptyLines: true,
}).data;

describe('historyCsv', () => {
  it('starts with a UTF-8 BOM, separates with « ; » and ends lines with CRLF, for French Excel', () => {
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv.slice(1).split('\r\n')[0]).toBe(historyHeader(season.project.tracking).join(';'));
  });

  it('writes one line per report version, each with every column', () => {
    expect(lines).toHaveLength(1 + history.rows.length);
    for (const line of lines) expect(line).toHaveLength(history.columns.length);
  });

  it('writes numbers plainly, dates and receipt times the French way, in Paris time', () => {
    const first = lines[1] ?? [];
    const at = (key: string) => first[history.columns.findIndex((c) => c.key === key)];
    expect(at('version')).toBe('1');
    expect(at('messages_sent')).toBe('10');
    expect(at('report_date')).toBe('19/05/2022');
    expect(at('received_at')).toBe('19/05/2022 12:00');
  });

  it('neutralises formula-like text with an apostrophe and quotes what holds line breaks', () => {
    const feedback = history.columns.findIndex((c) => c.key === 'messaging_feedback');
    expect(lines.map((l) => l[feedback])).toContain(`'${FORMULA_LIKE.feedback}`);
    expect(csv).toContain(`"'${FORMULA_LIKE.feedback}"`);
  });

  it('quotes a field holding « ; » or « " » the RFC 4180 way', () => {
    const sheet: SheetModel = {
      ...history,
      header: [
        [
          { t: 's', v: 'A' },
          { t: 's', v: 'B' },
        ],
      ],
      columns: history.columns.slice(0, 2),
      rows: [
        [
          { t: 's', v: 'un ; deux' },
          { t: 's', v: 'dit "bonjour"' },
        ],
        [null, { t: 's', v: '=1+1' }],
      ],
    };
    expect(historyCsv(sheet)).toBe('\uFEFFA;B\r\n"un ; deux";"dit ""bonjour"""\r\n;\'=1+1\r\n');
  });
});
