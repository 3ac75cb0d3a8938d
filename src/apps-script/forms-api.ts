// The Forms API through UrlFetchApp.fetchAll, for what it does in one request where FormApp needs one call per
// setter: a template form's items in one forms.batchUpdate, new copies' titles, descriptions and publishing for
// many forms at once. The requests are src/google/form-http-requests.ts; FormApp keeps what the Forms API cannot
// do (text validations, the response destination, the prefilled link, the confirmation message).
import * as z from 'zod';
import { fetchAllJson } from './url-fetch-json';
import {
  createItemRequest,
  formInfoRequest,
  formsBatchUpdateRequest,
  publishFormRequest,
  updateItemTextRequest,
  type FormsBatchRequest,
} from '../google/form-http-requests';
import type { FormPlan } from '../domain/form-plan';
import { formDescription, formItems, type ItemSpec } from './form-spec';
import { aspects, renderItems, setValidation } from './forms';
import type { GasForm } from './gas-api';
import type { Runtime } from './runtime';
import type { FormMeta } from '../google/stored-json';
import type { TemplateInfo } from './settings';

/** The answer of forms.setPublishSettings: the publish state Google kept. */
const PublishAnswer = z.object({
  publishSettings: z.object({
    publishState: z.object({ isPublished: z.boolean(), isAcceptingResponses: z.boolean().optional() }),
  }),
});

/**
 * Draws a new, empty template form: its title and every item in one forms.batchUpdate, then the text validations
 * by FormApp (one read of the items, one call per validated item). forms.batchUpdate is all or nothing, so the
 * form's items, read back, tell what happened even when fetchAll itself failed (an answer lost on the way): none,
 * and the form is drawn by FormApp as before; all, and only the validations are left.
 */
export function renderTemplate(
  rt: Runtime,
  form: GasForm,
  title: string,
  specs: readonly ItemSpec[],
): Pick<FormMeta, 'items' | 'applied'> & { keys: string[] } {
  try {
    fetchAllJson(rt.services, [
      formsBatchUpdateRequest(form.getId(), [
        formInfoRequest(title),
        ...specs.map((spec, i) => createItemRequest(spec, i)),
      ]),
    ]);
  } catch {
    // Whether Google applied the batch is read from the form below.
  }
  const items = form.getItems();
  if (items.length === 0) {
    form.setTitle(title);
    return renderItems(rt.services, form, specs);
  }
  if (items.length !== specs.length)
    throw new Error(`Template form ${form.getId()} has ${items.length} items, ${specs.length} were sent`);
  const ids: Record<string, number> = {};
  const applied: Record<string, string> = {};
  specs.forEach((spec, i) => {
    const item = items[i];
    if (!item) return;
    setValidation(rt.services.FormApp, item, spec);
    ids[spec.key] = item.getId();
    applied[spec.key] = aspects(spec);
  });
  return { items: ids, applied, keys: specs.map((s) => s.key) };
}

/** What the Forms API already did to a new copy: its title and description, and whether it is open to responses. */
export interface SettledCopy {
  title?: string;
  description?: string;
  published: boolean;
  /** Fingerprints of the items whose title or help text the batch changed (forms.ts `aspects`), by key. */
  applied?: Record<string, string>;
}

/**
 * The copy's own titles and help texts (last week's values, the establishment's identity) as updateItem requests,
 * where only those differ from its template; items whose other aspects differ are left to syncItems.
 */
function ownItemTexts(
  plan: FormPlan,
  template: TemplateInfo,
): { requests: FormsBatchRequest[]; applied: Record<string, string> } {
  const requests: FormsBatchRequest[] = [];
  const applied: Record<string, string> = {};
  for (const spec of formItems(plan)) {
    const before = template.applied[spec.key]?.split('.');
    const now = aspects(spec);
    const after = now.split('.');
    const index = template.keys.indexOf(spec.key);
    if (!before || index < 0 || before.join('.') === now) continue;
    if ([2, 3, 4].some((i) => before[i] !== after[i])) continue;
    const fields: Array<'title' | 'description'> = [];
    if (before[0] !== after[0]) fields.push('title');
    if (before[1] !== after[1]) fields.push('description');
    requests.push(updateItemTextRequest(spec, index, fields));
    applied[spec.key] = now;
  }
  return { requests, applied };
}

/**
 * Gives new copies their own title, description and item texts and publishes them, all in one fetchAll (two
 * requests a form).
 * A form's requests Google refused are left to FormApp when the form is completed (applyFormSettings,
 * ensurePublished). Publishing before the form is linked to its responses spreadsheet is harmless: its address is
 * known to no one until the install records it.
 */
export function settleCopies(
  rt: Runtime,
  copies: ReadonlyArray<{ id: string; plan: FormPlan; template: TemplateInfo }>,
): Map<string, SettledCopy> {
  const own = copies.map(({ plan, template }) => ownItemTexts(plan, template));
  const answers = fetchAllJson(
    rt.services,
    copies.flatMap(({ id, plan }, i) => [
      formsBatchUpdateRequest(id, [
        formInfoRequest(plan.title, formDescription(plan)),
        ...(own[i]?.requests ?? []),
      ]),
      publishFormRequest(id),
    ]),
  );
  const settled = new Map<string, SettledCopy>();
  copies.forEach(({ id, plan }, i) => {
    const info = answers[2 * i];
    const publish = answers[2 * i + 1];
    const parsed = publish?.code === 200 ? PublishAnswer.safeParse(publish.body) : undefined;
    const state = parsed?.success ? parsed.data.publishSettings.publishState : undefined;
    settled.set(id, {
      ...(info?.code === 200
        ? { title: plan.title, description: formDescription(plan), applied: own[i]?.applied ?? {} }
        : {}),
      published: state?.isPublished === true && state.isAcceptingResponses === true,
    });
  });
  return settled;
}
