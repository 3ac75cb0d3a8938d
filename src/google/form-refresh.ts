// What a sync changes on an establishment's weekly form once the new reports are in: the help text under each
// question (last week's values under each counter, as the Apps Script runtime shows them, and the rule « au moins
// la valeur de la semaine précédente » the REST API cannot enforce) and the weeks offered. Only what differs from
// what the form record says was last written is sent, with a narrow updateMask. Pure.
import type { forms_v1 } from '@googleapis/forms';
import { formPlanContextOf, weeklyFormPlan, WEEK_FIELD } from '../domain/form-plan';
import type { RowLedger } from '../domain/ledger';
import { rowKey, type EstablishmentRecord, type RowKey } from '../domain/model';
import type { Project } from '../schema/project';
import { choicesOf, fingerprint, keptChoices, type FormApiQuestion, type FormMeta } from './stored-json';
import { formRequests } from './form-requests';
import type { ApiForm, FormItems } from './form-responses';

/** What the refresh reads of the store: the establishment and each row's ledger. */
export interface FormRefreshSource {
  getEstablishment(id: string): EstablishmentRecord | undefined;
  rowLedger(key: RowKey): RowLedger;
}

export interface FormRefresh {
  requests: forms_v1.Schema$Request[];
  /** The form's record once the requests are applied. */
  meta: FormMeta;
}

/** Whether the record knows each question's item, place and help text (forms made before sync kept them do not). */
export function itemsKnown(meta: FormMeta): boolean {
  return Object.values(meta.api?.questions ?? {}).every(
    (q) => q.itemId !== undefined && q.index !== undefined && q.shown !== undefined,
  );
}

/** The record of a form made before sync kept its items, completed from forms.get: each question's item, place and help text. */
export function withItemsFromForm(meta: FormMeta, form: FormItems): FormMeta {
  const found = new Map<string, Required<Pick<FormApiQuestion, 'itemId' | 'index' | 'shown'>>>();
  (form.items ?? []).forEach((item, index) => {
    const questionId = item.questionItem?.question.questionId;
    if (questionId && item.itemId)
      found.set(questionId, { itemId: item.itemId, index, shown: fingerprint(item.description ?? '') });
  });
  if (!meta.api) return meta;
  const questions = Object.fromEntries(
    Object.entries(meta.api.questions).map(([key, q]) => [key, { ...q, ...found.get(q.questionId) }]),
  );
  return { ...meta, api: { ...meta.api, questions } };
}

/**
 * The requests that bring a weekly form up to date (help texts, then the week question's options), or none.
 * Questions whose item is not recorded get no help text: the caller reads the form's items first (itemsKnown).
 */
export function weeklyFormRefresh(
  project: Project,
  source: FormRefreshSource,
  form: ApiForm,
  now: Date,
): FormRefresh {
  const { meta } = form;
  const e = source.getEstablishment(form.establishmentId);
  if (form.kind !== 'weekly' || !e || !meta.api) return { requests: [], meta };
  const ledgers = new Map(e.useCases.map((u) => [u.id, source.rowLedger(rowKey(e.id, u.id))]));
  const plan = weeklyFormPlan(formPlanContextOf(project, now), e, ledgers);
  const planned = new Map(formRequests(plan).items.flatMap((p) => (p ? [[p.name, p] as const] : [])));
  const requests: forms_v1.Schema$Request[] = [];
  const questions: Record<string, FormApiQuestion> = { ...meta.api.questions };
  for (const [key, q] of Object.entries(meta.api.questions)) {
    const description = planned.get(key)?.description;
    if (q.itemId === undefined || q.index === undefined || q.shown === undefined) continue;
    if (description === undefined || fingerprint(description) === q.shown) continue;
    requests.push({
      updateItem: {
        item: { itemId: q.itemId, description },
        location: { index: q.index },
        updateMask: 'description',
      },
    });
    questions[key] = { ...q, shown: fingerprint(description) };
  }

  // Forms list only the weeks that have begun: add the new week where one started since the last run.
  const week = planned.get(WEEK_FIELD);
  const weekQuestion = questions[WEEK_FIELD];
  if (weekQuestion?.itemId !== undefined && weekQuestion.index !== undefined && week?.choices) {
    const choices = week.choices;
    const known = choicesOf(weekQuestion) ?? {};
    const same =
      Object.keys(choices).length === Object.keys(known).length &&
      Object.keys(choices).every((k) => known[k] === choices[k]);
    if (!same) {
      requests.push({
        updateItem: {
          item: {
            itemId: weekQuestion.itemId,
            questionItem: {
              question: {
                questionId: weekQuestion.questionId,
                choiceQuestion: {
                  type: 'DROP_DOWN',
                  options: Object.keys(choices).map((value) => ({ value })),
                },
              },
            },
          },
          location: { index: weekQuestion.index },
          updateMask: 'questionItem.question.choiceQuestion.options',
        },
      });
      const { choices: _labels, weeks: _weeks, ...question } = weekQuestion;
      questions[WEEK_FIELD] = { ...question, ...keptChoices(choices) };
    }
  }
  return { requests, meta: requests.length > 0 ? { ...meta, api: { ...meta.api, questions } } : meta };
}
