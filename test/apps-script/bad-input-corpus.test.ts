// The bad-input corpus (test/fixtures/bad-input/weekly.json and profile.json) against the Apps Script ingestion:
// every case answered on the establishment's Google Form on the emulator and delivered to handleFormSubmit of the
// real bundle. Where the form page itself stops the input (a counter's validation pattern, a required question, a
// dropdown, a length, the date picker), the case checks that rule against the input, then forces the response
// through — as a page opened before the rule changed would send it — and the core must refuse it too. Where no
// Google Form can send the input at all (a question the form does not have), the case forges the response's row
// as only the owner of the responses spreadsheet could, and says so. Each refusal stores nothing (Historique, the
// Suivi row, Modifications), journals its reasons naming the field in French and e-mails the referent; accepted
// free text reads back verbatim in Suivi and Historique, as text, never a formula.
import { FORM_RECORD_ENTRIES } from '../../src/apps-script/form-spec';
import { columnById } from '../../src/domain/columns';
import type { ErrorCode } from '../../src/domain/messages';
import { ESTABLISHMENT_NAME_COLUMN } from '../../src/schema/tracking-file';
import type { RawValue } from '../../src/domain/values';
import {
  profileCases,
  profileSubmission,
  VALID_CONTACT,
  weeklyCases,
  weeklySubmission,
  WEEKLY_BASE,
  type ProfileCase,
  type WeeklyCase,
  frenchFieldName,
} from '../support/bad-input';
import type { Delivery } from '../support/gas/environment';
import { FormValidationError, type FormData } from '../support/gas/form-app';
import { defaultProject } from '../support/project';
import {
  forgeColumn,
  formOf,
  historyCell,
  historyRows,
  installedPilot,
  journal,
  profileAnswersOf,
  suiviCell,
  suiviCells,
  weeklyAnswersOf,
  type Pilot,
} from '../support/apps-script/pilot';
import { paris } from '../support/apps-script/season';

const project = defaultProject();
const COCHIN = WEEKLY_BASE.establishmentId;
const CESSRIN = 'cessrin-maisons-laffitte';
const label = (id: string) => columnById(project.tracking, id)?.label;

/** What the Google Form page does with an input before any script runs (the emulator plays the page). */
type Gate = 'pattern' | 'required' | 'choice' | 'length' | 'date';

/** Weekly cases the form page refuses, and by which rule; every other case is sent as typed (or forged, below). */
const WEEKLY_GATES: Readonly<Record<string, Gate>> = {
  'counter-negative': 'pattern',
  'counter-decimal-point': 'pattern',
  'counter-decimal-comma': 'pattern',
  'counter-exponent': 'pattern',
  'counter-exponent-upper': 'pattern',
  'counter-empty': 'required',
  'counter-blank': 'required',
  'counter-missing': 'required',
  'counter-thousands-space': 'pattern',
  'counter-thousands-nbsp': 'pattern',
  'counter-plus-sign': 'pattern',
  'counter-hex': 'pattern',
  'counter-text': 'pattern',
  'counter-text-suffix': 'pattern',
  'counter-infinity': 'pattern',
  'counter-nan': 'pattern',
  'counter-arabic-digits': 'pattern',
  'counter-fullwidth-digits': 'pattern',
  'counter-formula': 'pattern',
  'counter-formula-tab': 'pattern',
  'counter-with-ffff': 'pattern',
  // The floor of last week's value is the counter's pattern: the form stops a decrease.
  'counter-decreasing': 'pattern',
  'counter-decreasing-zero': 'pattern',
  'text-100kb': 'length',
  'text-2001': 'length',
  'date-malformed': 'date',
  'date-impossible': 'date',
  'week-malformed': 'choice',
  'week-impossible': 'choice',
  'week-before-pilot': 'choice',
  'week-after-pilot': 'choice',
  'week-future': 'choice',
  'week-empty': 'required',
  // Run on CESSRIN's form (two use cases, a dropdown): see WEEKLY_FORGED.
  'other-use-case': 'choice',
};

/** Weekly inputs no Google Form can send as such, and what the test sends instead. */
const WEEKLY_FORGED: Readonly<Record<string, string>> = {
  'counter-repeated-field':
    'a text question takes one answer: a column titled like the counter is added to the responses tab, so the response carries two values under that title (12 in the question, 13 in the column)',
  'unknown-field':
    'the form has no ARS question: a column « Actions en cours ou à mener » is added to the responses tab',
  'unknown-field-proto':
    'a column "__proto__x" is added to the responses tab; it is no question and no column of the suivi, so it is not an answer (Google adds such columns itself: the timestamp)',
  'unknown-establishment':
    'no answer names the establishment (its form does): a column « Etablissement » claiming another one is added to the responses tab',
  'other-use-case':
    "GH COCHIN's form asks no use case (it has one): CESSRIN's dropdown is answered with a use case it does not offer",
};

/** The column each forged case adds to the response's row. */
const FORGED_COLUMNS: Readonly<Record<string, { title: string; value: (c: WeeklyCase) => string }>> = {
  'counter-repeated-field': { title: label('visits')!, value: () => '13' },
  'unknown-field': { title: label('actions')!, value: (c) => String(c.set?.actions) },
  'unknown-field-proto': { title: '__proto__x', value: () => '1' },
  'unknown-establishment': {
    title: label(ESTABLISHMENT_NAME_COLUMN)!,
    value: (c) => String(c.establishmentId),
  },
};

/** Where this channel's refusal code differs from the corpus's, and why (the field is the same). */
const WEEKLY_CODE_HERE: Readonly<Record<string, { code: ErrorCode; why: string }>> = {
  'counter-huge': {
    code: 'NOT_AN_INTEGER',
    why: 'the pattern lets 23 digits through, and the responses sheet keeps them as the number 1E+23, read back as such',
  },
  'unknown-establishment': {
    code: 'UNKNOWN_FIELD',
    why: 'the establishment comes from the form; an answer naming one is a field this form does not have',
  },
};

/** Weekly cases that are neither refused nor stored: the forged value is ignored, the rest of the response kept. */
const WEEKLY_IGNORED = new Set(['unknown-field-proto']);

const PROFILE_GATES: Readonly<Record<string, Gate>> = {
  'beds-decimal': 'pattern',
  'beds-negative': 'pattern',
  'beds-empty': 'required',
  'ins-unknown': 'choice',
  'dmp-unknown': 'choice',
  'contact-name-missing': 'required',
  'contact-none': 'required',
  // The contact is asked field by field: a lone text leaves the required fields empty.
  'contact-not-a-list': 'required',
  'pathway-empty': 'required',
};

const PROFILE_FORGED: Readonly<Record<string, string>> = {
  'profile-unknown-field':
    'the form has no ANS question: a column « Remarques » is added to the responses tab',
};

const PROFILE_CODE_HERE: Readonly<Record<string, { code: ErrorCode; why: string }>> = {
  'contact-not-a-list': {
    code: 'REQUIRED',
    why: 'a Google Form asks a contact field by field, so a contact never arrives as one text: its fields are missing',
  },
};

/** Whether the weekly form has a question for a column. */
function formAsks(form: FormData, columnId: string): boolean {
  const title = label(columnId);
  return title !== undefined && form.questions().some((i) => i.title === title);
}

/** The question a gate names (the form page's error is about it). */
function questionTitle(field: string): string {
  if (field === 'week') return 'Semaine';
  if (field === 'use_case_id') return "Cas d'usage déclaré";
  const id = field.split('.').pop() ?? field;
  const column = columnById(project.tracking, id);
  if (!column) return field;
  if (column.type.kind === 'record') {
    const first = column.type.fields.find((f) => f.required) ?? column.type.fields[0];
    const numbered = Math.min(column.type.max, FORM_RECORD_ENTRIES) > 1;
    return `${column.label} — ${first?.label ?? ''}${numbered ? ' (1)' : ''}`;
  }
  return column.label;
}

const frenchName = (field: string) => frenchFieldName(project.tracking, field);

let pilot: Pilot;
const env = () => pilot.env;

const BASE_PROFILE = () =>
  profileSubmission({ id: 'base', expect: { field: 'none', code: 'none' } } as unknown as ProfileCase);

function initialise(establishmentId: string, useCases: Record<string, Record<string, RawValue>>) {
  const profile = { ...BASE_PROFILE(), useCases };
  if (establishmentId !== COCHIN)
    profile.values = {
      ...profile.values,
      es_contact: [{ ...VALID_CONTACT, email: `referent@${establishmentId}.fr` }],
    };
  const form = formOf(env(), establishmentId, 'initialisation');
  env().submitForm(form.id, profileAnswersOf(form, establishmentId, profile));
}

beforeAll(() => {
  pilot = installedPilot();
  env().runtime.setNow(paris('2022-05-13', 9));
  initialise(COCHIN, { uc1: { pathway: 'Maternité', use_case: 'Confirmation de rendez-vous' } });
  initialise(CESSRIN, {
    uc1: { pathway: 'Néphrologie', use_case: 'Bilan de pré-transplantation' },
    uc2: { pathway: 'HDJ SSR', use_case: 'Convocations par la messagerie citoyenne' },
  });
  // Week 22 reported with every counter at 10 (the corpus's starting point); Monday of week 23 opens that week.
  env().runtime.setNow(paris('2022-05-30', 9));
  env().runWeeklyTriggers();
  env().runtime.setNow(WEEKLY_BASE.previous.now);
  const counters = Object.fromEntries(
    ['messages_sent', 'messages_received', 'dmp_fed', 'dmp_consulted', 'patients_included', 'visits'].map(
      (k) => [k, String(WEEKLY_BASE.previous.counter)],
    ),
  );
  const form = formOf(env(), COCHIN, 'weekly');
  env().submitForm(
    form.id,
    weeklyAnswersOf(
      form,
      { ...counters, report_date: WEEKLY_BASE.previous.reportDate },
      WEEKLY_BASE.previous.week,
    ),
  );
  env().runtime.setNow(paris('2022-06-06', 9));
  env().runWeeklyTriggers();
  env().runtime.setNow(WEEKLY_BASE.now);
  expect(historyRows(env())).toHaveLength(1);
});

interface Before {
  history: number;
  cells: string;
  modifications: number;
  journal: number;
  outbox: number;
}

function before(key: string): Before {
  return {
    history: historyRows(env()).length,
    cells: JSON.stringify(suiviCells(env(), key)),
    modifications: env().container.sheet('Modifications')!.lastRow(),
    journal: journal(env()).length,
    outbox: env().mail.outbox.length,
  };
}

/** Sends answers through the form page; a gated input must be refused there first, then is forced through. */
function send(
  form: FormData,
  answers: Record<string, string | string[]>,
  gate: Gate | undefined,
  field: string,
): Delivery {
  if (!gate) return env().submitForm(form.id, answers);
  const title = questionTitle(field);
  let refusal: unknown;
  try {
    env().submitForm(form.id, answers);
  } catch (error) {
    refusal = error;
  }
  expect(refusal).toBeInstanceOf(FormValidationError);
  expect((refusal as FormValidationError).itemTitle).toBe(title);
  const item = form.questions().find((i) => i.title === title);
  if (gate === 'pattern') {
    // The validation pattern the script wrote on the question, checked against what was typed.
    const rule = item?.validation;
    expect(rule?.kind).toBe('pattern');
    if (rule?.kind === 'pattern')
      expect(new RegExp(rule.pattern).test(String(answers[title] ?? ''))).toBe(false);
  }
  if (gate === 'length') expect(item?.validation?.kind).toBe('maxLength');
  if (gate === 'choice') expect(item?.kind).toBe('LIST');
  if (gate === 'date') expect(item?.kind).toBe('DATE');
  return env().submitForm(form.id, answers, { enforce: false });
}

function expectRefused(
  key: string,
  was: Before,
  kind: 'report.refused' | 'cell.refused',
  field: string,
  referent: string,
): void {
  expect(historyRows(env())).toHaveLength(was.history);
  expect(JSON.stringify(suiviCells(env(), key))).toBe(was.cells);
  expect(env().container.sheet('Modifications')!.lastRow()).toBe(was.modifications);
  const lines = journal(env()).slice(was.journal);
  const refusal = lines.find((l) => l.kind === kind);
  expect(refusal?.summary).toContain(`« ${frenchName(field)} »`);
  const mails = env().mail.outbox.slice(was.outbox);
  expect(mails).toHaveLength(1);
  expect(mails[0]?.to).toEqual([referent]);
  expect(mails[0]?.subject).toContain('non enregistrée');
  expect(mails[0]?.body).toContain(`« ${frenchName(field)} »`);
}

describe('bad input — Apps Script weekly form', () => {
  const cases = weeklyCases();

  it('names only cases of the corpus in its tables (every other case is sent as typed)', () => {
    const ids = new Set(cases.map((c) => c.id));
    for (const id of [
      ...Object.keys(WEEKLY_GATES),
      ...Object.keys(WEEKLY_FORGED),
      ...Object.keys(WEEKLY_CODE_HERE),
    ])
      expect([id, ids.has(id)]).toEqual([id, true]);
    expect(cases.length).toBeGreaterThanOrEqual(60);
  });

  it.each(cases.map((c) => [c.id, c] as const))('%s', (_id, c: WeeklyCase) => {
    const submission = weeklySubmission(c);
    const onCessrin = c.id === 'other-use-case';
    const establishmentId = onCessrin ? CESSRIN : COCHIN;
    const key = onCessrin ? `${CESSRIN}/uc1` : `${COCHIN}/uc1`;
    const form = formOf(env(), establishmentId, 'weekly');
    const was = before(key);
    const forged = FORGED_COLUMNS[c.id];
    // What the form's questions can carry: one answer each (a repeated one is forged), no field they do not ask.
    const values = Object.fromEntries(
      Object.entries(submission.values)
        .filter(([k]) => formAsks(form, k))
        .map(([k, v]) => [k, Array.isArray(v) && forged ? (v[0] as string) : v]),
    );
    const answers = weeklyAnswersOf(form, values, submission.week, onCessrin ? 'uc9' : undefined);
    const expected = c.expect;
    const field = 'field' in expected ? expected.field : Object.keys(c.set ?? {})[0]!;
    let delivery: Delivery;
    if (forged) {
      // The response is written to its tab without its trigger, its row completed by hand, then delivered.
      delivery = env().submitForm(form.id, answers, { deliver: false });
      forgeColumn(env(), delivery, forged.title, forged.value(c));
      env().deliver(delivery.event);
    } else delivery = send(form, answers, WEEKLY_GATES[c.id], field);
    expect(delivery.response).toBeDefined();

    if (WEEKLY_IGNORED.has(c.id)) {
      expect(historyRows(env())).toHaveLength(was.history + 1);
      const json = String(historyRows(env()).at(-1)?.at(-1)?.value ?? '');
      expect(json).not.toContain('__proto__x');
      return;
    }
    if ('stored' in expected) {
      expect(historyRows(env())).toHaveLength(was.history + 1);
      const cell = suiviCell(env(), key, field);
      expect(cell?.formula).toBeUndefined();
      expect(cell?.value).toBe(expected.stored);
      const history = historyCell(env(), historyRows(env()).at(-1)!, field);
      expect(history?.formula).toBeUndefined();
      expect(history?.value).toBe(expected.stored);
      expect(
        journal(env())
          .slice(was.journal)
          .some((l) => l.kind === 'report.accepted'),
      ).toBe(true);
      expect(env().mail.outbox).toHaveLength(was.outbox);
      return;
    }
    const code = WEEKLY_CODE_HERE[c.id]?.code ?? expected.code;
    expectRefused(
      key,
      was,
      'report.refused',
      expected.field,
      onCessrin ? `referent@${CESSRIN}.fr` : VALID_CONTACT.email,
    );
    const details = journal(env())
      .slice(was.journal)
      .find((l) => l.kind === 'report.refused')?.details;
    expect(details).toContain(code);
  });
});

describe('bad input — Apps Script initialisation form', () => {
  it('names only cases of the corpus in its tables', () => {
    const ids = new Set(profileCases().map((c) => c.id));
    for (const id of [
      ...Object.keys(PROFILE_GATES),
      ...Object.keys(PROFILE_FORGED),
      ...Object.keys(PROFILE_CODE_HERE),
    ])
      expect([id, ids.has(id)]).toEqual([id, true]);
  });

  it.each(profileCases().map((c) => [c.id, c] as const))('%s', (_id, c: ProfileCase) => {
    const key = `${COCHIN}/uc1`;
    const form = formOf(env(), COCHIN, 'initialisation');
    const was = before(key);
    const profile = profileSubmission(c);
    // A field the form does not ask is left to its forged column.
    const { remarks: forged, ...values } = profile.values;
    const answers = profileAnswersOf(form, COCHIN, { ...profile, values });
    expect(forged === undefined).toBe(!PROFILE_FORGED[c.id]);
    if (PROFILE_FORGED[c.id]) {
      const delivery = env().submitForm(form.id, answers, { deliver: false });
      forgeColumn(env(), delivery, label('remarks')!, 'x');
      env().deliver(delivery.event);
    } else send(form, answers, PROFILE_GATES[c.id], c.expect.field);
    expectRefused(key, was, 'cell.refused', c.expect.field, VALID_CONTACT.email);
    const details = journal(env())
      .slice(was.journal)
      .find((l) => l.kind === 'cell.refused')?.details;
    expect(details).toContain(PROFILE_CODE_HERE[c.id]?.code ?? c.expect.code);
  });
});
