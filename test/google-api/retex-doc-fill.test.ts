// The Docs requests that fill a template copy, applied to small documents on the fake: placeholders replaced in
// place with their own style, table rows and paragraphs repeated per item with the template's styles, the last
// newline of a segment kept, footers filled, template errors named.
import { retexDocFill } from '../../src/google/retex-doc-fill';
import type { RetexItem } from '../../src/domain/retex/document';
import { FakeDocument, paragraph, type FakeBlock } from '../support/google-api/fake-document';
import { RetexTemplateError } from '../../src/domain/retex/fill';

const values: RetexItem = {
  region: 'Île-de-France',
  version: 'V1',
  es: [
    { establishment: 'CH A', bed_count: 10, quotes: [{ text: 'q « 1 » $1' }] },
    { establishment: 'CH B', bed_count: 20, quotes: [] },
  ],
  none: [],
  multiline: 'ligne 1\nligne 2',
};

function fill(doc: FakeDocument): ReturnType<typeof retexDocFill> {
  const result = retexDocFill(doc.get(), values, '[graphique]');
  doc.batchUpdate(result.requests);
  return result;
}

const table = (...rows: string[][]): FakeBlock => ({
  kind: 'table',
  rows: rows.map((r) => r.map((c) => [paragraph(c, {}, {})])),
});

describe('retexDocFill', () => {
  it('replaces a placeholder where it stands, the value taking the placeholder’s own style', () => {
    const p = paragraph('Région : ');
    const bold = paragraph('{region}', {}, { bold: true });
    p.chars = [...p.chars.slice(0, -1), ...bold.chars];
    const doc = new FakeDocument('d', [p, 'Fin']);
    fill(doc);
    const chars = doc.body[0]?.kind === 'p' ? doc.body[0].chars : [];
    expect(chars.map((c) => c.ch).join('')).toBe('Région : Île-de-France\n');
    expect(
      chars
        .filter((c) => c.style.bold && c.ch !== '\n')
        .map((c) => c.ch)
        .join(''),
    ).toBe('Île-de-France');
  });

  it('turns a line break of a value into a soft line break: one paragraph, as in the .docx', () => {
    const doc = new FakeDocument('d', ['{multiline}', 'Fin']);
    fill(doc);
    expect(doc.read().paragraphs).toEqual(['ligne 1\nligne 2', 'Fin']);
  });

  it('repeats a table row per item, the new cells styled like the template row’s', () => {
    const doc = new FakeDocument('d', [
      table(['Etablissement', 'Lits'], ['{#es}{establishment}', '{bed_count}{/es}']),
      'Après',
    ]);
    const row = (doc.body[0] as { rows: FakeBlock[][][] }).rows[1]!;
    for (const cell of row) for (const b of cell) if (b.kind === 'p') b.style = { alignment: 'END' };
    fill(doc);
    expect(doc.read().tables).toEqual([
      [
        ['Etablissement', 'Lits'],
        ['CH A', '10'],
        ['CH B', '20'],
      ],
    ]);
    const added = (doc.body[0] as { rows: FakeBlock[][][] }).rows[2]![0]![0]!;
    expect(added.kind === 'p' && added.style).toEqual({ alignment: 'END' });
  });

  it('styles the new rows in one pair of requests, then each cell of another style (a bold first column)', () => {
    const doc = new FakeDocument('d', [
      table(['Etablissement', 'Lits', 'Note'], ['{#es}{establishment}', '{bed_count}', '-{/es}']),
      'Après',
    ]);
    const cellsOf = (r: number) => (doc.body[0] as { rows: FakeBlock[][][] }).rows[r]!;
    const first = cellsOf(1)[0]![0]!;
    if (first.kind === 'p') for (const c of first.chars) c.style = { bold: true };
    const requests = retexDocFill(
      doc.get(),
      { es: [1, 2, 3, 4].map((n) => ({ establishment: `CH ${n}`, bed_count: n })) },
      'M',
    ).requests;
    doc.batchUpdate(requests);
    expect(doc.read().tables[0]!.slice(1)).toEqual([1, 2, 3, 4].map((n) => [`CH ${n}`, String(n), '-']));
    for (let r = 1; r <= 4; r += 1) {
      const [name, beds] = cellsOf(r).map((cell) => cell[0]!);
      expect(name!.kind === 'p' && name!.chars.slice(0, -1).every((c) => c.style.bold === true)).toBe(true);
      expect(beds!.kind === 'p' && beds!.chars.slice(0, -1).some((c) => c.style.bold)).toBe(false);
    }
    // 3 new rows: one pair for the shared style, one pair per bold cell — not one pair per cell.
    const styles = requests.filter((r) => r.updateTextStyle || r.updateParagraphStyle);
    expect(styles).toHaveLength(2 + 2 * 3);
  });

  it('removes a repeated row when the list is empty', () => {
    const doc = new FakeDocument('d', [table(['Etablissement'], ['{#none}{establishment}{/none}']), 'Après']);
    fill(doc);
    expect(doc.read().tables).toEqual([[['Etablissement']]]);
  });

  it('repeats paragraphs between markers, nested loops and empty sections included, keeping the last newline', () => {
    const heading = paragraph('{establishment}', { namedStyleType: 'HEADING_2' });
    const quote = paragraph('« {text} »', { namedStyleType: 'NORMAL_TEXT' }, { italic: true });
    const doc = new FakeDocument('d', [
      'Début',
      '{#es}',
      heading,
      '{#quotes}',
      quote,
      '{/quotes}',
      '{^quotes}',
      'Aucun texte.',
      '{/quotes}',
      '{/es}',
    ]);
    fill(doc);
    const read = doc.read();
    expect(read.paragraphs).toEqual(['Début', 'CH A', '« q « 1 » $1 »', 'CH B', 'Aucun texte.', '']);
    expect(read.styles.slice(1, 4)).toEqual(['HEADING_2', 'NORMAL_TEXT', 'HEADING_2']);
    const q = doc.body[2];
    expect(q?.kind === 'p' && q.chars.slice(0, -1).every((c) => c.style.italic)).toBe(true);
  });

  it('repeats a table between loop markers per item: a new table each time, its cells filled and styled like the template’s', () => {
    const heading = paragraph('{establishment}', { namedStyleType: 'HEADING_2' });
    const fields: FakeBlock = {
      kind: 'table',
      rows: [
        [[paragraph('Lits', {}, { bold: true })], [paragraph('{bed_count}')]],
        [[paragraph('Texte', {}, { bold: true })], [paragraph('{#quotes}{text}{/quotes}')]],
      ],
    };
    const border = { color: { color: { rgbColor: { red: 0.5, green: 0.5, blue: 0.5 } } } };
    fields.cellStyle = { borderTop: border, borderBottom: border, borderLeft: border, borderRight: border };
    const after = paragraph('', { namedStyleType: 'NORMAL_TEXT' });
    const doc = new FakeDocument('d', ['Début', '{#es}', heading, fields, after, '{/es}', 'Fin']);
    fill(doc);
    const read = doc.read();
    expect(read.paragraphs).toEqual(['Début', 'CH A', '', 'CH B', '', 'Fin']);
    expect(read.styles.slice(1, 4)).toEqual(['HEADING_2', 'NORMAL_TEXT', 'HEADING_2']);
    expect(read.tables).toEqual([
      [
        ['Lits', '10'],
        ['Texte', 'q « 1 » $1'],
      ],
      [
        ['Lits', '20'],
        ['Texte', ''],
      ],
    ]);
    const tables = doc.body.filter((b) => b.kind === 'table');
    for (const t of tables) {
      expect(t.cellStyle).toEqual(fields.cellStyle);
      const [label, value] = t.rows[0]!.map((cell) => cell[0]!);
      expect(label!.kind === 'p' && label!.chars.slice(0, -1).every((c) => c.style.bold === true)).toBe(true);
      expect(value!.kind === 'p' && value!.chars.slice(0, -1).some((c) => c.style.bold)).toBe(false);
    }
  });

  it('never substitutes a value again, even one holding another tag', () => {
    const doc = new FakeDocument('d', ['{a} {b} {a}', 'Fin']);
    const result = retexDocFill(doc.get(), { a: '{b} $1', b: '{a}' }, 'm');
    doc.batchUpdate(result.requests);
    expect(doc.read().paragraphs[0]).toBe('{b} $1 {a} {b} $1');
  });

  it('repeats the text of a loop inside one paragraph', () => {
    const doc = new FakeDocument('d', [
      'Établissements : {#es}{establishment} ({bed_count} lits) {/es}!',
      'Fin',
    ]);
    fill(doc);
    expect(doc.read().paragraphs[0]).toBe('Établissements : CH A (10 lits) CH B (20 lits) !');
  });

  it('fills the footer like the body', () => {
    const doc = new FakeDocument('d', ['Corps']);
    doc.footers.set('f1', [paragraph('RETEX {version} — {region}')]);
    fill(doc);
    expect(doc.read().footer).toEqual(['RETEX V1 — Île-de-France']);
  });

  it('reports a name the model does not know and leaves it empty', () => {
    const doc = new FakeDocument('d', ['{regoin} !']);
    expect(fill(doc).unknownPlaceholders).toEqual(['regoin']);
    expect(doc.read().paragraphs[0]).toBe(' !');
  });

  it('marks the chart paragraph for the picture', () => {
    const doc = new FakeDocument('d', ['{@chart}', 'Légende']);
    expect(fill(doc).chart).toBe(true);
    expect(doc.read().paragraphs[0]).toBe('[graphique]');
  });

  it.each([
    [['{#es}', 'x'], /\{#es\} n'a pas de fin/],
    [['x', '{/es}'], /\{\/es\} n'a pas de début/],
    [
      ['{#es}', { kind: 'table', rows: [[[paragraph('{establishment}'), paragraph('x')]]] }, '{/es}'],
      /un tableau répété par \{#es\} doit avoir un seul paragraphe par cellule/,
    ],
  ])('refuses a template it cannot fill, naming the problem (%#)', (blocks, message) => {
    const doc = new FakeDocument('d', blocks as Array<FakeBlock | string>);
    expect(() => retexDocFill(doc.get(), values, 'm')).toThrow(RetexTemplateError);
    expect(() => retexDocFill(doc.get(), values, 'm')).toThrow(message);
  });
});
