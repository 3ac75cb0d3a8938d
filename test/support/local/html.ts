// Reads back what a local page shows, for tests that check a refused form: the messages under a field, the list at
// the top, the values the fields hold. Regular expressions over the renderer's own output (Preact writes attributes
// in a stable form), not a general HTML parser; entities are decoded so values compare with what was typed.
import { fieldId } from '../../../src/local/pages/form-fields';

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, entity: string) => {
    if (entity[0] === '#')
      return String.fromCodePoint(
        entity[1] === 'x' || entity[1] === 'X' ? parseInt(entity.slice(2), 16) : Number(entity.slice(1)),
      );
    const named: Record<string, string> = {
      amp: '&',
      lt: '<',
      gt: '>',
      quot: '"',
      apos: "'",
      nbsp: '\u00a0',
    };
    return named[entity] ?? whole;
  });
}

const stripTags = (html: string) => decodeEntities(html.replace(/<[^>]*>/g, ''));

/** The error messages shown under the field submitted as `name`. */
export function fieldMessages(html: string, name: string): string[] {
  const id = fieldId(name);
  const group = new RegExp(`<div class="fr-messages-group" id="${id}-messages"[^>]*>(.*?)</div>`, 's').exec(
    html,
  );
  if (!group?.[1]) return [];
  return [...group[1].matchAll(/<p class="fr-message fr-message--error"[^>]*>(.*?)<\/p>/gs)].map((m) =>
    stripTags(m[1] ?? ''),
  );
}

/** The messages of the error list at the top of the page (role="alert"), with the field each links to. */
export function summaryMessages(html: string): Array<{ text: string; target?: string }> {
  const block = /<div class="fr-alert fr-alert--error[^"]*" role="alert" id="erreurs">(.*?)<\/ul>/s.exec(
    html,
  );
  if (!block?.[1]) return [];
  return [...block[1].matchAll(/<li>(.*?)<\/li>/gs)].map((m) => {
    const item = m[1] ?? '';
    const target = /^<a href="#([^"]+)">/.exec(item)?.[1];
    return { text: stripTags(item), target };
  });
}

const attr = (tag: string, name: string): string | undefined => {
  const m = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return m?.[1] === undefined ? undefined : decodeEntities(m[1]);
};

/**
 * Every value the page's fields named `name` show: text inputs, text areas, the chosen option of a select, the
 * ticked boxes. Hidden inputs are left out (they are not something a person typed).
 */
export function shownValues(html: string, name: string): string[] {
  const out: string[] = [];
  const quoted = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/"/g, '&quot;');
  for (const m of html.matchAll(new RegExp(`<input[^>]*\\sname="${quoted}"[^>]*>`, 'g'))) {
    const tag = m[0];
    const type = attr(tag, 'type') ?? 'text';
    if (type === 'hidden') continue;
    if (type === 'checkbox' || type === 'radio') {
      if (/\schecked(=|\s|\/|>)/.test(tag)) out.push(attr(tag, 'value') ?? '');
      continue;
    }
    out.push(attr(tag, 'value') ?? '');
  }
  for (const m of html.matchAll(new RegExp(`<textarea[^>]*\\sname="${quoted}"[^>]*>(.*?)</textarea>`, 'gs')))
    out.push(decodeEntities(m[1] ?? ''));
  for (const m of html.matchAll(new RegExp(`<select[^>]*\\sname="${quoted}"[^>]*>(.*?)</select>`, 'gs')))
    for (const o of (m[1] ?? '').matchAll(/<option[^>]*>/g))
      if (/\sselected(=|\s|\/|>)/.test(o[0])) out.push(attr(o[0], 'value') ?? '');
  return out;
}

/** The options a select named `name` offers. */
export function selectOptions(html: string, name: string): string[] {
  const m = new RegExp(`<select[^>]*\\sname="${name}"[^>]*>(.*?)</select>`, 's').exec(html);
  return [...(m?.[1] ?? '').matchAll(/<option[^>]*\svalue="([^"]*)"/g)].map((o) =>
    decodeEntities(o[1] ?? ''),
  );
}

/**
 * The names of every attribute of every tag, read the way a browser does (double-quoted values may hold `>` and
 * `'`): an attribute that user text managed to add (`onfocus`, `autofocus`) shows up here.
 */
export function attributeNames(html: string): string[] {
  const tag = /<[a-zA-Z][a-zA-Z0-9-]*((?:\s+[^\s"'>/=]+(?:="[^"]*")?)*)\s*\/?>/g;
  return [...html.matchAll(tag)].flatMap((m) =>
    [...(m[1] ?? '').matchAll(/\s+([^\s"'>/=]+)(?:="[^"]*")?/g)].map((a) => (a[1] ?? '').toLowerCase()),
  );
}

/**
 * The value of the hidden field `name` in the first form of the page that holds every one of `markers` (an action,
 * a row key…): the basis a cell editor or a form posts back, for tests that replay an outdated form.
 */
export function hiddenValue(html: string, name: string, markers: readonly string[] = []): string | undefined {
  for (const form of html.split('<form').slice(1)) {
    const body = form.split('</form>')[0] ?? '';
    if (!markers.every((m) => body.includes(m))) continue;
    const tag = new RegExp(`<input type="hidden" name="${name}" value="([^"]*)"`).exec(body);
    if (tag?.[1] !== undefined) return decodeEntities(tag[1]);
  }
  return undefined;
}
