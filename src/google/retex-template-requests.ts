// The Docs API requests that write a RETEX template's layout (src/domain/retex/layout.ts) into the body of a new,
// empty Google Doc, in one documents.batchUpdate: the whole text in one insertText, then the tables from the last to
// the first (each insertTable splits the paragraph where it goes, so no request shifts the indexes an earlier one
// computed), their cells from the last to the first, and finally the styles, on the indexes of the finished
// document. Pure, no Node import: Apps Script sends these requests through its advanced Docs service.
//
// Google's rules the indexes follow (Docs API reference, « Request »,
// https://developers.google.com/workspace/docs/api/reference/rest/v1/documents/request): « InsertTableRequest …
// A newline character will be inserted before the inserted table. Therefore, the table start index will be at the
// specified location index + 1 »; a new table's cells each hold one empty paragraph; the body starts at index 1
// (after its section break); an index counts UTF-16 code units.
import type { docs_v1 } from '@googleapis/docs';
import type { RetexLayoutElement, RetexParagraphStyle } from '../domain/retex/layout';

type Request = docs_v1.Schema$Request;

/** The grey of notes and captions, and the border of tables (as the .docx templates draw them). */
export const TEMPLATE_GREY = '#555555';
export const TEMPLATE_BORDER = '#8C8C8C';

/** A soft line break: a '\n' inside a layout paragraph stays in that paragraph, as DocumentApp writes it. */
const SOFT_BREAK = '\u000b';

const pt = (magnitude: number): docs_v1.Schema$Dimension => ({ magnitude, unit: 'PT' });

function color(hex: string): docs_v1.Schema$OptionalColor {
  const n = Number.parseInt(hex.slice(1), 16);
  return {
    color: { rgbColor: { red: (n >> 16) / 255, green: ((n >> 8) & 255) / 255, blue: (n & 255) / 255 } },
  };
}

interface DocsStyle {
  paragraph?: docs_v1.Schema$ParagraphStyle;
  text?: docs_v1.Schema$TextStyle;
}

/** What each layout style becomes in Google Docs: a named style (heading), paragraph or text attributes. */
function docsStyleOf(style: RetexParagraphStyle): DocsStyle {
  const note: docs_v1.Schema$TextStyle = {
    italic: true,
    foregroundColor: color(TEMPLATE_GREY),
    fontSize: pt(9),
  };
  switch (style) {
    case 'title':
      return { paragraph: { namedStyleType: 'TITLE' } };
    case 'subtitle':
      return { paragraph: { namedStyleType: 'SUBTITLE' } };
    case 'heading1':
      return { paragraph: { namedStyleType: 'HEADING_1' } };
    case 'heading2':
      return { paragraph: { namedStyleType: 'HEADING_2' } };
    case 'emphasis':
    case 'quoteHeading':
      return { text: { bold: true } };
    case 'note':
      return { text: note };
    case 'quote':
      return { paragraph: { indentStart: pt(22), indentFirstLine: pt(22) }, text: { italic: true } };
    case 'chart':
      return { paragraph: { alignment: 'CENTER' } };
    case 'caption':
      return { paragraph: { alignment: 'CENTER' }, text: note };
    case 'spacer':
      return { text: { fontSize: pt(4) } };
    case 'section':
    case 'plain':
      return {};
  }
}

/** UTF-16 length, as Docs counts indexes. */
const units = (text: string): number => text.length;

/** The layout as the finished body holds it: Google keeps a paragraph before and after every table. */
type Block =
  | { kind: 'p'; text: string; style: RetexParagraphStyle }
  | { kind: 'table'; rows: string[][]; header: boolean };

function blocksOf(layout: readonly RetexLayoutElement[]): Block[] {
  const out: Block[] = [];
  const blank: Block = { kind: 'p', text: '', style: 'plain' };
  for (const e of layout) {
    if (e.type === 'paragraph') {
      out.push({ kind: 'p', text: e.text.replace(/\r?\n/g, SOFT_BREAK), style: e.style });
      continue;
    }
    const columns = Math.max(0, ...e.rows.map((r) => r.length));
    if (columns === 0) continue;
    if (out[out.length - 1]?.kind !== 'p') out.push({ ...blank });
    // Every row of a Docs table has every column.
    const rows = e.rows.map((r) => [...r, ...Array<string>(columns - r.length).fill('')]);
    out.push({ kind: 'table', rows, header: e.header });
  }
  if (out[out.length - 1]?.kind !== 'p') out.push({ ...blank });
  return out;
}

/** Size of a table once filled: 1 to open, 1 per row, per cell 1 plus its paragraphs, 1 to close. */
function tableSize(rows: readonly string[][]): number {
  return 2 + rows.reduce((n, row) => n + 1 + row.reduce((m, cell) => m + 1 + units(cell) + 1, 0), 0);
}

/**
 * The requests that write `layout` into an empty document (one empty paragraph, as Docs.create and
 * DocumentApp.create make it). Cell text keeps its '\n' as paragraph breaks inside the cell.
 */
export function retexTemplateRequests(layout: readonly RetexLayoutElement[]): Request[] {
  const blocks = blocksOf(layout);
  const requests: Request[] = [];

  // 1. The text. A table goes between the paragraphs around it: their texts are written without a newline
  // between them, and the table's own newline splits them. The last paragraph ends with the body's newline.
  let text = '';
  const tablesAt: Array<{ index: number; rows: string[][] }> = [];
  blocks.forEach((b, i) => {
    if (b.kind === 'table') {
      tablesAt.push({ index: 1 + units(text), rows: b.rows });
      return;
    }
    text += b.text;
    const next = blocks[i + 1];
    if (next?.kind === 'p') text += '\n';
  });
  if (text !== '') requests.push({ insertText: { location: { index: 1 }, text } });

  // 2. The tables, last first; each one's cells, last first, in the empty table just inserted.
  for (const { index, rows } of [...tablesAt].reverse()) {
    const columns = rows[0]?.length ?? 0;
    requests.push({ insertTable: { rows: rows.length, columns, location: { index } } });
    const start = index + 1;
    for (let r = rows.length - 1; r >= 0; r -= 1)
      for (let c = columns - 1; c >= 0; c -= 1) {
        const cell = rows[r]?.[c] ?? '';
        if (cell === '') continue;
        const at = start + 1 + r * (1 + 2 * columns) + 1 + 2 * c + 1;
        requests.push({ insertText: { location: { index: at }, text: cell } });
      }
  }

  // 3. The styles, on the finished document's indexes.
  let i = 1;
  for (const b of blocks) {
    if (b.kind === 'p') {
      const end = i + units(b.text) + 1;
      const { paragraph, text: textStyle } = docsStyleOf(b.style);
      const range = { startIndex: i, endIndex: end };
      if (paragraph)
        requests.push({
          updateParagraphStyle: {
            range,
            paragraphStyle: paragraph,
            fields: Object.keys(paragraph).join(','),
          },
        });
      if (textStyle)
        requests.push({
          updateTextStyle: { range, textStyle, fields: Object.keys(textStyle).join(',') },
        });
      i = end;
      continue;
    }
    const start = i;
    const width = pt(1);
    const border: docs_v1.Schema$TableCellBorder = {
      color: color(TEMPLATE_BORDER),
      width,
      dashStyle: 'SOLID',
    };
    requests.push({
      // « tableStartLocation: … When specified, the updates are applied to all the cells in the table » (Docs API
      // reference, UpdateTableCellStyleRequest, https://developers.google.com/workspace/docs/api/reference/rest/v1/documents/request#updatetablecellstylerequest).
      updateTableCellStyle: {
        tableStartLocation: { index: start },
        tableCellStyle: { borderTop: border, borderBottom: border, borderLeft: border, borderRight: border },
        fields: 'borderTop,borderBottom,borderLeft,borderRight',
      },
    });
    // The header row, or the labels' column of a fields table, in bold.
    let k = start + 1;
    b.rows.forEach((row, r) => {
      k += 1;
      row.forEach((cell, c) => {
        const from = k + 1;
        const to = from + units(cell) + 1;
        if (cell !== '' && (b.header ? r === 0 : c === 0))
          requests.push({
            updateTextStyle: {
              range: { startIndex: from, endIndex: to - 1 },
              textStyle: { bold: true },
              fields: 'bold',
            },
          });
        k = to;
      });
    });
    i = start + tableSize(b.rows);
  }
  return requests;
}
