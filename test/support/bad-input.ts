// The bad-input corpus (test/fixtures/bad-input/*.json) as typed cases, shared by every entry point's tests:
// the core use cases here, the local HTTP forms, the Apps Script ingestion, the REST sync, the xlsx import; plus
// http.json, the HTTP-level cases of the local server (links, CSRF, content types, sizes, methods, static files).
import fs from 'node:fs';
import path from 'node:path';
import * as z from 'zod';
import { REPO_ROOT } from '../../src/node/project-files';
import type { RawValue, RawValues } from '../../src/domain/values';
import { columnById } from '../../src/domain/columns';
import type { TrackingFile } from '../../src/schema/tracking-file';
import { ESTABLISHMENT_NAME_COLUMN } from '../../src/schema/tracking-file';
import { weeklyAnswers } from './project';

const DIR = path.join(REPO_ROOT, 'test/fixtures/bad-input');

const Generated = z.strictObject({ repeat: z.string(), times: z.int().positive() });
const CaseValue = z.union([
  z.string(),
  z.array(z.string()),
  z.array(z.record(z.string(), z.string())),
  Generated,
]);
type CaseValue = z.infer<typeof CaseValue>;
const Refusal = z.strictObject({ field: z.string(), code: z.string() });
const Expectation = z.union([Refusal, z.strictObject({ stored: z.string() })]);

const WeeklyCase = z.strictObject({
  id: z.string(),
  set: z.record(z.string(), CaseValue).optional(),
  unset: z.array(z.string()).optional(),
  week: z.string().optional(),
  establishmentId: z.string().optional(),
  useCaseId: z.string().optional(),
  expect: Expectation,
});
export type WeeklyCase = z.infer<typeof WeeklyCase>;

const ProfileCase = z.strictObject({
  id: z.string(),
  set: z.record(z.string(), CaseValue).optional(),
  contact: z.record(z.string(), z.string()).optional(),
  pathway: z.string().optional(),
  expect: Refusal,
});
export type ProfileCase = z.infer<typeof ProfileCase>;

const ConfigCase = z.strictObject({
  id: z.string(),
  path: z.string(),
  value: z.unknown().optional(),
  delete: z.boolean().optional(),
  expect: z.strictObject({ path: z.string() }),
});
export type ConfigCase = z.infer<typeof ConfigCase>;

const HttpCase = z.strictObject({
  id: z.string(),
  audience: z.enum(['es', 'ars', 'ans']).optional(),
  link: z.enum(['own', 'unknown', 'malformed', 'too-long', 'revoked', 'es', 'ars', 'ans', 'none']).optional(),
  method: z.enum(['GET', 'POST', 'PUT', 'DELETE']).optional(),
  path: z.string().optional(),
  set: z.record(z.string(), CaseValue).optional(),
  unset: z.array(z.string()).optional(),
  useCaseId: z.string().optional(),
  add: z.array(z.tuple([z.string(), z.string()])).optional(),
  padBytes: z.int().positive().optional(),
  extraFields: z.int().positive().optional(),
  csrf: z
    .enum(['valid', 'missing', 'forged', 'no-cookie', 'tampered-cookie', 'repeated', 'other-es', 'ars'])
    .optional(),
  contentType: z.string().nullable().optional(),
  expect: z.strictObject({
    status: z.int(),
    page: z.enum([
      'unknownLink',
      'revokedLink',
      'csrf',
      'bodyTooLarge',
      'wrongContentType',
      'malformedForm',
      'notFound',
      'badAddress',
      'form',
    ]),
    field: z.string().optional(),
    code: z.string().optional(),
    absent: z.string().optional(),
  }),
});
export type HttpCase = z.infer<typeof HttpCase>;

function load<T>(file: string, schema: z.ZodType<T>): T[] {
  const raw = JSON.parse(fs.readFileSync(path.join(DIR, file), 'utf8')) as { cases: unknown };
  return z.array(schema).parse(raw.cases);
}

export const weeklyCases = (): WeeklyCase[] => load('weekly.json', WeeklyCase);
export const profileCases = (): ProfileCase[] => load('profile.json', ProfileCase);
export const configCases = (): ConfigCase[] => load('config.json', ConfigCase);
export const httpCases = (): HttpCase[] => load('http.json', HttpCase);

export function materialise(value: CaseValue): RawValue {
  if (typeof value === 'object' && !Array.isArray(value)) return value.repeat.repeat(value.times);
  return value;
}

/** The situation every weekly case starts from (see weekly.json's comment). */
export const WEEKLY_BASE = {
  establishmentId: 'gh-cochin',
  useCaseId: 'uc1',
  week: '2022-W23',
  now: '2022-06-10T12:00:00+02:00',
  previous: { week: '2022-W22', reportDate: '2022-06-03', counter: 10, now: '2022-06-03T12:00:00+02:00' },
};

export function weeklySubmission(c: WeeklyCase): {
  establishmentId: string;
  useCaseId: string;
  week: string;
  values: RawValues;
} {
  const values: Record<string, RawValue> = {
    ...weeklyAnswers({
      messages_sent: 12,
      messages_received: 10,
      dmp_fed: 12,
      dmp_consulted: 10,
      patients_included: 12,
      visits: 12,
    }),
  };
  for (const [k, v] of Object.entries(c.set ?? {})) values[k] = materialise(v);
  for (const k of c.unset ?? []) delete values[k];
  return {
    establishmentId: c.establishmentId ?? WEEKLY_BASE.establishmentId,
    useCaseId: c.useCaseId ?? WEEKLY_BASE.useCaseId,
    week: c.week ?? WEEKLY_BASE.week,
    values,
  };
}

export const VALID_CONTACT = {
  last_name: 'Martin',
  first_name: 'Anne',
  email: 'anne.martin@aphp.fr',
  role: 'Cadre de santé',
  phone: '01 58 41 41 41',
};

export function profileSubmission(c: ProfileCase): {
  values: RawValues;
  useCases: Record<string, RawValues>;
} {
  const values: Record<string, RawValue> = {
    care_type: ['MCO'],
    bed_count: '1200',
    es_contact: [{ ...VALID_CONTACT, ...(c.contact ?? {}) }],
    software: [{ gam: 'Orbis', dpi: 'Orbis', mss: 'AP-HP', dmp: 'DMP-compatible' }],
    ins_status: 'En cours de déploiement',
    dmp_status: 'Alimentation DMP active',
  };
  for (const [k, v] of Object.entries(c.set ?? {})) values[k] = materialise(v);
  return {
    values,
    useCases: { uc1: { pathway: c.pathway ?? 'Maternité', use_case: 'Confirmation de rendez-vous' } },
  };
}

/** The default config with one field replaced or removed. */
export function patchedConfig(base: unknown, c: ConfigCase): unknown {
  const copy = JSON.parse(JSON.stringify(base)) as Record<string, unknown>;
  const keys = c.path.split('.');
  let node = copy;
  for (const k of keys.slice(0, -1)) {
    node[k] ??= {};
    node = node[k] as Record<string, unknown>;
  }
  const last = keys[keys.length - 1] as string;
  if (c.delete) delete node[last];
  else node[last] = c.value;
  return copy;
}

/**
 * How a Google runtime's refusal names a case's field in French: « Semaine », « Cas d'usages », or the column's
 * label (the last part of a `useCase.column` name).
 */
export function frenchFieldName(tracking: TrackingFile, field: string): string {
  if (field === 'week') return 'Semaine';
  if (field === 'use_case_id') return "Cas d'usages";
  const id = field === 'establishment' ? ESTABLISHMENT_NAME_COLUMN : (field.split('.').pop() ?? field);
  return columnById(tracking, id)?.label ?? field;
}
