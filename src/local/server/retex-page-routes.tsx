// The RETEX page both roles have (the ARS's under /ars/<token>/retex, ars-retex-routes.tsx; the ANS's national one
// under /ans/<token>/retex, ans-retex-routes.tsx): the milestones, a button that issues V1 or VF, each issued version
// listed with its frozen documents, their download and the rewriting of missing files. What differs — where the data
// comes from, who may write texts, the page's navigation — each role passes in; each role's routes stay registered
// inside its own plugin, so its access hook (ARS region, read-only ANS) guards them as before.
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import * as z from 'zod';
import { MILESTONES, milestoneCutoff, pilotCalendar, type Milestone } from '../../domain/calendar';
import { retexFr } from '../../domain/messages';
import { formatParisDateTime } from '../../domain/paris-time';
import type { RetexIssue } from '../../domain/retex/issue';
import { RetexTemplateError } from '../../domain/retex/fill';
import { DataFileError } from '../../schema/zod-issues';
import { frRequest, frRetexPage } from '../messages';
import type { NavItem } from '../pages/layout';
import { RetexPage, type RetexNotice, type RetexVersionView } from '../pages/ars-retex-page';
import {
  archivedDocuments,
  findArchivedFile,
  loadRetexTemplates,
  retexArchiveDir,
  writeIssueFiles,
  type IssuedRetex,
} from '../retex/retex-archive';
import { findSoffice } from '../retex/retex-pdf';
import type { RetexSqliteStore } from '../db/retex-sqlite-store';
import { sendDownload } from './attachment';
import { chromeOf } from './chrome';
import { parseFormBody, single } from './form-body';
import { sendRefusal } from './refusal-page';
import { sendPage } from './render';
import { serialised } from './serialised';
import type { Access } from './types';

const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const LabelParams = z.object({ label: z.string().max(20) });
const FileParams = z.object({ name: z.string().max(200) });

const kilobytes = (bytes: number) => `${Math.max(1, Math.round(bytes / 1024))} Ko`;
const frenchDate = (isoDate: string) => isoDate.split('-').reverse().join('/');

/** A template problem the ARS can fix (a description or a .docx edited so it no longer reads), in French. */
export function templateProblem(error: unknown): string | undefined {
  return error instanceof DataFileError || error instanceof RetexTemplateError ? error.message : undefined;
}

/** How an issued RETEX version shows: its documents as archived under `folder`, linked under the page's address. */
function retexVersionView(
  folder: string,
  access: Access,
  issue: RetexIssue,
  inForce: boolean,
): RetexVersionView {
  const documents = archivedDocuments(folder, issue);
  const link = (file: { name: string; bytes: number } | undefined) =>
    file && {
      href: `${access.base}/retex/fichiers/${encodeURIComponent(file.name)}`,
      name: file.name,
      size: kilobytes(file.bytes),
    };
  const cross = issue.documents.find((d) => d.model.kind === 'cross-cutting');
  return {
    label: issue.label,
    milestone: issue.milestone,
    inForce,
    issuedAt: formatParisDateTime(new Date(issue.issuedAt)),
    author: issue.author,
    dataBasis: String(cross?.model.values.data_basis ?? ''),
    documents: documents.map((d) => ({
      title: d.title,
      crossCutting: d.kind === 'cross-cutting',
      docx: link(d.docx),
      pdf: link(d.pdf),
    })),
    missing: documents.filter((d) => !d.docx).length,
    restoreAction: `${access.base}/retex/versions/${encodeURIComponent(issue.label)}/fichiers`,
  };
}

/** The issued versions of a RETEX store. They never change: each snapshot (about 1 MB of JSON for 16 pilots) is read and checked once. */
function issuedVersions(retex: RetexSqliteStore): () => RetexIssue[] {
  const snapshots = new Map<string, RetexIssue>();
  return () =>
    retex.issueLabels().flatMap((label) => {
      const known = snapshots.get(label) ?? retex.getIssue(label);
      if (known) snapshots.set(label, known);
      return known ? [known] : [];
    });
}

/** The notice after « Générer »: the version issued or unchanged, its data basis, then what went wrong or was added. */
function issueNotice({ plan, output, pdfError }: IssuedRetex, reportFiles: boolean): RetexNotice {
  const cross = plan.issue.documents.find((d) => d.model.kind === 'cross-cutting');
  const lines = [
    plan.status === 'new'
      ? retexFr.issueCreated(plan.issue.label, plan.previous?.label ?? null)
      : retexFr.issueUnchanged(plan.issue.label),
    String(cross?.model.values.data_basis ?? ''),
  ];
  const unknown = reportFiles ? output.files.filter((f) => f.unknownPlaceholders.length > 0) : [];
  for (const f of unknown)
    lines.push(retexFr.unknownPlaceholders(path.basename(f.docx), f.unknownPlaceholders));
  if (output.pdf === 'unavailable') lines.push(frRetexPage.pdfUnavailable);
  if (pdfError !== undefined) lines.push(frRetexPage.pdfFailed(pdfError));
  if (reportFiles && output.pdf === 'converted')
    lines.push(frRetexPage.pdfConverted(output.files.filter((f) => f.pdf).length));
  return {
    kind:
      unknown.length > 0 || pdfError !== undefined ? 'warning' : plan.status === 'new' ? 'success' : 'info',
    lines,
  };
}

/** What a role's RETEX page brings to the routes they share. */
export interface RetexPageRole {
  accessOf: (req: FastifyRequest) => Access;
  /** The role's RETEX versions. */
  retex: RetexSqliteStore;
  /** The data folder whose RETEX archive holds the versions' files. */
  folder: string;
  templatesDir: string;
  nav: (access: Access) => NavItem[];
  /** The page's heading (« RETEX » unless told). */
  title?: string;
  /** The refusal page's link back to the RETEX page. */
  backLabel: string;
  /** The refusal page's title for a server-side failure (« Envoi refusé » unless told). */
  unavailableTitle?: string;
  /** The texts this role writes, counted for the page (a template problem throws); absent when it writes none. */
  texts?: () => { toWrite: number; total: number; documents: number };
  /** Issues the version chosen; run one at a time. */
  issue: (access: Access, request: { milestone: Milestone; pdf: 'auto' | 'never' }) => Promise<IssuedRetex>;
  /** Whether the notice also names the documents with unknown placeholders and counts the PDFs converted. */
  reportFiles: boolean;
}

export type RetexRefusal = (
  reply: FastifyReply,
  access: Access,
  status: number,
  message: string,
) => FastifyReply;

type RetexPageState = { notice?: RetexNotice; selected?: Milestone; status?: number };

/**
 * Registers GET /retex, POST /retex/generer, POST /retex/versions/:label/fichiers and GET /retex/fichiers/:name in
 * the calling plugin's context, and returns the role's refusal page for the routes it adds itself.
 */
export function registerRetexPage(app: FastifyInstance, role: RetexPageRole): RetexRefusal {
  const deps = app.suivi;
  const calendar = pilotCalendar(deps.project.config);
  const exclusive = serialised();
  const issues = issuedVersions(role.retex);
  const templates = () => loadRetexTemplates(deps.project, role.templatesDir);

  const messagePage: RetexRefusal = (reply, access, status, message) =>
    sendRefusal(reply, deps, {
      status,
      message,
      back: { href: `${access.base}/retex`, label: role.backLabel },
      title: status >= 500 ? role.unavailableTitle : undefined,
    });

  function render(req: FastifyRequest, reply: FastifyReply, state: RetexPageState = {}): FastifyReply {
    const access = role.accessOf(req);
    const now = deps.clock.now();
    const issued = issues();
    const latest = new Map<Milestone, number>();
    for (const i of issued) latest.set(i.milestone, Math.max(latest.get(i.milestone) ?? 0, i.number));
    const versions = [...issued]
      .sort((a, b) => b.number - a.number)
      .map((i) => retexVersionView(role.folder, access, i, latest.get(i.milestone) === i.number));
    let notice = state.notice;
    let texts: { toWrite: number; total: number; documents: number } | undefined;
    if (role.texts)
      try {
        texts = role.texts();
      } catch (error) {
        const problem = templateProblem(error);
        if (problem === undefined) throw error;
        notice ??= { kind: 'error', lines: [frRetexPage.generationFailed(problem)] };
        texts = { toWrite: 0, total: 0, documents: 0 };
      }
    const milestones = MILESTONES.map((m) => {
      const cutoff = milestoneCutoff(calendar, m);
      return {
        id: m,
        label: retexFr.milestoneLabel[m],
        date: frenchDate(cutoff.date),
        week: cutoff.week,
        until: formatParisDateTime(cutoff.until),
        open: cutoff.until.getTime() >= now.getTime(),
      };
    });
    return sendPage(
      reply,
      <RetexPage
        chrome={chromeOf(deps)}
        nav={role.nav(access)}
        audience={access.link.label}
        title={role.title}
        csrf={reply.generateCsrf({ userInfo: access.link.id })}
        generateAction={`${access.base}/retex/generer`}
        milestones={milestones}
        selected={
          state.selected ?? milestones.find((m) => m.open)?.id ?? MILESTONES[MILESTONES.length - 1] ?? 'VF'
        }
        pdfAvailable={findSoffice() !== undefined}
        texts={texts && { href: `${access.base}/retex/textes`, ...texts }}
        versions={versions}
        notice={notice}
      />,
      state.status ?? 200,
    );
  }

  app.get('/retex', async (req, reply) => render(req, reply));

  app.post('/retex/generer', { preHandler: app.csrfProtection }, async (req, reply) => {
    const access = role.accessOf(req);
    const parsed = parseFormBody(req.body);
    if (!parsed.ok) return messagePage(reply, access, 400, frRequest.malformedForm(parsed.problems));
    const milestone = MILESTONES.find((m) => m === single(parsed.body, 'milestone'));
    if (!milestone)
      return render(req, reply, {
        notice: { kind: 'error', lines: [frRetexPage.milestoneMissing()] },
        status: 422,
      });
    const pdf = single(parsed.body, 'pdf') === '1' ? 'auto' : 'never';
    try {
      const issued = await exclusive(() => role.issue(access, { milestone, pdf }));
      return render(req, reply, { notice: issueNotice(issued, role.reportFiles), selected: milestone });
    } catch (error) {
      const problem = templateProblem(error);
      if (problem === undefined) throw error;
      return render(req, reply, {
        notice: { kind: 'error', lines: [frRetexPage.generationFailed(problem)] },
        selected: milestone,
        status: 500,
      });
    }
  });

  // Rewriting a version's missing files (never a new version), and downloading the frozen files.
  app.post('/retex/versions/:label/fichiers', { preHandler: app.csrfProtection }, async (req, reply) => {
    const access = role.accessOf(req);
    const params = LabelParams.safeParse(req.params);
    const issue = params.success ? issues().find((i) => i.label === params.data.label) : undefined;
    if (!issue) return messagePage(reply, access, 404, frRetexPage.unknownVersion(params.data?.label ?? ''));
    try {
      const output = await exclusive(async () =>
        writeIssueFiles(issue, templates(), retexArchiveDir(role.folder), 'never'),
      );
      const written = output.files.filter((f) => f.status === 'written').length;
      return render(req, reply, {
        notice: { kind: 'success', lines: [frRetexPage.filesRestored(issue.label, written)] },
        selected: issue.milestone,
      });
    } catch (error) {
      const problem = templateProblem(error);
      if (problem === undefined) throw error;
      return render(req, reply, {
        notice: { kind: 'error', lines: [frRetexPage.generationFailed(problem)] },
        status: 500,
      });
    }
  });

  app.get('/retex/fichiers/:name', async (req, reply) => {
    const access = role.accessOf(req);
    const params = FileParams.safeParse(req.params);
    const found = params.success ? findArchivedFile(role.folder, issues(), params.data.name) : undefined;
    if (!found) return messagePage(reply, access, 404, frRequest.notFound());
    const body = await fs.promises.readFile(found.file);
    return sendDownload(reply, found.type === 'pdf' ? 'application/pdf' : DOCX_TYPE, found.name, body);
  });

  return messagePage;
}
