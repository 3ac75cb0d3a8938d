// The RETEX template builder on the REST fake's Docs model: whatever the order of paragraphs and tables, the one
// batch writes the layout's text and tables in order, with Google's paragraph around each table, and styles land on
// the paragraphs and cells they belong to.
import { FakeDocument } from '../support/google-api/fake-document';
import { retexTemplateRequests, TEMPLATE_BORDER } from '../../src/google/retex-template-requests';
import type { RetexLayoutElement } from '../../src/domain/retex/layout';

const p = (text: string, style: 'plain' | 'title' | 'note' | 'emphasis' = 'plain'): RetexLayoutElement => ({
  type: 'paragraph',
  text,
  style,
});
const t = (rows: string[][], header = true): RetexLayoutElement => ({ type: 'table', rows, header });

function written(layout: RetexLayoutElement[]) {
  const doc = new FakeDocument('d', []);
  doc.batchUpdate(retexTemplateRequests(layout));
  return doc;
}

describe('retexTemplateRequests', () => {
  it('writes paragraphs and tables in order, a table between two paragraphs adding none', () => {
    const doc = written([
      p('Titre', 'title'),
      p('Intro 😀 {x}'),
      t([
        ['Nom', 'Valeur'],
        ['{a}', ''],
      ]),
      p('Après'),
    ]);
    const read = doc.read();
    expect(read.paragraphs).toEqual(['Titre', 'Intro 😀 {x}', 'Après']);
    expect(read.tables).toEqual([
      [
        ['Nom', 'Valeur'],
        ['{a}', ''],
      ],
    ]);
    expect(read.styles[0]).toBe('TITLE');
    expect(read.styles.slice(1)).toEqual(['', '']);
  });

  it('keeps Google’s empty paragraph before a first table, between two tables and after a last one', () => {
    const doc = written([t([['a']]), t([['b', 'c']], false), p('milieu'), t([['d'], ['e']])]);
    const read = doc.read();
    expect(read.paragraphs).toEqual(['', '', 'milieu', '']);
    expect(read.tables).toEqual([[['a']], [['b', 'c']], [['d'], ['e']]]);
    expect(doc.body.map((b) => b.kind)).toEqual(['p', 'table', 'p', 'table', 'p', 'table', 'p']);
  });

  it('styles each paragraph and cell on the finished indexes: notes grey, labels bold, borders grey', () => {
    const doc = written([
      p('Titre', 'title'),
      t(
        [
          ['Libellé', '{v}'],
          ['Autre', '{w}'],
        ],
        false,
      ),
      p('Note', 'note'),
      p('Fin'),
    ]);
    const [title, table, note, end] = doc.body;
    if (title?.kind !== 'p' || table?.kind !== 'table' || note?.kind !== 'p' || end?.kind !== 'p')
      throw new Error('unexpected structure');
    expect(note.chars[0]?.style).toMatchObject({ italic: true, fontSize: { magnitude: 9, unit: 'PT' } });
    expect(end.chars[0]?.style).toEqual({});
    const cell = (r: number, c: number) => {
      const first = table.rows[r]?.[c]?.[0];
      return first?.kind === 'p' ? first.chars[0]?.style : undefined;
    };
    expect([cell(0, 0)?.bold, cell(1, 0)?.bold, cell(0, 1)?.bold]).toEqual([true, true, undefined]);
    const red = parseInt(TEMPLATE_BORDER.slice(1, 3), 16) / 255;
    expect(table.cellStyle?.borderTop?.color?.color?.rgbColor?.red).toBeCloseTo(red);
  });
});
