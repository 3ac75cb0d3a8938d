// The Store port over SpreadsheetApp: the master workbook is the database. Each Suivi row keeps its record as
// JSON in a hidden column (establishment, ledger, ARS/ANS values as recorded, submission ids, form ids), so a use
// case reads everything it needs with ONE getValues of two columns, whatever the size of Historique; Historique,
// Journal and Modifications are append-only. Writes are buffered and applied when the outermost transaction
// ends, in as few calls as the layout allows (one setValues per block, appendRow for one new row); a transaction
// that throws writes nothing and drops the cache.
//
// Google can still fail in the middle of those writes, and Sheets has no transaction: the records are therefore
// written LAST, and they are what counts. Before them come the appended rows (Historique, Modifications,
// Journal), then the visible Suivi cells. A failure before the records leaves the submission unseen, so it comes
// again (the weekly reconciliation, a duplicate delivery); a Historique row it may have left is ignored by the
// readers meanwhile (its submission id is in no record) and is rewritten in place, or blanked if the submission is
// refused this time, when the submission comes again (`recover`, or the meta cell's `interrupted` list).
//
// With the advanced Sheets service (the manifest enables it), all of a transaction's writes go to Google in ONE
// spreadsheets.batchUpdate (appendCells for the appended rows, updateCells for Suivi and any block a use case
// queued, such as Synthèse's values), which Google applies all or nothing: an ingestion is then one read and one
// write whatever the size of Historique, and a failure leaves nothing half-written. SpreadsheetApp may hold back its
// own writes until a flush, so the batch is preceded by one unless the caller said that nothing was written through
// SpreadsheetApp since the execution began (`expectNoDirectWrites`); after that, only when a caller says it wrote
// through SpreadsheetApp to cells the store writes too (`noteDirectWrites`). Without the service, the writes below.
//
// Call order: the caller holds the script lock around a use case (see lock.ts); the first read loads the Suivi
// records once per store, so a store lives for one execution (or one lock holding) — `reload()` forgets them.
// Must not decide a rule: it stores what the use cases return.
import { frAppsScript } from './messages';
import type { IsoWeek } from '../domain/iso-week';
import type { RowLedger } from '../domain/ledger';
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
import { journalRowCells } from '../domain/workbook/journal-sheet';
import { suiviRowCells, suiviRowValues } from '../domain/workbook/suivi-sheet';
import type { Cell } from '../domain/workbook/cells';
import { columnRuns } from '../domain/workbook/column-runs';
import type { Project } from '../schema/project';
import type { Store } from '../ports';
import { columnLetters, sheetRow, sheetValue, textOf } from './cells';
import type { GasSheet, GasSheetsAdvanced, GasSpreadsheet } from './gas-api';
import { appendCellsRequest, updateCellsRequests, type CellRequest } from '../google/cell-requests';
import {
  parseCellChange,
  parseReportVersion,
  type FormMeta,
  type Meta,
  type RowRecord,
} from '../google/stored-json';
import {
  decodeSuiviRecords,
  historyRecordRow,
  journalEntryOfRow,
  metaCell,
  modificationRow,
  recordCell,
  type SuiviRecordRow,
} from '../google/workbook-codec';
import { olderLayoutProblem } from '../google/workbook-layout';
import { apiCursorsOf, forgettable } from '../google/api-submissions';
import { HISTORY, JOURNAL, MODIFICATIONS, SUIVI, WorkbookGeometry } from './workbook-geometry';

export type SuiviRow = SuiviRecordRow;

interface State {
  rows: SuiviRow[];
  byKey: Map<RowKey, SuiviRow>;
  /** Each establishment's first row. */
  byEstablishment: Map<string, SuiviRow>;
  meta: Meta;
  lastRow: number;
}

interface Pending {
  newRows: SuiviRow[];
  /** Rows whose report columns take a new current version's values. */
  current: Map<RowKey, Values>;
  /** Rows whose record cell changed. */
  records: Set<RowKey>;
  /** Rows with other changed cells (identity, profile, ARS/ANS), by column id. */
  cells: Map<RowKey, Set<string>>;
  meta: boolean;
  history: ReportVersion[];
  changes: CellChange[];
  journal: JournalEntry[];
  /** Submissions this transaction records as seen (accepted, refused or applied). */
  seen: string[];
  /** Blocks of cells a use case queued for another tab (Synthèse's values), written with the rest. */
  blocks: Array<{ sheet: string; row: number; col: number; cells: Cell[][] }>;
}

const emptyPending = (): Pending => ({
  newRows: [],
  current: new Map(),
  records: new Set(),
  cells: new Map(),
  meta: false,
  history: [],
  changes: [],
  journal: [],
  seen: [],
  blocks: [],
});

const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

export class SheetStore implements Store {
  readonly geometry: WorkbookGeometry;
  private state: State | null = null;
  private pending: Pending | null = null;
  private depth = 0;
  /** Submissions that an interrupted execution may have partly written (see the header). */
  private readonly recovering = new Set<string>();
  private readonly sheets = new Map<string, GasSheet>();
  /** Whether SpreadsheetApp may hold writes of this execution that a batch must not overtake (see the header). */
  private directWrites = true;

  constructor(
    readonly spreadsheet: GasSpreadsheet,
    readonly project: Project,
    /** The advanced Sheets service and SpreadsheetApp.flush, when the manifest enables the service. */
    private readonly batch?: { api: NonNullable<GasSheetsAdvanced['Spreadsheets']>; flush: () => void },
  ) {
    this.geometry = new WorkbookGeometry(project);
  }

  /** Says that nothing was written through SpreadsheetApp yet in this execution: the next batch needs no flush. */
  expectNoDirectWrites(): void {
    this.directWrites = false;
  }

  /** Says that something was just written through SpreadsheetApp (a tab redrawn): the next batch flushes first. */
  noteDirectWrites(): void {
    this.directWrites = true;
  }

  /** Writes a block of model cells (top-left at a 1-based row and column), with the transaction's other writes. */
  writeCells(sheet: string, row: number, col: number, cells: Cell[][]): void {
    if (cells.length === 0) return;
    this.write((_state, pending) => {
      pending.blocks.push({ sheet, row, col, cells });
    });
  }

  sheet(name: string): GasSheet {
    let sheet = this.sheets.get(name);
    if (!sheet) {
      sheet = this.spreadsheet.getSheetByName(name) ?? undefined;
      if (!sheet) throw new Error(this.olderLayoutProblem() ?? frAppsScript.notInstalled);
      this.sheets.set(name, sheet);
    }
    return sheet;
  }

  /** Looked for only once something is missing: the layout it would explain costs no call otherwise. */
  private olderLayoutProblem(): string | undefined {
    return olderLayoutProblem((title) => this.spreadsheet.getSheetByName(title) !== null);
  }

  /** Forgets what was read (another execution may have written since). */
  reload(): void {
    if (this.depth > 0) throw new Error('Cannot reload inside a transaction');
    this.state = null;
  }

  private load(): State {
    if (this.state) return this.state;
    const g = this.geometry;
    const a1 = `${columnLetters(g.keyCol)}1:${columnLetters(g.recordCol)}`;
    const values = this.sheet(SUIVI).getRange(a1).getValues();
    const { meta, rows, lastRow } = decodeSuiviRecords(
      values.map((row) => [textOf(row[0]), textOf(row[1])] as const),
      g.headerRows,
      columnLetters(g.recordCol),
      () => this.olderLayoutProblem(),
    );
    this.state = {
      rows,
      byKey: new Map(rows.map((r) => [r.key, r])),
      byEstablishment: new Map(),
      meta,
      lastRow,
    };
    for (const r of rows)
      if (!this.state.byEstablishment.has(r.record.establishment.id))
        this.state.byEstablishment.set(r.record.establishment.id, r);
    return this.state;
  }

  transaction<T>(fn: () => T): T {
    if (this.depth > 0) return fn();
    this.load();
    this.pending = emptyPending();
    this.depth += 1;
    try {
      const result = fn();
      this.commit(this.pending);
      return result;
    } catch (error) {
      this.state = null;
      throw error;
    } finally {
      this.depth -= 1;
      this.pending = null;
    }
  }

  private write<T>(fn: (state: State, pending: Pending) => T): T {
    return this.transaction(() => fn(this.load(), this.pending as Pending));
  }

  // ---- adapter-facing reads ------------------------------------------------------------------------------

  /** Every Suivi row with its record, in sheet order. */
  rows(): readonly SuiviRow[] {
    return this.load().rows;
  }

  meta(): Meta {
    return this.load().meta;
  }

  /** Ledgers of every row (what the summary and completeness need). */
  ledgers(): Map<RowKey, RowLedger> {
    return new Map(this.load().rows.map((r) => [r.key, r.record.ledger]));
  }

  /**
   * Which establishment and form a responses tab belongs to, and its responses spreadsheet's place in the list: by
   * sheet id within its spreadsheet (sheet ids are unique within one spreadsheet only). A form recorded before there
   * could be several spreadsheets (no `responsesId`: the first one) matches only when no form names this one.
   */
  formOfTab(
    tabId: number,
    responsesId: string,
  ): { establishmentId: string; form: 'weekly' | 'initialisation'; part: number } | undefined {
    const find = (linked: (meta: FormMeta) => boolean) => {
      for (const r of this.load().rows)
        for (const form of ['weekly', 'initialisation'] as const) {
          const meta = r.record.forms?.[form];
          if (meta?.tabId === tabId && linked(meta))
            return { establishmentId: r.record.establishment.id, form, part: meta.responsesPart ?? 0 };
        }
      return undefined;
    };
    return find((meta) => meta.responsesId === responsesId) ?? find((meta) => meta.responsesId === undefined);
  }

  formsOf(establishmentId: string): NonNullable<RowRecord['forms']> {
    return copy(this.load().byEstablishment.get(establishmentId)?.record.forms ?? {});
  }

  /**
   * Says that a submission may have been partly written by an execution Google interrupted (the weekly
   * reconciliation says so of every response it recovers): its Historique row is looked for before writing.
   */
  recover(submissionId: string): void {
    this.recovering.add(submissionId);
  }

  /**
   * Notes, after a failed ingestion, that the submission may have been partly written, so that its next delivery
   * looks for what it left. Costs a read and a write; the caller ignores its own failure (Google may still be down:
   * the weekly reconciliation then recovers the submission anyway). Nothing to note when writes go in one batch:
   * Google applied all of it or none.
   */
  noteInterrupted(submissionId: string): void {
    if (this.batch) return;
    this.write((state, pending) => {
      const list = state.meta.interrupted ?? [];
      if (list.includes(submissionId)) return;
      state.meta.interrupted = [...list, submissionId];
      pending.meta = true;
    });
  }

  private mayBePartlyWritten(submissionId: string): boolean {
    return this.recovering.has(submissionId) || (this.load().meta.interrupted ?? []).includes(submissionId);
  }

  /** Every submission id already handled (accepted, refused, or an initialisation response applied). */
  submissionIds(): Set<string> {
    const state = this.load();
    return new Set([...state.rows.flatMap((r) => r.record.submissions), ...state.meta.orphans]);
  }

  // ---- adapter-facing writes -----------------------------------------------------------------------------

  saveForm(establishmentId: string, form: 'weekly' | 'initialisation', meta: FormMeta): void {
    this.write((state, pending) => {
      for (const r of state.rows.filter((x) => x.record.establishment.id === establishmentId)) {
        r.record.forms = { ...r.record.forms, [form]: copy(meta) };
        pending.records.add(r.key);
      }
    });
  }

  /** Marks a submission the store did not see through a use case (an initialisation response) as handled. */
  markSubmission(establishmentId: string, submissionId: string): void {
    this.write((state, pending) => {
      const row = state.rows.find((r) => r.record.establishment.id === establishmentId);
      pending.seen.push(submissionId);
      if (!row) {
        state.meta.orphans.push(submissionId);
        pending.meta = true;
        return;
      }
      row.record.submissions.push(submissionId);
      pending.records.add(row.key);
    });
  }

  setSynthesisLayout(layout: string): void {
    this.write((state, pending) => {
      state.meta.synthesisLayout = layout;
      pending.meta = true;
    });
  }

  // ---- Store -----------------------------------------------------------------------------------------------

  listEstablishments(): EstablishmentRecord[] {
    const seen = new Set<string>();
    const out: EstablishmentRecord[] = [];
    for (const r of this.load().rows) {
      const e = r.record.establishment;
      if (seen.has(e.id)) continue;
      seen.add(e.id);
      out.push(copy(e));
    }
    return out;
  }

  getEstablishment(id: string): EstablishmentRecord | undefined {
    const row = this.load().byEstablishment.get(id);
    return row ? copy(row.record.establishment) : undefined;
  }

  saveEstablishment(establishment: EstablishmentRecord): void {
    this.write((state, pending) => {
      const saved = copy(establishment);
      const existing = state.rows.filter((r) => r.record.establishment.id === saved.id);
      for (const r of existing) {
        r.record.establishment = copy(saved);
        pending.records.add(r.key);
        const cells = pending.cells.get(r.key) ?? new Set<string>();
        // Identity, profile and the row's pathway and use case: every `init` column; never a report or ARS/ANS value.
        for (const c of this.project.tracking.columns) if (c.cadence === 'init') cells.add(c.id);
        pending.cells.set(r.key, cells);
      }
      const forms = existing[0]?.record.forms;
      for (const u of saved.useCases) {
        const key = rowKey(saved.id, u.id);
        if (state.byKey.has(key)) continue;
        state.lastRow += 1;
        const row: SuiviRow = {
          rowNumber: state.lastRow,
          key,
          record: {
            v: 1,
            establishment: copy(saved),
            ledger: [],
            annotations: {},
            submissions: [],
            versions: {},
            ...(forms ? { forms: copy(forms) } : {}),
          },
        };
        state.rows.push(row);
        state.byKey.set(key, row);
        if (!state.byEstablishment.has(saved.id)) state.byEstablishment.set(saved.id, row);
        pending.newRows.push(row);
      }
    });
  }

  hasSubmission(submissionId: string): boolean {
    return this.submissionIds().has(submissionId);
  }

  rowLedger(key: RowKey): RowLedger {
    return this.load().byKey.get(key)?.record.ledger ?? [];
  }

  reportVersion(key: RowKey, week: IsoWeek): ReportVersion | undefined {
    const buffered = this.pending?.history
      .filter((v) => v.rowKey === key && v.week === week)
      .sort((a, b) => b.version - a.version)[0];
    if (buffered) return buffered;
    const id = this.load().byKey.get(key)?.record.versions[week];
    if (!id) return undefined;
    const row = this.historyRowOf(id);
    if (row === undefined) return undefined;
    return parseReportVersion(
      textOf(this.sheet(HISTORY).getRange(row, this.geometry.historyJsonCol, 1, 1).getValue()),
      `${HISTORY} row ${row}`,
    );
  }

  recordReport(version: ReportVersion, ledger: RowLedger, current: boolean): void {
    this.write((state, pending) => {
      const row = state.byKey.get(version.rowKey);
      if (!row) throw new Error(`No Suivi row for ${version.rowKey}`);
      row.record.ledger = copy(ledger);
      row.record.submissions.push(version.submissionId);
      pending.seen.push(version.submissionId);
      if (ledger.find((e) => e.week === version.week)?.version === version.version)
        row.record.versions[version.week] = version.submissionId;
      if (current) pending.current.set(row.key, version.values);
      pending.records.add(row.key);
      pending.history.push(version);
    });
  }

  recordRefusal(submissionId: string, key?: RowKey): void {
    this.write((state, pending) => {
      const row = key !== undefined ? state.byKey.get(key) : undefined;
      pending.seen.push(submissionId);
      if (row) {
        row.record.submissions.push(submissionId);
        pending.records.add(row.key);
      } else {
        state.meta.orphans.push(submissionId);
        pending.meta = true;
      }
    });
  }

  listReportVersions(): ReportVersion[] {
    const g = this.geometry;
    // A row an interrupted execution appended without recording it is not (yet) part of the history. A Forms API
    // id the row's record no longer keeps (api-submissions.ts) was recorded before it was forgotten.
    const seen = this.submissionIds();
    const byKey = this.load().byKey;
    const stored = this.readColumn(HISTORY, g.historyJsonCol)
      .map((json, i) => parseReportVersion(json, `${HISTORY} row ${i + 2}`))
      .filter(
        (v) =>
          seen.has(v.submissionId) ||
          forgettable(v.submissionId, apiCursorsOf(byKey.get(v.rowKey)?.record.forms)),
      );
    return [...stored, ...(this.pending?.history ?? [])];
  }

  annotations(key: RowKey): Values {
    return copy(this.load().byKey.get(key)?.record.annotations ?? {});
  }

  recordCellChange(change: CellChange): void {
    this.write((state, pending) => {
      const touch = (row: SuiviRow) => {
        pending.records.add(row.key);
        const cells = pending.cells.get(row.key) ?? new Set<string>();
        cells.add(change.columnId);
        pending.cells.set(row.key, cells);
      };
      if (change.scope === 'annotation') {
        const row = state.byKey.get(change.target);
        if (!row) throw new Error(`No Suivi row for ${change.target}`);
        row.record.annotations = { ...row.record.annotations, [change.columnId]: change.value };
        touch(row);
      } else {
        const parsed = change.scope === 'useCase' ? parseRowKey(change.target) : undefined;
        const establishmentId = parsed ? parsed.establishmentId : change.target;
        const rows = state.rows.filter((r) => r.record.establishment.id === establishmentId);
        if (rows.length === 0) throw new Error(`No establishment for change target ${change.target}`);
        for (const row of rows) {
          const e = row.record.establishment;
          if (change.scope === 'establishment') e.values = { ...e.values, [change.columnId]: change.value };
          else {
            const useCase = e.useCases.find((u) => u.id === parsed?.useCaseId);
            if (!useCase) throw new Error(`No use case for change target ${change.target}`);
            useCase.values = { ...useCase.values, [change.columnId]: change.value };
          }
          touch(row);
        }
      }
      pending.changes.push(change);
    });
  }

  listCellChanges(): CellChange[] {
    const stored = this.readColumn(MODIFICATIONS, this.geometry.modificationsWidth).map((json, i) =>
      parseCellChange(json, `${MODIFICATIONS} row ${i + 2}`),
    );
    return [...stored, ...(this.pending?.changes ?? [])];
  }

  appendJournal(entry: JournalEntry): void {
    this.write((_state, pending) => {
      pending.journal.push(entry);
    });
  }

  listJournal(): JournalEntry[] {
    const sheet = this.sheet(JOURNAL);
    const last = sheet.getLastRow();
    const stored: JournalEntry[] =
      last < 2
        ? []
        : sheet
            .getRange(2, 1, last - 1, this.geometry.journalWidth)
            .getValues()
            .map((row) => journalEntryOfRow(row.map(textOf)));
    return [...stored, ...(this.pending?.journal ?? [])];
  }

  // ---- reading and writing the sheets ---------------------------------------------------------------------

  private readColumn(name: string, col: number): string[] {
    const sheet = this.sheet(name);
    const last = sheet.getLastRow();
    if (last < 2) return [];
    return sheet
      .getRange(2, col, last - 1, 1)
      .getValues()
      .map((r) => textOf(r[0]))
      .filter((s) => s !== '');
  }

  /** The full Suivi row (model cells, then the record) of a row. */
  private suiviCells(row: SuiviRow, current: Values | undefined): Cell[] {
    const e = row.record.establishment;
    const parsed = parseRowKey(row.key);
    const useCase = e.useCases.find((u) => u.id === parsed?.useCaseId);
    if (!useCase) throw new Error(`No use case for ${row.key}`);
    const values = suiviRowValues(
      this.project.tracking,
      e,
      useCase,
      current ? ({ values: current } as ReportVersion) : undefined,
      row.record.annotations,
    );
    return suiviRowCells(this.project.tracking, values, row.key);
  }

  /** A row's record cell as SpreadsheetApp writes it (the batch writes `recordCell` itself). */
  private recordValue(row: SuiviRow): string | number | Date {
    return sheetValue(recordCell(row.record));
  }

  private append(name: string, rows: Array<Array<string | number | Date>>): void {
    if (rows.length === 0) return;
    const sheet = this.sheet(name);
    // A few rows: appendRow each (atomic, grows the sheet); more: one setValues after the last row.
    if (rows.length <= 3) {
      for (const row of rows) sheet.appendRow(row);
      return;
    }
    const last = sheet.getLastRow();
    const max = sheet.getMaxRows();
    if (last + rows.length > max) sheet.insertRowsAfter(max, last + rows.length - max);
    sheet.getRange(last + 1, 1, rows.length, rows[0]?.length ?? 1).setValues(rows);
  }

  /** The Historique row holding a submission's version, if any (one search). */
  private historyRowOf(submissionId: string): number | undefined {
    const col = columnLetters(this.geometry.historySubmissionCol);
    const hit = this.sheet(HISTORY)
      .getRange(`${col}2:${col}`)
      .createTextFinder(submissionId)
      .matchEntireCell(true)
      .findNext();
    return hit ? hit.getRow() : undefined;
  }

  /**
   * Where the new versions go in Historique: appended, except a version whose submission an interrupted execution
   * may have written already, which takes that row's place; a submission recorded otherwise this time (refused)
   * blanks its left-over row.
   */
  private historyPlan(p: Pending): {
    rewrite: Array<[number, ReportVersion]>;
    blank: number[];
    append: ReportVersion[];
  } {
    const plan = {
      rewrite: [] as Array<[number, ReportVersion]>,
      blank: [] as number[],
      append: [] as ReportVersion[],
    };
    const written = new Set(p.history.map((v) => v.submissionId));
    for (const v of p.history) {
      const left = this.mayBePartlyWritten(v.submissionId) ? this.historyRowOf(v.submissionId) : undefined;
      if (left === undefined) plan.append.push(v);
      else plan.rewrite.push([left, v]);
    }
    for (const id of p.seen) {
      if (written.has(id) || !this.mayBePartlyWritten(id)) continue;
      const left = this.historyRowOf(id);
      if (left !== undefined) plan.blank.push(left);
    }
    return plan;
  }

  private writeHistory(p: Pending, establishments: Map<string, EstablishmentRecord>): void {
    const plan = this.historyPlan(p);
    const width = this.geometry.historyJsonCol;
    for (const [row, v] of plan.rewrite)
      this.sheet(HISTORY)
        .getRange(row, 1, 1, width)
        .setValues([sheetRow(this.historyCells(v, establishments))]);
    for (const row of plan.blank) this.sheet(HISTORY).getRange(row, 1, 1, width).clearContent();
    this.append(
      HISTORY,
      plan.append.map((v) => sheetRow(this.historyCells(v, establishments))),
    );
  }

  /**
   * Applies a transaction's writes, records last (see the header): appended rows, then the visible Suivi cells,
   * then the new rows and the records, each run of adjacent record cells in one call.
   */
  private commit(p: Pending): void {
    if (this.batch && !SheetStore.oneCall(p)) {
      this.commitBatch(p, this.batch);
      return;
    }
    const state = this.load();
    const g = this.geometry;
    const suivi = () => this.sheet(SUIVI);
    const fresh = new Set(p.newRows.map((r) => r.key));

    this.writeHistory(p, new Map(state.rows.map((r) => [r.record.establishment.id, r.record.establishment])));
    // A submission recorded now is no longer interrupted (said in the meta cell, written with the records).
    const interrupted = state.meta.interrupted ?? [];
    if (p.seen.some((id) => interrupted.includes(id))) {
      state.meta.interrupted = interrupted.filter((id) => !p.seen.includes(id));
      p.meta = true;
    }
    this.append(
      MODIFICATIONS,
      p.changes.map((c) => sheetRow(modificationRow(this.project.tracking, c))),
    );
    this.append(
      JOURNAL,
      p.journal.map((j) => sheetRow(journalRowCells(j))),
    );

    const touched = new Set([...p.current.keys(), ...p.records, ...p.cells.keys()]);
    const records: number[] = [];
    for (const key of touched) {
      if (fresh.has(key)) continue;
      const row = state.byKey.get(key);
      if (!row) continue;
      const current = p.current.get(key);
      let cells: Cell[] | undefined;
      const full = () => (cells ??= this.suiviCells(row, current));
      const written = new Set<number>();
      if (current)
        for (const [col, count] of g.reportRuns) {
          suivi()
            .getRange(row.rowNumber, col, 1, count)
            .setValues([sheetRow(full().slice(col - 1, col - 1 + count))]);
          for (let c = col; c < col + count; c += 1) written.add(c);
        }
      const columns = [...(p.cells.get(key) ?? [])].map((id) => g.column(id)).filter((c) => !written.has(c));
      for (const [col, count] of columnRuns(columns))
        suivi()
          .getRange(row.rowNumber, col, 1, count)
          .setValues([sheetRow(full().slice(col - 1, col - 1 + count))]);
      if (p.records.has(key)) records.push(row.rowNumber);
    }

    if (p.newRows.length > 0) {
      const rows = p.newRows.map((r) => [
        ...sheetRow(this.suiviCells(r, p.current.get(r.key))),
        this.recordValue(r),
      ]);
      const firstRow = p.newRows[0]?.rowNumber ?? 0;
      if (rows.length === 1 && rows[0]) suivi().appendRow(rows[0]);
      else {
        const max = suivi().getMaxRows();
        const needed = firstRow + rows.length - 1;
        if (needed > max) suivi().insertRowsAfter(max, needed - max);
        suivi().getRange(firstRow, 1, rows.length, g.recordCol).setValues(rows);
      }
    }
    const byNumber = new Map(state.rows.map((r) => [r.rowNumber, r]));
    for (const [first, count] of columnRuns(records))
      suivi()
        .getRange(first, g.recordCol, count, 1)
        .setValues(
          Array.from({ length: count }, (_, i) => {
            const row = byNumber.get(first + i);
            return [row ? this.recordValue(row) : ''];
          }),
        );
    if (p.meta)
      suivi()
        .getRange(2, g.recordCol, 1, 1)
        .setValue(sheetValue(metaCell(state.meta)));
    for (const b of p.blocks)
      this.sheet(b.sheet)
        .getRange(b.row, b.col, b.cells.length, b.cells[0]?.length ?? 1)
        .setValues(b.cells.map(sheetRow));
  }

  /**
   * Writes SpreadsheetApp makes in one call (Journal lines alone, or one row's record alone): a single call is
   * already all or nothing, and costs less than a round trip of the advanced service (an install writes dozens).
   */
  private static oneCall(p: Pending): boolean {
    const others =
      p.newRows.length +
      p.current.size +
      p.cells.size +
      p.history.length +
      p.changes.length +
      p.blocks.length +
      p.seen.length +
      (p.meta ? 1 : 0);
    if (others > 0) return false;
    return (p.journal.length > 0 && p.records.size === 0) || (p.journal.length === 0 && p.records.size === 1);
  }

  /** A Historique row's cells (model columns, then the version as JSON), as the codec writes them. */
  private historyCells(v: ReportVersion, establishments: Map<string, EstablishmentRecord>): Cell[] {
    const key = parseRowKey(v.rowKey);
    const e = establishments.get(key?.establishmentId ?? '');
    const u = e?.useCases.find((x) => x.id === key?.useCaseId);
    return historyRecordRow(this.project.tracking, v, e, u);
  }

  /** The same writes as `commit`, as one spreadsheets.batchUpdate that Google applies all or nothing. */
  private commitBatch(p: Pending, batch: NonNullable<SheetStore['batch']>): void {
    const state = this.load();
    const g = this.geometry;
    const requests: CellRequest[] = [];
    const id = (name: string) => this.sheet(name).getSheetId();
    const establishments = new Map(
      state.rows.map((r) => [r.record.establishment.id, r.record.establishment]),
    );

    const history = this.historyPlan(p);
    for (const [row, v] of history.rewrite)
      requests.push(...updateCellsRequests(id(HISTORY), row, 1, [this.historyCells(v, establishments)]));
    for (const row of history.blank)
      requests.push(
        ...updateCellsRequests(id(HISTORY), row, 1, [Array.from({ length: g.historyJsonCol }, () => null)]),
      );
    if (history.append.length > 0)
      requests.push(
        appendCellsRequest(
          id(HISTORY),
          history.append.map((v) => this.historyCells(v, establishments)),
        ),
      );
    const interrupted = state.meta.interrupted ?? [];
    if (p.seen.some((s) => interrupted.includes(s))) {
      state.meta.interrupted = interrupted.filter((s) => !p.seen.includes(s));
      p.meta = true;
    }
    if (p.changes.length > 0)
      requests.push(
        appendCellsRequest(
          id(MODIFICATIONS),
          p.changes.map((c) => modificationRow(this.project.tracking, c)),
        ),
      );
    if (p.journal.length > 0)
      requests.push(
        appendCellsRequest(
          id(JOURNAL),
          p.journal.map((j) => journalRowCells(j)),
        ),
      );

    const fresh = new Set(p.newRows.map((r) => r.key));
    const records: number[] = [];
    for (const key of new Set([...p.current.keys(), ...p.records, ...p.cells.keys()])) {
      if (fresh.has(key)) continue;
      const row = state.byKey.get(key);
      if (!row) continue;
      const current = p.current.get(key);
      const cells = this.suiviCells(row, current);
      const columns = [...(p.cells.get(key) ?? [])].map((c) => g.column(c));
      if (current)
        for (const [col, count] of g.reportRuns) for (let c = col; c < col + count; c += 1) columns.push(c);
      for (const [col, count] of columnRuns(columns))
        requests.push(
          ...updateCellsRequests(id(SUIVI), row.rowNumber, col, [cells.slice(col - 1, col - 1 + count)]),
        );
      if (p.records.has(key)) records.push(row.rowNumber);
    }
    const byNumber = new Map(state.rows.map((r) => [r.rowNumber, r]));
    if (p.newRows.length > 0) {
      const firstRow = p.newRows[0]?.rowNumber ?? 0;
      const rows = p.newRows.map((r) => [...this.suiviCells(r, p.current.get(r.key)), recordCell(r.record)]);
      const needed = firstRow + rows.length - 1;
      const suivi = this.sheet(SUIVI);
      const max = suivi.getMaxRows();
      // updateCells writes inside the grid only; Suivi has room for every establishment (install) in practice.
      if (needed > max) {
        suivi.insertRowsAfter(max, needed - max);
        this.directWrites = true;
      }
      requests.push(...updateCellsRequests(id(SUIVI), firstRow, 1, rows));
    }
    for (const [first, count] of columnRuns(records))
      requests.push(
        ...updateCellsRequests(
          id(SUIVI),
          first,
          g.recordCol,
          Array.from({ length: count }, (_, i) => {
            const row = byNumber.get(first + i);
            return [row ? recordCell(row.record) : null];
          }),
        ),
      );
    if (p.meta) requests.push(...updateCellsRequests(id(SUIVI), 2, g.recordCol, [[metaCell(state.meta)]]));
    for (const b of p.blocks) requests.push(...updateCellsRequests(id(b.sheet), b.row, b.col, b.cells));

    if (requests.length === 0) return;
    if (this.directWrites) batch.flush();
    batch.api.batchUpdate({ requests }, this.spreadsheet.getId());
    // Flushed and written: a later batch flushes again only after a write to cells the store also writes
    // (`noteDirectWrites`: a tab redrawn, a Suivi cell put back).
    this.directWrites = false;
  }
}
