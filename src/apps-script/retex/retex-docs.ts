// Fills a copy of a RETEX template Google Doc through the advanced Docs service, with the REST runtime's requests
// (src/google/retex-doc-fill.ts): one Documents.get for the copy's structure, then its requests in one or two
// Documents.batchUpdate calls, each applied whole or not at all by Google. Hundreds of DocumentApp edits, each a
// round trip, become two or three calls.
//
// The chart stays with DocumentApp: the Charts service renders a blob, and the Docs API inserts a picture only from
// a URI Google fetches itself (Docs API, « InsertInlineImageRequest »: « The image URI … must be publicly
// accessible », https://developers.google.com/workspace/docs/api/reference/rest/v1/documents/request#insertinlineimagerequest).
// So the fill leaves a marker where `{@chart}` was, and DocumentApp, opened after the batch so it reads the
// filled document, appends the panels to that paragraph. A chart without any week is a sentence, written by the
// batch itself.
import type { docs_v1 } from '@googleapis/docs';
import { retexFr } from '../../domain/messages';
import { RetexTemplateError } from '../../domain/retex/fill';
import type { RetexDocumentModel } from '../../domain/retex/document';
import { FILL_BATCH, retexDocFill } from '../../google/retex-doc-fill';
import type { GasServices } from '../gas-api';
import { frAppsScript } from '../messages';
import { CHART_PANEL_POINTS, type ChartPanel } from './retex-chart-image';

/** The pattern that matches `text` literally in RE2, the regular expressions of Apps Script's findText and replaceText. */
export function re2Literal(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');
}

/** The replacement that inserts `text` as typed: replaceText reads `$1` as a group and `\` as an escape. */
export function literalReplacement(text: string): string {
  return text.replace(/[\\$]/g, '\\$&');
}

/** The manifest does not enable the advanced Docs service (a project pushed without appsscript.json). */
export class DocsServiceMissing extends Error {
  constructor() {
    super(frAppsScript.docsServiceMissing);
    this.name = 'DocsServiceMissing';
  }
}

/**
 * The document Documents.get returns, as the REST runtime types it: the same JSON, which Apps Script's own types
 * declare with looser maps (`object`).
 */
export function docsDocument(document: GoogleAppsScript.Docs.Schema.Document): docs_v1.Schema$Document {
  return document as docs_v1.Schema$Document;
}

/** The paragraph of the body that holds `text` (the chart's marker), if any. */
function paragraphWithText(services: GasServices, documentId: string, text: string) {
  const doc = services.DocumentApp.openById(documentId);
  const found = doc.getBody().findText(re2Literal(text));
  return { doc, paragraph: found ? found.getElement().getParent().asParagraph() : undefined };
}

export interface FilledRetexCopy {
  /** Tags of the template the model does not know, left empty. */
  unknownPlaceholders: string[];
}

/**
 * Fills the copy `documentId` of the template named `templateName` with `model`; `panels` are the chart's images
 * and `marker` a text found nowhere else in the document. Throws RetexTemplateError (naming the template), before changing anything,
 * when the template cannot be filled.
 */
export function fillRetexCopy(
  services: GasServices,
  documentId: string,
  templateName: string,
  model: Pick<RetexDocumentModel, 'values' | 'title'>,
  panels: readonly ChartPanel[],
  marker: string,
): FilledRetexCopy {
  const docs = services.Docs?.Documents;
  if (!docs) throw new DocsServiceMissing();
  const chartText = panels.length === 0 ? retexFr.noChart : marker;
  let fill;
  try {
    fill = retexDocFill(docsDocument(docs.get(documentId)), model.values, chartText);
  } catch (error) {
    if (error instanceof RetexTemplateError) throw new RetexTemplateError(error.problems, templateName);
    throw error;
  }
  // Split as the REST runtime splits (FILL_BATCH): Google documents no cap on requests per batch, but one is
  // reported in practice (docs/google-assumptions.md, R4). A RETEX document is one or two batches.
  for (let i = 0; i < fill.requests.length; i += FILL_BATCH)
    docs.batchUpdate({ requests: fill.requests.slice(i, i + FILL_BATCH) }, documentId);
  if (fill.chart && panels.length > 0) {
    const { doc, paragraph } = paragraphWithText(services, documentId, marker);
    if (paragraph) {
      paragraph.setText('');
      const { Attribute } = services.DocumentApp;
      const size = {
        [String(Attribute.WIDTH)]: CHART_PANEL_POINTS.width,
        [String(Attribute.HEIGHT)]: CHART_PANEL_POINTS.height,
      };
      for (const panel of panels)
        paragraph
          .appendInlineImage(panel.image)
          .setAttributes(size)
          .setAltDescription(`${retexFr.chartAlt(model.title)} : ${panel.label}`);
    }
    doc.saveAndClose();
  }
  return { unknownPlaceholders: fill.unknownPlaceholders };
}
