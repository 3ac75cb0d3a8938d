// A region's official tracking file (the `.xlsx` its own instance exports) read into the core's records, for the
// national instance: the Suivi rows give the establishments, their use cases and the ARS/ANS cells; the Historique
// rows give every report version, hence the weekly evolution. Every value goes through the same field rules as
// any import; a problem is reported in French naming the sheet, the row and the column. Pure.
import type { Project } from '../../schema/project';
import { columnScope, type Column } from '../../schema/tracking-file';
import { columnLetter } from './a1';
import { pilotCalendar } from '../calendar';
import { annotationColumns, reportColumns } from '../columns';
import { parseField, type FieldContext } from '../field-rules';
import { isIsoWeek } from '../iso-week';
import { parseRowKey, rowKey, type EstablishmentRecord, type ReportVersion, type RowKey } from '../model';
import { fromParis } from '../paris-time';
import { findRegion, nationalEstablishmentId, type Region } from '../regions';
import {
  cellText,
  KEY_COLUMN,
  rawFromCell,
  type GridCell,
  type ParsedTrackingFile,
  type SheetGrid,
} from './tracking-grid';
import type { FieldValue, Values } from '../values';
import { HISTORY_META, historyHeader, SOURCE_LABELS } from './history-sheet';
import { SHEET_NAMES } from './sheet-model';

/** What one regional file holds, ids prefixed by the region (regions.ts). */
export interface RegionalSnapshot {
  region: string;
  /** When the region's instance wrote the file (the workbook's creation time), ISO instant. */
  exportedAt: string;
  establishments: EstablishmentRecord[];
  versions: ReportVersion[];
  annotations: Array<[RowKey, Values]>;
}

export type RegionalRead = { ok: true; snapshot: RegionalSnapshot } | { ok: false; errors: string[] };

export interface RegionalFileInput {
  project: Project;
  region: Region;
  exportedAt: Date;
  /** The workbook's title, « Suivi <pilot> — <region> » when the region's instance wrote it. */
  title: string | undefined;
  suivi: ParsedTrackingFile;
  history: SheetGrid | undefined;
}

const MAX_ERRORS = 50;

function where(sheet: string, row: number, column?: { index: number; label: string }): string {
  const col = column ? `, colonne ${columnLetter(column.index)} « ${column.label} »` : '';
  return `Feuille « ${sheet} », ligne ${row}${col}`;
}

function parseCell(
  column: Column,
  cell: GridCell,
  ctx: FieldContext,
): { ok: true; value: FieldValue } | { ok: false; message: string } {
  const raw = rawFromCell(column, cell);
  if (!raw.ok) return { ok: false, message: raw.issue.message };
  // A region's file may hold cells nobody filled yet (a profile still to come): empty is kept as empty.
  if (cellText(column, cell).trim() === '')
    return { ok: true, value: column.type.kind === 'record' || column.type.kind === 'multiEnum' ? [] : null };
  const parsed = parseField(column, raw.raw, ctx);
  return parsed.ok
    ? { ok: true, value: parsed.value }
    : { ok: false, message: parsed.errors.map((e) => e.message).join(' ; ') };
}

const wallClock = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

export function readRegionalFile(input: RegionalFileInput): RegionalRead {
  const { project, region, suivi } = input;
  const tracking = project.tracking;
  const errors: string[] = [];
  const ctx: FieldContext = {
    calendar: pilotCalendar(project.config),
    today: input.exportedAt.toISOString().slice(0, 10),
    departments: project.departments,
  };
  if (!suivi.hasKeyColumn)
    return {
      ok: false,
      errors: [
        `Feuille « ${suivi.sheet} » : la colonne « Clé » manque ; seul le fichier exporté par suivi-mes (ou le classeur Google de la région) peut être consolidé.`,
      ],
    };
  const byId = new Map(tracking.columns.map((c) => [c.id, c]));
  const keyColumn = suivi.columns.find((c) => c.columnId === KEY_COLUMN);
  const establishments = new Map<string, EstablishmentRecord>();
  const annotations: Array<[RowKey, Values]> = [];
  const annotationIds = new Set(annotationColumns(tracking).map((c) => c.id));
  const rowKeys = new Map<string, string>();
  for (const row of suivi.rows) {
    const keyText = cellText(undefined, row.cells[KEY_COLUMN] ?? null).trim();
    const key = parseRowKey(keyText);
    if (!key) {
      errors.push(`${where(suivi.sheet, row.row, keyColumn)} : clé de ligne illisible « ${keyText} ».`);
      continue;
    }
    const id = nationalEstablishmentId(region.id, key.establishmentId);
    const e: EstablishmentRecord = establishments.get(id) ?? { id, values: {}, useCases: [] };
    const establishmentValues: Record<string, FieldValue> = { ...e.values };
    const useCaseValues: Record<string, FieldValue> = {};
    const rowAnnotations: Record<string, FieldValue> = {};
    for (const parsedColumn of suivi.columns) {
      const column = byId.get(parsedColumn.columnId);
      if (!column || (column.owner === 'es' && column.cadence === 'weekly')) continue;
      const parsed = parseCell(column, row.cells[column.id] ?? null, ctx);
      if (!parsed.ok) {
        errors.push(`${where(suivi.sheet, row.row, parsedColumn)} : ${parsed.message}`);
        continue;
      }
      if (annotationIds.has(column.id)) rowAnnotations[column.id] = parsed.value;
      else if (columnScope(column) === 'row') useCaseValues[column.id] = parsed.value;
      else establishmentValues[column.id] = parsed.value;
    }
    e.values = establishmentValues;
    if (e.useCases.some((u) => u.id === key.useCaseId))
      errors.push(`${where(suivi.sheet, row.row, keyColumn)} : la ligne « ${keyText} » apparaît deux fois.`);
    e.useCases.push({ id: key.useCaseId, values: useCaseValues, pathwayStatus: 'confirmé' });
    establishments.set(id, e);
    const national = rowKey(id, key.useCaseId);
    rowKeys.set(keyText, national);
    annotations.push([national, rowAnnotations]);
    if (errors.length >= MAX_ERRORS) break;
  }
  // The file's region is the one its instance runs (the workbook's title); a pilot may follow a few establishments
  // of a neighbouring region, so the « Région » cells alone do not tell. Without a title, at least one row must be
  // of the region.
  const titled = input.title?.split(' — ').pop()?.trim();
  const named = [...establishments.values()].map((e) => e.values.region).filter((r) => typeof r === 'string');
  if (titled ? findRegion(titled)?.id !== region.id : !named.includes(region.name))
    errors.unshift(
      `Ce fichier est celui de la région « ${titled ?? named[0] ?? '?'} », pas de « ${region.name} » : refusé.`,
    );
  const versions = errors.length < MAX_ERRORS ? readHistory(input, rowKeys, ctx, errors) : [];
  if (errors.length > 0) return { ok: false, errors: errors.slice(0, MAX_ERRORS) };
  return {
    ok: true,
    snapshot: {
      region: region.id,
      exportedAt: input.exportedAt.toISOString(),
      establishments: [...establishments.values()],
      versions,
      annotations,
    },
  };
}

function readHistory(
  input: RegionalFileInput,
  rowKeys: ReadonlyMap<string, string>,
  ctx: FieldContext,
  errors: string[],
): ReportVersion[] {
  const tracking = input.project.tracking;
  const sheet = input.history;
  if (!sheet) {
    errors.push(
      `Feuille « ${SHEET_NAMES.history} » absente : l'évolution hebdomadaire de la région ne peut pas être lue.`,
    );
    return [];
  }
  const header = (sheet.rows[0] ?? []).map((c) => cellText(undefined, c).trim());
  const index = new Map<string, number>();
  header.forEach((label, i) => {
    if (label !== '' && !index.has(label)) index.set(label, i);
  });
  const missing = historyHeader(tracking).filter((label) => !index.has(label));
  if (missing.length > 0) {
    errors.push(
      `Feuille « ${sheet.name} », ligne 1 : colonne(s) absente(s) ou renommée(s) : ${missing.map((l) => `« ${l} »`).join(', ')} (les libellés doivent être ceux du fichier officiel, mot pour mot).`,
    );
    return [];
  }
  const meta = (key: string) => {
    const label = [...HISTORY_META.before, ...HISTORY_META.after].find((m) => m.key === key)?.label ?? key;
    return { label, index: index.get(label) ?? -1 };
  };
  const sources = new Map(Object.entries(SOURCE_LABELS).map(([k, v]) => [v, k as ReportVersion['source']]));
  const report = reportColumns(tracking);
  const versions: ReportVersion[] = [];
  for (let r = 1; r < sheet.rows.length && errors.length < MAX_ERRORS; r++) {
    const cells = sheet.rows[r] ?? [];
    const at = (m: { index: number }) => cells[m.index] ?? null;
    const textOf = (m: { index: number }) => cellText(undefined, at(m)).trim();
    if (cells.every((c) => c === null || cellText(undefined, c).trim() === '')) continue;
    const rowNumber = r + 1;
    const bad = (m: { index: number; label: string }, message: string) =>
      errors.push(`${where(sheet.name, rowNumber, m)} : ${message}`);
    const keyMeta = meta('row_key');
    const key = rowKeys.get(textOf(keyMeta));
    if (!key) {
      bad(keyMeta, `la ligne « ${textOf(keyMeta)} » n'est pas dans la feuille Suivi.`);
      continue;
    }
    const weekMeta = meta('week');
    const week = textOf(weekMeta);
    if (!isIsoWeek(week)) bad(weekMeta, `semaine « ${week} » illisible (AAAA-Wnn attendu).`);
    const versionMeta = meta('version');
    const version = Number(textOf(versionMeta));
    if (!Number.isInteger(version) || version < 1) bad(versionMeta, 'numéro de version entier attendu.');
    const receivedMeta = meta('received_at');
    const received = at(receivedMeta);
    const m = received && received.t === 'dt' ? wallClock.exec(received.v) : null;
    if (!m) bad(receivedMeta, 'date et heure de réception attendues.');
    const sourceMeta = meta('source');
    const source = sources.get(textOf(sourceMeta));
    if (!source) bad(sourceMeta, `source « ${textOf(sourceMeta)} » inconnue.`);
    const values: Record<string, FieldValue> = {};
    for (const column of report) {
      const i = index.get(column.label) ?? -1;
      const parsed = parseCell(column, cells[i] ?? null, ctx);
      if (parsed.ok) values[column.id] = parsed.value;
      else bad({ index: i, label: column.label }, parsed.message);
    }
    if (!m || !source || !isIsoWeek(week) || !Number.isInteger(version)) continue;
    const [, y, mo, d, h, mi] = m.map(Number) as [number, number, number, number, number, number];
    const reason = textOf(meta('reason'));
    versions.push({
      rowKey: key,
      week,
      version,
      values,
      source,
      submissionId: `${input.region.id}:${textOf(meta('submission_id'))}`,
      receivedAt: fromParis(y, mo, d, h, mi).toISOString(),
      author: textOf(meta('author')),
      reason: reason === '' ? null : reason,
      warnings: [],
    });
  }
  return versions;
}
