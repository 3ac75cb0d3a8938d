// A respondent answering one of the forms install made, through the fake Workspace: by field name of the form
// plan, choice questions by their shown label, checkboxes as several answers, as Google Forms would record it.
import { decodeRecords, type FormRecord } from '../../../src/google-api/data-tab';
import type { FakeWorkspace } from './fake-workspace';

/** Answers a form the way a respondent would: by question, choice questions by their shown label. */
export function respond(
  fake: FakeWorkspace,
  spreadsheetId: string,
  establishmentId: string,
  answers: Record<string, string | string[]>,
  at: string,
  kind: FormRecord['form'] = 'weekly',
  /** Answers under question ids the form does not have (what only a forged reply could carry). */
  forged: Record<string, string | string[]> = {},
): string {
  const records = decodeRecords(fake.values(spreadsheetId, 'Données').slice(1));
  const form = records.find(
    (r) => r.kind === 'form' && r.value.form === kind && r.value.establishmentId === establishmentId,
  );
  if (form?.kind !== 'form') throw new Error(`no ${kind} form for ${establishmentId}`);
  const byName = new Map(Object.entries(form.value.questions).map(([id, name]) => [name, id]));
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(answers)) {
    const questionId = byName.get(name);
    if (!questionId) throw new Error(`no question ${name}`);
    const shown = (v: string) =>
      Object.entries(form.value.choices?.[questionId] ?? {}).find(([, c]) => c === v)?.[0] ?? v;
    out[questionId] = Array.isArray(value) ? value.map(shown) : shown(value);
  }
  return fake.submit(form.value.formId, { ...out, ...forged }, at);
}
