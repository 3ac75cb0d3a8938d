// One cell edited in place by its owner (ARS grid and row record, ANS remarks): the question that edits it, and
// the reading of its form. The decision (may this role write this column? is the value valid?) is editCell's.
import * as z from 'zod';
import { inputOf, prefillOf } from '../../domain/form-plan';
import type { FieldValue, RawValue } from '../../domain/values';
import type { Column } from '../../schema/tracking-file';
import { rawValuesFor, single, type FormBody } from './form-body';
import type { ServerDeps } from './types';
import { cellBasis } from '../../app/edit-cell';
import { BASIS_FIELD, type WriteBasis } from '../../domain/write-basis';
import type { CellQuestion } from '../pages/cell-editor';

export const VALUE_FIELD = 'value';
const CONTROL = ['_csrf', 'row_key', 'column_id', 'back', BASIS_FIELD];

export function cellQuestion(deps: ServerDeps, column: Column, value: FieldValue | undefined): CellQuestion {
  return {
    basis: cellBasis(column.id, value),
    name: VALUE_FIELD,
    columnId: column.id,
    title: column.label,
    help: '',
    required: column.required,
    input: inputOf(column, deps.project.departments),
    prefill: prefillOf(column, value),
  };
}

export const Back = z.enum(['grid', 'row', 'remarks']);
export type Back = z.infer<typeof Back>;

export type CellEditForm =
  | { ok: true; rowKey: string; columnId: string; raw: RawValue; back: Back; basis: WriteBasis | undefined }
  | { ok: false; problems: string };

/** Reads a cell form; any field besides the cell's value and the control fields makes it a forged form. */
export function readCellEdit(deps: ServerDeps, body: FormBody): CellEditForm {
  const rowKey = single(body, 'row_key');
  const columnId = single(body, 'column_id');
  const back = Back.safeParse(single(body, 'back') ?? 'grid');
  if (!rowKey || !columnId || !back.success) return { ok: false, problems: 'ligne ou colonne absente' };
  const column = deps.project.tracking.columns.find((c) => c.id === columnId);
  const question = column ? cellQuestion(deps, column, null) : undefined;
  const values = rawValuesFor(question ? [question] : [], body, CONTROL);
  const extra = Object.keys(values).filter((k) => k !== VALUE_FIELD);
  if (extra.length > 0) return { ok: false, problems: `champ inattendu ${extra[0]}` };
  return {
    ok: true,
    rowKey,
    columnId,
    raw: values[VALUE_FIELD],
    back: back.data,
    basis: single(body, BASIS_FIELD) ?? '',
  };
}
