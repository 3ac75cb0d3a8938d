// Form bodies: what zod refuses before the core sees them, and how record fields are regrouped.
import { weeklyFormPlan } from '../../../src/domain/form-plan';
import { initialisationFormPlan } from '../../../src/domain/form-plan';
import { pilotCalendar } from '../../../src/domain/calendar';
import {
  parseFormBody,
  rawValuesFor,
  splitByUseCase,
  MAX_FORM_FIELDS,
} from '../../../src/local/server/form-body';
import { defaultProject, seededEstablishments } from '../../support/project';

const project = defaultProject();
const ctx = {
  tracking: project.tracking,
  calendar: pilotCalendar(project.config),
  departments: project.departments,
  forms: project.forms,
  now: new Date('2022-06-10T10:00:00+02:00'),
};
const cessrin = seededEstablishments().find((e) => e.id === 'cessrin-maisons-laffitte');
if (!cessrin) throw new Error('seed missing');
const questions = (plan: ReturnType<typeof weeklyFormPlan>) => plan.sections.flatMap((s) => s.questions);

describe('Form bodies', () => {
  it.each([
    [{ 'bad name!': 'x' }, 'nom de champ inattendu'],
    [{ __proto__x: 'x', ['__proto__']: 'x' }, 'nom de champ inattendu'],
    [{ a: { nested: 'x' } }, 'valeur non reconnue'],
    [
      Object.fromEntries(Array.from({ length: MAX_FORM_FIELDS + 1 }, (_, i) => [`f${i}`, 'x'])),
      `au plus ${MAX_FORM_FIELDS} champs`,
    ],
  ])('refuses a body the pages never send (%#): %s', (body, message) => {
    const parsed = parseFormBody(JSON.parse(JSON.stringify(body)) as unknown);
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.problems).toContain(message);
  });

  it('regroups record fields into entries and passes every other field through', () => {
    const plan = initialisationFormPlan(ctx, cessrin);
    const values = rawValuesFor(
      questions(plan),
      {
        _csrf: 't',
        'es_contact.1.email': 'b@x.fr',
        'es_contact.0.email': 'a@x.fr',
        'es_contact.0.last_name': 'A',
        care_type: ['MCO', 'HDJ'],
        'es_contact.0.unknown': 'x',
        extra: 'y',
      },
      ['_csrf'],
    );
    expect(values.es_contact).toEqual([{ email: 'a@x.fr', last_name: 'A' }, { email: 'b@x.fr' }]);
    expect(values.software).toEqual([]);
    expect(values.care_type).toEqual(['MCO', 'HDJ']);
    expect(values['es_contact.0.unknown']).toBe('x');
    expect(values.extra).toBe('y');
  });

  it('splits a profile between the establishment and each of its use cases', () => {
    expect(
      splitByUseCase({ bed_count: '3', 'uc1.pathway': 'P', 'uc2.use_case': 'U', 'uc9.x': 'z' }, [
        'uc1',
        'uc2',
      ]),
    ).toEqual({
      values: { bed_count: '3', 'uc9.x': 'z' },
      useCases: { uc1: { pathway: 'P' }, uc2: { use_case: 'U' } },
    });
  });

  it('reads a weekly form as the core’s raw values', () => {
    const plan = weeklyFormPlan(ctx, cessrin, new Map(), { useCaseId: 'uc1' });
    expect(rawValuesFor(questions(plan), { week: '2022-W23', visits: '3' }, ['week'])).toEqual({
      visits: '3',
    });
  });
});
