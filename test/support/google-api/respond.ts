// A respondent answering one of the forms install made, through the fake Workspace: by field name of the form
// plan, choice questions by their shown label, checkboxes as several answers, as Google Forms would record it.
import { choicesOf, type FormKind } from '../../../src/google/stored-json';
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
  const form = storedForm(fake, spreadsheetId, establishmentId, kind);
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
