import { validateWeeklyReport } from '../../src/domain/validate-weekly-report';
import type { RowLedger } from '../../src/domain/ledger';
import { seededEstablishments, validationContextAt, weeklyAnswers } from '../support/project';

const cochin = seededEstablishments().find((e) => e.id === 'gh-cochin');
if (!cochin) throw new Error('fixture');
const ctx = validationContextAt('2022-06-10T12:00:00+02:00');
const entry = (week: string, counters: Record<string, number>) => ({
  week,
  version: 1,
  counters,
  firstReceivedAt: '2022-06-01T10:00:00Z',
  receivedAt: '2022-06-01T10:00:00Z',
});
const all = (n: number) => ({
  messages_sent: n,
  messages_received: 0,
  dmp_fed: n,
  dmp_consulted: 0,
  patients_included: n,
  visits: n,
});

function validate(week: string, answers: Record<string, string>, ledger: RowLedger = [], useCaseId = 'uc1') {
  return validateWeeklyReport(
    ctx,
    cochin!,
    { establishmentId: 'gh-cochin', useCaseId, week, values: answers },
    ledger,
  );
}
const codes = (r: ReturnType<typeof validate>) => (r.ok ? [] : r.errors.map((e) => `${e.field}:${e.code}`));

describe('validateWeeklyReport', () => {
  it('accepts a complete report and types its values', () => {
    const r = validate('2022-W23', weeklyAnswers({ dmp_fed: 5 }));
    expect(r.ok && r.values).toMatchObject({ dmp_fed: 5, report_date: '2022-06-10', dmp_feedback: null });
  });

  describe('with last week’s report on file', () => {
    const ledger = [entry('2022-W22', { ...all(10), dmp_fed: 15 })];

    it('refuses a counter below last week’s and names it with both values', () => {
      const r = validate('2022-W23', weeklyAnswers({ dmp_fed: 12, patients_included: 20 }), ledger);
      expect(r.ok).toBe(false);
      expect(!r.ok && r.errors.map((e) => e.message)).toEqual([
        '« Cumul Nb de DMP alimentés » : 12 est inférieur à la valeur de la semaine précédente (15, déclarée pour 2022-W22). Un cumul ne peut pas diminuer ; pour corriger une erreur passée, contactez votre binôme ARS / SESAN.',
      ]);
    });

    it('accepts equal values (nothing happened this week)', () => {
      expect(
        validate('2022-W23', weeklyAnswers({ ...all(10), dmp_fed: 15, patients_included: 15 }), ledger).ok,
      ).toBe(true);
    });
  });

  it('checks a late week against the week after it too', () => {
    const ledger = [entry('2022-W21', all(5)), entry('2022-W23', all(20))];
    expect(
      codes(validate('2022-W22', weeklyAnswers(all(25), { report_date: '2022-06-03' }), ledger)),
    ).toEqual([
      'messages_sent:COUNTER_ABOVE_NEXT_WEEK',
      'dmp_fed:COUNTER_ABOVE_NEXT_WEEK',
      'patients_included:COUNTER_ABOVE_NEXT_WEEK',
      'visits:COUNTER_ABOVE_NEXT_WEEK',
    ]);
    expect(validate('2022-W22', weeklyAnswers(all(10), { report_date: '2022-06-03' }), ledger).ok).toBe(true);
  });

  it.each([
    ['2022-W24', 'week:WEEK_IN_FUTURE'],
    ['2022-W10', 'week:WEEK_OUTSIDE_PILOT'],
    ['2022-W60', 'week:WEEK_INVALID'],
    ['semaine 23', 'week:WEEK_INVALID'],
  ])('refuses the week %s', (week, code) => {
    expect(codes(validate(week, weeklyAnswers()))).toContain(code);
  });

  it('refuses a report date before the reported week', () => {
    expect(codes(validate('2022-W23', weeklyAnswers({}, { report_date: '2022-06-01' })))).toEqual([
      'report_date:DATE_BEFORE',
    ]);
  });

  it('refuses fields the form does not have, and a use case of another establishment', () => {
    expect(codes(validate('2022-W23', { ...weeklyAnswers(), actions: 'Je me donne une action' }))).toEqual([
      'actions:UNKNOWN_FIELD',
    ]);
    expect(codes(validate('2022-W23', weeklyAnswers(), [], 'uc9'))).toEqual(['use_case_id:UNKNOWN_USE_CASE']);
  });

  it('reports every bad field at once', () => {
    const r = validate(
      '2022-W23',
      weeklyAnswers(
        {},
        { visits: '-3', messages_sent: 'beaucoup', vigilance_points: 'NIR 1 85 05 78 006 084 36' },
      ),
    );
    expect(codes(r)).toEqual([
      'messages_sent:NOT_AN_INTEGER',
      'visits:NOT_AN_INTEGER',
      'vigilance_points:PATIENT_IDENTIFIER',
    ]);
  });

  it.each([
    [{ messages_received: 20, messages_sent: 10 }, ['received_above_sent']],
    [{ dmp_fed: 9, patients_included: 8 }, ['fed_above_included']],
    [{ visits: 5, patients_included: 8 }, ['visits_below_included']],
    [{}, []],
  ])('keeps soft warnings with an accepted report: %j → %j', (counters, expected) => {
    const r = validate('2022-W23', weeklyAnswers(counters));
    expect(r.ok && r.warnings.map((w) => w.code)).toEqual(expected);
  });
});
