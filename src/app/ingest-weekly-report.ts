// Ingests one weekly report: idempotent by submission id, validated by the core, appended to history, the row's
// ES cells rewritten when it is the latest week, and the Journal told either way. Refused → nothing stored.
import { requireColumn } from '../domain/columns';
import { ESTABLISHMENT_NAME_COLUMN } from '../schema/tracking-file';
import { applyVersion, becomesCurrent, nextVersionNumber } from '../domain/ledger';
import type { FieldError, SoftWarning } from '../domain/messages';
import { establishmentName, rowKey, type ReportSource, type ReportVersion } from '../domain/model';
import { validateWeeklyReport, type WeeklySubmission } from '../domain/validate-weekly-report';
import { fr } from '../domain/messages';
import { validationContext, type AppContext } from './context';

export interface IngestInput {
  submissionId: string;
  source: Exclude<ReportSource, 'correction'>;
  /** Who submitted (an e-mail, « formulaire GH COCHIN »…). */
  author: string;
  submission: WeeklySubmission;
  /** When the submission was made, if known (a form response's timestamp); defaults to now. */
  receivedAt?: Date;
}

export type IngestOutcome =
  | { status: 'accepted'; version: ReportVersion; warnings: SoftWarning[]; current: boolean }
  | { status: 'refused'; errors: FieldError[] }
  | { status: 'duplicate' };

export function ingestWeeklyReport(ctx: AppContext, input: IngestInput): IngestOutcome {
  const { store } = ctx;
  return store.transaction(() => {
    const now = ctx.clock.now();
    const at = (input.receivedAt ?? now).toISOString();
    if (store.hasSubmission(input.submissionId)) {
      store.appendJournal({
        at: now.toISOString(),
        kind: 'report.duplicate',
        actor: input.author,
        role: 'es',
        target: input.submissionId,
        summary: 'Soumission déjà reçue : ignorée.',
      });
      return { status: 'duplicate' as const };
    }
    const { establishmentId, useCaseId } = input.submission;
    const establishment = store.getEstablishment(establishmentId);
    const key = rowKey(establishmentId, useCaseId);
    if (!establishment) {
      const errors: FieldError[] = [
        {
          field: 'establishment',
          code: 'UNKNOWN_ESTABLISHMENT',
          message: fr.unknownEstablishment(
            requireColumn(ctx.project.tracking, ESTABLISHMENT_NAME_COLUMN).label,
            establishmentId,
          ),
          details: `unknown establishment ${establishmentId}`,
        },
      ];
      store.recordRefusal(input.submissionId);
      store.appendJournal({
        at,
        kind: 'report.refused',
        actor: input.author,
        role: 'es',
        target: key,
        summary: errors.map((e) => e.message).join(' '),
        details: input.submissionId,
      });
      return { status: 'refused' as const, errors };
    }
    const ledger = store.rowLedger(key);
    // Validation uses `now` (what the ES may report today), not the response's own timestamp.
    const result = validateWeeklyReport(validationContext(ctx, now), establishment, input.submission, ledger);
    if (!result.ok) {
      store.recordRefusal(input.submissionId, key);
      store.appendJournal({
        at,
        kind: 'report.refused',
        actor: input.author,
        role: 'es',
        target: key,
        summary: `${establishmentName(establishment)} (${input.submission.week}) refusé : ${result.errors.map((e) => e.message).join(' ')}`,
        details: `${input.submissionId}: ${result.errors.map((e) => `${e.code} ${e.details}`).join('; ')}`,
      });
      return { status: 'refused' as const, errors: result.errors };
    }
    const version: ReportVersion = {
      rowKey: key,
      week: result.week,
      version: nextVersionNumber(ledger, result.week),
      values: result.values,
      source: input.source,
      submissionId: input.submissionId,
      receivedAt: at,
      author: input.author,
      reason: null,
      warnings: result.warnings,
    };
    const current = becomesCurrent(ledger, version);
    store.recordReport(version, applyVersion(ctx.project.tracking, ledger, version), current);
    store.appendJournal({
      at,
      kind: 'report.accepted',
      actor: input.author,
      role: 'es',
      target: key,
      summary: `${establishmentName(establishment)} : déclaration ${version.week} reçue (version ${version.version})${result.warnings.length > 0 ? ` — ${result.warnings.length} avertissement(s)` : ''}.`,
      details: input.submissionId,
    });
    return { status: 'accepted' as const, version, warnings: result.warnings, current };
  });
}
