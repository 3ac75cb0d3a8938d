// How a form plan (src/domain/form-plan.ts) becomes Google Forms items, and how a response's answers become a
// weekly submission or a profile again. Google Forms has no "record" question, so each field of a contact or
// software record is its own short-answer item; a select is a dropdown whose choices are the options' labels.
// Pure: no Apps Script service is called here.
import type { FormPlan, FormQuestion } from '../domain/form-plan';
import { USE_CASE_FIELD, WEEK_FIELD } from '../domain/form-plan';
import { describeWeek, type IsoWeek } from '../domain/iso-week';
import type { WeeklySubmission } from '../domain/validate-weekly-report';
import type { ProfileSubmission } from '../domain/validate-edits';
import type { RawValue, RecordEntry } from '../domain/values';
import type { TrackingFile } from '../schema/tracking-file';
import { recordFieldKey } from '../google/stored-json';

/** Record columns show at most this many entries in a Google Form (the first one is the referent). */
export const FORM_RECORD_ENTRIES = 2;

export type ItemKind = 'section' | 'text' | 'paragraph' | 'list' | 'checkbox' | 'date';

/** One Google Forms item, described completely enough to create it or to tell that it changed. */
export interface ItemSpec {
  /** Stable key: the question name, `<name>#<entry>.<field>` for a record field, `section:<i>` for a header. */
  key: string;
  kind: ItemKind;
  title: string;
  help: string;
  required: boolean;
  choices?: string[];
  other?: boolean;
  validation?: { pattern: string; help: string } | { maxLength: number; help: string };
}

type SelectInput = Extract<FormQuestion['input'], { kind: 'select' }>;

/**
 * The choices of a dropdown: the options' labels, made unique (a list item cannot offer the same choice twice, and
 * a response is mapped back by its label) by adding the value to a label that repeats.
 */
export function choiceLabels(input: SelectInput): Array<{ value: string; label: string }> {
  const counts = new Map<string, number>();
  for (const o of input.options) counts.set(o.label, (counts.get(o.label) ?? 0) + 1);
  return input.options.map((o) => ({
    value: o.value,
    label: (counts.get(o.label) ?? 0) > 1 ? `${o.label} (${o.value})` : o.label,
  }));
}

function itemsOf(q: FormQuestion): ItemSpec[] {
  const base = { key: q.name, title: q.title, help: q.help, required: q.required };
  const input = q.input;
  switch (input.kind) {
    case 'text':
      return [
        {
          ...base,
          kind: 'text',
          validation: { maxLength: input.maxLength, help: `${input.maxLength} caractères au plus` },
        },
      ];
    case 'paragraph':
      return [
        {
          ...base,
          kind: 'paragraph',
          validation: { maxLength: input.maxLength, help: `${input.maxLength} caractères au plus` },
        },
      ];
    case 'integer':
      return [{ ...base, kind: 'text', validation: { pattern: input.pattern, help: input.patternHelp } }];
    case 'date':
      return [{ ...base, kind: 'date' }];
    case 'select':
      return [{ ...base, kind: 'list', choices: choiceLabels(input).map((o) => o.label) }];
    case 'checkboxes':
      return [{ ...base, kind: 'checkbox', choices: [...input.options], other: input.allowOther }];
    case 'record': {
      const entries = Math.min(input.max, FORM_RECORD_ENTRIES);
      // A required record whose fields are all optional needs at least one of them: the first one is asked for.
      const noneRequired = !input.fields.some((f) => f.required);
      const out: ItemSpec[] = [];
      for (let e = 0; e < entries; e += 1)
        for (const field of input.fields)
          out.push({
            key: recordFieldKey(q.name, e, field.id),
            kind: 'text',
            title: entries > 1 ? `${q.title} — ${field.label} (${e + 1})` : `${q.title} — ${field.label}`,
            help: e === 0 ? q.help : 'Facultatif : une autre personne à contacter.',
            required:
              q.required && e === 0 && (field.required || (noneRequired && field === input.fields[0])),
          });
      return out;
    }
  }
}

/** Every item of a form, in order: one section header per section, then its questions. */
export function formItems(plan: FormPlan): ItemSpec[] {
  return plan.sections.flatMap((section, i) => [
    {
      key: `section:${i}`,
      kind: 'section' as const,
      title: section.title,
      help: section.description ?? '',
      required: false,
    },
    ...section.questions.flatMap(itemsOf),
  ]);
}

/** A short fingerprint of what an item shows and checks: equal fingerprints need no update. */
export function itemFingerprint(item: ItemSpec): string {
  const text = JSON.stringify([
    item.kind,
    item.title,
    item.help,
    item.required,
    item.choices,
    item.other,
    item.validation,
  ]);
  let h = 2166136261;
  for (let i = 0; i < text.length; i += 1) h = Math.imul(h ^ text.charCodeAt(i), 16777619) >>> 0;
  return `${h.toString(36)}.${text.length.toString(36)}`;
}

/** The form's description: the plan's text, then the read-only identity lines. */
export function formDescription(plan: FormPlan): string {
  const identity = plan.identity.filter((i) => i.value !== '').map((i) => `${i.label} : ${i.value}`);
  return [plan.description, ...(identity.length > 0 ? ['', ...identity] : [])].join('\n');
}

/** What a prefilled link carries, by item key: the plan's prefill values (records split into their fields). */
export function prefillByKey(plan: FormPlan): Map<string, string | string[]> {
  const out = new Map<string, string | string[]>();
  for (const q of plan.sections.flatMap((s) => s.questions)) {
    const v = q.prefill;
    if (v === undefined) continue;
    if (q.input.kind === 'select') {
      const option = choiceLabels(q.input).find((o) => o.value === v);
      if (option) out.set(q.name, option.label);
    } else if (q.input.kind === 'record' && Array.isArray(v)) {
      (v as readonly RecordEntry[]).slice(0, FORM_RECORD_ENTRIES).forEach((entry, e) => {
        for (const [field, text] of Object.entries(entry))
          if (text !== '') out.set(recordFieldKey(q.name, e, field), text);
      });
    } else if (q.input.kind === 'checkboxes' && Array.isArray(v))
      out.set(q.name, [...(v as readonly string[])]);
    else if (typeof v === 'string' && v !== '') out.set(q.name, v);
  }
  return out;
}

/** Answers by question title, as a spreadsheet onFormSubmit event's namedValues (or a response row) gives them. */
export type AnswersByTitle = Readonly<Record<string, readonly string[] | string | undefined>>;

function answerText(answers: AnswersByTitle, title: string): string | undefined {
  const v = answers[title];
  if (v === undefined) return undefined;
  return Array.isArray(v) ? (v as readonly string[]).join(', ') : (v as string);
}

/**
 * A checkbox answer as the response sheet joins it (« MCO, Chirurgie, autre texte »), split back using the known
 * options first so an option containing a comma survives; what is left is the "other" text.
 */
export function splitCheckboxAnswer(text: string, options: readonly string[]): string[] {
  let rest = `, ${text}, `;
  const chosen: string[] = [];
  for (const option of [...options].sort((a, b) => b.length - a.length)) {
    const token = `, ${option}, `;
    if (rest.includes(token)) {
      chosen.push(option);
      rest = rest.replace(token, ', ');
    }
  }
  const other = rest.replace(/^[,\s]+|[,\s]+$/g, '');
  return [...options.filter((o) => chosen.includes(o)), ...(other !== '' ? [other] : [])];
}

function questionValue(q: FormQuestion, answers: AnswersByTitle): RawValue {
  const input = q.input;
  if (input.kind === 'record') {
    const entries: RecordEntry[] = [];
    const count = Math.min(input.max, FORM_RECORD_ENTRIES);
    for (let e = 0; e < count; e += 1) {
      const entry: Record<string, string> = {};
      for (const field of input.fields) {
        const title = count > 1 ? `${q.title} — ${field.label} (${e + 1})` : `${q.title} — ${field.label}`;
        entry[field.id] = answerText(answers, title) ?? '';
      }
      if (Object.values(entry).some((v) => v.trim() !== '')) entries.push(entry);
    }
    return entries;
  }
  // Several values under one question's title (a column added by hand beside the question's): refused by the core
  // as a repeated field rather than joined. Such a column stays in the tab, empty for the responses that follow.
  const raw = answers[q.title];
  const several = Array.isArray(raw) ? (raw as string[]).filter((v) => v.trim() !== '') : [];
  if (several.length > 1 && input.kind !== 'checkboxes') return several;
  const text = Array.isArray(raw) && raw.length > 1 ? (several[0] ?? '') : answerText(answers, q.title);
  if (text === undefined) return undefined;
  if (input.kind === 'checkboxes') return text.trim() === '' ? [] : splitCheckboxAnswer(text, input.options);
  if (input.kind === 'select') return choiceLabels(input).find((o) => o.label === text)?.value ?? text;
  return text;
}

/**
 * Answers under the label of a tracking column this form does not ask (a column typed into the responses tab by
 * hand, a forged « Etablissement » or « Actions… »), by column id: the core then refuses them as fields this form
 * does not have, as the local form refuses an unexpected field. Google's own columns (the timestamp) and empty
 * answers (a question deleted since) are not answers.
 */
export function unaskedAnswers(
  plan: FormPlan,
  answers: AnswersByTitle,
  tracking: TrackingFile,
): Record<string, RawValue> {
  const asked = new Set(plan.sections.flatMap((s) => s.questions.map((q) => q.columnId)));
  const out: Record<string, RawValue> = {};
  for (const column of tracking.columns) {
    if (asked.has(column.id)) continue;
    const text = answerText(answers, column.label);
    if (text !== undefined && text.trim() !== '') out[column.id] = text;
  }
  return out;
}

/** The week a « semaine 23 de 2022 (…) » label stands for, among the pilot weeks. */
export function weekOfLabel(label: string, weeks: readonly IsoWeek[]): IsoWeek | undefined {
  return weeks.find((w) => describeWeek(w) === label.trim()) ?? weeks.find((w) => w === label.trim());
}

/**
 * A weekly form response as the core's submission. The week and use case come back from their labels; a label no
 * longer offered is passed through as typed, so the core refuses it with its own French message.
 */
export function weeklySubmission(
  plan: FormPlan,
  answers: AnswersByTitle,
  pilotWeeks: readonly IsoWeek[],
  /** The establishment's use case when it has only one (its form then has no use-case question). */
  soleUseCaseId: string | undefined,
  /** When given, answers to columns the form does not ask are passed on, for the core to refuse. */
  tracking?: TrackingFile,
): WeeklySubmission {
  const questions = plan.sections.flatMap((s) => s.questions);
  const values: Record<string, RawValue> = tracking ? unaskedAnswers(plan, answers, tracking) : {};
  let week = '';
  let useCaseId: string | undefined;
  for (const q of questions) {
    if (q.name === WEEK_FIELD) {
      const label = answerText(answers, q.title) ?? '';
      week = weekOfLabel(label, pilotWeeks) ?? label;
    } else if (q.name === USE_CASE_FIELD) {
      const v = questionValue(q, answers);
      useCaseId = typeof v === 'string' ? v : undefined;
    } else if (q.columnId) values[q.columnId] = questionValue(q, answers);
  }
  const establishmentId = plan.establishmentId;
  return { establishmentId, useCaseId: useCaseId ?? soleUseCaseId ?? '', week, values };
}

/** An initialisation form response as the core's profile submission. */
export function profileSubmission(
  plan: FormPlan,
  answers: AnswersByTitle,
  /** When given, answers to columns the form does not ask are passed on, for the core to refuse. */
  tracking?: TrackingFile,
): ProfileSubmission {
  const values: Record<string, RawValue> = tracking ? unaskedAnswers(plan, answers, tracking) : {};
  const useCases: Record<string, Record<string, RawValue>> = {};
  for (const q of plan.sections.flatMap((s) => s.questions)) {
    if (!q.columnId) continue;
    const value = questionValue(q, answers);
    const dot = q.name.indexOf('.');
    if (dot > 0) {
      const useCaseId = q.name.slice(0, dot);
      (useCases[useCaseId] ??= {})[q.columnId] = value;
    } else values[q.columnId] = value;
  }
  return { values, useCases };
}
