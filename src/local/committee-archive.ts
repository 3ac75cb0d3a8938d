// The monthly committee pack on disk: its template (files.committeeTemplates: comite-mensuel.json and the .docx
// generated from it or edited by the ARS), the issue (a new version only when the month's data or the ARS's
// « décisions à prendre » changed, see src/domain/committee.ts), and its files under <data>/comite/: the .docx
// filled from the frozen snapshot, and a PDF through LibreOffice when it is installed. Files of a version are
// written once and never regenerated.
import fs from 'node:fs';
import path from 'node:path';
import type { AccompanimentContext } from '../app/accompaniment';
import { issueCommittee } from '../app/committee';
import type { CommitteeIssue, CommitteeIssuePlan } from '../domain/committee';
import { parseRetexTemplateDescription, type RetexTemplateDescription } from '../domain/retex/template';
import { readDataFile, readDataJson, REPO_ROOT } from '../node/project-files';
import type { Project } from '../schema/project';
import { retexChartPng } from '../node/retex-chart';
import { renderRetexDocx } from './retex/retex-docx';
import { convertToPdf, findSoffice } from './retex/retex-pdf';

export const COMMITTEE_ARCHIVE_DIR = 'comite';
export const COMMITTEE_TEMPLATE = 'comite-mensuel';

export function committeeTemplatesDir(project: Project, configFile: string): string {
  const name = project.config.files.committeeTemplates;
  return name
    ? path.resolve(path.dirname(path.resolve(configFile)), name)
    : path.join(REPO_ROOT, 'sheets-template', COMMITTEE_ARCHIVE_DIR);
}

export function readCommitteeDescription(project: Project, dir: string): RetexTemplateDescription {
  const file = path.join(dir, `${COMMITTEE_TEMPLATE}.json`);
  return parseRetexTemplateDescription(readDataJson(file), file, 'cross-cutting', project.tracking);
}

export interface CommitteeFiles {
  docx: string;
  pdf: string | undefined;
  unknownPlaceholders: string[];
}

export interface IssuedCommittee {
  plan: CommitteeIssuePlan;
  files: CommitteeFiles;
  /** Why no PDF: LibreOffice missing ('unavailable'), or the conversion's error. */
  pdfProblem?: string;
}

/** Writes the .docx (and PDF) of an issued version into `dir` when they are not there yet. */
export async function writeCommitteeFiles(
  issue: CommitteeIssue,
  templateDocx: Buffer,
  dir: string,
  pdf: 'auto' | 'never',
): Promise<{ files: CommitteeFiles; pdfProblem?: string }> {
  fs.mkdirSync(dir, { recursive: true });
  const docx = path.join(dir, `${issue.fileBase}.docx`);
  let unknownPlaceholders: string[] = [];
  if (!fs.existsSync(docx)) {
    const rendered = renderRetexDocx(
      templateDocx,
      `${COMMITTEE_TEMPLATE}.docx`,
      issue.model,
      retexChartPng(issue.model.chart),
    );
    unknownPlaceholders = rendered.unknownPlaceholders;
    const tmp = `${docx}.tmp`;
    fs.writeFileSync(tmp, rendered.buffer);
    fs.renameSync(tmp, docx);
  }
  const pdfFile = path.join(dir, `${issue.fileBase}.pdf`);
  if (pdf === 'never' || fs.existsSync(pdfFile))
    return { files: { docx, pdf: fs.existsSync(pdfFile) ? pdfFile : undefined, unknownPlaceholders } };
  const soffice = findSoffice();
  if (!soffice) return { files: { docx, pdf: undefined, unknownPlaceholders }, pdfProblem: 'unavailable' };
  try {
    const made = await convertToPdf(soffice, [docx], dir);
    return { files: { docx, pdf: made[0], unknownPlaceholders } };
  } catch (error) {
    return { files: { docx, pdf: undefined, unknownPlaceholders }, pdfProblem: (error as Error).message };
  }
}

export async function issueCommitteePack(
  ctx: AccompanimentContext,
  options: { month: string; author: string; templatesDir: string; archiveDir: string; pdf: 'auto' | 'never' },
): Promise<IssuedCommittee> {
  // Read the template before issuing: a missing or broken template must not leave a version without its file.
  const description = readCommitteeDescription(ctx.project, options.templatesDir);
  const template = readDataFile(path.join(options.templatesDir, `${description.id}.docx`));
  const plan = issueCommittee(ctx, { month: options.month, author: options.author });
  const written = await writeCommitteeFiles(plan.issue, template, options.archiveDir, options.pdf);
  return { plan, ...written };
}
