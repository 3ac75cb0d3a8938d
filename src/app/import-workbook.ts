// Imports a workbook in the official layout that a role edited offline: first a preview of every change the
// uploader's role may make and of every refused cell with its reason, then, once confirmed, the accepted changes
// applied through editCell in one transaction. The preview writes nothing; applying is all-or-nothing.
import type { Column, Role } from '../schema/tracking-file';
import { canWrite } from '../domain/access';
import { columnById, requireColumn } from '../domain/columns';
import { foldForMatch, parseField } from '../domain/field-rules';
import { latestEntry } from '../domain/ledger';
import { frImport, type ErrorCode, type ImportCode } from '../domain/messages';
import {
  parseRowKey,
  rowKey,
  rowTitle,
  type CellChange,
  type EstablishmentRecord,
  type RowKey,
  type UseCaseRecord,
} from '../domain/model';
import { formatFrenchDate } from '../domain/paris-time';
import {
  cellText,
  IDENTITY_COLUMN_IDS,
  KEY_COLUMN,
  rawFromCell,
  type GridCell,
  type ImportIssue,
  type ParsedRow,
  type ParsedTrackingFile,
} from '../domain/workbook/tracking-grid';
import { fieldContext } from '../domain/validate-weekly-report';
import { validateCellEdit } from '../domain/validate-edits';
import { safeText } from '../domain/safe-text';
import { sameValue, valueAsText, type FieldValue, type RawValue, type Values } from '../domain/values';
import { suiviRowValues } from '../domain/workbook/suivi-sheet';
import type { ExportBasis } from '../domain/workbook/sheet-model';
import { columnScope } from '../schema/tracking-file';
import { validationContext, type AppContext } from './context';
import { editCell } from './edit-cell';

/** A change the uploader's role may make: applied as is by applyImport unless the store moved meanwhile. */
export interface ImportChange {
  /** Sheet rows that carry it (several when an establishment-wide value appears on each of its use cases). */
  rows: number[];
  rowKey: RowKey;
  /** The row as people name it (establishment, and use case when it has several). */
  title: string;
  columnId: string;
  columnLabel: string;
  /** The stored value the preview was computed against. */
  previous: FieldValue;
  raw: RawValue;
  oldText: string;
  newText: string;
}

/**
 * A change to a cell someone changed in the store after the file was exported: the file may hold the value it had
 * then (applying it would revert the other's change) or a value typed over it. Never applied unless chosen.
 */
export interface ImportSetApart extends ImportChange {
  /** The latest change since the export: who made it and when (ISO 8601). */
  changedBy: string;
  changedAt: string;
}

/** A row or a cell that is not imported, with the French reason. */
export interface ImportRefusal {
  row: number;
  rowKey?: RowKey;
  title?: string;
  columnId?: string;
  columnLabel?: string;
  oldText?: string;
  newText?: string;
  code: ImportCode | ErrorCode;
  reason: string;
}

/** Plain data, so a server can keep it between the preview page and the confirmation. */
export interface ImportPreview {
  role: Role;
  sheet: string;
  rowsRead: number;
  rowsMatched: number;
  changes: ImportChange[];
  /** Changes to cells modified since the export: applied only when chosen one by one (their index here). */
  setApart: ImportSetApart[];
  refused: ImportRefusal[];
  notices: ImportIssue[];
  /** The file's export instant, when it carries one. */
  exportedAt?: string;
}

export type ImportOutcome =
  | { status: 'applied'; changes: CellChange[]; refused: number }
  | { status: 'unchanged' }
  | { status: 'refused'; errors: ImportIssue[] };

interface MatchedRow {
  parsed: ParsedRow;
  key: RowKey;
  /** By identity, the identity cells are what matched (accents and case aside): they are not edits. */
  matchedBy: 'key' | 'identity';
  establishment: EstablishmentRecord;
  useCase: UseCaseRecord;
}

const text = (column: Column | undefined, cell: GridCell | undefined) => cellText(column, cell ?? null);

/** A cell as the preview shows it: dates the French way, like the stored values next to it. */
function shownText(column: Column, cell: GridCell): string {
  const t = cellText(column, cell);
  return column.type.kind === 'date' && /^\d{4}-\d{2}-\d{2}$/.test(t) ? formatFrenchDate(t) : t;
}

/** Finds the stored row of each sheet row: by the key column, else by establishment, pathway and use case. */
function matchRows(
  ctx: AppContext,
  file: ParsedTrackingFile,
): { matched: MatchedRow[]; refused: ImportRefusal[] } {
  const { tracking } = ctx.project;
  const keyLabel = tracking.layout.keyColumnLabel;
  const establishments = ctx.store.listEstablishments();
  const byKey = new Map<RowKey, { establishment: EstablishmentRecord; useCase: UseCaseRecord }>();
  const byIdentity = new Map<string, RowKey | null>();
  const identity = (name: string, pathway: string, useCase: string) =>
    [name, pathway, useCase].map(foldForMatch).join('\u0000');
  const nameColumn = requireColumn(tracking, 'establishment');
  const pathwayColumn = requireColumn(tracking, 'pathway');
  const useCaseColumn = requireColumn(tracking, 'use_case');
  for (const e of establishments)
    for (const u of e.useCases) {
      const key = rowKey(e.id, u.id);
      byKey.set(key, { establishment: e, useCase: u });
      const id = identity(
        valueAsText(nameColumn, e.values.establishment),
        valueAsText(pathwayColumn, u.values.pathway),
        valueAsText(useCaseColumn, u.values.use_case),
      );
      // Two stored rows with the same identity cannot be told apart without the key column.
      byIdentity.set(id, byIdentity.has(id) ? null : key);
    }

  const matched: MatchedRow[] = [];
  const refused: ImportRefusal[] = [];
  const firstRowOf = new Map<RowKey, number>();
  for (const parsed of file.rows) {
    const cells = parsed.cells;
    const name = text(nameColumn, cells.establishment);
    const pathway = text(pathwayColumn, cells.pathway);
    const useCase = text(useCaseColumn, cells.use_case);
    const keyText = file.hasKeyColumn ? text(undefined, cells[KEY_COLUMN]) : '';
    let key: RowKey | undefined;
    if (keyText !== '') {
      const known = parseRowKey(keyText) && byKey.get(keyText);
      if (!known) {
        refused.push({
          row: parsed.row,
          code: 'ROW_KEY_UNKNOWN',
          reason: frImport.rowKeyUnknown(parsed.row, keyText),
        });
        continue;
      }
      const storedName = valueAsText(nameColumn, known.establishment.values.establishment);
      const storedPathway = valueAsText(pathwayColumn, known.useCase.values.pathway);
      const nameDiffers = 'establishment' in cells && foldForMatch(name) !== foldForMatch(storedName);
      const pathwayDiffers = 'pathway' in cells && foldForMatch(pathway) !== foldForMatch(storedPathway);
      if (nameDiffers && pathwayDiffers) {
        refused.push({
          row: parsed.row,
          code: 'ROW_KEY_MISMATCH',
          reason: frImport.rowKeyMismatch(parsed.row, keyLabel),
        });
        continue;
      }
      key = keyText;
    } else {
      const found = byIdentity.get(identity(name, pathway, useCase));
      if (!found) {
        refused.push({
          row: parsed.row,
          code: 'ROW_NOT_FOUND',
          reason: frImport.rowNotFound(parsed.row, name),
        });
        continue;
      }
      key = found;
    }
    const first = firstRowOf.get(key);
    if (first !== undefined) {
      refused.push({
        row: parsed.row,
        code: 'ROW_DUPLICATE',
        reason: frImport.rowDuplicate(parsed.row, first),
      });
      continue;
    }
    firstRowOf.set(key, parsed.row);
    const stored = byKey.get(key);
    if (stored) matched.push({ parsed, key, matchedBy: keyText !== '' ? 'key' : 'identity', ...stored });
  }
  return { matched, refused };
}

/** Whether a cell still says what is stored: same text, or a text the field rules read as the same value. */
function unchanged(
  column: Column,
  cell: GridCell,
  current: FieldValue,
  fctx: ReturnType<typeof fieldContext>,
): boolean {
  const shown = cellText(column, cell);
  // A value stored before the rule of safe-text.ts was exported with « � » in place of what no file may carry:
  // the file still says what is stored.
  if (shown === cellText(column, { t: 's', v: safeText(valueAsText(column, current)) })) return true;
  if (cell !== null && (cell.t === 'f' || cell.t === 'e')) return false;
  const raw = rawFromCell(column, cell);
  if (!raw.ok) return false;
  const parsed = parseField(column, raw.raw, fctx);
  return parsed.ok && sameValue(parsed.value, current);
}

/**
 * Every change the file makes to the stored rows, sorted into what `role` may change and what is refused: ES
 * values (they change through the ES's form, or an ARS correction with a reason), other roles' columns (canWrite),
 * values the field rules refuse, formulas. Reads the store, writes nothing.
 */
export function previewImport(ctx: AppContext, role: Role, file: ParsedTrackingFile): ImportPreview {
  const { tracking } = ctx.project;
  const vctx = validationContext(ctx, ctx.clock.now());
  const fctx = fieldContext(vctx);
  const { matched, refused } = matchRows(ctx, file);
  const changedSince = changedSinceExport(ctx, file.exportBasis);
  const accepted = new Map<string, ImportChange>();
  const conflicted = new Set<string>();
  const columns = file.columns
    .map((c) => columnById(tracking, c.columnId))
    .filter((c): c is Column => c !== undefined);

  for (const m of matched) {
    const ledgerTop = latestEntry(ctx.store.rowLedger(m.key));
    const report = ledgerTop && ctx.store.reportVersion(m.key, ledgerTop.week);
    const values: Values = suiviRowValues(
      tracking,
      m.establishment,
      m.useCase,
      report,
      ctx.store.annotations(m.key),
    );
    const title = rowTitle(m.establishment, m.useCase);
    for (const column of columns) {
      if (m.matchedBy === 'identity' && (IDENTITY_COLUMN_IDS as readonly string[]).includes(column.id))
        continue;
      const cell = m.parsed.cells[column.id] ?? null;
      const previous = values[column.id] ?? null;
      if (unchanged(column, cell, previous, fctx)) continue;
      const base = {
        row: m.parsed.row,
        rowKey: m.key,
        title,
        columnId: column.id,
        columnLabel: column.label,
        oldText: valueAsText(column, previous),
        newText: shownText(column, cell),
      };
      const refuse = (code: ImportCode | ErrorCode, reason: string) =>
        refused.push({ ...base, code, reason });
      if (column.owner === 'es') {
        refuse('ES_VALUE_BY_FORM', frImport.esValueByForm(column.label));
        continue;
      }
      const decision = canWrite(tracking, role, column);
      if (!decision.allowed) {
        refuse(decision.error.code, decision.error.message);
        continue;
      }
      const raw = rawFromCell(column, cell);
      if (!raw.ok) {
        refuse(raw.issue.code, raw.issue.message);
        continue;
      }
      const result = validateCellEdit(vctx, role, column, raw.raw);
      if (!result.ok) {
        refuse(result.errors[0]?.code ?? 'UNKNOWN_FIELD', result.errors.map((e) => e.message).join(' '));
        continue;
      }
      // An establishment-wide value shows on each of its rows: one change, or a conflict between rows.
      const target = columnScope(column) === 'establishment' ? m.establishment.id : m.key;
      const slot = `${target}\u0000${column.id}`;
      const earlier = accepted.get(slot);
      if (conflicted.has(slot)) {
        refuse('VALUE_CONFLICT', frImport.valueConflict(column.label, [m.parsed.row]));
      } else if (earlier) {
        const same = validateCellEdit(vctx, role, column, earlier.raw);
        if (same.ok && sameValue(same.value, result.value)) earlier.rows.push(m.parsed.row);
        else {
          accepted.delete(slot);
          conflicted.add(slot);
          const rows = [...earlier.rows, m.parsed.row];
          for (const row of rows)
            refused.push({
              ...base,
              row,
              newText: row === m.parsed.row ? base.newText : earlier.newText,
              code: 'VALUE_CONFLICT',
              reason: frImport.valueConflict(column.label, rows),
            });
        }
      } else {
        const { row, ...where } = base;
        const newText = valueAsText(column, result.value);
        accepted.set(slot, { ...where, newText, rows: [row], previous, raw: raw.raw });
      }
    }
  }
  const changes: ImportChange[] = [];
  const setApart: ImportSetApart[] = [];
  for (const [slot, change] of accepted) {
    const since = changedSince?.get(slot);
    if (since) setApart.push({ ...change, changedBy: since.author, changedAt: since.at });
    else changes.push(change);
  }
  const notices = [...file.notices];
  if (changedSince === undefined && accepted.size > 0)
    notices.push({ code: 'EXPORT_INSTANT_MISSING', message: frImport.exportInstantMissing() });
  return {
    role,
    sheet: file.sheet,
    rowsRead: file.rows.length,
    rowsMatched: matched.length,
    changes,
    setApart,
    refused: refused.sort((a, b) => a.row - b.row),
    notices,
    ...(file.exportBasis !== undefined ? { exportedAt: file.exportBasis.at } : {}),
  };
}

/**
 * The latest change of each cell (`target NUL columnId`, as the preview's slots) recorded after the export: cell
 * changes are append-only, so those past the count the file carries are exactly the ones it cannot hold (no clock
 * involved). Undefined when the file carries no basis, or one this store cannot have given (a count beyond its
 * changes: a file from another data folder).
 */
function changedSinceExport(
  ctx: AppContext,
  basis: ExportBasis | undefined,
): Map<string, { author: string; at: string }> | undefined {
  if (basis === undefined) return undefined;
  const changes = ctx.store.listCellChanges();
  if (basis.cellChanges > changes.length) return undefined;
  const slots = new Map<string, { author: string; at: string }>();
  for (const c of changes.slice(basis.cellChanges))
    slots.set(`${c.target}\u0000${c.columnId}`, { author: c.author, at: c.at });
  return slots;
}

class ImportAborted extends Error {
  constructor(readonly issues: ImportIssue[]) {
    super(issues.map((i) => i.message).join(' '));
  }
}

/** The stored value a change was previewed against, read again now. */
function storedValue(ctx: AppContext, change: ImportChange): FieldValue | undefined {
  const parsed = parseRowKey(change.rowKey);
  const establishment = parsed && ctx.store.getEstablishment(parsed.establishmentId);
  const useCase = establishment?.useCases.find((u) => u.id === parsed?.useCaseId);
  if (!establishment || !useCase) return undefined;
  const values = suiviRowValues(
    ctx.project.tracking,
    establishment,
    useCase,
    undefined,
    ctx.store.annotations(change.rowKey),
  );
  return values[change.columnId] ?? null;
}

/**
 * Applies a preview's accepted changes through editCell (which checks access and field rules again, so a preview
 * kept by a client cannot widen what the role may write), in one transaction, journaled as `import`. A change
 * refused now, or a value that moved since the preview, cancels everything.
 */
export function applyImport(
  ctx: AppContext,
  role: Role,
  author: string,
  preview: ImportPreview,
  /** Indexes in `preview.setApart` of the changes to cells modified since the export the user chose to apply. */
  chosen: readonly number[] = [],
): ImportOutcome {
  if (preview.role !== role)
    return { status: 'refused', errors: [{ code: 'ROLE_MISMATCH', message: frImport.roleMismatch() }] };
  const picked = [...new Set(chosen)].flatMap((i) => preview.setApart[i] ?? []);
  const toApply = [...preview.changes, ...picked];
  if (toApply.length === 0) return { status: 'unchanged' };
  const { store } = ctx;
  try {
    return store.transaction(() => {
      const applied: CellChange[] = [];
      for (const change of toApply) {
        const stored = storedValue(ctx, change);
        if (stored === undefined || !sameValue(stored, change.previous))
          throw new ImportAborted([
            {
              code: 'PREVIEW_OUTDATED',
              columnId: change.columnId,
              message: frImport.previewOutdated(change.columnLabel, change.title),
            },
          ]);
        const outcome = editCell(ctx, {
          rowKey: change.rowKey,
          columnId: change.columnId,
          raw: change.raw,
          role,
          author,
          source: 'import',
        });
        if (outcome.status !== 'saved')
          throw new ImportAborted(
            outcome.errors.map((e) => ({ code: e.code, columnId: e.field, message: e.message })),
          );
        if (outcome.change) applied.push(outcome.change);
      }
      store.appendJournal({
        at: ctx.clock.now().toISOString(),
        kind: 'import',
        actor: author,
        role,
        target: preview.sheet,
        summary: frImport.journalSummary(
          applied.length,
          preview.refused.length,
          preview.setApart.length - picked.length,
        ),
        details: `sheet=${preview.sheet} rows=${preview.rowsRead} matched=${preview.rowsMatched} applied=${applied.length} refused=${preview.refused.length} setApart=${preview.setApart.length} chosen=${picked.length}`,
      });
      return { status: 'applied' as const, changes: applied, refused: preview.refused.length };
    });
  } catch (error) {
    if (!(error instanceof ImportAborted)) throw error;
    store.transaction(() =>
      store.appendJournal({
        at: ctx.clock.now().toISOString(),
        kind: 'import',
        actor: author,
        role,
        target: preview.sheet,
        summary: frImport.journalAborted(error.message),
        details: 'import aborted, transaction rolled back',
      }),
    );
    return { status: 'refused', errors: error.issues };
  }
}
