// Encodes and decodes the rows of the Google workbook's tabs that carry data back (workbook-layout.ts says where
// each lives): Suivi's hidden key and record columns with the meta cell, a Historique row with its version as
// JSON, a Modifications row with its change as JSON, a Journal row. Both Google runtimes go through here, so a
// workbook written by one reads the same in the other. Rows come in as text (each runtime turns what its API
// returns into text first) and go out as the core's typed cells (each runtime renders them its way: Apps Script
// forces text, REST writes RAW). Pure: bundled into Apps Script.
import { columnById } from '../domain/columns';
import {
  journalKindFromLabel,
  type CellChange,
  type JournalEntry,
  type ReportVersion,
  type RowKey,
} from '../domain/model';
import { valueAsText, type FieldValue } from '../domain/values';
import { historyRowCells } from '../domain/workbook/history-sheet';
import { text, type Cell } from '../domain/workbook/cells';
import type { EstablishmentRecord, UseCaseRecord } from '../domain/model';
import type { TrackingFile } from '../schema/tracking-file';
import { parseMeta, parseRowRecord, serializeRowRecord, type Meta, type RowRecord } from './stored-json';
import { META_ROW, SUIVI } from './workbook-layout';

export interface SuiviRecordRow {
  /** The sheet row (1-based). */
  rowNumber: number;
  key: RowKey;
  record: RowRecord;
}

/**
 * Suivi's records from its hidden key and record columns, read from the first row down (`[key, record]` text
 * pairs): the meta cell (header row 2 of the record column) and one record per non-blank data row. A data row with
 * a key but no record throws: `blankRecord` (when given) may explain why, e.g. a workbook of an older layout.
 */
export function decodeSuiviRecords(
  pairs: ReadonlyArray<readonly [string, string]>,
  headerRows: number,
  recordColumn: string,
  blankRecord?: () => string | undefined,
): { meta: Meta; rows: SuiviRecordRow[]; lastRow: number } {
  const meta = parseMeta(pairs[META_ROW - 1]?.[1] ?? '', `${SUIVI}!${recordColumn}${META_ROW}`);
  const rows: SuiviRecordRow[] = [];
  let lastRow = headerRows;
  pairs.forEach(([key, json], i) => {
    const rowNumber = i + 1;
    if (rowNumber <= headerRows || (key === '' && json === '')) return;
    lastRow = rowNumber;
    if (json === '')
      throw new Error(blankRecord?.() ?? `${SUIVI} row ${rowNumber}: the technical data cell is empty`);
    rows.push({ rowNumber, key, record: parseRowRecord(json, `${SUIVI} row ${rowNumber}`) });
  });
  return { meta, rows, lastRow };
}

/** Suivi's record cell of a row: its record as JSON (what the stores read back). */
export function recordCell(record: RowRecord): Cell {
  return text(serializeRowRecord(record));
}

/** The workbook's meta cell (Suivi's header row 2, record column). */
export function metaCell(meta: Meta): Cell {
  return text(JSON.stringify(meta));
}

/** A Historique row: the model's cells, then the version as JSON (what the stores read back). */
export function historyRecordRow(
  tracking: TrackingFile,
  version: ReportVersion,
  establishment: EstablishmentRecord | undefined,
  useCase: UseCaseRecord | undefined,
): Cell[] {
  return [...historyRowCells(tracking, version, establishment, useCase), text(JSON.stringify(version))];
}

/** The text a Modifications line shows for a value. */
function shownValue(tracking: TrackingFile, columnId: string, value: FieldValue): string {
  const column = columnById(tracking, columnId);
  return column ? valueAsText(column, value) : JSON.stringify(value);
}

/** A Modifications row: the change as people read it, then as JSON in the last column (what the stores read back). */
export function modificationRow(tracking: TrackingFile, change: CellChange): Cell[] {
  const column = columnById(tracking, change.columnId);
  return [
    { t: 'dt', v: change.at },
    text(change.author),
    text(change.role),
    text(change.scope),
    text(change.target),
    text(column?.label ?? change.columnId),
    text(shownValue(tracking, change.columnId, change.previous)),
    text(shownValue(tracking, change.columnId, change.value)),
    text(change.source),
    text(JSON.stringify(change)),
  ];
}

/**
 * A Journal row read back (the model's journalRowCells, as text; the time as an ISO instant). An unknown kind label
 * reads as `other`: the Journal is for people, and a label may have been reworded since.
 */
export function journalEntryOfRow(row: readonly string[]): JournalEntry {
  const [at = '', kind = '', actor = '', role = '', target = '', summary = '', details = ''] = row;
  const entry: JournalEntry = {
    at,
    kind: journalKindFromLabel(kind) ?? 'other',
    actor,
    role: role as JournalEntry['role'],
    summary,
  };
  if (target !== '') entry.target = target;
  if (details !== '') entry.details = details;
  return entry;
}
