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
      cell: { t: 's', v: 'Relance $1 {{x}}' },
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
        cell: { t: 's', v: 'Vu' },
        author: 'ans@esante.gouv.fr',
      }),
    ).toMatchObject({ status: 'saved', change: { role: 'ans', author: 'ans@esante.gouv.fr' } });
    expect(
      applySheetEdit(ctx, {
        rowKey: 'cessrin-maisons-laffitte/uc2',
        columnId: 'launch_meeting_date',
        cell: { t: 's', v: '2022-05-19' },
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
    const outcome = applySheetEdit(ctx, {
      rowKey: 'gh-cochin/uc1',
      columnId: 'dmp_fed',
      cell: { t: 's', v: '99' },
    });
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
    ['actions', 'Patient 1 85 05 75 123 456 78 vu', 'PATIENT_IDENTIFIER'],
  ])('refuses %s = %j (%s) and journals it, nothing stored', (columnId, text, code) => {
    const ctx = appContext();
    const before = JSON.stringify(ctx.store.getEstablishment('gh-cochin'));
    const cell = text === '' ? null : { t: 's' as const, v: text };
    const outcome = applySheetEdit(ctx, { rowKey: 'gh-cochin/uc1', columnId, cell });
    expect(outcome).toMatchObject({ status: 'refused', errors: [{ code }] });
    expect(JSON.stringify(ctx.store.getEstablishment('gh-cochin'))).toBe(before);
    expect(ctx.store.listCellChanges()).toEqual([]);
    expect(ctx.store.listJournal().at(-1)).toMatchObject({
      kind: 'cell.refused',
      target: `gh-cochin/uc1 ${columnId}`,
    });
  });

  it('reads a contact cell as the import does, one entry per line, and refuses a line missing fields', () => {
    const ctx = appContext();
    const contact = 'Durand, Anne, anne.durand@ars.sante.fr, Chargée de mission, 01 44 02 00 00';
    expect(
      applySheetEdit(ctx, { rowKey: 'gh-cochin/uc1', columnId: 'ars_contact', cell: { t: 's', v: contact } }),
    ).toMatchObject({ status: 'saved', change: { scope: 'establishment', columnId: 'ars_contact' } });
    const outcome = applySheetEdit(ctx, {
      rowKey: 'gh-cochin/uc1',
      columnId: 'ars_contact',
      cell: { t: 's', v: 'Durand, Anne' },
    });
    expect(outcome).toMatchObject({ status: 'unreadable', issue: { code: 'RECORD_FORMAT' } });
    expect(ctx.store.listJournal().at(-1)).toMatchObject({
      kind: 'cell.refused',
      target: 'gh-cochin/uc1 ars_contact',
    });
  });

  it('reads a date cell as its date', () => {
    const ctx = appContext();
    expect(
      applySheetEdit(ctx, {
        rowKey: 'gh-cochin/uc1',
        columnId: 'launch_meeting_date',
        cell: { t: 'd', v: '2022-05-19' },
      }),
    ).toMatchObject({ status: 'saved', change: { value: '2022-05-19' } });
  });
});
