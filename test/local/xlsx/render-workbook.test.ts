import ExcelJS from 'exceljs';
import PizZip from 'pizzip';
import {
  EXPORT_SHEET,
  LISTS_SHEET,
  renderWorkbookXlsx,
  widthInCharacters,
} from '../../../src/local/xlsx/render-workbook';
import { ownerColor, type SheetModel, type WorkbookModel } from '../../../src/domain/workbook/sheet-model';
import { columnIndex, requireColumn } from '../../../src/domain/columns';
import { rowKey } from '../../../src/domain/model';
import type { Role } from '../../../src/schema/tracking-file';
import { FORMULA_LIKE, pilotSeason, workbookOf } from '../../support/app/pilot-season';

const ctx = pilotSeason();
const tracking = ctx.project.tracking;
const model: WorkbookModel = workbookOf(ctx);
const sheetModel = (name: string): SheetModel => {
  const s = model.sheets.find((m) => m.name === name);
  if (!s) throw new Error(`no ${name}`);
  return s;
};
const suiviModel = sheetModel('Suivi');
const HEADER_ROWS = suiviModel.header.length;

const files = new Map<string, Buffer>();
const books = new Map<string, ExcelJS.Workbook>();
const roleName = (role: Role | null) => role ?? 'lecture seule';

beforeAll(async () => {
  for (const role of ['ars', 'ans', 'es', null] as const) {
    const data = await renderWorkbookXlsx(model, { role, now: new Date('2022-07-01T08:00:00Z') });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(data as unknown as ArrayBuffer);
    files.set(roleName(role), data);
    books.set(roleName(role), book);
  }
}, 30_000);

const book = (role: Role | null = 'ars') => books.get(roleName(role)) as ExcelJS.Workbook;
const sheet = (name: string, role: Role | null = 'ars') => {
  const ws = book(role).getWorksheet(name);
  if (!ws) throw new Error(`sheet ${name} missing`);
  return ws;
};
/** Sheet row (from 1) of a Suivi row, found by its key in the last column. */
const suiviRow = (key: string) => HEADER_ROWS + 1 + suiviModel.rows.findIndex((r) => r.at(-1)?.v === key);
const colOf = (id: string) => (columnIndex(tracking).get(id) ?? -1) + 1;
const locked = (cell: ExcelJS.Cell) => cell.style.protection?.locked !== false;
/** ExcelJS reads sheet protection back but leaves it out of its Worksheet type. */
const protectionOf = (ws: ExcelJS.Worksheet) =>
  (ws as ExcelJS.Worksheet & { sheetProtection?: { sheet?: boolean } }).sheetProtection;

describe('renderWorkbookXlsx — tabs', () => {
  it('draws every tab of the model in order, the Journal hidden and the value lists very hidden', () => {
    expect(book().worksheets.map((w) => [w.name, w.state])).toEqual([
      ...model.sheets.map((s) => [s.name, s.hidden ? 'hidden' : 'visible']),
      [LISTS_SHEET, 'veryHidden'],
      [EXPORT_SHEET, 'veryHidden'],
    ]);
    expect(sheet('Journal').state).toBe('hidden');
  });

  it('writes no chart (ExcelJS cannot) but keeps the series table the chart would draw', () => {
    const zip = new PizZip(files.get('ars') as Buffer);
    expect(Object.keys(zip.files).filter((f) => f.includes('chart'))).toEqual([]);
    const synthese = sheet('Synthèse');
    const spec = sheetModel('Synthèse').charts[0];
    if (!spec) throw new Error('the model has a chart over the series');
    const headerRow = synthese.getRow(spec.domain.row + 1);
    expect(headerRow.getCell(1).value).toBe('Semaine');
    expect(synthese.getCell(spec.domain.row + 2, 1).value).toBe('2022-W19');
    expect(typeof synthese.getCell(spec.domain.row + 2, 3).value).toBe('number');
  });
});

describe('renderWorkbookXlsx — Suivi in the official layout', () => {
  const ws = () => sheet('Suivi');

  it('writes the verbatim labels of the tracking file in row 2 and the key column label last', () => {
    const labels = tracking.columns.map((_, i) => ws().getCell(2, i + 1).value);
    expect(labels).toEqual(tracking.columns.map((c) => c.label));
    expect(ws().getCell(2, tracking.columns.length + 1).value).toBe(tracking.layout.keyColumnLabel);
  });

  it('merges row 1 over each group and subgroup of the model', () => {
    const expected = suiviModel.merges.map(
      (m) => `${ws().getCell(1, m.col + 1).address}:${ws().getCell(1, m.col + m.cols).address}`,
    );
    expect(ws().model.merges).toEqual(expected);
    expect(expected).toContain('Q1:R1');
    expect(ws().getCell('Q1').value).toBe('Indicateurs quantitatifs expérimentation – Messagerie de santé');
  });

  it('fills each label and data cell with its owner’s colour for its cadence', () => {
    const row = suiviRow(rowKey('gh-cochin', 'uc1'));
    for (const [i, c] of tracking.columns.entries()) {
      const argb = `FF${ownerColor(tracking, c).slice(1).toUpperCase()}`;
      expect([c.id, ws().getCell(2, i + 1).fill]).toEqual([
        c.id,
        expect.objectContaining({ fgColor: { argb } }),
      ]);
      expect([c.id, ws().getCell(row, i + 1).fill]).toEqual([
        c.id,
        expect.objectContaining({ fgColor: { argb } }),
      ]);
    }
  });

  it('freezes the two header rows and the identity columns, and hides the key column', () => {
    expect(ws().views[0]).toMatchObject({
      state: 'frozen',
      xSplit: tracking.layout.frozenColumns,
      ySplit: 2,
    });
    const key = ws().getColumn(tracking.columns.length + 1);
    expect(key.hidden).toBe(true);
    tracking.columns.forEach((c, i) => expect(ws().getColumn(i + 1).width).toBe(widthInCharacters(c.width)));
  });

  it('writes numbers as numbers, dates as dates and text as text', () => {
    const row = suiviRow(rowKey('gh-cochin', 'uc1'));
    const counter = ws().getCell(row, colOf('messages_sent'));
    expect(counter.type).toBe(ExcelJS.ValueType.Number);
    expect(counter.numFmt).toBe('0');
    const date = ws().getCell(row, colOf('launch_meeting_date'));
    expect(date.value).toEqual(new Date(Date.UTC(2022, 4, 12)));
    expect(date.numFmt).toBe('dd/mm/yyyy');
    const contact = ws().getCell(row, colOf('es_contact'));
    expect(contact.value).toBe('Martin, Claire, claire.martin@aphp.fr, Cheffe de projet, 01 58 41 41 41');
    expect(contact.numFmt).toBe('@');
  });

  it('keeps formula-like user text as text: no formula anywhere in the file', () => {
    const actions = ws().getCell(suiviRow(rowKey('gh-bichat', 'uc1')), colOf('actions'));
    expect(actions.type).toBe(ExcelJS.ValueType.String);
    expect(actions.value).toBe(FORMULA_LIKE.actions);
    const remark = ws().getCell(suiviRow(rowKey('clinique-du-parc', 'uc1')), colOf('remarks'));
    expect(remark.value).toBe(FORMULA_LIKE.remarks);
    expect(ws().getCell(suiviRow(rowKey('clinique-du-parc', 'uc1')), colOf('messaging_feedback')).value).toBe(
      FORMULA_LIKE.feedback,
    );
    const zip = new PizZip(files.get('ars') as Buffer);
    const sheetsXml = Object.keys(zip.files).filter((f) => f.startsWith('xl/worksheets/sheet'));
    expect(sheetsXml.length).toBeGreaterThan(0);
    for (const f of sheetsXml) expect([f, /<f[ >]/.test(zip.file(f)?.asText() ?? '')]).toEqual([f, false]);
  });

  it('validates lists (through the hidden lists tab), whole numbers and dates on the data rows', () => {
    const row = suiviRow(rowKey('gh-cochin', 'uc1'));
    const department = ws().getCell(row, colOf('department')).dataValidation;
    expect(department).toMatchObject({ type: 'list', allowBlank: true, showErrorMessage: true });
    const range = /^'Listes'!\$([A-Z]+)\$1:\$\1\$(\d+)$/.exec(String(department.formulae[0]));
    if (!range) throw new Error(`unexpected list formula ${String(department.formulae[0])}`);
    const lists = sheet(LISTS_SHEET);
    const codes = Array.from(
      { length: Number(range[2]) },
      (_, i) => lists.getCell(`${range[1]}${i + 1}`).value,
    );
    expect(codes).toEqual(ctx.project.departments.map((d) => d.code));
    const counter = requireColumn(tracking, 'visits');
    expect(ws().getCell(row, colOf('visits')).dataValidation).toMatchObject({
      type: 'whole',
      operator: 'between',
      formulae: [0, counter.type.kind === 'integer' ? counter.type.max : -1],
      error: `« ${counter.label} » : nombre entier de 0 à 10000000 attendu, sans virgule ni espace.`,
    });
    expect(ws().getCell(row, colOf('report_date')).dataValidation).toMatchObject({ type: 'date' });
    expect(ws().getCell(2, colOf('visits')).dataValidation).toBeUndefined();
  });
});

describe('renderWorkbookXlsx — protection for the downloading role', () => {
  const lastRow = HEADER_ROWS + suiviModel.rows.length;

  it.each<[Role | null, string[]]>([
    ['ars', tracking.columns.filter((c) => c.owner === 'ars').map((c) => c.id)],
    ['ans', ['remarks']],
    ['es', tracking.columns.filter((c) => c.owner === 'es').map((c) => c.id)],
    [null, []],
  ])('unlocks only the columns of %s below the header rows', (role, editable) => {
    const ws = sheet('Suivi', role);
    expect(protectionOf(ws)).toMatchObject({ sheet: true });
    const unlocked = tracking.columns
      .filter((_, i) => [HEADER_ROWS + 1, lastRow].every((r) => !locked(ws.getCell(r, i + 1))))
      .map((c) => c.id);
    expect(unlocked).toEqual(editable);
    for (let c = 1; c <= tracking.columns.length + 1; c++)
      for (let r = 1; r <= HEADER_ROWS; r++) expect(locked(ws.getCell(r, c))).toBe(true);
    expect(locked(ws.getCell(HEADER_ROWS + 1, tracking.columns.length + 1))).toBe(true);
  });

  it('protects every other tab, all locked, except the registry’s own columns for the ARS', () => {
    for (const name of ['Légende', 'Historique', 'Synthèse', 'Journal', LISTS_SHEET]) {
      const ws = sheet(name);
      expect([name, protectionOf(ws)?.sheet]).toEqual([name, true]);
      expect([name, locked(ws.getCell(2, 1))]).toEqual([name, true]);
    }
    const registry = sheet('Établissements');
    expect(locked(registry.getCell(2, 1))).toBe(false);
    expect(locked(registry.getCell(2, registry.columnCount))).toBe(true);
    expect(locked(sheet('Établissements', 'ans').getCell(2, 1))).toBe(true);
  });
});

describe('renderWorkbookXlsx — other tabs', () => {
  it('writes Historique receipt times as Paris wall-clock date-times', () => {
    const ws = sheet('Historique');
    const model = sheetModel('Historique');
    const receivedAt = model.columns.findIndex((c) => c.key === 'received_at');
    const first = model.rows[0]?.[receivedAt];
    if (!first || first.t !== 'dt') throw new Error('no receipt time');
    const cell = ws.getCell(2, receivedAt + 1);
    // The first report came in on Thursday 19 May 2022 at 12:00, Paris summer time (10:00 UTC).
    expect(first.v).toBe('2022-05-19T10:00:00.000Z');
    expect(cell.value).toEqual(new Date(Date.UTC(2022, 4, 19, 12, 0)));
    expect(cell.numFmt).toBe('dd/mm/yyyy hh:mm');
  });

  it('colours the legend like the deck: one row per owner, one column per cadence', () => {
    const ws = sheet('Légende');
    const es = tracking.owners.es;
    expect(ws.getCell('A3').value).toBe(es.legend);
    expect(ws.getCell('B3').fill).toMatchObject({ fgColor: { argb: `FF${es.colors.init.slice(1)}` } });
    expect(ws.getCell('C3').fill).toMatchObject({ fgColor: { argb: `FF${es.colors.weekly.slice(1)}` } });
  });
});

describe('renderWorkbookXlsx — printing for the committee', () => {
  it.each(['Suivi', 'Synthèse'])(
    'prints %s landscape on A4, one page wide, its whole extent, with the date in the footer',
    (name) => {
      const ws = sheet(name);
      const m = sheetModel(name);
      const lastColumn = ws.getColumn(m.columns.length).letter;
      expect(ws.pageSetup).toMatchObject({
        orientation: 'landscape',
        paperSize: 9,
        fitToPage: true,
        fitToWidth: 1,
        fitToHeight: 0,
        printArea: `A1:${lastColumn}${m.header.length + m.rows.length}`,
      });
      expect(ws.headerFooter.oddFooter).toContain('&D');
      expect(ws.headerFooter.oddFooter).toContain('&P');
    },
  );

  it('writes the print ranges as absolute references, as Excel does', () => {
    const workbookXml = new PizZip(files.get('ars') as Buffer).file('xl/workbook.xml')?.asText() ?? '';
    const suiviSheet = book().worksheets.findIndex((w) => w.name === 'Suivi');
    expect(workbookXml).toContain(
      `<definedName name="_xlnm.Print_Area" localSheetId="${suiviSheet}">&apos;Suivi&apos;!$A$1:$${sheet('Suivi').getColumn(suiviModel.columns.length).letter}$${HEADER_ROWS + suiviModel.rows.length}</definedName>`,
    );
    expect(workbookXml).toContain(
      `<definedName name="_xlnm.Print_Titles" localSheetId="${suiviSheet}">&apos;Suivi&apos;!$1:$2</definedName>`,
    );
  });

  it('repeats the two header rows of Suivi on every printed page, and no row of Synthèse', () => {
    expect(sheet('Suivi').pageSetup.printTitlesRow).toBe(`1:${HEADER_ROWS}`);
    expect(HEADER_ROWS).toBe(2);
    expect(sheet('Synthèse').pageSetup.printTitlesRow).toBeUndefined();
  });

  it('leaves the tabs nobody prints with the program’s defaults', () => {
    for (const name of ['Historique', 'Journal', 'Établissements']) {
      expect(sheet(name).pageSetup.orientation).toBe('portrait');
      expect(sheet(name).pageSetup.printArea).toBeUndefined();
    }
  });
});
