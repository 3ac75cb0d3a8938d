// A cell typed directly in the master spreadsheet goes through editCell as its column's owner, source 'sheet':
// ARS and ANS cells are kept with the sheet as source; ES cells and values the rules refuse are refused and
// journaled, nothing changed.
import { applySheetEdit } from '../../src/app/apply-sheet-edit';
import { frSheetEdits } from '../../src/domain/messages';
import { appContext } from '../support/project';

describe('applySheetEdit', () => {
  it('keeps an ARS action typed in the sheet, with the sheet as source and the unknown author', () => {
    const ctx = appContext();
    const outcome = applySheetEdit(ctx, {
      rowKey: 'gh-cochin/uc1',
      columnId: 'actions',
      text: 'Relance $1 {{x}}',
    });
    expect(outcome).toMatchObject({
      status: 'saved',
      change: { scope: 'annotation', role: 'ars', source: 'sheet', author: frSheetEdits.unknownAuthor },
    });
    expect(ctx.store.annotations('gh-cochin/uc1').actions).toBe('Relance $1 {{x}}');
  });

  it('keeps an ANS remark as the ANS, and an ARS identity value on the establishment', () => {
    const ctx = appContext();
    expect(
      applySheetEdit(ctx, {
        rowKey: 'gh-cochin/uc1',
        columnId: 'remarks',
        text: 'Vu',
        author: 'ans@esante.gouv.fr',
      }),
    ).toMatchObject({ status: 'saved', change: { role: 'ans', author: 'ans@esante.gouv.fr' } });
    expect(
      applySheetEdit(ctx, {
        rowKey: 'cessrin-maisons-laffitte/uc2',
        columnId: 'launch_meeting_date',
        text: '2022-05-19',
      }),
    ).toMatchObject({
      status: 'saved',
      change: { scope: 'establishment', target: 'cessrin-maisons-laffitte' },
    });
    expect(ctx.store.getEstablishment('cessrin-maisons-laffitte')?.values.launch_meeting_date).toBe(
      '2022-05-19',
    );
  });

  it('refuses an ES column: it changes through the establishment’s form', () => {
    const ctx = appContext();
    const outcome = applySheetEdit(ctx, { rowKey: 'gh-cochin/uc1', columnId: 'dmp_fed', text: '99' });
    expect(outcome).toMatchObject({ status: 'refused', errors: [{ code: 'COLUMN_NOT_OWNED' }] });
    expect(ctx.store.listCellChanges()).toEqual([]);
    expect(ctx.store.listJournal().at(-1)).toMatchObject({
      kind: 'cell.refused',
      role: 'es',
      target: 'gh-cochin/uc1 dmp_fed',
    });
  });

  it.each([
    ['department', '999', 'NOT_A_DEPARTMENT'],
    ['establishment', '', 'REQUIRED'],
    ['ars_contact', 'Durand, Anne', 'RECORD_FORMAT'],
    ['actions', 'Patient 1 85 05 75 123 456 78 vu', 'PATIENT_IDENTIFIER'],
  ])('refuses %s = %j (%s) and journals it, nothing stored', (columnId, text, code) => {
    const ctx = appContext();
    const before = JSON.stringify(ctx.store.getEstablishment('gh-cochin'));
    const outcome = applySheetEdit(ctx, { rowKey: 'gh-cochin/uc1', columnId, text });
    expect(outcome).toMatchObject({ status: 'refused', errors: [{ code }] });
    expect(JSON.stringify(ctx.store.getEstablishment('gh-cochin'))).toBe(before);
    expect(ctx.store.listCellChanges()).toEqual([]);
    expect(ctx.store.listJournal().at(-1)).toMatchObject({
      kind: 'cell.refused',
      target: `gh-cochin/uc1 ${columnId}`,
    });
  });
});
