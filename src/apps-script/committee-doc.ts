// « Comité de suivi du mois » (menu): issues the month's committee pack through the core (issueCommittee: a new
// frozen version only when the data or the « décisions à prendre » changed since the month's latest one) and
// writes its Google Doc from the committee template — the same block language and the same filler as the RETEX
// (retex-template-doc.ts, retex-docs.ts): a template Google Doc written once from comite-mensuel.json into the
// pilot's folder (an ARS may restyle it, keeping the {placeholders}), copied by Drive and filled with the issue's
// frozen values and chart through the advanced Docs service (one Documents.get, one or two Documents.batchUpdate
// built by src/google/retex-doc-fill.ts, as the REST runtime does), the chart's panels added by DocumentApp. The
// Doc is recorded beside the issue, so issuing again on unchanged data gives the same Doc.
import { issueCommittee } from '../app/committee';
import type { CommitteeIssue } from '../domain/committee';
import { parisDateString } from '../domain/paris-time';
import { retexFr } from '../domain/messages';
import { ensureAccompaniment } from './accompaniment-setup';
import { accompanimentContext } from './accompaniment-tabs';
import type { CommitteeDocumentFile, SheetAccompanimentStore } from './accompaniment-store';
import { folderOf } from './drive-folder';
import { retexChartPanels } from './retex/retex-chart-image';
import { fillRetexCopy } from './retex/retex-docs';
import { retexTemplateFile } from './retex/retex-template-doc';
import type { Runtime } from './runtime';

export type CommitteeOutcome =
  { status: 'issued' | 'unchanged'; label: string; url: string } | { status: 'no-template' };

function journal(rt: Runtime, month: string, summary: string, details?: string): void {
  rt.store.transaction(() =>
    rt.store.appendJournal({
      at: rt.clock.now().toISOString(),
      kind: 'accompaniment',
      actor: rt.services.Session.getEffectiveUser().getEmail(),
      role: 'ars',
      target: `comité ${month}`,
      summary,
      ...(details ? { details } : {}),
    }),
  );
}

function writeDocument(
  rt: Runtime,
  store: SheetAccompanimentStore,
  issue: CommitteeIssue,
): CommitteeDocumentFile | undefined {
  const description = rt.accompanimentSources().committeeTemplate;
  if (!description) return undefined;
  const folder = folderOf(rt);
  const template = retexTemplateFile(rt, description, folder);
  const copy = template.makeCopy(issue.fileBase, folder);
  let unknown: string[];
  try {
    const panels = retexChartPanels(rt.services.Charts, issue.model.chart);
    // The Docs API reads U+2063 (invisible separator) as text: the marker is found nowhere else (as retex.ts).
    const marker = `\u2063suivi-mes-graphique-${rt.services.Utilities.getUuid()}\u2063`;
    unknown = fillRetexCopy(
      rt.services,
      copy.getId(),
      template.getName(),
      issue.model,
      panels,
      marker,
    ).unknownPlaceholders;
  } catch (error) {
    copy.setTrashed(true);
    throw error;
  }
  const file: CommitteeDocumentFile = {
    label: issue.label,
    id: copy.getId(),
    url: copy.getUrl(),
    at: rt.clock.now().toISOString(),
  };
  store.recordCommitteeDocument(file);
  if (unknown.length > 0) journal(rt, issue.month, retexFr.unknownPlaceholders(template.getName(), unknown));
  return file;
}

/** The current month (Paris time), AAAA-MM. */
export function currentMonth(rt: Runtime): string {
  return parisDateString(rt.clock.now()).slice(0, 7);
}

export function issueCommitteePack(rt: Runtime, month: string = currentMonth(rt)): CommitteeOutcome {
  ensureAccompaniment(rt);
  const ctx = accompanimentContext(rt);
  const author = rt.services.Session.getEffectiveUser().getEmail() || 'suivi-mes';
  const plan = issueCommittee(ctx, { month, author });
  const issue = plan.issue;
  const existing = ctx.accompaniment.committeeDocument(issue.label);
  if (existing) return { status: 'unchanged', label: issue.label, url: existing.url };
  const file = writeDocument(rt, ctx.accompaniment, issue);
  if (!file) return { status: 'no-template' };
  journal(rt, month, `Dossier du comité ${issue.label} écrit : ${file.url}`, file.id);
  return { status: plan.status === 'new' ? 'issued' : 'unchanged', label: issue.label, url: file.url };
}

export function committeeMessage(outcome: CommitteeOutcome): string {
  if (outcome.status === 'no-template')
    return 'Aucun modèle de dossier de comité n’accompagne ce script (comite-mensuel.json) : rien n’a été écrit.';
  return outcome.status === 'issued'
    ? `Dossier du comité de suivi, version ${outcome.label} : ${outcome.url}`
    : `Rien n’a changé depuis la version ${outcome.label} du dossier : ${outcome.url}`;
}
