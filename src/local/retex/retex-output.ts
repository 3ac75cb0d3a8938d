// Writes an issued RETEX to a folder: one .docx per document, named after its version, use case and date, and a
// PDF of each when LibreOffice is installed. An issued version is frozen: a file already there is never
// rewritten, and earlier versions' files are left alone.
import fs from 'node:fs';
import path from 'node:path';
import type { RetexIssue } from '../../domain/retex/issue';
import type { RetexDocumentKind } from '../../domain/retex/template';
import { retexChartPng } from '../../node/retex-chart';
import { renderRetexDocx } from './retex-docx';
import { convertToPdf, findSoffice } from './retex-pdf';

export interface RetexOutputOptions {
  outDir: string;
  /** The .docx templates by document kind, and their names for error messages. */
  templates: Record<RetexDocumentKind, { buffer: Buffer; name: string }>;
  /** `auto`: a PDF when LibreOffice is found; `never`: .docx only. */
  pdf: 'auto' | 'never';
}

export interface RetexOutputFile {
  key: string;
  title: string;
  docx: string;
  /** `written` now, or `kept`: the file of this issued version was already there. */
  status: 'written' | 'kept';
  pdf?: string;
  unknownPlaceholders: string[];
}

export interface RetexOutput {
  files: RetexOutputFile[];
  /** `converted`, `unavailable` (no LibreOffice), `skipped` (not asked or nothing new). */
  pdf: 'converted' | 'unavailable' | 'skipped';
}

export async function writeRetexIssue(issue: RetexIssue, options: RetexOutputOptions): Promise<RetexOutput> {
  fs.mkdirSync(options.outDir, { recursive: true });
  const files: RetexOutputFile[] = issue.documents.map((d) => {
    const docx = path.join(options.outDir, `${d.fileBase}.docx`);
    if (fs.existsSync(docx))
      return { key: d.key, title: d.title, docx, status: 'kept' as const, unknownPlaceholders: [] };
    const template = options.templates[d.model.kind];
    const rendered = renderRetexDocx(template.buffer, template.name, d.model, retexChartPng(d.model.chart));
    // Written under a temporary name then renamed, so an interrupted run never leaves a half file behind.
    const partial = `${docx}.partiel`;
    fs.writeFileSync(partial, rendered.buffer);
    fs.renameSync(partial, docx);
    return {
      key: d.key,
      title: d.title,
      docx,
      status: 'written' as const,
      unknownPlaceholders: rendered.unknownPlaceholders,
    };
  });
  const wanted = files.filter((f) => !fs.existsSync(f.docx.replace(/\.docx$/, '.pdf')));
  for (const f of files) {
    const pdf = f.docx.replace(/\.docx$/, '.pdf');
    if (fs.existsSync(pdf)) f.pdf = pdf;
  }
  if (options.pdf === 'never' || wanted.length === 0) return { files, pdf: 'skipped' };
  const soffice = findSoffice();
  if (!soffice) return { files, pdf: 'unavailable' };
  const pdfs = await convertToPdf(
    soffice,
    wanted.map((f) => f.docx),
    options.outDir,
  );
  for (const f of wanted) {
    const pdf = f.docx.replace(/\.docx$/, '.pdf');
    if (pdfs.includes(pdf)) f.pdf = pdf;
  }
  return { files, pdf: 'converted' };
}
