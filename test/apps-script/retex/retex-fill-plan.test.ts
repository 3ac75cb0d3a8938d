// The fill plan of a RETEX template Google Doc: the .docx tag language (scalars, paragraph loops, row loops,
// `{^…}` blocks, inline loops, the chart), and texts that come out exactly as the model says them, whatever
// braces, `$` or `\` the values hold.
import fc from 'fast-check';
import { retexFr } from '../../../src/domain/messages';
import type { RetexItem } from '../../../src/domain/retex/document';
import {
  planFill,
  renderText,
  replay,
  type FillPlan,
  type OutlineNode,
  type TextFill,
} from '../../../src/apps-script/retex/retex-fill-plan';
import { frGoogleTemplate } from '../../../src/google/messages';

const p = (text: string): OutlineNode => ({ kind: 'paragraph', text });

/** The body a plan produces, as texts: what the applier does, without Google. */
function apply(nodes: readonly OutlineNode[], plan: FillPlan): string[] {
  const textOf = (fill: TextFill, original: string[]): string[] =>
    fill.kind === 'replace'
      ? original.map((t) => replay(t, fill.steps))
      : fill.kind === 'set'
        ? fill.texts
        : original;
  return plan.output.map((entry) => {
    const node = nodes[entry.source]!;
    if (entry.fill.kind === 'chart') return '[graphique]';
    if (node.kind === 'paragraph' && entry.fill.kind === 'text')
      return textOf(entry.fill.fill, [node.text])[0]!;
    if (node.kind === 'table' && entry.fill.kind === 'text')
      return textOf(entry.fill.fill, node.rows.flat()).join('|');
    if (node.kind === 'table' && entry.fill.kind === 'rebuild')
      return entry.fill.rows.map((r) => r.join('|')).join('/');
    return '';
  });
}

const values: RetexItem = {
  region: 'Île-de-France',
  establishment_count: 2,
  establishments: 'GH A ; GH B',
  es: [
    { establishment: 'GH A', last_week: '2022-W25', quotes: [{ text: 'un' }, { text: 'deux' }] },
    { establishment: 'GH B', last_week: '—', quotes: [] },
  ],
  counters: [],
};

describe('planFill', () => {
  it('fills document names in place, numbers as text, and reports names the model does not know', () => {
    const nodes = [p('{region} : {establishment_count} établissements'), p('{regoin} ici')];
    const plan = planFill(nodes, values);
    expect(apply(nodes, plan)).toEqual(['Île-de-France : 2 établissements', ' ici']);
    expect(plan.output.every((e) => !e.insert)).toBe(true);
    expect(plan.unknown).toEqual(['regoin']);
    expect(plan.problems).toEqual([]);
  });

  it('repeats the paragraphs between {#es} and {/es} once per item, item names first, and removes the markers', () => {
    const nodes = [p('Avant'), p('{#es}'), p('{establishment} ({region})'), p('{/es}'), p('Après')];
    const plan = planFill(nodes, values);
    expect(apply(nodes, plan)).toEqual(['Avant', 'GH A (Île-de-France)', 'GH B (Île-de-France)', 'Après']);
    // The first item is a copy inserted ahead; the last one fills the template's own paragraph.
    expect(plan.output.map((e) => [e.source, e.insert])).toEqual([
      [0, false],
      [2, true],
      [2, false],
      [4, false],
    ]);
    expect(plan.remove).toEqual([1, 3]);
  });

  it('nests loops and keeps a {^…} block only when its list is empty', () => {
    const nodes = [
      p('{#es}'),
      p('{establishment}'),
      p('{#quotes}'),
      p('« {text} »'),
      p('{/quotes}'),
      p('{^quotes}'),
      p('Aucun texte.'),
      p('{/quotes}'),
      p('{/es}'),
    ];
    expect(apply(nodes, planFill(nodes, values))).toEqual([
      'GH A',
      '« un »',
      '« deux »',
      'GH B',
      'Aucun texte.',
    ]);
  });

  it('repeats a table row whose first cell opens {#es} and last cell closes it, the header kept from the template', () => {
    const nodes: OutlineNode[] = [
      {
        kind: 'table',
        rows: [
          ['Etablissement', 'Semaine ({region})'],
          ['{#es}{establishment}', '{last_week}{/es}'],
        ],
      },
    ];
    const plan = planFill(nodes, values);
    const entry = plan.output[0]!;
    expect(entry).toMatchObject({ insert: true, fill: { kind: 'rebuild' } });
    if (entry.fill.kind !== 'rebuild') throw new Error('not rebuilt');
    expect(entry.fill.rows).toEqual([
      ['Etablissement', 'Semaine (Île-de-France)'],
      ['GH A', '2022-W25'],
      ['GH B', '—'],
    ]);
    expect(entry.fill.templateRows).toEqual([
      {
        at: 0,
        source: 0,
        fill: {
          kind: 'replace',
          steps: [{ find: '{region}', value: 'Île-de-France' }],
          texts: ['Etablissement', 'Semaine (Île-de-France)'],
        },
      },
    ]);
    expect(plan.remove).toEqual([0]);
  });

  it('leaves only the header of a table whose list is empty', () => {
    const nodes: OutlineNode[] = [
      {
        kind: 'table',
        rows: [
          ['Indicateur', 'Cumul'],
          ['{#counters}{label}', '{total}{/counters}'],
        ],
      },
    ];
    expect(apply(nodes, planFill(nodes, values))).toEqual(['Indicateur|Cumul']);
  });

  it('repeats the text of a loop inside one paragraph, setting the paragraph whole', () => {
    const nodes = [p('Sites : {#es}{establishment}, {/es}fin')];
    const plan = planFill(nodes, values);
    expect(plan.output[0]?.fill).toEqual({
      kind: 'text',
      fill: { kind: 'set', texts: ['Sites : GH A, GH B, fin'] },
    });
  });

  it('puts the chart where {@chart} stands alone', () => {
    const plan = planFill([p(' {@chart} ')], values);
    expect(plan.output[0]?.fill).toEqual({ kind: 'chart' });
  });

  it.each([
    [[p('{#es}'), p('x')], retexFr.loopNotClosed('es')],
    [[p('{#es}'), p('{/rows}')], retexFr.loopNotOpened('rows')],
    [[p('{/es}')], retexFr.loopNotOpened('es')],
    [[p('{#es}'), p('{@chart}'), p('{/es}')], retexFr.chartInLoop],
    [[p('{#es}'), { kind: 'other' } as OutlineNode, p('{/es}')], frGoogleTemplate.notRepeatable('es')],
    [[{ kind: 'table', rows: [['{#es}{establishment}', 'x']] } as OutlineNode], retexFr.loopNotClosed('es')],
  ])('refuses a template whose tags do not pair up, in French (%#)', (nodes, problem) => {
    expect(planFill(nodes, values).problems.join(' ; ')).toContain(problem);
  });
});

describe('text fills', () => {
  it('orders replaceText steps so a value holding another tag is never substituted again', () => {
    const nodes = [p('{a} puis {b}')];
    const plan = planFill(nodes, { a: 'texte avec {b} dedans', b: 'B' });
    const fill = plan.output[0]?.fill;
    expect(fill).toEqual({
      kind: 'text',
      fill: {
        kind: 'replace',
        steps: [
          { find: '{b}', value: 'B' },
          { find: '{a}', value: 'texte avec {b} dedans' },
        ],
        texts: ['texte avec {b} dedans puis B'],
      },
    });
    expect(apply(nodes, plan)).toEqual(['texte avec {b} dedans puis B']);
  });

  it('sets the text whole when two values hold each other’s tag', () => {
    const plan = planFill([p('{a} {b}')], { a: '{b}', b: '{a}' });
    expect(plan.output[0]?.fill).toEqual({ kind: 'text', fill: { kind: 'set', texts: ['{b} {a}'] } });
  });

  const tag = fc.constantFrom('{a}', '{b}', '{c}', '{#', '{/a}', '$1', '$&', '\\', '{{', '}}', ' ', 'é');
  const text = fc
    .array(fc.oneof(tag, fc.string({ maxLength: 3 })), { maxLength: 8 })
    .map((parts) => parts.join(''));

  it('always gives, replaceText steps replayed or text set, exactly what a one-pass rendering says', () => {
    fc.assert(
      fc.property(fc.array(text, { minLength: 1, maxLength: 3 }), text, text, text, (cells, a, b, c) => {
        const scope: RetexItem = { a, b, c };
        const nodes: OutlineNode[] = [{ kind: 'table', rows: [cells] }];
        const plan = planFill(nodes, scope);
        if (plan.problems.length > 0) return;
        const ctx = { unknown: new Set<string>(), problems: [] as string[] };
        expect(apply(nodes, plan)).toEqual([cells.map((t) => renderText(t, [scope], ctx)).join('|')]);
      }),
      { numRuns: 500 },
    );
  });
});
