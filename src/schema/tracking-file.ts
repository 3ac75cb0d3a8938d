// The official tracking file's columns (sheets-template/tracking-file.json): schema, type and cross-checks.
// Pure: no Node APIs. Everything that shows, asks, protects or exports a column reads it from here.
import * as z from 'zod';
import { parseDataFile, DataFileError, type FieldProblem } from './zod-issues';

/** Who fills a column: the establishment, the regional binôme ARS/SESAN, or the national agency. */
export const Role = z.enum(['es', 'ars', 'ans']);
export type Role = z.infer<typeof Role>;
export const ROLES: readonly Role[] = Role.options;

/** When a column is filled: once at the start (`init`) or every week (`weekly`). */
export const Cadence = z.enum(['init', 'weekly']);
export type Cadence = z.infer<typeof Cadence>;

const ColumnId = z.string().regex(/^[a-z][a-z0-9_]*$/, 'identifiant en snake_case anglais attendu');
const HexColor = z.string().regex(/^#[0-9A-Fa-f]{6}$/, 'couleur #RRGGBB attendue');

export const RecordField = z.strictObject({
  id: ColumnId,
  label: z.string().min(1),
  kind: z.enum(['text', 'email', 'phone']),
  required: z.boolean(),
});
export type RecordField = z.infer<typeof RecordField>;

/** What a column holds. Each kind has one parser in src/domain/field-rules.ts. */
export const ColumnType = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('text'),
    maxLength: z.int().positive(),
    suggestions: z.array(z.string()).optional(),
  }),
  z.strictObject({ kind: z.literal('longText'), maxLength: z.int().positive() }),
  z.strictObject({
    kind: z.literal('integer'),
    min: z.int(),
    max: z.int(),
    /** A cumulative counter never decreases from one week to the next for the same row. */
    cumulative: z.boolean(),
  }),
  z.strictObject({ kind: z.literal('date'), notBefore: ColumnId.optional() }),
  z.strictObject({ kind: z.literal('enum'), options: z.array(z.string().min(1)).min(1) }),
  z.strictObject({
    kind: z.literal('multiEnum'),
    options: z.array(z.string().min(1)).min(1),
    allowOther: z.boolean(),
  }),
  z.strictObject({ kind: z.literal('department') }),
  z.strictObject({
    kind: z.literal('record'),
    multiple: z.boolean(),
    max: z.int().positive(),
    fields: z.array(RecordField).min(1),
  }),
]);
export type ColumnType = z.infer<typeof ColumnType>;
export type ColumnKind = ColumnType['kind'];

export const Column = z.strictObject({
  id: ColumnId,
  /** Verbatim from the deck: never reworded. */
  label: z.string().min(1),
  group: ColumnId,
  subgroup: ColumnId.optional(),
  owner: Role,
  cadence: Cadence,
  required: z.boolean(),
  /** Column width in pixels in every rendering. */
  width: z.int().min(30).max(600),
  /** Free text screened for patient identifiers (NIR/INS, date of birth next to a name). */
  screenPatientData: z.boolean().optional(),
  type: ColumnType,
});
export type Column = z.infer<typeof Column>;

export const Group = z.strictObject({
  id: ColumnId,
  label: z.string(),
  subgroups: z.array(z.strictObject({ id: ColumnId, label: z.string().min(1) })).optional(),
});
export type Group = z.infer<typeof Group>;

export const SoftWarningRule = z.strictObject({
  id: ColumnId,
  when: z.strictObject({ greater: ColumnId, than: ColumnId }),
  message: z.string().min(1),
});
export type SoftWarningRule = z.infer<typeof SoftWarningRule>;

const OwnerStyle = z.strictObject({
  legend: z.string().min(1),
  colors: z.strictObject({ init: HexColor, weekly: HexColor }),
});

export const TrackingFile = z.strictObject({
  $comment: z.string().optional(),
  owners: z.strictObject({ es: OwnerStyle, ars: OwnerStyle, ans: OwnerStyle }),
  cadences: z.strictObject({ init: z.string().min(1), weekly: z.string().min(1) }),
  groups: z.array(Group).min(1),
  layout: z.strictObject({
    frozenColumns: z.int().min(0).max(10),
    keyColumnLabel: z.string().min(1),
  }),
  columns: z.array(Column).min(1),
  softWarnings: z.array(SoftWarningRule),
});
export type TrackingFile = z.infer<typeof TrackingFile>;

/**
 * Scope of a column's value: `row` columns belong to one establishment × use case (the Suivi row) and
 * `establishment` columns are shared by all rows of an establishment. Derived, not configured: weekly
 * columns and the two columns that name the use case are per row; the rest describes the establishment.
 */
export type ColumnScope = 'establishment' | 'row';
export const ROW_IDENTITY_COLUMNS = ['pathway', 'use_case'] as const;
export const ESTABLISHMENT_NAME_COLUMN = 'establishment';
export const REPORT_DATE_COLUMN = 'report_date';

export function columnScope(column: Column): ColumnScope {
  if (column.cadence === 'weekly') return 'row';
  return (ROW_IDENTITY_COLUMNS as readonly string[]).includes(column.id) ? 'row' : 'establishment';
}

function crossCheck(file: TrackingFile): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const seen = new Map<string, number>();
  const groups = new Map(file.groups.map((g) => [g.id, g]));
  file.columns.forEach((col, i) => {
    const where = `columns[${i}]`;
    const first = seen.get(col.id);
    if (first !== undefined)
      problems.push({
        path: `${where}.id`,
        message: `identifiant « ${col.id} » déjà utilisé par columns[${first}]`,
      });
    seen.set(col.id, i);
    const group = groups.get(col.group);
    if (!group) problems.push({ path: `${where}.group`, message: `groupe inconnu « ${col.group} »` });
    else if (col.subgroup !== undefined && !(group.subgroups ?? []).some((s) => s.id === col.subgroup))
      problems.push({
        path: `${where}.subgroup`,
        message: `sous-groupe « ${col.subgroup} » absent du groupe « ${col.group} »`,
      });
  });
  const labels = new Map<string, number>();
  file.columns.forEach((col, i) => {
    const first = labels.get(col.label);
    if (first !== undefined)
      problems.push({ path: `columns[${i}].label`, message: `libellé déjà utilisé par columns[${first}]` });
    labels.set(col.label, i);
  });
  const byId = new Map(file.columns.map((c) => [c.id, c]));
  file.columns.forEach((col, i) => {
    if (col.type.kind === 'date' && col.type.notBefore !== undefined) {
      const other = byId.get(col.type.notBefore);
      if (!other || other.type.kind !== 'date')
        problems.push({
          path: `columns[${i}].type.notBefore`,
          message: `« ${col.type.notBefore} » n'est pas une colonne de type date`,
        });
    }
  });
  // Columns of one group must be contiguous, or the merged header row cannot be drawn.
  let previous = '';
  const closed = new Set<string>();
  file.columns.forEach((col, i) => {
    if (col.group !== previous) {
      if (closed.has(col.group))
        problems.push({
          path: `columns[${i}].group`,
          message: `les colonnes du groupe « ${col.group} » doivent se suivre`,
        });
      if (previous !== '') closed.add(previous);
      previous = col.group;
    }
  });
  for (const id of ['establishment', 'pathway', 'use_case', 'report_date']) {
    if (!byId.has(id))
      problems.push({
        path: 'columns',
        message: `la colonne « ${id} » est nécessaire (identité d'une ligne de suivi)`,
      });
  }
  file.softWarnings.forEach((rule, i) => {
    for (const key of ['greater', 'than'] as const) {
      const col = byId.get(rule.when[key]);
      if (!col || col.type.kind !== 'integer')
        problems.push({
          path: `softWarnings[${i}].when.${key}`,
          message: `« ${rule.when[key]} » n'est pas une colonne de type entier`,
        });
    }
  });
  return problems;
}

/** Validates the tracking file: shape first, then ids, groups and references between columns. */
export function parseTrackingFile(input: unknown, file = 'sheets-template/tracking-file.json'): TrackingFile {
  const parsed = parseDataFile(TrackingFile, input, file);
  const problems = crossCheck(parsed);
  if (problems.length > 0) throw new DataFileError(file, problems);
  return parsed;
}
