// How a RETEX template description (sheets-template/retex/*.json) is laid out as a document: the paragraphs (with
// a neutral style name) and tables, with their placeholders and loop markers, in order, plus the footer. Both
// template writers draw this one layout — the .docx (src/local/retex/retex-template-docx.ts) and the Google Doc
// (src/apps-script/retex/retex-template-doc.ts) — so a block expands the same way in Word and in Google Docs.
// Pure and synchronous.
import type { TrackingFile } from '../../schema/tracking-file';
import { counterTableColumns, type RetexBlock, type RetexTemplateDescription } from './template';

/** A paragraph's role; each writer maps it to its own styles (Word style ids, Google Docs headings). */
export type RetexParagraphStyle =
  | 'plain'
  | 'title'
  | 'subtitle'
  | 'heading1'
  | 'heading2'
  | 'emphasis'
  | 'note'
  | 'section'
  | 'quoteHeading'
  | 'quote'
  | 'chart'
  | 'caption'
  | 'spacer';

export type RetexLayoutElement =
  | { type: 'paragraph'; text: string; style: RetexParagraphStyle }
  | {
      type: 'table';
      rows: string[][];
      /** Whether the first row is a header row (a fields table has none: its first column holds the labels). */
      header: boolean;
      /** Column widths in percent of the page, when not all equal. */
      widths?: number[];
    };

export interface RetexLayout {
  body: RetexLayoutElement[];
  footer: string;
}

const p = (text: string, style: RetexParagraphStyle = 'plain'): RetexLayoutElement => ({
  type: 'paragraph',
  text,
  style,
});

/** A table, then a small paragraph: Word merges two tables that touch. */
function table(rows: string[][], header: boolean, widths?: number[]): RetexLayoutElement[] {
  return [{ type: 'table', rows, header, ...(widths ? { widths } : {}) }, p('', 'spacer')];
}

/** `{^loop}` / text / `{/loop}` on paragraphs of their own: shown only when the loop has no item. */
function whenEmpty(loop: string, text: string): RetexLayoutElement[] {
  return [p(`{^${loop}}`), p(text, 'note'), p(`{/${loop}}`)];
}

function blockLayout(block: RetexBlock, tracking: TrackingFile): RetexLayoutElement[] {
  switch (block.type) {
    case 'title':
      return [p(block.text, 'title')];
    case 'subtitle':
      return [p(block.text, 'subtitle')];
    case 'heading':
      return [p(block.text, block.level === 1 ? 'heading1' : 'heading2')];
    case 'paragraph':
      return [p(block.text, block.style ?? 'plain')];
    case 'fields':
      return table(
        block.rows.map(([label, value]) => [label, value]),
        false,
        [32, 68],
      );
    case 'table': {
      const columns = [...block.columns, ...(block.counters ? counterTableColumns(tracking) : [])];
      const cells = columns.map((c) => c.cell);
      cells[0] = `{#${block.loop}}${cells[0] ?? ''}`;
      cells[cells.length - 1] = `${cells[cells.length - 1] ?? ''}{/${block.loop}}`;
      // Wide tables (a column per counter) leave the first column, the establishment's name, room to breathe.
      const widths =
        columns.length > 4 ? [22, ...columns.slice(1).map(() => 78 / (columns.length - 1))] : undefined;
      return [
        ...table([columns.map((c) => c.header), cells], true, widths),
        ...whenEmpty(block.loop, block.empty),
      ];
    }
    case 'arsSection':
      return [
        p(block.title, (block.level ?? 1) === 1 ? 'heading1' : 'heading2'),
        p(`{section_${block.id}}`, 'section'),
      ];
    case 'quotes': {
      const loop = `quotes_${block.column}`;
      return [
        p(`{label_${block.column}}`, 'quoteHeading'),
        p(`{#${loop}}`),
        p('{week_label} — {establishment} : « {text} »', 'quote'),
        p(`{/${loop}}`),
        ...whenEmpty(loop, block.empty),
      ];
    }
    case 'quoteList':
      return [
        p(`{#${block.loop}}`),
        p('{week_label} — {label} : « {text} »', 'quote'),
        p(`{/${block.loop}}`),
        ...whenEmpty(block.loop, block.empty),
      ];
    case 'chart':
      return [p('{@chart}', 'chart'), p(block.caption, 'caption')];
    case 'repeat':
      return [
        p(`{#${block.loop}}`),
        ...block.blocks.flatMap((b) => blockLayout(b, tracking)),
        p(`{/${block.loop}}`),
      ];
  }
}

/** The layout of a description, with counter columns taken from the tracking file. */
export function retexLayout(description: RetexTemplateDescription, tracking: TrackingFile): RetexLayout {
  return {
    body: description.blocks.flatMap((b) => blockLayout(b, tracking)),
    footer: description.footer,
  };
}
