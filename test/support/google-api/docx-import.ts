// What Drive's import makes of one of our .docx templates, for the fake Workspace: paragraphs with the named style
// their Word style maps to (Titre → TITLE, Titre 1 → HEADING_1…) and the look of our own styles as direct
// formatting (Google Docs has no custom styles), runs with bold/italic, line breaks as U+000B, tables of cells,
// the footer with its page number. Test code: it reads only what retex-template-docx.ts writes.
import PizZip from 'pizzip';
import type { docs_v1 } from '@googleapis/docs';
import { FakeDocument, paragraph, type FakeBlock, type FakeChar, type FakeParagraph } from './fake-document';

type Look = { paragraph: docs_v1.Schema$ParagraphStyle; text: docs_v1.Schema$TextStyle };

const PT = (magnitude: number) => ({ magnitude, unit: 'PT' });
const STYLES: Record<string, Look> = {
  Title: { paragraph: { namedStyleType: 'TITLE' }, text: {} },
  Subtitle: { paragraph: { namedStyleType: 'SUBTITLE' }, text: {} },
  Heading1: { paragraph: { namedStyleType: 'HEADING_1' }, text: {} },
  Heading2: { paragraph: { namedStyleType: 'HEADING_2' }, text: {} },
  Caption: { paragraph: { namedStyleType: 'NORMAL_TEXT', alignment: 'CENTER' }, text: { italic: true } },
  RetexEmphasis: { paragraph: { namedStyleType: 'NORMAL_TEXT' }, text: { bold: true } },
  RetexNote: { paragraph: { namedStyleType: 'NORMAL_TEXT' }, text: { italic: true, fontSize: PT(9) } },
  RetexQuote: { paragraph: { namedStyleType: 'NORMAL_TEXT', indentStart: PT(22.7) }, text: { italic: true } },
  RetexQuoteHeading: { paragraph: { namedStyleType: 'NORMAL_TEXT' }, text: { bold: true } },
  RetexChart: { paragraph: { namedStyleType: 'NORMAL_TEXT', alignment: 'CENTER' }, text: {} },
};
const NORMAL: Look = { paragraph: { namedStyleType: 'NORMAL_TEXT' }, text: {} };

function decode(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

function importParagraph(xml: string): FakeParagraph {
  const styleId = /<w:pStyle w:val="([^"]+)"\/>/.exec(xml)?.[1] ?? '';
  const look = STYLES[styleId] ?? NORMAL;
  const chars: FakeChar[] = [];
  let page = false;
  for (const run of xml.matchAll(/<w:r>([\s\S]*?)<\/w:r>/g)) {
    const body = run[1] ?? '';
    const style: docs_v1.Schema$TextStyle = { ...look.text };
    if (/<w:b\/>/.test(body)) style.bold = true;
    if (/<w:i\/>/.test(body)) style.italic = true;
    if (/<w:instrText[^>]*>\s*PAGE\s*</.test(body)) page = true;
    if (/<w:fldChar w:fldCharType="end"\/>/.test(body)) {
      if (page) chars.push({ ch: '\ufffc', style, kind: 'page' });
      page = false;
      continue;
    }
    if (page) continue;
    for (const m of body.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<w:br\/>/g)) {
      const text = m[0] === '<w:br/>' ? '\u000b' : decode(m[1] ?? '');
      for (let i = 0; i < text.length; i += 1) chars.push({ ch: text[i] as string, style: { ...style } });
    }
  }
  const p = paragraph('', look.paragraph, look.text);
  p.chars = [...chars, ...p.chars];
  return p;
}

function importBlocks(xml: string): FakeBlock[] {
  const out: FakeBlock[] = [];
  for (const m of xml.matchAll(/<w:tbl>([\s\S]*?)<\/w:tbl>|<w:p(?:\s[^>]*)?>([\s\S]*?)<\/w:p>|<w:p\/>/g)) {
    if (m[0].startsWith('<w:tbl>'))
      out.push({
        kind: 'table',
        rows: [...(m[1] ?? '').matchAll(/<w:tr(?:\s[^>]*)?>([\s\S]*?)<\/w:tr>/g)].map((r) =>
          [...(r[1] ?? '').matchAll(/<w:tc>([\s\S]*?)<\/w:tc>/g)].map((c) => {
            const blocks = importBlocks(c[1] ?? '');
            return blocks.length > 0 ? blocks : [paragraph('')];
          }),
        ),
      });
    else out.push(m[0] === '<w:p/>' ? paragraph('') : importParagraph(m[2] ?? ''));
  }
  return out;
}

/** The Google Doc Drive makes of a template .docx. */
export function importDocx(id: string, docx: Buffer): FakeDocument {
  const zip = new PizZip(docx);
  const body = (zip.file('word/document.xml')?.asText() ?? '').replace(/<w:sectPr>[\s\S]*?<\/w:sectPr>/g, '');
  const inner = /<w:body>([\s\S]*)<\/w:body>/.exec(body)?.[1] ?? '';
  const doc = new FakeDocument(id, importBlocks(inner));
  const footer = zip.file('word/footer1.xml')?.asText();
  if (footer) doc.footers.set('kix.footer1', importBlocks(footer));
  return doc;
}
