// Keeps user text from ever becoming a spreadsheet formula. Pure.
import { safeText } from '../safe-text';
//
// A cell starting with = + - @ (possibly after spaces, a tab or a carriage return) is read as a formula by Google
// Sheets' setValues and by spreadsheet programs opening a CSV. Each renderer keeps text as text its own way:
// Apps Script writes `forceTextForSheets(text)`; the Sheets REST API writes with valueInputOption RAW; ExcelJS
// writes string cells (never formulas); CSV uses `neutraliseForCsv(text)`.

const FORMULA_START = /^[\s\u00A0]*[=+\-@]/;

export function isFormulaLike(text: string): boolean {
  return FORMULA_START.test(text);
}

/**
 * For Apps Script `setValues`: a leading apostrophe makes Sheets store the rest as literal text (the apostrophe
 * itself is not part of the value read back). Applied to every non-empty string, because setValues also turns
 * « 1/2 », « 12 % » or « TRUE » into dates, numbers and booleans. Characters no file may carry become « � »
 * (safe-text.ts): the last guard of every text cell Apps Script writes.
 */
export function forceTextForSheets(text: string): string {
  return text === '' ? '' : `'${safeText(text)}`;
}

/**
 * For CSV (OWASP's advice): prefix formula-like cells with an apostrophe so spreadsheet programs show them as text;
 * characters no file may carry become « � » (safe-text.ts).
 */
export function neutraliseForCsv(text: string): string {
  const safe = safeText(text);
  return isFormulaLike(safe) || /^[\t\r]/.test(safe) ? `'${safe}` : safe;
}
