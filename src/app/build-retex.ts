// Builds a RETEX at a milestone and issues it: one model per use case plus the cross-cutting one, compared with
// the versions already issued (nothing new → the version in force; anything new → the next number, recorded as a
// frozen snapshot and told to the Journal). Also keeps the ARS's own text per section. Renderers (.docx, Google
// Docs) draw the issue's models; this use case writes no file.
import type { Milestone } from '../domain/calendar';
import { fieldError, fr, retexFr, type FieldError } from '../domain/messages';
import { findPatientData } from '../domain/patient-data';
import { hasUnsafeCharacters } from '../domain/safe-text';
import { planRetexIssue, type RetexIssuePlan } from '../domain/retex/issue';
import { buildRetexDraft, type RetexDraft } from '../domain/retex/draft';
import { CROSS_CUTTING_KEY, groupUseCases } from '../domain/retex/groups';
import { latestSectionText, type RetexSectionText } from '../domain/retex/document';
import { basisOf, type WriteBasis } from '../domain/write-basis';
import { refuseIfStale, type StaleWrite } from './stale-write';
import { arsSections, type RetexTemplates } from '../domain/retex/template';
import type { RetexStore } from '../ports';
import type { AppContext } from './context';

export interface BuildRetexInput {
  milestone: Milestone;
  templates: RetexTemplates;
  /** Who asked for it (an e-mail, « ligne de commande »…). */
  author: string;
}

/** The draft of a RETEX as of now, without issuing anything (for previews and the ARS page). */
export function draftRetex(
  ctx: AppContext,
  retex: RetexStore,
  milestone: Milestone,
  templates: RetexTemplates,
): RetexDraft {
  const { project, store } = ctx;
  return buildRetexDraft({
    tracking: project.tracking,
    config: project.config,
    departments: project.departments,
    establishments: store.listEstablishments(),
    versions: store.listReportVersions(),
    changes: store.listCellChanges(),
    sectionTexts: retex.listSectionTexts(),
    templates,
    milestone,
    now: ctx.clock.now(),
  });
}

export function buildRetex(ctx: AppContext, retex: RetexStore, input: BuildRetexInput): RetexIssuePlan {
  return ctx.store.transaction(() => {
    const now = ctx.clock.now();
    const draft = draftRetex(ctx, retex, input.milestone, input.templates);
    const plan = planRetexIssue(draft, retex.listIssues(input.milestone), now, input.author);
    if (plan.status === 'new') {
      retex.recordIssue(plan.issue);
      ctx.store.appendJournal({
        at: now.toISOString(),
        kind: 'retex',
        actor: input.author,
        role: 'ars',
        target: plan.issue.label,
        summary: retexFr.journalIssued(plan.issue.label, plan.issue.documents.length),
        details: `fingerprint ${plan.issue.fingerprint}; previous ${plan.previous?.label ?? 'none'}`,
      });
    }
    return plan;
  });
}

/** The longest ARS text kept for one section. */
export const RETEX_SECTION_MAX_LENGTH = 20000;

export interface SaveSectionInput {
  documentKey: string;
  sectionId: string;
  text: string;
  author: string;
  /**
   * What the page showed (retexTextsBasis of the document's sections then): refused as stale when this section's
   * text changed since. Undefined: no check (a sheet cell or a command line, which show nothing first).
   */
  basis?: WriteBasis;
}

export type SaveSectionOutcome =
  { status: 'saved'; text: RetexSectionText } | { status: 'refused'; errors: FieldError[] } | StaleWrite;

/** The text of a section as the store holds it now ('' before the ARS writes one). */
function currentSectionText(retex: RetexStore, documentKey: string, sectionId: string): string {
  return latestSectionText(retex.listSectionTexts(), documentKey, sectionId)?.text ?? '';
}

/** The basis of a page showing the texts of `sectionIds` of one RETEX document. */
export function retexTextsBasis(
  retex: RetexStore,
  documentKey: string,
  sectionIds: readonly string[],
): WriteBasis {
  return basisOf(
    Object.fromEntries(sectionIds.map((id) => [id, currentSectionText(retex, documentKey, id)])),
    sectionIds,
  );
}

/**
 * Keeps the ARS's text for one section of one document (of the current draft's documents), so every rebuild
 * uses it. Refused: an unknown document or section, a text too long, one holding characters no document may carry
 * (safe-text.ts), or one that looks like patient data.
 */
export function saveRetexSectionText(
  ctx: AppContext,
  retex: RetexStore,
  templates: RetexTemplates,
  input: SaveSectionInput,
): SaveSectionOutcome {
  const keys = groupUseCases(ctx.store.listEstablishments()).map((g) => g.key);
  const kind =
    input.documentKey === CROSS_CUTTING_KEY
      ? 'cross-cutting'
      : keys.includes(input.documentKey)
        ? 'use-case'
        : undefined;
  if (!kind)
    return {
      status: 'refused',
      errors: [
        fieldError(
          'documentKey',
          'UNKNOWN_FIELD',
          fr.unknownField(input.documentKey),
          'unknown RETEX document',
        ),
      ],
    };
  const description = kind === 'use-case' ? templates.useCase : templates.crossCutting;
  const section = arsSections(description).find((s) => s.id === input.sectionId);
  if (!section)
    return {
      status: 'refused',
      errors: [
        fieldError('sectionId', 'UNKNOWN_FIELD', fr.unknownField(input.sectionId), 'unknown RETEX section'),
      ],
    };
  const current = currentSectionText(retex, input.documentKey, input.sectionId);
  const stale = refuseIfStale(ctx, {
    basis: input.basis,
    current: { [section.id]: current },
    only: [section.id],
    describe: () => ({ label: section.title, text: current }),
    author: input.author,
    role: 'ars',
    target: `${input.documentKey} ${section.id}`,
    what: `Texte RETEX « ${section.title} »`,
  });
  if (stale) return stale;
  const text = input.text.replace(/\r\n?/g, '\n');
  const errors: FieldError[] = [];
  if (text.length > RETEX_SECTION_MAX_LENGTH)
    errors.push(
      fieldError(
        'text',
        'TEXT_TOO_LONG',
        fr.textTooLong(section.title, text.length, RETEX_SECTION_MAX_LENGTH),
        'too long',
      ),
    );
  if (hasUnsafeCharacters(text))
    errors.push(
      fieldError('text', 'CONTROL_CHARACTERS', fr.controlCharacters(section.title), 'control character'),
    );
  const finding = findPatientData(text);
  if (finding === 'identifier')
    errors.push(
      fieldError('text', 'PATIENT_IDENTIFIER', fr.patientIdentifier(section.title), 'patient identifier'),
    );
  if (finding === 'birthDate')
    errors.push(fieldError('text', 'PATIENT_BIRTH_DATE', fr.patientBirthDate(section.title), 'birth date'));
  if (errors.length > 0) return { status: 'refused', errors };
  const saved: RetexSectionText = {
    documentKey: input.documentKey,
    sectionId: input.sectionId,
    text,
    author: input.author,
    at: ctx.clock.now().toISOString(),
  };
  retex.saveSectionText(saved);
  return { status: 'saved', text: saved };
}
