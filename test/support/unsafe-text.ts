// Arbitrary text as it can reach a data folder: any Unicode code point, lone surrogates, the characters XML 1.0
// forbids, noncharacters, Excel's `_xHHHH_` escapes typed literally, line ends of every kind.
import * as fc from 'fast-check';

const NASTY = [
  '\uFFFF',
  '\uFFFE',
  '\u0000',
  '\u0001',
  '\u0007',
  '\u000B',
  '\u000C',
  '\u001B',
  '\uFDD0',
  '\uFDEF',
  '\u{1FFFE}',
  '\u{10FFFF}',
  '\uD800',
  '\uDBFF',
  '\uDC00',
  '\uDFFF',
  '_x0041_',
  '_xFFFF_',
  '_x005F_',
  '\r\n',
  '\r',
  '\n',
  '\t',
  '\u202E',
  '😀',
  'é',
];

/** One UTF-16 unit of any value (lone surrogates included), a whole code point, or a known troublemaker. */
const piece = fc.oneof(
  fc.integer({ min: 0, max: 0xffff }).map((u) => String.fromCharCode(u)),
  fc
    .integer({ min: 0, max: 0x10ffff })
    .map((c) => (c >= 0xd800 && c <= 0xdfff ? 'x' : String.fromCodePoint(c))),
  fc.constantFrom(...NASTY),
  fc.string({ unit: 'grapheme', maxLength: 4 }),
);

/** Arbitrary text holding at least one visible letter, up to about 60 UTF-16 units. */
export const anyText = fc
  .array(piece, { minLength: 1, maxLength: 20 })
  .map((pieces) => `a${pieces.join('')}z`);
