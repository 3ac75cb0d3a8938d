import fc from 'fast-check';
import { sameValue, type FieldValue } from '../../src/domain/values';
import { basisOf, checkBasis, fingerprint, readBasis } from '../../src/domain/write-basis';

const fieldValue: fc.Arbitrary<FieldValue> = fc.oneof(
  fc.constant(null),
  fc.string(),
  fc.integer({ min: 0 }),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.array(fc.dictionary(fc.constantFrom('email', 'last_name', 'phone'), fc.string()), { maxLength: 2 }),
);

describe('fingerprint', () => {
  it('gives equal values the same fingerprint and tells apart values that differ', () => {
    fc.assert(
      fc.property(fieldValue, fieldValue, (a, b) => {
        if (sameValue(a, b)) expect(fingerprint(a)).toBe(fingerprint(b));
        // A 32-bit hash may collide; over fast-check's small values it never should.
        else expect(fingerprint(a)).not.toBe(fingerprint(b));
      }),
      { numRuns: 500 },
    );
  });

  it('reads an absent value as empty', () => {
    expect(fingerprint(undefined)).toBe(fingerprint(null));
    expect(fingerprint('')).not.toBe(fingerprint(null));
    expect(fingerprint(0)).not.toBe(fingerprint('0'));
  });
});

describe('checkBasis', () => {
  const basis = basisOf({ actions: 'Relancer', dmp_fed: 5 }, ['actions', 'dmp_fed', 'remarks']);

  it.each([
    ['nothing changed', { actions: 'Relancer', dmp_fed: 5 }, { ok: true }],
    ['one value changed', { actions: 'Relancer', dmp_fed: 7 }, { ok: false, changed: ['dmp_fed'] }],
    [
      'a value filled in',
      { actions: 'Relancer', dmp_fed: 5, remarks: 'Vu' },
      { ok: false, changed: ['remarks'] },
    ],
    ['a value emptied', { dmp_fed: 5 }, { ok: false, changed: ['actions'] }],
    ['a column the basis does not name', { actions: 'Relancer', dmp_fed: 5, visits: 3 }, { ok: true }],
  ])('%s', (_title, current, expected) => {
    expect(checkBasis(basis, current)).toEqual(expected);
  });

  it.each([[''], ['b2:actions=00000000'], ['b1:actions'], ['b1:actions=xyz'], ['b1:a=00000000;;']])(
    'refuses a forged or truncated basis %j as unreadable',
    (forged) => {
      expect(readBasis(forged)).toBeUndefined();
      expect(checkBasis(forged, {})).toEqual({ ok: false, unreadable: true });
    },
  );

  it('reads back what it wrote, field ids with dots included', () => {
    const written = basisOf({ 'uc1.pathway': 'Maternité' }, ['uc1.pathway', 'bed_count']);
    expect([...(readBasis(written)?.keys() ?? [])]).toEqual(['uc1.pathway', 'bed_count']);
  });
});
