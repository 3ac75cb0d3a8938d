import {
  completenessOf,
  deadlineOf,
  dueWeeks,
  lastDueWeek,
  milestoneCutoff,
  openWeek,
  pilotCalendar,
  pilotWeeks,
  reportableWeeks,
} from '../../src/domain/calendar';
import { defaultProject } from '../support/project';

const cal = pilotCalendar(defaultProject().config);

describe('the 2022 pilot calendar', () => {
  it('runs from week 19 (launch on 12 May) to week 39 (end of September)', () => {
    const weeks = pilotWeeks(cal);
    expect([weeks[0], weeks[weeks.length - 1], weeks.length]).toEqual(['2022-W19', '2022-W39', 21]);
  });

  it('makes each week due on its Friday at 18:00 in Paris', () => {
    expect(deadlineOf(cal, '2022-W23').toISOString()).toBe('2022-06-10T16:00:00.000Z');
  });

  it('opens the current week while the pilot runs, and none after it', () => {
    expect(openWeek(cal, new Date('2022-06-08T10:00:00+02:00'))).toBe('2022-W23');
    expect(openWeek(cal, new Date('2022-11-08T10:00:00+01:00'))).toBeUndefined();
    expect(openWeek(cal, new Date('2022-05-01T10:00:00+02:00'))).toBeUndefined();
  });

  it('lets an establishment report any started week, newest first', () => {
    expect(reportableWeeks(cal, new Date('2022-05-24T10:00:00+02:00'))).toEqual([
      '2022-W21',
      '2022-W20',
      '2022-W19',
    ]);
  });

  it('lists the weeks whose deadline has passed', () => {
    const now = new Date('2022-05-27T18:30:00+02:00');
    expect(dueWeeks(cal, now)).toEqual(['2022-W19', '2022-W20', '2022-W21']);
    expect(lastDueWeek(cal, new Date('2022-05-27T17:59:00+02:00'))).toBe('2022-W20');
  });

  it.each([
    ['received before the deadline', '2022-06-10T17:59:00+02:00', '2022-06-20T00:00:00+02:00', 'received'],
    ['received after the deadline', '2022-06-10T18:01:00+02:00', '2022-06-20T00:00:00+02:00', 'late'],
    ['nothing after the deadline', undefined, '2022-06-10T18:00:00+02:00', 'missing'],
    ['nothing before the deadline', undefined, '2022-06-10T17:00:00+02:00', 'expected'],
  ])('says %s is %s', (_case, received, now, status) => {
    expect(completenessOf(cal, '2022-W23', received ? new Date(received) : undefined, new Date(now))).toBe(
      status,
    );
  });

  it('cuts the RETEX V1 at the deadline of the week of 30 June (Friday 1 July, 18:00), VF at the end of 30 September', () => {
    expect(milestoneCutoff(cal, 'V1')).toMatchObject({ date: '2022-06-30', week: '2022-W26' });
    expect(milestoneCutoff(cal, 'V1').until.toISOString()).toBe('2022-07-01T16:00:00.000Z');
    expect(milestoneCutoff(cal, 'VF').until.toISOString()).toBe('2022-09-30T21:59:59.999Z');
    expect(milestoneCutoff(cal, 'VF').week).toBe('2022-W39');
  });
});
