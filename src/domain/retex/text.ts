// How text enters a RETEX document and how labels are compared: shared by the grouping, the cut-off data and the
// documents. Pure and synchronous, no Node API: it also runs inside Apps Script.
import { safeText } from '../safe-text';

/**
 * The text as it may go into a document: line ends as `\n`, characters a document cannot hold shown as « � »
 * (safe-text.ts: validated input has none, but data stored before the rule existed goes through here too).
 */
export function documentText(text: string): string {
  return safeText(text.replace(/\r\n?/g, '\n'));
}

/** Lowercase ASCII words: how pathways and use cases are compared (accents, case and punctuation ignored). */
export function normaliseLabel(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** `clinique-du-parc-sortie-de-cancerologie` from any label, at most `max` characters, cut between words. */
export function slugify(text: string, max = 70): string {
  const slug = normaliseLabel(text).replace(/ /g, '-');
  if (slug.length <= max) return slug;
  const cut = slug.slice(0, max);
  const dash = cut.lastIndexOf('-');
  return dash > 20 ? cut.slice(0, dash) : cut;
}

/** The non-empty values, each once, in their first order. */
export function distinct(values: readonly string[]): string[] {
  return values.filter((v, i) => v !== '' && values.indexOf(v) === i);
}
