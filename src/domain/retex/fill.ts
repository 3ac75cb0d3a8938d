// How a RETEX template's text is filled from a document model, for runtimes that fill a template themselves (the
// Google Docs API, Apps Script's DocumentApp) instead of through docxtemplater, with the syntax of the .docx
// templates (docs/retex-modeles.md « Modifier les modèles »): `{name}`; `{#loop}` … `{/loop}` repeated per item, alone
// on their paragraphs to repeat paragraphs, or inside one paragraph; `{^loop}` … `{/loop}` shown only when the
// loop is empty; `{@chart}` alone on its paragraph. Inside a loop the item's names come first, then the document's.
// A name the model does not know is left empty and reported. Values are inserted as text and never read as
// template syntax. Pure.
import { retexFr } from '../messages';
import type { RetexItem, RetexValue } from './document';

/** Where names are looked up: the innermost loop item first, the document last. */
export type RetexScopes = readonly RetexItem[];

export const CHART_TAG = 'chart';

const TAG = /\{([#/^@]?)([a-z][a-z0-9_]*)\}/g;

/**
 * The one error of a RETEX template every runtime throws: a template that cannot be filled (a loop without its
 * end…), with the French problems found; once `template` is known (the file or document name), a message naming it;
 * `message` for a template that cannot be used at all (a configured Google Doc that cannot be opened).
 */
export class RetexTemplateError extends Error {
  constructor(
    readonly problems: string[],
    readonly template?: string,
    message = template === undefined ? problems.join(' ; ') : retexFr.templateInvalid(template, problems),
  ) {
    super(message);
    this.name = 'RetexTemplateError';
  }
}

export function lookup(name: string, scopes: RetexScopes): RetexValue | undefined {
  for (const scope of scopes) if (Object.prototype.hasOwnProperty.call(scope, name)) return scope[name];
  return undefined;
}

/** A value as the text a document shows: numbers as digits, a loop's items as nothing. */
export function valueText(value: RetexValue | undefined): string {
  if (value === undefined || Array.isArray(value)) return '';
  return String(value);
}

/** The items a loop repeats over: the list, one pass for another non-empty value, none for an empty one. */
export function loopItems(value: RetexValue | undefined): RetexItem[] {
  if (Array.isArray(value)) return value;
  return value === undefined || value === '' || value === 0 ? [] : [{}];
}

export interface TagToken {
  kind: '' | '#' | '/' | '^' | '@';
  name: string;
  /** Offsets in the text, end excluded (UTF-16 units). */
  start: number;
  end: number;
}

/** Every placeholder of a text, in order. */
export function tagTokens(text: string): TagToken[] {
  return [...text.matchAll(TAG)].map((m) => ({
    kind: (m[1] ?? '') as TagToken['kind'],
    name: m[2] ?? '',
    start: m.index ?? 0,
    end: (m.index ?? 0) + m[0].length,
  }));
}

/** What a paragraph is when its whole text is one marker: a loop's start or end, the chart, or plain text. */
export type LineTag =
  | { kind: 'open'; name: string; inverted: boolean }
  | { kind: 'close'; name: string }
  | { kind: 'chart' }
  | { kind: 'text' };

export function lineTag(text: string): LineTag {
  const trimmed = text.trim();
  const tokens = tagTokens(trimmed);
  const only = tokens.length === 1 && tokens[0]?.start === 0 && tokens[0].end === trimmed.length;
  const t = only ? tokens[0] : undefined;
  if (!t) return { kind: 'text' };
  if (t.kind === '#' || t.kind === '^') return { kind: 'open', name: t.name, inverted: t.kind === '^' };
  if (t.kind === '/') return { kind: 'close', name: t.name };
  if (t.kind === '@' && t.name === CHART_TAG) return { kind: 'chart' };
  return { kind: 'text' };
}

/** Index of the paragraph closing the loop opened at `open`, counting loops of the same name opened inside. */
export function closingIndex(tags: readonly LineTag[], open: number): number | undefined {
  const first = tags[open];
  if (first?.kind !== 'open') return undefined;
  let depth = 0;
  for (let i = open + 1; i < tags.length; i += 1) {
    const t = tags[i];
    if (t?.kind === 'open' && t.name === first.name) depth += 1;
    if (t?.kind === 'close' && t.name === first.name) {
      if (depth === 0) return i;
      depth -= 1;
    }
  }
  return undefined;
}

/**
 * A text with its placeholders resolved, inline loops included. `unknown` collects names no scope knows (the
 * chart aside: it is a picture, placed by the runtime).
 */
export function resolveText(text: string, scopes: RetexScopes, unknown: Set<string>): string {
  const tokens = tagTokens(text);
  let out = '';
  let at = 0;
  let i = 0;
  const problems: string[] = [];
  while (i < tokens.length) {
    const t = tokens[i] as TagToken;
    out += text.slice(at, t.start);
    at = t.end;
    i += 1;
    if (t.kind === '#' || t.kind === '^') {
      // The matching end in the same text, loops of the same name counted.
      let depth = 0;
      let j = i;
      for (; j < tokens.length; j += 1) {
        const u = tokens[j] as TagToken;
        if ((u.kind === '#' || u.kind === '^') && u.name === t.name) depth += 1;
        if (u.kind === '/' && u.name === t.name) {
          if (depth === 0) break;
          depth -= 1;
        }
      }
      const close = tokens[j];
      if (!close) {
        problems.push(retexFr.loopNotClosed(t.name));
        break;
      }
      const inner = text.slice(t.end, close.start);
      const value = lookup(t.name, scopes);
      if (value === undefined) unknown.add(t.name);
      const items = loopItems(value);
      if (t.kind === '^') out += items.length === 0 ? resolveText(inner, scopes, unknown) : '';
      else for (const item of items) out += resolveText(inner, [item, ...scopes], unknown);
      at = close.end;
      i = j + 1;
      continue;
    }
    if (t.kind === '/') {
      problems.push(retexFr.loopNotOpened(t.name));
      continue;
    }
    if (t.kind === '@') {
      if (t.name !== CHART_TAG) unknown.add(t.name);
      continue;
    }
    const value = lookup(t.name, scopes);
    if (value === undefined) unknown.add(t.name);
    out += valueText(value);
  }
  if (problems.length > 0) throw new RetexTemplateError(problems);
  return out + text.slice(at);
}

/** A paragraph of a loop's output: the template paragraph it repeats (for its style) and its text. */
export interface FilledParagraph<P> {
  source: P;
  text: string;
  /** The loop items it was filled in, innermost first (a Google Docs table in a loop resolves its cells in them). */
  scopes: RetexScopes;
}

/**
 * The paragraphs a run of template paragraphs gives: loop markers alone on their paragraph repeat the paragraphs
 * between them per item (nested loops included) and disappear; other paragraphs are resolved. The chart cannot
 * be repeated: a `{@chart}` here is a template error.
 */
export function fillParagraphs<P>(
  paragraphs: readonly P[],
  textOf: (p: P) => string,
  scopes: RetexScopes,
  unknown: Set<string>,
): Array<FilledParagraph<P>> {
  const tags = paragraphs.map((p) => lineTag(textOf(p)));
  const out: Array<FilledParagraph<P>> = [];
  for (let i = 0; i < paragraphs.length; i += 1) {
    const tag = tags[i] as LineTag;
    const p = paragraphs[i] as P;
    if (tag.kind === 'open') {
      const close = closingIndex(tags, i);
      if (close === undefined) throw new RetexTemplateError([retexFr.loopNotClosed(tag.name)]);
      const body = paragraphs.slice(i + 1, close);
      const value = lookup(tag.name, scopes);
      if (value === undefined) unknown.add(tag.name);
      const items = loopItems(value);
      if (tag.inverted) {
        if (items.length === 0) out.push(...fillParagraphs(body, textOf, scopes, unknown));
      } else for (const item of items) out.push(...fillParagraphs(body, textOf, [item, ...scopes], unknown));
      i = close;
      continue;
    }
    if (tag.kind === 'close') throw new RetexTemplateError([retexFr.loopNotOpened(tag.name)]);
    if (tag.kind === 'chart') throw new RetexTemplateError([retexFr.chartInLoop]);
    out.push({ source: p, text: resolveText(textOf(p), scopes, unknown), scopes });
  }
  return out;
}
