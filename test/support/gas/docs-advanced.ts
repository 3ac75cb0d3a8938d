// documents.get and documents.batchUpdate over the documents DocumentApp reads (document-app.ts), for BOTH façades:
// the advanced Docs service (Docs API v1, FakeDocsAdvanced below) and the REST route the CLI calls
// (../google-api/google-mocks.ts) call the same getDocument and batchUpdateDocument, which throw FakeHttpError;
// each façade words the refusal its own way (Apps Script's message below, an HTTP status and body for REST). Each
// call turns the emulator's document into the Docs API's index model and back, and the Docs API's rules are
// fake-document.ts's (UTF-16 indexes, the last newline of a segment or cell kept, the newline before a table kept,
// no part of a table deleted, images only from a URI Google can fetch: a public image file of Drive's one
// registry), written once. A Doc made through REST (Drive's import of a .docx, files.copy) is an emulator document
// too (writeDocument, DocumentStore.copy), so DocumentApp opens what documents.get shows.
// A batch applies whole or not at all: « Each request is validated before being applied. If any request is not
// valid, then the entire request will fail and nothing will be applied. » (Docs API reference, « Method:
// documents.batchUpdate », https://developers.google.com/workspace/docs/api/reference/rest/v1/documents/batchUpdate).
// Errors read as Apps Script's advanced services word them (« API call to docs.documents.batchUpdate failed with
// error: … »).
//
// What the two models share: a paragraph's text ('\n' inside a DocumentApp paragraph is the Docs API's soft line
// break U+000B), its heading (namedStyleType) and the attributes the RETEX templates use (bold, italic, font size,
// colour, alignment, indents), a table's cells (a cell's paragraphs joined by '\n'), the footer and header, inline
// images (kept as they were; the Docs API cannot insert a blob), mixed formatting inside a paragraph (DocumentApp's
// `runs`, as runs of alternate weight), a page number after a footer's text (`pageNumber`), a picture's source URI.
// Headers travel as a second footer segment (same index rules; documents.get lists them under `footers`). Where the
// models differ, what a round trip loses is lost for both façades, the stricter side: a paragraph's text style is its
// first character's, other runs differ only by weight (an italic word inside a plain paragraph comes back bold), a
// cell's paragraphs share its first paragraph's style and a soft line break in a cell comes back a paragraph break
// (same indexes), pictures sit after a paragraph's text, and pictures in cells are dropped. A .docx import keeps
// only its first footer. Does not emulate: list items (refused, stricter), cell background colours, suggestions,
// tabs, revision ids.
import type { docs_v1 } from '@googleapis/docs';
import type { GasAttributes, GasDocsAdvanced } from '../../../src/apps-script/gas-api';
import {
  FakeDocument,
  type FakeBlock,
  type FakeChar,
  type FakeParagraph,
  type FakeTable,
} from '../google-api/fake-document';
import { FakeHttpError } from '../google-api/http-error';
import type {
  BlockNode,
  DocData,
  DocImage,
  DocumentStore,
  ParagraphNode,
  SectionNode,
  TableNode,
} from './document-app';
import type { DriveRegistry } from './drive-app';
import type { GasRuntime } from './runtime';

const OBJECT = '\ufffc';
const SOFT_BREAK = '\u000b';
const FOOTER_ID = 'kix.footer';
const HEADER_ID = 'kix.header';

const HEADINGS: Record<string, string> = {
  NORMAL: 'NORMAL_TEXT',
  TITLE: 'TITLE',
  SUBTITLE: 'SUBTITLE',
  HEADING1: 'HEADING_1',
  HEADING2: 'HEADING_2',
  HEADING3: 'HEADING_3',
  HEADING4: 'HEADING_4',
  HEADING5: 'HEADING_5',
  HEADING6: 'HEADING_6',
};
const headingOf = (named: string | null | undefined): string =>
  Object.entries(HEADINGS).find(([, v]) => v === named)?.[0] ?? 'NORMAL';

const pt = (magnitude: unknown) => ({ magnitude: Number(magnitude), unit: 'PT' });

function rgb(hex: string): docs_v1.Schema$OptionalColor {
  const n = Number.parseInt(hex.replace('#', ''), 16);
  return {
    color: { rgbColor: { red: (n >> 16) / 255, green: ((n >> 8) & 255) / 255, blue: (n & 255) / 255 } },
  };
}
function hex(color: docs_v1.Schema$OptionalColor | undefined): string | undefined {
  const c = color?.color?.rgbColor;
  if (!c) return undefined;
  const byte = (v: number | null | undefined) =>
    Math.round((v ?? 0) * 255)
      .toString(16)
      .padStart(2, '0');
  return `#${byte(c.red)}${byte(c.green)}${byte(c.blue)}`.toUpperCase();
}

function textStyleOf(attrs: GasAttributes): docs_v1.Schema$TextStyle {
  const style: docs_v1.Schema$TextStyle = {};
  if (attrs.BOLD !== undefined && attrs.BOLD !== null) style.bold = Boolean(attrs.BOLD);
  if (attrs.ITALIC !== undefined && attrs.ITALIC !== null) style.italic = Boolean(attrs.ITALIC);
  if (typeof attrs.FONT_SIZE === 'number') style.fontSize = pt(attrs.FONT_SIZE);
  if (typeof attrs.FOREGROUND_COLOR === 'string') style.foregroundColor = rgb(attrs.FOREGROUND_COLOR);
  return style;
}
function paragraphStyleOf(node: ParagraphNode): docs_v1.Schema$ParagraphStyle {
  const { attrs } = node;
  const style: docs_v1.Schema$ParagraphStyle = { namedStyleType: HEADINGS[node.heading] ?? 'NORMAL_TEXT' };
  if (attrs.HORIZONTAL_ALIGNMENT === 'CENTER') style.alignment = 'CENTER';
  if (attrs.HORIZONTAL_ALIGNMENT === 'LEFT') style.alignment = 'START';
  if (typeof attrs.INDENT_START === 'number') style.indentStart = pt(attrs.INDENT_START);
  if (typeof attrs.INDENT_FIRST_LINE === 'number') style.indentFirstLine = pt(attrs.INDENT_FIRST_LINE);
  return style;
}
function attrsOf(paragraph: docs_v1.Schema$ParagraphStyle, text: docs_v1.Schema$TextStyle): GasAttributes {
  const attrs: GasAttributes = {};
  if (paragraph.alignment === 'CENTER') attrs.HORIZONTAL_ALIGNMENT = 'CENTER';
  if (paragraph.alignment === 'START') attrs.HORIZONTAL_ALIGNMENT = 'LEFT';
  if (paragraph.indentStart?.magnitude != null) attrs.INDENT_START = paragraph.indentStart.magnitude;
  if (paragraph.indentFirstLine?.magnitude != null)
    attrs.INDENT_FIRST_LINE = paragraph.indentFirstLine.magnitude;
  if (text.bold != null) attrs.BOLD = text.bold;
  if (text.italic != null) attrs.ITALIC = text.italic;
  if (text.fontSize?.magnitude != null) attrs.FONT_SIZE = text.fontSize.magnitude;
  const color = hex(text.foregroundColor);
  if (color) attrs.FOREGROUND_COLOR = color;
  return attrs;
}

/** One emulator document seen as the Docs API sees it, and how to write the result back. */
class Bridge {
  readonly doc: FakeDocument;
  private readonly images = new Map<string, DocImage>();
  private readonly tableAttrs = new WeakMap<FakeTable, GasAttributes>();

  constructor(private readonly data: DocData) {
    this.doc = new FakeDocument(data.id, this.blocks(data.body));
    if (data.footer) this.doc.footers.set(FOOTER_ID, this.blocks(data.footer));
    // The REST fake keeps headers with its footers: segments are addressed by id alike.
    if (data.header) this.doc.footers.set(HEADER_ID, this.blocks(data.header));
  }

  private paragraph(node: ParagraphNode): FakeParagraph {
    if (node.type === 'LIST_ITEM')
      throw new Error('The emulator does not model list items through the Docs API.');
    const style = textStyleOf(node.attrs);
    // One index per UTF-16 code unit, as Docs counts. Where DocumentApp's formatting changes (`runs`, set by a
    // test), every other run is told apart by its weight.
    const starts = node.runs ?? [0];
    const chars: FakeChar[] = node.text.split('').map((u, i) => {
      const run = starts.filter((r) => r <= i).length - 1;
      return {
        ch: u === '\n' || u === '\r' ? SOFT_BREAK : u,
        style: run % 2 === 1 ? { ...style, bold: !style.bold } : { ...style },
      };
    });
    if (node.pageNumber) chars.push({ ch: OBJECT, style: { ...style }, kind: 'page' });
    for (const image of node.images) {
      const uri = image.uri ?? `emulator-image:${this.images.size}`;
      this.images.set(uri, image);
      chars.push({ ch: OBJECT, style: {}, kind: 'image', uri });
    }
    chars.push({ ch: '\n', style: { ...style } });
    return { kind: 'p', chars, style: paragraphStyleOf(node) };
  }

  private table(node: TableNode): FakeTable {
    const table: FakeTable = {
      kind: 'table',
      rows: node.rows.map((row) =>
        row.cells.map((cell) =>
          cell.text.split('\n').map((line) =>
            this.paragraph({
              type: 'PARAGRAPH',
              text: line,
              heading: 'NORMAL',
              attrs: cell.attrs,
              images: [],
            }),
          ),
        ),
      ),
    };
    // DocumentApp's border colour is the Docs API's cell borders (the other way in tableAttrsOf).
    const border = node.attrs.BORDER_COLOR;
    if (typeof border === 'string') {
      const side = { color: rgb(border) };
      table.cellStyle = { borderTop: side, borderBottom: side, borderLeft: side, borderRight: side };
    }
    this.tableAttrs.set(table, node.attrs);
    return table;
  }

  /** DocumentApp's attributes of a table: as it was read, with the border colour the Docs API gave it. */
  private tableAttrsOf(table: FakeTable): GasAttributes {
    const attrs = { ...(this.tableAttrs.get(table) ?? {}) };
    const border = hex(table.cellStyle?.borderTop?.color);
    if (border) attrs.BORDER_COLOR = border;
    return attrs;
  }

  private blocks(section: SectionNode): FakeBlock[] {
    return section.children.map((n) => (n.type === 'TABLE' ? this.table(n) : this.paragraph(n)));
  }

  private back(block: FakeBlock): BlockNode {
    if (block.kind === 'table') {
      return {
        type: 'TABLE',
        attrs: this.tableAttrsOf(block),
        rows: block.rows.map((row) => ({
          type: 'TABLE_ROW' as const,
          attrs: {},
          cells: row.map((cell) => {
            const paragraphs = cell.filter((b): b is FakeParagraph => b.kind === 'p');
            const first = paragraphs[0];
            return {
              type: 'TABLE_CELL' as const,
              text: paragraphs
                .map((p) => this.back(p) as ParagraphNode)
                .map((p) => p.text)
                .join('\n'),
              attrs: first ? attrsOf(first.style, first.chars[0]?.style ?? {}) : {},
            };
          }),
        })),
      };
    }
    const chars = block.chars.slice(0, -1);
    const text = chars.filter((c) => c.kind === undefined);
    const runs: number[] = [];
    text.forEach((c, i) => {
      if (i === 0 || JSON.stringify(c.style) !== JSON.stringify(text[i - 1]?.style)) runs.push(i);
    });
    const images = chars
      .filter((c) => c.kind === 'image')
      .map((c) => this.images.get(c.uri ?? '') ?? { contentType: 'image/png', uri: c.uri ?? '' });
    return {
      ...(chars.some((c) => c.kind === 'page') ? { pageNumber: true } : {}),
      type: 'PARAGRAPH',
      text: text.map((c) => (c.ch === SOFT_BREAK ? '\n' : c.ch)).join(''),
      ...(runs.length > 1 ? { runs } : {}),
      heading: headingOf(block.style.namedStyleType),
      attrs: attrsOf(block.style, text[0]?.style ?? block.chars[block.chars.length - 1]?.style ?? {}),
      images,
    };
  }

  /** Writes the Docs model back into the emulator's document. */
  commit(): void {
    // What the Docs API applies is saved at once: no saveAndClose.
    this.data.saved = true;
    this.data.body.children = this.doc.body.map((b) => this.back(b));
    const footer = this.doc.footers.get(FOOTER_ID);
    if (footer && this.data.footer) this.data.footer.children = footer.map((b) => this.back(b));
    const header = this.doc.footers.get(HEADER_ID);
    if (header && this.data.header) this.data.header.children = header.map((b) => this.back(b));
  }
}

/** The error Apps Script throws when an advanced service call fails. */
function apiError(method: string, error: unknown): Error {
  const message =
    error instanceof FakeHttpError
      ? error.body.error.message
      : error instanceof Error
        ? error.message
        : String(error);
  return new Error(`API call to docs.documents.${method} failed with error: ${message}`);
}

const notFound = () =>
  new FakeHttpError(404, { error: { code: 404, message: 'Requested entity was not found.' } });

function open(documents: DocumentStore, documentId: string): DocData {
  try {
    return documents.get(documentId);
  } catch {
    throw notFound();
  }
}

/**
 * Whether Google can fetch a picture from `uri` when inserting it: only an image file of the account's Drive that
 * anyone with the link may read (the CLI's download link, `?id=…`), as the Docs API must fetch it itself.
 */
export function imageFetchable(drive: DriveRegistry, uri: string): boolean {
  const id = /[?&]id=([^&]+)/.exec(uri)?.[1];
  const entry = id ? drive.entries.get(id) : undefined;
  return (
    !!entry &&
    !entry.trashed &&
    (entry.mimeType ?? '').startsWith('image/') &&
    drive.permissions.some((p) => p.fileId === entry.id && p.body.type === 'anyone')
  );
}

/**
 * documents.get on the emulator's documents, as both façades answer it (the advanced Docs service and the REST
 * route): the Docs API's index model with the title. A missing or trashed document: FakeHttpError 404.
 */
export function getDocument(documents: DocumentStore, documentId: string): docs_v1.Schema$Document {
  const data = open(documents, documentId);
  return { ...new Bridge(data).doc.get(), title: data.name };
}

/**
 * documents.batchUpdate on the emulator's documents, as both façades apply it: the document read as the Docs API
 * sees it, every request validated and applied by the one interpreter (fake-document.ts), written back only when
 * the whole batch passed. Refusals are FakeHttpError (404 missing document, 400 empty or invalid batch); each façade
 * words them its own way.
 */
export function batchUpdateDocument(
  documents: DocumentStore,
  documentId: string,
  requests: docs_v1.Schema$Request[],
): docs_v1.Schema$BatchUpdateDocumentResponse {
  const data = open(documents, documentId);
  if (requests.length === 0)
    throw new FakeHttpError(400, { error: { code: 400, message: 'Must specify at least one request.' } });
  const bridge = new Bridge(data);
  bridge.doc.fetchable = (uri) => imageFetchable(documents.drive, uri);
  const response = bridge.doc.batchUpdate(requests);
  bridge.commit();
  return response;
}

/**
 * The content of a Google Doc made outside DocumentApp (Drive's import of a .docx, through the REST façade) written
 * into an emulator document: the same conversion as a batch's result, so what DocumentApp opens is what
 * documents.get shows, within what the two models share (above). The first footer segment becomes the footer.
 */
export function writeDocument(data: DocData, content: FakeDocument): void {
  const [footer] = [...content.footers.values()];
  data.footer = footer ? { type: 'FOOTER_SECTION', children: [] } : null;
  const bridge = new Bridge(data);
  bridge.doc.body = content.body;
  bridge.doc.footers.clear();
  if (footer) bridge.doc.footers.set(FOOTER_ID, footer);
  bridge.commit();
}

/** A read-only snapshot of an emulator document in the Docs API's model (what a test reads with `read()`). */
export function documentModel(data: DocData): FakeDocument {
  return new Bridge(data).doc;
}

export class FakeDocsAdvanced implements GasDocsAdvanced {
  /** Every batch applied, by document id (what a test reads to count requests). */
  readonly batches = new Map<string, docs_v1.Schema$Request[][]>();

  constructor(
    private readonly rt: GasRuntime,
    private readonly documents: DocumentStore,
  ) {}

  readonly Documents = {
    get: (documentId: string): GoogleAppsScript.Docs.Schema.Document => {
      this.rt.call('Docs.Documents.get', 'docs-read');
      try {
        return getDocument(this.documents, documentId) as GoogleAppsScript.Docs.Schema.Document;
      } catch (error) {
        throw apiError('get', error);
      }
    },
    batchUpdate: (
      resource: { requests?: docs_v1.Schema$Request[] },
      documentId: string,
    ): docs_v1.Schema$BatchUpdateDocumentResponse => {
      // A request from the script's realm, read as JSON, as Google reads what it receives.
      const requests = JSON.parse(JSON.stringify(resource.requests ?? [])) as docs_v1.Schema$Request[];
      this.rt.call('Docs.Documents.batchUpdate', 'docs-batch', requests.length);
      let response: docs_v1.Schema$BatchUpdateDocumentResponse;
      try {
        response = batchUpdateDocument(this.documents, documentId, requests);
      } catch (error) {
        throw apiError('batchUpdate', error);
      }
      this.batches.set(documentId, [...(this.batches.get(documentId) ?? []), requests]);
      return response;
    },
  };
}
