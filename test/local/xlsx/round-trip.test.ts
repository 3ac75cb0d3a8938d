import ExcelJS from 'exceljs';
import { readTrackingXlsx } from '../../../src/local/xlsx/read-tracking-file';
import { renderWorkbookXlsx } from '../../../src/local/xlsx/render-workbook';
import { applyImport, previewImport } from '../../../src/app/import-workbook';
import { MemoryStore, type MemoryState } from '../../../src/app/memory-store';
import type { AppContext } from '../../../src/app/context';
import { requireColumn } from '../../../src/domain/columns';
import type { Role } from '../../../src/schema/tracking-file';
import { seedDemoSeason } from '../../../src/app/demo-season';
import { editCell } from '../../../src/app/edit-cell';
import { appContext, seededStore } from '../../support/project';
import { pilotSeason, workbookOf as seasonWorkbook } from '../../support/app/pilot-season';
import { workbookOf } from '../../support/local/hostile-workbooks';

const season = pilotSeason();
const tracking = season.project.tracking;
const label = (id: string) => requireColumn(tracking, id).label;

function freshContext(): AppContext & { store: MemoryStore } {
  return { ...season, store: new MemoryStore(structuredClone((season.store as MemoryStore).state)) };
}

/** Exports for `role`, lets `edit` change the Suivi tab as a person would in a spreadsheet program, saves. */
async function exportAndEdit(
  ctx: AppContext,
  role: Role,
  edit: (ws: ExcelJS.Worksheet, at: (key: string, columnId: string) => ExcelJS.Cell) => void,
): Promise<Buffer> {
  const exported = await renderWorkbookXlsx(seasonWorkbook(ctx), { role });
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(exported as unknown as ArrayBuffer);
  const ws = book.getWorksheet('Suivi');
  if (!ws) throw new Error('no Suivi');
  const labels = (ws.getRow(2).values as ExcelJS.CellValue[]).slice(1);
  const keyColumn = labels.indexOf(tracking.layout.keyColumnLabel) + 1;
  const at = (key: string, columnId: string) => {
    let row = 0;
    ws.eachRow((r, n) => {
      if (r.getCell(keyColumn).value === key) row = n;
    });
    return ws.getCell(row, labels.indexOf(label(columnId)) + 1);
  };
  edit(ws, at);
  return Buffer.from(await book.xlsx.writeBuffer());
}

async function parse(ctx: AppContext, data: Buffer) {
  const read = await readTrackingXlsx(data, ctx.project);
  if (!read.ok) throw new Error(JSON.stringify(read.errors));
  return read.file;
}

/** Everything stored except the parts a test expects to change. */
function unchangedParts(state: MemoryState) {
  return {
    establishments: state.establishments,
    versions: state.versions,
    ledgers: [...state.ledgers.entries()],
    submissions: [...state.submissions],
  };
}

describe('.xlsx round trip — export, offline edit, import', () => {
  it('applies the ARS cell and refuses the ES cell with its reason; the store changes only there', async () => {
    const ctx = freshContext();
    const before = structuredClone(ctx.store.state);
    const data = await exportAndEdit(ctx, 'ars', (_, at) => {
      at('gh-paul-doumer/uc1', 'actions').value = 'Visio avec l’éditeur du DPI le 05/07';
      at('gh-paul-doumer/uc1', 'patients_included').value = 5000;
    });
    const preview = previewImport(ctx, 'ars', await parse(ctx, data));
    expect(preview.changes.map((c) => [c.rowKey, c.columnLabel, c.oldText, c.newText])).toEqual([
      ['gh-paul-doumer/uc1', label('actions'), '', 'Visio avec l’éditeur du DPI le 05/07'],
    ]);
    expect(preview.refused.map((r) => [r.rowKey, r.columnLabel, r.newText, r.code, r.reason])).toEqual([
      [
        'gh-paul-doumer/uc1',
        label('patients_included'),
        '5000',
        'ES_VALUE_BY_FORM',
        "« Cumul Nb de patients inclus » : valeur déclarée par l'établissement ; elle ne change que par son formulaire, ou par une correction de l'ARS / SESAN avec un motif, gardée dans l'historique. Modification non importée.",
      ],
    ]);

    expect(applyImport(ctx, 'ars', 'binome@ars.sante.fr', preview)).toMatchObject({ status: 'applied' });
    const after = ctx.store.state;
    expect(unchangedParts(after)).toEqual(unchangedParts(before));
    const changedRows = [...after.annotations.entries()].filter(
      ([key, values]) => JSON.stringify(values) !== JSON.stringify(before.annotations.get(key) ?? {}),
    );
    expect(changedRows).toEqual([
      ['gh-paul-doumer/uc1', { actions: 'Visio avec l’éditeur du DPI le 05/07' }],
    ]);
    expect(after.changes.slice(before.changes.length)).toEqual([
      expect.objectContaining({
        target: 'gh-paul-doumer/uc1',
        columnId: 'actions',
        source: 'import',
        previous: null,
      }),
    ]);
    expect(after.journal.slice(before.journal.length).map((e) => e.kind)).toEqual(['cell.changed', 'import']);

    // The next export shows the imported action in the same place.
    const again = previewImport(
      ctx,
      'ars',
      await parse(ctx, await exportAndEdit(ctx, 'ars', () => undefined)),
    );
    expect(again.changes).toEqual([]);
  });

  it('takes back only « Remarques » from the ANS’s export', async () => {
    const ctx = freshContext();
    const data = await exportAndEdit(ctx, 'ans', (_, at) => {
      at('gh-cochin/uc1', 'remarks').value = 'Exemple à citer au comité national';
      at('gh-cochin/uc1', 'actions').value = 'Modifié par l’ANS';
    });
    const preview = previewImport(ctx, 'ans', await parse(ctx, data));
    expect(preview.changes.map((c) => [c.columnId, c.newText])).toEqual([
      ['remarks', 'Exemple à citer au comité national'],
    ]);
    expect(preview.refused.map((r) => [r.columnId, r.code])).toEqual([['actions', 'COLUMN_NOT_OWNED']]);
    expect(applyImport(ctx, 'ans', 'ans-monespacesante@esante.gouv.fr', preview).status).toBe('applied');
    expect(ctx.store.annotations('gh-cochin/uc1')).toEqual({
      actions: 'Point d’étape le 30/06 avec la DSI.',
      remarks: 'Exemple à citer au comité national',
    });
  });
});

describe('.xlsx round trip — Excel’s _xHHHH_ escapes', () => {
  it('writes a literal « _x0041_ » escaped, as Excel does, and reads it back unchanged', async () => {
    const ctx = freshContext();
    const typed = 'Ticket _x0041_ chez l’éditeur';
    expect(
      editCell(ctx, {
        rowKey: 'gh-cochin/uc1',
        columnId: 'actions',
        raw: typed,
        role: 'ars',
        author: 'a@ars.fr',
        source: 'grid',
      }).status,
    ).toBe('saved');
    const exported = await renderWorkbookXlsx(seasonWorkbook(ctx), { role: 'ars' });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(exported as unknown as ArrayBuffer);
    const cells: unknown[] = [];
    book.getWorksheet('Suivi')?.eachRow((row) => row.eachCell((cell) => cells.push(cell.value)));
    expect(cells).toContain('Ticket _x005F_x0041_ chez l’éditeur');
    const preview = previewImport(ctx, 'ars', await parse(ctx, exported));
    expect(preview.changes).toEqual([]);
  });
});

describe('.xlsx round trip — the demo season', () => {
  it('reads its own export back with no change, then takes exactly one ARS edit', async () => {
    const ctx = appContext('2022-10-03T10:00:00+02:00', seededStore(new MemoryStore()));
    const summary = seedDemoSeason(ctx);
    expect(summary.accepted).toBeGreaterThan(100);
    const untouched = previewImport(
      ctx,
      'ars',
      await parse(ctx, await exportAndEdit(ctx, 'ars', () => undefined)),
    );
    expect(untouched).toMatchObject({ rowsMatched: 17, changes: [], refused: [] });
    const data = await exportAndEdit(ctx, 'ars', (_, at) => {
      at('gh-la-pitie-salepetriere/uc1', 'actions').value = 'Bilan de fin de pilote envoyé';
    });
    const preview = previewImport(ctx, 'ars', await parse(ctx, data));
    expect(preview.refused).toEqual([]);
    expect(preview.changes.map((c) => [c.rowKey, c.columnId, c.newText])).toEqual([
      ['gh-la-pitie-salepetriere/uc1', 'actions', 'Bilan de fin de pilote envoyé'],
    ]);
  }, 30_000);
});

describe('.xlsx import — a tracking file typed by hand in the official layout', () => {
  it('matches rows by establishment, pathway and use case, and imports the ARS’s columns', async () => {
    const ctx = freshContext();
    const cochin = ctx.store.getEstablishment('gh-cochin');
    const bichat = ctx.store.getEstablishment('gh-bichat');
    const cochinCounter = ctx.store.rowLedger('gh-cochin/uc1').at(-1)?.counters.messages_sent;
    const data = await workbookOf([
      [
        'Etablissement',
        'Parcours / Services',
        "Cas d'usages",
        'Date réunion de lancement',
        'Cumul nb de messages émis vers MES',
        'Actions en cours ou à mener',
      ],
      [
        'GH COCHIN',
        String(cochin?.useCases[0]?.values.pathway),
        'Maternité',
        new Date(Date.UTC(2022, 4, 12)),
        cochinCounter ?? 0,
        'Point d’étape le 30/06 avec la DSI.',
      ],
      [
        'gh bichat',
        String(bichat?.useCases[0]?.values.pathway),
        'à confirmer',
        new Date(Date.UTC(2022, 4, 19)),
        null,
        'Formation des secrétariats',
      ],
    ]);
    const file = await parse(ctx, data);
    expect(file).toMatchObject({ sheet: 'Feuil1', labelRow: 1, hasKeyColumn: false });
    const preview = previewImport(ctx, 'ars', file);
    expect(preview.rowsMatched).toBe(2);
    expect(preview.changes.map((c) => [c.rowKey, c.columnId, c.oldText, c.newText])).toEqual([
      ['gh-bichat/uc1', 'launch_meeting_date', '12/05/2022', '19/05/2022'],
      [
        'gh-bichat/uc1',
        'actions',
        '=HYPERLINK("http://exemple.invalid";"clic")',
        'Formation des secrétariats',
      ],
    ]);
    // Bichat's counter left empty is a change to an ES value: refused, never blanked.
    expect(preview.refused.map((r) => [r.rowKey, r.columnId, r.code])).toEqual([
      ['gh-bichat/uc1', 'messages_sent', 'ES_VALUE_BY_FORM'],
    ]);
    expect(applyImport(ctx, 'ars', 'binome@ars.sante.fr', preview).status).toBe('applied');
    expect(ctx.store.getEstablishment('gh-bichat')?.values.launch_meeting_date).toBe('2022-05-19');
    expect(ctx.store.annotations('gh-bichat/uc1').actions).toBe('Formation des secrétariats');
  });
});
