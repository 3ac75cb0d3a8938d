// handleEdit: a person changed cells of Suivi (or of « Textes RETEX », handled by retex-texts.ts). An ARS or ANS
// officer writing a column of their role goes through the core's cell edit (validated, kept with author, time,
// old → new); a refused value is put back. A cell changed by someone whose role does not own its column (only the
// owner of the workbook can, protections stop everyone else) is recorded and flagged. Google gives no e-mail for
// another person outside a Workspace domain: the author is then unknown and the role is the column's owner, the
// only one the protections let through.
import { editCell } from '../app/edit-cell';
import { canWrite } from '../domain/access';
import { frAppsScript } from '../domain/messages';
import { valueAsText } from '../domain/values';
import { columnScope, type Column, type Role } from '../schema/tracking-file';
import { rawFromCellText } from './cell-input';
import { sheetValue } from './cells';
import type { GasEditEvent } from './gas-api';
import type { Runtime } from './runtime';
import { REGISTRY, SUIVI } from './workbook-geometry';
import { openRetexStore } from './retex';
import { handleRetexTextsEdit, RETEX_TEXTS_SHEET } from './retex-texts';

/** The role an editor acts in: the configured e-mails first; the script's owner is the ARS administrator. */
export function roleOf(rt: Runtime, email: string, column: Column): Role | undefined {
  const roles = rt.project.config.roles;
  if (email !== '' && roles.ars.includes(email)) return 'ars';
  if (email !== '' && roles.ans.includes(email)) return 'ans';
  if (email !== '' && email === rt.services.Session.getEffectiveUser().getEmail()) return 'ars';
  if (email === '') return column.owner;
  return undefined;
}

function flag(rt: Runtime, target: string, summary: string, author: string, role: Role | undefined): void {
  rt.store.transaction(() =>
    rt.store.appendJournal({
      at: rt.clock.now().toISOString(),
      kind: 'access',
      actor: author,
      role: role ?? 'system',
      target,
      summary,
      details: 'flagged',
    }),
  );
}

/** Handles one onEdit event on the master workbook. The caller holds the script lock. */
export function handleSheetEdit(rt: Runtime, event: GasEditEvent): void {
  const range = event.range;
  const sheet = range.getSheet();
  const name = sheet.getName();
  const email = event.user?.getEmail() ?? '';
  const author = email === '' ? frAppsScript.unknownAuthor : email;
  if (name === REGISTRY) {
    const installedRows = rt.store.rows().length + 1;
    if (range.getRow() <= installedRows)
      flag(rt, `${REGISTRY}!${range.getA1Notation()}`, frAppsScript.registryEditIgnored, author, 'ars');
    return;
  }
  if (name === RETEX_TEXTS_SHEET) {
    handleRetexTextsEdit(rt, event, rt.retexTemplates(), openRetexStore(rt));
    return;
  }
  if (name !== SUIVI) return;
  const g = rt.store.geometry;
  const top = range.getRow();
  const left = range.getColumn();
  const single = range.getNumRows() === 1 && range.getNumColumns() === 1;
  const typed: string[][] = single && event.value !== undefined ? [[event.value]] : range.getDisplayValues();
  const byRow = new Map(rt.store.rows().map((r) => [r.rowNumber, r]));
  typed.forEach((line, i) =>
    line.forEach((text, j) => {
      const row = byRow.get(top + i);
      const column = g.columnAt(left + j);
      if (!row || !column) return;
      const cellRef = `${row.key} ${column.id}`;
      const scope = columnScope(column);
      const recorded =
        scope === 'establishment'
          ? row.record.establishment.values[column.id]
          : column.owner === 'es'
            ? undefined
            : row.record.annotations[column.id];
      const before =
        single && event.oldValue !== undefined ? event.oldValue : valueAsText(column, recorded ?? null);
      const role = roleOf(rt, email, column);
      const sheetEditable = column.owner !== 'es' && !(scope === 'row' && column.cadence === 'init');
      if (!role || !canWrite(rt.project.tracking, role, column).allowed || !sheetEditable) {
        const legend = rt.project.tracking.owners[column.owner].legend;
        flag(
          rt,
          cellRef,
          frAppsScript.editFlagged(
            column.label,
            legend,
            author,
            JSON.stringify(before),
            JSON.stringify(text),
          ),
          author,
          role,
        );
        return;
      }
      const outcome = editCell(rt, {
        rowKey: row.key,
        columnId: column.id,
        raw: rawFromCellText(column, text),
        role,
        author,
        source: 'sheet',
      });
      if (outcome.status === 'refused') {
        const previous = valueAsText(column, recorded ?? null);
        sheet
          .getRange(top + i, left + j, 1, 1)
          .setValue(sheetValue(previous === '' ? null : { t: 's', v: previous }));
        rt.notify(frAppsScript.editReverted(column.label));
      }
    }),
  );
}
