// A role edits one cell it owns: an ARS action, an ANS remark, an ARS identity field. The access checker decides,
// the field rules validate, the change is kept with its author and the value it replaced.
import { columnScope, type Role } from '../schema/tracking-file';
import { canWrite } from '../domain/access';
import { columnById } from '../domain/columns';
import { fieldError, fr, type FieldError } from '../domain/messages';
import { parseRowKey, type CellChange } from '../domain/model';
import { validateCellEdit } from '../domain/validate-edits';
import { sameValue, valueAsText, type FieldValue, type RawValue } from '../domain/values';
import { validationContext, type AppContext } from './context';
import { describeColumn, refuseIfStale, type StaleWrite } from './stale-write';
import { basisOf, type WriteBasis } from '../domain/write-basis';

export interface EditCellInput {
  rowKey: string;
  columnId: string;
  raw: RawValue;
  role: Role;
  author: string;
  source: CellChange['source'];
  /**
   * The cell as the editor showed it (cellBasis of the value then): refused as stale when someone changed it since.
   * Undefined: no check (a sheet edit, whose cell is itself the value typed over; a demo).
   */
  basis?: WriteBasis;
}

/** The basis of a cell editor showing `value` in `columnId`. */
export function cellBasis(columnId: string, value: FieldValue | undefined): WriteBasis {
  return basisOf({ [columnId]: value ?? null }, [columnId]);
}

export type EditCellOutcome =
  { status: 'saved'; change: CellChange | null } | { status: 'refused'; errors: FieldError[] } | StaleWrite;

export function editCell(ctx: AppContext, input: EditCellInput): EditCellOutcome {
  const { store, project } = ctx;
  return store.transaction((): EditCellOutcome => {
    const now = ctx.clock.now();
    const refuse = (errors: FieldError[]): EditCellOutcome => {
      store.appendJournal({
        at: now.toISOString(),
        kind: 'cell.refused',
        actor: input.author,
        role: input.role,
        target: `${input.rowKey} ${input.columnId}`,
        summary: errors.map((e) => e.message).join(' '),
        details: errors.map((e) => e.details).join('; '),
      });
      return { status: 'refused', errors };
    };
    const column = columnById(project.tracking, input.columnId);
    if (!column)
      return refuse([
        fieldError(input.columnId, 'UNKNOWN_FIELD', fr.unknownColumn(input.columnId), 'unknown column'),
      ]);
    const parsed = parseRowKey(input.rowKey);
    const establishment = parsed && store.getEstablishment(parsed.establishmentId);
    if (!parsed || !establishment || !establishment.useCases.some((u) => u.id === parsed.useCaseId))
      return refuse([fieldError('row', 'UNKNOWN_ESTABLISHMENT', fr.unknownRow(input.rowKey), 'unknown row')]);
    const scope = columnScope(column);
    const previous =
      scope === 'establishment'
        ? (establishment.values[column.id] ?? null)
        : (store.annotations(input.rowKey)[column.id] ?? null);
    // Access first: a column the role may not write is refused as such, whatever the form claims to have shown.
    const access = canWrite(project.tracking, input.role, column);
    if (!access.allowed) return refuse([access.error]);
    const stale = refuseIfStale(ctx, {
      basis: input.basis,
      current: { [column.id]: previous },
      describe: describeColumn(ctx),
      author: input.author,
      role: input.role,
      target: `${input.rowKey} ${column.id}`,
      what: `Modification de « ${column.label} »`,
    });
    if (stale) return stale;
    const result = validateCellEdit(validationContext(ctx, now), input.role, column, input.raw);
    if (!result.ok) return refuse(result.errors);
    if (column.owner === 'es' || (scope === 'row' && column.cadence === 'init'))
      return refuse([
        fieldError(
          column.id,
          'COLUMN_NOT_OWNED',
          fr.changesThroughForm(column.label),
          'es columns change through forms',
        ),
      ]);
    const target = scope === 'establishment' ? establishment.id : input.rowKey;
    if (sameValue(previous, result.value)) return { status: 'saved', change: null };
    const change: CellChange = {
      scope: scope === 'establishment' ? 'establishment' : 'annotation',
      target,
      columnId: column.id,
      value: result.value,
      previous,
      author: input.author,
      role: input.role,
      at: now.toISOString(),
      source: input.source,
    };
    store.recordCellChange(change);
    store.appendJournal({
      at: change.at,
      kind: 'cell.changed',
      actor: input.author,
      role: input.role,
      target: `${target} ${column.id}`,
      summary: `« ${column.label} » : ${JSON.stringify(valueAsText(column, previous)).slice(0, 80)} → ${JSON.stringify(valueAsText(column, result.value)).slice(0, 80)}`,
    });
    return { status: 'saved', change };
  });
}
