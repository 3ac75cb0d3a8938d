// The ARS corrects a week an ES declared: a reason is mandatory, the correction is a new version kept in history
// with its author, and a counter that no longer fits its neighbours is a warning, not a refusal.
import type { Role } from '../schema/tracking-file';
import { applyVersion, becomesCurrent, nextVersionNumber } from '../domain/ledger';
import type { FieldError, SoftWarning } from '../domain/messages';
import { rowKey, type ReportVersion } from '../domain/model';
import { validateCorrection, type CorrectionRequest } from '../domain/validate-edits';
import { validationContext, type AppContext } from './context';
import { describeColumn, refuseIfStale, type StaleWrite } from './stale-write';
import { reportColumns } from '../domain/columns';
import { basisOf, type WriteBasis } from '../domain/write-basis';

export interface CorrectReportInput {
  establishmentId: string;
  useCaseId: string;
  role: Role;
  author: string;
  correction: CorrectionRequest;
  submissionId: string;
  /**
   * What the correction form showed (correctionBasis of the week's version then): refused as stale when the week
   * changed since, so the form's other values never revert a newer declaration. Undefined: no check (demo, CLI).
   */
  basis?: WriteBasis;
}

/** The basis of a correction form showing `version` (every value of the week the ES declares). */
export function correctionBasis(ctx: AppContext, version: ReportVersion | undefined): WriteBasis {
  return basisOf(
    version?.values ?? {},
    reportColumns(ctx.project.tracking).map((c) => c.id),
  );
}

export type CorrectReportOutcome =
  | { status: 'corrected'; version: ReportVersion; warnings: SoftWarning[] }
  | { status: 'refused'; errors: FieldError[] }
  | { status: 'duplicate' }
  | StaleWrite;

export function correctReport(ctx: AppContext, input: CorrectReportInput): CorrectReportOutcome {
  const { store } = ctx;
  return store.transaction((): CorrectReportOutcome => {
    const now = ctx.clock.now();
    // The same correction sent twice (a double click, a replayed request) is applied once.
    if (store.hasSubmission(input.submissionId)) return { status: 'duplicate' };
    const key = rowKey(input.establishmentId, input.useCaseId);
    const ledger = store.rowLedger(key);
    const week = input.correction.week.trim();
    const current = store.reportVersion(key, week);
    const stale = refuseIfStale(ctx, {
      basis: input.basis,
      current: current?.values ?? {},
      describe: describeColumn(ctx),
      author: input.author,
      role: input.role,
      target: key,
      what: `Correction de ${week}`,
    });
    if (stale) return stale;
    const result = validateCorrection(
      validationContext(ctx, now),
      input.role,
      current,
      ledger,
      input.correction,
    );
    if (!result.ok) {
      store.appendJournal({
        at: now.toISOString(),
        kind: 'cell.refused',
        actor: input.author,
        role: input.role,
        target: key,
        summary: `Correction refusée : ${result.errors.map((e) => e.message).join(' ')}`,
      });
      return { status: 'refused' as const, errors: result.errors };
    }
    const version: ReportVersion = {
      rowKey: key,
      week: result.week,
      version: nextVersionNumber(ledger, result.week),
      values: result.values,
      source: 'correction',
      submissionId: input.submissionId,
      receivedAt: now.toISOString(),
      author: input.author,
      reason: input.correction.reason.trim(),
      warnings: result.warnings,
    };
    store.recordReport(
      version,
      applyVersion(ctx.project.tracking, ledger, version),
      becomesCurrent(ledger, version),
    );
    store.appendJournal({
      at: version.receivedAt,
      kind: 'report.corrected',
      actor: input.author,
      role: input.role,
      target: key,
      summary: `Correction de ${result.week} (version ${version.version}) : ${version.reason}`,
    });
    return { status: 'corrected' as const, version, warnings: result.warnings };
  });
}
