// What a sync changes on an establishment's weekly form once the new reports are in: the help text under each
// question (last week's values under each counter, as the Apps Script runtime shows them, and the rule « au moins
// la valeur de la semaine précédente » the REST API cannot enforce) and the weeks offered. Only what differs from
// what the form record says was last written is sent, with a narrow updateMask. Pure.
import type { forms_v1 } from '@googleapis/forms';
import { formPlanContextOf, weeklyFormPlan, WEEK_FIELD } from '../domain/form-plan';
import type { RowLedger } from '../domain/ledger';
import { rowKey, type EstablishmentRecord, type RowKey } from '../domain/model';
import type { Project } from '../schema/project';
import type { FormItem, FormRecord } from './data-tab';
import { formRequests } from './form-requests';
import type { FormItems } from './forms';

/** What the refresh reads of the store: the establishment and each row's ledger. */
export interface FormRefreshSource {
  getEstablishment(id: string): EstablishmentRecord | undefined;
  rowLedger(key: RowKey): RowLedger;
}

export interface FormRefresh {
  requests: forms_v1.Schema$Request[];
  /** The form record once the requests are applied. */
  record: FormRecord;
}

/** The items of a form made before sync kept them, from forms.get: question id → item, index and help text. */
export function itemsFromForm(form: FormItems): Record<string, FormItem> {
  const out: Record<string, FormItem> = {};
  (form.items ?? []).forEach((item, index) => {
    const questionId = item.questionItem?.question.questionId;
    if (questionId && item.itemId)
      out[questionId] = { itemId: item.itemId, index, description: item.description ?? '' };
  });
  return out;
}

/**
 * The requests that bring a weekly form up to date (help texts, then the week question's options), or none.
 * Forms without item records (`items` absent) get only the week options: the caller reads their items first.
 */
export function weeklyFormRefresh(
  project: Project,
  source: FormRefreshSource,
  form: FormRecord,
  now: Date,
): FormRefresh {
  const e = source.getEstablishment(form.establishmentId);
  if (form.form !== 'weekly' || !e) return { requests: [], record: form };
  const ledgers = new Map(e.useCases.map((u) => [u.id, source.rowLedger(rowKey(e.id, u.id))]));
  const plan = weeklyFormPlan(formPlanContextOf(project, now), e, ledgers);
  const planned = new Map(formRequests(plan).items.flatMap((p) => (p ? [[p.name, p] as const] : [])));
  const requests: forms_v1.Schema$Request[] = [];
  const items: Record<string, FormItem> = { ...form.items };
  for (const [questionId, name] of Object.entries(form.questions)) {
    const item = form.items?.[questionId];
    const description = planned.get(name)?.description;
    if (!item || description === undefined || description === item.description) continue;
    requests.push({
      updateItem: {
        item: { itemId: item.itemId, description },
        location: { index: item.index },
        updateMask: 'description',
      },
    });
    items[questionId] = { ...item, description };
  }
  let record: FormRecord = form.items ? { ...form, items } : form;

  // Forms list only the weeks that have begun: add the new week where one started since the last run.
  const week = planned.get(WEEK_FIELD);
  const known = form.weekItem ? (form.choices?.[form.weekItem.questionId] ?? {}) : undefined;
  if (form.weekItem && week?.choices && known) {
    const choices = week.choices;
    const same =
      Object.keys(choices).length === Object.keys(known).length &&
      Object.keys(choices).every((k) => known[k] === choices[k]);
    if (!same) {
      requests.push({
        updateItem: {
          item: {
            itemId: form.weekItem.itemId,
            questionItem: {
              question: {
                questionId: form.weekItem.questionId,
                choiceQuestion: {
                  type: 'DROP_DOWN',
                  options: Object.keys(choices).map((value) => ({ value })),
                },
              },
            },
          },
          location: { index: form.weekItem.index },
          updateMask: 'questionItem.question.choiceQuestion.options',
        },
      });
      record = { ...record, choices: { ...record.choices, [form.weekItem.questionId]: choices } };
    }
  }
  return { requests, record };
}
