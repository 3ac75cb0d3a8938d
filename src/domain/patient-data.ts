// Detects text that looks like patient data. The tracking file holds aggregates and organisational text only, so
// free text carrying a NIR/INS or a date of birth next to a person is refused. Heuristics, tuned to refuse what a
// hurried referent might paste from a patient record while letting phone numbers, FINESS (9 digits) and SIRET
// (14 digits) numbers, counts, amounts and meeting dates through. Pure.
//
// Everything is matched on a normalised copy of the text (see `normaliseForScreening`): every Unicode space
// (no-break, narrow no-break typed by Word and Outlook in French, figure, ideographic…) becomes one plain space,
// dashes become « - », letters are lowercased. Word edges are written as look-arounds on letters and digits,
// because `\b` only knows ASCII letters: « né\b » never matched.
// The corpus that pins the behaviour is test/fixtures/patient-data/corpus.json.

export type PatientDataFinding = 'identifier' | 'birthDate';

// Every space separator (Zs), tab and line-breaking characters other than \n, the zero-width ones folded to nothing.
const ANY_SPACE = /[\p{Zs}\t\v\f\r\u2028\u2029]+/gu;
const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF\u00AD]/g;
const DASHES = /[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]/g;

/** The text as the detector reads it: NFC, spaces folded to one, dashes to « - ». */
export function normaliseForScreening(text: string): string {
  return text
    .normalize('NFC')
    .replace(ZERO_WIDTH, '')
    .replace(ANY_SPACE, ' ')
    .replace(/ {2,}/g, ' ')
    .replace(DASHES, '-');
}

// A hyphen counts as part of a word before: « nouveau-né » is not « né ».
const NOT_WORD_BEFORE = '(?<![\\p{L}\\p{N}-])';
const NOT_WORD_AFTER = '(?![\\p{L}\\p{N}])';

// NIR (and the INS, which is the NIR with its 2-digit key): sex digit 1/2 (3, 4, 7, 8 for provisional numbers),
// then 12 digits, the département possibly 2A/2B, then an optional key: 13 or 15 digits, grouped by spaces, dots or
// dashes as people write them (« 1 85 05 78 006 084 36 », « 2.85.05.2A.006.084 »). 14 digits is a SIRET, 9 a FINESS,
// 10 a phone number: none of them is a NIR length.
const CORSICA = /(?<=\d[ .-]{0,3}\d[ .-]{0,3}\d[ .-]{0,3}\d[ .-]{0,3}\d[ .-]{0,3})2[ab](?=[ .-]{0,3}\d)/gi;
const DIGIT_RUN = /(?<![\p{L}\p{N}+])\d(?:(?: ?[.-] ?| )?\d)*(?![\p{L}\p{N}])/gu;
const NIR_FIRST_DIGIT = /^[1-478]/;

const MONTH_NAMES =
  'janvier|janv|février|fevrier|févr|fevr|fév|fev|mars|avril|avr|mai|juin|juillet|juil|août|aout|septembre|sept|octobre|oct|novembre|nov|décembre|decembre|déc|dec';
const NUMERIC_DATE = `(?:0?[1-9]|[12]\\d|3[01]) ?[/.\\- ] ?(?:0?[1-9]|1[0-2]) ?[/.\\- ] ?((?:19|20)\\d{2}|\\d{2})`;
const WORDED_DATE = `(?:1er|0?[1-9]|[12]\\d|3[01]) (?:${MONTH_NAMES})\\.? ((?:19|20)\\d{2})`;
const YEAR_ONLY = `(?:(?:${MONTH_NAMES})\\.? )?((?:19|20)\\d{2})`;
const DATE = new RegExp(`${NOT_WORD_BEFORE}(?:${NUMERIC_DATE}|${WORDED_DATE})${NOT_WORD_AFTER}`, 'giu');

// « né », « née », « nés », « né(e) », « né.e », « nee », « date de naissance », « naissance : », « DDN », « D.D.N. »,
// « DN : », « DOB », « âgé(e) de ». « Naissance » alone names a pathway (maternité) and unaccented « ne » is the
// negation: both are taken only right before a date.
const BORN = 'né(?:e|es|s)?|nees?|n[ée] ?\\(e\\)s?|n[ée][.-]e';
const BIRTH_WORD = new RegExp(
  `${NOT_WORD_BEFORE}(?:${BORN}|dates? de naissance|naissance le|naiss\\.|dt naiss|ddn|d\\.d\\.n\\.?|dn ?:|dob|âg[ée]e?s?(?: ?\\(e\\))? de)${NOT_WORD_AFTER}`,
  'iu',
);
const AMBIGUOUS_WORD_BEFORE_DATE = new RegExp(
  `${NOT_WORD_BEFORE}(?:ne (?:le |en )?|naissance ?: ?)(?:${NUMERIC_DATE}|${WORDED_DATE})${NOT_WORD_AFTER}`,
  'iu',
);
// « né en 1962 », « née en mars 1962 »: a birth year without a day.
const BORN_IN_YEAR = new RegExp(`${NOT_WORD_BEFORE}(?:${BORN}) en ${YEAR_ONLY}${NOT_WORD_AFTER}`, 'iu');
const TITLE_AND_NAME = /(?<![\p{L}\p{N}])(?:M\.|Mr\.?|Mme|Mlle|Monsieur|Madame) ?\p{Lu}[\p{L}'-]+/u;
// Sentences end at ! ? ; a line break, or a full stop after a word (not an initial, « M. », « D.D.N. ») before a
// capital letter.
const SENTENCE_END = /[!?;] |\n|(?<=[\p{L}\d)]{2})\. (?=\p{Lu})/u;

function findIdentifier(text: string): boolean {
  const digits = text.replace(CORSICA, (m) => (m.toLowerCase() === '2a' ? '19' : '18'));
  for (const match of digits.matchAll(DIGIT_RUN)) {
    const run = match[0].replace(/\D/g, '');
    if ((run.length === 13 || run.length === 15) && NIR_FIRST_DIGIT.test(run)) return true;
  }
  return false;
}

/** A two-digit year read as a person's: up to the pilots' decade in this century, else the last one. */
function fullYear(year: string): number {
  if (year.length === 4) return Number(year);
  return Number(year) < 30 ? 2000 + Number(year) : 1900 + Number(year);
}

export function findPatientData(text: string): PatientDataFinding | undefined {
  const normalised = normaliseForScreening(text);
  if (findIdentifier(normalised)) return 'identifier';
  for (const sentence of normalised.split(SENTENCE_END)) {
    if (BORN_IN_YEAR.test(sentence) || AMBIGUOUS_WORD_BEFORE_DATE.test(sentence)) return 'birthDate';
    const dates = [...sentence.matchAll(DATE)];
    if (dates.length === 0) continue;
    if (BIRTH_WORD.test(sentence)) return 'birthDate';
    // A named person next to a date long before any pilot: a date of birth, not a meeting.
    const years = dates.map((m) => fullYear(m[1] ?? m[2] ?? ''));
    if (TITLE_AND_NAME.test(sentence) && years.some((y) => y < 2010)) return 'birthDate';
  }
  return undefined;
}
