import ExcelJS from 'exceljs';
import { readTrackingXlsx } from '../../../src/local/xlsx/read-tracking-file';
import { renderWorkbookXlsx } from '../../../src/local/xlsx/render-workbook';
import { applyImport, previewImport } from '../../../src/app/import-workbook';
import { MemoryStore } from '../../../src/app/memory-store';
import type { AppContext } from '../../../src/app/context';
import { pilotSeason, workbookOf as seasonWorkbook } from '../../support/app/pilot-season';
import PizZip from 'pizzip';
import { HOSTILE_WORKBOOKS, withParts, workbookOf } from '../../support/local/hostile-workbooks';

const season = pilotSeason();
let exported: Buffer;
/** The exported Suivi tab as plain values (row 1 = group row), to rearrange into variants. */
let suiviValues: ExcelJS.CellValue[][];

beforeAll(async () => {
  exported = await renderWorkbookXlsx(seasonWorkbook(season), { role: 'ars' });
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(exported as unknown as ArrayBuffer);
  const ws = book.getWorksheet('Suivi');
  if (!ws) throw new Error('no Suivi');
  suiviValues = [];
  ws.eachRow((row, r) => {
    suiviValues[r - 1] = Array.from({ length: ws.columnCount }, (_, c) => row.getCell(c + 1).value);
  });
}, 30_000);

function freshContext(): AppContext {
  return { ...season, store: new MemoryStore(structuredClone((season.store as MemoryStore).state)) };
}

/** Upload → read → preview → apply, as the server runs it; returns what the user would be told. */
async function importFile(ctx: AppContext, data: Buffer) {
  const read = await readTrackingXlsx(data, ctx.project);
  if (!read.ok) return { read };
  const preview = previewImport(ctx, 'ars', read.file);
  return { read, preview, outcome: applyImport(ctx, 'ars', 'binome@ars.sante.fr', preview) };
}

const snapshot = (ctx: AppContext) =>
  JSON.stringify(structuredClone((ctx.store as MemoryStore).state), (_, v) =>
    v instanceof Map ? [...v.entries()] : v instanceof Set ? [...v] : v,
  );

const SAYS: Record<string, string> = {
  'trop-lourd': 'Le fichier pèse 11 Mo ; au plus 10 Mo sont acceptés.',
  'texte-brut': "Ce fichier n'est pas un classeur Excel .xlsx.",
  'fichier-vide': "Ce fichier n'est pas un classeur Excel .xlsx.",
  'ancien-xls-ou-chiffre':
    "Ce classeur est protégé par un mot de passe (ou enregistré dans l'ancien format .xls)",
  'zip-sans-classeur': "Ce fichier n'est pas un classeur Excel .xlsx.",
  tronque: 'Le classeur est endommagé ou incomplet (fichier tronqué pendant le téléchargement ?)',
  'entree-chiffree': 'Ce classeur est protégé par un mot de passe',
  'bombe-annoncee':
    'Le classeur est anormalement volumineux une fois décompressé (« xl/workbook.xml » annonce 100 Mo) : il est refusé par précaution.',
  'bombe-cachee': '(« xl/workbook.xml » se décompresse au-delà de la taille annoncée)',
  'trop-d-entrees': '(2000 éléments, au plus 500)',
  'total-trop-grand': '(plus de 48 Mo annoncés)',
  'entites-xml': 'Le classeur est endommagé ou incomplet',
  'xml-casse': 'Le classeur est endommagé ou incomplet',
  'cellule-lointaine':
    'La feuille « Suivi » compte 1048576 lignes et 16384 colonnes ; le fichier de suivi en accepte au plus 5000 et 200.',
  'trop-de-lignes': 'La feuille « Suivi » compte 6001 lignes et 3 colonnes',
};

describe('readTrackingXlsx — hostile and malformed files', () => {
  it('has a French sentence to check for every generated case', () => {
    expect(HOSTILE_WORKBOOKS.map((c) => c.name).sort()).toEqual(Object.keys(SAYS).sort());
  });

  it.each(HOSTILE_WORKBOOKS.map((c) => [c.name, c.description, c] as const))(
    'refuses « %s » (%s) with one clear error',
    async (name, _, c) => {
      const result = await readTrackingXlsx(await c.make(exported), season.project);
      expect(result).toEqual({
        ok: false,
        errors: [{ code: c.expected, message: expect.stringContaining(SAYS[name] ?? '∅') }],
      });
    },
    20_000,
  );

  it('changes nothing in the store whatever hostile file is uploaded', async () => {
    const ctx = freshContext();
    const before = snapshot(ctx);
    for (const c of HOSTILE_WORKBOOKS) {
      const { read, preview } = await importFile(ctx, await c.make(exported));
      expect([c.name, read.ok, preview]).toEqual([c.name, false, undefined]);
    }
    expect(snapshot(ctx)).toBe(before);
  }, 60_000);
});

describe('readTrackingXlsx — ranges ExcelJS would expand one by one', () => {
  const parts = async (edit: (sheetXml: string) => string) => {
    const zip = new PizZip(exported);
    const sheet = zip.file('xl/worksheets/sheet1.xml')?.asText() ?? '';
    return withParts(exported, { 'xl/worksheets/sheet1.xml': edit(sheet) });
  };

  it.each<[string, (xml: string) => string]>([
    [
      'a merge over the whole sheet',
      (xml) =>
        xml.replace(
          /<mergeCells[^]*?<\/mergeCells>/,
          '<mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells>',
        ),
    ],
    [
      'a column range of two billion columns',
      (xml) =>
        xml.replace(
          /<cols>[^]*?<\/cols>/,
          '<cols><col min="1" max="2000000000" width="12" customWidth="1"/></cols>',
        ),
    ],
    [
      'a validation over the whole sheet',
      (xml) =>
        xml.replace(
          /<dataValidations[^]*?<\/dataValidations>/,
          '<dataValidations count="1"><dataValidation type="whole" sqref="A1:XFD1048576"><formula1>0</formula1></dataValidation></dataValidations>',
        ),
    ],
  ])('reads an export carrying %s without expanding it', async (_, edit) => {
    const data = await parts(edit);
    expect(new PizZip(data).file('xl/worksheets/sheet1.xml')?.asText()).toMatch(/XFD1048576|2000000000/);
    const result = await readTrackingXlsx(data, season.project);
    expect(result.ok && result.file.rows.length).toBe(17);
  });

  it('reads an export carrying a defined name over the whole sheet without expanding it', async () => {
    const zip = new PizZip(exported);
    const workbook = zip.file('xl/workbook.xml')?.asText() ?? '';
    const data = withParts(exported, {
      'xl/workbook.xml': workbook.replace(
        '</sheets>',
        '</sheets><definedNames><definedName name="tout">Suivi!$A$1:$XFD$1048576</definedName></definedNames>',
      ),
    });
    expect(new PizZip(data).file('xl/workbook.xml')?.asText()).toContain('$XFD$1048576');
    const result = await readTrackingXlsx(data, season.project);
    expect(result.ok && result.file.rows.length).toBe(17);
  });
});

describe('readTrackingXlsx — cells that are not plain values', () => {
  async function edited(edit: (ws: ExcelJS.Worksheet) => void): Promise<Buffer> {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(exported as unknown as ArrayBuffer);
    const ws = book.getWorksheet('Suivi');
    if (!ws) throw new Error('no Suivi');
    edit(ws);
    return Buffer.from(await book.xlsx.writeBuffer());
  }
  const rowOf = (key: string) => suiviValues.findIndex((r) => r.at(-1) === key) + 1;
  const colOf = (label: string) => (suiviValues[1] ?? []).indexOf(label) + 1;

  it('refuses formulas without evaluating them: the cached value is never taken as an edit', async () => {
    const ctx = freshContext();
    const before = snapshot(ctx);
    const row = rowOf('gh-cochin/uc1');
    const data = await edited((ws) => {
      ws.getCell(row, colOf('Actions en cours ou à mener')).value = {
        formula: 'C4&" relancé"',
        result: 'calculé',
      };
      ws.getCell(row, colOf('Cumul Nb de venues')).value = { formula: 'SUM(Q4:U4)', result: 1 };
    });
    const { preview, outcome } = await importFile(ctx, data);
    expect(preview?.changes).toEqual([]);
    expect(preview?.refused.map((r) => [r.row, r.columnLabel, r.code])).toEqual([
      [row, 'Cumul Nb de venues', 'ES_VALUE_BY_FORM'],
      [row, 'Actions en cours ou à mener', 'FORMULA_IN_CELL'],
    ]);
    expect(outcome).toEqual({ status: 'unchanged' });
    expect(snapshot(ctx)).toBe(before);
  });

  it('refuses control characters (escaped as Excel stores them) and direction overrides with the field rule’s message', async () => {
    const ctx = freshContext();
    const before = snapshot(ctx);
    const bichat = rowOf('gh-bichat/uc1');
    const mondor = rowOf('gh-henri-mondor/uc1');
    const data = await edited((ws) => {
      // Excel writes an ESC typed in a cell as _x001B_: XML cannot carry it.
      ws.getCell(bichat, colOf('Actions en cours ou à mener')).value = 'Relance_x001B_[31m urgente';
      ws.getCell(mondor, colOf('Actions en cours ou à mener')).value = 'Relance \u202Eetnegru';
    });
    const { preview, outcome } = await importFile(ctx, data);
    expect(preview?.changes).toEqual([]);
    const reason =
      '« Actions en cours ou à mener » : le texte contient des caractères de contrôle invisibles ou non valides ; retapez-le.';
    expect(preview?.refused).toEqual([
      expect.objectContaining({ row: bichat, code: 'CONTROL_CHARACTERS', reason }),
      expect.objectContaining({ row: mondor, code: 'CONTROL_CHARACTERS', reason }),
    ]);
    expect(outcome).toEqual({ status: 'unchanged' });
    expect(snapshot(ctx)).toBe(before);
  });

  it.each([
    ['U+FFFF', 'Relance_xFFFF_ urgente'],
    ['U+FFFE', 'Relance_xFFFE_ urgente'],
    ['a lone surrogate', 'Relance_xD83D_ urgente'],
    ['a noncharacter', 'Relance_xFDD0_ urgente'],
  ])('refuses %s written as an Excel escape, as the field rules refuse it typed', async (_name, text) => {
    const ctx = freshContext();
    const before = snapshot(ctx);
    const bichat = rowOf('gh-bichat/uc1');
    const data = await edited((ws) => {
      ws.getCell(bichat, colOf('Actions en cours ou à mener')).value = text;
    });
    const { preview, outcome } = await importFile(ctx, data);
    expect(preview?.changes).toEqual([]);
    expect(preview?.refused).toEqual([expect.objectContaining({ row: bichat, code: 'CONTROL_CHARACTERS' })]);
    expect(outcome).toEqual({ status: 'unchanged' });
    expect(snapshot(ctx)).toBe(before);
  });
});

describe('readTrackingXlsx — extra, missing, renamed and reordered columns', () => {
  const labelRow = () => suiviValues[1] ?? [];
  const dataRows = () => suiviValues.slice(2);
  const keyed = (rows: ExcelJS.CellValue[][]) => rows;

  it('refuses an extra column, naming it, and changes nothing', async () => {
    const ctx = freshContext();
    const before = snapshot(ctx);
    const rows = keyed([[...labelRow(), 'Commentaire perso'], ...dataRows().map((r) => [...r, 'note'])]);
    const { read } = await importFile(ctx, await workbookOf(rows, 'Suivi'));
    expect(read).toEqual({
      ok: false,
      errors: [
        {
          code: 'UNKNOWN_COLUMN',
          message:
            "Colonne AC : « Commentaire perso » ne fait pas partie du fichier de suivi. Retirez-la ou corrigez son libellé : rien n'a été importé.",
        },
      ],
    });
    expect(snapshot(ctx)).toBe(before);
  });

  it('refuses a renamed column, suggesting its exact label, and changes nothing', async () => {
    const ctx = freshContext();
    const before = snapshot(ctx);
    const labels = labelRow().map((l) =>
      l === 'Cumul Nb de DMP consultés' ? 'Nb DMP consultés (cumul)' : l,
    );
    const { read } = await importFile(ctx, await workbookOf([labels, ...dataRows()], 'Suivi'));
    expect(read?.ok).toBe(false);
    expect(!read.ok && read.errors).toEqual([
      {
        code: 'UNKNOWN_COLUMN',
        message:
          "Colonne T : « Nb DMP consultés (cumul) » ne fait pas partie du fichier de suivi. S'il s'agit de « Cumul Nb de DMP consultés », rendez-lui son libellé exact. Retirez-la ou corrigez son libellé : rien n'a été importé.",
      },
    ]);
    expect(snapshot(ctx)).toBe(before);
  });

  it('reads a file missing a column, says which columns are left unchanged, and changes nothing there', async () => {
    const ctx = freshContext();
    const before = snapshot(ctx);
    const drop = labelRow().indexOf('Remarques');
    const without = (r: ExcelJS.CellValue[]) => r.filter((_, i) => i !== drop);
    const { read, preview, outcome } = await importFile(
      ctx,
      await workbookOf([without(labelRow()), ...dataRows().map(without)], 'Suivi'),
    );
    expect(read.ok && read.file.notices).toEqual([
      {
        code: 'COLUMN_MISSING',
        message: 'Colonnes absentes du fichier, laissées inchangées : « Remarques ».',
      },
    ]);
    expect(preview?.changes).toEqual([]);
    expect(preview?.refused).toEqual([]);
    expect(outcome).toEqual({ status: 'unchanged' });
    expect(snapshot(ctx)).toBe(before);
  });

  it('refuses a file without key column that also lost « Etablissement », and changes nothing', async () => {
    const ctx = freshContext();
    const before = snapshot(ctx);
    const keep = (r: ExcelJS.CellValue[]) => r.filter((_, i) => i !== 2 && i !== r.length - 1);
    const { read } = await importFile(
      ctx,
      await workbookOf([keep(labelRow()), ...dataRows().map(keep)], 'Suivi'),
    );
    expect(!read.ok && read.errors.map((e) => e.code)).toEqual(['IDENTITY_COLUMN_MISSING']);
    expect(!read.ok && read.errors[0]?.message).toContain('« Etablissement »');
    expect(snapshot(ctx)).toBe(before);
  });

  it('reads reordered columns by their labels and applies an edit to the right column', async () => {
    const ctx = freshContext();
    const order = [...labelRow().keys()].reverse();
    const reorder = (r: ExcelJS.CellValue[]) => order.map((i) => r[i] ?? null);
    const actions = labelRow().indexOf('Actions en cours ou à mener');
    const rows = dataRows().map((r) => [...r]);
    const target = rows.findIndex((r) => r.at(-1) === 'gh-henri-mondor/uc1');
    (rows[target] as ExcelJS.CellValue[])[actions] = 'Comité de suivi le 7 juillet';
    const { read, preview, outcome } = await importFile(
      ctx,
      await workbookOf([reorder(labelRow()), ...rows.map(reorder)], 'Suivi'),
    );
    expect(read.ok && read.file.columns[0]?.columnId).toBe('row_key');
    expect(preview?.refused).toEqual([]);
    expect(preview?.changes.map((c) => [c.rowKey, c.columnId, c.newText])).toEqual([
      ['gh-henri-mondor/uc1', 'actions', 'Comité de suivi le 7 juillet'],
    ]);
    expect(outcome?.status).toBe('applied');
    expect(ctx.store.annotations('gh-henri-mondor/uc1').actions).toBe('Comité de suivi le 7 juillet');
  });
});
