// What each form asks one establishment: sections, questions with their labels, inputs, validation patterns,
// prefilled values and last week's values. Drawn by the Google Forms renderers and the local pages alike. Pure.
import type { Department } from '../schema/departments';
import { TO_CONFIRM } from '../schema/establishments';
import type { FormDefinition } from '../schema/form-definition';
import type { Project } from '../schema/project';
import { columnScope, type Column, type RecordField, type TrackingFile } from '../schema/tracking-file';
import { openWeek, pilotCalendar, reportableWeeks, type PilotCalendar } from './calendar';
import { columnById, counterColumns } from './columns';
import { integerAtLeastPattern } from './integer-pattern';
import { describeWeek, type IsoWeek } from './iso-week';
import { neighbours, type RowLedger } from './ledger';
import type { EstablishmentRecord } from './model';
import { parisDateString } from './paris-time';
import { valueAsText, type FieldValue, type RawValue } from './values';

export type FormInput =
  | { kind: 'text'; maxLength: number; suggestions: string[] }
  | { kind: 'paragraph'; maxLength: number }
  | { kind: 'integer'; min: number; max: number; pattern: string; patternHelp: string }
  | { kind: 'date' }
  | { kind: 'select'; options: Array<{ value: string; label: string }> }
  | { kind: 'checkboxes'; options: string[]; allowOther: boolean }
  | { kind: 'record'; fields: RecordField[]; max: number };

export interface FormQuestion {
  /** Field name in a submission: a column id, `week`, `use_case_id`, or `<useCaseId>.<columnId>`. */
  name: string;
  columnId: string | null;
  /** The column's verbatim label (or « Semaine », « Cas d'usage »). */
  title: string;
  help: string;
  required: boolean;
  input: FormInput;
  prefill: RawValue;
  /** The value declared the previous week, shown next to the field. */
  previous?: { week: IsoWeek; text: string };
}

export interface FormSectionPlan {
  title: string;
  description?: string;
  questions: FormQuestion[];
}

export interface FormPlan {
  form: FormDefinition['id'];
  establishmentId: string;
  title: string;
  description: string;
  /** Read-only facts shown at the top (label verbatim, value as text). */
  identity: Array<{ label: string; value: string }>;
  sections: FormSectionPlan[];
}

export interface FormPlanContext {
  tracking: TrackingFile;
  calendar: PilotCalendar;
  departments: readonly Department[];
  forms: { initialisation: FormDefinition; weekly: FormDefinition };
  now: Date;
}

/** The context of the form plans for a project at a given time. */
export function formPlanContextOf(project: Project, now: Date): FormPlanContext {
  return {
    tracking: project.tracking,
    calendar: pilotCalendar(project.config),
    departments: project.departments,
    forms: project.forms,
    now,
  };
}

export const WEEK_FIELD = 'week';
export const USE_CASE_FIELD = 'use_case_id';

/** The input a column is edited with (forms, and the cells a role edits in place on the local grid). */
export function inputOf(column: Column, departments: readonly Department[]): FormInput {
  const t = column.type;
  switch (t.kind) {
    case 'text':
      return { kind: 'text', maxLength: t.maxLength, suggestions: t.suggestions ?? [] };
    case 'longText':
      return { kind: 'paragraph', maxLength: t.maxLength };
    case 'integer':
      return {
        kind: 'integer',
        min: t.min,
        max: t.max,
        pattern: integerAtLeastPattern(Math.max(0, t.min)),
        patternHelp: `Nombre entier ≥ ${Math.max(0, t.min)}`,
      };
    case 'date':
      return { kind: 'date' };
    case 'enum':
      return { kind: 'select', options: t.options.map((o) => ({ value: o, label: o })) };
    case 'multiEnum':
      return { kind: 'checkboxes', options: [...t.options], allowOther: t.allowOther };
    case 'department':
      return {
        kind: 'select',
        options: departments.map((d) => ({ value: d.code, label: `${d.code} – ${d.name}` })),
      };
    case 'record':
      return { kind: 'record', fields: [...t.fields], max: t.max };
  }
}

/** A stored value as the raw value a form field starts with. */
export function prefillOf(column: Column, value: FieldValue | undefined): RawValue {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string')
    return column.type.kind === 'text' && value === TO_CONFIRM ? undefined : value;
  return value;
}

function identityOf(
  ctx: FormPlanContext,
  def: FormDefinition,
  establishment: EstablishmentRecord,
  useCaseId?: string,
): FormPlan['identity'] {
  const useCase = establishment.useCases.find((u) => u.id === useCaseId) ?? establishment.useCases[0];
  return def.identity.flatMap((id) => {
    const column = columnById(ctx.tracking, id);
    if (!column) return [];
    const value = columnScope(column) === 'establishment' ? establishment.values[id] : useCase?.values[id];
    return [{ label: column.label, value: valueAsText(column, value) }];
  });
}

function question(
  ctx: FormPlanContext,
  column: Column,
  help: string,
  name = column.id,
  prefill?: RawValue,
): FormQuestion {
  return {
    name,
    columnId: column.id,
    title: column.label,
    help,
    required: column.required,
    input: inputOf(column, ctx.departments),
    prefill,
  };
}

export interface WeeklyChoice {
  useCaseId?: string;
  week?: IsoWeek;
}

/**
 * The weekly form of one establishment. Counters carry a pattern "whole number ≥ last week's value" and show that
 * value; when the establishment has several use cases and none is chosen (a persistent Google Form), the pattern
 * uses the lowest of their values and the help text lists each, the core checking each row at ingestion.
 */
export function weeklyFormPlan(
  ctx: FormPlanContext,
  establishment: EstablishmentRecord,
  ledgers: ReadonlyMap<string, RowLedger>,
  choice: WeeklyChoice = {},
): FormPlan {
  const def = ctx.forms.weekly;
  const weeks = reportableWeeks(ctx.calendar, ctx.now);
  const week = choice.week ?? openWeek(ctx.calendar, ctx.now) ?? weeks[0];
  const chosen = establishment.useCases.filter(
    (u) => choice.useCaseId === undefined || u.id === choice.useCaseId,
  );
  const previousByUseCase = chosen.map((u) => ({
    useCase: u,
    previous: week ? neighbours(ledgers.get(u.id) ?? [], week).previous : undefined,
  }));
  const counters = new Set(counterColumns(ctx.tracking).map((c) => c.id));

  const identification: FormQuestion[] = [];
  if (establishment.useCases.length > 1)
    identification.push({
      name: USE_CASE_FIELD,
      columnId: null,
      title: "Cas d'usage déclaré",
      help: 'Votre établissement teste plusieurs cas d’usage : un formulaire par cas d’usage et par semaine.',
      required: true,
      input: {
        kind: 'select',
        options: establishment.useCases.map((u) => ({
          value: u.id,
          label:
            [u.values.pathway, u.values.use_case]
              .filter((v) => typeof v === 'string' && v !== TO_CONFIRM)
              .join(' — ') || u.id,
        })),
      },
      prefill: choice.useCaseId ?? establishment.useCases[0]?.id,
    });
  identification.push({
    name: WEEK_FIELD,
    columnId: null,
    title: 'Semaine',
    help: 'La semaine déclarée. Par défaut la semaine en cours ; choisissez une semaine passée pour rattraper un retard.',
    required: true,
    input: { kind: 'select', options: weeks.map((w) => ({ value: w, label: describeWeek(w) })) },
    prefill: week,
  });

  const sections: FormSectionPlan[] = def.sections.map((section, index) => ({
    title: section.title,
    description: section.description,
    questions: [
      ...(index === 0 ? identification : []),
      ...section.items.flatMap((item) => {
        const column = columnById(ctx.tracking, item.column);
        if (!column) return [];
        const q = question(
          ctx,
          column,
          item.help,
          column.id,
          column.id === 'report_date' ? parisDateString(ctx.now) : undefined,
        );
        if (!counters.has(column.id) || q.input.kind !== 'integer') return [q];
        const known = previousByUseCase.filter((p) => p.previous?.counters[column.id] !== undefined);
        if (known.length === 0) return [q];
        const floor = Math.min(...known.map((p) => p.previous?.counters[column.id] ?? 0));
        const shown = known.map((p) =>
          known.length > 1 || establishment.useCases.length > 1
            ? `${String(p.useCase.values.use_case ?? p.useCase.id)} : ${p.previous?.counters[column.id]} (${p.previous?.week})`
            : `${p.previous?.counters[column.id]} (${p.previous?.week})`,
        );
        const first = known[0]?.previous;
        return [
          {
            ...q,
            help: `${item.help} Semaine précédente : ${shown.join(' ; ')}.`,
            input: {
              ...q.input,
              pattern: integerAtLeastPattern(floor),
              patternHelp: `Nombre entier, au moins ${floor} (valeur de la semaine précédente)`,
            },
            previous: first ? { week: first.week, text: shown.join(' ; ') } : undefined,
          },
        ];
      }),
    ],
  }));
  return {
    form: 'weekly',
    establishmentId: establishment.id,
    title: `${def.title} — ${valueAsText(columnById(ctx.tracking, 'establishment') as Column, establishment.values.establishment)}`,
    description: def.description,
    identity: identityOf(ctx, def, establishment, choice.useCaseId),
    sections,
  };
}

/** The initialisation form: the profile once, then the pathway and use case of each of the establishment's rows. */
export function initialisationFormPlan(ctx: FormPlanContext, establishment: EstablishmentRecord): FormPlan {
  const def = ctx.forms.initialisation;
  const sections: FormSectionPlan[] = def.sections.map((section) => ({
    title: section.title,
    description: section.description,
    questions: section.items.flatMap((item) => {
      const column = columnById(ctx.tracking, item.column);
      if (!column) return [];
      if (columnScope(column) === 'establishment')
        return [
          question(ctx, column, item.help, column.id, prefillOf(column, establishment.values[column.id])),
        ];
      return establishment.useCases.map((u, i) => {
        const q = question(
          ctx,
          column,
          item.help,
          `${u.id}.${column.id}`,
          prefillOf(column, u.values[column.id]),
        );
        const numbered = establishment.useCases.length > 1 ? `${column.label} (${i + 1})` : column.label;
        const toConfirm =
          u.values[column.id] === TO_CONFIRM || (u.pathwayStatus === TO_CONFIRM && column.id === 'pathway');
        const hint = toConfirm && establishment.note ? ` À confirmer : ${establishment.note}` : '';
        return { ...q, title: numbered, help: `${item.help}${hint}` };
      });
    }),
  }));
  return {
    form: 'initialisation',
    establishmentId: establishment.id,
    title: `${def.title} — ${valueAsText(columnById(ctx.tracking, 'establishment') as Column, establishment.values.establishment)}`,
    description: def.description,
    identity: identityOf(ctx, def, establishment),
    sections,
  };
}
