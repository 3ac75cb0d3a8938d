import fc from 'fast-check';
import {
  formatParisDateTime,
  fromParis,
  parisDateString,
  parisOffsetMs,
  toParis,
} from '../../src/domain/paris-time';

describe('Paris time without Intl', () => {
  it.each([
    ['2022-03-27T00:59:59Z', 1], // just before the spring change
    ['2022-03-27T01:00:00Z', 2],
    ['2022-10-30T00:59:59Z', 2], // just before the autumn change
    ['2022-10-30T01:00:00Z', 1],
    ['2022-07-14T12:00:00Z', 2],
    ['2022-12-25T12:00:00Z', 1],
  ])('is UTC+%s at %s', (iso, hours) => {
    expect(parisOffsetMs(new Date(iso))).toBe(hours * 3_600_000);
  });

  it('matches the JavaScript engine’s Europe/Paris zone (the tests run with TZ=Europe/Paris)', () => {
    expect(process.env.TZ).toBe('Europe/Paris');
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1997-01-01'), max: new Date('2037-12-31'), noInvalidDate: true }),
        (d) => {
          expect(parisOffsetMs(d)).toBe(-d.getTimezoneOffset() * 60_000);
          const p = toParis(d);
          expect([p.year, p.month, p.day, p.hour, p.minute]).toEqual([
            d.getFullYear(),
            d.getMonth() + 1,
            d.getDate(),
            d.getHours(),
            d.getMinutes(),
          ]);
        },
      ),
    );
  });

  it('turns a Paris wall-clock time back into the same instant (property)', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2000-01-01'), max: new Date('2037-12-31'), noInvalidDate: true }),
        (d) => {
          const p = toParis(d);
          const back = fromParis(p.year, p.month, p.day, p.hour, p.minute);
          // Only the autumn overlap hour is ambiguous; the earlier instant is chosen.
          expect([0, 3_600_000]).toContain(
            d.getTime() - d.getUTCSeconds() * 1000 - d.getUTCMilliseconds() - back.getTime(),
          );
        },
      ),
    );
  });

  it('formats for French readers', () => {
    expect(formatParisDateTime(new Date('2022-06-10T16:05:00Z'))).toBe('10/06/2022 18:05');
    expect(parisDateString(new Date('2022-06-10T22:30:00Z'))).toBe('2022-06-11');
  });
});
