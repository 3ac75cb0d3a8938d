// What an establishment sees of its accompaniment in its weekly form: below the form's own description, its binôme,
// the date of its next follow-up point and its open actions (from the core's establishmentAccompaniment, as on its
// local page); and, at the end of the form, « Actions terminées », one checkbox per open action the ES carries
// (with an optional comment), through which the ES closes its own actions. Refreshed with the form by the Monday
// job, only when it changed (fingerprints kept with the form's applied items), so an unchanged week costs no call.
// A ticked choice is read back by its « réf. » (the action's id without the establishment's prefix) and goes through
// the core's changeActionStatus as the ES; a choice for an action closed meanwhile, or unknown, is journaled and
// ignored: it never refuses the weekly report the ticks came with.
import { changeActionStatus } from '../app/accompaniment';
import {
  actionLine,
  ACTION_STATUS_LABELS,
  COMMENT_MAX,
  frenchDay,
  type FollowUpAction,
} from '../domain/accompaniment';
import { establishmentAccompaniment, type AccompanimentData } from '../domain/accompaniment-view';
import type { FormPlan } from '../domain/form-plan';
import type { EstablishmentRecord } from '../domain/model';
import { accompanimentSettings } from '../schema/accompaniment';
import { ACCOMPANIMENT_DATA_SHEET } from './accompaniment-store';
import {
  accompanimentContext,
  openAccompanimentStore,
  renderActions,
  syncPoints,
} from './accompaniment-tabs';
import { formDescription, type AnswersByTitle, type ItemSpec } from './form-spec';
import { planOf, syncItems } from './forms';
import type { GasForm } from './gas-api';
import type { Runtime } from './runtime';
import { madeByFormsApi, type FormMeta } from '../google/stored-json';

/** The key of the description's fingerprint among the form's applied items. */
export const DESCRIPTION_KEY = 'accompaniment.description';

/** The accompaniment's data, read once per execution (a form per establishment is refreshed in one run). */
const cache = new WeakMap<Runtime, AccompanimentData | null>();

function dataOf(rt: Runtime): AccompanimentData | null {
  if (cache.has(rt)) return cache.get(rt) ?? null;
  let data: AccompanimentData | null = null;
  if (rt.master.getSheetByName(ACCOMPANIMENT_DATA_SHEET)) {
    const store = openAccompanimentStore(rt);
    data = {
      binomes: store.listBinomes(),
      assignments: store.listAssignments(),
      points: store.listPoints(),
      actions: store.listActions(),
    };
  }
  cache.set(rt, data);
  return data;
}

/** The accompaniment block of an establishment's weekly form description. */
export function accompanimentBlock(rt: Runtime, establishmentId: string): string {
  const data = dataOf(rt);
  if (!data) return '';
  const view = establishmentAccompaniment(
    establishmentId,
    data,
    accompanimentSettings(rt.project.config),
    rt.calendar,
  );
  return [
    'Accompagnement ARS / SESAN',
    ...(view.binome ? [`Votre binôme : ${view.binome}`] : []),
    `Prochain point de suivi : ${frenchDay(view.nextPoint)}`,
    view.openActions.length > 0
      ? `Actions en cours :\n${view.openActions.map(actionLine).join('\n')}`
      : 'Aucune action en cours.',
  ].join('\n');
}

/** FNV-1a, 32 bits: enough to tell a changed description from the one applied, and short in the row's record. */
function fingerprint(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16);
}

/**
 * Sets the form's description with the accompaniment block, and its « Actions terminées » items, when they
 * changed; true when something did (meta updated).
 */
export function refreshAccompanimentDescription(
  rt: Runtime,
  e: EstablishmentRecord,
  plan: FormPlan,
  meta: FormMeta,
  open: () => GasForm,
): boolean {
  const items = refreshActionItems(rt, e, meta, open);
  const block = accompanimentBlock(rt, e.id);
  if (block === '' && meta.applied[DESCRIPTION_KEY] === undefined) return items;
  const description = [formDescription(plan), block].filter((s) => s !== '').join('\n\n');
  const print = fingerprint(description);
  if (meta.applied[DESCRIPTION_KEY] === print) return items;
  open().setDescription(description);
  meta.applied[DESCRIPTION_KEY] = print;
  return true;
}

// ---------------------------------------------------------------------------------------------------------------
// « Actions terminées »: the ES closes its own actions from its weekly form

export const ACTIONS_ITEM_KEY = 'accompaniment.actions';
export const COMMENT_ITEM_KEY = 'accompaniment.comment';
export const ACTIONS_ITEM_TITLE = 'Actions terminées';
export const COMMENT_ITEM_TITLE = 'Commentaire sur les actions terminées';
const REFERENCE = /— réf\. ([^\s,]+)/g;

/** The action's id as the form shows it: without its establishment's prefix (ids are `<establishment>-<point>-aN`). */
function referenceOf(a: FollowUpAction): string {
  const prefix = `${a.establishmentId}-`;
  return a.id.startsWith(prefix) ? a.id.slice(prefix.length) : a.id;
}

/** A choice of « Actions terminées »: stable while the action is open, and unique (its reference). */
export function actionChoice(a: FollowUpAction): string {
  return `${a.text.replace(/\s+/g, ' ').trim()} (échéance ${frenchDay(a.dueDate)}) — réf. ${referenceOf(a)}`;
}

/** The ES's open actions, as its form offers them (oldest due first). */
function openEsActions(rt: Runtime, establishmentId: string): FollowUpAction[] {
  const data = dataOf(rt);
  if (!data) return [];
  return data.actions
    .filter((a) => a.establishmentId === establishmentId && a.owner === 'es' && a.status === 'open')
    .sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.id.localeCompare(b.id));
}

export function actionItemSpecs(actions: readonly FollowUpAction[]): ItemSpec[] {
  return [
    {
      key: ACTIONS_ITEM_KEY,
      kind: 'checkbox',
      title: ACTIONS_ITEM_TITLE,
      help: 'Cochez les actions de votre établissement que vous avez terminées : elles seront notées faites.',
      required: false,
      choices: actions.map(actionChoice),
      other: false,
    },
    {
      key: COMMENT_ITEM_KEY,
      kind: 'paragraph',
      title: COMMENT_ITEM_TITLE,
      help: 'Facultatif : ce que l’ARS / SESAN doit savoir des actions cochées.',
      required: false,
      validation: { maxLength: COMMENT_MAX, help: `${COMMENT_MAX} caractères au plus` },
    },
  ];
}

/**
 * Brings the form's « Actions terminées » items to the ES's open actions: drawn (at the end of the form) or
 * updated when they differ, deleted when none is open (a checkbox item cannot be empty). True when any changed.
 */
function refreshActionItems(
  rt: Runtime,
  e: EstablishmentRecord,
  meta: FormMeta,
  open: () => GasForm,
): boolean {
  const actions = openEsActions(rt, e.id);
  if (actions.length === 0) {
    let changed = false;
    for (const key of [ACTIONS_ITEM_KEY, COMMENT_ITEM_KEY]) {
      const id = meta.items[key];
      if (id === undefined) continue;
      const item = open().getItemById(id);
      if (item) open().deleteItem(item);
      delete meta.items[key];
      delete meta.applied[key];
      changed = true;
    }
    return changed;
  }
  const { meta: synced, changed } = syncItems(rt.services, meta, actionItemSpecs(actions), open);
  Object.assign(meta.items, synced.items);
  Object.assign(meta.applied, synced.applied);
  return changed > 0;
}

function answerOf(answers: AnswersByTitle, title: string): string {
  const v = answers[title];
  // A column of the same title can repeat in the responses tab (the item deleted, then drawn again).
  const values = v === undefined ? [] : Array.isArray(v) ? (v as readonly string[]) : [v as string];
  return values
    .map((x) => x.trim())
    .filter((x) => x !== '')
    .join(', ');
}

function journalIgnored(rt: Runtime, e: EstablishmentRecord, author: string, summary: string): void {
  rt.store.appendJournal({
    at: rt.clock.now().toISOString(),
    kind: 'accompaniment',
    actor: author,
    role: 'es',
    target: e.id,
    summary,
  });
}

/**
 * The ES's ticks in « Actions terminées » of an accepted weekly report: each open ES action ticked is marked done
 * through the core (its comment the optional paragraph's); any other tick is journaled and ignored. Reads the
 * accompaniment only when something is ticked, so an ordinary report costs no more call. Returns the actions closed.
 */
export function closeTickedActions(
  rt: Runtime,
  e: EstablishmentRecord,
  answers: AnswersByTitle,
  author: string,
): number {
  const ticked = answerOf(answers, ACTIONS_ITEM_TITLE);
  if (ticked === '' || !rt.master.getSheetByName(ACCOMPANIMENT_DATA_SHEET)) return 0;
  const comment = answerOf(answers, COMMENT_ITEM_TITLE);
  const references = [...new Set([...ticked.matchAll(REFERENCE)].map((m) => m[1] ?? ''))];
  if (references.length === 0) {
    journalIgnored(
      rt,
      e,
      author,
      `Actions cochées dans le formulaire ignorées : « ${ticked} » ne nomme aucune action.`,
    );
    return 0;
  }
  const ctx = accompanimentContext(rt);
  let closed = 0;
  ctx.accompaniment.batch(() => {
    for (const reference of references) {
      const action = ctx.accompaniment
        .listActions()
        .find((a) => a.establishmentId === e.id && referenceOf(a) === reference);
      if (!action || action.owner !== 'es') {
        journalIgnored(
          rt,
          e,
          author,
          `Action cochée dans le formulaire ignorée : réf. ${reference} inconnue.`,
        );
        continue;
      }
      if (action.status !== 'open') {
        journalIgnored(
          rt,
          e,
          author,
          `Action cochée dans le formulaire ignorée : « ${action.text} » est déjà ${ACTION_STATUS_LABELS[action.status]}.`,
        );
        continue;
      }
      const change = (text: string) =>
        changeActionStatus(ctx, {
          actionId: action.id,
          status: 'done',
          comment: text,
          role: 'es',
          author,
          establishmentId: e.id,
          baseVersion: action.version,
        });
      let outcome = change(comment);
      if (outcome.status === 'refused' && comment !== '') {
        // A refused comment (a patient identifier, too long) is not kept; the action the ES closed still is.
        journalIgnored(
          rt,
          e,
          author,
          `Commentaire sur « ${action.text} » non retenu : ${outcome.errors.map((x) => x.message).join(' ')}`,
        );
        outcome = change('');
      }
      if (outcome.status === 'saved') closed += 1;
      else
        journalIgnored(
          rt,
          e,
          author,
          `Action cochée dans le formulaire ignorée : « ${action.text} » : ${outcome.errors.map((x) => x.message).join(' ')}`,
        );
    }
  });
  if (closed > 0) {
    renderActions(rt, ctx.accompaniment);
    syncPoints(rt, ctx.accompaniment);
    cache.delete(rt);
    refreshWeeklyFormAccompaniment(rt, e);
  }
  return closed;
}

/** Draws the form's accompaniment again now (the Monday job would anyway): errors are logged, not thrown. */
function refreshWeeklyFormAccompaniment(rt: Runtime, e: EstablishmentRecord): void {
  const meta = rt.store.formsOf(e.id).weekly;
  // A form made through the Forms API is not FormApp's to draw (api-forms.ts).
  if (!meta || madeByFormsApi(meta)) return;
  try {
    const next: FormMeta = { ...meta, items: { ...meta.items }, applied: { ...meta.applied } };
    let form: GasForm | undefined;
    const open = () => (form ??= rt.services.FormApp.openById(meta.id));
    if (refreshAccompanimentDescription(rt, e, planOf(rt, 'weekly', e), next, open))
      rt.store.saveForm(e.id, 'weekly', next);
  } catch (error) {
    console.warn(`Form ${meta.id} of ${e.id}: accompaniment not updated: ${String(error)}`);
  }
}
