// Detects text that looks like patient data. The tracking file holds aggregates and organisational text only, so
// free text carrying a NIR/INS or a date of birth next to a person is refused. Heuristics, tuned to refuse what a
// hurried referent might paste from a patient record while letting phone numbers, FINESS numbers, counts and
// meeting dates through. Pure.

export type PatientDataFinding = 'identifier' | 'birthDate';

// 13 to 15 digits, possibly grouped by spaces, dots or dashes as people write a NIR ("1 85 05 78 006 084 36").
const DIGIT_RUN = /\d(?:[ .\u00A0-]?\d){12,}/g;
const DATE = /\b(?:0?[1-9]|[12]\d|3[01])[/.-](?:0?[1-9]|1[0-2])[/.-](19\d{2}|20\d{2})\b/g;
const BIRTH_WORDS = /\b(?:née?|né\(e\)|naissance|DDN|âgée? de)\b/i;
const TITLE_AND_NAME = /\b(?:M\.|Mr|Mme|Mlle|Monsieur|Madame)\s+[A-ZÀ-Ý][A-Za-zÀ-ÿ'-]+/;

export function findPatientData(text: string): PatientDataFinding | undefined {
  for (const match of text.matchAll(DIGIT_RUN)) {
    const digits = match[0].replace(/\D/g, '').length;
    if (digits >= 13 && digits <= 15) return 'identifier';
  }
  for (const sentence of text.split(/(?<!\b[A-Z])[.!?;]\s+|\n/)) {
    const years = [...sentence.matchAll(DATE)].map((m) => Number(m[1]));
    if (years.length === 0) continue;
    if (BIRTH_WORDS.test(sentence)) return 'birthDate';
    // A named person next to a date long before any pilot: a date of birth, not a meeting.
    if (TITLE_AND_NAME.test(sentence) && years.some((y) => y < 2010)) return 'birthDate';
  }
  return undefined;
}
