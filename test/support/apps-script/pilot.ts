// An installed pilot on the real bundle, and what the reliability tests (bad-input corpus, faults, access) do with
// it: answer an establishment's forms by column id as a respondent would (by question title, choices by their
// label), forge a column into a responses tab as only the owner could, and read back Suivi, Historique and the
// Journal as a reader sees them.
import { pilotCalendar } from '../../../src/domain/calendar';
import { requireColumn } from '../../../src/domain/columns';
import { initialisationFormPlan } from '../../../src/domain/form-plan';
import { describeWeek, type IsoWeek } from '../../../src/domain/iso-week';
import { journalKindFromLabel, type JournalKind } from '../../../src/domain/model';
import type { RawValue, RecordEntry } from '../../../src/domain/values';
import { choiceLabels, formItems } from '../../../src/apps-script/form-spec';
import { loadBundle, type GasBundle } from '../gas/bundle';
import {
  createGasEnvironment,
  type Delivery,
  type GasEnvironment,
  type GasEnvironmentOptions,
} from '../gas/environment';
import type { FormData } from '../gas/form-app';
import type { Cell } from '../gas/sheet-data';
import { defaultProject, seededEstablishments } from '../project';
import { paris } from './season';

const project = defaultProject();

export interface Pilot {
  env: GasEnvironment;
  bundle: GasBundle;
}

/** An account whose master workbook the bundle installed from the menu, at 10:00 on launch day. */
export function installedPilot(bundleFile?: string, options: GasEnvironmentOptions = {}): Pilot {
  const env = createGasEnvironment({ now: paris('2022-05-12', 10), mailQuota: 1500, ...options });
  env.createContainer('Suivi MES');
  const bundle = loadBundle(env, bundleFile);
  bundle.run('onOpen', [], { ui: true });
  bundle.run('install', [], { ui: true });
  return { env, bundle };
}

export function establishmentName(establishmentId: string): string {
  const e = seededEstablishments(project).find((x) => x.id === establishmentId);
  if (!e) throw new Error(`no establishment ${establishmentId}`);
  return String(e.values.establishment);
}

/** The establishment's weekly or initialisation form. */
export function formOf(
  env: GasEnvironment,
  establishmentId: string,
  kind: 'weekly' | 'initialisation',
): FormData {
  const title = `${project.forms[kind].title} — ${establishmentName(establishmentId)}`;
  const form = [...env.forms.byId.values()].find((f) => f.title === title);
  if (!form) throw new Error(`no ${kind} form for ${establishmentId}`);
  return form;
}

type Answer = string | string[];

/**
 * Weekly answers by question title: `values` by column id, the week by its label when the form offers it (as
 * typed otherwise), the use case by its label when the form asks it.
 */
export function weeklyAnswersOf(
  form: FormData,
  values: Readonly<Record<string, RawValue>>,
  week: string,
  useCaseLabel?: string,
): Record<string, Answer> {
  const out: Record<string, Answer> = {};
  const weekItem = form.questions().find((i) => i.title === 'Semaine');
  const label = describeWeek(week as IsoWeek);
  out.Semaine = weekItem?.choices.includes(label) ? label : week;
  if (useCaseLabel !== undefined) out["Cas d'usage déclaré"] = useCaseLabel;
  for (const [id, value] of Object.entries(values)) {
    const title = requireColumn(project.tracking, id).label;
    if (!form.questions().some((i) => i.title === title))
      throw new Error(`no question for ${id} in ${form.title}`);
    if (typeof value === 'string' || Array.isArray(value)) out[title] = value as Answer;
  }
  return out;
}

/** Initialisation answers by question title, from a profile by column id (each use case's values under its id). */
export function profileAnswersOf(
  form: FormData,
  establishmentId: string,
  profile: {
    values: Readonly<Record<string, RawValue>>;
    useCases: Readonly<Record<string, Record<string, RawValue>>>;
  },
): Record<string, Answer> {
  const establishment = seededEstablishments(project).find((e) => e.id === establishmentId);
  if (!establishment) throw new Error(`no establishment ${establishmentId}`);
  const plan = initialisationFormPlan(
    {
      tracking: project.tracking,
      calendar: pilotCalendar(project.config),
      departments: project.departments,
      forms: project.forms,
      now: new Date(paris('2022-05-13', 9)),
    },
    establishment,
  );
  const titles = new Map(formItems(plan).map((i) => [i.key, i.title]));
  const questions = new Map(plan.sections.flatMap((s) => s.questions).map((q) => [q.name, q]));
  const out: Record<string, Answer> = {};
  const put = (name: string, value: RawValue) => {
    const q = questions.get(name);
    if (!q) throw new Error(`no question ${name} in ${form.title}`);
    if (q.input.kind === 'record') {
      (Array.isArray(value) ? (value as RecordEntry[]) : []).forEach((entry, e) => {
        for (const [field, text] of Object.entries(entry)) {
          const title = titles.get(`${name}#${e}.${field}`);
          if (title && text !== '') out[title] = text;
        }
      });
      return;
    }
    const title = titles.get(name) ?? q.title;
    if (q.input.kind === 'select' && typeof value === 'string')
      out[title] = choiceLabels(q.input).find((o) => o.value === value)?.label ?? value;
    else if (typeof value === 'string' || Array.isArray(value)) out[title] = value as Answer;
  };
  for (const [id, value] of Object.entries(profile.values)) put(id, value);
  for (const [useCaseId, values] of Object.entries(profile.useCases))
    for (const [id, value] of Object.entries(values)) put(`${useCaseId}.${id}`, value);
  return out;
}

/**
 * Writes a column into the response's row of its tab, under `title`, then delivers the response (what only the
 * owner of the responses spreadsheet could do: a Google Form sends answers to its own questions only).
 */
export function forgeColumn(env: GasEnvironment, delivery: Delivery, title: string, value: string): void {
  const sheet = delivery.event.sheet;
  const col = sheet.lastColumn() + 1;
  if (col > sheet.maxColumns) sheet.maxColumns = col;
  sheet.setCell(1, col, { value: title });
  sheet.setCell(delivery.event.row, col, { value });
}

export interface JournalLine {
  kind: JournalKind | string;
  actor: string;
  target: string;
  summary: string;
  details: string;
}

export function journal(env: GasEnvironment): JournalLine[] {
  const j = env.container.sheet('Journal');
  if (!j) throw new Error('no Journal');
  const out: JournalLine[] = [];
  for (let r = 2; r <= j.lastRow(); r += 1) {
    const v = (c: number) => String(j.cell(r, c)?.value ?? '');
    out.push({
      kind: journalKindFromLabel(v(2)) ?? v(2),
      actor: v(3),
      target: v(5),
      summary: v(6),
      details: v(7),
    });
  }
  return out;
}

/** The Suivi row of a row key. */
export function suiviRow(env: GasEnvironment, key: string): number {
  const sheet = env.container.sheet('Suivi')!;
  const keyCol = project.tracking.columns.length + 1;
  for (let r = 3; r <= sheet.lastRow(); r += 1) if (sheet.cell(r, keyCol)?.value === key) return r;
  throw new Error(`No Suivi row for ${key}`);
}

/** The cells of a Suivi row's tracking columns (what a reader sees, formulas included). */
export function suiviCells(env: GasEnvironment, key: string): Array<Cell | undefined> {
  const sheet = env.container.sheet('Suivi')!;
  const row = suiviRow(env, key);
  return project.tracking.columns.map((_, i) => sheet.cell(row, i + 1));
}

export function suiviCell(env: GasEnvironment, key: string, columnId: string): Cell | undefined {
  const col = project.tracking.columns.findIndex((c) => c.id === columnId) + 1;
  return env.container.sheet('Suivi')!.cell(suiviRow(env, key), col);
}

/** Historique's data rows (header excluded), blank rows left out. */
export function historyRows(env: GasEnvironment): Array<Array<Cell | undefined>> {
  const h = env.container.sheet('Historique')!;
  const out: Array<Array<Cell | undefined>> = [];
  for (let r = 2; r <= h.lastRow(); r += 1) {
    const cells = Array.from({ length: h.lastColumn() }, (_, c) => h.cell(r, c + 1));
    if (cells.some((c) => c !== undefined && c.value !== '')) out.push(cells);
  }
  return out;
}

/** The Historique cell of a tracking column in a data row (found by the header's label). */
export function historyCell(
  env: GasEnvironment,
  row: Array<Cell | undefined>,
  columnId: string,
): Cell | undefined {
  const h = env.container.sheet('Historique')!;
  const label = requireColumn(project.tracking, columnId).label;
  for (let c = 1; c <= h.lastColumn(); c += 1) if (h.cell(1, c)?.value === label) return row[c - 1];
  throw new Error(`no Historique column ${columnId}`);
}
