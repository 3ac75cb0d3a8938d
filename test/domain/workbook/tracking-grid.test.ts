import {
  cellText,
  KEY_COLUMN,
  rawFromCell,
  readTrackingGrid,
  type GridCell,
  type SheetGrid,
} from '../../../src/domain/workbook/tracking-grid';
import { requireColumn } from '../../../src/domain/columns';
import { columnLetter } from '../../../src/domain/workbook/a1';
import { defaultProject } from '../../support/project';

const tracking = defaultProject().tracking;
const s = (v: string): GridCell => ({ t: 's', v });
const labels = tracking.columns.map((c) => c.label);
const label = (id: string) => requireColumn(tracking, id).label;

function sheet(rows: GridCell[][], name = 'Suivi'): SheetGrid {
  return { name, rows };
}

describe('columnLetter', () => {
  it.each([
    [0, 'A'],
    [25, 'Z'],
    [26, 'AA'],
    [27, 'AB'],
    [701, 'ZZ'],
    [702, 'AAA'],
  ])('names column %i « %s »', (index, letter) => {
    expect(columnLetter(index)).toBe(letter);
  });
});

describe('readTrackingGrid — finding the label row and the columns', () => {
  it('reads the exported layout: group row, label row, hidden key column last', () => {
    const result = readTrackingGrid(tracking, [
      sheet([
        [s('Informations générales')],
        [...labels.map(s), s(tracking.layout.keyColumnLabel)],
        [...labels.map(() => null), s('gh-cochin/uc1')],
      ]),
    ]);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.file.labelRow).toBe(2);
    expect(result.file.hasKeyColumn).toBe(true);
    expect(result.file.columns).toHaveLength(labels.length + 1);
    expect(result.file.rows).toEqual([
      { row: 3, cells: expect.objectContaining({ [KEY_COLUMN]: s('gh-cochin/uc1') }) },
    ]);
    expect(result.file.notices).toEqual([]);
  });

  it('reads a hand-typed sheet with one header row, reordered columns and labels differing only in case and spaces', () => {
    const result = readTrackingGrid(tracking, [
      sheet(
        [
          [
            s('  actions EN COURS ou à mener '),
            s('Etablissement'),
            s("Cas d'usages"),
            s('Parcours / Services'),
          ],
          [s('Relancer la DSI'), s('GH COCHIN'), s('à confirmer'), s('Confirmation de rendez-vous')],
        ],
        'Feuil1',
      ),
    ]);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.file.sheet).toBe('Feuil1');
    expect(result.file.hasKeyColumn).toBe(false);
    expect(result.file.columns.map((c) => c.columnId)).toEqual([
      'actions',
      'establishment',
      'use_case',
      'pathway',
    ]);
    expect(result.file.rows[0]?.cells.actions).toEqual(s('Relancer la DSI'));
    expect(result.file.notices[0]?.code).toBe('COLUMN_MISSING');
    expect(result.file.notices[0]?.message).toContain(`« ${label('remarks')} »`);
  });

  it('prefers the sheet named Suivi, else the sheet whose header matches the most columns', () => {
    const few = sheet([[s('Etablissement'), s('Remarques')]], 'Notes');
    const many = sheet([labels.map(s)], 'Copie');
    const picked = readTrackingGrid(tracking, [few, many]);
    expect(picked.ok && picked.file.sheet).toBe('Copie');
    const suivi = sheet([[s('Etablissement'), s('Parcours / Services'), s("Cas d'usages")]], 'Suivi');
    const preferred = readTrackingGrid(tracking, [many, suivi]);
    expect(preferred.ok && preferred.file.sheet).toBe('Suivi');
  });

  it('refuses a workbook where no sheet carries the labels, naming labels to look for', () => {
    const result = readTrackingGrid(tracking, [sheet([[s('Nom'), s('Ville')]], 'Feuil1')]);
    expect(result).toEqual({
      ok: false,
      errors: [
        {
          code: 'SHEET_NOT_FOUND',
          message: expect.stringContaining("« Etablissement », « Parcours / Services », « Cas d'usages »"),
        },
      ],
    });
  });

  it('refuses an unknown column, naming its letter and label, and suggests the label it probably was', () => {
    const header = [...labels.map(s)];
    header[25] = s('Actions à mener');
    header.push(s('Commentaire perso'));
    const result = readTrackingGrid(tracking, [sheet([header])]);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => e.code)).toEqual(['UNKNOWN_COLUMN', 'UNKNOWN_COLUMN']);
    expect(result.errors[0]?.message).toBe(
      "Colonne Z : « Actions à mener » ne fait pas partie du fichier de suivi. S'il s'agit de « Actions en cours ou à mener », rendez-lui son libellé exact. Retirez-la ou corrigez son libellé : rien n'a été importé.",
    );
    expect(result.errors[1]?.message).toContain('Colonne AB : « Commentaire perso »');
  });

  it('refuses a label that appears twice, naming both columns', () => {
    const result = readTrackingGrid(tracking, [
      sheet([
        [s('Etablissement'), s('Parcours / Services'), s("Cas d'usages"), s('Remarques'), s('Remarques')],
      ]),
    ]);
    expect(!result.ok && result.errors).toEqual([
      {
        code: 'DUPLICATE_COLUMN',
        columnId: 'remarks',
        message: 'La colonne « Remarques » apparaît plusieurs fois (colonnes D, E) : gardez-en une seule.',
      },
    ]);
  });

  it('refuses a sheet without key column that lacks a column naming the rows', () => {
    const result = readTrackingGrid(tracking, [sheet([[s('Etablissement'), s('Remarques')]])]);
    expect(!result.ok && result.errors[0]?.code).toBe('IDENTITY_COLUMN_MISSING');
    expect(!result.ok && result.errors[0]?.message).toContain("« Parcours / Services », « Cas d'usages »");
  });

  it('skips empty rows and reports values typed under no label', () => {
    const result = readTrackingGrid(tracking, [
      sheet([
        [s('Etablissement'), s('Parcours / Services'), s("Cas d'usages")],
        [null, s('   '), null],
        [s('GH COCHIN'), s('x'), s('y'), s('note en marge')],
      ]),
    ]);
    if (!result.ok) throw new Error('refused');
    expect(result.file.rows.map((r) => r.row)).toEqual([3]);
    expect(result.file.notices.map((n) => n.message)).toContain(
      "Colonne D : des valeurs sans libellé dans la ligne d'en-tête ; elles sont ignorées.",
    );
  });
});

describe('cellText and rawFromCell — a cell as its column reads it', () => {
  const date = requireColumn(tracking, 'report_date');
  const actions = requireColumn(tracking, 'actions');
  const contact = requireColumn(tracking, 'ars_contact');

  it.each<[string, GridCell, string]>([
    ['a date cell in a date column', { t: 'd', v: '2022-06-10' }, '2022-06-10'],
    ['a midnight date-time in a date column', { t: 'dt', v: '2022-06-10T00:00' }, '2022-06-10'],
    ['a number', { t: 'n', v: 42 }, '42'],
    ['text with edge spaces and CRLF', s('  a\r\nb  '), 'a\nb'],
    ['an empty cell', null, ''],
  ])('reads %s', (_, cell, expected) => {
    expect(cellText(date, cell)).toBe(expected);
  });

  it('reads a date typed in a text column the French way', () => {
    expect(cellText(actions, { t: 'd', v: '2022-06-30' })).toBe('30/06/2022');
  });

  it('refuses a formula without evaluating it, and an error value', () => {
    expect(rawFromCell(actions, { t: 'f', cached: 3 })).toEqual({
      ok: false,
      issue: {
        code: 'FORMULA_IN_CELL',
        columnId: 'actions',
        message:
          "« Actions en cours ou à mener » : la cellule contient une formule ; saisissez la valeur elle-même (une formule n'est jamais importée).",
      },
    });
    expect(rawFromCell(actions, { t: 'e', v: '#N/A' })).toMatchObject({
      ok: false,
      issue: { code: 'ERROR_IN_CELL' },
    });
  });

  it('splits a contact cell into entries, one per line, fields in their order', () => {
    expect(
      rawFromCell(
        contact,
        s(
          'Durand, Paul, paul.durand@ars.sante.fr, Chargé de mission, 01 44 02 00 00\n\nMartin, Léa, lea@ars.fr, Cheffe, 0600000000',
        ),
      ),
    ).toEqual({
      ok: true,
      raw: [
        {
          last_name: 'Durand',
          first_name: 'Paul',
          email: 'paul.durand@ars.sante.fr',
          role: 'Chargé de mission',
          phone: '01 44 02 00 00',
        },
        { last_name: 'Martin', first_name: 'Léa', email: 'lea@ars.fr', role: 'Cheffe', phone: '0600000000' },
      ],
    });
  });

  it('refuses a contact line with the wrong number of fields, saying the expected order', () => {
    const result = rawFromCell(contact, s('Durand Paul'));
    expect(!result.ok && result.issue.message).toBe(
      `« ${contact.label} » : une ligne par contact, 5 champs séparés par « , » dans cet ordre : Nom, Prénom, Adresse mail, Fonction, Numéro de téléphone (reçu « Durand Paul »).`,
    );
  });
});
