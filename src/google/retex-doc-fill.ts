// Fills a copy of a RETEX template Google Doc from one document model, as Docs API requests computed from one
// documents.get. The template is the .docx template imported by Drive, so it has the .docx syntax, filled with the
// rules of src/domain/retex/fill.ts:
// - `{name}` is replaced in place (the value inserted after the placeholder, then the placeholder deleted, so the
//   value takes the placeholder's own style); a line break in a value becomes a soft line break (U+000B), one
//   paragraph per template paragraph as in the .docx;
// - a table row with `{#loop}` in its first cell and `{/loop}` in its last is repeated per item (insertTableRow,
//   then each new cell's text and the template cell's paragraph and text style);
// - paragraphs between `{#loop}` and `{/loop}` (or `{^loop}`) alone on their paragraphs are repeated per item:
//   their text is inserted at once, the template paragraphs deleted, and each new paragraph given its template
//   paragraph's style (heading, quote…); a table among them is a new table per item (one paragraph per cell),
//   its cells styled like the template's and its borders copied (the committee pack's block per establishment);
// - `{@chart}` becomes a marker the caller replaces by the picture.
// Every edit only touches indexes at or after its own start, and edits are emitted from the end of each segment
// (body, footers, headers) backwards, so every index computed from the one read stays valid. Indexes are UTF-16
// code units, as JavaScript strings count them. Pure, no Node import: the REST runtime sends these requests, and
// Apps Script sends them through its advanced Docs service.
import type { docs_v1 } from '@googleapis/docs';
import {
  closingIndex,
  fillParagraphs,
  lineTag,
  lookup,
  loopItems,
  resolveText,
  RetexTemplateError,
  tagTokens,
  valueText,
  type LineTag,
  type RetexScopes,
  type TagToken,
} from '../domain/retex/fill';
import { retexFr } from '../domain/messages';
import type { RetexItem } from '../domain/retex/document';
import { frGoogleTemplate } from './messages';

type Request = docs_v1.Schema$Request;

/** A line break inside a paragraph (Docs' vertical tab), as docxtemplater's `linebreaks` gives in a .docx. */
export const SOFT_LINE_BREAK = '\u000b';
/** One index unit of something that is not text (a picture, a page number). */
const OBJECT = '\ufffc';

interface Paragraph {
  kind: 'p';
  start: number;
  end: number;
  /** The text without its final newline; non-text elements as U+FFFC, one per index. */
  text: string;
  style: docs_v1.Schema$ParagraphStyle;
  /** Style of the paragraph's first text run. */
  textStyle: docs_v1.Schema$TextStyle;
}
interface Cell {
  content: DocNode[];
}
interface Row {
  start: number;
  end: number;
  cells: Cell[];
}
interface Table {
  kind: 'table';
  start: number;
  end: number;
  rows: Row[];
  /** The first cell's borders and background, as Google reports them per cell. */
  cellStyle: docs_v1.Schema$TableCellStyle | undefined;
}
interface Other {
  kind: 'other';
  start: number;
  end: number;
}
type DocNode = Paragraph | Table | Other;

function parseContent(content: readonly docs_v1.Schema$StructuralElement[] | undefined): DocNode[] {
  return (content ?? []).map((e): DocNode => {
    const start = e.startIndex ?? 0;
    const end = e.endIndex ?? start;
    if (e.paragraph) {
      let text = '';
      let textStyle: docs_v1.Schema$TextStyle | undefined;
      for (const el of e.paragraph.elements ?? []) {
        const length = (el.endIndex ?? 0) - (el.startIndex ?? 0);
        if (el.textRun) {
          text += el.textRun.content ?? '';
          textStyle ??= el.textRun.textStyle ?? {};
        } else text += OBJECT.repeat(Math.max(0, length));
      }
      return {
        kind: 'p',
        start,
        end,
        text: text.endsWith('\n') ? text.slice(0, -1) : text,
        style: e.paragraph.paragraphStyle ?? {},
        textStyle: textStyle ?? {},
      };
    }
    if (e.table)
      return {
        kind: 'table',
        start,
        end,
        rows: (e.table.tableRows ?? []).map((r) => ({
          start: r.startIndex ?? 0,
          end: r.endIndex ?? 0,
          cells: (r.tableCells ?? []).map((c) => ({ content: parseContent(c.content) })),
        })),
        cellStyle: e.table.tableRows?.[0]?.tableCells?.[0]?.tableCellStyle ?? undefined,
      };
    return { kind: 'other', start, end };
  });
}

/** What a paragraph style says that a request may set (Google reports some fields it does not accept back). */
function writableParagraphStyle(style: docs_v1.Schema$ParagraphStyle): docs_v1.Schema$ParagraphStyle {
  const { headingId: _heading, tabStops: _tabs, ...rest } = style;
  return rest;
}

function writableTextStyle(style: docs_v1.Schema$TextStyle): docs_v1.Schema$TextStyle {
  const { link: _link, ...rest } = style;
  return rest;
}

/**
 * What of a cell's style a request may give every cell of a table: not the spans Google reports (« This property
 * is read-only », Docs API reference, TableCellStyle,
 * https://developers.google.com/workspace/docs/api/reference/rest/v1/documents#tablecellstyle); undefined when
 * nothing is left. That Google takes the rest back is not documented (docs/google-assumptions.md, R8).
 */
function writableCellStyle(
  style: docs_v1.Schema$TableCellStyle | undefined,
): docs_v1.Schema$TableCellStyle | undefined {
  if (!style) return undefined;
  const { rowSpan: _rows, columnSpan: _columns, ...rest } = style;
  const kept = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined && v !== null));
  return Object.keys(kept).length > 0 ? kept : undefined;
}

/** The text inserted for a value: its line breaks as soft line breaks. */
function insertable(text: string): string {
  return text.replace(/\r\n?|\n/g, SOFT_LINE_BREAK);
}

export interface DocFill {
  requests: Request[];
  /** Names the template uses that the model does not know (left empty). */
  unknownPlaceholders: string[];
  /** Whether the template had a `{@chart}` (now the marker). */
  chart: boolean;
}

interface Edit {
  start: number;
  requests: Request[];
}

class SegmentFiller {
  readonly edits: Edit[] = [];
  chart = false;

  constructor(
    private readonly segmentId: string | undefined,
    private readonly unknown: Set<string>,
    private readonly chartMarker: string,
    private readonly problems: string[],
  ) {}

  private location(index: number): docs_v1.Schema$Location {
    return this.segmentId ? { index, segmentId: this.segmentId } : { index };
  }

  private range(startIndex: number, endIndex: number): docs_v1.Schema$Range {
    return this.segmentId ? { startIndex, endIndex, segmentId: this.segmentId } : { startIndex, endIndex };
  }

  private styleRequests(at: number, length: number, source: Paragraph): Request[] {
    const out: Request[] = [
      {
        updateParagraphStyle: {
          range: this.range(at, at + length + 1),
          paragraphStyle: writableParagraphStyle(source.style),
          fields: '*',
        },
      },
    ];
    if (length > 0)
      out.push({
        updateTextStyle: {
          range: this.range(at, at + length),
          textStyle: writableTextStyle(source.textStyle),
          fields: '*',
        },
      });
    return out;
  }

  /** A list of sibling elements (a segment's content, or a cell's). */
  list(nodes: readonly DocNode[], scopes: RetexScopes): void {
    const tags: LineTag[] = nodes.map((n) => (n.kind === 'p' ? lineTag(n.text) : { kind: 'text' }));
    for (let i = 0; i < nodes.length; i += 1) {
      const node = nodes[i] as DocNode;
      const tag = tags[i] as LineTag;
      if (node.kind === 'table') {
        this.table(node, scopes);
        continue;
      }
      if (node.kind !== 'p') continue;
      if (tag.kind === 'open') {
        const close = closingIndex(tags, i);
        if (close === undefined) {
          this.problems.push(retexFr.loopNotClosed(tag.name));
          continue;
        }
        const block = nodes.slice(i, close + 1);
        const tables = block.filter((n): n is Table => n.kind === 'table');
        if (block.some((n) => n.kind === 'other'))
          this.problems.push(frGoogleTemplate.elementInLoop(tag.name));
        else if (tables.some((t) => !t.rows.every((r) => r.cells.every((c) => c.content.length === 1))))
          this.problems.push(frGoogleTemplate.loopTableParagraphs(tag.name));
        else {
          const next = nodes[close + 1];
          this.blockLoop(block as Array<Paragraph | Table>, scopes, next === undefined || next.kind !== 'p');
        }
        i = close;
        continue;
      }
      if (tag.kind === 'close') {
        this.problems.push(retexFr.loopNotOpened(tag.name));
        continue;
      }
      if (tag.kind === 'chart') {
        this.chart = true;
        this.inline(node, scopes, new Map(tagTokens(node.text).map((t) => [t.start, this.chartMarker])));
        continue;
      }
      this.inline(node, scopes, new Map());
    }
  }

  /**
   * Placeholders of one paragraph replaced in place, last first. `fixed` gives the text of some tokens (by start
   * offset): the chart marker, or nothing for the markers of a repeated table row.
   */
  private inline(p: Paragraph, scopes: RetexScopes, fixed: ReadonlyMap<number, string>): void {
    const tokens = tagTokens(p.text);
    if (tokens.length === 0) return;
    const loops = tokens.some((t) => t.kind !== '' && t.kind !== '@' && !fixed.has(t.start));
    if (loops) {
      // An inline loop: the whole text resolved at once (the paragraph keeps the style of its last character).
      const kept = tokens.filter((t) => fixed.has(t.start));
      let text = p.text;
      for (const t of [...kept].reverse())
        text = text.slice(0, t.start) + (fixed.get(t.start) ?? '') + text.slice(t.end);
      let resolved = '';
      try {
        resolved = resolveText(text, scopes, this.unknown);
      } catch (error) {
        if (error instanceof RetexTemplateError) this.problems.push(...error.problems);
        else throw error;
        return;
      }
      const requests: Request[] = [];
      const value = insertable(resolved);
      if (value !== '') requests.push({ insertText: { location: this.location(p.end - 1), text: value } });
      if (p.text.length > 0)
        requests.push({ deleteContentRange: { range: this.range(p.start, p.start + p.text.length) } });
      this.edits.push({ start: p.start, requests });
      return;
    }
    for (const t of tokens) {
      const value = fixed.has(t.start) ? (fixed.get(t.start) ?? '') : this.scalar(t, scopes);
      this.edits.push({ start: p.start + t.start, requests: this.replaceRequests(p.start, t, value) });
    }
  }

  private scalar(t: TagToken, scopes: RetexScopes): string {
    if (t.kind === '@') {
      if (t.name !== 'chart') this.unknown.add(t.name);
      return '';
    }
    const value = lookup(t.name, scopes);
    if (value === undefined) this.unknown.add(t.name);
    return insertable(valueText(value));
  }

  /** The value inserted right after the placeholder (taking its style), then the placeholder deleted. */
  private replaceRequests(paragraphStart: number, t: TagToken, value: string): Request[] {
    const start = paragraphStart + t.start;
    const end = paragraphStart + t.end;
    return [
      ...(value === '' ? [] : [{ insertText: { location: this.location(end), text: value } }]),
      { deleteContentRange: { range: this.range(start, end) } },
    ];
  }

  /** Paragraph and text styles for a run of new paragraphs from `at`, consecutive ones of one style together. */
  private runStyles(at: number, run: ReadonlyArray<{ source: Paragraph; text: string }>): Request[] {
    // Consecutive paragraphs of one style take it in one pair of requests over all of them (a quote per item…):
    // a range's paragraph style reaches every paragraph it touches, its text style every character.
    const styleKey = (p: Paragraph) => JSON.stringify([p.style, p.textStyle]);
    const out: Request[] = [];
    for (let k = 0; k < run.length;) {
      const { source } = run[k] as { source: Paragraph };
      let length = (run[k] as { text: string }).text.length;
      let next = k + 1;
      while (
        next < run.length &&
        styleKey((run[next] as { source: Paragraph }).source) === styleKey(source)
      ) {
        length += 1 + (run[next] as { text: string }).text.length;
        next += 1;
      }
      out.push(...this.styleRequests(at, length, source));
      at += length + 1;
      k = next;
    }
    return out;
  }

  /**
   * Paragraphs (and tables) between loop markers: their output inserted before the block, front to back, then the
   * block deleted. The Docs API copies no element, so a table of the block is a new table per item
   * (insertTable), its cells written and styled like the template's, its cells' borders and background copied.
   * insertTable puts a newline before the table: the paragraph before it is written without its own newline, so
   * that one ends it (« A newline character will be inserted before the inserted table », Docs API reference,
   * InsertTableRequest, https://developers.google.com/workspace/docs/api/reference/rest/v1/documents/request#inserttablerequest).
   */
  private blockLoop(
    block: ReadonlyArray<Paragraph | Table>,
    scopes: RetexScopes,
    lastBeforeBoundary: boolean,
  ): void {
    let filled: Array<{ source: Paragraph | Table; text: string; scopes: RetexScopes }>;
    try {
      filled = fillParagraphs(block, (n) => (n.kind === 'p' ? n.text : ''), scopes, this.unknown);
    } catch (error) {
      if (error instanceof RetexTemplateError) this.problems.push(...error.problems);
      else throw error;
      return;
    }
    const first = block[0] as Paragraph;
    const last = block[block.length - 1] as Paragraph;
    const requests: Request[] = [];
    let cursor = first.start;
    let run: Array<{ source: Paragraph; text: string }> = [];
    for (const f of filled) {
      if (f.source.kind === 'p') {
        run.push({ source: f.source, text: insertable(f.text) });
        continue;
      }
      // The run before the table, its last newline left to insertTable.
      const text = run.map((r) => r.text).join('\n');
      if (text !== '') requests.push({ insertText: { location: this.location(cursor), text } });
      const at = cursor + text.length;
      const tableStart = at + 1;
      const table = this.newTable(f.source, tableStart, f.scopes);
      requests.push(...table.requests);
      if (run.length > 0) requests.push(...this.runStyles(cursor, run));
      cursor = tableStart + table.length;
      run = [];
    }
    if (run.length > 0) {
      const text = run.map((r) => `${r.text}\n`).join('');
      requests.push({ insertText: { location: this.location(cursor), text } });
      requests.push(...this.runStyles(cursor, run));
      cursor += text.length;
    }
    // The last newline of a segment or cell, and a newline just before a table, cannot be deleted: an empty
    // paragraph stays there instead.
    const inserted = cursor - first.start;
    const end = last.end + inserted - (lastBeforeBoundary ? 1 : 0);
    if (end > cursor) requests.push({ deleteContentRange: { range: this.range(cursor, end) } });
    this.edits.push({ start: first.start, requests });
  }

  /**
   * A new table at `start` (the index insertTable gives it) like `source`, its cells resolved in `scopes`; its
   * length once written.
   */
  private newTable(
    source: Table,
    start: number,
    scopes: RetexScopes,
  ): { requests: Request[]; length: number } {
    const cells = source.rows.map((r) => r.cells.map((c) => c.content[0] as Paragraph));
    const columns = Math.max(...cells.map((r) => r.length));
    const texts = cells.map((row) =>
      Array.from({ length: columns }, (_, c) => {
        const cell = row[c];
        if (!cell) return '';
        try {
          return insertable(resolveText(cell.text, scopes, this.unknown));
        } catch (error) {
          if (error instanceof RetexTemplateError) this.problems.push(...error.problems);
          else throw error;
          return '';
        }
      }),
    );
    const requests: Request[] = [
      { insertTable: { rows: texts.length, columns, location: this.location(start - 1) } },
    ];
    // An empty table: 1 to open, per row 1, per cell 1 and its empty paragraph. Texts from the last cell back.
    for (let r = texts.length - 1; r >= 0; r -= 1)
      for (let c = columns - 1; c >= 0; c -= 1) {
        const text = texts[r]?.[c] ?? '';
        if (text !== '')
          requests.push({
            insertText: { location: this.location(start + 1 + r * (1 + 2 * columns) + 2 + 2 * c), text },
          });
      }
    requests.push(...this.newRowStyles(start + 1, (r) => cells[r] ?? [], texts));
    const cellStyle = writableCellStyle(source.cellStyle);
    if (cellStyle)
      requests.push({
        updateTableCellStyle: {
          tableStartLocation: this.location(start),
          tableCellStyle: cellStyle,
          fields: Object.keys(cellStyle).join(','),
        },
      });
    // 1 to open and 1 to close; per row 1; per cell 1, its text and its paragraph's newline.
    const length = 2 + texts.reduce((n, row) => n + 1 + row.reduce((m, t) => m + 2 + t.length, 0), 0);
    return { requests, length };
  }

  private table(table: Table, scopes: RetexScopes): void {
    table.rows.forEach((row, r) => {
      const loop = this.rowLoop(row);
      if (loop === undefined) {
        for (const cell of row.cells) this.list(cell.content, scopes);
        return;
      }
      if (loop === null) return;
      this.repeatRow(table, row, r, loop, scopes);
    });
  }

  /** The loop a row repeats over (its markers), undefined for a plain row, null for a refused one. */
  private rowLoop(row: Row): { name: string; open: TagToken; close: TagToken } | null | undefined {
    const firstCell = row.cells[0]?.content[0];
    const lastCell = row.cells[row.cells.length - 1]?.content;
    const lastParagraph = lastCell?.[lastCell.length - 1];
    if (firstCell?.kind !== 'p' || lastParagraph?.kind !== 'p') return undefined;
    const open = tagTokens(firstCell.text)[0];
    const closes = tagTokens(lastParagraph.text);
    const close = closes[closes.length - 1];
    if (!open || open.kind !== '#' || firstCell.text.slice(0, open.start).trim() !== '') return undefined;
    if (!close || close.kind !== '/' || close.name !== open.name) return undefined;
    if (lastParagraph.text.slice(close.end).trim() !== '') return undefined;
    if (row.cells.some((c) => c.content.length !== 1 || c.content[0]?.kind !== 'p')) {
      this.problems.push(frGoogleTemplate.loopRowParagraphs(open.name));
      return null;
    }
    return { name: open.name, open, close };
  }

  /**
   * The styles of the rows inserted after the template row (ending at `from`), their texts in: the style most of
   * the template's cells share, in one pair of requests over every new cell (a style range may span table cells),
   * then each cell of another style (a bold first column) on its own.
   */
  private newRowStyles(
    from: number,
    cellsOf: (row: number) => readonly Paragraph[],
    texts: readonly string[][],
  ): Request[] {
    const key = (p: Paragraph) => JSON.stringify([p.style, p.textStyle]);
    const starts: Array<{ at: number; length: number; cell: Paragraph }> = [];
    let at = from;
    texts.forEach((rowTexts, r) => {
      at += 1;
      rowTexts.forEach((text, c) => {
        at += 1;
        const cell = cellsOf(r)[c];
        if (cell) starts.push({ at, length: text.length, cell });
        at += text.length + 1;
      });
    });
    const counts = new Map<string, number>();
    for (const { cell } of starts) counts.set(key(cell), (counts.get(key(cell)) ?? 0) + 1);
    const common = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
    const shared = starts.find((s) => key(s.cell) === common)?.cell as Paragraph;
    const first = starts[0];
    const last = starts[starts.length - 1];
    if (!first || !last) return [];
    const out: Request[] = [];
    if (starts.length === 1) out.push(...this.styleRequests(first.at, first.length, shared));
    else
      out.push(
        {
          updateParagraphStyle: {
            range: this.range(first.at, last.at + last.length + 1),
            paragraphStyle: writableParagraphStyle(shared.style),
            fields: '*',
          },
        },
        {
          updateTextStyle: {
            range: this.range(first.at, last.at + Math.max(last.length, 1)),
            textStyle: writableTextStyle(shared.textStyle),
            fields: '*',
          },
        },
      );
    for (const s of starts)
      if (key(s.cell) !== common && starts.length > 1)
        out.push(...this.styleRequests(s.at, s.length, s.cell));
    return out;
  }

  private repeatRow(
    table: Table,
    row: Row,
    rowIndex: number,
    loop: { name: string; open: TagToken; close: TagToken },
    scopes: RetexScopes,
  ): void {
    const cells = row.cells.map((c) => c.content[0] as Paragraph);
    const value = lookup(loop.name, scopes);
    if (value === undefined) this.unknown.add(loop.name);
    const items: RetexItem[] = loopItems(value);
    const cellLocation = {
      tableStartLocation: this.location(table.start),
      rowIndex,
      columnIndex: 0,
    };
    if (items.length === 0) {
      this.edits.push({
        start: row.start,
        requests:
          table.rows.length === 1
            ? [{ deleteContentRange: { range: this.range(table.start, table.end) } }]
            : [{ deleteTableRow: { tableCellLocation: cellLocation } }],
      });
      return;
    }
    // The template row's own markers, removed wherever they are.
    const markerText = (c: number) => {
      let text = cells[c]?.text ?? '';
      if (c === cells.length - 1) text = text.slice(0, loop.close.start) + text.slice(loop.close.end);
      if (c === 0) text = text.slice(0, loop.open.start) + text.slice(loop.open.end);
      return text;
    };
    const requests: Request[] = [];
    for (let k = 1; k < items.length; k += 1)
      requests.push({ insertTableRow: { tableCellLocation: cellLocation, insertBelow: true } });
    // A new row is empty: 1 index to open it, then per cell 1 to open it and 1 for its empty paragraph. The texts
    // go in from the last cell back, so every index computed before any insertion stays valid.
    const rowLength = 1 + 2 * cells.length;
    const texts: string[][] = [];
    for (let j = items.length - 2; j >= 0; j -= 1) {
      const rowStart = row.end + j * rowLength;
      const rowTexts: string[] = [];
      for (let c = cells.length - 1; c >= 0; c -= 1) {
        const at = rowStart + 2 + 2 * c;
        let text = '';
        try {
          text = insertable(resolveText(markerText(c), [items[j + 1] as RetexItem, ...scopes], this.unknown));
        } catch (error) {
          if (error instanceof RetexTemplateError) this.problems.push(...error.problems);
          else throw error;
        }
        if (text !== '') requests.push({ insertText: { location: this.location(at), text } });
        rowTexts[c] = text;
      }
      texts[j] = rowTexts;
    }
    requests.push(...this.newRowStyles(row.end, () => cells, texts));
    // The template row takes the first item, its placeholders replaced in place (styles kept).
    const own = new SegmentFiller(this.segmentId, this.unknown, this.chartMarker, this.problems);
    cells.forEach((p, c) => {
      const fixed = new Map<number, string>();
      if (c === 0) fixed.set(loop.open.start, '');
      if (c === cells.length - 1) fixed.set(loop.close.start, '');
      own.inline(p, [items[0] as RetexItem, ...scopes], fixed);
    });
    for (const e of own.edits.sort((a, b) => b.start - a.start)) requests.push(...e.requests);
    this.edits.push({ start: row.start, requests });
  }
}

/**
 * Requests per batch: the fill of one document is split at the cap reported in practice (Google documents none:
 * docs/google-assumptions.md, R4), so most RETEX documents go in one call.
 */
export const FILL_BATCH = 500;

/**
 * The requests that fill a copy of a template from a model's values. `chartMarker` is the text left where
 * `{@chart}` was (the caller puts the picture there). Throws RetexTemplateError for a template it cannot fill.
 */
export function retexDocFill(
  document: docs_v1.Schema$Document,
  values: RetexItem,
  chartMarker: string,
): DocFill {
  const unknown = new Set<string>();
  const problems: string[] = [];
  type Segment = { id: string | undefined; content: docs_v1.Schema$StructuralElement[] | undefined };
  const segments: Segment[] = [
    { id: undefined, content: document.body?.content },
    ...Object.entries(document.footers ?? {}).map(([id, f]) => ({
      id: f.footerId ?? id,
      content: f.content,
    })),
    ...Object.entries(document.headers ?? {}).map(([id, h]) => ({
      id: h.headerId ?? id,
      content: h.content,
    })),
  ];
  const requests: Request[] = [];
  let chart = false;
  for (const segment of segments) {
    const filler = new SegmentFiller(segment.id, unknown, chartMarker, problems);
    filler.list(parseContent(segment.content), [values]);
    chart ||= filler.chart;
    for (const e of filler.edits.sort((a, b) => b.start - a.start)) requests.push(...e.requests);
  }
  if (problems.length > 0) throw new RetexTemplateError([...new Set(problems)]);
  unknown.delete('chart');
  return { requests, unknownPlaceholders: [...unknown].sort(), chart };
}
