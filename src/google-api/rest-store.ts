// The Store of the REST runtime. Sheets is asynchronous and the use cases are not, so (ports.ts): `load` reads a
// snapshot of the workbook in one values.batchGet, the use cases run against it in memory, and `flush` writes every
// pending change in ONE values.batchUpdate (RAW): each touched Suivi row's record (with its establishment's forms and
// their read cursors, as Apps Script keeps them) and the meta cell (with the accesses install granted) in Suivi's
// hidden record column, new Historique and Journal rows, new RETEX records in « RETEX (données) » (the records-tab
// layout Apps Script reads: src/google/retex-records.ts), and only the Suivi cells that changed (an ES report rewrites
// its row's ES weekly cells; ARS/ANS cells are never touched by ingestion). The records, meta cell, Historique
// versions and Journal are read and written through the codec both Google runtimes share
// (src/google/workbook-codec.ts), so Apps Script reads them as its own. Nothing new goes to the older « Données » tab:
// a workbook written before (its rows without a record, its forms, cursors, shares and RETEX records in « Données »)
// is read from it as before and moved to Suivi and « RETEX (données) » by the next flush (docs/classeur-google.md).
// If the write fails nothing is marked written, and the next load starts from what Google holds.
import type { sheets_v4 } from '@googleapis/sheets';
import { MemoryStore, emptyMemoryState, type MemoryState } from '../app/memory-store';
import { columnIndex, reportColumns } from '../domain/columns';
import type { IsoWeek } from '../domain/iso-week';
import { currentState, ledgersFromVersions, type RowLedger } from '../domain/ledger';
import {
  parseRowKey,
  rowKey,
  type CellChange,
  type EstablishmentRecord,
  type JournalEntry,
  type ReportVersion,
  type RowKey,
} from '../domain/model';
import type { Values } from '../domain/values';
import { HISTORY_META, historyHeader } from '../domain/workbook/history-sheet';
import { JOURNAL_COLUMNS, journalRowCells } from '../domain/workbook/journal-sheet';
import { suiviRowCells, suiviRowValues, SUIVI_HEADER_ROWS } from '../domain/workbook/suivi-sheet';
import { columnRuns } from '../domain/workbook/column-runs';
import type { Cell } from '../domain/workbook/cells';
import type { Store } from '../ports';
import { columnScope, type TrackingFile } from '../schema/tracking-file';
import { a1Block, a1ColumnFrom } from './a1';
import { columnLetter } from '../domain/workbook/a1';
import { instantFromDateTimeSerial, rawRow } from '../google/cell-values';
import {
  decodeSuiviRecords,
  historyRecordRow,
  journalEntryOfRow,
  metaCell,
  modificationRow,
  recordCell,
} from '../google/workbook-codec';
import {
  parseCellChange,
  parseReportVersion,
  type FormKind,
  type FormMeta,
  type Meta,
  type RowRecord,
  type Share,
} from '../google/stored-json';
import { historyJsonColumn, META_ROW, MODIFICATIONS, suiviHiddenColumns } from '../google/workbook-layout';
import { modificationsHeaderValues, modificationsSheetRequests } from './modifications-tab';
import { readRecordRows, recordRows, RECORD_ROW_WIDTH, type JsonRecord } from '../google/json-cells';
import { RETEX_DATA_SHEET } from '../google/workbook-layout';
import { retexDataSheetRequests } from '../google/workbook-requests';
import { RetexRecords, type RetexRecordsTab } from '../google/retex-records';
import { migrateLegacyRetex } from './retex/legacy-retex';

/** Modifications' JSON column (0-based): its last. */
const MODIFICATIONS_JSON_COLUMN = frWorkbookLayout.modificationsHeader.length - 1;
import {
  decodeRecords,
  encodeRecord,
  UPSERTED_KINDS,
  formMetaOfRecord,
  type Cursor,
  type DataKind,
  type DataRecord,
  type RecordOf,
} from './data-tab';
import { GoogleApiError } from './errors';
import { frGoogle } from './messages';
import { frWorkbookLayout } from '../google/messages';
import type { ReadValue, SheetsAdapter } from './sheets';
import { DATA_SHEET, SPARE_ROWS } from '../google/workbook-requests';
import { SHEET_NAMES } from '../domain/workbook/sheet-model';
import type { ApiForm } from '../google/form-responses';

const SUIVI = SHEET_NAMES.suivi;
const HISTORY = SHEET_NAMES.history;
const JOURNAL = SHEET_NAMES.journal;

export interface SheetLayout {
  sheetId: number;
  rowCount: number;
  columnCount: number;
}

/** Where things are in the spreadsheet, as read at load time and advanced by each successful flush. */
export interface WorkbookLayout {
  spreadsheetId: string;
  sheets: Map<string, SheetLayout>;
  /** 0-based sheet row of each Suivi row key (read from the hidden key column: the ARS may sort the tab). */
  suiviRows: Map<RowKey, number>;
  /** The Suivi cells of each row as read at load time (typed values, trailing empties dropped). */
  suiviValues: Map<RowKey, ReadValue[]>;
  suiviNextRow: number;
  historyNextRow: number;
  /** Submission ids already in Historique: a row is never appended twice. */
  historySubmissions: Set<string>;
  journalNextRow: number;
  /** Modifications' next row (1 in a workbook without the tab yet: the first change creates it). */
  modificationsNextRow: number;
  dataNextRow: number;
  /** 0-based sheet row of each upserted record, by `kind key`. */
  dataRows: Map<string, number>;
  /** « RETEX (données) »'s next row (1 in a workbook without the tab yet: the first RETEX record creates it). */
  retexNextRow: number;
}

/** Suivi's records (hidden record column, one per row) and the meta cell, as the shared layout keeps them. */
export interface SuiviRecords {
  rows: Map<RowKey, RowRecord>;
  meta: Meta;
}

export interface Snapshot {
  layout: WorkbookLayout;
  records: DataRecord[];
  /** Suivi's per-row records and meta cell, read back through the codec both Google runtimes share. */
  suiviRecords: SuiviRecords;
  /**
   * Suivi rows that have no record yet: a workbook written before the records moved to Suivi, read from « Données »
   * and migrated by the next flush.
   */
  unrecorded: RowKey[];
  /** The versions of Historique's JSON column, read back through the codec both Google runtimes share. */
  versions: ReportVersion[];
  /** The Modifications tab's changes (its JSON column), read back through the codec both Google runtimes share. */
  changes: CellChange[];
  /** The Journal tab's rows, read back through the codec both Google runtimes share. */
  journal: JournalEntry[];
  /** « RETEX (données) »'s records, put back together by the codec both Google runtimes share (json-cells.ts). */
  retex: JsonRecord[];
}

/** A Journal row as read (unformatted: the time as a date-time serial) → its entry. */
function journalEntryOfValues(row: readonly ReadValue[]): JournalEntry {
  return journalEntryOfRow(
    row.map((v, i) => (i === 0 && typeof v === 'number' ? instantFromDateTimeSerial(v) : String(v))),
  );
}

type PendingOp =
  | { op: 'establishment'; id: string }
  | { op: 'report'; version: ReportVersion; current: boolean }
  | { op: 'refusal'; id: string; key?: RowKey }
  | { op: 'migrate' }
  | { op: 'change'; change: CellChange }
  | { op: 'journal'; entry: JournalEntry }
  /** The accesses suivi-mes granted changed: the meta cell is rewritten. */
  | { op: 'shares' }
  /** An establishment's forms changed (a form made, its items or its cursor): its rows' records are rewritten. */
  | { op: 'forms'; establishmentId: string }
  | { op: 'retex'; kind: string; key: string; value: unknown }
  | { op: 'suivi'; key: RowKey; columns: number[] };

/**
 * Kinds the RestStore keeps as they are, read back through `records(kind)`: the RETEX kinds older versions kept in
 * « Données » (read to migrate them to « RETEX (données) », never written).
 */
const EXTRA_KINDS: ReadonlySet<DataKind> = new Set([
  'retexText',
  'retexIssue',
  'retexTemplate',
  'retexFolder',
  'retexDocument',
]);

const dataKey = (kind: string, key: string) => `${kind} ${key}`;

const FORM_KINDS: readonly FormKind[] = ['weekly', 'initialisation'];
const formKey = (kind: FormKind, establishmentId: string) => `${kind}:${establishmentId}`;
const shareKey = (share: Share) => `${share.fileId}|${share.email.toLowerCase()}`;

function historySubmissionColumn(tracking: TrackingFile): number {
  const after = HISTORY_META.after.findIndex((m) => m.key === 'submission_id');
  return historyHeader(tracking).length - HISTORY_META.after.length + after;
}

/**
 * The ranges a load reads, in order: the older « Données » records (in a workbook that has the tab), Suivi from its first row (headers, then the rows with their key and
 * record; only up to the key in a workbook whose Suivi has no record column yet), Historique from its submission id
 * to its version JSON (only the id in a workbook whose Historique has no JSON column yet), Journal, then the JSON
 * column of Modifications and the records of « RETEX (données) » (each in a workbook that has the tab).
 */
export function snapshotRanges(
  tracking: TrackingFile,
  historyColumns = Infinity,
  suiviColumns = Infinity,
  modificationsTab = true,
  retexTab = true,
  dataTab = true,
): string[] {
  const from = historySubmissionColumn(tracking);
  const json = historyJsonColumn(tracking) - 1;
  const { keyCol, recordCol } = suiviHiddenColumns(tracking);
  return [
    ...(dataTab ? [a1ColumnFrom(DATA_SHEET, 0, 1, 3)] : []),
    a1ColumnFrom(SUIVI, 0, 0, recordCol <= suiviColumns ? recordCol : keyCol),
    a1ColumnFrom(HISTORY, from, 1, json < historyColumns ? json - from + 1 : 1),
    a1ColumnFrom(JOURNAL, 0, 1, JOURNAL_COLUMNS.length),
    ...(modificationsTab ? [a1ColumnFrom(MODIFICATIONS, MODIFICATIONS_JSON_COLUMN, 1, 1)] : []),
    ...(retexTab ? [a1ColumnFrom(RETEX_DATA_SHEET, 0, 1, RECORD_ROW_WIDTH)] : []),
  ];
}

/** Reads the workbook's layout and records: one spreadsheets.get, one values.batchGet. */
export async function loadSnapshot(
  sheets: SheetsAdapter,
  spreadsheetId: string,
  tracking: TrackingFile,
): Promise<Snapshot> {
  const meta = await sheets.describe(spreadsheetId);
  const layoutSheets = new Map<string, SheetLayout>();
  for (const s of meta.sheets ?? []) {
    const p = s.properties;
    if (p?.title && typeof p.sheetId === 'number')
      layoutSheets.set(p.title, {
        sheetId: p.sheetId,
        rowCount: p.gridProperties?.rowCount ?? 0,
        columnCount: p.gridProperties?.columnCount ?? 0,
      });
  }
  // « Données » is an older version's tab (kept by workbooks installed by the command line, read for what it still
  // holds); a workbook the Apps Script installed has none.
  for (const name of [SUIVI, HISTORY, JOURNAL])
    if (!layoutSheets.has(name))
      throw new GoogleApiError(
        'NOT_INSTALLED',
        frGoogle.missingTab(name),
        `tab ${name} missing in ${spreadsheetId}`,
      );
  const historyColumns = layoutSheets.get(HISTORY)?.columnCount ?? 0;
  const suiviColumns = layoutSheets.get(SUIVI)?.columnCount ?? 0;
  const hasModifications = layoutSheets.has(MODIFICATIONS);
  const ranges = await sheets.batchGet(
    spreadsheetId,
    snapshotRanges(
      tracking,
      historyColumns,
      suiviColumns,
      hasModifications,
      layoutSheets.has(RETEX_DATA_SHEET),
      layoutSheets.has(DATA_SHEET),
    ),
  );
  const [data, suivi, submissions, journal] = layoutSheets.has(DATA_SHEET) ? ranges : [[], ...ranges];
  const first = layoutSheets.has(DATA_SHEET) ? 4 : 3;
  const modifications = hasModifications ? ranges[first] : undefined;
  const retexRows = layoutSheets.has(RETEX_DATA_SHEET)
    ? ranges[hasModifications ? first + 1 : first]
    : undefined;
  const changes = (modifications ?? []).flatMap((row, i) => {
    const json = row[0];
    if (typeof json !== 'string' || json === '') return [];
    const where = `${MODIFICATIONS}!${columnLetter(MODIFICATIONS_JSON_COLUMN)}${i + 2}`;
    try {
      return [parseCellChange(json, where)];
    } catch (error) {
      throw new GoogleApiError(
        'BAD_REPLY',
        frWorkbookLayout.unreadableHidden(where),
        (error as Error).message,
      );
    }
  });
  const jsonOffset = historyJsonColumn(tracking) - 1 - historySubmissionColumn(tracking);
  const versions = (submissions ?? []).flatMap((row, i) => {
    const json = row[jsonOffset];
    if (typeof json !== 'string' || json === '') return [];
    const where = `${HISTORY}!${columnLetter(historyJsonColumn(tracking) - 1)}${i + 2}`;
    try {
      return [parseReportVersion(json, where)];
    } catch (error) {
      throw new GoogleApiError(
        'BAD_REPLY',
        frWorkbookLayout.unreadableHidden(where),
        (error as Error).message,
      );
    }
  });
  const records = decodeRecords(data ?? [], 2);
  const dataRows = new Map<string, number>();
  records.forEach((r, i) => {
    if (UPSERTED_KINDS.has(r.kind)) dataRows.set(dataKey(r.kind, r.key), 1 + i);
  });
  const suiviRows = new Map<RowKey, number>();
  const suiviValues = new Map<RowKey, ReadValue[]>();
  (suivi ?? []).forEach((row, i) => {
    const key = row[tracking.columns.length];
    if (i < SUIVI_HEADER_ROWS || typeof key !== 'string' || key === '') return;
    suiviRows.set(key, i);
    suiviValues.set(key, row);
  });
  const { suiviRecords, unrecorded } = readSuiviRecords(tracking, suivi ?? []);
  const historySubmissions = new Set<string>();
  for (const row of submissions ?? []) if (typeof row[0] === 'string') historySubmissions.add(row[0]);
  return {
    layout: {
      spreadsheetId,
      sheets: layoutSheets,
      suiviRows,
      suiviValues,
      suiviNextRow: Math.max(SUIVI_HEADER_ROWS, (suivi ?? []).length),
      historyNextRow: 1 + (submissions ?? []).length,
      historySubmissions,
      journalNextRow: 1 + (journal ?? []).length,
      modificationsNextRow: 1 + (modifications ?? []).length,
      dataNextRow: 1 + (data ?? []).length,
      dataRows,
      retexNextRow: 1 + (retexRows ?? []).length,
    },
    retex: readRetexRows(retexRows ?? []),
    records,
    suiviRecords,
    unrecorded,
    versions,
    changes,
    journal: (journal ?? []).filter((row) => row.length > 0).map(journalEntryOfValues),
  };
}

const cellText = (value: ReadValue | undefined): string => (value === undefined ? '' : String(value));

/** « RETEX (données) »'s rows (header excluded) put back together as Apps Script's JsonRecordsTab does. */
function readRetexRows(rows: ReadonlyArray<readonly ReadValue[]>): JsonRecord[] {
  try {
    return readRecordRows(
      rows.map((row) => row.map(cellText)),
      RETEX_DATA_SHEET,
    );
  } catch (error) {
    throw new GoogleApiError(
      'BAD_REPLY',
      frWorkbookLayout.unreadableTab(RETEX_DATA_SHEET),
      (error as Error).message,
    );
  }
}

/**
 * Suivi's records and meta cell, decoded as Apps Script decodes them. A keyed row without a record is of a workbook
 * written before the records moved to Suivi: left out here, read from « Données » and migrated by the next flush.
 */
function readSuiviRecords(
  tracking: TrackingFile,
  suivi: ReadonlyArray<readonly ReadValue[]>,
): { suiviRecords: SuiviRecords; unrecorded: RowKey[] } {
  const { keyCol, recordCol } = suiviHiddenColumns(tracking);
  const unrecorded: RowKey[] = [];
  const pairs = suivi.map((row, i): readonly [string, string] => {
    const key = cellText(row[keyCol - 1]);
    const json = cellText(row[recordCol - 1]);
    if (i < SUIVI_HEADER_ROWS || key === '' || json !== '') return [key, json];
    unrecorded.push(key);
    return ['', ''];
  });
  const column = columnLetter(recordCol - 1);
  try {
    const { meta, rows } = decodeSuiviRecords(pairs, SUIVI_HEADER_ROWS, column);
    return { suiviRecords: { meta, rows: new Map(rows.map((r) => [r.key, r.record])) }, unrecorded };
  } catch (error) {
    throw new GoogleApiError(
      'BAD_REPLY',
      frWorkbookLayout.unreadableHidden(`${SUIVI}!${column}`),
      (error as Error).message,
    );
  }
}

function memoryStateOf(snapshot: Snapshot, tracking: TrackingFile): MemoryState {
  const { records } = snapshot;
  const state = emptyMemoryState();
  state.journal = [...snapshot.journal];
  for (const v of snapshot.versions) {
    state.versions.push(v);
    state.submissions.add(v.submissionId);
  }
  const recorded = snapshot.suiviRecords.rows;
  const recordedIds = new Set<string>();
  for (const record of recorded.values()) {
    const e = record.establishment;
    if (!recordedIds.has(e.id)) state.establishments.push(e);
    recordedIds.add(e.id);
    for (const id of record.submissions) state.submissions.add(id);
  }
  for (const id of snapshot.suiviRecords.meta.orphans) state.submissions.add(id);
  for (const r of records) {
    switch (r.kind) {
      // Suivi's records hold every establishment with a row; « Données » the older workbooks' ones, and those
      // with no use case (no row to keep a record in).
      case 'establishment':
        if (recordedIds.has(r.value.id)) break;
        state.establishments = [...state.establishments.filter((e) => e.id !== r.value.id), r.value];
        break;
      // Kept here by older versions of this runtime (and when Historique already had the row): read as well.
      case 'version':
        if (state.versions.some((v) => v.submissionId === r.value.submissionId)) break;
        state.versions.push(r.value);
        state.submissions.add(r.value.submissionId);
        break;
      case 'refusal':
        state.submissions.add(r.key);
        break;
      // Kept here by older versions of this runtime: Modifications holds them now.
      case 'change':
        state.changes.push(r.value);
        if (r.value.scope === 'annotation')
          state.annotations.set(r.value.target, {
            ...(state.annotations.get(r.value.target) ?? {}),
            [r.value.columnId]: r.value.value,
          });
        break;
      // Copies kept by older versions of this runtime: the Journal tab is the record.
      case 'journal':
      default:
        break;
    }
  }
  // Kept in « Données » by older versions of this runtime (above), then in Modifications.
  for (const change of snapshot.changes) {
    state.changes.push(change);
    if (change.scope === 'annotation')
      state.annotations.set(change.target, {
        ...(state.annotations.get(change.target) ?? {}),
        [change.columnId]: change.value,
      });
  }
  state.ledgers = ledgersFromVersions(tracking, state.versions);
  // A row's record is what the shared layout keeps: its ledger and ARS/ANS values as recorded.
  for (const [key, record] of recorded) {
    state.ledgers.set(key, record.ledger);
    state.annotations.set(key, record.annotations);
  }
  return state;
}

export class RestStore implements Store {
  private readonly memory: MemoryStore;
  private pending: PendingOp[] = [];
  /** Each establishment's forms, by `kind:establishment id`, as its rows' records keep them. */
  private readonly formMetas = new Map<string, FormMeta>();
  /** The accesses suivi-mes granted, by `file id|address`, as the meta cell keeps them. */
  private readonly shareList = new Map<string, Share>();
  private readonly extras: DataRecord[] = [];
  private readonly retexRecords: JsonRecord[];

  constructor(
    private readonly tracking: TrackingFile,
    private snapshot: Snapshot,
  ) {
    this.memory = new MemoryStore(memoryStateOf(snapshot, tracking));
    this.retexRecords = [...snapshot.retex];
    for (const record of snapshot.suiviRecords.rows.values())
      for (const kind of FORM_KINDS) {
        const meta = record.forms?.[kind];
        const key = formKey(kind, record.establishment.id);
        if (meta && !this.formMetas.has(key)) this.formMetas.set(key, meta);
      }
    // Forms an older version kept in « Données » with their cursors: read as the shared FormMeta, and written to
    // their establishment's records by the next flush. A form the records already hold is theirs.
    const cursors = new Map<string, Cursor>();
    for (const r of snapshot.records) if (r.kind === 'cursor') cursors.set(r.key, r.value);
    const migrated = new Set<string>();
    for (const r of snapshot.records) {
      if (EXTRA_KINDS.has(r.kind)) this.extras.push(r);
      if (r.kind !== 'form') continue;
      const key = formKey(r.value.form, r.value.establishmentId);
      if (this.formMetas.has(key)) continue;
      this.formMetas.set(key, formMetaOfRecord(r.value, cursors.get(r.value.formId)));
      // Moved only where a Suivi row can hold it; the form of an establishment an older version added without a use
      // case stays read from « Données » (this version adds none: install.ts).
      if ((this.memory.getEstablishment(r.value.establishmentId)?.useCases.length ?? 0) > 0)
        migrated.add(r.value.establishmentId);
    }
    if (snapshot.unrecorded.length > 0 || migrated.size > 0) this.pending.push({ op: 'migrate' });
    for (const establishmentId of migrated) this.pending.push({ op: 'forms', establishmentId });
    // The accesses granted: in the meta cell, or (an older version's) in « Données », moved by the next flush.
    const kept = snapshot.suiviRecords.meta.shares;
    for (const share of kept ?? []) this.shareList.set(shareKey(share), share);
    if (kept === undefined) {
      for (const r of snapshot.records)
        if (r.kind === 'share') this.shareList.set(shareKey(r.value), r.value);
      if (this.shareList.size > 0) this.pending.push({ op: 'shares' });
    }
    // An older version kept the RETEX in « Données »: its records go to « RETEX (données) » with the next flush.
    if (snapshot.retex.length === 0) migrateLegacyRetex(snapshot.records, new RetexRecords(this.retexTab));
  }

  get layout(): WorkbookLayout {
    return this.snapshot.layout;
  }

  /** Changes made since the last flush. */
  get pendingCount(): number {
    return this.pending.length;
  }

  transaction<T>(fn: () => T): T {
    const mark = this.pending.length;
    const extras = this.extras.length;
    const retex = this.retexRecords.length;
    try {
      return this.memory.transaction(fn);
    } catch (error) {
      this.pending = this.pending.slice(0, mark);
      this.extras.length = extras;
      this.retexRecords.length = retex;
      throw error;
    }
  }

  listEstablishments(): EstablishmentRecord[] {
    return this.memory.listEstablishments();
  }
  getEstablishment(id: string): EstablishmentRecord | undefined {
    return this.memory.getEstablishment(id);
  }
  saveEstablishment(establishment: EstablishmentRecord): void {
    this.memory.saveEstablishment(establishment);
    this.pending.push({ op: 'establishment', id: establishment.id });
  }
  hasSubmission(submissionId: string): boolean {
    return this.memory.hasSubmission(submissionId);
  }
  rowLedger(key: RowKey): RowLedger {
    return this.memory.rowLedger(key);
  }
  reportVersion(key: RowKey, week: IsoWeek): ReportVersion | undefined {
    return this.memory.reportVersion(key, week);
  }
  recordReport(version: ReportVersion, ledger: RowLedger, current: boolean): void {
    this.memory.recordReport(version, ledger, current);
    this.pending.push({ op: 'report', version, current });
  }
  recordRefusal(submissionId: string, key?: RowKey): void {
    this.memory.recordRefusal(submissionId);
    this.pending.push({ op: 'refusal', id: submissionId, ...(key !== undefined ? { key } : {}) });
  }
  listReportVersions(): ReportVersion[] {
    return this.memory.listReportVersions();
  }
  annotations(key: RowKey): Values {
    return this.memory.annotations(key);
  }
  recordCellChange(change: CellChange): void {
    this.memory.recordCellChange(change);
    this.pending.push({ op: 'change', change });
    const target =
      change.scope === 'establishment' ? change.target : parseRowKey(change.target)?.establishmentId;
    if (change.scope !== 'annotation' && target) this.pending.push({ op: 'establishment', id: target });
  }
  listCellChanges(): CellChange[] {
    return this.memory.listCellChanges();
  }
  appendJournal(entry: JournalEntry): void {
    this.memory.appendJournal(entry);
    this.pending.push({ op: 'journal', entry });
  }
  listJournal(): JournalEntry[] {
    return this.memory.listJournal();
  }

  // Forms: each establishment's, in its rows' records (`forms`) as Apps Script keeps them, the read cursor with them.
  forms(): ApiForm[] {
    return [...this.formMetas].map(([key, meta]) => {
      const [kind, ...id] = key.split(':');
      return { kind: kind as FormKind, establishmentId: id.join(':'), meta };
    });
  }
  form(kind: FormKind, establishmentId: string): FormMeta | undefined {
    return this.formMetas.get(formKey(kind, establishmentId));
  }
  saveForm(kind: FormKind, establishmentId: string, meta: FormMeta): void {
    this.formMetas.set(formKey(kind, establishmentId), meta);
    this.pending.push({ op: 'forms', establishmentId });
  }
  /** The forms of an establishment, as its rows' records keep them. */
  formsOf(establishmentId: string): RowRecord['forms'] {
    const out: NonNullable<RowRecord['forms']> = {};
    for (const kind of FORM_KINDS) {
      const meta = this.form(kind, establishmentId);
      if (meta) out[kind] = meta;
    }
    return Object.keys(out).length > 0 ? out : undefined;
  }
  /** Where reading a form's responses resumes: the last submission time written to the workbook. */
  cursor(kind: FormKind, establishmentId: string): string | undefined {
    return this.form(kind, establishmentId)?.api?.since;
  }
  /** Moves a form's cursor: written with the next flush, in the same write as the responses read up to it. */
  setCursor(kind: FormKind, establishmentId: string, since: string): void {
    const meta = this.form(kind, establishmentId);
    if (!meta?.api)
      throw new Error(`setCursor: no ${kind} form of ${establishmentId} read through the Forms API`);
    this.saveForm(kind, establishmentId, { ...meta, api: { ...meta.api, since } });
  }

  /** The accesses suivi-mes granted (and those it withdrew), one per file and address. */
  shares(): Share[] {
    return [...this.shareList.values()];
  }
  /** Keeps an access suivi-mes granted or withdrew: in the meta cell at the next flush. */
  keepShare(share: Share): void {
    const kept = { ...share, email: share.email.toLowerCase() };
    this.shareList.set(shareKey(kept), kept);
    this.pending.push({ op: 'shares' });
  }

  /**
   * The records of a kind, oldest first; for an upserted kind, one per key (the latest). Includes what is pending.
   */
  records<K extends DataKind>(kind: K): Array<RecordOf<K>> {
    const mine = this.extras.filter((r): r is RecordOf<K> => r.kind === kind);
    if (!UPSERTED_KINDS.has(kind)) return mine;
    const latest = new Map<string, RecordOf<K>>();
    for (const r of mine) latest.set(r.key, r);
    return [...latest.values()];
  }

  /**
   * « RETEX (données) » as the shared RETEX records (src/google/retex-records.ts) read and append them: its records
   * as read, then those appended since, written by the next flush. Includes what is pending.
   */
  readonly retexTab: RetexRecordsTab = {
    all: () => this.retexRecords,
    append: (kind, key, value) => {
      this.retexRecords.push({ kind, key, json: JSON.stringify(value) });
      this.pending.push({ op: 'retex', kind, key, value });
    },
  };

  /** Rewrites Suivi cells of a row from the store at the next flush (a direct edit undone, a value normalised). */
  rewriteSuiviCells(key: RowKey, columnIds: readonly string[]): void {
    const index = columnIndex(this.tracking);
    const columns = columnIds.flatMap((id) => {
      const i = index.get(id);
      return i === undefined ? [] : [i];
    });
    if (columns.length > 0) this.pending.push({ op: 'suivi', key, columns });
  }

  /** The value ranges and grid growth the pending changes need; pure given the store's state. */
  planFlush(): FlushPlan {
    return planFlush(this.tracking, this.snapshot, this.pending, this.memory, {
      formsOf: (id) => this.formsOf(id),
      shares: () => this.shares(),
    });
  }

  /**
   * Writes every pending change in one values.batchUpdate (after growing a tab's grid if rows run out). On success
   * the layout advances and the pending list empties; on failure both stay as they were and the error propagates.
   */
  async flush(sheets: SheetsAdapter): Promise<number> {
    if (this.pending.length === 0) return 0;
    const plan = this.planFlush();
    await sheets.batchUpdate(this.snapshot.layout.spreadsheetId, plan.growth);
    await sheets.valuesBatchUpdate(this.snapshot.layout.spreadsheetId, plan.data);
    const written = this.pending.length;
    this.snapshot = {
      ...this.snapshot,
      layout: plan.layoutAfter,
      suiviRecords: plan.recordsAfter,
      unrecorded: [],
    };
    this.pending = [];
    return written;
  }
}

export interface FlushPlan {
  growth: sheets_v4.Schema$Request[];
  data: sheets_v4.Schema$ValueRange[];
  layoutAfter: WorkbookLayout;
  recordsAfter: SuiviRecords;
}

function copyLayout(l: WorkbookLayout): WorkbookLayout {
  return {
    ...l,
    sheets: new Map([...l.sheets].map(([k, v]) => [k, { ...v }])),
    suiviRows: new Map(l.suiviRows),
    suiviValues: new Map(l.suiviValues),
    historySubmissions: new Set(l.historySubmissions),
    dataRows: new Map(l.dataRows),
  };
}

/** Contiguous runs of a row's cells as value ranges. */
function rowRanges(
  sheet: string,
  row: number,
  cells: readonly Cell[],
  cols: readonly number[],
): sheets_v4.Schema$ValueRange[] {
  return columnRuns(cols).map(([col, count]) => ({
    range: a1Block(sheet, row, col, 1, count),
    majorDimension: 'ROWS',
    values: [rawRow(cells.slice(col, col + count))],
  }));
}

function blockRange(
  sheet: string,
  row: number,
  rows: ReadonlyArray<ReadonlyArray<string | number>>,
  col = 0,
): sheets_v4.Schema$ValueRange {
  const width = Math.max(...rows.map((r) => r.length), 1);
  return {
    range: a1Block(sheet, row, col, rows.length, width),
    majorDimension: 'ROWS',
    values: rows.map((r) => [...r]),
  };
}

/** A hidden column added at the right of a tab drawn without it, with its header (`col` 0-based). */
export function hiddenColumnGrowth(
  sheet: SheetLayout,
  name: string,
  col: number,
  header: string,
): { growth: sheets_v4.Schema$Request[]; data: sheets_v4.Schema$ValueRange[] } {
  if (sheet.columnCount > col) return { growth: [], data: [] };
  const extra = col + 1 - sheet.columnCount;
  sheet.columnCount += extra;
  return {
    growth: [
      { appendDimension: { sheetId: sheet.sheetId, dimension: 'COLUMNS', length: extra } },
      {
        updateDimensionProperties: {
          range: { sheetId: sheet.sheetId, dimension: 'COLUMNS', startIndex: col, endIndex: col + 1 },
          properties: { hiddenByUser: true },
          fields: 'hiddenByUser',
        },
      },
    ],
    data: [blockRange(name, 0, [[header]], col)],
  };
}

/** Each row's record as the shared layout keeps it, from the store's state (`existing`: the record as read). */
function rowRecordOf(
  key: RowKey,
  establishment: EstablishmentRecord,
  memory: MemoryStore,
  own: readonly ReportVersion[],
  refused: readonly string[],
  existing: RowRecord | undefined,
  forms: RowRecord['forms'],
): RowRecord {
  const ledger = memory.rowLedger(key);
  const versions = { ...(existing?.versions ?? {}) };
  for (const entry of ledger) {
    const v = own.find((x) => x.week === entry.week && x.version === entry.version);
    if (v) versions[entry.week] = v.submissionId;
  }
  const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
  return {
    v: 1,
    establishment: copy(establishment),
    ledger: copy(ledger),
    annotations: copy(memory.annotations(key)),
    submissions: [
      ...new Set([...(existing?.submissions ?? []), ...own.map((v) => v.submissionId), ...refused]),
    ],
    versions,
    ...(forms ? { forms: copy(forms) } : {}),
  };
}

export function planFlush(
  tracking: TrackingFile,
  snapshot: Snapshot,
  pending: readonly PendingOp[],
  memory: MemoryStore,
  kept: {
    formsOf: (establishmentId: string) => RowRecord['forms'];
    shares: () => Share[];
  },
): FlushPlan {
  const { formsOf } = kept;
  const layout = copyLayout(snapshot.layout);
  const records = new Map(snapshot.suiviRecords.rows);
  const meta: Meta = { ...snapshot.suiviRecords.meta, orphans: [...snapshot.suiviRecords.meta.orphans] };
  let metaChanged = false;
  // Rows whose record is rewritten, with the refusals this flush adds to each.
  const recordKeys = new Map<RowKey, string[]>();
  const touchRecord = (key: RowKey, refused?: string) => {
    const list = recordKeys.get(key) ?? [];
    if (refused !== undefined) list.push(refused);
    recordKeys.set(key, list);
  };
  const { recordCol } = suiviHiddenColumns(tracking);
  const data: sheets_v4.Schema$ValueRange[] = [];
  const index = columnIndex(tracking);
  const establishments = new Map(memory.listEstablishments().map((e) => [e.id, e]));
  const current = currentState(memory.listReportVersions());

  // Data tab: upserts rewrite their row, everything else is appended below.
  const appended: Array<[string, string, string]> = [];
  const upserts = new Map<string, DataRecord>();
  const history: Array<Array<string | number>> = [];
  const journal: Array<Array<string | number>> = [];
  const modifications: Array<Array<string | number>> = [];
  const retex: Array<Array<string | number>> = [];
  // Suivi: which columns of which row to write.
  const suiviCols = new Map<RowKey, Set<number>>();
  const touch = (key: RowKey, cols: Iterable<number>) => {
    const set = suiviCols.get(key) ?? new Set<number>();
    for (const c of cols) set.add(c);
    suiviCols.set(key, set);
  };
  const everyColumn = [...tracking.columns.keys(), tracking.columns.length];
  const identityCols = tracking.columns.flatMap((c, i) =>
    c.cadence === 'init' || columnScope(c) === 'establishment' ? [i] : [],
  );
  const reportCols = reportColumns(tracking).map((c) => index.get(c.id) ?? -1);

  for (const p of pending) {
    switch (p.op) {
      case 'establishment': {
        const e = establishments.get(p.id);
        if (!e) break;
        // No use case, no Suivi row to keep its record in: « Données » keeps it where an older version made the
        // tab; elsewhere it is not kept, as the Apps Script runtime keeps none (install skips such establishments).
        if (e.useCases.length === 0 && layout.sheets.has(DATA_SHEET))
          upserts.set(dataKey('establishment', e.id), { kind: 'establishment', key: e.id, value: e });
        for (const u of e.useCases) {
          const key = rowKey(e.id, u.id);
          touch(key, layout.suiviRows.has(key) ? identityCols : everyColumn);
          touchRecord(key);
        }
        break;
      }
      case 'report': {
        const parsed = parseRowKey(p.version.rowKey);
        const e = parsed && establishments.get(parsed.establishmentId);
        if (!layout.historySubmissions.has(p.version.submissionId)) {
          const u = e?.useCases.find((x) => x.id === parsed?.useCaseId);
          history.push(rawRow(historyRecordRow(tracking, p.version, e, u)));
          layout.historySubmissions.add(p.version.submissionId);
        } else
          // Historique has a row for it already (written before its JSON column existed): kept as a record.
          appended.push(encodeRecord({ kind: 'version', key: p.version.submissionId, value: p.version }));
        if (p.current) touch(p.version.rowKey, reportCols);
        touchRecord(p.version.rowKey);
        break;
      }
      case 'refusal': {
        // As Apps Script keeps it: in its row's record, or in the meta cell when it belongs to no row.
        const parsed = p.key !== undefined ? parseRowKey(p.key) : undefined;
        const e = parsed && establishments.get(parsed.establishmentId);
        if (p.key !== undefined && e?.useCases.some((u) => u.id === parsed?.useCaseId))
          touchRecord(p.key, p.id);
        else if (!meta.orphans.includes(p.id)) {
          meta.orphans.push(p.id);
          metaChanged = true;
        }
        break;
      }
      case 'migrate':
        for (const key of snapshot.unrecorded) touchRecord(key);
        for (const r of snapshot.records)
          if (r.kind === 'refusal' && !meta.orphans.includes(r.key)) meta.orphans.push(r.key);
        metaChanged = true;
        break;
      case 'change': {
        modifications.push(rawRow(modificationRow(tracking, p.change)));
        const col = index.get(p.change.columnId);
        if (col === undefined) break;
        if (p.change.scope === 'annotation') touchRecord(p.change.target);
        if (p.change.scope === 'establishment') {
          const e = establishments.get(p.change.target);
          for (const u of e?.useCases ?? []) touch(rowKey(p.change.target, u.id), [col]);
        } else touch(p.change.target, [col]);
        break;
      }
      case 'journal':
        journal.push(rawRow(journalRowCells(p.entry)));
        break;
      case 'shares':
        meta.shares = kept.shares();
        metaChanged = true;
        break;
      case 'forms': {
        // As Apps Script keeps them: in each of the establishment's rows' records.
        const e = establishments.get(p.establishmentId);
        for (const u of e?.useCases ?? []) touchRecord(rowKey(p.establishmentId, u.id));
        break;
      }
      case 'retex':
        // Written RAW, « not parsed and stored as-is » (Sheets API reference « ValueInputOption »,
        // https://developers.google.com/sheets/api/reference/rest/v4/ValueInputOption): a part starting with `=`
        // stays text, and Apps Script's getValues reads back the text its own writes would have left.
        retex.push(...recordRows(p.kind, p.key, p.value));
        break;
      case 'suivi':
        touch(p.key, p.columns);
        break;
    }
  }

  const versionsByRow = new Map<RowKey, ReportVersion[]>();
  for (const v of memory.listReportVersions())
    versionsByRow.set(v.rowKey, [...(versionsByRow.get(v.rowKey) ?? []), v]);
  for (const [key, refused] of recordKeys) {
    const parsed = parseRowKey(key);
    const e = parsed && establishments.get(parsed.establishmentId);
    if (!e?.useCases.some((u) => u.id === parsed?.useCaseId)) continue;
    records.set(
      key,
      rowRecordOf(key, e, memory, versionsByRow.get(key) ?? [], refused, records.get(key), formsOf(e.id)),
    );
    touch(key, [recordCol - 1]);
  }

  for (const [k, record] of upserts) {
    const row = layout.dataRows.get(k);
    if (row !== undefined) data.push(blockRange(DATA_SHEET, row, [encodeRecord(record)]));
    else {
      layout.dataRows.set(k, layout.dataNextRow + appended.length);
      appended.push(encodeRecord(record));
    }
  }
  if (appended.length > 0) {
    data.push(blockRange(DATA_SHEET, layout.dataNextRow, appended));
    layout.dataNextRow += appended.length;
  }
  if (history.length > 0) {
    data.push(blockRange(HISTORY, layout.historyNextRow, history));
    layout.historyNextRow += history.length;
  }
  if (journal.length > 0) {
    data.push(blockRange(JOURNAL, layout.journalNextRow, journal));
    layout.journalNextRow += journal.length;
  }
  const newTabs: sheets_v4.Schema$Request[] = [];
  /** A hidden tab an older workbook lacks, made in this write with its header, after the other tabs. */
  const addTab = (
    name: string,
    requests: (sheetId: number, index: number) => sheets_v4.Schema$Request[],
    header: sheets_v4.Schema$ValueRange,
    columnCount: number,
  ) => {
    const sheetId = Math.max(0, ...[...layout.sheets.values()].map((s) => s.sheetId)) + 1;
    newTabs.push(...requests(sheetId, layout.sheets.size));
    layout.sheets.set(name, { sheetId, rowCount: 1 + SPARE_ROWS, columnCount });
    data.push(header);
  };
  // A workbook drawn without Modifications gets it with its first change (its protection at the next install).
  if (modifications.length > 0 && !layout.sheets.has(MODIFICATIONS)) {
    addTab(
      MODIFICATIONS,
      (sheetId, index) => modificationsSheetRequests(sheetId, index, null),
      modificationsHeaderValues(),
      frWorkbookLayout.modificationsHeader.length,
    );
    layout.modificationsNextRow = 1;
  }
  if (modifications.length > 0) {
    data.push(blockRange(MODIFICATIONS, layout.modificationsNextRow, modifications));
    layout.modificationsNextRow += modifications.length;
  }
  // Likewise « RETEX (données) » with its first RETEX record (owner-only at the next install).
  if (retex.length > 0 && !layout.sheets.has(RETEX_DATA_SHEET)) {
    addTab(
      RETEX_DATA_SHEET,
      (sheetId, index) => retexDataSheetRequests(sheetId, index, null),
      blockRange(RETEX_DATA_SHEET, 0, [[...frWorkbookLayout.recordsTabHeader]]),
      RECORD_ROW_WIDTH,
    );
    layout.retexNextRow = 1;
  }
  if (retex.length > 0) {
    data.push(blockRange(RETEX_DATA_SHEET, layout.retexNextRow, retex));
    layout.retexNextRow += retex.length;
  }
  for (const [key, cols] of suiviCols) {
    const parsed = parseRowKey(key);
    const e = parsed && establishments.get(parsed.establishmentId);
    const u = e?.useCases.find((x) => x.id === parsed?.useCaseId);
    if (!e || !u) continue;
    const record = records.get(key);
    const cells = [
      ...suiviRowCells(
        tracking,
        suiviRowValues(tracking, e, u, current.get(key), memory.annotations(key)),
        key,
      ),
      ...(record ? [recordCell(record)] : []),
    ];
    let row = layout.suiviRows.get(key);
    let wanted = [...cols];
    if (row === undefined) {
      row = layout.suiviNextRow;
      layout.suiviRows.set(key, row);
      layout.suiviNextRow += 1;
      wanted = record ? [...everyColumn, recordCol - 1] : everyColumn;
    }
    data.push(...rowRanges(SUIVI, row, cells, wanted));
  }

  const growth: sheets_v4.Schema$Request[] = [...newTabs];
  // Historique's hidden version column and Suivi's hidden record column, as Apps Script has them: added to a
  // workbook drawn without them (an install by this runtime, or by an older version of it).
  const added: Array<ReturnType<typeof hiddenColumnGrowth>> = [];
  const historySheet = layout.sheets.get(HISTORY);
  if (history.length > 0 && historySheet)
    added.push(
      hiddenColumnGrowth(
        historySheet,
        HISTORY,
        historyJsonColumn(tracking) - 1,
        frWorkbookLayout.historyJsonColumn,
      ),
    );
  const suiviSheet = layout.sheets.get(SUIVI);
  if ((recordKeys.size > 0 || metaChanged) && suiviSheet) {
    const grown = hiddenColumnGrowth(suiviSheet, SUIVI, recordCol - 1, frWorkbookLayout.suiviRecordColumn);
    added.push(grown);
    // A new record column starts with its meta cell, so the layout is whole from the first write.
    if (grown.growth.length > 0) metaChanged = true;
  }
  for (const a of added) {
    growth.push(...a.growth);
    data.push(...a.data);
  }
  if (metaChanged) data.push(blockRange(SUIVI, META_ROW - 1, [rawRow([metaCell(meta)])], recordCol - 1));
  const need: Array<[string, number]> = [
    [DATA_SHEET, layout.dataNextRow],
    [HISTORY, layout.historyNextRow],
    [JOURNAL, layout.journalNextRow],
    [MODIFICATIONS, layout.modificationsNextRow],
    [RETEX_DATA_SHEET, layout.retexNextRow],
    [SUIVI, layout.suiviNextRow],
  ];
  for (const [name, rows] of need) {
    const sheet = layout.sheets.get(name);
    if (!sheet || rows <= sheet.rowCount) continue;
    const extra = rows - sheet.rowCount + SPARE_ROWS;
    growth.push({ appendDimension: { sheetId: sheet.sheetId, dimension: 'ROWS', length: extra } });
    sheet.rowCount += extra;
  }
  return { growth, data, layoutAfter: layout, recordsAfter: { rows: records, meta } };
}
