// An in-memory stand-in for the parts of Google Workspace the CLI calls (Sheets, Forms, Drive files and
// permissions, Docs), fed by the nock helpers of google-mocks.ts. Request bodies are typed with the @googleapis
// schemas. Sheets is not modelled here: spreadsheets live in the Apps Script emulator's model (../gas/sheet-data.ts,
// held by a GasEnvironment's SpreadsheetStore), spreadsheets.get and batchUpdate go through its one interpreter
// (../gas/sheets-batch.ts), so the 10-million-cell limit, grid limits, the atomic batch, protections, charts and
// developer metadata are written once, and a spreadsheet made through REST is the very object the emulator's
// SpreadsheetApp opens (same id). values.batchUpdate (RAW only, as the CLI sends) becomes updateCells requests of
// that interpreter (text stays text, never a formula; the 50,000-character cell; protections for the caller);
// values.batchGet reads UNFORMATTED_VALUE (dates as serial numbers in the spreadsheet's time zone, trailing empties
// trimmed). Stricter than the former REST-only model where they disagreed: formats, merges, validations and
// charts are checked (they were only recorded), a null in a value write is refused (Google skips it), and a write
// must fit the range it names. `spreadsheet(id)` and its `sheets` are read-only views (frozen snapshots); a test
// plays a hand edit with FakeSheet.setRow/appendRow or on the model (`spreadsheetData`).
// Forms are not modelled here either: they are the emulator's (../gas/form-app.ts FormStore), answered through the one
// Forms API handler both façades call (../gas/forms-api.ts: validation, all-or-nothing batchUpdate, publishing, the
// responses.list filter and paging, error bodies), so a form made through REST is the very one FormApp opens and a
// FormApp-made form is what forms.get returns; `form(id)` is a live view of it, `submit` a respondent's POST by question
// id (listed by either façade, written to a linked responses tab with its onFormSubmit triggers). Drive files and
// permissions are the emulator's registry too (../gas/drive-app.ts): a folder or file made through REST is what DriveApp
// opens, files.delete removes it for both, permissions.create/list/delete use Drive's one list (where
// Spreadsheet.addEditors writes), a share or a listing of a missing file is a 404 (stricter than the former REST-only
// model, which shared anything). Google Docs are the emulator's documents too (../gas/document-app.ts DocumentStore):
// files.create importing a .docx (docx-import.ts) and files.copy of a Doc make emulator documents, documents.get and
// batchUpdate go through the one code the advanced Docs service calls (../gas/docs-advanced.ts: validation, the
// all-or-nothing batch, errors), so DocumentApp opens what the CLI filled and documents.get reads what DocumentApp
// wrote; `documents` is a read-only snapshot of them in the Docs API's model. Also emulated: Drive refusing a silent share (no notification e-mail) to an address
// without a Google account (`noGoogleAccount`, HTTP 400 invalidSharingRequest). It does NOT emulate other sharing
// semantics, or quotas other than the failures a test queues.
import type { forms_v1 } from '@googleapis/forms';
import type { sheets_v4 } from '@googleapis/sheets';
import type { FakeDocument } from './fake-document';
import { badRequest, FakeHttpError } from './http-error';
import { createGasEnvironment, type GasEnvironment } from '../gas/environment';
import { isDate } from '../gas/runtime';
import { serialOf, type SheetData, type SpreadsheetData } from '../gas/sheet-data';
import { BatchRefused, describeSpreadsheet, SheetsBatch } from '../gas/sheets-batch';
import { applyValueWrites, parseA1, tabOf } from '../gas/sheets-values';
import { noAccountRefusal } from '../gas/spreadsheet-app';
import type { FormData } from '../gas/form-app';
import type { DriveEntry, DrivePermission } from '../gas/drive-app';
import { FOLDER_MIME, GOOGLE_DOC_MIME } from '../../../src/google-api/drive';
import { documentModel, imageFetchable, writeDocument } from '../gas/docs-advanced';
import { importDocx } from './docx-import';

const SPREADSHEET_MIME = 'application/vnd.google-apps.spreadsheet';
const FORM_MIME = 'application/vnd.google-apps.form';

export { FakeHttpError } from './http-error';

/** A cell as values.batchGet returns it with UNFORMATTED_VALUE. */
export type Value = string | number | boolean;

/** A read-only view of one tab, plus the hand edits a test plays (written straight into the model). */
export interface FakeSheet {
  readonly properties: sheets_v4.Schema$SheetProperties & { sheetId: number; title: string };
  /** Rows from the first, each up to its last non-empty cell (a frozen snapshot). */
  readonly cells: readonly (readonly Value[])[];
  readonly protectedRanges: sheets_v4.Schema$ProtectedRange[];
  readonly charts: sheets_v4.Schema$EmbeddedChart[];
  /** Someone replaces a row's content (0-based row) in the Sheets UI, as typed values. */
  setRow(row: number, values: readonly Value[]): void;
  /** Someone adds a row after the last one holding data. */
  appendRow(values: readonly Value[]): void;
  /** Someone types a value in one cell (0-based row and column). */
  setCell(row: number, col: number, value: Value): void;
  /**
   * Someone removes a row (0-based) and what was below moves up: played on the values only, since the model refuses to
   * shift the rows of a protected tab (sheet-data.ts).
   */
  removeRow(row: number): void;
}

/** A read-only view of one spreadsheet, with the REST façade's log of what it received. */
export interface FakeSpreadsheet {
  readonly id: string;
  readonly title: string;
  readonly sheets: FakeSheet[];
  /** Every batch applied, in order (the structure batch, growth, synthesis…). */
  readonly batches: sheets_v4.Schema$Request[][];
  /** Every values.batchUpdate body received and applied. */
  readonly valueWrites: sheets_v4.Schema$BatchUpdateValuesRequest[];
  /** Spreadsheet-level developer metadata (the workbook lock): the model's own list. */
  readonly developerMetadata: sheets_v4.Schema$DeveloperMetadata[];
}
/**
 * A live view of one form of the emulator's model (`data`, ../gas/form-app.ts FormData): `info` and `items` as forms.get
 * renders them, `responses` as forms.responses.list does; setting `published` plays the owner's switches in the Forms
 * UI. `batches`: every forms.batchUpdate the REST façade applied to it, in order.
 */
export interface FakeForm {
  readonly id: string;
  readonly data: FormData;
  readonly info: forms_v1.Schema$Info;
  readonly items: forms_v1.Schema$Item[];
  published: { isPublished: boolean; isAcceptingResponses: boolean } | undefined;
  readonly responses: forms_v1.Schema$FormResponse[];
  readonly batches: forms_v1.Schema$Request[][];
}

/** A Drive file: a folder, a Google Doc (its content in `documents`), or an uploaded file (its bytes). */
export interface FakeFile {
  id: string;
  name: string;
  mimeType: string;
  parents: string[];
  content?: Buffer;
}

/** A cell as UNFORMATTED_VALUE reads it: a date as its serial number, a formula as '' (not computed). */
function unformatted(data: SpreadsheetData, sheet: SheetData, row: number, col: number): Value {
  const cell = sheet.cell(row, col);
  if (!cell || cell.formula !== undefined) return '';
  return isDate(cell.value) ? serialOf(cell.value, data.timeZone) : cell.value;
}

/** 0-based rows `row`..`endRow` (default: the last with data) and columns `col`..`endCol`, trailing empties trimmed. */
function readRows(
  data: SpreadsheetData,
  sheet: SheetData,
  row: number,
  col: number,
  endCol: number,
  endRow?: number,
): Value[][] {
  const last = Math.min(endRow ?? sheet.lastRow() - 1, sheet.maxRows - 1);
  const lastCol = Math.min(endCol, sheet.maxColumns - 1);
  const rows: Value[][] = [];
  for (let r = row; r <= last; r += 1) {
    const out: Value[] = [];
    for (let c = col; c <= lastCol; c += 1) out.push(unformatted(data, sheet, r + 1, c + 1));
    while (out.length > 0 && out[out.length - 1] === '') out.pop();
    rows.push(out);
  }
  while (rows.length > 0 && rows[rows.length - 1]?.length === 0) rows.pop();
  return rows;
}

export class FakeWorkspace {
  /** What the façade logged per spreadsheet (batches and value writes received). */
  private readonly logs = new Map<string, Pick<FakeSpreadsheet, 'batches' | 'valueWrites'>>();
  private readonly batch: SheetsBatch;

  /**
   * `google`: the emulated Google account whose spreadsheets this façade serves; give an Apps Script test's
   * environment to share them with its SpreadsheetApp and advanced Sheets service.
   */
  constructor(readonly google: GasEnvironment = createGasEnvironment()) {
    this.batch = new SheetsBatch(google.sheets);
  }

  /** forms.batchUpdate requests the REST façade applied, by form. */
  private readonly formBatches = new Map<string, forms_v1.Schema$Request[][]>();
  /**
   * Accesses granted (the owner's is implicit: `owner`): Drive's one list (../gas/drive-app.ts), where the emulator's
   * Spreadsheet.addEditors writes too.
   */
  get permissions(): readonly DrivePermission[] {
    return this.google.drive.permissions;
  }
  /** Every file's owner, as Drive lists it first among a file's permissions. */
  owner = 'admin@ars.fr';
  /**
   * Addresses with no Google account — the emulated account's one list (`google.sheets.noGoogleAccount`): Drive
   * refuses to share with them without a notification e-mail, and a protection naming such an editor fails its whole
   * batch (S13, assumed), through either façade.
   */
  get noGoogleAccount(): Set<string> {
    return this.google.sheets.noGoogleAccount;
  }
  /** Drive files other than spreadsheets and forms (folders, documents, pictures): views of Drive's one registry. */
  get files(): ReadonlyMap<string, FakeFile> {
    const drive = this.google.drive;
    const live = [...drive.entries.values()].filter(
      (e) => !e.trashed && (e.kind === 'folder' || e.kind === 'document' || e.kind === 'file'),
    );
    return new Map(live.map((e) => [e.id, this.fileView(e)]));
  }
  /**
   * The content of each live Google Doc, by file id: read-only snapshots of the emulator's documents
   * (`google.documents`, ../gas/document-app.ts) in the Docs API's model, as documents.get sees them.
   */
  get documents(): ReadonlyMap<string, FakeDocument> {
    const drive = this.google.drive;
    const live = [...this.google.documents.byId.values()].filter((d) => {
      const entry = drive.entries.get(d.id);
      return !!entry && !entry.trashed;
    });
    return new Map(live.map((d) => [d.id, documentModel(d)]));
  }
  fileUpdates: Array<{ fileId: string; body: unknown }> = [];
  /** Failures to answer before the next calls of a kind (`values.batchUpdate`, `forms.responses.list`…). */
  failures = new Map<string, number[]>();
  /** Calls received, by kind, in order. */
  calls: string[] = [];
  private counter = 0;

  /** A storm: every `every`-th call (of any kind) fails with the next status of `statuses`, in turn. */
  private stormPlan: { every: number; statuses: number[]; seen: number } | null = null;
  /** Failures the storm injected, by status. */
  stormInjected: Record<number, number> = {};

  storm(every: number, statuses: number[]): void {
    this.stormPlan = { every, statuses, seen: 0 };
  }

  calm(): void {
    this.stormPlan = null;
  }

  failNext(kind: string, ...statuses: number[]): void {
    this.failures.set(kind, [...(this.failures.get(kind) ?? []), ...statuses]);
  }

  /** Throws the next queued failure of `kind`, if any, and records the call. */
  enter(kind: string): void {
    this.calls.push(kind);
    const queue = this.failures.get(kind);
    let status = queue?.shift();
    const plan = this.stormPlan;
    if (status === undefined && plan) {
      plan.seen += 1;
      if (plan.seen % plan.every === 0) {
        status = plan.statuses[(plan.seen / plan.every - 1) % plan.statuses.length];
        if (status !== undefined) this.stormInjected[status] = (this.stormInjected[status] ?? 0) + 1;
      }
    }
    if (status === undefined) return;
    const reason = status === 429 ? 'RESOURCE_EXHAUSTED' : status >= 500 ? 'INTERNAL' : 'FAILED';
    throw new FakeHttpError(status, {
      error: { code: status, message: `injected ${status}`, status: reason },
    });
  }

  count(kind: string): number {
    return this.calls.filter((c) => c === kind).length;
  }

  private nextId(prefix: string): string {
    this.counter += 1;
    return `${prefix}-${this.counter}`;
  }

  // ---- Sheets: a façade over the emulator's spreadsheet model ----------------------------------------------------

  createSpreadsheet(body: sheets_v4.Schema$Spreadsheet): FakeSpreadsheet {
    // The first tab is named in the caller's language, as for the pilots' French accounts.
    const data = this.google.sheets.create(body.properties?.title ?? 'Sans titre', {
      owner: this.owner,
      firstSheet: 'Feuille 1',
    });
    if (body.properties?.locale) data.locale = body.properties.locale;
    if (body.properties?.timeZone) data.timeZone = body.properties.timeZone;
    return this.spreadsheet(data.id);
  }

  /** The model of a spreadsheet (404 as Google answers for an unknown or trashed one). */
  spreadsheetData(id: string): SpreadsheetData {
    const data = this.google.sheets.byId.get(id);
    const entry = this.google.drive.entries.get(id);
    if (!data || !entry || entry.trashed)
      throw new FakeHttpError(404, { error: { code: 404, message: 'Requested entity was not found.' } });
    return data;
  }

  private log(id: string): Pick<FakeSpreadsheet, 'batches' | 'valueWrites'> {
    let log = this.logs.get(id);
    if (!log) {
      log = { batches: [], valueWrites: [] };
      this.logs.set(id, log);
    }
    return log;
  }

  /** Every live spreadsheet of the account, by id. */
  get spreadsheets(): ReadonlyMap<string, FakeSpreadsheet> {
    const live = [...this.google.sheets.byId.keys()].filter(
      (id) => !this.google.drive.entries.get(id)?.trashed,
    );
    return new Map(live.map((id) => [id, this.spreadsheet(id)]));
  }

  spreadsheet(id: string): FakeSpreadsheet {
    const data = this.spreadsheetData(id);
    const log = this.log(id);
    const described = describeSpreadsheet(data);
    return {
      id,
      title: data.name,
      sheets: data.sheets.map((sheet, i) => this.sheetView(data, sheet, described.sheets?.[i] ?? {})),
      batches: log.batches,
      valueWrites: log.valueWrites,
      developerMetadata: data.developerMetadata,
    };
  }

  private sheetView(data: SpreadsheetData, sheet: SheetData, described: sheets_v4.Schema$Sheet): FakeSheet {
    const write = (row: number, values: readonly Value[]) => {
      sheet.growTo(row + 1, values.length);
      const cells = sheet.cells[row];
      if (cells) cells.length = 0;
      values.forEach((value, col) => sheet.setCell(row + 1, col + 1, value === '' ? undefined : { value }));
    };
    return {
      properties: { ...described.properties, sheetId: sheet.id, title: sheet.name },
      cells: Object.freeze(readRows(data, sheet, 0, 0, sheet.maxColumns - 1).map((r) => Object.freeze(r))),
      protectedRanges: described.protectedRanges ?? [],
      charts: described.charts ?? [],
      setRow: write,
      setCell: (row, col, value) => {
        sheet.growTo(row + 1, col + 1);
        sheet.setCell(row + 1, col + 1, value === '' ? undefined : { value });
      },
      appendRow: (values) => write(sheet.lastRow(), values),
      removeRow: (row) => {
        const rows = readRows(data, sheet, 0, 0, sheet.maxColumns - 1);
        for (let r = row; r < rows.length; r += 1) write(r, rows[r + 1] ?? []);
      },
    };
  }

  describe(id: string): sheets_v4.Schema$Spreadsheet {
    return describeSpreadsheet(this.spreadsheetData(id));
  }

  /** spreadsheets.batchUpdate through the emulator's interpreter, as the REST caller (`owner`). */
  batchUpdate(
    id: string,
    body: sheets_v4.Schema$BatchUpdateSpreadsheetRequest,
  ): sheets_v4.Schema$BatchUpdateSpreadsheetResponse {
    const data = this.spreadsheetData(id);
    const requests = body.requests ?? [];
    try {
      const replies = this.batch.apply(data, requests as Parameters<SheetsBatch['apply']>[1], this.owner);
      this.log(id).batches.push(requests);
      return { spreadsheetId: id, replies };
    } catch (e) {
      if (e instanceof BatchRefused) throw badRequest(e.message);
      throw e;
    }
  }

  valuesBatchGet(id: string, ranges: string[]): sheets_v4.Schema$BatchGetValuesResponse {
    const data = this.spreadsheetData(id);
    return {
      spreadsheetId: id,
      valueRanges: ranges.map((range) => {
        const a = parseA1(range, badRequest);
        const sheet = tabOf(data, a.sheet, badRequest);
        const rows = readRows(data, sheet, a.row, a.col, a.endCol, a.endRow);
        return rows.length > 0
          ? { range, majorDimension: 'ROWS', values: rows }
          : { range, majorDimension: 'ROWS' };
      }),
    };
  }

  /**
   * values.batchUpdate with RAW values: each range becomes one updateCells request of the emulator's interpreter
   * (a string as stringValue, a number as numberValue), all applied or none (../gas/sheets-values.ts, shared with
   * the advanced Sheets service of the Apps Script emulator).
   */
  valuesBatchUpdate(id: string, body: sheets_v4.Schema$BatchUpdateValuesRequest): void {
    applyValueWrites(this.batch, this.spreadsheetData(id), body, this.owner, badRequest);
    this.log(id).valueWrites.push(body);
  }

  /** A tab's cells as Google would return them: rows as written, trailing empties trimmed. */
  values(id: string, title: string): Value[][] {
    const data = this.spreadsheetData(id);
    const sheet = tabOf(data, title, badRequest);
    return readRows(data, sheet, 0, 0, sheet.maxColumns - 1);
  }

  // ---- Drive files: a façade over the emulator's registry (../gas/drive-app.ts) -------------------------------

  private fileView(entry: DriveEntry): FakeFile {
    const mimeType =
      entry.kind === 'folder'
        ? FOLDER_MIME
        : entry.kind === 'document'
          ? GOOGLE_DOC_MIME
          : entry.kind === 'spreadsheet'
            ? SPREADSHEET_MIME
            : entry.kind === 'form'
              ? FORM_MIME
              : (entry.mimeType ?? 'application/octet-stream');
    return {
      id: entry.id,
      name: entry.name,
      mimeType,
      parents: entry.parentId ? [entry.parentId] : [],
      ...(entry.content ? { content: entry.content } : {}),
    };
  }

  /** files.create: a folder, a Google Doc (its content then in `documents`) or an uploaded file, in Drive's registry. */
  newFile(name: string, mimeType: string, parents: string[] = [], content?: Buffer): FakeFile {
    const kind = mimeType === FOLDER_MIME ? 'folder' : mimeType === GOOGLE_DOC_MIME ? 'document' : 'file';
    const entry = this.google.drive.create(kind, name);
    entry.owner = this.owner;
    entry.parentId = parents[0] ?? null;
    if (kind === 'file') {
      entry.mimeType = mimeType;
      if (content) entry.content = content;
    }
    return this.fileView(entry);
  }

  /** Any live file of the account (404 as Drive answers for an unknown or trashed one). */
  file(id: string): FakeFile {
    const entry = this.google.drive.entries.get(id);
    if (!entry || entry.trashed)
      throw new FakeHttpError(404, { error: { code: 404, message: `File not found: ${id}.` } });
    return this.fileView(entry);
  }

  /** files.delete: the file is gone for good, with its permissions (and a Doc's content). */
  deleteFile(id: string): void {
    this.file(id);
    this.google.drive.remove(id);
    this.google.documents.byId.delete(id);
  }

  /** files.create of a Google Doc from a .docx: Drive's import (docx-import.ts) becomes an emulator document. */
  importDocument(name: string, parents: string[], docx: Buffer): FakeFile {
    const file = this.newFile(name, GOOGLE_DOC_MIME, parents);
    writeDocument(this.google.documents.adopt(file.id), importDocx(file.id, docx));
    return file;
  }

  /** files.copy of a Google Doc: the emulator's copy of its content (what File.makeCopy does too). */
  copyDocument(sourceId: string, name: string, parents: string[]): FakeFile {
    const source = this.google.drive.entries.get(sourceId);
    if (!source || source.trashed || source.kind !== 'document')
      throw new FakeHttpError(404, { error: { code: 404, message: `File not found: ${sourceId}.` } });
    const file = this.newFile(name, GOOGLE_DOC_MIME, parents);
    this.google.documents.copy(sourceId, file.id);
    return file;
  }

  /** Whether anyone with the link may read the file (what Docs needs to fetch a picture). */
  isPublic(id: string): boolean {
    return this.permissions.some((p) => p.fileId === id && p.body.type === 'anyone');
  }

  /** The link Drive gives for downloading an uploaded file. */
  static contentLink(id: string): string {
    return `https://drive.google.com/uc?id=${id}&export=download`;
  }

  /** Google can fetch a picture only from a public file. */
  fetchable(uri: string): boolean {
    return imageFetchable(this.google.drive, uri);
  }

  // ---- Drive permissions ---------------------------------------------------------------------------------------

  grant(fileId: string, body: unknown, sendNotificationEmail = true): { id: string } {
    const b = body as DrivePermission['body'];
    const email = b.emailAddress?.toLowerCase();
    this.file(fileId);
    if (email && this.noGoogleAccount.has(email) && !sendNotificationEmail)
      throw new FakeHttpError(400, {
        error: {
          code: 400,
          message: `Bad Request. User message: "${noAccountRefusal(email)}"`,
          errors: [{ reason: 'invalidSharingRequest' }],
        },
      });
    const { id } = this.google.drive.grant(fileId, b);
    // A writer of a spreadsheet is one of its file editors: the emulator's protections then decide cell by cell.
    const book = this.google.sheets.byId.get(fileId);
    if (book && email && b.type === 'user' && b.role === 'writer' && email !== book.owner)
      book.editors.add(email);
    return { id };
  }

  /** permissions.list: the owner, then every access granted and not withdrawn. */
  listPermissions(fileId: string): { permissions: Array<Record<string, string>> } {
    this.file(fileId);
    const granted = this.permissions
      .filter((p) => p.fileId === fileId)
      .map((p) => ({
        id: p.id,
        type: p.body.type ?? '',
        role: p.body.role ?? '',
        ...(p.body.emailAddress ? { emailAddress: p.body.emailAddress } : {}),
      }));
    return {
      permissions: [{ id: 'owner', type: 'user', role: 'owner', emailAddress: this.owner }, ...granted],
    };
  }

  revoke(fileId: string, permissionId: string): void {
    if (permissionId === 'owner')
      throw new FakeHttpError(403, {
        error: { code: 403, message: 'The owner of a file cannot be removed.' },
      });
    const list = this.google.drive.permissions;
    const at = list.findIndex((p) => p.fileId === fileId && p.id === permissionId);
    if (at < 0)
      throw new FakeHttpError(404, {
        error: { code: 404, message: `Permission not found: ${permissionId}.` },
      });
    const gone = list[at]?.body;
    list.splice(at, 1);
    const email = gone?.emailAddress?.toLowerCase();
    const book = this.google.sheets.byId.get(fileId);
    const stillWriter = list.some(
      (p) => p.fileId === fileId && p.body.emailAddress?.toLowerCase() === email && p.body.role === 'writer',
    );
    if (book && email && !stillWriter)
      for (const editor of [...book.editors]) if (editor.toLowerCase() === email) book.editors.delete(editor);
  }

  // ---- Forms: a façade over the emulator's forms, through the one Forms API handler (../gas/forms-api.ts) -------

  /** Every live form of the account (made through REST or by FormApp), by id: live views of the model. */
  get forms(): ReadonlyMap<string, FakeForm> {
    const live = [...this.google.forms.byId.keys()].filter(
      (id) => !this.google.drive.entries.get(id)?.trashed,
    );
    return new Map(live.map((id) => [id, this.form(id)]));
  }

  /** Responses per page of forms.responses.list (the handler's; small, so paging is exercised). */
  get pageSize(): number {
    return this.google.formsApi.pageSize;
  }
  set pageSize(size: number) {
    this.google.formsApi.pageSize = size;
  }

  createForm(body: forms_v1.Schema$Form): forms_v1.Schema$Form {
    return this.google.formsApi.create(body);
  }

  /** A live view of a form of the model (404 as Google answers for an unknown or trashed one). */
  form(id: string): FakeForm {
    const api = this.google.formsApi;
    let data: FormData;
    try {
      data = this.google.forms.get(id);
    } catch {
      throw new FakeHttpError(404, {
        error: { code: 404, message: 'Requested entity was not found.', status: 'NOT_FOUND' },
      });
    }
    let batches = this.formBatches.get(id);
    if (!batches) {
      batches = [];
      this.formBatches.set(id, batches);
    }
    const store = this.google.forms;
    return {
      id,
      data,
      batches,
      get info() {
        return api.get(id).info ?? {};
      },
      get items() {
        return api.get(id).items ?? [];
      },
      get responses() {
        return data.responses.map((r) => store.responseJson(data, r));
      },
      get published() {
        return { isPublished: data.published, isAcceptingResponses: data.published && data.accepting };
      },
      set published(state) {
        data.published = state?.isPublished === true;
        data.accepting = data.published && state?.isAcceptingResponses === true;
      },
    };
  }

  /** Someone deletes a form in Drive (it goes to the trash: the Forms API no longer finds it). */
  deleteForm(id: string): void {
    this.google.forms.get(id);
    this.google.drive.get(id).trashed = true;
  }

  formsBatchUpdate(
    id: string,
    body: forms_v1.Schema$BatchUpdateFormRequest,
  ): forms_v1.Schema$BatchUpdateFormResponse {
    const reply = this.google.formsApi.batchUpdate(id, body);
    this.form(id).batches.push(body.requests ?? []);
    return reply;
  }

  /** forms.get: the form with its items, as Google returns it. */
  getForm(id: string): forms_v1.Schema$Form {
    return this.google.formsApi.get(id);
  }

  /** Whether a respondent can answer: published and accepting responses. */
  isOpen(id: string): boolean {
    const data = this.form(id).data;
    return data.published && data.accepting;
  }

  setPublishSettings(
    id: string,
    body: forms_v1.Schema$SetPublishSettingsRequest,
  ): forms_v1.Schema$SetPublishSettingsResponse {
    return this.google.formsApi.setPublishSettings(id, body);
  }

  listResponses(
    id: string,
    filter: string | undefined,
    pageToken: string | undefined,
    pageSize?: number,
  ): forms_v1.Schema$ListFormResponsesResponse {
    return this.google.formsApi.listResponses(id, {
      ...(filter !== undefined ? { filter } : {}),
      ...(pageToken !== undefined ? { pageToken } : {}),
      ...(pageSize !== undefined ? { pageSize } : {}),
    });
  }

  /**
   * A respondent submits (a direct POST: the page's checks are not played): answers by Forms API question id, at an
   * RFC 3339 UTC time. Refused (FormClosedError) unless the form is published and accepting; written to the linked
   * responses tab, if any, with the onFormSubmit triggers as the emulator fires them. Returns the responseId.
   */
  submit(formId: string, answersByQuestionId: Record<string, string | string[]>, at: string): string {
    return this.google.formsApi.submit(formId, answersByQuestionId, at);
  }
}
