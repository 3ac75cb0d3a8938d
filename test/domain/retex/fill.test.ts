// Filling template text the way docxtemplater fills the .docx: names looked up item first, loops inline and over
// paragraphs, `{^loop}` when empty, unknown names left empty and reported, values never read as syntax.
import {
  fillParagraphs,
  lineTag,
  resolveText,
  tagTokens,
  RetexTemplateError,
} from '../../../src/domain/retex/fill';
import type { RetexItem } from '../../../src/domain/retex/document';

const doc: RetexItem = {
  region: 'Île-de-France',
  use_case_title: 'du document',
  total: 12,
  es: [
    { establishment: 'CH A', use_case_title: 'de CH A', quotes: [{ text: 'q1' }, { text: 'q2' }] },
    { establishment: 'CH B', quotes: [] },
  ],
  empty: [],
  tricky: 'coût $1 {region} {#es}{/es} \\n {{x}}',
};

describe('resolveText', () => {
  it.each([
    ['{region} : {total}', 'Île-de-France : 12'],
    ['{#es}{establishment} {/es}', 'CH A CH B '],
    ['{#es}{use_case_title}|{/es}', 'de CH A|du document|'],
    ['{#es}{establishment}({#quotes}{text}{/quotes}) {/es}', 'CH A(q1q2) CH B() '],
    ['{^empty}aucun{/empty}{^es}jamais{/es}', 'aucun'],
    ['{tricky}', 'coût $1 {region} {#es}{/es} \\n {{x}}'],
    ['avant {@chart} après', 'avant  après'],
    ['{{region}}', '{Île-de-France}'],
  ])('%j → %j', (text, expected) => {
    expect(resolveText(text, [doc], new Set())).toBe(expected);
  });

  it('leaves an unknown name empty and reports it', () => {
    const unknown = new Set<string>();
    expect(resolveText('a{regoin}b{#nope}x{/nope}', [doc], unknown)).toBe('ab');
    expect([...unknown].sort()).toEqual(['nope', 'regoin']);
  });

  it('refuses a loop without its end, and an end without its start', () => {
    expect(() => resolveText('{#es}x', [doc], new Set())).toThrow(RetexTemplateError);
    expect(() => resolveText('x{/es}', [doc], new Set())).toThrow(/n'a pas de début/);
  });
});

describe('lineTag', () => {
  it.each([
    ['{#es}', { kind: 'open', name: 'es', inverted: false }],
    [' {^quotes} ', { kind: 'open', name: 'quotes', inverted: true }],
    ['{/es}', { kind: 'close', name: 'es' }],
    ['{@chart}', { kind: 'chart' }],
    ['{#es}{establishment}', { kind: 'text' }],
    ['{region}', { kind: 'text' }],
  ])('%j is %j', (text, tag) => {
    expect(lineTag(text)).toEqual(tag);
  });

  it('finds tokens with their UTF-16 offsets', () => {
    expect(tagTokens('é😀{a}')).toEqual([{ kind: '', name: 'a', start: 3, end: 6 }]);
  });
});

describe('fillParagraphs', () => {
  const paragraphs = [
    '{#es}',
    '{establishment}',
    '{#quotes}',
    '« {text} »',
    '{/quotes}',
    '{^quotes}',
    'Aucune citation.',
    '{/quotes}',
    '{/es}',
  ];

  it('repeats the paragraphs between markers per item, nested loops included, markers gone', () => {
    const out = fillParagraphs(paragraphs, (p) => p, [doc], new Set());
    expect(out.map((o) => o.text)).toEqual(['CH A', '« q1 »', '« q2 »', 'CH B', 'Aucune citation.']);
    expect(out.map((o) => o.source)).toEqual([
      '{establishment}',
      '« {text} »',
      '« {text} »',
      '{establishment}',
      'Aucune citation.',
    ]);
  });

  it('gives nothing for an empty loop, and the inverted section instead', () => {
    expect(
      fillParagraphs(
        ['{#empty}', 'x', '{/empty}', '{^empty}', 'vide', '{/empty}'],
        (p) => p,
        [doc],
        new Set(),
      ).map((o) => o.text),
    ).toEqual(['vide']);
  });

  it.each([
    [['{#es}', 'x'], /n'a pas de fin/],
    [['x', '{/es}'], /n'a pas de début/],
    [['{#es}', '{@chart}', '{/es}'], /graphique/],
  ])('refuses %j', (list, message) => {
    expect(() => fillParagraphs(list, (p) => p, [doc], new Set())).toThrow(message);
  });
});
