// The one check every write that starts from something the user saw goes through: the basis the form carried
// (src/domain/write-basis.ts) against what the record holds now, inside the write's transaction. A stale write is
// refused and journaled with the fields that changed meanwhile, so the page can show them and the current values.
import type { Role } from '../schema/tracking-file';
import { columnById } from '../domain/columns';
import { fieldError, fr, type FieldError } from '../domain/messages';
import { valueAsText, type Values } from '../domain/values';
import { checkBasis, type WriteBasis } from '../domain/write-basis';
import type { AppContext } from './context';

/** A write refused because what it was based on changed meanwhile; `changed` are field ids of the basis. */
export interface StaleWrite {
  status: 'stale';
  changed: string[];
  errors: FieldError[];
}

/** How a field of the basis is named to the user and how its current value reads. */
export type DescribeField = (fieldId: string, current: Values) => { label: string; text: string };

export function describeColumn(ctx: AppContext): DescribeField {
  return (id, current) => {
    const column = columnById(ctx.project.tracking, id);
    return column
      ? { label: column.label, text: valueAsText(column, current[id] ?? null) }
      : { label: id, text: JSON.stringify(current[id] ?? null) };
  };
}

export interface BasisCheckInput {
  /** The basis the write carried; undefined for a write that shows nothing first (a Google Form, the CLI). */
  basis: WriteBasis | undefined;
  /** The values the basis claims, as the record holds them now (same field ids as when the basis was taken). */
  current: Values;
  describe: DescribeField;
  /** The fields this write touches, when the basis covers more (see checkBasis). */
  only?: readonly string[];
  author: string;
  role: Role;
  target: string;
  what: string;
}

/** Undefined when the write may go on; otherwise the refusal, already journaled (call inside the transaction). */
export function refuseIfStale(ctx: AppContext, input: BasisCheckInput): StaleWrite | undefined {
  if (input.basis === undefined) return undefined;
  const check = checkBasis(input.basis, input.current, input.only);
  if (check.ok) return undefined;
  const changed = 'changed' in check ? check.changed : [];
  const described = changed.map((id) => input.describe(id, input.current));
  const message = changed.length > 0 ? fr.staleWrite(described) : fr.staleBasisMissing();
  const error = fieldError(
    changed[0] ?? 'form',
    'STALE_WRITE',
    message,
    changed.length > 0 ? `changed meanwhile: ${changed.join(', ')}` : 'unreadable basis',
  );
  ctx.store.appendJournal({
    at: ctx.clock.now().toISOString(),
    kind: 'cell.refused',
    actor: input.author,
    role: input.role,
    target: input.target,
    summary: `${input.what} refusée : ${message}`,
    details: error.details,
  });
  return { status: 'stale', changed, errors: [error] };
}
