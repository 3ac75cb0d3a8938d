import * as fc from 'fast-check';
import { columnIndex } from '../../src/domain/columns';
import { parseField } from '../../src/domain/field-rules';
import { shown } from '../../src/domain/messages';
import { hasUnsafeCharacters, safeText, sliceWhole } from '../../src/domain/safe-text';
import { forceTextForSheets, neutraliseForCsv } from '../../src/domain/workbook/cell-text';
import { anyText } from '../support/unsafe-text';
import { calendarOf } from '../../src/app/context';
import { appContext, defaultProject, seededStore } from '../support/project';
import { MemoryStore } from '../../src/app/memory-store';

const project = defaultProject();
const tracking = project.tracking;
const column = (id: string) => {
  const c = tracking.columns[columnIndex(tracking).get(id) ?? -1];
  if (!c) throw new Error(`no column ${id}`);
  return c;
};
const ctx = appContext('2022-06-10T10:00:00+02:00', seededStore(new MemoryStore()));
const fieldContext = {
  calendar: calendarOf(ctx),
  today: '2022-06-10',
  departments: project.departments,
};

describe('safeText: what no file may carry', () => {
  it.each([
    ['U+FFFF', 'a\uFFFFb', 'a�b'],
    ['U+FFFE', 'a\uFFFEb', 'a�b'],
    ['a C0 control', 'a\u0001b', 'a�b'],
    ['NUL', 'a\u0000b', 'a�b'],
    ['a vertical tab', 'a\u000Bb', 'a�b'],
    ['a form feed', 'a\u000Cb', 'a�b'],
    ['a noncharacter of the Arabic block', 'a\uFDD0b', 'a�b'],
    ['a noncharacter of plane 1', 'a\u{1FFFF}b', 'a�b'],
    ['the last code point', 'a\u{10FFFF}b', 'a�b'],
    ['a lone high surrogate', 'a\uD800b', 'a�b'],
    ['a lone low surrogate at the end', 'a\uDC00', 'a�'],
    ['two lone surrogates in the wrong order', '\uDC00\uD800', '��'],
  ])('replaces %s by « � »', (_name, text, expected) => {
    expect(hasUnsafeCharacters(text)).toBe(true);
    expect(safeText(text)).toBe(expected);
  });

  it.each([
    ['tab, line feed and carriage return', 'a\tb\nc\rd'],
    ['an emoji (a surrogate pair)', 'bravo 😀'],
    ['accents and typographic signs', 'À l’été : « 5 € » — ok'],
    ['C1 controls and direction marks (refused by the field rules, but XML carries them)', 'a\u0085\u202Eb'],
    ['the replacement character itself', 'a�b'],
  ])('keeps %s', (_name, text) => {
    expect(hasUnsafeCharacters(text)).toBe(false);
    expect(safeText(text)).toBe(text);
  });

  it('leaves any text safe, one « � » per character replaced, and changes nothing the second time', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const safe = safeText(text);
        expect(hasUnsafeCharacters(safe)).toBe(false);
        expect([...safe]).toHaveLength([...text].length);
        expect(safeText(safe)).toBe(safe);
        expect(safe === text).toBe(!hasUnsafeCharacters(text));
      }),
      { numRuns: 500 },
    );
  });

  it('cuts text without splitting a surrogate pair', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 30 }), fc.nat(30), (text, max) => {
        const cut = sliceWhole(text, max);
        expect(text.startsWith(cut)).toBe(true);
        expect(cut.length).toBeLessThanOrEqual(max);
        // Whole code points only: no lone surrogate appears (`binary` strings have none to start with).
        expect(/[\uD800-\uDFFF]/u.test(cut)).toBe(false);
      }),
    );
  });
});

describe('the same rule at every boundary', () => {
  it('the field rules refuse any text holding such a character, and let the rest through unchanged in that respect', () => {
    fc.assert(
      fc.property(anyText, fc.constantFrom('actions', 'remarks', 'vigilance_points', 'group'), (text, id) => {
        const result = parseField(column(id), text, fieldContext);
        if (hasUnsafeCharacters(text.replace(/\r\n?/g, '\n'))) {
          expect(result.ok).toBe(false);
          if (!result.ok) expect(result.errors.map((e) => e.code)).toContain('CONTROL_CHARACTERS');
        }
        if (result.ok && typeof result.value === 'string')
          expect(hasUnsafeCharacters(result.value)).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('quotes refused input (as the Journal does) with « � » and never cuts a character in two', () => {
    fc.assert(
      fc.property(anyText, fc.integer({ min: 1, max: 60 }), (text, max) => {
        expect(hasUnsafeCharacters(shown(text, max))).toBe(false);
      }),
      { numRuns: 300 },
    );
    const refused = parseField(column('messages_sent'), '12\uFFFF', fieldContext);
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.errors[0]?.message).toContain('« 12� »');
  });

  it('writes Google cells and CSV fields without such characters', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        expect(hasUnsafeCharacters(forceTextForSheets(text))).toBe(false);
        expect(hasUnsafeCharacters(neutraliseForCsv(text))).toBe(false);
      }),
      { numRuns: 200 },
    );
  });
});
