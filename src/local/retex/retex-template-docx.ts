// Writes a RETEX template .docx from its description (sheets-template/retex/*.json), drawing the layout every
// template writer shares (src/domain/retex/layout.ts): real Word styles (Titre, Titre 1, Titre 2, a table style,
// quote and prompt styles) so an ARS restyles the document by changing styles, and every placeholder alone in its
// own run. The output is byte-for-byte reproducible (fixed zip dates), so a test can tell a committed template
// that drifted from its description. Writes no file itself.
import PizZip from 'pizzip';
import type { TrackingFile } from '../../schema/tracking-file';
import type { RetexTemplateDescription } from '../../domain/retex/template';
import { retexLayout, type RetexLayoutElement, type RetexParagraphStyle } from '../../domain/retex/layout';
import { xmlEscape } from '../../node/xml-escape';

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
// Zip entries store local wall-clock time: a local date gives the same bytes in every time zone.
const FIXED_DATE = new Date(2022, 4, 12);

function run(text: string, props = ''): string {
  return `<w:r>${props ? `<w:rPr>${props}</w:rPr>` : ''}<w:t xml:space="preserve">${xmlEscape(text)}</w:t></w:r>`;
}

function paragraph(text: string, style?: string, extra = ''): string {
  const pPr = style || extra ? `<w:pPr>${style ? `<w:pStyle w:val="${style}"/>` : ''}${extra}</w:pPr>` : '';
  return `<w:p>${pPr}${text === '' ? '' : run(text)}</w:p>`;
}

function cell(text: string, widthPct: number, header: boolean): string {
  const shade = header ? '<w:shd w:val="clear" w:color="auto" w:fill="DDE5F0"/>' : '';
  const runProps = header ? '<w:b/>' : '';
  return (
    `<w:tc><w:tcPr><w:tcW w:w="${Math.round(widthPct * 50)}" w:type="pct"/>${shade}</w:tcPr>` +
    `<w:p><w:pPr><w:pStyle w:val="RetexTableText"/></w:pPr>${run(text, runProps)}</w:p></w:tc>`
  );
}

function table(rows: string[][], header: boolean, widths?: number[]): string {
  const cols = rows[0]?.length ?? 1;
  const pct = widths ?? Array.from({ length: cols }, () => 100 / cols);
  const grid = pct.map((p) => `<w:gridCol w:w="${Math.round(p * 96)}"/>`).join('');
  const trs = rows
    .map((cells, i) => {
      const isHeader = header && i === 0;
      const trPr = isHeader
        ? '<w:trPr><w:tblHeader/><w:cantSplit/></w:trPr>'
        : '<w:trPr><w:cantSplit/></w:trPr>';
      return `<w:tr>${trPr}${cells.map((c, j) => cell(c, pct[j] ?? 100 / cols, isHeader || (!header && j === 0))).join('')}</w:tr>`;
    })
    .join('');
  return (
    `<w:tbl><w:tblPr><w:tblStyle w:val="RetexTable"/><w:tblW w:w="5000" w:type="pct"/>` +
    `<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/>` +
    `</w:tblPr><w:tblGrid>${grid}</w:tblGrid>${trs}</w:tbl>`
  );
}

/** The Word style of each layout paragraph style (built-in ids where Word has one). */
const WORD_STYLES: Record<RetexParagraphStyle, string | undefined> = {
  plain: undefined,
  title: 'Title',
  subtitle: 'Subtitle',
  heading1: 'Heading1',
  heading2: 'Heading2',
  emphasis: 'RetexEmphasis',
  note: 'RetexNote',
  section: 'RetexSection',
  quoteHeading: 'RetexQuoteHeading',
  quote: 'RetexQuote',
  chart: 'RetexChart',
  caption: 'Caption',
  spacer: 'RetexSpacer',
};

function elementXml(element: RetexLayoutElement): string {
  return element.type === 'paragraph'
    ? paragraph(element.text, WORD_STYLES[element.style])
    : table(element.rows, element.header, element.widths);
}

const NAMESPACES =
  `xmlns:w="${W}" xmlns:r="${R}" ` +
  'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" ' +
  'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" ' +
  'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"';

function documentXml(description: RetexTemplateDescription, tracking: TrackingFile): string {
  const body = retexLayout(description, tracking).body.map(elementXml).join('');
  const sectPr =
    '<w:sectPr><w:footerReference w:type="default" r:id="rIdFooter1"/>' +
    '<w:pgSz w:w="11906" w:h="16838"/>' +
    '<w:pgMar w:top="1134" w:right="1134" w:bottom="1134" w:left="1134" w:header="567" w:footer="567" w:gutter="0"/>' +
    '</w:sectPr>';
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document ${NAMESPACES}><w:body>${body}${sectPr}</w:body></w:document>`;
}

function footerXml(description: RetexTemplateDescription): string {
  const page =
    '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>' +
    '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>';
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:ftr ${NAMESPACES}>` +
    `<w:p><w:pPr><w:pStyle w:val="Footer"/></w:pPr>${run(description.footer)}${run(' — page ')}${page}</w:p></w:ftr>`
  );
}

function style(id: string, name: string, body: string, type = 'paragraph', extra = ''): string {
  return `<w:style w:type="${type}" w:styleId="${id}"${extra}><w:name w:val="${name}"/>${body}</w:style>`;
}

// Built-in style ids (Title, Heading1…) so Word shows them under their localised names (Titre, Titre 1…).
function stylesXml(): string {
  const font = '<w:rFonts w:ascii="Arial" w:hAnsi="Arial" w:eastAsia="Arial" w:cs="Arial"/>';
  const styles = [
    style(
      'Normal',
      'Normal',
      '<w:qFormat/><w:pPr><w:spacing w:after="120" w:line="264" w:lineRule="auto"/></w:pPr>',
      'paragraph',
      ' w:default="1"',
    ),
    style(
      'Title',
      'Title',
      '<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:spacing w:after="120"/></w:pPr><w:rPr><w:b/><w:color w:val="000091"/><w:sz w:val="40"/></w:rPr>',
    ),
    style(
      'Subtitle',
      'Subtitle',
      '<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:spacing w:after="240"/></w:pPr><w:rPr><w:color w:val="000091"/><w:sz w:val="30"/></w:rPr>',
    ),
    style(
      'Heading1',
      'heading 1',
      '<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before="360" w:after="120"/><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/><w:color w:val="000091"/><w:sz w:val="30"/></w:rPr>',
    ),
    style(
      'Heading2',
      'heading 2',
      '<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before="240" w:after="80"/><w:outlineLvl w:val="1"/></w:pPr><w:rPr><w:b/><w:color w:val="1F3864"/><w:sz w:val="24"/></w:rPr>',
    ),
    style(
      'Caption',
      'caption',
      '<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:jc w:val="center"/></w:pPr><w:rPr><w:i/><w:color w:val="555555"/><w:sz w:val="18"/></w:rPr>',
    ),
    style(
      'Footer',
      'footer',
      '<w:basedOn w:val="Normal"/><w:pPr><w:spacing w:after="0"/></w:pPr><w:rPr><w:color w:val="555555"/><w:sz w:val="16"/></w:rPr>',
    ),
    style('RetexEmphasis', 'RETEX version', '<w:basedOn w:val="Normal"/><w:qFormat/><w:rPr><w:b/></w:rPr>'),
    style(
      'RetexNote',
      'RETEX note',
      '<w:basedOn w:val="Normal"/><w:qFormat/><w:rPr><w:i/><w:color w:val="555555"/><w:sz w:val="18"/></w:rPr>',
    ),
    style('RetexSection', 'RETEX texte ARS', '<w:basedOn w:val="Normal"/><w:qFormat/>'),
    style(
      'RetexQuoteHeading',
      'RETEX titre verbatim',
      '<w:basedOn w:val="Normal"/><w:next w:val="RetexQuote"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before="120" w:after="60"/></w:pPr><w:rPr><w:b/></w:rPr>',
    ),
    style(
      'RetexQuote',
      'RETEX verbatim',
      '<w:basedOn w:val="Normal"/><w:qFormat/><w:pPr><w:ind w:left="454"/><w:spacing w:after="80"/></w:pPr><w:rPr><w:i/><w:sz w:val="20"/></w:rPr>',
    ),
    style(
      'RetexChart',
      'RETEX graphique',
      '<w:basedOn w:val="Normal"/><w:pPr><w:keepNext/><w:jc w:val="center"/></w:pPr>',
    ),
    style(
      'RetexTableText',
      'RETEX texte de tableau',
      '<w:basedOn w:val="Normal"/><w:pPr><w:spacing w:after="0"/></w:pPr><w:rPr><w:sz w:val="18"/></w:rPr>',
    ),
    style(
      'RetexSpacer',
      'RETEX espace',
      '<w:basedOn w:val="Normal"/><w:pPr><w:spacing w:after="60"/></w:pPr><w:rPr><w:sz w:val="8"/></w:rPr>',
    ),
    style(
      'RetexTable',
      'RETEX tableau',
      '<w:basedOn w:val="TableNormal"/><w:tblPr><w:tblBorders>' +
        ['top', 'left', 'bottom', 'right', 'insideH', 'insideV']
          .map((side) => `<w:${side} w:val="single" w:sz="4" w:space="0" w:color="8C8C8C"/>`)
          .join('') +
        '</w:tblBorders><w:tblCellMar><w:left w:w="80" w:type="dxa"/><w:right w:w="80" w:type="dxa"/></w:tblCellMar></w:tblPr>',
      'table',
    ),
    style(
      'TableNormal',
      'Normal Table',
      '<w:uiPriority w:val="99"/><w:semiHidden/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr>',
      'table',
      ' w:default="1"',
    ),
  ];
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:styles xmlns:w="${W}">` +
    `<w:docDefaults><w:rPrDefault><w:rPr>${font}<w:sz w:val="21"/><w:szCs w:val="21"/><w:lang w:val="fr-FR"/></w:rPr></w:rPrDefault>` +
    '<w:pPrDefault><w:pPr><w:spacing w:after="120"/></w:pPr></w:pPrDefault></w:docDefaults>' +
    `${styles.join('')}</w:styles>`
  );
}

const CONTENT_TYPES =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
  '<Default Extension="xml" ContentType="application/xml"/>' +
  '<Default Extension="png" ContentType="image/png"/>' +
  '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>' +
  '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>' +
  '<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>' +
  '<Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>' +
  '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
  '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>' +
  '</Types>';

const ROOT_RELS =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>' +
  '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>' +
  '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>' +
  '</Relationships>';

const DOCUMENT_RELS =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  '<Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>' +
  '<Relationship Id="rIdSettings" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/>' +
  '<Relationship Id="rIdFooter1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/>' +
  '</Relationships>';

const SETTINGS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:settings xmlns:w="${W}"><w:defaultTabStop w:val="708"/><w:characterSpacingControl w:val="doNotCompress"/></w:settings>`;

function coreXml(title: string): string {
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ' +
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" ' +
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    `<dc:title>${xmlEscape(title)}</dc:title><dc:creator>suivi-mes</dc:creator><dc:language>fr-FR</dc:language>` +
    '</cp:coreProperties>'
  );
}

const APP_XML =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>suivi-mes</Application></Properties>';

/** The template .docx of a description, with counter columns taken from the tracking file. */
export function retexTemplateDocx(description: RetexTemplateDescription, tracking: TrackingFile): Buffer {
  const zip = new PizZip();
  const files: Array<[string, string]> = [
    ['[Content_Types].xml', CONTENT_TYPES],
    ['_rels/.rels', ROOT_RELS],
    ['docProps/core.xml', coreXml(description.title)],
    ['docProps/app.xml', APP_XML],
    ['word/document.xml', documentXml(description, tracking)],
    ['word/styles.xml', stylesXml()],
    ['word/settings.xml', SETTINGS],
    ['word/footer1.xml', footerXml(description)],
    ['word/_rels/document.xml.rels', DOCUMENT_RELS],
  ];
  for (const [name, content] of files) zip.file(name, content, { date: FIXED_DATE, createFolders: false });
  return zip.generate({ type: 'nodebuffer', compression: 'DEFLATE' });
}
