// What an establishment sees of its accompaniment in its weekly form: below the form's own description, its binôme,
// the date of its next follow-up point and its open actions (from the core's establishmentAccompaniment, as on its
// local page). Refreshed with the form by the Monday job, only when it changed (a fingerprint kept with the form's
// applied items), so an unchanged week costs no call. Read-only: closing an ES action from the form is not built.
import { ACTION_OWNER_LABELS, frenchDay, type FollowUpAction } from '../domain/accompaniment';
import { establishmentAccompaniment, type AccompanimentData } from '../domain/accompaniment-view';
import type { FormPlan } from '../domain/form-plan';
import type { EstablishmentRecord } from '../domain/model';
import { accompanimentSettings } from '../schema/accompaniment';
import { ACCOMPANIMENT_DATA_SHEET } from './accompaniment-store';
import { openAccompanimentStore } from './accompaniment-tabs';
import { formDescription } from './form-spec';
import type { GasForm } from './gas-api';
import type { Runtime } from './runtime';
import type { FormMeta } from './stored-json';

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

function actionLine(a: FollowUpAction): string {
  return `• ${a.text} (${ACTION_OWNER_LABELS[a.owner]}, échéance ${frenchDay(a.dueDate)})`;
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

/** Sets the form's description with the accompaniment block when it changed; true when it did (meta updated). */
export function refreshAccompanimentDescription(
  rt: Runtime,
  e: EstablishmentRecord,
  plan: FormPlan,
  meta: FormMeta,
  open: () => GasForm,
): boolean {
  const block = accompanimentBlock(rt, e.id);
  if (block === '' && meta.applied[DESCRIPTION_KEY] === undefined) return false;
  const description = [formDescription(plan), block].filter((s) => s !== '').join('\n\n');
  const print = fingerprint(description);
  if (meta.applied[DESCRIPTION_KEY] === print) return false;
  open().setDescription(description);
  meta.applied[DESCRIPTION_KEY] = print;
  return true;
}
