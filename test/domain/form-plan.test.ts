import { initialisationFormPlan, weeklyFormPlan, type FormPlan } from '../../src/domain/form-plan';
import { pilotCalendar } from '../../src/domain/calendar';
import type { RowLedger } from '../../src/domain/ledger';
import { defaultProject, seededEstablishments } from '../support/project';

const project = defaultProject();
const ctx = (now: string) => ({
  tracking: project.tracking,
  calendar: pilotCalendar(project.config),
  departments: project.departments,
  forms: project.forms,
  now: new Date(now),
});
const establishments = seededEstablishments();
const byId = (id: string) => establishments.find((e) => e.id === id)!;
const question = (plan: FormPlan, name: string) =>
  plan.sections.flatMap((s) => s.questions).find((q) => q.name === name)!;
const ledger = (week: string, counters: Record<string, number>): RowLedger => [
  { week, version: 1, counters, firstReceivedAt: null, receivedAt: '2022-06-03T10:00:00Z' },
];

describe('the weekly form plan', () => {
  const plan = weeklyFormPlan(
    ctx('2022-06-08T10:00:00+02:00'),
    byId('gh-cochin'),
    new Map([['uc1', ledger('2022-W22', { dmp_fed: 15, visits: 40 })]]),
  );

  it('asks the weekly ES columns by their verbatim labels, in the form file’s order', () => {
    const titles = plan.sections.flatMap((s) => s.questions.map((q) => q.title));
    expect(titles).toEqual([
      'Semaine',
      'Date actualisation du suivi',
      'Cumul nb de messages émis vers MES',
      'Cumul Nb de messages recus depuis MES',
      'Cumul Nb de DMP alimentés',
      'Cumul Nb de DMP consultés',
      'Cumul Nb de patients inclus',
      'Cumul Nb de venues',
      "Suivi de l'expérimentation Messagerie",
      "Suivi de l'expérimentation DMP",
      'Points de vigilance',
    ]);
  });

  it('opens on the current week and offers the late ones', () => {
    const week = question(plan, 'week');
    expect(week.prefill).toBe('2022-W23');
    expect(week.input.kind === 'select' && week.input.options.map((o) => o.value)).toEqual([
      '2022-W23',
      '2022-W22',
      '2022-W21',
      '2022-W20',
      '2022-W19',
    ]);
  });

  it('shows last week’s value and refuses lower ones in the pattern', () => {
    const fed = question(plan, 'dmp_fed');
    expect(fed.previous).toEqual({ week: '2022-W22', text: '15 (2022-W22)' });
    expect(fed.help).toMatch(/Semaine précédente : 15 \(2022-W22\)\.$/);
    const pattern = fed.input.kind === 'integer' ? new RegExp(fed.input.pattern) : /x/;
    expect([pattern.test('14'), pattern.test('15'), pattern.test('160')]).toEqual([false, true, true]);
    const consulted = question(plan, 'dmp_consulted');
    expect(consulted.previous).toBeUndefined();
  });

  it('prefills identity and today’s date', () => {
    expect(plan.identity[0]).toEqual({ label: 'Etablissement', value: 'GH COCHIN' });
    expect(question(plan, 'report_date').prefill).toBe('2022-06-08');
  });

  it('asks which use case when the establishment has several, and uses the lower floor', () => {
    const cessrin = weeklyFormPlan(
      ctx('2022-06-08T10:00:00+02:00'),
      byId('cessrin-maisons-laffitte'),
      new Map([
        ['uc1', ledger('2022-W22', { visits: 40 })],
        ['uc2', ledger('2022-W22', { visits: 12 })],
      ]),
    );
    expect(question(cessrin, 'use_case_id').input.kind).toBe('select');
    const visits = question(cessrin, 'visits');
    expect(visits.input.kind === 'integer' && new RegExp(visits.input.pattern).test('12')).toBe(true);
    expect(visits.help).toContain('40 (2022-W22)');
    expect(visits.help).toContain('12 (2022-W22)');
  });
});

describe('the initialisation form plan', () => {
  it('asks the profile once and the pathway of each use case, leaving « à confirmer » blank with the deck’s hint', () => {
    const plan = initialisationFormPlan(ctx('2022-05-20T10:00:00+02:00'), byId('hopital-prive-val-d-yerres'));
    const pathway = question(plan, 'uc1.pathway');
    expect(pathway.prefill).toBeUndefined();
    expect(pathway.help).toContain('Oncologie');
    expect(question(plan, 'bed_count').input).toMatchObject({ kind: 'integer', min: 0, max: 5000 });
    expect(question(plan, 'es_contact').input.kind).toBe('record');
  });

  it('numbers the pathways of an establishment with two use cases', () => {
    const plan = initialisationFormPlan(ctx('2022-05-20T10:00:00+02:00'), byId('cessrin-maisons-laffitte'));
    expect([question(plan, 'uc1.pathway').title, question(plan, 'uc2.pathway').title]).toEqual([
      'Parcours / Services (1)',
      'Parcours / Services (2)',
    ]);
    expect(question(plan, 'uc2.pathway').prefill).toBe(
      'Prise en charge des patients en HDJ SSR « Autonomie »',
    );
  });
});
