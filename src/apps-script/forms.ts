// The establishments' Google Forms: each form's items drawn from its plan, brought up to date by changing only
// the items whose fingerprint differs (after copying a template, after a report moves last week's values, when a
// new week opens), and prefilled links. Forms are persistent: one weekly and one initialisation form per
// establishment, never recreated.
import {
  initialisationFormPlan,
  weeklyFormPlan,
  WEEK_FIELD,
  type FormPlan,
  type WeeklyChoice,
} from '../domain/form-plan';
import { frAppsScript } from './messages';
import type { RowLedger } from '../domain/ledger';
import { rowKey, type EstablishmentRecord } from '../domain/model';
import { formDescription, formItems, prefillByKey, type ItemSpec } from './form-spec';
import type { GasForm, GasFormApp, GasItem, GasItemResponse, GasServices } from './gas-api';
import { planContext, type Runtime } from './runtime';
import { fingerprint, type FormMeta } from '../google/stored-json';

export type FormKind = 'weekly' | 'initialisation';

/** Short fingerprints of each aspect of an item, joined: a sync changes only the aspects that differ. */
export function aspects(item: ItemSpec): string {
  const hash = fingerprint;
  return [
    hash([item.kind, item.title]),
    hash(item.help),
    hash(item.required),
    hash([item.choices, item.other]),
    hash(item.validation),
  ].join('.');
}

/** The plan of one of an establishment's forms, with its rows' ledgers as they are now. */
export function planOf(
  rt: Runtime,
  kind: FormKind,
  establishment: EstablishmentRecord,
  choice: WeeklyChoice = {},
): FormPlan {
  const ctx = planContext(rt);
  if (kind === 'initialisation') return initialisationFormPlan(ctx, establishment);
  const ledgers = new Map<string, RowLedger>(
    establishment.useCases.map((u) => [u.id, rt.store.rowLedger(rowKey(establishment.id, u.id))]),
  );
  return weeklyFormPlan(ctx, establishment, ledgers, choice);
}

/** Sets an item's text validation, the one aspect the Forms API cannot set (see forms-api.ts). */
export function setValidation(formApp: GasFormApp, item: GasItem, spec: ItemSpec): void {
  const v = spec.validation;
  if (!v) return;
  if (spec.kind === 'text') {
    const validation = textValidation(formApp, spec);
    if (validation) item.asTextItem().setValidation(validation);
  } else if (spec.kind === 'paragraph' && 'maxLength' in v)
    item
      .asParagraphTextItem()
      .setValidation(
        formApp
          .createParagraphTextValidation()
          .requireTextLengthLessThanOrEqualTo(v.maxLength)
          .setHelpText(v.help)
          .build(),
      );
}

function textValidation(formApp: GasFormApp, item: ItemSpec) {
  const v = item.validation;
  if (!v) return undefined;
  if ('pattern' in v)
    return formApp.createTextValidation().requireTextMatchesPattern(v.pattern).setHelpText(v.help).build();
  return formApp
    .createTextValidation()
    .requireTextLengthLessThanOrEqualTo(v.maxLength)
    .setHelpText(v.help)
    .build();
}

/** Writes the aspects of `spec` that differ from `previous` (all of them for a new item). */
function applyItem(
  services: GasServices,
  item: GasItem | null,
  form: GasForm,
  spec: ItemSpec,
  previous?: string,
): number {
  const before = previous?.split('.') ?? [];
  const now = aspects(spec).split('.');
  // A new item starts empty, optional and unvalidated: only what differs from that is written.
  const blank = !item
    ? aspects({
        ...spec,
        help: '',
        required: false,
        choices: undefined,
        other: undefined,
        validation: undefined,
      }).split('.')
    : [];
  const changed = (i: number) => (item ? before[i] !== now[i] : i === 0 || blank[i] !== now[i]);
  const formApp = services.FormApp;
  switch (spec.kind) {
    case 'section': {
      const s = item ? item.asSectionHeaderItem() : form.addSectionHeaderItem();
      if (changed(0)) s.setTitle(spec.title);
      if (changed(1)) s.setHelpText(spec.help);
      return s.getId();
    }
    case 'text': {
      const t = item ? item.asTextItem() : form.addTextItem();
      if (changed(0)) t.setTitle(spec.title);
      if (changed(1)) t.setHelpText(spec.help);
      if (changed(2)) t.setRequired(spec.required);
      const validation = changed(4) ? textValidation(formApp, spec) : undefined;
      if (validation) t.setValidation(validation);
      return t.getId();
    }
    case 'paragraph': {
      const p = item ? item.asParagraphTextItem() : form.addParagraphTextItem();
      if (changed(0)) p.setTitle(spec.title);
      if (changed(1)) p.setHelpText(spec.help);
      if (changed(2)) p.setRequired(spec.required);
      const v = spec.validation;
      if (changed(4) && v && 'maxLength' in v)
        p.setValidation(
          formApp
            .createParagraphTextValidation()
            .requireTextLengthLessThanOrEqualTo(v.maxLength)
            .setHelpText(v.help)
            .build(),
        );
      return p.getId();
    }
    case 'list': {
      const l = item ? item.asListItem() : form.addListItem();
      if (changed(0)) l.setTitle(spec.title);
      if (changed(1)) l.setHelpText(spec.help);
      if (changed(2)) l.setRequired(spec.required);
      if (changed(3)) l.setChoiceValues(spec.choices ?? []);
      return l.getId();
    }
    case 'checkbox': {
      const c = item ? item.asCheckboxItem() : form.addCheckboxItem();
      if (changed(0)) c.setTitle(spec.title);
      if (changed(1)) c.setHelpText(spec.help);
      if (changed(2)) c.setRequired(spec.required);
      if (changed(3)) c.setChoiceValues(spec.choices ?? []).showOtherOption(spec.other ?? false);
      return c.getId();
    }
    case 'date': {
      const d = item ? item.asDateItem() : form.addDateItem();
      if (changed(0)) d.setTitle(spec.title);
      if (changed(1)) d.setHelpText(spec.help);
      if (changed(2)) d.setRequired(spec.required);
      if (!item) d.setIncludesYear(true);
      return d.getId();
    }
  }
}

/** Draws every item of a new, empty form. Returns the item ids and fingerprints by key, in order. */
export function renderItems(
  services: GasServices,
  form: GasForm,
  specs: readonly ItemSpec[],
): Pick<FormMeta, 'items' | 'applied'> & { keys: string[] } {
  const items: Record<string, number> = {};
  const applied: Record<string, string> = {};
  for (const spec of specs) {
    items[spec.key] = applyItem(services, null, form, spec);
    applied[spec.key] = aspects(spec);
  }
  return { items, applied, keys: specs.map((s) => s.key) };
}

/**
 * Brings a form's items to the plan: items whose fingerprint differs are updated (only the aspects that changed),
 * missing items are added at the end. Opens the form only if something changed. Returns the new meta and how many
 * items were touched.
 */
export function syncItems(
  services: GasServices,
  meta: FormMeta,
  specs: readonly ItemSpec[],
  open: () => GasForm = () => services.FormApp.openById(meta.id),
  /** The form's items when the caller has just read them: found there rather than one getItemById each. */
  knownItems?: readonly GasItem[],
): { meta: FormMeta; changed: number } {
  const stale = specs.filter((s) => meta.applied[s.key] !== aspects(s));
  if (stale.length === 0) return { meta, changed: 0 };
  const form = open();
  const byId = knownItems ? new Map(knownItems.map((i) => [i.getId(), i])) : undefined;
  const next: FormMeta = { ...meta, items: { ...meta.items }, applied: { ...meta.applied } };
  for (const spec of stale) {
    const id = meta.items[spec.key];
    const item = id === undefined ? null : (byId?.get(id) ?? form.getItemById(id));
    next.items[spec.key] = applyItem(services, item, form, spec, item ? meta.applied[spec.key] : undefined);
    next.applied[spec.key] = aspects(spec);
  }
  return { meta: next, changed: stale.length };
}

/** Sets a form's title, description and settings from its plan. */
export function applyFormSettings(form: GasForm, plan: FormPlan): void {
  form.setTitle(plan.title).setDescription(formDescription(plan));
}

/** A new form's fixed settings: the confirmation text, no response editing (a resubmission is a new version). */
export function applyNewFormSettings(form: GasForm): void {
  form.setConfirmationMessage(frAppsScript.confirmation).setAllowResponseEdits(false).setCollectEmail(false);
}

/**
 * A prefilled link: the plan's prefill values for the given item keys (all when omitted). Date items are left
 * empty (a date prefilled once would go stale).
 */
export function prefilledLink(
  form: GasForm,
  meta: FormMeta,
  plan: FormPlan,
  keys?: readonly string[],
  /** The form's items when the caller has just read them (one call fewer). */
  knownItems?: readonly GasItem[],
): string {
  const specs = new Map(formItems(plan).map((s) => [s.key, s]));
  const values = prefillByKey(plan);
  const wanted = [...values.entries()].filter(
    ([key]) =>
      (keys === undefined || keys.includes(key)) &&
      specs.get(key)?.kind !== 'date' &&
      meta.items[key] !== undefined,
  );
  let response = form.createResponse();
  if (wanted.length > 0) {
    const items = new Map((knownItems ?? form.getItems()).map((i) => [i.getId(), i]));
    for (const [key, value] of wanted) {
      const item = items.get(meta.items[key] as number);
      const spec = specs.get(key);
      if (!item || !spec) continue;
      let answer: GasItemResponse | undefined;
      if (spec.kind === 'list' && typeof value === 'string' && (spec.choices ?? []).includes(value))
        answer = item.asListItem().createResponse(value);
      else if (spec.kind === 'checkbox' && Array.isArray(value))
        answer = item.asCheckboxItem().createResponse(value);
      else if (spec.kind === 'text' && typeof value === 'string')
        answer = item.asTextItem().createResponse(value);
      else if (spec.kind === 'paragraph' && typeof value === 'string')
        answer = item.asParagraphTextItem().createResponse(value);
      if (answer) response = response.withItemResponse(answer);
    }
  }
  return response.toPrefilledUrl();
}

/** The weekly form's prefilled link for one week: only the week is prefilled (the form is the establishment's). */
export function weeklyLink(
  rt: Runtime,
  form: GasForm,
  meta: FormMeta,
  establishment: EstablishmentRecord,
  week?: string,
  knownItems?: readonly GasItem[],
): string {
  const plan = planOf(rt, 'weekly', establishment, week ? { week } : {});
  return prefilledLink(form, meta, plan, [WEEK_FIELD], knownItems);
}

/**
 * Publishes a form and opens it to responses, then reads the state back. Forms a script creates or copies start
 * unpublished on Google since June 30, 2026 and receive no response until published (« API changes to Google
 * Forms », https://developers.google.com/workspace/forms/api/guides/api-changes-to-google-forms; the Apps Script
 * sample of « Publish and manage responders on the form », .../guides/publish-form, checks isPublished and
 * isAcceptingResponses afterwards). Accepting responses implies published (« If is_published is set to false, this
 * field is forced to false », PublishState in the Forms API reference), so one read checks both. Throws, naming the
 * form, when Google does not keep it open. Returns whether it had to publish or open it.
 */
export function ensurePublished(form: GasForm, name: string, state: 'unpublished' | 'unknown'): boolean {
  // A copy made just now is known to be unpublished: it is published without asking first.
  if (state === 'unknown' && form.isAcceptingResponses()) return false;
  if (state === 'unpublished' || !form.isPublished()) form.setPublished(true);
  if (form.isAcceptingResponses()) return true;
  // Published but closed by hand.
  form.setAcceptingResponses(true);
  if (!form.isPublished() || !form.isAcceptingResponses())
    throw new Error(frAppsScript.formNotPublished(name));
  return true;
}

/**
 * Opens a recorded form, or undefined when it was deleted: gone from Drive, or (`checkTrash`, two Drive calls more)
 * in the trash.
 */
export function openLiveForm(services: GasServices, id: string, checkTrash = true): GasForm | undefined {
  try {
    if (checkTrash && services.DriveApp.getFileById(id).isTrashed()) return undefined;
    return services.FormApp.openById(id);
  } catch {
    return undefined;
  }
}
