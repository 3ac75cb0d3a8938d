import fc from 'fast-check';
import { integerAtLeastPattern } from '../../src/domain/integer-pattern';

describe('integerAtLeastPattern', () => {
  it('matches exactly the whole numbers ≥ n (property)', () => {
    fc.assert(
      fc.property(fc.nat({ max: 2_000_000 }), fc.nat({ max: 3_000_000 }), (n, m) => {
        expect(new RegExp(integerAtLeastPattern(n)).test(String(m))).toBe(m >= n);
      }),
    );
  });

  it.each(['-5', '1.5', '1e3', '', 'abc', '+20', '2 0'])('never matches %j', (text) => {
    expect(new RegExp(integerAtLeastPattern(3)).test(text)).toBe(false);
  });

  it('tolerates leading zeros and edge spaces, like the core', () => {
    expect(new RegExp(integerAtLeastPattern(15)).test(' 0015 ')).toBe(true);
    expect(new RegExp(integerAtLeastPattern(15)).test('0014')).toBe(false);
  });

  it('refuses a negative or fractional floor', () => {
    expect(() => integerAtLeastPattern(-1)).toThrow(RangeError);
    expect(() => integerAtLeastPattern(1.5)).toThrow(RangeError);
  });
});
