// The one rule for characters no file of ours may carry. Pure.
//
// XML 1.0 (the .xlsx and .docx formats) forbids the C0 controls other than tab, line feed and carriage return,
// U+FFFE, U+FFFF and lone surrogates: one of them in a cell and Excel, ExcelJS and LibreOffice refuse or truncate
// the file. Noncharacters (U+FDD0–U+FDEF and the last two code points of every plane) are « not for interchange »
// and are treated the same way. The rule is applied twice:
// - where people type (field rules, RETEX section texts, correction reasons, an import once Excel's `_xHHHH_`
//   escapes are decoded): such a text is **refused** with a French message naming the field;
// - in every writer (.xlsx, .docx, CSV, e-mail, Google cells) and wherever refused input is quoted (the Journal):
//   each such character is **replaced** by U+FFFD « � », the last guard for data stored before the rule existed.

/** What every writer puts in place of a character a file cannot carry. */
export const REPLACEMENT_CHARACTER = '\uFFFD';

const PLANE_NONCHARACTERS = Array.from({ length: 16 }, (_, i) => {
  const plane = (i + 1).toString(16).toUpperCase();
  return `\\u{${plane}FFFE}\\u{${plane}FFFF}`;
}).join('');

// With the `u` flag a surrogate range matches only lone surrogates: a valid pair is read as one code point.
const UNSAFE_SOURCE = `[\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\uD800-\\uDFFF\\uFDD0-\\uFDEF\\uFFFE\\uFFFF${PLANE_NONCHARACTERS}]`;
const UNSAFE = new RegExp(UNSAFE_SOURCE, 'u');
const UNSAFE_ALL = new RegExp(UNSAFE_SOURCE, 'gu');

/** Whether the text holds a character no file may carry (see the header). */
export function hasUnsafeCharacters(text: string): boolean {
  return UNSAFE.test(text);
}

/** The text with every character no file may carry replaced by « � ». Identity on text that has none. */
export function safeText(text: string): string {
  return UNSAFE.test(text) ? text.replace(UNSAFE_ALL, REPLACEMENT_CHARACTER) : text;
}

/** At most `max` UTF-16 units of the text, never cutting a surrogate pair in two. */
export function sliceWhole(text: string, max: number): string {
  if (text.length <= max) return text;
  const last = text.charCodeAt(max - 1);
  return text.slice(0, last >= 0xd800 && last <= 0xdbff ? max - 1 : max);
}
