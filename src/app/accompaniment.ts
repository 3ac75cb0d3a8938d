// The use cases of the accompaniment: binômes (seeded from the data file, edited by the ARS), follow-up points
// with their actions (recorded by the ARS), an action's status (the ARS, or its ES for an ES-owned action), the
// committee's « décisions à prendre ». Each runs in one Store transaction, writes the Journal, and keeps the
// derived cells in step: « Actions en cours ou à mener » shows the open actions, « Contact référent GRADeS et
// ARS » the binôme unless the ARS wrote something else (both through recordCellChange, so history is kept).
import {
  actionsCellText,
  binomeContact,
  binomeLabel,
  contactFollowsBinome,
  currentAssignments,
  currentBinomes,
  planStatusChange,
  textErrors,
  validatePoint,
  type AccompanimentError,
  type ActionStatus,
  type Binome,
  type FollowUpAction,
  type FollowUpPoint,
  type RawPoint,
} from '../domain/accompaniment';
import { CommitteeMonth, type CommitteeText } from '../domain/committee';
import { establishmentName, rowKey } from '../domain/model';
import { sameValue, type FieldValue } from '../domain/values';
import type { AccompanimentStore } from '../ports';
import { StaleRecordError } from '../ports';
import { BinomeSeed, type BinomesFile } from '../schema/accompaniment';
import { problemsFromZod } from '../schema/zod-issues';
import type { AppContext } from './context';

export interface AccompanimentContext extends AppContext {
  accompaniment: AccompanimentStore;
}

export type Refused = { status: 'refused'; errors: AccompanimentError[] };

const ACTIONS_COLUMN = 'actions';
const CONTACT_COLUMN = 'ars_contact';

function journal(
  ctx: AccompanimentContext,
  at: string,
  actor: string,
  role: 'ars' | 'es' | 'system',
  target: string,
  summary: string,
) {
  ctx.store.appendJournal({ at, kind: 'accompaniment', actor, role, target, summary });
}

/** Writes « Actions en cours ou à mener » of every row of an establishment from its open actions. */
function refreshActionsCells(
  ctx: AccompanimentContext,
  establishmentId: string,
  at: string,
  author: string,
): void {
  const establishment = ctx.store.getEstablishment(establishmentId);
  if (!establishment || !ctx.project.tracking.columns.some((c) => c.id === ACTIONS_COLUMN)) return;
  const text = actionsCellText(
    ctx.accompaniment.listActions().filter((a) => a.establishmentId === establishmentId),
  );
  const value: FieldValue = text === '' ? null : text;
  for (const u of establishment.useCases) {
    const key = rowKey(establishmentId, u.id);
    const previous = ctx.store.annotations(key)[ACTIONS_COLUMN] ?? null;
    if (sameValue(previous, value)) continue;
    ctx.store.recordCellChange({
      scope: 'annotation',
      target: key,
      columnId: ACTIONS_COLUMN,
      value,
      previous,
      author,
      role: 'ars',
      at,
      source: 'form',
    });
  }
}

/** Sets « Contact référent GRADeS et ARS » from the binôme when the cell still follows the binôme. */
function refreshContact(
  ctx: AccompanimentContext,
  establishmentId: string,
  binome: Binome | undefined,
  previousBinome: Binome | undefined,
  at: string,
  author: string,
): void {
  const establishment = ctx.store.getEstablishment(establishmentId);
  if (!establishment || !ctx.project.tracking.columns.some((c) => c.id === CONTACT_COLUMN)) return;
  const current = establishment.values[CONTACT_COLUMN] ?? null;
  if (!contactFollowsBinome(current, previousBinome)) return;
  const entries = binome ? binomeContact(binome) : [];
  const value: FieldValue = entries.length > 0 ? entries : null;
  if (sameValue(current, value)) return;
  ctx.store.recordCellChange({
    scope: 'establishment',
    target: establishmentId,
    columnId: CONTACT_COLUMN,
    value,
    previous: current,
    author,
    role: 'ars',
    at,
    source: 'form',
  });
}

function binomeById(ctx: AccompanimentContext, id: string): Binome | undefined {
  return currentBinomes(ctx.accompaniment.listBinomes()).find((b) => b.id === id);
}

/**
 * Seeds the binômes file: binômes not yet known, and assignments of establishments that never had one. What the
 * ARS changed since is never overwritten. Returns what was added.
 */
export function seedBinomes(
  ctx: AccompanimentContext,
  file: BinomesFile,
  author = 'suivi-mes',
): { binomes: string[]; assignments: string[] } {
  return ctx.store.transaction(() => {
    const at = ctx.clock.now().toISOString();
    const known = new Set(ctx.accompaniment.listBinomes().map((b) => b.id));
    const added: string[] = [];
    for (const seed of file.binomes) {
      if (known.has(seed.id)) continue;
      ctx.accompaniment.saveBinome({ ...seed, at, author });
      added.push(seed.id);
    }
    const everAssigned = new Set(ctx.accompaniment.listAssignments().map((a) => a.establishmentId));
    const assigned: string[] = [];
    for (const [establishmentId, binomeId] of Object.entries(file.assignments)) {
      if (everAssigned.has(establishmentId) || !ctx.store.getEstablishment(establishmentId)) continue;
      ctx.accompaniment.assignBinome({ establishmentId, binomeId, at, author });
      refreshContact(ctx, establishmentId, binomeById(ctx, binomeId), undefined, at, author);
      assigned.push(establishmentId);
    }
    if (added.length + assigned.length > 0)
      journal(
        ctx,
        at,
        author,
        'system',
        'binômes',
        `Binômes chargés : ${added.length} binôme(s), ${assigned.length} établissement(s) attribué(s).`,
      );
    return { binomes: added, assignments: assigned };
  });
}

export interface BinomeForm {
  id: string;
  label?: string;
  arsName: string;
  arsEmail: string;
  arsPhone?: string;
  sesanName: string;
  sesanEmail: string;
  sesanPhone?: string;
}

const BINOME_FIELDS: Record<string, string> = {
  id: 'Identifiant',
  label: 'Libellé',
  'ars.name': 'Nom de l’agent ARS',
  'ars.email': 'Adresse mail de l’agent ARS',
  'ars.phone': 'Téléphone de l’agent ARS',
  'sesan.name': 'Nom de l’agent SESAN',
  'sesan.email': 'Adresse mail de l’agent SESAN',
  'sesan.phone': 'Téléphone de l’agent SESAN',
};

/** Adds or changes a binôme (ARS). Contacts that followed its previous version follow the new one. */
export function saveBinome(
  ctx: AccompanimentContext,
  input: { form: BinomeForm; author: string },
): { status: 'saved'; binome: Binome } | Refused {
  const f = input.form;
  const blank = (s: string | undefined) => (s?.trim() ? s.trim() : undefined);
  const parsed = BinomeSeed.safeParse({
    id: f.id.trim(),
    label: blank(f.label),
    ars: { name: f.arsName, email: f.arsEmail, phone: blank(f.arsPhone) },
    sesan: { name: f.sesanName, email: f.sesanEmail, phone: blank(f.sesanPhone) },
  });
  if (!parsed.success)
    return {
      status: 'refused',
      errors: problemsFromZod(parsed.error).map((p) => ({
        field: p.path,
        message: `« ${BINOME_FIELDS[p.path] ?? p.path} » : ${p.message}.`,
      })),
    };
  return ctx.store.transaction(() => {
    const at = ctx.clock.now().toISOString();
    const previous = binomeById(ctx, parsed.data.id);
    const binome: Binome = { ...parsed.data, at, author: input.author };
    ctx.accompaniment.saveBinome(binome);
    for (const [establishmentId, binomeId] of currentAssignments(ctx.accompaniment.listAssignments()))
      if (binomeId === binome.id) refreshContact(ctx, establishmentId, binome, previous, at, input.author);
    journal(
      ctx,
      at,
      input.author,
      'ars',
      binome.id,
      `${previous ? 'Binôme modifié' : 'Binôme ajouté'} : ${binomeLabel(binome)}.`,
    );
    return { status: 'saved' as const, binome };
  });
}

/** Gives an establishment to a binôme (or to none with null). */
export function assignBinome(
  ctx: AccompanimentContext,
  input: { establishmentId: string; binomeId: string | null; author: string },
): { status: 'saved' | 'unchanged' } | Refused {
  const establishment = ctx.store.getEstablishment(input.establishmentId);
  if (!establishment)
    return { status: 'refused', errors: [{ field: 'establishment', message: 'Établissement inconnu.' }] };
  const binome = input.binomeId === null ? undefined : binomeById(ctx, input.binomeId);
  if (input.binomeId !== null && !binome)
    return { status: 'refused', errors: [{ field: 'binome', message: 'Binôme inconnu.' }] };
  return ctx.store.transaction(() => {
    const at = ctx.clock.now().toISOString();
    const currentId =
      currentAssignments(ctx.accompaniment.listAssignments()).get(input.establishmentId) ?? null;
    if (currentId === input.binomeId) return { status: 'unchanged' as const };
    ctx.accompaniment.assignBinome({ ...input, at });
    const previous = currentId ? binomeById(ctx, currentId) : undefined;
    refreshContact(ctx, input.establishmentId, binome, previous, at, input.author);
    journal(
      ctx,
      at,
      input.author,
      'ars',
      input.establishmentId,
      `${establishmentName(establishment)} suivi par ${binome ? binomeLabel(binome) : 'aucun binôme'}.`,
    );
    return { status: 'saved' as const };
  });
}

/** Records a follow-up point and its actions (ARS). */
export function recordPoint(
  ctx: AccompanimentContext,
  input: { establishmentId: string; raw: RawPoint; author: string },
): { status: 'saved'; point: FollowUpPoint; actions: FollowUpAction[] } | Refused {
  const establishment = ctx.store.getEstablishment(input.establishmentId);
  if (!establishment)
    return { status: 'refused', errors: [{ field: 'establishment', message: 'Établissement inconnu.' }] };
  const valid = validatePoint(input.raw);
  if (!valid.ok) return { status: 'refused', errors: valid.errors };
  return ctx.store.transaction(() => {
    const at = ctx.clock.now().toISOString();
    const v = valid.point;
    const used = new Set(ctx.accompaniment.listPoints().map((p) => p.id));
    let n = 1;
    while (used.has(`${input.establishmentId}-${v.date}-${n}`)) n += 1;
    const point: FollowUpPoint = {
      id: `${input.establishmentId}-${v.date}-${n}`,
      establishmentId: input.establishmentId,
      date: v.date,
      participants: v.participants,
      summary: v.summary,
      decisions: v.decisions,
      nextDate: v.nextDate,
      at,
      author: input.author,
    };
    ctx.accompaniment.addPoint(point);
    const actions = v.actions.map((a, i): FollowUpAction => ({
      id: `${point.id}-a${i + 1}`,
      establishmentId: input.establishmentId,
      pointId: point.id,
      text: a.text,
      owner: a.owner,
      dueDate: a.dueDate,
      status: 'open',
      history: [{ status: 'open', at, author: input.author, role: 'ars', comment: '' }],
      version: 1,
    }));
    for (const a of actions) ctx.accompaniment.saveAction(a);
    refreshActionsCells(ctx, input.establishmentId, at, input.author);
    journal(
      ctx,
      at,
      input.author,
      'ars',
      input.establishmentId,
      `Point de suivi du ${v.date.split('-').reverse().join('/')} avec ${establishmentName(establishment)} : ${actions.length} action(s).`,
    );
    return { status: 'saved' as const, point, actions };
  });
}

/**
 * Changes an action's status. The ES may only mark its own ES-owned actions done. `baseVersion` is the version
 * the person saw: a change made meanwhile by someone else is refused rather than overwritten.
 */
export function changeActionStatus(
  ctx: AccompanimentContext,
  input: {
    actionId: string;
    status: ActionStatus;
    comment: string;
    role: 'es' | 'ars' | 'ans';
    author: string;
    /** For an ES: its establishment (the link's). */
    establishmentId?: string;
    baseVersion?: number;
  },
): { status: 'saved'; action: FollowUpAction } | Refused {
  return ctx.store.transaction(() => {
    const action = ctx.accompaniment.listActions().find((a) => a.id === input.actionId);
    if (!action || (input.role === 'es' && action.establishmentId !== input.establishmentId))
      return { status: 'refused' as const, errors: [{ field: 'action', message: 'Action inconnue.' }] };
    if (input.baseVersion !== undefined && input.baseVersion !== action.version)
      return {
        status: 'refused' as const,
        errors: [
          {
            field: 'action',
            message: 'Cette action a été modifiée entre-temps par quelqu’un d’autre : rechargez la page.',
          },
        ],
      };
    const at = ctx.clock.now().toISOString();
    const planned = planStatusChange(action, input, at, input.author);
    if (!planned.ok) return { status: 'refused' as const, errors: planned.errors };
    try {
      ctx.accompaniment.saveAction(planned.action);
    } catch (error) {
      if (error instanceof StaleRecordError)
        return {
          status: 'refused' as const,
          errors: [
            { field: 'action', message: 'Cette action a été modifiée entre-temps : rechargez la page.' },
          ],
        };
      throw error;
    }
    refreshActionsCells(ctx, action.establishmentId, at, input.author);
    journal(
      ctx,
      at,
      input.author,
      input.role === 'es' ? 'es' : 'ars',
      action.establishmentId,
      `Action « ${action.text} » : ${planned.action.status === 'done' ? 'faite' : planned.action.status === 'dropped' ? 'abandonnée' : 'rouverte'}${input.comment.trim() ? ` (${input.comment.trim()})` : ''}.`,
    );
    return { status: 'saved' as const, action: planned.action };
  });
}

export const COMMITTEE_TEXT_MAX = 20_000;

/** What the Journal and the ARS page say once the committee's text is saved. */
export const COMMITTEE_TEXT_SAVED = 'Décisions à prendre enregistrées.';

/** Saves the « décisions à prendre » of a month's committee (ARS). */
export function saveCommitteeText(
  ctx: AccompanimentContext,
  input: { month: string; text: string; author: string },
): { status: 'saved'; text: CommitteeText } | Refused {
  const month = CommitteeMonth.safeParse(input.month);
  if (!month.success)
    return { status: 'refused', errors: [{ field: 'month', message: 'Mois attendu au format AAAA-MM.' }] };
  const text = input.text.replace(/\r\n/g, '\n').trim();
  const errors = textErrors('text', 'Décisions à prendre', text, COMMITTEE_TEXT_MAX);
  if (errors.length > 0) return { status: 'refused', errors };
  const saved: CommitteeText = {
    month: month.data,
    text,
    at: ctx.clock.now().toISOString(),
    author: input.author,
  };
  return ctx.store.transaction(() => {
    ctx.accompaniment.saveCommitteeText(saved);
    journal(ctx, saved.at, input.author, 'ars', `comité ${month.data}`, COMMITTEE_TEXT_SAVED);
    return { status: 'saved' as const, text: saved };
  });
}
