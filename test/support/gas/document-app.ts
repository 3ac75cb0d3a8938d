// DocumentApp fake: documents whose body is a list of paragraphs, tables and images, with what a RETEX needs —
// replaceText and findText (JavaScript regexes standing in for RE2, matched within each paragraph or cell as
// Google matches within each text block), insert/append paragraphs, tables and images, child indexes, removal
// (never the last paragraph), copies through Drive. Does not emulate: headers and footers, styles and headings,
// list items, nested tables, RE2's syntax differences, bookmarks, named ranges, PDF export.
import type {
  GasBlob,
  GasBody,
  GasDocument,
  GasDocumentApp,
  GasElement,
  GasInlineImage,
  GasParagraph,
  GasRangeElement,
  GasTable,
  GasText,
} from '../../../src/apps-script/gas-api';
import type { DriveRegistry } from './drive-app';
import type { GasRuntime } from './runtime';

export type DocNode =
  { kind: 'paragraph'; text: string; image: boolean } | { kind: 'table'; cells: string[][] };

export class DocData {
  body: DocNode[] = [{ kind: 'paragraph', text: '', image: false }];
  saved = false;
  constructor(
    readonly id: string,
    public name: string,
    readonly url: string,
  ) {}
  /** The whole text, paragraphs and table rows one per line: what an assertion reads. */
  text(): string {
    return this.body
      .map((n) => (n.kind === 'paragraph' ? n.text : n.cells.map((r) => r.join('\t')).join('\n')))
      .join('\n');
  }
}

export class DocumentStore {
  readonly byId = new Map<string, DocData>();
  constructor(private readonly drive: DriveRegistry) {
    drive.copiers.set('document', (sourceId, copyId) => {
      const source = this.get(sourceId);
      const copy = new DocData(copyId, drive.get(copyId).name, drive.url(drive.get(copyId)));
      copy.body = JSON.parse(JSON.stringify(source.body)) as DocNode[];
      this.byId.set(copyId, copy);
    });
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

class ElementHandle implements GasElement, GasParagraph, GasTable, GasText {
  constructor(
    private readonly rt: GasRuntime,
    private readonly doc: DocData,
    /** The node, or null for the body itself. */
    readonly node: DocNode | null,
    /** A Text handle stands for the text inside a paragraph node. */
    readonly isText = false,
  ) {}
  private call(name: string, kind: 'nav' | 'document' = 'nav'): void {
    this.rt.call(
      `${this.isText ? 'Text' : this.node?.kind === 'table' ? 'Table' : 'Paragraph'}.${name}`,
      kind,
    );
  }
  private paragraph(): Extract<DocNode, { kind: 'paragraph' }> {
    if (this.node?.kind !== 'paragraph') throw new Error('This element is not a paragraph.');
    return this.node;
  }
  private table(): Extract<DocNode, { kind: 'table' }> {
    if (this.node?.kind !== 'table') throw new Error('This element is not a table.');
    return this.node;
  }
  getParent(): GasElement | null {
    this.call('getParent');
    if (this.node === null) return null;
    return this.isText
      ? new ElementHandle(this.rt, this.doc, this.node)
      : new ElementHandle(this.rt, this.doc, null);
  }
  removeFromParent(): GasElement {
    this.call('removeFromParent', 'document');
    if (this.node === null || this.isText)
      throw new Error('Only body children can be removed in the emulator.');
    const paragraphs = this.doc.body.filter((n) => n.kind === 'paragraph');
    if (this.node.kind === 'paragraph' && paragraphs.length === 1 && paragraphs[0] === this.node)
      throw new Error("Can't remove the last paragraph in a document section.");
    this.doc.body = this.doc.body.filter((n) => n !== this.node);
    return this;
  }
  asText(): GasText {
    this.call('asText');
    this.paragraph();
    return new ElementHandle(this.rt, this.doc, this.node, true);
  }
  asParagraph(): GasParagraph {
    this.call('asParagraph');
    this.paragraph();
    return new ElementHandle(this.rt, this.doc, this.node);
  }
  asTable(): GasTable {
    this.call('asTable');
    this.table();
    return this;
  }
  getText(): string {
    this.call('getText');
    if (this.node?.kind === 'table') return this.node.cells.map((r) => r.join('\t')).join('\n');
    return this.paragraph().text;
  }
  setText(text: string): void {
    this.call('setText', 'document');
    this.paragraph().text = text;
  }
  appendText(text: string): GasText {
    this.call('appendText', 'document');
    this.paragraph().text += text;
    return new ElementHandle(this.rt, this.doc, this.node, true);
  }
  getNumRows(): number {
    this.call('getNumRows');
    return this.table().cells.length;
  }
  getCell(rowIndex: number, cellIndex: number): { getText(): string } {
    this.call('getCell');
    const text = this.table().cells[rowIndex]?.[cellIndex];
    if (text === undefined) throw new Error(`No cell at ${rowIndex},${cellIndex}.`);
    return { getText: () => text };
  }
}

class FakeRangeElement implements GasRangeElement {
  constructor(
    private readonly rt: GasRuntime,
    private readonly element: ElementHandle,
    private readonly start: number,
    private readonly end: number,
  ) {}
  getElement(): GasElement {
    this.rt.call('RangeElement.getElement', 'nav');
    return this.element;
  }
  getStartOffset(): number {
    this.rt.call('RangeElement.getStartOffset', 'nav');
    return this.start;
  }
  getEndOffsetInclusive(): number {
    this.rt.call('RangeElement.getEndOffsetInclusive', 'nav');
    return this.end;
  }
}

class FakeBody implements GasBody {
  constructor(
    private readonly rt: GasRuntime,
    private readonly doc: DocData,
  ) {}
  private handle(node: DocNode): ElementHandle {
    return new ElementHandle(this.rt, this.doc, node);
  }
  private insert(index: number, node: DocNode): void {
    if (index < 0 || index > this.doc.body.length)
      throw new Error(`Child index (${index}) must be between 0 and ${this.doc.body.length}.`);
    this.doc.body.splice(index, 0, node);
  }
  getText(): string {
    this.rt.call('Body.getText', 'document');
    return this.doc.text();
  }
  getNumChildren(): number {
    this.rt.call('Body.getNumChildren', 'nav');
    return this.doc.body.length;
  }
  replaceText(searchPattern: string, replacement: string): GasElement {
    this.rt.call('Body.replaceText', 'document');
    const re = new RegExp(searchPattern, 'g');
    // The replacement is literal text: `$&`, `$1` and backslashes are not interpreted.
    const swap = (s: string) => s.replace(re, () => replacement);
    for (const node of this.doc.body) {
      if (node.kind === 'paragraph') node.text = swap(node.text);
      else node.cells = node.cells.map((r) => r.map(swap));
    }
    return new ElementHandle(this.rt, this.doc, null);
  }
  findText(searchPattern: string): GasRangeElement | null {
    this.rt.call('Body.findText', 'document');
    const re = new RegExp(searchPattern);
    for (const node of this.doc.body) {
      if (node.kind !== 'paragraph') continue;
      const m = re.exec(node.text);
      if (m)
        return new FakeRangeElement(
          this.rt,
          new ElementHandle(this.rt, this.doc, node, true),
          m.index,
          m.index + m[0].length - 1,
        );
    }
    return null;
  }
  getChild(childIndex: number): GasElement {
    this.rt.call('Body.getChild', 'nav');
    const node = this.doc.body[childIndex];
    if (!node)
      throw new Error(
        `Child index (${childIndex}) must be less than the number of child elements (${this.doc.body.length}).`,
      );
    return this.handle(node);
  }
  getChildIndex(child: GasElement): number {
    this.rt.call('Body.getChildIndex', 'nav');
    const i = this.doc.body.indexOf((child as ElementHandle).node as DocNode);
    if (i < 0) throw new Error('Element does not contain the specified child element.');
    return i;
  }
  appendParagraph(text: string): GasParagraph {
    this.rt.call('Body.appendParagraph', 'document');
    const node: DocNode = { kind: 'paragraph', text, image: false };
    this.doc.body.push(node);
    return this.handle(node);
  }
  insertParagraph(childIndex: number, text: string): GasParagraph {
    this.rt.call('Body.insertParagraph', 'document');
    const node: DocNode = { kind: 'paragraph', text, image: false };
    this.insert(childIndex, node);
    return this.handle(node);
  }
  appendTable(cells: string[][]): GasTable {
    this.rt.call('Body.appendTable', 'document');
    const node: DocNode = { kind: 'table', cells: cells.map((r) => r.map(String)) };
    this.doc.body.push(node);
    return this.handle(node);
  }
  insertTable(childIndex: number, cells: string[][]): GasTable {
    this.rt.call('Body.insertTable', 'document');
    const node: DocNode = { kind: 'table', cells: cells.map((r) => r.map(String)) };
    this.insert(childIndex, node);
    return this.handle(node);
  }
  insertImage(childIndex: number, _image: GasBlob): GasInlineImage {
    this.rt.call('Body.insertImage', 'document');
    this.insert(childIndex, { kind: 'paragraph', text: '', image: true });
    return {};
  }
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
  getName(): string {
    this.rt.call('Document.getName', 'nav');
    return this.data.name;
  }
  getUrl(): string {
    this.rt.call('Document.getUrl', 'nav');
    return this.data.url;
  }
  getBody(): GasBody {
    this.rt.call('Document.getBody', 'nav');
    return new FakeBody(this.rt, this.data);
  }
  saveAndClose(): void {
    this.rt.call('Document.saveAndClose', 'document');
    this.data.saved = true;
  }
}

export class FakeDocumentApp implements GasDocumentApp {
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
