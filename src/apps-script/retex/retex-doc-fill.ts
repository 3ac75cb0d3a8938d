// Fills a copy of a RETEX template Google Doc with one document model, as retex-fill-plan.ts plans it: reads the
// body's elements once; then, in the body's final order, fills the elements that stay, and inserts each loop copy
// or rebuilt table right after the element before it; then removes the loop markers and templates; then fills the
// header and footer. Texts go in through replaceText with the tag escaped for RE2 and the value escaped so `$`
// and `\` stay literal (or are set whole when the plan says so). Does not save the document.
import { retexFr } from '../../domain/messages';
import type { RetexDocumentModel } from '../../domain/retex/document';
import type {
  GasBody,
  GasBodyElement,
  GasDocument,
  GasElement,
  GasParagraph,
  GasSection,
  GasServices,
  GasTable,
  GasTextContainer,
} from '../gas-api';
import { CHART_PANEL_POINTS, type ChartPanel } from './retex-chart-image';
import { planFill, planSectionFill, type NodeFill, type OutlineNode, type TextFill } from './retex-fill-plan';
import { RetexTemplateError } from '../../domain/retex/fill';

/** The pattern that matches `text` literally in RE2, the regular expressions of Apps Script's replaceText. */
export function re2Literal(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');
}

/** The replacement that inserts `text` as typed: replaceText reads `$1` as a group and `\` as an escape. */
export function literalReplacement(text: string): string {
  return text.replace(/[\\$]/g, '\\$&');
}

type ElementKind = 'paragraph' | 'listItem' | 'table' | 'other';

interface Outline {
  nodes: OutlineNode[];
  kinds: ElementKind[];
  elements: GasBodyElement[];
}

function readOutline(services: GasServices, body: GasBody): Outline {
  const types = services.DocumentApp.ElementType;
  const outline: Outline = { nodes: [], kinds: [], elements: [] };
  const count = body.getNumChildren();
  for (let i = 0; i < count; i += 1) {
    const element = body.getChild(i);
    const type = String(element.getType());
    outline.elements.push(element);
    if (type === String(types.PARAGRAPH) || type === String(types.LIST_ITEM)) {
      const item = type === String(types.LIST_ITEM);
      outline.kinds.push(item ? 'listItem' : 'paragraph');
      outline.nodes.push({
        kind: 'paragraph',
        text: item ? element.asListItem().getText() : element.asParagraph().getText(),
      });
    } else if (type === String(types.TABLE)) {
      const table = element.asTable();
      const rows: string[][] = [];
      for (let r = 0; r < table.getNumRows(); r += 1) {
        const row = table.getRow(r);
        const cells: string[] = [];
        for (let c = 0; c < row.getNumCells(); c += 1) cells.push(row.getCell(c).getText());
        rows.push(cells);
      }
      outline.kinds.push('table');
      outline.nodes.push({ kind: 'table', rows });
    } else {
      outline.kinds.push('other');
      outline.nodes.push({ kind: 'other' });
    }
  }
  return outline;
}

/**
 * Applies a text fill to an element whose text blocks were `original` (one paragraph, or cells row by row). A
 * paragraph with several tags and one formatting throughout is set whole in one call rather than one replaceText
 * per tag: nothing of its formatting is lost. Mixed formatting (a word in bold) keeps the replaceText steps.
 */
function applyText(
  element: GasTextContainer,
  fill: TextFill,
  setBlock: (index: number, text: string) => void,
  original: readonly string[],
  paragraph = false,
): void {
  if (fill.kind === 'none') return;
  const whole =
    fill.kind === 'set' ||
    (paragraph && fill.steps.length > 1 && element.editAsText().getTextAttributeIndices().length <= 1);
  if (fill.kind === 'replace' && !whole)
    for (const step of fill.steps) element.replaceText(re2Literal(step.find), literalReplacement(step.value));
  else
    fill.texts.forEach((text, i) => {
      if (text !== original[i]) setBlock(i, text);
    });
}

function cellSetter(
  table: { getCell(r: number, c: number): { setText(t: string): unknown } },
  rows: string[][],
) {
  const at: Array<[number, number]> = rows.flatMap((cells, r) =>
    cells.map((_, c) => [r, c] as [number, number]),
  );
  return (i: number, text: string) => {
    const [r, c] = at[i] ?? [0, 0];
    table.getCell(r, c).setText(text);
  };
}

function drawChart(paragraph: GasParagraph, panels: readonly ChartPanel[], title: string): void {
  paragraph.setText(panels.length === 0 ? retexFr.noChart : '');
  for (const panel of panels)
    paragraph
      .appendInlineImage(panel.image)
      .setWidth(CHART_PANEL_POINTS.width)
      .setHeight(CHART_PANEL_POINTS.height)
      .setAltDescription(`${retexFr.chartAlt(title)} : ${panel.label}`);
}

/** Fills a header or footer's paragraphs (anything else in it is left as it is). */
function fillSection(
  services: GasServices,
  section: GasSection,
  model: Pick<RetexDocumentModel, 'values' | 'title'>,
  unknown: Set<string>,
): void {
  const paragraph = String(services.DocumentApp.ElementType.PARAGRAPH);
  const paragraphs: GasParagraph[] = [];
  for (let i = 0; i < section.getNumChildren(); i += 1) {
    const child = section.getChild(i);
    if (String(child.getType()) === paragraph) paragraphs.push(child.asParagraph());
  }
  const texts = paragraphs.map((p) => p.getText());
  const { fill, unknown: names } = planSectionFill(texts, model.values);
  for (const n of names) unknown.add(n);
  if (fill.kind === 'replace')
    for (const step of fill.steps) section.replaceText(re2Literal(step.find), literalReplacement(step.value));
  if (fill.kind === 'set')
    fill.texts.forEach((text, i) => {
      if (text !== texts[i]) paragraphs[i]?.setText(text);
    });
}

export interface FilledRetexDocument {
  /** Tags of the template the model does not know, left empty. */
  unknownPlaceholders: string[];
}

/**
 * Fills `doc` (a fresh copy of the template named `templateName`) with `model`; `panels` are the chart images.
 * Throws RetexTemplateError, before changing anything, when the template cannot be filled.
 */
export function fillRetexDocument(
  services: GasServices,
  doc: GasDocument,
  templateName: string,
  model: Pick<RetexDocumentModel, 'values' | 'title'>,
  panels: readonly ChartPanel[],
): FilledRetexDocument {
  const body = doc.getBody();
  const outline = readOutline(services, body);
  const plan = planFill(outline.nodes, model.values);
  if (plan.problems.length > 0) throw new RetexTemplateError(plan.problems, templateName);

  let previous: GasElement | null = null;
  for (const entry of plan.output) {
    const source = outline.elements[entry.source] as GasBodyElement;
    const kind = outline.kinds[entry.source];
    const node = outline.nodes[entry.source] as OutlineNode;
    const at = (): number => (previous ? body.getChildIndex(previous) + 1 : 0);
    const fill: NodeFill = entry.fill;
    if (kind === 'table' && node.kind === 'table') {
      if (fill.kind === 'rebuild') {
        if (fill.rows.length === 0) continue;
        const template = source.asTable();
        const table = body.insertTable(at(), fill.rows);
        table.setAttributes(template.getAttributes());
        for (const row of fill.templateRows) {
          table.removeRow(row.at);
          const copy = table.insertTableRow(row.at, template.getRow(row.source).copy());
          const cells = node.rows[row.source] ?? [];
          applyText(copy, row.fill, (i, text) => copy.getCell(i).setText(text), cells);
        }
        previous = table;
        continue;
      }
      const table: GasTable = entry.insert
        ? body.insertTable(at(), source.asTable().copy())
        : source.asTable();
      if (fill.kind === 'text') applyText(table, fill.fill, cellSetter(table, node.rows), node.rows.flat());
      previous = table;
      continue;
    }
    if ((kind === 'paragraph' || kind === 'listItem') && node.kind === 'paragraph') {
      const element =
        kind === 'listItem'
          ? entry.insert
            ? body.insertListItem(at(), source.asListItem().copy())
            : source.asListItem()
          : entry.insert
            ? body.insertParagraph(at(), source.asParagraph().copy())
            : source.asParagraph();
      if (fill.kind === 'chart' && kind === 'paragraph')
        drawChart(element as GasParagraph, panels, model.title);
      if (fill.kind === 'text')
        applyText(element, fill.fill, (_i, text) => element.setText(text), [node.text], true);
      previous = element;
      continue;
    }
    previous = source;
  }

  // A section must end with a paragraph: one is added when the last element is about to go.
  if (plan.remove.includes(outline.elements.length - 1)) body.appendParagraph('');
  for (const index of [...plan.remove].reverse()) outline.elements[index]?.removeFromParent();

  const unknown = new Set(plan.unknown);
  for (const section of [doc.getHeader(), doc.getFooter()])
    if (section) fillSection(services, section, model, unknown);
  return { unknownPlaceholders: [...unknown].sort() };
}
