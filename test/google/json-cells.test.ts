// Long JSON in cells: the parts put back together are the JSON written, no part exceeds its size, and no cut ever
// falls inside a surrogate pair (an emoji), whatever the text and wherever the emoji sits.
import fc from 'fast-check';
import { hasUnsafeCharacters } from '../../src/domain/safe-text';
import {
  JSON_PART_CHARACTERS,
  readRecordRows,
  recordRows,
  splitForCells,
  type RecordRow,
} from '../../src/google/json-cells';

const asText = (rows: readonly RecordRow[]) => rows.map((r) => r.map(String));

describe('splitForCells', () => {
  it('keeps an emoji whole when it straddles the cut, ending that part one unit short', () => {
    const text = `${'a'.repeat(9)}😀${'b'.repeat(5)}`; // the emoji's halves are units 10 and 11
    const parts = splitForCells(text, 10);
    expect(parts).toEqual(['a'.repeat(9), `😀${'b'.repeat(5)}`]);
  });

  it('cuts exactly at the size when no pair is at the boundary', () => {
    expect(splitForCells('abcdefgh', 3)).toEqual(['abc', 'def', 'gh']);
    expect(splitForCells('', 3)).toEqual(['']);
  });

  it('leaves a lone surrogate already in the text where it is (it belongs to no pair)', () => {
    const text = `ab\uD83Dcd`;
    expect(splitForCells(text, 3).join('')).toBe(text);
  });

  it('refuses a size that could not hold a pair', () => {
    expect(() => splitForCells('😀', 1)).toThrow('at least 2');
  });

  it('property: over arbitrary Unicode, parts rejoin to the text, fit the size and never split a pair', () => {
    const unit = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 40 }),
      fc.constantFrom('😀', '👩‍👩‍👧', '🇫🇷', 'é', '"', '\\', '\u{1F600}\u{1F601}'),
      fc.string({ unit: 'binary', maxLength: 10 }),
    );
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 30 }), fc.integer({ min: 2, max: 17 }), (pieces, size) => {
        const text = pieces.join('');
        const parts = splitForCells(text, size);
        expect(parts.join('')).toBe(text);
        for (const p of parts) expect(p.length).toBeLessThanOrEqual(size);
        expect(parts.every((p) => p.length > 0) || text === '').toBe(true);
        // A part that is safe text on its own whenever the whole text was: no cut created a lone surrogate.
        if (!hasUnsafeCharacters(text)) for (const p of parts) expect(hasUnsafeCharacters(p)).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });

  it('property: an emoji at every position around the real part size stays whole', () => {
    fc.assert(
      fc.property(fc.integer({ min: -3, max: 3 }), fc.constantFrom('😀', '𝄞', '🇫🇷'), (shift, emoji) => {
        const text = `${'x'.repeat(JSON_PART_CHARACTERS + shift)}${emoji}${'y'.repeat(10)}`;
        const parts = splitForCells(text);
        expect(parts.join('')).toBe(text);
        for (const p of parts) expect(hasUnsafeCharacters(p)).toBe(false);
      }),
    );
  });
});

describe('record rows', () => {
  it('property: any JSON value written as rows reads back whole, between other records', () => {
    fc.assert(
      fc.property(
        fc.jsonValue(),
        fc.string({ unit: 'grapheme', minLength: 1, maxLength: 8 }),
        fc.integer({ min: 2, max: 30 }),
        (value, key, size) => {
          const rows = [
            ...recordRows('a', 'first', { n: 1 }, size),
            ['', '', '', '', ''] as unknown as RecordRow,
            ...recordRows('b', key, value, size),
          ];
          const records = readRecordRows(asText(rows), 'Tab');
          expect(records).toHaveLength(2);
          expect(records[1]).toEqual({ kind: 'b', key, json: JSON.stringify(value) });
          expect(JSON.parse(records[1]?.json ?? '')).toEqual(JSON.parse(JSON.stringify(value)));
        },
      ),
    );
  });

  it('names the row of a part out of order and a record cut short', () => {
    const rows = asText(recordRows('k', 'x', 'a long enough text', 5));
    expect(() => readRecordRows([rows[0] ?? [], rows[2] ?? []], 'Tab')).toThrow(
      'Tab row 3: part 3 out of order',
    );
    expect(() => readRecordRows(rows.slice(0, 2), 'Tab')).toThrow('Tab: the last record is incomplete');
    expect(() => readRecordRows([rows[0] ?? [], ...rows], 'Tab')).toThrow(
      'Tab row 3: record x stops after 1 of',
    );
  });
});
