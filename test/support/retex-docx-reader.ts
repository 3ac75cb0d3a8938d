// Reads a generated .docx back as text for the tests: paragraphs outside tables, tables as rows of cell texts,
// the footer, and the media parts. Line breaks (<w:br/>) read as "\n"; XML entities are decoded.
import PizZip from 'pizzip';

export interface DocxContent {
  paragraphs: string[];
  tables: string[][][];
  footer: string[];
  media: string[];
  /** Every text of the document (paragraphs and cells), one per line. */
  text: string;
}

function decode(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&amp;/g, '&');
}

function paragraphText(xml: string): string {
  let out = '';
  for (const m of xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<w:t\/>|<w:br\/>|<w:tab\/>/g)) {
    if (m[0] === '<w:br/>') out += '\n';
    else if (m[0] === '<w:tab/>') out += '\t';
    else out += decode(m[1] ?? '');
  }
  return out;
}

function paragraphs(xml: string): string[] {
  return [...xml.matchAll(/<w:p(?:\s[^>]*)?>([\s\S]*?)<\/w:p>|<w:p\/>/g)].map((m) =>
    paragraphText(m[1] ?? ''),
  );
}

export function readDocx(buffer: Buffer): DocxContent {
  const zip = new PizZip(buffer);
  const document = zip.file('word/document.xml')?.asText() ?? '';
  const tables = [...document.matchAll(/<w:tbl>([\s\S]*?)<\/w:tbl>/g)].map((t) =>
    [...(t[1] ?? '').matchAll(/<w:tr(?:\s[^>]*)?>([\s\S]*?)<\/w:tr>/g)].map((r) =>
      [...(r[1] ?? '').matchAll(/<w:tc>([\s\S]*?)<\/w:tc>/g)].map((c) => paragraphs(c[1] ?? '').join('\n')),
    ),
  );
  const outside = paragraphs(document.replace(/<w:tbl>[\s\S]*?<\/w:tbl>/g, ''));
  const footerFile = Object.keys(zip.files).find((f) => /^word\/footer\d*\.xml$/.test(f));
  const footer = footerFile ? paragraphs(zip.file(footerFile)?.asText() ?? '') : [];
  const media = Object.keys(zip.files).filter((f) => f.startsWith('word/media/'));
  const text = [...outside, ...tables.flat(2)].join('\n');
  return { paragraphs: outside, tables, footer, media, text };
}

/** The table whose header row starts with these cells. */
export function tableStartingWith(content: DocxContent, ...header: string[]): string[][] | undefined {
  return content.tables.find((t) => header.every((h, i) => t[0]?.[i] === h));
}
