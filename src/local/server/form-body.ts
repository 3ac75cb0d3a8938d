// Reads an urlencoded form body (the only kind the pages send) into the raw values the core validates. zod bounds
// the shape (field names, count, lengths, repeated fields) before anything else looks at it; the core then decides
// every rule and names every field. Record questions arrive as `<question>.<index>.<field>` and are regrouped here.
import * as z from 'zod';
import type { FormQuestion } from '../../domain/form-plan';
import type { RawValue, RawValues, RecordEntry } from '../../domain/values';
import { problemsFromZod } from '../../schema/zod-issues';

/** Larger than any form the pages draw (a profile with four contacts is under 100 fields). */
export const MAX_FORM_FIELDS = 300;
/**
 * As long as the whole body may be (FORM_BODY_LIMIT_BYTES): a text that fits in the body reaches the core, which
 * refuses it under its field with the column's own limit and gives it back to the person, instead of a « form
 * modified » page that loses what was typed (a 100 KB paste used to get that page).
 */
export const MAX_FIELD_LENGTH = 256 * 1024;
const MAX_REPEATS = 40;

const FIELD_NAME = /^[A-Za-z0-9_.-]{1,120}$/;
const RESERVED = ['__proto__', 'prototype', 'constructor'];
const FieldValue = z.union([
  z.string().max(MAX_FIELD_LENGTH),
  z.array(z.string().max(MAX_FIELD_LENGTH)).max(MAX_REPEATS),
]);

export const FormBody = z
  .record(z.string(), FieldValue)
  .refine((body) => Object.keys(body).length <= MAX_FORM_FIELDS, `au plus ${MAX_FORM_FIELDS} champs`);
export type FormBody = z.infer<typeof FormBody>;

/** Field names are checked on the raw object, before any copy could treat `__proto__` specially. */
function badFieldName(input: unknown): string | undefined {
  if (typeof input !== 'object' || input === null) return undefined;
  return Object.keys(input).find((k) => !FIELD_NAME.test(k) || RESERVED.includes(k));
}

export type FormBodyResult = { ok: true; body: FormBody } | { ok: false; problems: string };

export function parseFormBody(input: unknown): FormBodyResult {
  const bad = badFieldName(input);
  if (bad !== undefined) return { ok: false, problems: `nom de champ inattendu « ${bad.slice(0, 40)} »` };
  const result = FormBody.safeParse(input ?? {}, { reportInput: true });
  if (result.success) return { ok: true, body: result.data };
  return {
    ok: false,
    problems: problemsFromZod(result.error)
      .slice(0, 3)
      .map((p) => `${p.path} : ${p.message}`)
      .join(' ; '),
  };
}

/** One text value of a control field (a repeated control field is refused by the caller). */
export function single(body: FormBody, name: string): string | undefined {
  const value = body[name];
  return typeof value === 'string' ? value : undefined;
}

/**
 * The raw values of a form's questions: record questions regrouped into entries, every other field passed as it
 * came (so the core reports unknown and repeated fields by name). `control` names fields that are not answers.
 */
export function rawValuesFor(
  questions: readonly FormQuestion[],
  body: FormBody,
  control: readonly string[],
): Record<string, RawValue> {
  const records = new Map(
    questions.flatMap((q) =>
      q.input.kind === 'record' ? [[q.name, new Set(q.input.fields.map((f) => f.id))] as const] : [],
    ),
  );
  const entries = new Map<string, Map<number, Record<string, string>>>();
  const out: Record<string, RawValue> = {};
  for (const [key, value] of Object.entries(body)) {
    if (control.includes(key)) continue;
    const match = /^(.+)\.(\d{1,2})\.([a-z0-9_]+)$/.exec(key);
    const fields = match ? records.get(match[1] as string) : undefined;
    if (match && fields?.has(match[3] as string) && typeof value === 'string') {
      const byIndex = entries.get(match[1] as string) ?? new Map<number, Record<string, string>>();
      const entry = byIndex.get(Number(match[2])) ?? {};
      entry[match[3] as string] = value;
      byIndex.set(Number(match[2]), entry);
      entries.set(match[1] as string, byIndex);
      continue;
    }
    out[key] = value;
  }
  for (const [name, byIndex] of entries) {
    const list: RecordEntry[] = [...byIndex.entries()].sort((a, b) => a[0] - b[0]).map(([, e]) => e);
    out[name] = list;
  }
  // A record question whose fields were all absent arrives as an empty list, so the core says « obligatoire ».
  for (const name of records.keys()) if (!(name in out)) out[name] = [];
  return out;
}

/** Splits a profile's raw values: `<useCaseId>.<column>` goes to that use case, the rest to the establishment. */
export function splitByUseCase(
  values: Record<string, RawValue>,
  useCaseIds: readonly string[],
): { values: RawValues; useCases: Record<string, RawValues> } {
  const own: Record<string, RawValue> = {};
  const useCases: Record<string, Record<string, RawValue>> = Object.fromEntries(
    useCaseIds.map((id) => [id, {}]),
  );
  for (const [key, value] of Object.entries(values)) {
    const dot = key.indexOf('.');
    const prefix = dot > 0 ? key.slice(0, dot) : '';
    const target = useCases[prefix];
    if (target) target[key.slice(dot + 1)] = value;
    else own[key] = value;
  }
  return { values: own, useCases };
}
