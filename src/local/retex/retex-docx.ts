// Fills a RETEX .docx template with one document model (docxtemplater 3 + pizzip): scalar placeholders, loops
// over table rows and paragraphs, line breaks kept, and the chart inserted as a PNG picture at `{@chart}`.
// Values are inserted as text and never read as template syntax, so `{`, `$`, `\` or `<` in data stay as typed.
import { safeText } from '../../domain/safe-text';
import Docxtemplater from 'docxtemplater';
import PizZip from 'pizzip';
import { retexFr } from '../../domain/messages';
import type { RetexDocumentModel, RetexItem } from '../../domain/retex/document';
import { CHART_HEIGHT_PX, CHART_WIDTH_PX } from '../../node/retex-chart';
import { RetexTemplateError } from '../../domain/retex/fill';
import { xmlEscape } from '../../node/xml-escape';

const CHART_MEDIA = 'word/media/retex-chart.png';
const CHART_REL_ID = 'rIdRetexChart';
const EMU_PER_CM = 360000;
const CHART_WIDTH_CM = 17;

export interface RenderedRetexDocx {
  buffer: Buffer;
  /** Placeholders of the template the model does not know (a typo in an edited template): shown empty. */
  unknownPlaceholders: string[];
}

function addChartPart(zip: PizZip, png: Buffer): void {
  zip.file(CHART_MEDIA, png);
  const relsFile = 'word/_rels/document.xml.rels';
  const rels = zip.file(relsFile)?.asText();
  if (rels === undefined) throw new RetexTemplateError(['fichier absent du modèle'], relsFile);
  if (!rels.includes(`Id="${CHART_REL_ID}"`))
    zip.file(
      relsFile,
      rels.replace(
        '</Relationships>',
        `<Relationship Id="${CHART_REL_ID}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/retex-chart.png"/></Relationships>`,
      ),
    );
  const typesFile = '[Content_Types].xml';
  const types = zip.file(typesFile)?.asText() ?? '';
  if (!/Extension="png"/i.test(types))
    zip.file(
      typesFile,
      types.replace('</Types>', '<Default Extension="png" ContentType="image/png"/></Types>'),
    );
}

/** The paragraph that replaces `{@chart}`: the picture centred, or a sentence when there is nothing to draw. */
function chartParagraph(png: Buffer | undefined, title: string): string {
  if (!png)
    return `<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:t xml:space="preserve">${xmlEscape(retexFr.noChart)}</w:t></w:r></w:p>`;
  const cx = Math.round(CHART_WIDTH_CM * EMU_PER_CM);
  const cy = Math.round((cx * CHART_HEIGHT_PX) / CHART_WIDTH_PX);
  const name = xmlEscape(safeText(retexFr.chartAlt(title)));
  return (
    '<w:p><w:pPr><w:keepNext/><w:jc w:val="center"/></w:pPr><w:r><w:drawing>' +
    '<wp:inline distT="0" distB="0" distL="0" distR="0" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing">' +
    `<wp:extent cx="${cx}" cy="${cy}"/><wp:docPr id="4242" name="retex-chart" descr="${name}"/>` +
    '<a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">' +
    '<a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">' +
    '<pic:pic xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture">' +
    '<pic:nvPicPr><pic:cNvPr id="0" name="retex-chart.png"/><pic:cNvPicPr/></pic:nvPicPr>' +
    `<pic:blipFill><a:blip r:embed="${CHART_REL_ID}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"/>` +
    '<a:stretch><a:fillRect/></a:stretch></pic:blipFill>' +
    `<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="${cx}" cy="${cy}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr>` +
    '</pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>'
  );
}

/** The last guard: every text of the document with what XML cannot carry shown as « � » (safe-text.ts). */
function safeValues(item: RetexItem): RetexItem {
  const out: RetexItem = {};
  for (const [name, value] of Object.entries(item))
    out[name] =
      typeof value === 'string' ? safeText(value) : Array.isArray(value) ? value.map(safeValues) : value;
  return out;
}

interface TemplateErrorShape {
  properties?: { errors?: Array<{ properties?: { explanation?: string; xtag?: string }; message?: string }> };
}

/**
 * The filled document. `templateName` names the template in error messages; `chartPng` is drawn at `{@chart}`
 * (see retex-chart.ts), or a sentence replaces it when undefined.
 */
export function renderRetexDocx(
  template: Buffer,
  templateName: string,
  model: Pick<RetexDocumentModel, 'values' | 'title'>,
  chartPng: Buffer | undefined,
): RenderedRetexDocx {
  let zip: PizZip;
  try {
    zip = new PizZip(template);
  } catch (error) {
    throw new RetexTemplateError([`fichier .docx illisible (${(error as Error).message})`], templateName);
  }
  if (chartPng) addChartPart(zip, chartPng);
  const unknown = new Set<string>();
  let doc: Docxtemplater;
  try {
    doc = new Docxtemplater(zip, {
      paragraphLoop: true,
      linebreaks: true,
      // The error is turned into a French RetexTemplateError below; no JSON dump on the console.
      errorLogging: false,
      nullGetter(part) {
        if (part.value && part.value !== 'chart') unknown.add(String(part.value));
        return '';
      },
    });
    doc.render({ ...safeValues(model.values), chart: chartParagraph(chartPng, model.title) });
  } catch (error) {
    const errors = (error as TemplateErrorShape).properties?.errors;
    const problems = errors?.map((e) =>
      [e.properties?.xtag ? `« ${e.properties.xtag} »` : '', e.properties?.explanation ?? e.message ?? '']
        .filter(Boolean)
        .join(' : '),
    ) ?? [(error as Error).message];
    throw new RetexTemplateError(problems, templateName);
  }
  return {
    buffer: doc.getZip().generate({ type: 'nodebuffer', compression: 'DEFLATE' }),
    unknownPlaceholders: [...unknown].sort(),
  };
}
