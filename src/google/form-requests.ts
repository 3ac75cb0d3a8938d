// Draws a form plan (src/domain/form-plan.ts) as Forms API requests for one forms.batchUpdate, and reads a
// response's answers back into the raw values the core validates. Pure. What the REST API cannot do — validation
// on an item, a destination spreadsheet, triggers — is not attempted here: the CLI says so and sync compensates
// (the core validates every answer, refusals go to the Journal, help texts carry the rule).
import type { forms_v1 } from '@googleapis/forms';
import type { FormPlan, FormQuestion } from '../domain/form-plan';
import type { RawValue, RawValues, RecordEntry } from '../domain/values';
import type { FormResponse } from './form-responses';
import { createItemRequest, formInfoRequest, type FormItemDraft } from './form-http-requests';
import {
  choicesOf,
  fingerprint,
  keptChoices,
  RECORD_FIELD_KEY,
  recordFieldKey,
  type FormApiQuestion,
  type FormMeta,
} from './stored-json';

/**
 * One question item to create: its item key (the plan's name, or a record field's key: the key space Apps Script's
 * items share, stored-json.ts), its help text, and for choice questions the label → value map.
 */
export interface PlannedItem {
  name: string;
  description: string;
  choices?: Record<string, string>;
}

export interface FormRequests {
  requests: forms_v1.Schema$Request[];
  /** Per request, the question it creates (undefined for info, section and text items). */
  items: Array<PlannedItem | undefined>;
}

/** The help text under a question: the form's help (last week's values included) and the rule it must follow. */
export function describe(q: FormQuestion): string {
  const rule =
    q.input.kind === 'integer'
      ? q.input.patternHelp
      : q.input.kind === 'text' || q.input.kind === 'paragraph'
        ? `${q.input.maxLength} caractères au plus`
        : '';
  return [q.help, rule].filter((s) => s !== '').join(' — ');
}

/** A question of the plan as the items the shared Forms request builder draws (form-http-requests.ts). */
function questionItems(q: FormQuestion): Array<{ draft: FormItemDraft; planned: PlannedItem }> {
  const help = describe(q);
  const question = (kind: FormItemDraft['kind'], extra: Partial<FormItemDraft> = {}, name = q.name) => ({
    draft: { kind, title: q.title, help, required: q.required, ...extra },
    planned: { name, description: help } as PlannedItem,
  });
  switch (q.input.kind) {
    case 'text':
    case 'integer':
      return [question('text')];
    case 'paragraph':
      return [question('paragraph')];
    case 'date':
      return [question('date')];
    case 'select': {
      const entry = question('list', { choices: q.input.options.map((o) => o.label) });
      entry.planned.choices = Object.fromEntries(q.input.options.map((o) => [o.label, o.value]));
      return [entry];
    }
    case 'checkboxes':
      return [question('checkbox', { choices: [...q.input.options], other: q.input.allowOther })];
    case 'record': {
      const { fields, max } = q.input;
      const out: Array<{ draft: FormItemDraft; planned: PlannedItem }> = [];
      for (let i = 0; i < max; i += 1)
        for (const f of fields)
          out.push(
            question(
              'text',
              {
                title: `${q.title} — ${f.label}${max > 1 ? ` (${i + 1})` : ''}`,
                required: q.required && i === 0 && f.required,
              },
              recordFieldKey(q.name, i, f.id),
            ),
          );
      return out;
    }
  }
}

/**
 * The form's description, its sections and questions, in order, as one batch: each item built by the Forms request
 * builder both Google runtimes share (src/google/form-http-requests.ts).
 */
export function formRequests(plan: FormPlan): FormRequests {
  const identity = plan.identity.filter((f) => f.value !== '').map((f) => `${f.label} : ${f.value}`);
  const requests: forms_v1.Schema$Request[] = [
    formInfoRequest(plan.title, [plan.description, ...identity].join('\n')),
  ];
  const items: Array<PlannedItem | undefined> = [undefined];
  const add = (draft: FormItemDraft, planned?: PlannedItem) => {
    requests.push(createItemRequest(draft, items.length - 1));
    items.push(planned);
  };
  plan.sections.forEach((section, i) => {
    // The first section's header opens the form; each later one starts a page.
    add({
      kind: i === 0 ? 'section' : 'page',
      title: section.title,
      help: section.description ?? '',
      required: false,
    });
    for (const q of section.questions) for (const { draft, planned } of questionItems(q)) add(draft, planned);
  });
  return { requests, items };
}

/**
 * A form's record as both runtimes keep it (stored-json.ts), from the requests that drew it and Google's replies to
 * them: what only this runtime needs under `api` — each question's Forms API ids, place, help text fingerprint and
 * choice labels, by item key.
 */
export function formMetaOf(
  formId: string,
  responderUri: string,
  items: ReadonlyArray<PlannedItem | undefined>,
  replies: ReadonlyArray<{ itemId?: string; questionIds: readonly string[] } | undefined>,
): FormMeta {
  const questions: Record<string, FormApiQuestion> = {};
  items.forEach((planned, i) => {
    const questionId = replies[i]?.questionIds[0];
    if (!planned || !questionId) return;
    const itemId = replies[i]?.itemId;
    questions[planned.name] = {
      questionId,
      // Request 0 is the form's description: item i sits at index i - 1.
      ...(itemId ? { itemId, index: i - 1, shown: fingerprint(planned.description) } : {}),
      ...(planned.choices ? keptChoices(planned.choices) : {}),
    };
  });
  return { id: formId, url: responderUri, items: {}, applied: {}, api: { questions } };
}

/**
 * A response's answers as raw values by field name, given the form's questions by item key: a choice label becomes
 * its value, checkboxes a list, the fields of a record question (`es_contact#0.email`) entries of a list. Unknown
 * question ids are kept under their id, so the core refuses them as unexpected fields instead of the CLI dropping
 * them silently.
 */
export function answersOf(
  response: FormResponse,
  questions: Readonly<Record<string, FormApiQuestion>>,
): Record<string, RawValue> {
  const byId = new Map(Object.entries(questions).map(([key, q]) => [q.questionId, { key, q }]));
  const out: Record<string, RawValue> = {};
  const records = new Map<string, Array<Record<string, string>>>();
  for (const [questionId, answer] of Object.entries(response.answers ?? {})) {
    const known = byId.get(questionId);
    const name = known?.key ?? questionId;
    const texts = (answer.textAnswers?.answers ?? []).map((a) => a.value ?? '');
    const choices = known ? choicesOf(known.q) : undefined;
    const values = choices ? texts.map((t) => choices[t] ?? t) : texts;
    const field = known ? RECORD_FIELD_KEY.exec(name) : null;
    if (field) {
      const [, base = '', i = '0', fieldId = ''] = field;
      const entries = records.get(base) ?? [];
      const at = Number(i);
      while (entries.length <= at) entries.push({});
      (entries[at] as Record<string, string>)[fieldId] = values.join(' ');
      records.set(base, entries);
      continue;
    }
    out[name] = values.length === 1 ? values[0] : values;
  }
  for (const [name, entries] of records) out[name] = entries as readonly RecordEntry[];
  return out;
}

/** Splits answers into those named `prefix.x` (returned without the prefix) and the rest. */
export function splitPrefixed(
  values: RawValues,
  prefix: string,
): { inside: Record<string, RawValue>; rest: Record<string, RawValue> } {
  const inside: Record<string, RawValue> = {};
  const rest: Record<string, RawValue> = {};
  for (const [k, v] of Object.entries(values)) {
    if (k.startsWith(`${prefix}.`)) inside[k.slice(prefix.length + 1)] = v;
    else rest[k] = v;
  }
  return { inside, rest };
}
