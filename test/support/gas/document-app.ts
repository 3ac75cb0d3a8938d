// DocumentApp fake: documents whose body, header and footer are lists of paragraphs, list items and tables (rows
// of cells, each cell one text) — the model the advanced Docs service fake (docs-advanced.ts) reads and writes. The
// handles offer what the code still asks of DocumentApp (the RETEX chart's panels, a template's footer, the smoke
// test): element types, images from blobs, findText, and replaceText with Google's semantics: the pattern is a
// regular expression matched within the paragraph, RE2's refusals of lookaround and backreferences kept; in the
// replacement `$n` and `${name}` are groups and `\` escapes the next character, as RE2J's Matcher does (a bare `$`
// or a trailing `\` throws) — so a value that is not escaped gets mangled or refused here as it would at Google. A
// section's last paragraph cannot be removed; a table appended last is followed by an empty paragraph. Does not
// emulate: text runs with mixed formatting (where formatting changes is only recorded as `runs`, set by a test, for
// the Docs fake), RE2's other syntax differences (the pattern is run as a JavaScript regex), findText beyond the
// first match (no `from`), page breaks, footnotes, bookmarks, named ranges, tabs, closing a document after
// saveAndClose, PDF export.
import type {
  GasAttributes,
  GasBlob,
  GasBody,
  GasBodyElement,
  GasDocument,
  GasDocumentApp,
  GasElement,
  GasElementType,
  GasInlineImage,
  GasParagraph,
  GasRangeElement,
  GasSection,
} from '../../../src/apps-script/gas-api';
import { FakeBlob, type ChartDrawing } from './charts';
import type { DriveRegistry } from './drive-app';
import type { GasRuntime } from './runtime';

export interface DocImage {
  contentType: string;
  width?: number;
  height?: number;
  alt?: string;
  /** What a chart image drew (images made by the Charts fake). */
  chart?: ChartDrawing;
  /** Where the Docs API fetched it from (insertInlineImage through the REST façade). */
  uri?: string;
}

export interface ParagraphNode {
  type: 'PARAGRAPH' | 'LIST_ITEM';
  text: string;
  /** Offsets where the text's formatting changes (a word in bold); absent: one formatting throughout. */
  runs?: number[];
  heading: string;
  attrs: GasAttributes;
  images: DocImage[];
  /** A page number after the text (a footer imported from a .docx): kept for the Docs API's indexes. */
  pageNumber?: boolean;
}
export interface CellNode {
  type: 'TABLE_CELL';
  text: string;
  attrs: GasAttributes;
}
export interface RowNode {
  type: 'TABLE_ROW';
  cells: CellNode[];
  attrs: GasAttributes;
}
export interface TableNode {
  type: 'TABLE';
  rows: RowNode[];
  attrs: GasAttributes;
}
export type BlockNode = ParagraphNode | TableNode;
type AnyNode = BlockNode | RowNode | CellNode;
interface NodesByType {
  PARAGRAPH: ParagraphNode;
  LIST_ITEM: ParagraphNode;
  TABLE: TableNode;
  TABLE_ROW: RowNode;
  TABLE_CELL: CellNode;
}

export interface SectionNode {
  type: 'BODY_SECTION' | 'HEADER_SECTION' | 'FOOTER_SECTION';
  children: BlockNode[];
}

const paragraphNode = (text: string, type: ParagraphNode['type'] = 'PARAGRAPH'): ParagraphNode => ({
  type,
  text,
  heading: 'NORMAL',
  attrs: {},
  images: [],
});
const section = (type: SectionNode['type']): SectionNode => ({ type, children: [paragraphNode('')] });
const clone = <T>(node: T): T => JSON.parse(JSON.stringify(node)) as T;

export class DocData {
  body: SectionNode = section('BODY_SECTION');
  header: SectionNode | null = null;
  footer: SectionNode | null = null;
  saved = false;
  constructor(
    readonly id: string,
    public name: string,
    readonly url: string,
  ) {}

  sections(): SectionNode[] {
    return [this.body, ...(this.header ? [this.header] : []), ...(this.footer ? [this.footer] : [])];
  }

  /** The body's text, paragraphs and table rows one per line (cells tab-separated): what an assertion reads. */
  text(): string {
    return this.body.children
      .map((n) =>
        n.type === 'TABLE' ? n.rows.map((r) => r.cells.map((c) => c.text).join('\t')).join('\n') : n.text,
      )
      .join('\n');
  }

  /** The body's paragraphs and list items, in order. */
  paragraphs(): ParagraphNode[] {
    return this.body.children.filter((n): n is ParagraphNode => n.type !== 'TABLE');
  }

  /** The body's tables as cell texts. */
  tables(): string[][][] {
    return this.body.children
      .filter((n): n is TableNode => n.type === 'TABLE')
      .map((t) => t.rows.map((r) => r.cells.map((c) => c.text)));
  }

  /** Where a body, header or footer child sits: its section and its index there; undefined when detached. */
  locate(node: AnyNode): { section: SectionNode; index: number } | undefined {
    for (const section of this.sections()) {
      const index = section.children.indexOf(node as BlockNode);
      if (index >= 0) return { section, index };
    }
    return undefined;
  }
}

export class DocumentStore {
  readonly byId = new Map<string, DocData>();
  /** Drive's one registry, where every document is a file (made by DocumentApp, DriveApp or the REST façade). */
  constructor(readonly drive: DriveRegistry) {
    drive.copiers.set('document', (sourceId, copyId) => this.copy(sourceId, copyId));
  }
  /** The content of a document copied into the Drive file `copyId` (File.makeCopy, Drive API files.copy). */
  copy(sourceId: string, copyId: string): DocData {
    const source = this.get(sourceId);
    const copy = this.adopt(copyId);
    copy.body = clone(source.body);
    copy.header = source.header ? clone(source.header) : null;
    copy.footer = source.footer ? clone(source.footer) : null;
    return copy;
  }
  /** An empty document for a Google Doc file Drive already lists (made through the REST façade). */
  adopt(id: string): DocData {
    const entry = this.drive.get(id);
    const doc = new DocData(id, entry.name, this.drive.url(entry));
    this.byId.set(id, doc);
    return doc;
  }
  create(name: string): DocData {
    const entry = this.drive.create('document', name);
    const doc = new DocData(entry.id, name, this.drive.url(entry));
    this.byId.set(entry.id, doc);
    return doc;
  }
  get(id: string): DocData {
    const doc = this.byId.get(id);
    if (!doc || this.drive.get(id).trashed) throw new Error(`Document ${id} is missing or in the trash.`);
    return doc;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Google's regular expressions

/** RE2 has no lookaround and no backreference: Google refuses such a pattern. */
export function re2Pattern(searchPattern: string): RegExp {
  if (/\(\?<?[=!]/.test(searchPattern))
    throw new Error(`Invalid regular expression: RE2 does not support lookaround (${searchPattern}).`);
  for (let i = 0; i < searchPattern.length; i += 1)
    if (searchPattern[i] === '\\') {
      if (/[1-9]/.test(searchPattern[i + 1] ?? ''))
        throw new Error(
          `Invalid regular expression: RE2 does not support backreferences (${searchPattern}).`,
        );
      i += 1;
    }
  return new RegExp(searchPattern, 'g');
}

/** The replacement of one match, read as RE2J's Matcher.appendReplacement reads it. */
export function expandReplacement(replacement: string, match: RegExpExecArray): string {
  const groups = match.length - 1;
  let out = '';
  for (let i = 0; i < replacement.length; i += 1) {
    const c = replacement[i] as string;
    if (c === '\\') {
      i += 1;
      if (i >= replacement.length)
        throw new Error('Invalid replacement: character to be escaped is missing.');
      out += replacement[i];
    } else if (c === '$') {
      i += 1;
      const next = replacement[i];
      if (next === '{') {
        const end = replacement.indexOf('}', i);
        const name = end < 0 ? '' : replacement.slice(i + 1, end);
        const value = match.groups?.[name];
        if (end < 0 || value === undefined) throw new Error(`Invalid replacement: no group named "${name}".`);
        out += value;
        i = end;
      } else if (next !== undefined && /[0-9]/.test(next)) {
        let n = Number(next);
        if (n > groups) throw new Error(`Invalid replacement: no group ${n}.`);
        while (/[0-9]/.test(replacement[i + 1] ?? '') && n * 10 + Number(replacement[i + 1]) <= groups) {
          n = n * 10 + Number(replacement[i + 1]);
          i += 1;
        }
        out += match[n] ?? '';
      } else throw new Error('Invalid replacement: illegal group reference.');
    } else out += c;
  }
  return out;
}

/** replaceText within one text block. */
function replaceIn(text: string, searchPattern: string, replacement: string): string {
  const re = re2Pattern(searchPattern);
  return text.replace(re, (...args: unknown[]) => {
    const groups = typeof args[args.length - 1] === 'object' ? args[args.length - 1] : undefined;
    const captures = args.slice(0, typeof groups === 'object' ? -3 : -2) as string[];
    const match = Object.assign([...captures], {
      index: 0,
      input: text,
      groups: groups as Record<string, string> | undefined,
    }) as unknown as RegExpExecArray;
    return expandReplacement(replacement, match);
  });
}

function nodeText(node: AnyNode | SectionNode): string {
  switch (node.type) {
    case 'PARAGRAPH':
    case 'LIST_ITEM':
    case 'TABLE_CELL':
      return node.text;
    case 'TABLE_ROW':
      return node.cells.map((c) => c.text).join('\t');
    case 'TABLE':
      return node.rows.map((r) => nodeText(r)).join('\n');
    default:
      return node.children.map((c) => nodeText(c)).join('\n');
  }
}

const TYPE_NAMES: Record<string, string> = {
  PARAGRAPH: 'Paragraph',
  LIST_ITEM: 'ListItem',
  TABLE: 'Table',
  TABLE_ROW: 'TableRow',
  TABLE_CELL: 'TableCell',
  BODY_SECTION: 'Body',
  HEADER_SECTION: 'HeaderSection',
  FOOTER_SECTION: 'FooterSection',
};

// ---------------------------------------------------------------------------------------------------------------
// Handles

class FakeInlineImage implements GasInlineImage {
  constructor(
    private readonly rt: GasRuntime,
    private readonly image: DocImage,
  ) {}
  setAttributes(attributes: GasAttributes): GasInlineImage {
    this.rt.call('InlineImage.setAttributes', 'document');
    if (typeof attributes.WIDTH === 'number') this.image.width = attributes.WIDTH;
    if (typeof attributes.HEIGHT === 'number') this.image.height = attributes.HEIGHT;
    return this;
  }
  getWidth(): number {
    this.rt.call('InlineImage.getWidth', 'nav');
    // A picture keeps its pixel size until it is given one.
    return this.image.width ?? 0;
  }
  setAltDescription(description: string): GasInlineImage {
    this.rt.call('InlineImage.setAltDescription', 'document');
    this.image.alt = description;
    return this;
  }
}

/** One handle class for every element kind; a method called on the wrong kind throws, as Google's do. */
export class FakeElement implements GasBodyElement, GasParagraph {
  constructor(
    private readonly rt: GasRuntime,
    private readonly doc: DocData,
    readonly node: AnyNode,
  ) {}
  private call(method: string, kind: 'nav' | 'document' = 'nav'): void {
    this.rt.call(`${TYPE_NAMES[this.node.type] ?? 'Element'}.${method}`, kind);
  }
  private as<T extends AnyNode['type']>(types: readonly T[], method: string): NodesByType[T] {
    if (!(types as readonly string[]).includes(this.node.type))
      throw new Error(`${method} cannot be called on a ${TYPE_NAMES[this.node.type]}.`);
    return this.node as NodesByType[T];
  }
  getType(): GasElementType {
    this.call('getType');
    return this.node.type as unknown as GasElementType;
  }
  removeFromParent(): FakeElement {
    this.call('removeFromParent', 'document');
    const at = this.doc.locate(this.node);
    if (!at) return this;
    if (at.index === at.section.children.length - 1 && this.node.type !== 'TABLE')
      throw new Error("Can't remove the last paragraph in a document section.");
    at.section.children.splice(at.index, 1);
    return this;
  }
  asParagraph(): FakeElement {
    this.call('asParagraph');
    this.as(['PARAGRAPH'], 'asParagraph');
    return this;
  }
  getText(): string {
    this.call('getText');
    return nodeText(this.node);
  }
  setText(text: string): FakeElement {
    this.call('setText', 'document');
    const node = this.as(['PARAGRAPH', 'LIST_ITEM', 'TABLE_CELL'], 'setText');
    node.text = text;
    if (node.type !== 'TABLE_CELL') {
      node.images = [];
      delete node.runs;
    }
    return this;
  }
  replaceText(searchPattern: string, replacement: string): FakeElement {
    this.call('replaceText', 'document');
    const node = this.as(['PARAGRAPH', 'LIST_ITEM', 'TABLE_CELL'], 'replaceText');
    node.text = replaceIn(node.text, searchPattern, replacement);
    return this;
  }
  appendInlineImage(image: GasBlob): GasInlineImage {
    this.call('appendInlineImage', 'document');
    const node = this.as(['PARAGRAPH', 'LIST_ITEM'], 'appendInlineImage');
    if (!(image instanceof FakeBlob)) throw new Error('The emulator inserts blobs made by its own services.');
    const data: DocImage = { contentType: image.contentType, ...(image.chart ? { chart: image.chart } : {}) };
    node.images.push(data);
    return new FakeInlineImage(this.rt, data);
  }
}

class FakeSection implements GasBody {
  constructor(
    private readonly rt: GasRuntime,
    private readonly doc: DocData,
    private readonly data: SectionNode,
  ) {}
  private call(method: string, kind: 'nav' | 'document' = 'nav'): void {
    this.rt.call(`${TYPE_NAMES[this.data.type]}.${method}`, kind);
  }
  private handle(node: AnyNode): FakeElement {
    return new FakeElement(this.rt, this.doc, node);
  }
  private append(node: BlockNode): FakeElement {
    this.data.children.push(node);
    // Google always keeps a paragraph after a table at the end of a section.
    if (node.type === 'TABLE') this.data.children.push(paragraphNode(''));
    return this.handle(node);
  }
  getText(): string {
    this.call('getText');
    return nodeText(this.data);
  }
  getNumChildren(): number {
    this.call('getNumChildren');
    return this.data.children.length;
  }
  getChild(childIndex: number): GasBodyElement {
    this.call('getChild');
    const node = this.data.children[childIndex];
    if (!node)
      throw new Error(
        `Child index (${childIndex}) must be less than the number of child elements (${this.data.children.length}).`,
      );
    return this.handle(node);
  }
  findText(searchPattern: string): GasRangeElement | null {
    this.call('findText');
    const re = re2Pattern(searchPattern);
    for (const child of this.data.children) {
      const blocks: AnyNode[] = child.type === 'TABLE' ? child.rows.flatMap((r) => r.cells) : [child];
      for (const block of blocks) {
        re.lastIndex = 0;
        if (!re.test((block as { text: string }).text)) continue;
        const parent = this.handle(block);
        return { getElement: () => ({ getParent: () => parent }) };
      }
    }
    return null;
  }
  appendParagraph(text: string): GasParagraph {
    this.call('appendParagraph', 'document');
    return this.append(paragraphNode(text));
  }
  appendTable(cells: string[][]): GasElement {
    this.call('appendTable', 'document');
    return this.append(tableNode(cells));
  }
}

function tableNode(cells: string[][]): TableNode {
  return {
    type: 'TABLE',
    rows: cells.map((r) => ({
      type: 'TABLE_ROW' as const,
      cells: r.map((text) => ({ type: 'TABLE_CELL' as const, text: String(text), attrs: {} })),
      attrs: {},
    })),
    attrs: {},
  };
}

class FakeDocument implements GasDocument {
  constructor(
    private readonly rt: GasRuntime,
    readonly data: DocData,
  ) {}
  getId(): string {
    this.rt.call('Document.getId', 'nav');
    return this.data.id;
  }
  getBody(): GasBody {
    this.rt.call('Document.getBody', 'nav');
    return new FakeSection(this.rt, this.data, this.data.body);
  }
  addFooter(): GasSection {
    this.rt.call('Document.addFooter', 'document');
    if (this.data.footer) throw new Error('Document tab already contains a footer.');
    this.data.footer = section('FOOTER_SECTION');
    return new FakeSection(this.rt, this.data, this.data.footer);
  }
  saveAndClose(): void {
    this.rt.call('Document.saveAndClose', 'document');
    this.data.saved = true;
  }
}

const enumOf = <K extends string, V>(keys: readonly K[]): Record<K, V> =>
  Object.fromEntries(keys.map((k) => [k, k])) as unknown as Record<K, V>;

export class FakeDocumentApp implements GasDocumentApp {
  readonly ElementType = enumOf<'PARAGRAPH', GasElementType>(['PARAGRAPH']);
  readonly Attribute = enumOf<'WIDTH' | 'HEIGHT', GoogleAppsScript.Document.Attribute>(['WIDTH', 'HEIGHT']);
  constructor(
    private readonly rt: GasRuntime,
    readonly store: DocumentStore,
  ) {}
  create(name: string): GasDocument {
    this.rt.call('DocumentApp.create', 'create-file');
    return new FakeDocument(this.rt, this.store.create(name));
  }
  openById(id: string): GasDocument {
    this.rt.call('DocumentApp.openById', 'open');
    return new FakeDocument(this.rt, this.store.get(id));
  }
}
