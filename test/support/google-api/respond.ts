// A respondent answering one of the forms install made, through the fake Workspace: by field name of the form
// plan, choice questions by their shown label, checkboxes as several answers, as Google Forms would record it.
import { choicesOf, type FormKind, type FormMeta } from '../../../src/google/stored-json';
import type { FakeWorkspace } from './fake-workspace';
import { storedForm } from './stored-forms';

/** Answers a form the way a respondent would: by question, choice questions by their shown label. */
export function respond(
  fake: FakeWorkspace,
  spreadsheetId: string,
  establishmentId: string,
  answers: Record<string, string | string[]>,
  at: string,
  kind: FormKind = 'weekly',
  /** Answers under question ids the form does not have (what only a forged reply could carry). */
  forged: Record<string, string | string[]> = {},
): string {
  return respondTo(fake, storedForm(fake, spreadsheetId, establishmentId, kind), answers, at, forged);
}

/** The same, on a form whose record the caller already read (storedForms reads every row of Suivi). */
export function respondTo(
  fake: FakeWorkspace,
  form: FormMeta,
  answers: Record<string, string | string[]>,
  at: string,
  forged: Record<string, string | string[]> = {},
): string {
  const questions = form.api?.questions ?? {};
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(answers)) {
    const question = questions[name];
    if (!question) throw new Error(`no question ${name}`);
    const shown = (v: string) => Object.entries(choicesOf(question) ?? {}).find(([, c]) => c === v)?.[0] ?? v;
    out[question.questionId] = Array.isArray(value) ? value.map(shown) : shown(value);
  }
  return fake.submit(form.id, { ...out, ...forged }, at);
}

/** The initialisation answers of CESSRIN (two use cases, one contact), with `extra` answers over them. */
export const cessrinProfile = (extra: Record<string, string | string[]> = {}) => ({
  care_type: ['SMR (SSR)', 'HDJ'],
  bed_count: '120',
  'es_contact#0.last_name': 'Martin',
  'es_contact#0.first_name': 'Claire',
  'es_contact#0.email': 'claire.martin@cessrin.fr',
  'es_contact#0.role': 'Cadre de santé',
  'es_contact#0.phone': '01 23 45 67 89',
  'software#0.dpi': 'Éditeur X, DPI Y 4.2',
  ins_status: 'En cours de déploiement',
  dmp_status: 'DPI compatible DMP',
  'uc1.pathway': 'Néphrologie — greffe',
  'uc1.use_case': 'Bilan de pré-transplantation',
  'uc2.pathway': 'HDJ SSR « Autonomie »',
  'uc2.use_case': 'Convocations par la messagerie citoyenne',
  ...extra,
});
