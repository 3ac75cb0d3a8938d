// handleEdit: a person changed cells of Suivi (or of « Textes RETEX », handled by retex-texts.ts). Each typed Suivi
// cell goes through the core's sheet edit (src/app/apply-sheet-edit.ts, as in the REST sync): read as the import
// reads a cell, validated, and kept with author, time and old → new when the author's role owns the column.
// Anything else is put back to the recorded value and journaled, as the REST sync does: a value the rules refuse,
// and any edit of a column the author's role does not own (only the workbook's owner can type there: the
// protections stop everyone else). ES values change only through the establishment's form, or an ARS correction
// with a reason. Google gives no e-mail for another person outside a Workspace domain: the author is then
// frSheetEdits.unknownAuthor and the role the column's owner, the only one the protections let through.
import { applySheetEdit } from '../app/apply-sheet-edit';
import { fieldError, fr, frSheetEdits } from '../domain/messages';
import { frAppsScript } from './messages';
import { latestEntry } from '../domain/ledger';
import { parseRowKey, rowTitle } from '../domain/model';
import { valueAsText, type FieldValue, type Values } from '../domain/values';
import { cellOf } from '../domain/workbook/cells';
import { suiviRowValues } from '../domain/workbook/suivi-sheet';
import { columnScope, type Column, type Role } from '../schema/tracking-file';
import { sheetValue } from './cells';
import type { GasEditEvent, GasSheet } from './gas-api';
import type { Runtime } from './runtime';
import type { SuiviRow } from './sheet-store';
import { REGISTRY, SUIVI } from './workbook-geometry';
import { openRetexStore } from './retex/open-retex-store';
import { handleRetexTextsEdit, RETEX_TEXTS_SHEET } from './retex/retex-texts';
import { handleAccompanimentEdit } from './accompaniment-edits';

/** The role an editor acts in: the configured e-mails first; the script's owner is the ARS administrator. */
export function roleOf(rt: Runtime, email: string, column: Column): Role | undefined {
  const roles = rt.project.config.roles;
  if (email !== '' && roles.ars.includes(email)) return 'ars';
  if (email !== '' && roles.ans.includes(email)) return 'ans';
  if (email !== '' && email === rt.services.Session.getEffectiveUser().getEmail()) return 'ars';
  if (email === '') return column.owner;
  return undefined;
}

/**
 * What the records say each cell of a Suivi row shows. The ES weekly columns show the row's current report, read
 * from Historique (one search), only when `withReport` asks for them.
 */
export function recordedValues(rt: Runtime, row: SuiviRow, withReport: boolean): Values {
  const e = row.record.establishment;
  const useCase = e.useCases.find((u) => u.id === parseRowKey(row.key)?.useCaseId);
  if (!useCase) return {};
  const latest = withReport ? latestEntry(row.record.ledger) : undefined;
  const current = latest ? rt.store.reportVersion(row.key, latest.week) : undefined;
  return suiviRowValues(rt.project.tracking, e, useCase, current, row.record.annotations);
}

/** The value the records say one Suivi cell shows. */
export function recordedValue(rt: Runtime, row: SuiviRow, column: Column): FieldValue {
  const withReport = column.owner === 'es' && column.cadence === 'weekly';
  return recordedValues(rt, row, withReport)[column.id] ?? null;
}

/** Writes back, in one Suivi cell, the value the records hold. */
export function putBack(
  sheet: GasSheet,
  rowNumber: number,
  col: number,
  column: Column,
  value: FieldValue,
): void {
  sheet.getRange(rowNumber, col, 1, 1).setValue(sheetValue(cellOf(column, value)));
}

export type TypedCellOutcome = 'saved' | 'unchanged' | 'restored';

/**
 * One Suivi cell as typed, through the core. Kept when the author's role owns the column and the rules accept the
 * value; otherwise refused (journaled by the core), put back to the recorded value and the putting back journaled.
 * `role` undefined: an editor the configuration does not know, who has no column.
 */
export function applyTypedCell(
  rt: Runtime,
  input: { row: SuiviRow; col: number; column: Column; text: string; author: string; role: Role | undefined },
): TypedCellOutcome {
  const { row, column, author, role } = input;
  let recorded: FieldValue = null;
  const outcome = rt.store.transaction((): TypedCellOutcome => {
    const cell = input.text === '' ? null : ({ t: 's', v: input.text } as const);
    if (role) {
      const result = applySheetEdit(rt, { rowKey: row.key, columnId: column.id, cell, author, role });
      if (result.status === 'saved') return result.change ? 'saved' : 'unchanged';
    } else {
      const legend = rt.project.tracking.owners[column.owner].legend;
      const error = fieldError(column.id, 'COLUMN_NOT_OWNED', fr.columnNotOwned(column.label, legend), '');
      rt.store.appendJournal({
        at: rt.clock.now().toISOString(),
        kind: 'cell.refused',
        actor: author,
        role: 'system',
        target: `${row.key} ${column.id}`,
        summary: error.message,
        details: `${author} has no role in the configuration`,
      });
    }
    const e = row.record.establishment;
    const useCase = e.useCases.find((u) => u.id === parseRowKey(row.key)?.useCaseId);
    recorded = recordedValue(rt, row, column);
    rt.store.appendJournal({
      at: rt.clock.now().toISOString(),
      kind: 'reconcile',
      actor: 'suivi-mes',
      role: 'system',
      target: `${row.key} ${column.id}`,
      summary: frSheetEdits.restored(
        column.label,
        useCase ? rowTitle(e, useCase) : row.key,
        valueAsText(column, recorded),
        column.owner === 'es',
      ),
      details: `sheet value ${JSON.stringify(input.text).slice(0, 80)} replaced by the stored value`,
    });
    return 'restored';
  });
  if (outcome === 'restored') {
    putBack(rt.store.sheet(SUIVI), row.rowNumber, input.col, column, recorded);
    rt.store.noteDirectWrites();
  }
  return outcome;
}

/** Handles one onEdit event on the master workbook. The caller holds the script lock. */
export function handleSheetEdit(rt: Runtime, event: GasEditEvent): void {
  const range = event.range;
  const sheet = range.getSheet();
  const name = sheet.getName();
  const email = event.user?.getEmail() ?? '';
  const author = email === '' ? frSheetEdits.unknownAuthor : email;
  if (name === REGISTRY) {
    const installedRows = rt.store.rows().length + 1;
    if (range.getRow() <= installedRows)
      rt.store.transaction(() =>
        rt.store.appendJournal({
          at: rt.clock.now().toISOString(),
          kind: 'access',
          actor: author,
          role: 'ars',
          target: `${REGISTRY}!${range.getA1Notation()}`,
          summary: frAppsScript.registryEditIgnored,
        }),
      );
    return;
  }
  if (handleAccompanimentEdit(rt, event)) return;
  if (name === RETEX_TEXTS_SHEET) {
    handleRetexTextsEdit(rt, event, rt.retexTemplates(), openRetexStore(rt));
    return;
  }
  if (name !== SUIVI) return;
  const g = rt.store.geometry;
  const top = range.getRow();
  const left = range.getColumn();
  // Not e.value: Google documents it only as « the new cell value », and hands a date as a serial number, and
  // « 01 » as 1 in a cell not formatted as text. The cells are read back as they show, like the REST sync reads them.
  const typed: string[][] = range.getDisplayValues();
  const byRow = new Map(rt.store.rows().map((r) => [r.rowNumber, r]));
  // A saved value of the whole establishment is one edit, whichever of its rows it was typed on.
  const done = new Set<string>();
  let reverted: string | undefined;
  typed.forEach((line, i) =>
    line.forEach((text, j) => {
      const row = byRow.get(top + i);
      const column = g.columnAt(left + j);
      if (!row || !column) return;
      const scope = columnScope(column) === 'establishment' ? row.record.establishment.id : row.key;
      if (done.has(`${scope} ${column.id}`)) return;
      const role = roleOf(rt, email, column);
      const outcome = applyTypedCell(rt, { row, col: left + j, column, text, author, role });
      // The establishment's other rows show the saved value once the store rewrites them.
      if (outcome === 'saved') done.add(`${scope} ${column.id}`);
      if (outcome === 'restored') reverted = column.label;
    }),
  );
  if (reverted) rt.notify(frAppsScript.editReverted(reverted));
}
