import { initialisationFormPlan, weeklyFormPlan } from '../../src/domain/form-plan';
import { pilotCalendar, pilotWeeks } from '../../src/domain/calendar';
import { describeWeek } from '../../src/domain/iso-week';
import type { RowLedger } from '../../src/domain/ledger';
import {
  formItems,
  prefillByKey,
  profileSubmission,
  splitCheckboxAnswer,
  weekOfLabel,
  weeklySubmission,
} from '../../src/apps-script/form-spec';
import { defaultProject, seededEstablishments } from '../support/project';

const project = defaultProject();
const calendar = pilotCalendar(project.config);
const ctx = {
  tracking: project.tracking,
  calendar,
  departments: project.departments,
  forms: project.forms,
  now: new Date('2022-06-10T10:00:00+02:00'),
};
const establishments = seededEstablishments(project);
const cochin = establishments.find((e) => e.id === 'gh-cochin')!;
const cessrin = establishments.find((e) => e.id === 'cessrin-maisons-laffitte')!;
const ledger: RowLedger = [
  {
    week: '2022-W22',
    version: 1,
    counters: { dmp_fed: 40, visits: 7 },
    firstReceivedAt: null,
    receivedAt: '2022-06-03T08:00:00Z',
  },
];

describe('weekly form items', () => {
  const items = formItems(weeklyFormPlan(ctx, cochin, new Map([['uc1', ledger]])));

  it('asks each counter as a short answer whose pattern accepts only whole numbers from last week’s value', () => {
    const dmp = items.find((i) => i.key === 'dmp_fed')!;
    expect(dmp).toMatchObject({ kind: 'text', title: 'Cumul Nb de DMP alimentés', required: true });
    const pattern = new RegExp((dmp.validation as { pattern: string }).pattern);
    expect(['40', '41', '100', ' 040 '].every((v) => pattern.test(v))).toBe(true);
    expect(['39', '4', '-40', '40.5', '4O'].some((v) => pattern.test(v))).toBe(false);
    expect(dmp.help).toContain('Semaine précédente : 40 (2022-W22)');
  });

  it('offers the weeks as a list named like the core names them, newest first', () => {
    const week = items.find((i) => i.key === 'week')!;
    expect(week.kind).toBe('list');
    expect(week.choices?.[0]).toBe(describeWeek('2022-W23'));
    expect(weekOfLabel(describeWeek('2022-W21'), pilotWeeks(calendar))).toBe('2022-W21');
  });

  it('asks the use case only of an establishment that has several', () => {
    expect(items.some((i) => i.key === 'use_case_id')).toBe(false);
    const multi = formItems(weeklyFormPlan(ctx, cessrin, new Map()));
    expect(multi.find((i) => i.key === 'use_case_id')?.choices).toHaveLength(2);
  });
});

describe('weekly responses back to submissions', () => {
  const plan = weeklyFormPlan(ctx, cessrin, new Map());
  const useCase = plan.sections[0]!.questions.find((q) => q.name === 'use_case_id')!;
  const label = useCase.input.kind === 'select' ? useCase.input.options[1]!.label : '';

  it('maps titles to columns, the week label to its ISO week and the use-case label to its id', () => {
    const submission = weeklySubmission(
      plan,
      {
        Semaine: [describeWeek('2022-W22')],
        "Cas d'usage déclaré": [label],
        'Cumul Nb de venues': ['12'],
        'Points de vigilance': ['=HYPERLINK("x")'],
        Horodateur: ['10/06/2022 10:00:00'],
      },
      pilotWeeks(calendar),
      undefined,
    );
    expect(submission).toMatchObject({
      establishmentId: 'cessrin-maisons-laffitte',
      useCaseId: 'uc2',
      week: '2022-W22',
    });
    expect(submission.values.visits).toBe('12');
    expect(submission.values.vigilance_points).toBe('=HYPERLINK("x")');
    expect(Object.keys(submission.values)).not.toContain('Horodateur');
  });

  it('passes an unknown week label through so the core refuses it with its own message', () => {
    expect(weeklySubmission(plan, { Semaine: ['semaine 99'] }, pilotWeeks(calendar), undefined).week).toBe(
      'semaine 99',
    );
  });
});

describe('initialisation form', () => {
  const plan = initialisationFormPlan(ctx, cessrin);
  const items = formItems(plan);

  it('splits each contact into one short answer per field, the first contact required', () => {
    const contact = items.filter((i) => i.key.startsWith('es_contact#'));
    expect(contact).toHaveLength(10);
    expect(contact[0]).toMatchObject({
      title: 'Contact référent ES (nom, prénom, adresse mail, fonction, numéro de téléphone) — Nom (1)',
      required: true,
    });
    expect(contact[5]?.required).toBe(false);
  });

  it('reads back records, checkboxes and each use case’s pathway', () => {
    const title = (key: string) => items.find((i) => i.key === key)!.title;
    const profile = profileSubmission(plan, {
      [title('care_type')]: ['MCO, SMR (SSR), Consultations, suivi'],
      [title('bed_count')]: ['120'],
      [title('es_contact#0.last_name')]: ['Martin'],
      [title('es_contact#0.email')]: ['anne.martin@mgen.fr'],
      [title('uc2.pathway')]: ['HDJ SSR Autonomie'],
    });
    expect(profile.values.care_type).toEqual(['MCO', 'SMR (SSR)', 'Consultations, suivi']);
    expect(profile.values.es_contact).toEqual([
      { last_name: 'Martin', first_name: '', email: 'anne.martin@mgen.fr', role: '', phone: '' },
    ]);
    expect(profile.useCases.uc2?.pathway).toBe('HDJ SSR Autonomie');
  });

  it('prefills the known pathway but not a value « à confirmer »', () => {
    const prefill = prefillByKey(
      initialisationFormPlan(
        ctx,
        establishments.find((e) => e.id === 'clinique-du-parc')!,
      ),
    );
    expect(prefill.get('uc1.pathway')).toBe('Sortie de cancérologie ou de soins palliatifs');
    expect(prefill.has('uc1.use_case')).toBe(false);
  });
});

it('makes the use-case choices unique when two use cases read the same, and maps each back to its own', () => {
  const twins = {
    ...cessrin,
    useCases: cessrin.useCases.map((u) => ({ ...u, values: { pathway: 'Néphrologie', use_case: 'Greffe' } })),
  };
  const plan = weeklyFormPlan(ctx, twins, new Map());
  const choices = formItems(plan).find((i) => i.key === 'use_case_id')!.choices!;
  expect(choices).toEqual(['Néphrologie — Greffe (uc1)', 'Néphrologie — Greffe (uc2)']);
  expect(
    weeklySubmission(plan, { "Cas d'usage déclaré": [choices[1]!] }, pilotWeeks(calendar), undefined)
      .useCaseId,
  ).toBe('uc2');
});

it('splits a checkbox answer on the known options first, the rest being the free « other » text', () => {
  expect(splitCheckboxAnswer('HDJ, Urgences', ['MCO', 'HDJ', 'Urgences'])).toEqual(['HDJ', 'Urgences']);
  expect(splitCheckboxAnswer('Consultations, suivi', ['MCO'])).toEqual(['Consultations, suivi']);
});

describe('answers a form does not ask', () => {
  const plan = weeklyFormPlan(ctx, cochin, new Map([['uc1', ledger]]));
  const answers = {
    Horodateur: ['10/06/2022 10:00:00'],
    Semaine: [describeWeek('2022-W23')],
    'Cumul Nb de venues': ['12'],
  };

  it('passes an answer under a column label the form does not ask to the core, by column id', () => {
    const submission = weeklySubmission(
      plan,
      { ...answers, Etablissement: ['GH BICHAT'], 'Actions en cours ou à mener': ['Une action'] },
      pilotWeeks(calendar),
      'uc1',
      project.tracking,
    );
    expect(submission.values).toMatchObject({
      establishment: 'GH BICHAT',
      actions: 'Une action',
      visits: '12',
    });
    expect(submission.establishmentId).toBe('gh-cochin');
  });

  it('ignores Google’s own columns, empty ones, and every extra answer when no tracking file is given', () => {
    const withTracking = weeklySubmission(
      plan,
      { ...answers, Etablissement: [''], 'Adresse e-mail': ['a@b.fr'] },
      pilotWeeks(calendar),
      'uc1',
      project.tracking,
    );
    expect(Object.keys(withTracking.values)).not.toContain('establishment');
    expect(JSON.stringify(withTracking.values)).not.toContain('a@b.fr');
    const without = weeklySubmission(plan, { ...answers, Etablissement: ['X'] }, pilotWeeks(calendar), 'uc1');
    expect(Object.keys(without.values)).not.toContain('establishment');
  });

  it('gives every value of a question answered twice (a column added under its title), empty ones left out', () => {
    const twice = (values: string[]) =>
      weeklySubmission(plan, { ...answers, 'Cumul Nb de venues': values }, pilotWeeks(calendar), 'uc1').values
        .visits;
    expect(twice(['12', '13'])).toEqual(['12', '13']);
    expect(twice(['12', ''])).toBe('12');
  });
});
