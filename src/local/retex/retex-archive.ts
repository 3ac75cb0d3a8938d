// The RETEX of a local data folder: issuing a version (the core's buildRetex, then its files) and the issued files
// kept under <data>/retex/ as frozen copies, which the ARS page lists and serves as they are (written once, never
// rewritten, never regenerated on download); also the copy of a version's files into another folder (`--out`).
// The ARS page and `suivi-mes retex` both go through here, so they issue the same versions into the same place.
import fs from 'node:fs';
import path from 'node:path';
import type { AppContext } from '../../app/context';
import { buildRetex } from '../../app/build-retex';
import type { Milestone } from '../../domain/calendar';
import type { RetexDocumentKind, RetexTemplates } from '../../domain/retex/template';
import type { RetexIssue, RetexIssuePlan } from '../../domain/retex/issue';
import type { RetexStore } from '../../ports';
import type { Project } from '../../schema/project';
import { readRetexDescriptions, readRetexDocxTemplates, RETEX_TEMPLATE_FILES } from '../../node/retex-files';
import {
  writeRetexIssue,
  type RetexOutput,
  type RetexOutputFile,
  type RetexOutputOptions,
} from './retex-output';

/** Where the issued files live, inside the data folder. */
export const RETEX_ARCHIVE_DIR = 'retex';

export function retexArchiveDir(dataDir: string): string {
  return path.join(dataDir, RETEX_ARCHIVE_DIR);
}

/** The two descriptions (sections, prompts) and the two .docx templates, read from the templates folder. */
export interface RetexTemplateSet {
  descriptions: RetexTemplates;
  docx: RetexOutputOptions['templates'];
}

/** Reads the templates afresh, so a template the ARS edited in Word is used without a restart. */
export function loadRetexTemplates(project: Project, dir: string): RetexTemplateSet {
  const descriptions = readRetexDescriptions(project, dir);
  const buffers = readRetexDocxTemplates(dir);
  const docx = (kind: RetexDocumentKind) => ({
    buffer: buffers[kind],
    name: `${RETEX_TEMPLATE_FILES[kind]}.docx`,
  });
  return { descriptions, docx: { 'use-case': docx('use-case'), 'cross-cutting': docx('cross-cutting') } };
}

export interface IssueRetexOptions {
  milestone: Milestone;
  /** Who asked for it (Journal). */
  author: string;
  templates: RetexTemplateSet;
  /** Folder the files are written to (the archive, or `--out` for a demo). */
  outDir: string;
  pdf: RetexOutputOptions['pdf'];
}

export interface IssuedRetex {
  plan: RetexIssuePlan;
  output: RetexOutput;
  /** LibreOffice was found but failed: why (the .docx are written all the same). */
  pdfError?: string;
}

/**
 * Issues the RETEX of a milestone (a new numbered version only when something changed) and writes the files of
 * the version in force that are missing from `outDir`, from its frozen snapshot. The .docx come first; a PDF
 * conversion that fails leaves them in place and says why, rather than failing the whole issue.
 */
export async function issueRetex(
  app: AppContext,
  retex: RetexStore,
  options: IssueRetexOptions,
): Promise<IssuedRetex> {
  const plan = buildRetex(app, retex, {
    milestone: options.milestone,
    templates: options.templates.descriptions,
    author: options.author,
  });
  const write = (pdf: RetexOutputOptions['pdf']) =>
    writeRetexIssue(plan.issue, { outDir: options.outDir, templates: options.templates.docx, pdf });
  const docx = await write('never');
  if (options.pdf === 'never') return { plan, output: docx };
  try {
    // Every .docx is there now: this pass only converts the PDFs still missing.
    const withPdf = await write(options.pdf);
    const pdfOf = (key: string) => withPdf.files.find((f) => f.key === key)?.pdf;
    return {
      plan,
      output: {
        files: docx.files.map((f) => {
          const pdf = pdfOf(f.key);
          return pdf ? { ...f, pdf } : f;
        }),
        pdf: withPdf.pdf,
      },
    };
  } catch (error) {
    return { plan, output: docx, pdfError: (error as Error).message };
  }
}

/** Writes the missing files of an issued version from its snapshot (a file deleted by hand, a template fixed). */
export function writeIssueFiles(
  issue: RetexIssue,
  templates: RetexTemplateSet,
  outDir: string,
  pdf: RetexOutputOptions['pdf'],
): Promise<RetexOutput> {
  return writeRetexIssue(issue, { outDir, templates: templates.docx, pdf });
}

// Names the archive serves: what retexFileBase makes (ASCII letters, digits, dots and dashes). Anything else in a
// stored snapshot is never joined to a path.
const SAFE_FILE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$/;

export function isSafeFileName(name: string): boolean {
  return SAFE_FILE_NAME.test(name) && path.basename(name) === name;
}

export interface ArchivedFile {
  name: string;
  file: string;
  bytes: number;
}

export interface ArchivedDocument {
  key: string;
  title: string;
  kind: RetexDocumentKind;
  docx?: ArchivedFile;
  pdf?: ArchivedFile;
}

function archived(dir: string, name: string): ArchivedFile | undefined {
  if (!isSafeFileName(name)) return undefined;
  const file = path.join(dir, name);
  try {
    const stat = fs.statSync(file);
    return stat.isFile() ? { name, file, bytes: stat.size } : undefined;
  } catch {
    return undefined;
  }
}

/** The files of an issued version found in the archive, document by document. */
export function archivedDocuments(dataDir: string, issue: RetexIssue): ArchivedDocument[] {
  const dir = retexArchiveDir(dataDir);
  return issue.documents.map((d) => {
    const docx = archived(dir, `${d.fileBase}.docx`);
    const pdf = archived(dir, `${d.fileBase}.pdf`);
    return {
      key: d.key,
      title: d.title,
      kind: d.model.kind,
      ...(docx ? { docx } : {}),
      ...(pdf ? { pdf } : {}),
    };
  });
}

/**
 * The archived file of that name, only if it is the .docx or .pdf of an issued version: a download can name
 * nothing else in the data folder.
 */
export function findArchivedFile(
  dataDir: string,
  issues: readonly RetexIssue[],
  name: string,
): (ArchivedFile & { type: 'docx' | 'pdf' }) | undefined {
  const match = /^(.*)\.(docx|pdf)$/.exec(name);
  if (!match || !isSafeFileName(name)) return undefined;
  const [, base, type] = match as unknown as [string, string, 'docx' | 'pdf'];
  if (!issues.some((i) => i.documents.some((d) => d.fileBase === base))) return undefined;
  const found = archived(retexArchiveDir(dataDir), name);
  return found ? { ...found, type } : undefined;
}

function copyOnce(from: string, toDir: string): { file: string; copied: boolean } {
  const target = path.join(toDir, path.basename(from));
  if (fs.existsSync(target)) return { file: target, copied: false };
  // Copied under a temporary name then renamed, as the archive is written: never a half file.
  const partial = `${target}.partiel`;
  fs.copyFileSync(from, partial);
  fs.renameSync(partial, target);
  return { file: target, copied: true };
}

/**
 * Copies an issue's archived files into another folder. A file already there is kept as it is (an issued
 * version's file never changes); the statuses returned are those of the copies (unchanged when the folder is
 * the archive itself).
 */
export function copyRetexOutput(output: RetexOutput, toDir: string): RetexOutput {
  fs.mkdirSync(toDir, { recursive: true });
  const files: RetexOutputFile[] = output.files.map((f) => {
    if (path.resolve(path.dirname(f.docx)) === path.resolve(toDir)) return f;
    const docx = copyOnce(f.docx, toDir);
    const pdf = f.pdf ? copyOnce(f.pdf, toDir).file : undefined;
    return {
      ...f,
      docx: docx.file,
      status: docx.copied ? 'written' : 'kept',
      ...(pdf ? { pdf } : {}),
    };
  });
  return { files, pdf: output.pdf };
}
