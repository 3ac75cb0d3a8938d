import { applyImport, previewImport, type ImportPreview } from '../../src/app/import-workbook';
import { editCell } from '../../src/app/edit-cell';
import { MemoryStore } from '../../src/app/memory-store';
import type { AppContext } from '../../src/app/context';
import { columnIndex, requireColumn } from '../../src/domain/columns';
import { rowKey } from '../../src/domain/model';
import {
  readTrackingGrid,
  type GridCell,
  type ParsedTrackingFile,
  type SheetGrid,
} from '../../src/domain/workbook/tracking-grid';
import type { Cell } from '../../src/domain/workbook/cells';
import type { WorkbookModel } from '../../src/domain/workbook/sheet-model';
import type { Role } from '../../src/schema/tracking-file';
import { pilotSeason, workbookOf } from '../support/app/pilot-season';

/** The Suivi tab of the current store as a spreadsheet would hand it back: the grid the .xlsx reader builds. */
function suiviGrid(ctx: AppContext, model: WorkbookModel = workbookOf(ctx)): SheetGrid {
  const suivi = model.sheets.find((s) => s.name === 'Suivi');
  if (!suivi) throw new Error('no Suivi');
  const toGrid = (c: Cell): GridCell =>
    c === null ? null : c.t === 'dt' ? { t: 'dt', v: c.v.slice(0, 16) } : c;
  return { name: 'Suivi', rows: [...suivi.header, ...suivi.rows].map((r) => r.map(toGrid)) };
}

function parsed(grid: SheetGrid): ParsedTrackingFile {
  const result = readTrackingGrid(ctxTracking(), [grid]);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.file;
}

let ctx: AppContext;
const ctxTracking = () => ctx.project.tracking;
const col = (id: string) => columnIndex(ctx.project.tracking).get(id) ?? -1;
const label = (id: string) => requireColumn(ctx.project.tracking, id).label;
/** Sheet row (from 1) of a store row in the Suivi grid. */
const rowOf = (grid: SheetGrid, key: string) =>
  grid.rows.findIndex((r) => r.some((c) => c?.t === 's' && c.v === key)) + 1;
const set = (grid: SheetGrid, key: string, columnId: string, cell: GridCell) => {
  const row = grid.rows[rowOf(grid, key) - 1];
  if (!row) throw new Error(`no row ${key}`);
  row[col(columnId)] = cell;
};
const s = (v: string): GridCell => ({ t: 's', v });
const COCHIN = rowKey('gh-cochin', 'uc1');
const BICHAT = rowKey('gh-bichat', 'uc1');
const CESSRIN_1 = rowKey('cessrin-maisons-laffitte', 'uc1');
const CESSRIN_2 = rowKey('cessrin-maisons-laffitte', 'uc2');

function preview(grid: SheetGrid, role: Role = 'ars'): ImportPreview {
  return previewImport(ctx, role, parsed(grid));
}

beforeAll(() => {
  // Built once; each test works on a copy of the store's state.
  seasonTemplate = pilotSeason();
});
let seasonTemplate: ReturnType<typeof pilotSeason>;
beforeEach(() => {
  const template = seasonTemplate.store as MemoryStore;
  ctx = { ...seasonTemplate, store: new MemoryStore(structuredClone(template.state)) };
});

describe('previewImport — a workbook exported and edited offline', () => {
  it('finds nothing to change in the workbook as exported', () => {
    const p = preview(suiviGrid(ctx));
    expect(p).toMatchObject({ sheet: 'Suivi', rowsRead: 17, rowsMatched: 17, changes: [], refused: [] });
  });

  it('accepts the ARS’s own column and refuses an ES counter with the reason that ES values change through the form or a correction', () => {
    const grid = suiviGrid(ctx);
    const row = rowOf(grid, COCHIN);
    set(grid, COCHIN, 'actions', s('Relancer la DSI sur le connecteur DMP'));
    set(grid, COCHIN, 'dmp_fed', { t: 'n', v: 999 });
    const p = preview(grid);
    expect(p.changes).toEqual([
      {
        rows: [row],
        rowKey: COCHIN,
        title: 'GH COCHIN',
        columnId: 'actions',
        columnLabel: label('actions'),
        previous: 'Point d’étape le 30/06 avec la DSI.',
        raw: 'Relancer la DSI sur le connecteur DMP',
        oldText: 'Point d’étape le 30/06 avec la DSI.',
        newText: 'Relancer la DSI sur le connecteur DMP',
      },
    ]);
    expect(p.refused).toEqual([
      expect.objectContaining({
        row,
        rowKey: COCHIN,
        columnId: 'dmp_fed',
        newText: '999',
        code: 'ES_VALUE_BY_FORM',
        reason:
          "« Cumul Nb de DMP alimentés » : valeur déclarée par l'établissement ; elle ne change que par son formulaire, ou par une correction de l'ARS / SESAN avec un motif, gardée dans l'historique. Modification non importée.",
      }),
    ]);
  });

  it('refuses another role’s column through canWrite, and accepts it for its owner', () => {
    const grid = suiviGrid(ctx);
    set(grid, BICHAT, 'remarks', s('Suivi national : à présenter au comité'));
    const ars = preview(grid, 'ars');
    expect(ars.changes).toEqual([]);
    expect(ars.refused).toEqual([
      expect.objectContaining({
        columnId: 'remarks',
        code: 'COLUMN_NOT_OWNED',
        reason: "« Remarques » : cette colonne est réservée (« A remplir/compléter par l'ANS »).",
      }),
    ]);
    const ans = preview(grid, 'ans');
    expect(ans.changes.map((c) => [c.rowKey, c.columnId, c.newText])).toEqual([
      [BICHAT, 'remarks', 'Suivi national : à présenter au comité'],
    ]);
    expect(ans.refused).toEqual([]);
  });

  it.each<[string, string, GridCell, string]>([
    [
      'department',
      'a département that does not exist',
      s('999'),
      '« Département » : code de département attendu',
    ],
    [
      'actions',
      'a NIR in free text',
      s('Patient 1 85 05 78 006 084 36 à rappeler'),
      'ressemble à un numéro de sécurité sociale',
    ],
    ['actions', 'control characters', s('Relance\u0007 urgente'), 'caractères de contrôle invisibles'],
    [
      'launch_meeting_date',
      'a date outside the pilot',
      { t: 'd', v: '2021-01-04' },
      "en dehors de l'expérimentation",
    ],
    ['es_type', 'a value not in the list', s('associatif'), "n'est pas une valeur possible"],
  ])('refuses %s set to %s with the field rule’s message', (columnId, _, cell, message) => {
    const grid = suiviGrid(ctx);
    set(grid, COCHIN, columnId, cell);
    const p = preview(grid);
    expect(p.changes).toEqual([]);
    expect(p.refused).toHaveLength(1);
    expect(p.refused[0]?.columnId).toBe(columnId);
    expect(p.refused[0]?.reason).toContain(message);
  });

  it('refuses a formula whose result differs from the stored value, and ignores one that shows the stored value', () => {
    const grid = suiviGrid(ctx);
    set(grid, COCHIN, 'actions', { t: 'f', cached: 'Autre chose' });
    set(grid, BICHAT, 'establishment', { t: 'f', cached: 'GH BICHAT' });
    const p = preview(grid);
    expect(p.changes).toEqual([]);
    expect(p.refused.map((r) => [r.rowKey, r.columnId, r.code])).toEqual([
      [COCHIN, 'actions', 'FORMULA_IN_CELL'],
    ]);
  });

  it('reads an ARS contact typed one per line and a date typed as text', () => {
    const grid = suiviGrid(ctx);
    set(grid, BICHAT, 'ars_contact', s('Leroy, Anne, anne.leroy@ars.sante.fr, Référente, 01 44 02 00 01'));
    set(grid, BICHAT, 'launch_meeting_date', s('19/05/2022'));
    const p = preview(grid);
    expect(p.refused).toEqual([]);
    expect(p.changes.map((c) => [c.columnId, c.oldText, c.newText])).toEqual([
      ['ars_contact', '', 'Leroy, Anne, anne.leroy@ars.sante.fr, Référente, 01 44 02 00 01'],
      ['launch_meeting_date', '12/05/2022', '19/05/2022'],
    ]);
  });

  it('takes an establishment-wide value changed on one of its rows as one change', () => {
    const grid = suiviGrid(ctx);
    set(grid, CESSRIN_2, 'group', s('MGEN Union'));
    const p = preview(grid);
    expect(p.changes.map((c) => [c.rowKey, c.columnId, c.rows])).toEqual([
      [CESSRIN_2, 'group', [rowOf(grid, CESSRIN_2)]],
    ]);
  });

  it('refuses an establishment-wide value given two different values on its rows, naming both rows', () => {
    const grid = suiviGrid(ctx);
    set(grid, CESSRIN_1, 'group', s('MGEN Union'));
    set(grid, CESSRIN_2, 'group', s('Groupe MGEN'));
    const p = preview(grid);
    const rows = [rowOf(grid, CESSRIN_1), rowOf(grid, CESSRIN_2)];
    expect(p.changes).toEqual([]);
    expect(p.refused.map((r) => [r.row, r.code])).toEqual(rows.map((r) => [r, 'VALUE_CONFLICT']));
    expect(p.refused[0]?.reason).toBe(
      `« Groupe » : les lignes ${rows[0]} et ${rows[1]} du même établissement donnent des valeurs différentes ; laissez la même valeur sur chaque ligne.`,
    );
  });
});

describe('previewImport — matching rows', () => {
  it('matches rows by establishment, pathway and use case when the key column is gone', () => {
    const grid = suiviGrid(ctx);
    set(grid, COCHIN, 'actions', s('Sans clé'));
    const keyless = { ...grid, rows: grid.rows.map((r) => r.slice(0, col('remarks') + 1)) };
    const p = preview(keyless);
    expect(p.rowsMatched).toBe(17);
    expect(p.changes.map((c) => [c.rowKey, c.newText])).toEqual([[COCHIN, 'Sans clé']]);
  });

  it('refuses a row that matches nothing, an unknown key and a repeated row, each with its row number', () => {
    const grid = suiviGrid(ctx);
    const cochin = grid.rows[rowOf(grid, COCHIN) - 1] ?? [];
    const unknown = [...cochin];
    unknown[col('establishment')] = s('CLINIQUE INCONNUE');
    unknown[unknown.length - 1] = null;
    const badKey = [...cochin];
    badKey[badKey.length - 1] = s('nulle-part/uc9');
    grid.rows.push(unknown, badKey, [...cochin]);
    const n = grid.rows.length;
    const p = preview(grid);
    expect(p.refused.map((r) => [r.row, r.code])).toEqual([
      [n - 2, 'ROW_NOT_FOUND'],
      [n - 1, 'ROW_KEY_UNKNOWN'],
      [n, 'ROW_DUPLICATE'],
    ]);
    expect(p.refused[0]?.reason).toBe(
      `Ligne ${n - 2} : « CLINIQUE INCONNUE » avec ce parcours et ce cas d'usage ne correspond à aucune ligne du suivi ; l'import ne crée pas de ligne (ajoutez l'établissement au registre).`,
    );
    expect(p.refused[2]?.reason).toBe(
      `Ligne ${n} : même établissement et même cas d'usage que la ligne ${rowOf(grid, COCHIN)} ; elle est ignorée.`,
    );
  });

  it('refuses a row whose key points at another establishment and pathway', () => {
    const grid = suiviGrid(ctx);
    const row = rowOf(grid, BICHAT);
    const bichat = grid.rows[row - 1] ?? [];
    bichat[bichat.length - 1] = s('clinique-du-parc/uc1');
    const p = preview(grid);
    expect(p.refused).toEqual([
      {
        row,
        code: 'ROW_KEY_MISMATCH',
        reason: `Ligne ${row} : ni l'établissement ni le parcours ne correspondent à la ligne désignée par la colonne « Clé (ne pas modifier) » ; cette clé a-t-elle été modifiée ? Ligne ignorée.`,
      },
    ]);
    expect(p.changes).toEqual([]);
  });
});

describe('applyImport', () => {
  it('applies only the accepted change, through editCell, and journals the import', () => {
    const grid = suiviGrid(ctx);
    set(grid, COCHIN, 'actions', s('Relancer la DSI'));
    set(grid, COCHIN, 'dmp_fed', { t: 'n', v: 999 });
    const versionsBefore = ctx.store.listReportVersions();
    const establishmentsBefore = ctx.store.listEstablishments();
    const otherAnnotations = ctx.store.annotations(BICHAT);
    const outcome = applyImport(ctx, 'ars', 'binome@ars.sante.fr', preview(grid));
    expect(outcome).toMatchObject({ status: 'applied', refused: 1 });
    expect(ctx.store.annotations(COCHIN).actions).toBe('Relancer la DSI');
    expect(ctx.store.annotations(BICHAT)).toEqual(otherAnnotations);
    expect(ctx.store.listReportVersions()).toEqual(versionsBefore);
    expect(ctx.store.listEstablishments()).toEqual(establishmentsBefore);
    const changes = ctx.store.listCellChanges().filter((c) => c.source === 'import');
    expect(changes).toEqual([
      expect.objectContaining({
        target: COCHIN,
        columnId: 'actions',
        author: 'binome@ars.sante.fr',
        role: 'ars',
      }),
    ]);
    expect(ctx.store.listJournal().at(-1)).toMatchObject({
      kind: 'import',
      actor: 'binome@ars.sante.fr',
      summary: "Import d'un classeur .xlsx : 1 modification(s) appliquée(s), 1 refusée(s).",
    });
  });

  it('changes nothing, not even the journal, when the preview has no accepted change', () => {
    const grid = suiviGrid(ctx);
    set(grid, COCHIN, 'dmp_fed', { t: 'n', v: 999 });
    const journal = ctx.store.listJournal().length;
    expect(applyImport(ctx, 'ars', 'binome@ars.sante.fr', preview(grid))).toEqual({ status: 'unchanged' });
    expect(ctx.store.listJournal()).toHaveLength(journal);
    expect(ctx.store.listCellChanges().filter((c) => c.source === 'import')).toEqual([]);
  });

  it('applies nothing when one value moved since the preview, and says which', () => {
    const grid = suiviGrid(ctx);
    set(grid, COCHIN, 'actions', s('Version du fichier'));
    set(grid, BICHAT, 'actions', s('Autre action'));
    const p = preview(grid);
    expect(p.changes).toHaveLength(2);
    editCell(ctx, {
      rowKey: BICHAT,
      columnId: 'actions',
      raw: 'Saisie en ligne entre-temps',
      role: 'ars',
      author: 'collegue@ars.fr',
      source: 'grid',
    });
    const outcome = applyImport(ctx, 'ars', 'binome@ars.sante.fr', p);
    expect(outcome).toEqual({
      status: 'refused',
      errors: [
        {
          code: 'PREVIEW_OUTDATED',
          columnId: 'actions',
          message:
            "« Actions en cours ou à mener » de « GH BICHAT » a changé depuis l'aperçu : rien n'a été importé. Relancez l'import pour voir l'aperçu à jour.",
        },
      ],
    });
    expect(ctx.store.annotations(COCHIN).actions).toBe('Point d’étape le 30/06 avec la DSI.');
    expect(ctx.store.annotations(BICHAT).actions).toBe('Saisie en ligne entre-temps');
    expect(ctx.store.listJournal().at(-1)).toMatchObject({
      kind: 'import',
      summary: expect.stringContaining('annulé'),
    });
  });

  it('refuses a forged preview that widens the role’s columns: editCell decides again, nothing is applied', () => {
    const grid = suiviGrid(ctx);
    set(grid, COCHIN, 'actions', s('Légitime'));
    const p = preview(grid);
    const forged: ImportPreview = {
      ...p,
      changes: [
        ...p.changes,
        {
          ...(p.changes[0] as ImportPreview['changes'][number]),
          columnId: 'remarks',
          columnLabel: 'Remarques',
          previous: null,
          raw: 'forgé',
        },
      ],
    };
    const outcome = applyImport(ctx, 'ars', 'binome@ars.sante.fr', forged);
    expect(outcome.status).toBe('refused');
    expect(outcome.status === 'refused' && outcome.errors[0]?.code).toBe('COLUMN_NOT_OWNED');
    expect(ctx.store.annotations(COCHIN).actions).toBe('Point d’étape le 30/06 avec la DSI.');
    expect(ctx.store.annotations(COCHIN).remarks ?? null).toBeNull();
  });

  it('refuses a preview prepared for another role', () => {
    const grid = suiviGrid(ctx);
    set(grid, COCHIN, 'remarks', s('ANS'));
    expect(applyImport(ctx, 'ars', 'x@ars.fr', preview(grid, 'ans'))).toMatchObject({
      status: 'refused',
      errors: [{ code: 'ROLE_MISMATCH' }],
    });
  });
});

describe('previewImport — cells changed online since the file was exported', () => {
  const online = (key: string, columnId: string, raw: string, author = 'collegue@ars.fr') =>
    expect(editCell(ctx, { rowKey: key, columnId, raw, role: 'ars', author, source: 'grid' }).status).toBe(
      'saved',
    );
  /** The export, a colleague's online edit of COCHIN, then the older file with BICHAT changed offline. */
  const staleFile = () => {
    const model = workbookOf(ctx);
    const before = ctx.store.annotations(COCHIN).actions ?? null;
    online(COCHIN, 'actions', 'Modifié en ligne après l’export');
    const grid = suiviGrid(ctx, model);
    set(grid, BICHAT, 'actions', s('Point DSI le 04/07'));
    return { file: { ...parsed(grid), exportBasis: model.exportBasis }, before };
  };

  it('sets apart the revert of an online edit and keeps the offline change of another row', () => {
    const { file, before } = staleFile();
    const p = previewImport(ctx, 'ars', file);
    expect(p.changes.map((c) => [c.rowKey, c.columnId])).toEqual([[BICHAT, 'actions']]);
    expect(p.setApart).toHaveLength(1);
    expect(p.setApart[0]).toMatchObject({
      rowKey: COCHIN,
      columnId: 'actions',
      oldText: 'Modifié en ligne après l’export',
      newText: typeof before === 'string' ? before : '',
      changedBy: 'collegue@ars.fr',
    });
  });

  it('applies without the set-apart change: the online edit survives « Appliquer »', () => {
    const { file } = staleFile();
    const outcome = applyImport(ctx, 'ars', 'binome@ars.fr', previewImport(ctx, 'ars', file));
    expect(outcome.status).toBe('applied');
    expect(ctx.store.annotations(COCHIN).actions).toBe('Modifié en ligne après l’export');
    expect(ctx.store.annotations(BICHAT).actions).toBe('Point DSI le 04/07');
    expect(ctx.store.listJournal().at(-1)?.summary).toContain('1 écartée(s)');
  });

  it('applies a set-apart change only when it is chosen', () => {
    const { file, before } = staleFile();
    const p = previewImport(ctx, 'ars', file);
    expect(applyImport(ctx, 'ars', 'binome@ars.fr', p, [0]).status).toBe('applied');
    expect(ctx.store.annotations(COCHIN).actions ?? null).toBe(before);
  });

  it('says it cannot tell online edits apart when the file carries no export basis', () => {
    const { file } = staleFile();
    const { exportBasis: _dropped, ...withoutBasis } = file;
    const p = previewImport(ctx, 'ars', withoutBasis);
    expect(p.setApart).toEqual([]);
    expect(p.changes.map((c) => c.rowKey).sort()).toEqual([BICHAT, COCHIN].sort());
    expect(p.notices.map((n) => n.code)).toContain('EXPORT_INSTANT_MISSING');
  });

  it('does not trust a basis this store cannot have given (more changes than it holds)', () => {
    const { file } = staleFile();
    const count = ctx.store.listCellChanges().length;
    const p = previewImport(ctx, 'ars', {
      ...file,
      exportBasis: { cellChanges: count + 1, at: '2022-07-01T08:00:00.000Z' },
    });
    expect(p.notices.map((n) => n.code)).toContain('EXPORT_INSTANT_MISSING');
  });
});
