// The Docs API's model of a Google Doc and its one interpreter of batchUpdate requests. No document is stored here:
// both façades keep their documents in the Apps Script emulator (../gas/document-app.ts) and build this model per
// call (../gas/docs-advanced.ts); unit tests of the request builders use it directly. Docs-style UTF-16 indexes: the body starts with a section break
// [0, 1), then its paragraphs and tables; a footer's content starts at 0; a table counts 1 to open, 1 per row, 1
// per cell, its cells' content, 1 to close; a picture or a page number is 1 index. Paragraph and text styles are
// kept (per paragraph, per character).
//
// It applies the requests the CLI sends, with the rules Google documents: insertText (newlines split the
// paragraph, both parts keeping its style; the text takes the style of the character before it in the same
// paragraph, else of the one after; control characters U+0000–0008 and U+000C–001F are dropped), deleteContentRange
// (not the last newline of the body, a footer or a cell; not a newline just before a table; not part of a table;
// merged paragraphs keep the first one's style unless the deletion starts at a paragraph's start), insertTableRow
// (an empty row whose cells take the paragraph style of the reference row's cells — an assumption: Google does not
// document it), deleteTableRow (not the last row), updateParagraphStyle and updateTextStyle (`*` or listed fields),
// insertInlineImage (only from a URI the `fetchable` callback accepts, as Google must fetch it), insertTable (a
// newline before the table, each cell one empty paragraph), updateTableCellStyle (the whole table only). Anything
// else fails with 400. It does NOT emulate list bullets, headers, tabs of a document, or named ranges.
import type { docs_v1 } from '@googleapis/docs';
import { FakeHttpError } from './http-error';

type ParagraphStyle = docs_v1.Schema$ParagraphStyle;
type TextStyle = docs_v1.Schema$TextStyle;

/** One index of a paragraph: a character, a picture or a page number, with its text style. */
export interface FakeChar {
  ch: string;
  style: TextStyle;
  kind?: 'image' | 'page';
  uri?: string;
}

export interface FakeParagraph {
  kind: 'p';
  /** Ends with the paragraph's '\n'. */
  chars: FakeChar[];
  style: ParagraphStyle;
}

export interface FakeTable {
  kind: 'table';
  rows: FakeBlock[][][];
  /** The style updateTableCellStyle gave the whole table (borders), if any. */
  cellStyle?: docs_v1.Schema$TableCellStyle;
}

export type FakeBlock = FakeParagraph | FakeTable;

const OBJECT = '\ufffc';

/**
 * Requests accepted in one batchUpdate. Google documents no cap; a cap of 500 is reported in practice (openclaw/gogcli
 * pull request #701, « the Docs API per-batchUpdate cap (500 requests) »): the stricter figure is modelled, and
 * smoke:google checks whether a batch of more passes.
 */
export const MAX_REQUESTS_PER_BATCH = 500;

export function paragraph(
  text: string,
  style: ParagraphStyle = {},
  textStyle: TextStyle = {},
): FakeParagraph {
  return {
    kind: 'p',
    chars: [...`${text}\n`].flatMap((c) => units(c).map((u) => ({ ch: u, style: textStyle }))),
    style,
  };
}

/** A string's UTF-16 code units (an emoji is two indexes in Docs). */
function units(text: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += 1) out.push(text[i] as string);
  return out;
}

function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

const bad = (message: string) => new FakeHttpError(400, { error: { code: 400, message } });

interface ParaRef {
  kind: 'p';
  start: number;
  end: number;
  para: FakeParagraph;
  container: FakeBlock[];
  at: number;
}
interface TableRef {
  kind: 'table';
  start: number;
  end: number;
  table: FakeTable;
  container: FakeBlock[];
  at: number;
  rows: Array<{
    start: number;
    end: number;
    cells: Array<{ start: number; end: number; content: FakeBlock[] }>;
  }>;
}
type Ref = ParaRef | TableRef;

export class FakeDocument {
  body: FakeBlock[];
  footers = new Map<string, FakeBlock[]>();
  /** Whether Google could fetch a picture's URI at insertion time. */
  fetchable: (uri: string) => boolean = () => false;

  constructor(
    readonly id: string,
    body: Array<FakeBlock | string>,
  ) {
    this.body = body.map((b) => (typeof b === 'string' ? paragraph(b) : b));
    if (this.body.length === 0 || this.body[this.body.length - 1]?.kind !== 'p')
      this.body.push(paragraph(''));
  }

  // ---- Layout ---------------------------------------------------------------------------------------------------

  /** Every paragraph and table of a container (and of the cells inside), with their indexes, in order. */
  private layout(blocks: FakeBlock[], from: number, out: Ref[] = []): number {
    let i = from;
    blocks.forEach((b, at) => {
      if (b.kind === 'p') {
        out.push({ kind: 'p', start: i, end: i + b.chars.length, para: b, container: blocks, at });
        i += b.chars.length;
        return;
      }
      const ref: TableRef = { kind: 'table', start: i, end: 0, table: b, container: blocks, at, rows: [] };
      out.push(ref);
      i += 1;
      for (const row of b.rows) {
        const r = { start: i, end: 0, cells: [] as TableRef['rows'][number]['cells'] };
        i += 1;
        for (const cell of row) {
          const start = i;
          i = this.layout(cell, i + 1, out);
          r.cells.push({ start, end: i, content: cell });
        }
        r.end = i;
        ref.rows.push(r);
      }
      i += 1;
      ref.end = i;
    });
    return i;
  }

  private segment(segmentId: string | null | undefined): { blocks: FakeBlock[]; refs: Ref[] } {
    const blocks = segmentId ? this.footers.get(segmentId) : this.body;
    if (!blocks) throw bad(`Fake: no segment ${segmentId}`);
    const refs: Ref[] = [];
    this.layout(blocks, segmentId ? 0 : 1, refs);
    return { blocks, refs };
  }

  private paragraphAt(refs: Ref[], index: number): ParaRef {
    const p = refs.find((r): r is ParaRef => r.kind === 'p' && r.start <= index && index < r.end);
    if (!p) throw bad(`Fake: index ${index} is not inside a paragraph`);
    return p;
  }

  // ---- Requests -------------------------------------------------------------------------------------------------

  batchUpdate(requests: docs_v1.Schema$Request[]): docs_v1.Schema$BatchUpdateDocumentResponse {
    if (requests.length > MAX_REQUESTS_PER_BATCH)
      throw bad(`Fake: more than ${MAX_REQUESTS_PER_BATCH} requests in one batchUpdate`);
    const saved = { body: clone(this.body), footers: clone([...this.footers]) };
    const replies: docs_v1.Schema$Response[] = [];
    try {
      for (const r of requests) replies.push(this.apply(r));
    } catch (error) {
      // A batch applies whole or not at all.
      this.body = saved.body;
      this.footers = new Map(saved.footers);
      throw error;
    }
    return { documentId: this.id, replies };
  }

  private apply(r: docs_v1.Schema$Request): docs_v1.Schema$Response {
    if (r.insertText) {
      const { index, segmentId } = r.insertText.location ?? {};
      this.insertText(segmentId, index ?? -1, r.insertText.text ?? '');
      return {};
    }
    if (r.deleteContentRange) {
      const { startIndex, endIndex, segmentId } = r.deleteContentRange.range ?? {};
      this.deleteRange(segmentId, startIndex ?? -1, endIndex ?? -1);
      return {};
    }
    if (r.insertTableRow) {
      const loc = r.insertTableRow.tableCellLocation;
      this.insertRow(loc, r.insertTableRow.insertBelow === true);
      return {};
    }
    if (r.deleteTableRow) {
      this.deleteRow(r.deleteTableRow.tableCellLocation);
      return {};
    }
    if (r.updateParagraphStyle) {
      const { range, paragraphStyle, fields } = r.updateParagraphStyle;
      const { refs } = this.segment(range?.segmentId);
      const [s, e] = [range?.startIndex ?? -1, range?.endIndex ?? -1];
      if (!fields || s >= e) throw bad('Fake: updateParagraphStyle needs a range and fields');
      if (paragraphStyle?.headingId !== undefined) throw bad('headingId is read-only');
      const hit = refs.filter((p): p is ParaRef => p.kind === 'p' && p.start < e && s < p.end);
      if (hit.length === 0) throw bad('Fake: no paragraph in range');
      for (const p of hit) p.para.style = mergeStyle(p.para.style, paragraphStyle ?? {}, fields);
      return {};
    }
    if (r.updateTextStyle) {
      const { range, textStyle, fields } = r.updateTextStyle;
      const { refs } = this.segment(range?.segmentId);
      const [s, e] = [range?.startIndex ?? -1, range?.endIndex ?? -1];
      if (!fields || s >= e) throw bad('Fake: updateTextStyle needs a range and fields');
      for (const p of refs)
        if (p.kind === 'p')
          p.para.chars.forEach((c, k) => {
            const i = p.start + k;
            if (i >= s && i < e) c.style = mergeStyle(c.style, textStyle ?? {}, fields);
          });
      return {};
    }
    if (r.insertTable) {
      const { rows, columns, location } = r.insertTable;
      this.insertTable(location?.segmentId, location?.index ?? -1, rows ?? 0, columns ?? 0);
      return {};
    }
    if (r.updateTableCellStyle) {
      const { tableStartLocation, tableRange, tableCellStyle, fields } = r.updateTableCellStyle;
      // Only the whole table is modelled: a request naming a range of cells is refused (stricter).
      if (tableRange) throw bad('Fake: updateTableCellStyle on a range of cells is not modelled');
      if (!fields) throw bad('Fake: updateTableCellStyle needs fields');
      const { ref } = this.table({ tableStartLocation, rowIndex: 0 });
      ref.table.cellStyle = mergeStyle(ref.table.cellStyle ?? {}, tableCellStyle ?? {}, fields);
      return {};
    }
    if (r.insertInlineImage) {
      const { index, segmentId } = r.insertInlineImage.location ?? {};
      const uri = r.insertInlineImage.uri ?? '';
      if (!this.fetchable(uri))
        throw bad('Invalid requests[0].insertInlineImage: There was a problem retrieving the image.');
      const { refs } = this.segment(segmentId);
      const p = this.paragraphAt(refs, index ?? -1);
      const k = (index ?? 0) - p.start;
      p.para.chars.splice(k, 0, { ch: OBJECT, style: {}, kind: 'image', uri });
      return { insertInlineImage: { objectId: `kix.${uri.length}` } };
    }
    throw bad(`Fake: unsupported ${Object.keys(r).join(',')}`);
  }

  private insertText(segmentId: string | null | undefined, index: number, raw: string): void {
    // eslint-disable-next-line no-control-regex -- the characters Google drops from inserted text
    const text = raw.replace(/[\u0000-\u0008\u000c-\u001f]/g, (c) => (c === '\n' ? c : ''));
    if (text === '') throw bad('Invalid requests[0].insertText: The text must not be empty.');
    const { refs } = this.segment(segmentId);
    const p = this.paragraphAt(refs, index);
    const k = index - p.start;
    const before = p.para.chars[k - 1];
    const style = clone((k > 0 && before ? before : p.para.chars[k])?.style ?? {});
    const inserted: FakeChar[] = units(text).map((ch) => ({ ch, style: clone(style) }));
    const chars = [...p.para.chars.slice(0, k), ...inserted, ...p.para.chars.slice(k)];
    // Split on newlines: every part keeps the paragraph's style.
    const parts: FakeParagraph[] = [];
    let current: FakeChar[] = [];
    for (const c of chars) {
      current.push(c);
      if (c.ch === '\n' && c.kind === undefined) {
        parts.push({ kind: 'p', chars: current, style: clone(p.para.style) });
        current = [];
      }
    }
    p.container.splice(p.at, 1, ...parts);
  }

  /**
   * « A newline character will be inserted before the inserted table … The table must be inserted inside the
   * bounds of an existing Paragraph » (Docs API, « InsertTableRequest »,
   * https://developers.google.com/workspace/docs/api/reference/rest/v1/documents/request#inserttablerequest): the
   * paragraph at `index` is split there, its first part ended by the new newline (styled as the character before
   * it), the table after it. Each cell one empty paragraph: an assumption (docs/google-assumptions.md, R7).
   */
  private insertTable(
    segmentId: string | null | undefined,
    index: number,
    rows: number,
    columns: number,
  ): void {
    if (rows < 1 || columns < 1)
      throw bad('Invalid requests[0].insertTable: rows and columns must be positive.');
    const { refs } = this.segment(segmentId);
    const p = this.paragraphAt(refs, index);
    const k = index - p.start;
    const before = p.para.chars[k - 1];
    const style = clone((k > 0 && before ? before : p.para.chars[k])?.style ?? {});
    const head: FakeParagraph = {
      kind: 'p',
      chars: [...p.para.chars.slice(0, k), { ch: '\n', style }],
      style: clone(p.para.style),
    };
    const tail: FakeParagraph = { kind: 'p', chars: p.para.chars.slice(k), style: clone(p.para.style) };
    const table: FakeTable = {
      kind: 'table',
      rows: Array.from({ length: rows }, () => Array.from({ length: columns }, () => [paragraph('')])),
    };
    p.container.splice(p.at, 1, head, table, tail);
  }

  private deleteRange(segmentId: string | null | undefined, s: number, e: number): void {
    if (s < 0 || e <= s) throw bad('Fake: empty or negative range');
    const { refs } = this.segment(segmentId);
    const first = refs.find((r) => r.start <= s && s < r.end && (r.kind === 'p' || r.start === s));
    if (!first) throw bad(`Fake: ${s} is not in the document`);
    const container = first.container;
    const mine = refs.filter((r) => r.container === container);
    const hit = mine.filter((r) => r.start < e && s < r.end);
    const last = hit[hit.length - 1];
    if (!last || last.end < e) throw bad('Fake: the range leaves its container');
    for (const t of hit)
      if (t.kind === 'table' && (t.start < s || t.end > e))
        throw bad('Invalid deletion range: cannot delete part of a table');
    const lastPara = mine[mine.length - 1];
    if (lastPara && e >= lastPara.end)
      throw bad('Invalid deletion range: cannot delete the last newline of a segment');
    const next = container[last.at + 1];
    if (last.kind === 'p' && e === last.end && next?.kind === 'table')
      throw bad('Invalid deletion range: cannot delete the newline before a table');
    // The paragraph left: what precedes s in the first paragraph, then what follows e in the last one (or the
    // paragraph after it when e is a paragraph's end).
    const head = first.kind === 'p' ? first.para.chars.slice(0, s - first.start) : [];
    let tailRef: ParaRef | undefined;
    let tail: FakeChar[] = [];
    if (last.kind === 'p' && e < last.end) {
      tailRef = last;
      tail = last.para.chars.slice(e - last.start);
    } else {
      const after = mine.find((r) => r.start === e);
      if (after?.kind !== 'p') throw bad('Fake: deletion must end in a paragraph');
      tailRef = after;
      tail = after.para.chars;
    }
    const style = head.length > 0 && first.kind === 'p' ? first.para.style : tailRef.para.style;
    const merged: FakeParagraph = { kind: 'p', chars: [...head, ...tail], style: clone(style) };
    const from = first.at;
    const to = tailRef.at;
    container.splice(from, to - from + 1, merged);
  }

  private table(loc: docs_v1.Schema$TableCellLocation | undefined): { ref: TableRef; row: number } {
    const { refs } = this.segment(loc?.tableStartLocation?.segmentId);
    const ref = refs.find(
      (r): r is TableRef => r.kind === 'table' && r.start === loc?.tableStartLocation?.index,
    );
    if (!ref) throw bad(`Fake: no table starts at ${loc?.tableStartLocation?.index}`);
    const row = loc?.rowIndex ?? -1;
    if (row < 0 || row >= ref.table.rows.length) throw bad(`Fake: no row ${row}`);
    return { ref, row };
  }

  private insertRow(loc: docs_v1.Schema$TableCellLocation | undefined, below: boolean): void {
    const { ref, row } = this.table(loc);
    const model = ref.table.rows[row] ?? [];
    const fresh = model.map((cell) => {
      const first = cell[0];
      return [paragraph('', first?.kind === 'p' ? clone(first.style) : {})];
    });
    ref.table.rows.splice(below ? row + 1 : row, 0, fresh);
  }

  private deleteRow(loc: docs_v1.Schema$TableCellLocation | undefined): void {
    const { ref, row } = this.table(loc);
    if (ref.table.rows.length === 1) throw bad('Fake: cannot delete the last row of a table');
    ref.table.rows.splice(row, 1);
  }

  // ---- Reading --------------------------------------------------------------------------------------------------

  private content(blocks: FakeBlock[], from: number): docs_v1.Schema$StructuralElement[] {
    let i = from;
    const para = (p: FakeParagraph): docs_v1.Schema$StructuralElement => {
      const start = i;
      const elements: docs_v1.Schema$ParagraphElement[] = [];
      let k = 0;
      while (k < p.chars.length) {
        const c = p.chars[k] as FakeChar;
        const at = i + k;
        if (c.kind === 'image') {
          elements.push({
            startIndex: at,
            endIndex: at + 1,
            inlineObjectElement: { inlineObjectId: c.uri ?? '' },
          });
          k += 1;
          continue;
        }
        if (c.kind === 'page') {
          elements.push({
            startIndex: at,
            endIndex: at + 1,
            autoText: { type: 'PAGE_NUMBER', textStyle: c.style },
          });
          k += 1;
          continue;
        }
        let j = k;
        let content = '';
        while (
          j < p.chars.length &&
          p.chars[j]?.kind === undefined &&
          JSON.stringify(p.chars[j]?.style) === JSON.stringify(c.style)
        ) {
          content += p.chars[j]?.ch ?? '';
          j += 1;
        }
        elements.push({ startIndex: at, endIndex: i + j, textRun: { content, textStyle: clone(c.style) } });
        k = j;
      }
      i += p.chars.length;
      return { startIndex: start, endIndex: i, paragraph: { elements, paragraphStyle: clone(p.style) } };
    };
    const out: docs_v1.Schema$StructuralElement[] = [];
    for (const b of blocks) {
      if (b.kind === 'p') {
        out.push(para(b));
        continue;
      }
      const start = i;
      i += 1;
      const tableRows = b.rows.map((row) => {
        const rowStart = i;
        i += 1;
        const tableCells = row.map((cell) => {
          const cellStart = i;
          i += 1;
          const content = this.content(cell, i);
          i = content[content.length - 1]?.endIndex ?? i;
          // Google reports each cell's style; the fake keeps one for the whole table.
          return {
            startIndex: cellStart,
            endIndex: i,
            content,
            ...(b.cellStyle ? { tableCellStyle: clone(b.cellStyle) } : {}),
          };
        });
        return { startIndex: rowStart, endIndex: i, tableCells };
      });
      i += 1;
      out.push({
        startIndex: start,
        endIndex: i,
        table: { rows: b.rows.length, columns: b.rows[0]?.length ?? 0, tableRows },
      });
    }
    return out;
  }

  /**
   * What a reader sees, in the shape of the .docx reader (test/support/retex-docx-reader.ts): paragraphs outside
   * tables, tables as rows of cell texts, the footers; soft line breaks as "\n", pictures and page numbers as
   * U+FFFC; and the pictures' URIs.
   */
  read(): {
    paragraphs: string[];
    tables: string[][][];
    footer: string[];
    images: string[];
    styles: string[];
  } {
    const text = (p: FakeParagraph) =>
      p.chars
        .slice(0, -1)
        .map((c) => (c.ch === '\u000b' ? '\n' : c.ch))
        .join('');
    const cellText = (blocks: FakeBlock[]) =>
      blocks.flatMap((b) => (b.kind === 'p' ? [text(b)] : [])).join('\n');
    const paragraphs: string[] = [];
    const styles: string[] = [];
    const tables: string[][][] = [];
    const images: string[] = [];
    const walk = (blocks: FakeBlock[]) => {
      for (const b of blocks) {
        if (b.kind === 'p') {
          paragraphs.push(text(b));
          styles.push(b.style.namedStyleType ?? '');
          for (const c of b.chars) if (c.kind === 'image') images.push(c.uri ?? '');
        } else tables.push(b.rows.map((row) => row.map(cellText)));
      }
    };
    walk(this.body);
    const footer = [...this.footers.values()].flatMap((blocks) =>
      blocks.flatMap((b) => (b.kind === 'p' ? [text(b)] : [])),
    );
    return { paragraphs, tables, footer, images, styles };
  }

  get(): docs_v1.Schema$Document {
    const footers: Record<string, docs_v1.Schema$Footer> = {};
    for (const [id, blocks] of this.footers) footers[id] = { footerId: id, content: this.content(blocks, 0) };
    return {
      documentId: this.id,
      body: { content: [{ endIndex: 1, sectionBreak: { sectionStyle: {} } }, ...this.content(this.body, 1)] },
      footers,
    };
  }
}

function mergeStyle<T extends object>(current: T, change: T, fields: string): T {
  if (fields.trim() === '*') return clone(change);
  const out: Record<string, unknown> = { ...(current as Record<string, unknown>) };
  for (const field of fields.split(',').map((f) => f.trim())) {
    const value = (change as Record<string, unknown>)[field];
    if (value === undefined) delete out[field];
    else out[field] = clone(value);
  }
  return out as T;
}
