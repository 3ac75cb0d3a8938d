// The ES fills or updates its initialisation form: profile values and each use case's pathway and use case.
// Each changed cell is kept in history; a refused form changes nothing.
import { ESTABLISHMENT_NAME_COLUMN } from '../schema/tracking-file';
import { profileColumns, requireColumn, rowIdentityColumns } from '../domain/columns';
import type { FieldError } from '../domain/messages';
import {
  establishmentName,
  rowKey,
  rowTitle,
  type CellChange,
  type EstablishmentRecord,
} from '../domain/model';
import { validateProfile, type ProfileSubmission } from '../domain/validate-edits';
import { sameValue } from '../domain/values';
import { validationContext, type AppContext } from './context';
import { fr } from '../domain/messages';
import { basisOf, type WriteBasis } from '../domain/write-basis';
import { valueAsText, type Values } from '../domain/values';
import { describeColumn, refuseIfStale, type DescribeField, type StaleWrite } from './stale-write';

export interface UpdateProfileInput {
  establishmentId: string;
  author: string;
  profile: ProfileSubmission;
  /** Idempotency key (a form response id): a replayed submission changes nothing. */
  submissionId?: string;
  /** What the profile form showed (profileBasis then); undefined for a form that shows nothing first. */
  basis?: WriteBasis;
}

/** A use case's field in a profile basis: `<use case id>.<column id>`. */
const useCaseField = (useCaseId: string, columnId: string) => `${useCaseId}.${columnId}`;

/** Every value the profile form shows, by basis field id. */
function profileValues(ctx: AppContext, establishment: EstablishmentRecord): Values {
  const values: Record<string, Values[string]> = {};
  for (const column of profileColumns(ctx.project.tracking))
    values[column.id] = establishment.values[column.id] ?? null;
  for (const useCase of establishment.useCases)
    for (const column of rowIdentityColumns(ctx.project.tracking))
      values[useCaseField(useCase.id, column.id)] = useCase.values[column.id] ?? null;
  return values;
}

/** The basis of a profile form showing `establishment`. */
export function profileBasis(ctx: AppContext, establishment: EstablishmentRecord): WriteBasis {
  const values = profileValues(ctx, establishment);
  return basisOf(values, Object.keys(values));
}

function describeProfileField(ctx: AppContext, establishment: EstablishmentRecord): DescribeField {
  const byColumn = describeColumn(ctx);
  return (id, current) => {
    const dot = id.indexOf('.');
    if (dot < 0) return byColumn(id, current);
    const useCase = establishment.useCases.find((u) => u.id === id.slice(0, dot));
    const column = requireColumn(ctx.project.tracking, id.slice(dot + 1));
    const label = useCase ? `${column.label} (${rowTitle(establishment, useCase)})` : column.label;
    return { label, text: valueAsText(column, current[id] ?? null) };
  };
}

export type UpdateProfileOutcome =
  | { status: 'saved'; changes: CellChange[]; establishment: EstablishmentRecord }
  | { status: 'refused'; errors: FieldError[] }
  | { status: 'duplicate' }
  | StaleWrite;

export function updateProfile(ctx: AppContext, input: UpdateProfileInput): UpdateProfileOutcome {
  const { store } = ctx;
  return store.transaction((): UpdateProfileOutcome => {
    const now = ctx.clock.now();
    if (input.submissionId !== undefined) {
      if (store.hasSubmission(input.submissionId)) return { status: 'duplicate' };
      store.recordRefusal(input.submissionId);
    }
    const establishment = store.getEstablishment(input.establishmentId);
    if (!establishment)
      return {
        status: 'refused' as const,
        errors: [
          {
            field: 'establishment',
            code: 'UNKNOWN_ESTABLISHMENT' as const,
            message: fr.unknownEstablishment(
              requireColumn(ctx.project.tracking, ESTABLISHMENT_NAME_COLUMN).label,
              input.establishmentId,
            ),
            details: 'unknown establishment',
          },
        ],
      };
    const stale = refuseIfStale(ctx, {
      basis: input.basis,
      current: profileValues(ctx, establishment),
      describe: describeProfileField(ctx, establishment),
      author: input.author,
      role: 'es',
      target: establishment.id,
      what: `Profil de ${establishmentName(establishment)}`,
    });
    if (stale) return stale;
    const result = validateProfile(validationContext(ctx, now), establishment, input.profile);
    if (!result.ok) {
      store.appendJournal({
        at: now.toISOString(),
        kind: 'cell.refused',
        actor: input.author,
        role: 'es',
        target: establishment.id,
        summary: `Profil de ${establishmentName(establishment)} refusé : ${result.errors.map((e) => e.message).join(' ')}`,
        details: `${input.submissionId !== undefined ? `${input.submissionId}: ` : ''}${result.errors.map((e) => `${e.code} ${e.details}`).join('; ')}`,
      });
      return { status: 'refused' as const, errors: result.errors };
    }
    const at = now.toISOString();
    const changes: CellChange[] = [];
    for (const column of profileColumns(ctx.project.tracking)) {
      const value = result.values[column.id] ?? null;
      const previous = establishment.values[column.id] ?? null;
      if (!sameValue(value, previous))
        changes.push({
          scope: 'establishment',
          target: establishment.id,
          columnId: column.id,
          value,
          previous,
          author: input.author,
          role: 'es',
          at,
          source: 'form',
        });
    }
    for (const [useCaseId, values] of Object.entries(result.useCases)) {
      const useCase = establishment.useCases.find((u) => u.id === useCaseId);
      for (const column of rowIdentityColumns(ctx.project.tracking)) {
        const value = values[column.id] ?? null;
        const previous = useCase?.values[column.id] ?? null;
        if (!sameValue(value, previous))
          changes.push({
            scope: 'useCase',
            target: rowKey(establishment.id, useCaseId),
            columnId: column.id,
            value,
            previous,
            author: input.author,
            role: 'es',
            at,
            source: 'form',
          });
      }
    }
    for (const change of changes) store.recordCellChange(change);
    store.appendJournal({
      at,
      kind: 'profile.updated',
      actor: input.author,
      role: 'es',
      target: establishment.id,
      summary: `Profil de ${establishmentName(establishment)} mis à jour (${changes.length} champ(s) modifié(s)).`,
    });
    const saved = store.getEstablishment(establishment.id) ?? establishment;
    return { status: 'saved' as const, changes, establishment: saved };
  });
}
