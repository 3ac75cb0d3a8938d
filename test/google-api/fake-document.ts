// A Google Doc in memory for the RETEX plumbing tests: paragraphs and tables with Docs-style UTF-16 indexes
// (body from 1; a table counts 1 to open, 1 per row, 1 per cell, its cells' text, 1 to close). It applies
// replaceAllText (literal, per paragraph, like Docs), deleteContentRange within one paragraph, insertTable before
// the paragraph at the location, insertText. It does NOT emulate styles, headers/footers, the newline Docs adds
// before an inserted table, or any request not listed (they fail with 400).
import type { docs_v1 } from '@googleapis/docs';
import { FakeHttpError } from './fake-workspace';

type Element = { kind: 'p'; text: string } | { kind: 'table'; cells: string[][] };

export class FakeDocument {
  elements: Element[];
  batches: docs_v1.Schema$Request[][] = [];
  constructor(
    readonly id: string,
    paragraphs: string[],
  ) {
    this.elements = paragraphs.map((p) => ({ kind: 'p', text: `${p}\n` }));
  }

  clone(id: string): FakeDocument {
    const copy = new FakeDocument(id, []);
    copy.elements = JSON.parse(JSON.stringify(this.elements)) as Element[];
    return copy;
  }

  /** Every paragraph's text with its indexes, cells included, in document order. */
  private spans(): Array<{
    start: number;
    end: number;
    get: () => string;
    set: (t: string) => void;
    element: number;
  }> {
    const out: Array<{
      start: number;
      end: number;
      get: () => string;
      set: (t: string) => void;
      element: number;
    }> = [];
    let i = 1;
    this.elements.forEach((e, n) => {
      if (e.kind === 'p') {
        out.push({
          start: i,
          end: i + e.text.length,
          get: () => e.text,
          set: (t) => (e.text = t),
          element: n,
        });
        i += e.text.length;
        return;
      }
      i += 1;
      e.cells.forEach((row) => {
        i += 1;
        row.forEach((_, c) => {
          i += 1;
          const text = `${row[c] ?? ''}\n`;
          out.push({
            start: i,
            end: i + text.length,
            get: () => `${row[c] ?? ''}\n`,
            set: (t) => (row[c] = t.slice(0, -1)),
            element: n,
          });
          i += text.length;
        });
      });
      i += 1;
    });
    return out;
  }

  get(): docs_v1.Schema$Document {
    const content: docs_v1.Schema$StructuralElement[] = [];
    let i = 1;
    const paragraph = (text: string): docs_v1.Schema$StructuralElement => {
      const el = {
        startIndex: i,
        endIndex: i + text.length,
        paragraph: { elements: [{ startIndex: i, endIndex: i + text.length, textRun: { content: text } }] },
      };
      i += text.length;
      return el;
    };
    for (const e of this.elements) {
      if (e.kind === 'p') {
        content.push(paragraph(e.text));
        continue;
      }
      const start = i;
      i += 1;
      const tableRows = e.cells.map((row) => {
        i += 1;
        return {
          tableCells: row.map((cell) => {
            i += 1;
            return { content: [paragraph(`${cell}\n`)] };
          }),
        };
      });
      i += 1;
      content.push({
        startIndex: start,
        endIndex: i,
        table: { rows: e.cells.length, columns: e.cells[0]?.length ?? 0, tableRows },
      });
    }
    return { documentId: this.id, body: { content } };
  }

  batchUpdate(requests: docs_v1.Schema$Request[]): docs_v1.Schema$BatchUpdateDocumentResponse {
    const replies: docs_v1.Schema$Response[] = [];
    for (const r of requests) {
      if (r.replaceAllText) {
        const find = r.replaceAllText.containsText?.text ?? '';
        const by = r.replaceAllText.replaceText ?? '';
        if (find === '' || r.replaceAllText.containsText?.searchByRegex)
          throw new FakeHttpError(400, { error: { code: 400, message: 'Fake: literal search only' } });
        let count = 0;
        for (const span of this.spans()) {
          const parts = span.get().split(find);
          count += parts.length - 1;
          if (parts.length > 1) span.set(parts.join(by));
        }
        replies.push({ replaceAllText: { occurrencesChanged: count } });
      } else if (r.deleteContentRange) {
        const { startIndex = 0, endIndex = 0 } = r.deleteContentRange.range ?? {};
        const span = this.spans().find((s) => s.start <= (startIndex ?? 0) && (endIndex ?? 0) < s.end);
        if (!span)
          throw new FakeHttpError(400, {
            error: { code: 400, message: 'Fake: deletion must stay inside one paragraph' },
          });
        const t = span.get();
        span.set(t.slice(0, (startIndex ?? 0) - span.start) + t.slice((endIndex ?? 0) - span.start));
        replies.push({});
      } else if (r.insertTable) {
        const index = r.insertTable.location?.index ?? -1;
        const span = this.spans().find((s) => s.start === index && this.elements[s.element]?.kind === 'p');
        if (!span)
          throw new FakeHttpError(400, {
            error: { code: 400, message: `Fake: no paragraph starts at ${index}` },
          });
        const cells = Array.from({ length: r.insertTable.rows ?? 1 }, () =>
          Array<string>(r.insertTable?.columns ?? 1).fill(''),
        );
        this.elements.splice(span.element, 0, { kind: 'table', cells });
        replies.push({});
      } else if (r.insertText) {
        const index = r.insertText.location?.index ?? -1;
        const span = this.spans().find((s) => s.start <= index && index < s.end);
        if (!span)
          throw new FakeHttpError(400, {
            error: { code: 400, message: `Fake: index ${index} outside the text` },
          });
        const t = span.get();
        span.set(t.slice(0, index - span.start) + (r.insertText.text ?? '') + t.slice(index - span.start));
        replies.push({});
      } else
        throw new FakeHttpError(400, {
          error: { code: 400, message: `Fake: unsupported ${Object.keys(r).join(',')}` },
        });
    }
    this.batches.push(requests);
    return { documentId: this.id, replies };
  }

  /** The text a reader sees: paragraphs, and tables as rows of cells joined by « | ». */
  text(): string {
    return this.elements
      .map((e) => (e.kind === 'p' ? e.text : `${e.cells.map((r) => r.join(' | ')).join('\n')}\n`))
      .join('');
  }
}
