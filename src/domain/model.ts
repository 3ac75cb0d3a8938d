// The records of the pilot: establishments with their use cases, weekly report versions, annotations, journal.
// Pure types and constructors.
import type { Department } from '../schema/departments';
import type { SeedEstablishment } from '../schema/establishments';
import type { Config } from '../schema/config';
import type { Role, TrackingFile } from '../schema/tracking-file';
import type { IsoWeek } from './iso-week';
import type { SoftWarning } from './messages';
import type { FieldValue, Values } from './values';

/** Identifies a Suivi row: establishment × use case, `${establishmentId}/${useCaseId}`. */
export type RowKey = string;

export function rowKey(establishmentId: string, useCaseId: string): RowKey {
  return `${establishmentId}/${useCaseId}`;
}

export function parseRowKey(key: RowKey): { establishmentId: string; useCaseId: string } | undefined {
  const i = key.lastIndexOf('/');
  if (i <= 0 || i === key.length - 1) return undefined;
  return { establishmentId: key.slice(0, i), useCaseId: key.slice(i + 1) };
}

export interface UseCaseRecord {
  id: string;
  /** Row-scoped init columns (pathway, use case). */
  values: Values;
  pathwayStatus: 'confirmé' | 'à confirmer';
}

export interface EstablishmentRecord {
  id: string;
  /** Establishment-scoped columns: identity (ARS) and profile (ES). */
  values: Values;
  useCases: UseCaseRecord[];
  federation?: string;
  finess?: string;
  note?: string;
}

/** Where a report version came from. */
export type ReportSource = 'form' | 'import' | 'correction';

/** One version of one week's report for one row. Never changed once written; a newer version supersedes it. */
export interface ReportVersion {
  rowKey: RowKey;
  week: IsoWeek;
  /** 1 for the first submission of the week, then 2, 3… */
  version: number;
  /** The ES weekly columns, validated. */
  values: Values;
  source: ReportSource;
  /** Idempotency key: the form response id, the HTTP submission id, the import id. */
  submissionId: string;
  /** ISO 8601 instant. */
  receivedAt: string;
  author: string;
  /** Mandatory for corrections. */
  reason: string | null;
  warnings: SoftWarning[];
}

/** One change of an ARS- or ANS-owned cell (or of an identity/profile cell), with the value it replaced. */
export interface CellChange {
  /**
   * Where the value lives: an establishment's own values (identity, profile), a use case's identity (pathway,
   * use case) or a row's ARS/ANS cells.
   */
  scope: 'establishment' | 'useCase' | 'annotation';
  /** A row key for `useCase` and `annotation`, an establishment id for `establishment`. */
  target: string;
  columnId: string;
  value: FieldValue;
  previous: FieldValue;
  author: string;
  role: Role;
  at: string;
  source: 'form' | 'grid' | 'sheet' | 'import';
}

/** What a Journal entry records; a runtime validating stored entries checks against this list. */
export const JOURNAL_KINDS = [
  'report.accepted',
  'report.refused',
  'report.duplicate',
  'report.corrected',
  'cell.changed',
  'cell.refused',
  'profile.updated',
  'install',
  'reconcile',
  'reminder',
  'import',
  'export',
  'retex',
  'access',
  /** Binômes, follow-up points, actions and committee packs (src/app/accompaniment.ts). */
  'accompaniment',
  /** A row of a Journal tab whose type this version does not know (edited by hand, or written by a newer one). */
  'other',
] as const;
export type JournalKind = (typeof JOURNAL_KINDS)[number];

/** How each kind reads in the Journal tab (French, like the rest of the workbook). */
export const JOURNAL_KIND_LABELS: Record<JournalKind, string> = {
  'report.accepted': 'déclaration reçue',
  'report.refused': 'déclaration refusée',
  'report.duplicate': 'déclaration en double',
  'report.corrected': 'correction ARS',
  'cell.changed': 'cellule modifiée',
  'cell.refused': 'modification refusée',
  'profile.updated': 'profil mis à jour',
  install: 'installation',
  reconcile: 'rattrapage',
  reminder: 'relance',
  import: 'import',
  export: 'export',
  retex: 'RETEX',
  access: 'accès',
  accompaniment: 'accompagnement',
  other: 'autre',
};

/** The kind a Journal tab label stands for (the label, or the kind itself as older tabs wrote it). */
export function journalKindFromLabel(text: string): JournalKind | undefined {
  const found = JOURNAL_KINDS.find((k) => JOURNAL_KIND_LABELS[k] === text || k === text);
  return found;
}

export interface JournalEntry {
  at: string;
  kind: JournalKind;
  actor: string;
  role: Role | 'system';
  target?: string;
  /** French, one line, for the ARS. */
  summary: string;
  /** English details for diagnosis. */
  details?: string;
}

/** Builds an establishment's identity from its CSV line: region derived from the département when not given. */
export function establishmentFromSeed(
  seed: SeedEstablishment,
  departments: readonly Department[],
  config: Config,
  tracking: TrackingFile,
): EstablishmentRecord {
  const department = departments.find((d) => d.code === seed.department);
  const known = new Set(tracking.columns.map((c) => c.id));
  const candidate: Record<string, FieldValue> = {
    region: seed.region ?? department?.region ?? null,
    department: seed.department,
    establishment: seed.name,
    es_type: seed.esType,
    group: seed.group ?? null,
    launch_meeting_date: config.pilot.launchMeetingDate,
  };
  const values: Record<string, FieldValue> = {};
  for (const [id, value] of Object.entries(candidate)) if (known.has(id)) values[id] = value;
  return {
    id: seed.id,
    values,
    useCases: seed.useCases.map((u) => ({
      id: u.useCaseId,
      values: { pathway: u.pathway, use_case: u.useCase },
      pathwayStatus: u.pathwayStatus,
    })),
    federation: seed.federation,
    finess: seed.finess,
    note: seed.note,
  };
}

export function establishmentName(e: EstablishmentRecord): string {
  const name = e.values.establishment;
  return typeof name === 'string' ? name : e.id;
}

/** « GH COCHIN — Confirmation de rendez-vous… » when an establishment has one use case, with the use case otherwise. */
export function rowTitle(e: EstablishmentRecord, useCase: UseCaseRecord): string {
  if (e.useCases.length === 1) return establishmentName(e);
  const label = useCase.values.use_case ?? useCase.values.pathway;
  const text = typeof label === 'string' && label !== 'à confirmer' ? label : useCase.values.pathway;
  return `${establishmentName(e)} — ${typeof text === 'string' ? text : useCase.id}`;
}
