// Historique: one row per report version, never rewritten. Pure: also runs inside Apps Script.
import { columnScope, type Column, type TrackingFile } from '../../schema/tracking-file';
import { reportColumns } from '../columns';
import type { EstablishmentRecord, ReportVersion, UseCaseRecord } from '../model';
import { cellOf, num, text, type Cell } from './cells';
import { formatOf, HEADER_GREY, SHEET_NAMES, type ColumnSpec, type SheetModel } from './sheet-model';

export const SOURCE_LABELS: Record<ReportVersion['source'], string> = {
  form: 'formulaire',
  import: 'import',
  correction: 'correction',
};

/** Metadata columns of Historique around the report's own columns (labels are French: they are on screen). */
export const HISTORY_META = {
  before: [
    { key: 'week', label: 'Semaine', width: 80, format: 'text' as const },
    { key: 'version', label: 'Version', width: 60, format: 'integer' as const },
  ],
  after: [
    { key: 'source', label: 'Source', width: 90, format: 'text' as const },
    { key: 'received_at', label: 'Reçu le', width: 130, format: 'datetime' as const },
    { key: 'author', label: 'Auteur', width: 180, format: 'text' as const },
    { key: 'reason', label: 'Motif de correction', width: 200, format: 'text' as const },
    { key: 'warnings', label: 'Avertissements', width: 260, format: 'text' as const },
    { key: 'submission_id', label: 'Identifiant de soumission', width: 200, format: 'text' as const },
    { key: 'row_key', label: 'Clé', width: 160, format: 'text' as const },
  ],
};

/** Identity columns repeated in Historique so that each version reads on its own. */
function historyIdentityColumns(tracking: TrackingFile): Column[] {
  return tracking.columns.filter(
    (c) => c.id === 'establishment' || (c.cadence === 'init' && columnScope(c) === 'row'),
  );
}

export function historyHeader(tracking: TrackingFile): string[] {
  return [
    ...historyIdentityColumns(tracking).map((c) => c.label),
    ...HISTORY_META.before.map((m) => m.label),
    ...reportColumns(tracking).map((c) => c.label),
    ...HISTORY_META.after.map((m) => m.label),
  ];
}

export function historyRowCells(
  tracking: TrackingFile,
  version: ReportVersion,
  establishment: EstablishmentRecord | undefined,
  useCase: UseCaseRecord | undefined,
): Cell[] {
  const identity = historyIdentityColumns(tracking).map((c) =>
    cellOf(c, columnScope(c) === 'establishment' ? establishment?.values[c.id] : useCase?.values[c.id]),
  );
  return [
    ...identity,
    text(version.week),
    num(version.version),
    ...reportColumns(tracking).map((c) => cellOf(c, version.values[c.id])),
    text(SOURCE_LABELS[version.source]),
    { t: 'dt', v: version.receivedAt },
    text(version.author),
    text(version.reason ?? ''),
    text(version.warnings.map((w) => w.message).join('\n')),
    text(version.submissionId),
    text(version.rowKey),
  ];
}

export function historySheet(
  tracking: TrackingFile,
  versions: readonly ReportVersion[],
  establishments: ReadonlyMap<string, EstablishmentRecord>,
): SheetModel {
  const identity = historyIdentityColumns(tracking);
  const report = reportColumns(tracking);
  const columns: ColumnSpec[] = [
    ...identity.map((c) => ({
      key: c.id,
      width: c.width,
      hidden: false,
      owner: c.owner,
      format: formatOf(c),
    })),
    ...HISTORY_META.before.map((m) => ({
      key: m.key,
      width: m.width,
      hidden: false,
      owner: null,
      format: m.format,
    })),
    ...report.map((c) => ({ key: c.id, width: c.width, hidden: false, owner: c.owner, format: formatOf(c) })),
    ...HISTORY_META.after.map((m) => ({
      key: m.key,
      width: m.width,
      hidden: false,
      owner: null,
      format: m.format,
    })),
  ];
  const rows = versions.map((v) => {
    const [establishmentId, useCaseId] = v.rowKey.split('/');
    const e = establishments.get(establishmentId ?? '');
    return historyRowCells(
      tracking,
      v,
      e,
      e?.useCases.find((u) => u.id === useCaseId),
    );
  });
  return {
    name: SHEET_NAMES.history,
    columns,
    header: [historyHeader(tracking).map(text)],
    rows,
    merges: [],
    styles: [
      {
        rect: { row: 0, col: 0, rows: 1, cols: columns.length },
        style: { bold: true, fill: HEADER_GREY, wrap: true, vAlign: 'middle' },
      },
    ],
    frozen: { rows: 1, columns: 1 },
    validations: [],
    hidden: false,
    charts: [],
    editableBy: {},
  };
}
