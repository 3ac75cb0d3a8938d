import fc from 'fast-check';
import {
  addWeeks,
  compareWeeks,
  dateInWeek,
  describeWeek,
  isoWeekOfDate,
  isoWeekOfInstant,
  isIsoWeek,
  parseIsoWeek,
  weekRange,
  weekStartInstant,
} from '../../src/domain/iso-week';

describe('ISO weeks', () => {
  it.each([
    ['2022-05-12', '2022-W19'],
    ['2022-01-01', '2021-W52'], // a Saturday belongs to the last week of 2021
    ['2022-01-03', '2022-W01'],
    ['2020-12-31', '2020-W53'], // 2020 has 53 weeks
    ['2021-01-03', '2020-W53'],
    ['2024-12-30', '2025-W01'], // a Monday of December opens 2025's first week
    ['2022-09-30', '2022-W39'],
  ])('puts %s in %s', (date, week) => {
    const [y, m, d] = date.split('-').map(Number) as [number, number, number];
    expect(isoWeekOfDate(y, m, d)).toBe(week);
  });

  it.each([
    ['2022-W23', true],
    ['2020-W53', true],
    ['2021-W53', false],
    ['2022-W00', false],
    ['2022-23', false],
    ['2022-w23', false],
    [' 2022-W23', false],
  ])('reads %s as an ISO week: %s', (text, valid) => {
    expect(isIsoWeek(text)).toBe(valid);
  });

  it('names a week with its days in French', () => {
    expect(describeWeek('2022-W23')).toBe('semaine 23 de 2022 (du 06/06/2022 au 12/06/2022)');
  });

  it('starts a week on Monday at midnight in Paris, in summer and in winter', () => {
    expect(weekStartInstant('2022-W23').toISOString()).toBe('2022-06-05T22:00:00.000Z');
    expect(weekStartInstant('2022-W01').toISOString()).toBe('2022-01-02T23:00:00.000Z');
  });

  it('places an instant in the Paris week, not the UTC one', () => {
    // Sunday 23:30 UTC in summer is already Monday 01:30 in Paris.
    expect(isoWeekOfInstant(new Date('2022-06-12T23:30:00Z'))).toBe('2022-W24');
    expect(isoWeekOfInstant(new Date('2022-06-12T21:30:00Z'))).toBe('2022-W23');
  });

  it('counts weeks across year ends (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2000, max: 2060 }),
        fc.integer({ min: 1, max: 52 }),
        fc.integer({ min: -120, max: 120 }),
        (year, week, n) => {
          const start = `${year}-W${String(week).padStart(2, '0')}`;
          const moved = addWeeks(start, n);
          expect(isIsoWeek(moved)).toBe(true);
          expect(addWeeks(moved, -n)).toBe(start);
          expect(Math.sign(compareWeeks(moved, start))).toBe(Math.sign(n));
          const range = n >= 0 ? weekRange(start, moved) : weekRange(moved, start);
          expect(range).toHaveLength(Math.abs(n) + 1);
        },
      ),
    );
  });

  it('agrees with the dates of its own days (property)', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2000-01-01'), max: new Date('2060-12-31'), noInvalidDate: true }),
        (d) => {
          const week = isoWeekOfDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
          const parsed = parseIsoWeek(week);
          expect(parsed).toBeDefined();
          const weekday = d.getUTCDay() === 0 ? 7 : d.getUTCDay();
          expect(dateInWeek(week, weekday)).toBe(d.toISOString().slice(0, 10));
        },
      ),
    );
  });
});
