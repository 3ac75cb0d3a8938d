// Plans how a copy of a RETEX template Google Doc is filled from one document model, from the texts of its body
// elements read once (the "outline"). The tag rules are the .docx templates' and come from src/domain/retex/fill.ts
// (names looked up from the innermost loop item, loops alone on their paragraphs, inline loops, `{^…}`, the
// chart alone on its paragraph); what this adds for DocumentApp: in a table, `{#loop}` at the start of a row's
// first cell and `{/loop}` at the end of its last cell repeat that row, and whole tables may sit in a loop.
//
// The plan says which elements stay and are filled in place, which are inserted (copies of loop templates, one
// per item, in order; tables with a repeated row, rebuilt), and which are removed (loop markers and templates).
// A text is filled by literal replaceText steps only when replaying them here gives exactly the intended text —
// so a value that itself contains `{another}` is never substituted again — else it is set whole. Pure.
import { retexFr } from '../../domain/messages';
import {
  closingIndex,
  lineTag,
  lookup,
  loopItems,
  resolveText,
  RetexTemplateError,
  tagTokens,
  valueText,
  type LineTag,
  type RetexScopes,
} from '../../domain/retex/fill';
import type { RetexItem } from '../../domain/retex/document';
import { frGoogleTemplate } from '../../google/messages';

export type OutlineNode =
  | { kind: 'paragraph'; text: string }
  | { kind: 'table'; rows: string[][] }
  /** Page breaks, tables of contents…: kept where they are, never filled. */
  | { kind: 'other' };

export interface ReplaceStep {
  /** A tag as written in the template, replaced everywhere in the element. */
  find: string;
  value: string;
}

/**
 * How the text blocks of one element (a paragraph; the cells of a table or a row, row by row) are filled: by
 * replaceText steps proven exact (`texts` is what they give, should the applier rather set it whole), or, when no
 * sequence of replaceText can be exact, by setting each block's intended text.
 */
export type TextFill =
  | { kind: 'none' }
  | { kind: 'replace'; steps: ReplaceStep[]; texts: string[] }
  | { kind: 'set'; texts: string[] };

export type NodeFill =
  | { kind: 'text'; fill: TextFill }
  | { kind: 'chart' }
  /**
   * A table with a repeated row, inserted anew with every cell's text; the rows that are not repeated are then
   * swapped for copies of the template's rows (their formatting kept), filled with `fill`.
   */
  | {
      kind: 'rebuild';
      rows: string[][];
      templateRows: Array<{ at: number; source: number; fill: TextFill }>;
    }
  | { kind: 'none' };

export interface OutputEntry {
  /** Index of the template element in the outline. */
  source: number;
  /** Inserted (a copy of the source, or a rebuilt table) rather than filled where it stands. */
  insert: boolean;
  fill: NodeFill;
}

export interface FillPlan {
  /** The body once filled, in order. */
  output: OutputEntry[];
  /** Template elements removed once the insertions are made: loop markers, loop templates, rebuilt tables. */
  remove: number[];
  /** Names the model does not know, left empty (a typo in an edited template). */
  unknown: string[];
  /** What makes the template unusable (a loop without its end…), in French. */
  problems: string[];
}

type Scope = RetexScopes;

interface Context {
  unknown: Set<string>;
  problems: string[];
}

/** The scopes a loop renders its content with: one per item, once for `{^…}` on an empty list, or none. */
function loopScopes(name: string, inverted: boolean, scope: Scope, ctx: Context): Scope[] {
  const value = lookup(name, scope);
  if (value === undefined) ctx.unknown.add(name);
  const items = loopItems(value);
  if (inverted) return items.length === 0 ? [scope] : [];
  return items.map((item) => [item, ...scope]);
}

/** A text with its tags resolved in one pass (what the document must say); problems are collected. */
export function renderText(text: string, scope: Scope, ctx: Context): string {
  try {
    return resolveText(text, scope, ctx.unknown);
  } catch (error) {
    if (!(error instanceof RetexTemplateError)) throw error;
    ctx.problems.push(...error.problems);
    return text;
  }
}

/**
 * Steps in an order where no value inserted early contains a tag replaced later: a value holding `{x}` comes after
 * `{x}`'s own step. Undefined when the values refer to each other in a circle.
 */
function safeOrder(pairs: ReadonlyMap<string, string>): ReplaceStep[] | undefined {
  const finds = [...pairs.keys()];
  const before = new Map(finds.map((f) => [f, finds.filter((g) => g !== f && pairs.get(f)?.includes(g))]));
  const done: ReplaceStep[] = [];
  const placed = new Set<string>();
  while (done.length < finds.length) {
    const next = finds.find((f) => !placed.has(f) && (before.get(f) ?? []).every((g) => placed.has(g)));
    if (next === undefined) return undefined;
    placed.add(next);
    done.push({ find: next, value: pairs.get(next) ?? '' });
  }
  return done;
}

/** What a sequence of literal, global replaceText calls makes of one text block. */
export function replay(text: string, steps: readonly ReplaceStep[]): string {
  return steps.reduce((t, s) => t.split(s.find).join(s.value), text);
}

/** How to fill text blocks (one paragraph, or the cells of a table or row) with one scope. */
function textFill(
  texts: readonly string[],
  scope: Scope,
  ctx: Context,
): { fill: TextFill; finals: string[] } {
  const finals = texts.map((t) => renderText(t, scope, ctx));
  if (finals.every((f, i) => f === texts[i])) return { fill: { kind: 'none' }, finals };
  const tags = texts.flatMap((t) =>
    tagTokens(t).map((token) => ({ token, raw: t.slice(token.start, token.end) })),
  );
  if (tags.every((t) => t.token.kind === '')) {
    const pairs = new Map<string, string>();
    for (const { token, raw } of tags)
      if (!pairs.has(raw)) pairs.set(raw, valueText(lookup(token.name, scope)));
    const steps = safeOrder(pairs);
    if (steps && texts.every((t, i) => replay(t, steps) === finals[i]))
      return { fill: { kind: 'replace', steps, texts: finals }, finals };
  }
  return { fill: { kind: 'set', texts: finals }, finals };
}

const ROW_OPEN = /^\s*\{([#^])([a-z][a-z0-9_]*)\}/;

/** A table's fill: its cells in place, or rebuilt when a row is repeated. */
function tableFill(rows: readonly string[][], scope: Scope, ctx: Context): NodeFill {
  const loops: Array<{ first: number; last: number; prefix: '#' | '^'; name: string }> = [];
  for (let r = 0; r < rows.length; r += 1) {
    const first = (rows[r] ?? [])[0] ?? '';
    const open = ROW_OPEN.exec(first);
    if (!open) continue;
    const [, prefix, name] = open as unknown as [string, '#' | '^', string];
    const closer = `{/${name}}`;
    // A loop closed within its own cell repeats text, not rows.
    if (tagTokens(first).some((t) => t.kind === '/' && t.name === name)) continue;
    let last = -1;
    for (let s = r; s < rows.length; s += 1) {
      const cells = rows[s] ?? [];
      if ((cells[cells.length - 1] ?? '').trimEnd().endsWith(closer)) {
        last = s;
        break;
      }
    }
    if (last < 0) {
      ctx.problems.push(retexFr.loopNotClosed(name));
      return { kind: 'none' };
    }
    loops.push({ first: r, last, prefix, name });
    r = last;
  }
  if (loops.length === 0) return { kind: 'text', fill: textFill(rows.flat(), scope, ctx).fill };

  const out: string[][] = [];
  const templateRows: Array<{ at: number; source: number; fill: TextFill }> = [];
  for (let r = 0; r < rows.length; r += 1) {
    const loop = loops.find((l) => l.first === r);
    if (!loop) {
      const cells = rows[r] ?? [];
      const { fill, finals } = textFill(cells, scope, ctx);
      templateRows.push({ at: out.length, source: r, fill });
      out.push(finals);
      continue;
    }
    const body = rows.slice(loop.first, loop.last + 1).map((cells, i, all) =>
      cells.map((cell, j) => {
        let text = cell;
        if (i === 0 && j === 0) text = text.replace(ROW_OPEN, '');
        if (i === all.length - 1 && j === cells.length - 1) {
          const trimmed = text.trimEnd();
          text = trimmed.slice(0, trimmed.length - `{/${loop.name}}`.length);
        }
        return text;
      }),
    );
    for (const s of loopScopes(loop.name, loop.prefix === '^', scope, ctx))
      for (const cells of body) out.push(cells.map((c) => renderText(c, s, ctx)));
    r = loop.last;
  }
  return { kind: 'rebuild', rows: out, templateRows };
}

type Region =
  | { kind: 'node'; index: number }
  | { kind: 'loop'; name: string; inverted: boolean; open: number; close: number; children: Region[] };

/** The body between `from` and `to` as nested loops, from the marker paragraphs. */
function regions(tags: readonly LineTag[], from: number, to: number, ctx: Context): Region[] {
  const out: Region[] = [];
  for (let i = from; i < to; i += 1) {
    const tag = tags[i] as LineTag;
    if (tag.kind === 'open') {
      const close = closingIndex(tags, i);
      if (close === undefined || close >= to) {
        ctx.problems.push(retexFr.loopNotClosed(tag.name));
        continue;
      }
      const children = regions(tags, i + 1, close, ctx);
      out.push({ kind: 'loop', name: tag.name, inverted: tag.inverted, open: i, close, children });
      i = close;
    } else if (tag.kind === 'close') ctx.problems.push(retexFr.loopNotOpened(tag.name));
    else out.push({ kind: 'node', index: i });
  }
  return out;
}

/** Every outline index a region covers, markers included. */
function covered(region: Region): number[] {
  if (region.kind === 'node') return [region.index];
  return [region.open, ...region.children.flatMap(covered), region.close];
}

/** The plan that fills `nodes` (the body's elements, in order) from a document model's values. */
export function planFill(nodes: readonly OutlineNode[], values: RetexItem): FillPlan {
  const ctx: Context = { unknown: new Set(), problems: [] };
  const output: OutputEntry[] = [];
  const remove = new Set<number>();

  // A loop's last item (or its only rendering) is filled in the template's own elements; the items before it are
  // copies inserted ahead. Every copy of an element therefore comes, in the body's order, before the element is
  // filled where it stands: copies are always taken from the template as written.
  const expand = (list: readonly Region[], scope: Scope, copying: string | null, inLoop = false): void => {
    for (const region of list) {
      if (region.kind === 'loop') {
        const scopes = loopScopes(region.name, region.inverted, scope, ctx);
        if (copying !== null) {
          for (const s of scopes) expand(region.children, s, region.name, true);
          continue;
        }
        remove.add(region.open);
        remove.add(region.close);
        const last = scopes[scopes.length - 1];
        if (!last) for (const i of covered(region)) remove.add(i);
        for (const s of scopes.slice(0, -1)) expand(region.children, s, region.name, true);
        if (last) expand(region.children, last, null, true);
        continue;
      }
      const node = nodes[region.index] as OutlineNode;
      const insert = copying !== null;
      if (node.kind === 'other') {
        if (insert) ctx.problems.push(frGoogleTemplate.notRepeatable(copying));
        else output.push({ source: region.index, insert, fill: { kind: 'none' } });
        continue;
      }
      if (node.kind === 'paragraph') {
        const chart = lineTag(node.text).kind === 'chart';
        if (chart && inLoop) ctx.problems.push(retexFr.chartInLoop);
        const fill: NodeFill = chart
          ? { kind: 'chart' }
          : { kind: 'text', fill: textFill([node.text], scope, ctx).fill };
        output.push({ source: region.index, insert, fill });
        continue;
      }
      const fill = tableFill(node.rows, scope, ctx);
      if (fill.kind === 'rebuild') remove.add(region.index);
      output.push({ source: region.index, insert: insert || fill.kind === 'rebuild', fill });
    }
  };
  const tags = nodes.map((n): LineTag => (n.kind === 'paragraph' ? lineTag(n.text) : { kind: 'text' }));
  expand(regions(tags, 0, nodes.length, ctx), [values], null);
  return {
    output,
    remove: [...remove].sort((a, b) => a - b),
    unknown: [...ctx.unknown].sort(),
    problems: [...new Set(ctx.problems)],
  };
}

/** The fill of a header or footer: its paragraphs' tags from the document's values (no loop there). */
export function planSectionFill(
  texts: readonly string[],
  values: RetexItem,
): { fill: TextFill; unknown: string[] } {
  const ctx: Context = { unknown: new Set(), problems: [] };
  return { fill: textFill(texts, [values], ctx).fill, unknown: [...ctx.unknown].sort() };
}
