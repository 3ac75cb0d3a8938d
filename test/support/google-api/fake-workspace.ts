// An in-memory stand-in for the parts of Google Workspace the CLI calls (Sheets, Forms, Drive permissions), fed by
// the nock helpers of google-mocks.ts. Request bodies are typed with the @googleapis schemas. It emulates: atomic
// spreadsheets.batchUpdate (one invalid subrequest applies none), grid limits on value writes ("exceeds grid
// limits"), the 10-million-cell limit per spreadsheet (every tab's rows × columns, blank cells included: addSheet
// at 1000 × 26 unless told, appendDimension, insertDimension), UNFORMATTED_VALUE reads with trailing empties
// trimmed, RAW-only writes, form items with generated ids, responses filtered by `timestamp >` and paged, forms
// created unpublished (Google does so for forms made by API after June 30, 2026: « API changes to Google Forms »)
// that refuse responses until published and accepting, and Drive refusing a silent share (no notification e-mail)
// to an address without a Google account (`noGoogleAccount`, HTTP 400 invalidSharingRequest). It does NOT emulate
// formats, merges or validations (recorded only), formulas, other sharing semantics, or quotas other than the
// failures a test queues.
import type { forms_v1 } from '@googleapis/forms';
import type { sheets_v4 } from '@googleapis/sheets';
import type { FakeDocument } from './fake-document';
import { CELL_LIMIT_MESSAGE, SPREADSHEET_MAX_CELLS } from '../gas/sheet-data';

export type Value = string | number;

export interface FakeSheet {
  properties: sheets_v4.Schema$SheetProperties & { sheetId: number; title: string };
  cells: Value[][];
  protectedRanges: sheets_v4.Schema$ProtectedRange[];
  charts: sheets_v4.Schema$EmbeddedChart[];
}

export interface FakeSpreadsheet {
  id: string;
  title: string;
  sheets: FakeSheet[];
  /** Every batch applied, in order (the structure batch, growth, synthesis…). */
  batches: sheets_v4.Schema$Request[][];
  /** Every values.batchUpdate body received and applied. */
  valueWrites: sheets_v4.Schema$BatchUpdateValuesRequest[];
  /** Spreadsheet-level developer metadata (the workbook lock). */
  developerMetadata: sheets_v4.Schema$DeveloperMetadata[];
}

export interface FakeForm {
  id: string;
  info: forms_v1.Schema$Info;
  items: forms_v1.Schema$Item[];
  published?: forms_v1.Schema$PublishState;
  responses: forms_v1.Schema$FormResponse[];
  batches: forms_v1.Schema$Request[][];
}

/** A Drive file: a folder, a Google Doc (its content in `documents`), or an uploaded file (its bytes). */
export interface FakeFile {
  id: string;
  name: string;
  mimeType: string;
  parents: string[];
  content?: Buffer;
}

export class FakeHttpError {
  constructor(
    readonly status: number,
    readonly body: {
      error: { code: number; message: string; status?: string; errors?: Array<{ reason: string }> };
    },
  ) {}
}

const A1 = /^'((?:[^']|'')+)'!([A-Z]+)(\d+)(?::([A-Z]+)(\d+)?)?$/;

export function columnIndexOf(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

export function parseA1(range: string): {
  sheet: string;
  row: number;
  col: number;
  endRow?: number;
  endCol: number;
} {
  const m = A1.exec(range);
  if (!m) throw new FakeHttpError(400, { error: { code: 400, message: `Unable to parse range: ${range}` } });
  const [, name = '', c1 = 'A', r1 = '1', c2, r2] = m;
  return {
    sheet: name.replace(/''/g, "'"),
    row: Number(r1) - 1,
    col: columnIndexOf(c1),
    endRow: r2 ? Number(r2) - 1 : c2 ? undefined : Number(r1) - 1,
    endCol: c2 ? columnIndexOf(c2) : columnIndexOf(c1),
  };
}

export class FakeWorkspace {
  spreadsheets = new Map<string, FakeSpreadsheet>();
  forms = new Map<string, FakeForm>();
  /** Accesses granted through the API (the owner's is implicit: `owner`). */
  permissions: Array<{ fileId: string; id: string; body: unknown }> = [];
  /** Every file's owner, as Drive lists it first among a file's permissions. */
  owner = 'admin@ars.fr';
  /** Addresses with no Google account: Drive refuses to share with them without a notification e-mail. */
  noGoogleAccount = new Set<string>();
  /** Drive files other than spreadsheets and forms (folders, documents, pictures). */
  files = new Map<string, FakeFile>();
  /** The content of each Google Doc, by file id. */
  documents = new Map<string, FakeDocument>();
  fileUpdates: Array<{ fileId: string; body: unknown }> = [];
  /** Failures to answer before the next calls of a kind (`values.batchUpdate`, `forms.responses.list`…). */
  failures = new Map<string, number[]>();
  /** Calls received, by kind, in order. */
  calls: string[] = [];
  private counter = 0;
  /** Responses per page of forms.responses.list (small, so paging is exercised). */
  pageSize = 3;

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

  // ---- Sheets --------------------------------------------------------------------------------------------------

  createSpreadsheet(body: sheets_v4.Schema$Spreadsheet): FakeSpreadsheet {
    const id = this.nextId('ss');
    const ss: FakeSpreadsheet = {
      id,
      title: body.properties?.title ?? 'Sans titre',
      sheets: [
        {
          properties: {
            sheetId: 0,
            title: 'Feuille 1',
            index: 0,
            gridProperties: { rowCount: 1000, columnCount: 26 },
          },
          cells: [],
          protectedRanges: [],
          charts: [],
        },
      ],
      batches: [],
      valueWrites: [],
      developerMetadata: [],
    };
    this.spreadsheets.set(id, ss);
    return ss;
  }

  spreadsheet(id: string): FakeSpreadsheet {
    const ss = this.spreadsheets.get(id);
    if (!ss)
      throw new FakeHttpError(404, { error: { code: 404, message: 'Requested entity was not found.' } });
    return ss;
  }

  sheet(ss: FakeSpreadsheet, title: string): FakeSheet {
    const sheet = ss.sheets.find((s) => s.properties.title === title);
    if (!sheet)
      throw new FakeHttpError(400, { error: { code: 400, message: `Unable to parse range: ${title}` } });
    return sheet;
  }

  describe(id: string): sheets_v4.Schema$Spreadsheet {
    const ss = this.spreadsheet(id);
    return {
      spreadsheetId: id,
      spreadsheetUrl: `https://docs.google.com/spreadsheets/d/${id}/edit`,
      properties: { title: ss.title },
      sheets: ss.sheets.map((s) => ({
        properties: s.properties,
        protectedRanges: s.protectedRanges,
        charts: s.charts,
      })),
      developerMetadata: ss.developerMetadata,
    };
  }

  /** Applies a batch to a copy and swaps it in only if every subrequest was valid. */
  batchUpdate(
    id: string,
    body: sheets_v4.Schema$BatchUpdateSpreadsheetRequest,
  ): sheets_v4.Schema$BatchUpdateSpreadsheetResponse {
    const ss = this.spreadsheet(id);
    const sheets: FakeSheet[] = JSON.parse(JSON.stringify(ss.sheets)) as FakeSheet[];
    const bad = (message: string) => new FakeHttpError(400, { error: { code: 400, message } });
    const byId = (sheetId: number | null | undefined) => {
      const s = sheets.find((x) => x.properties.sheetId === sheetId);
      if (!s) throw bad(`No grid with id: ${sheetId}`);
      return s;
    };
    const replies: sheets_v4.Schema$Response[] = [];
    // Google checks the limit per subrequest and names the one that would pass it.
    const withinLimit = (index: number, kind: string) => {
      const cells = sheets.reduce(
        (n, s) =>
          n + (s.properties.gridProperties?.rowCount ?? 0) * (s.properties.gridProperties?.columnCount ?? 0),
        0,
      );
      if (cells > SPREADSHEET_MAX_CELLS)
        throw bad(`Invalid requests[${index}].${kind}: ${CELL_LIMIT_MESSAGE}`);
    };
    const metadata: sheets_v4.Schema$DeveloperMetadata[] = JSON.parse(
      JSON.stringify(ss.developerMetadata),
    ) as sheets_v4.Schema$DeveloperMetadata[];
    for (const [index, r] of (body.requests ?? []).entries()) {
      if (r.createDeveloperMetadata) {
        const m = r.createDeveloperMetadata.developerMetadata ?? {};
        if (!m.metadataKey || !m.location?.spreadsheet)
          throw bad('Fake: spreadsheet-level metadata with a key only');
        if (metadata.some((x) => x.metadataId === m.metadataId))
          throw bad(`Developer metadata with id ${m.metadataId} already exists`);
        const created = { ...m, metadataId: m.metadataId ?? this.counter++ };
        metadata.push(created);
        replies.push({ createDeveloperMetadata: { developerMetadata: created } });
      } else if (r.deleteDeveloperMetadata) {
        const id = r.deleteDeveloperMetadata.dataFilter?.developerMetadataLookup?.metadataId;
        const at = metadata.findIndex((x) => x.metadataId === id);
        const deleted = at >= 0 ? metadata.splice(at, 1) : [];
        replies.push({ deleteDeveloperMetadata: { deletedDeveloperMetadata: deleted } });
      } else if (r.addSheet) {
        const p = r.addSheet.properties ?? {};
        if (sheets.some((s) => s.properties.title === p.title))
          throw bad(`A sheet with the name "${p.title}" already exists.`);
        if (sheets.some((s) => s.properties.sheetId === p.sheetId))
          throw bad(`Duplicate sheet id ${p.sheetId}`);
        const sheetId = typeof p.sheetId === 'number' ? p.sheetId : 1000 + sheets.length;
        const properties = {
          ...p,
          sheetId,
          title: p.title ?? `Feuille ${sheetId}`,
          // A new tab is 1000 × 26 unless the request says otherwise.
          gridProperties: {
            ...p.gridProperties,
            rowCount: p.gridProperties?.rowCount ?? 1000,
            columnCount: p.gridProperties?.columnCount ?? 26,
          },
        };
        sheets.push({ properties, cells: [], protectedRanges: [], charts: [] });
        withinLimit(index, 'addSheet');
        replies.push({ addSheet: { properties } });
      } else if (r.deleteSheet) {
        byId(r.deleteSheet.sheetId);
        sheets.splice(
          sheets.findIndex((s) => s.properties.sheetId === r.deleteSheet?.sheetId),
          1,
        );
        if (sheets.length === 0) throw bad('You cannot delete all the sheets in a document.');
        replies.push({});
      } else if (r.appendDimension) {
        const s = byId(r.appendDimension.sheetId);
        const grid = (s.properties.gridProperties ??= {});
        if (r.appendDimension.dimension === 'ROWS')
          grid.rowCount = (grid.rowCount ?? 0) + (r.appendDimension.length ?? 0);
        else grid.columnCount = (grid.columnCount ?? 0) + (r.appendDimension.length ?? 0);
        withinLimit(index, 'appendDimension');
        replies.push({});
      } else if (r.insertDimension) {
        const range = r.insertDimension.range ?? {};
        const s = byId(range.sheetId);
        const grid = (s.properties.gridProperties ??= {});
        const start = range.startIndex ?? 0;
        const count = (range.endIndex ?? start) - start;
        if (range.dimension === 'ROWS') {
          if (start > (grid.rowCount ?? 0))
            throw bad(`Invalid requests[${index}].insertDimension: out of grid`);
          s.cells.splice(start, 0, ...Array.from({ length: count }, () => []));
          grid.rowCount = (grid.rowCount ?? 0) + count;
        } else {
          if (start > (grid.columnCount ?? 0))
            throw bad(`Invalid requests[${index}].insertDimension: out of grid`);
          for (const row of s.cells)
            if (row.length > start) row.splice(start, 0, ...Array<Value>(count).fill(''));
          grid.columnCount = (grid.columnCount ?? 0) + count;
        }
        withinLimit(index, 'insertDimension');
        replies.push({});
      } else if (r.addProtectedRange) {
        const pr = { ...r.addProtectedRange.protectedRange, protectedRangeId: this.counter++ };
        byId(pr.range?.sheetId).protectedRanges.push(pr);
        replies.push({ addProtectedRange: { protectedRange: pr } });
      } else if (r.updateProtectedRange) {
        const change = r.updateProtectedRange.protectedRange ?? {};
        const owner = sheets.find((x) =>
          x.protectedRanges.some((p) => p.protectedRangeId === change.protectedRangeId),
        );
        const target = owner?.protectedRanges.find((p) => p.protectedRangeId === change.protectedRangeId);
        if (!owner || !target) throw bad(`No protected range with id: ${change.protectedRangeId}`);
        for (const field of (r.updateProtectedRange.fields ?? '').split(',')) {
          const key = field.trim() as keyof sheets_v4.Schema$ProtectedRange;
          if (!['range', 'editors', 'warningOnly', 'description'].includes(key))
            throw bad(`Fake: field ${field} not handled`);
          (target as Record<string, unknown>)[key] = change[key];
        }
        if (target.range?.sheetId !== owner.properties.sheetId)
          throw bad('Fake: moving a protection between tabs');
        replies.push({});
      } else if (r.deleteProtectedRange) {
        const id = r.deleteProtectedRange.protectedRangeId;
        const owner = sheets.find((x) => x.protectedRanges.some((p) => p.protectedRangeId === id));
        if (!owner) throw bad(`No protected range with id: ${id}`);
        owner.protectedRanges = owner.protectedRanges.filter((p) => p.protectedRangeId !== id);
        replies.push({});
      } else if (r.addChart) {
        const chart = { ...r.addChart.chart, chartId: this.counter++ };
        byId(chart.position?.overlayPosition?.anchorCell?.sheetId).charts.push(chart);
        replies.push({ addChart: { chart } });
      } else if (r.updateChartSpec) {
        const chart = sheets.flatMap((s) => s.charts).find((c) => c.chartId === r.updateChartSpec?.chartId);
        if (!chart) throw bad(`No chart with id: ${r.updateChartSpec.chartId}`);
        chart.spec = r.updateChartSpec.spec;
        replies.push({});
      } else if (r.repeatCell || r.mergeCells || r.updateDimensionProperties || r.setDataValidation) {
        const range =
          r.repeatCell?.range ??
          r.mergeCells?.range ??
          r.setDataValidation?.range ??
          r.updateDimensionProperties?.range;
        byId(range?.sheetId);
        replies.push({});
      } else {
        throw bad(`Fake does not handle request ${Object.keys(r).join(',')}`);
      }
    }
    ss.sheets = sheets;
    ss.developerMetadata = metadata;
    ss.batches.push(body.requests ?? []);
    return { spreadsheetId: id, replies };
  }

  valuesBatchGet(id: string, ranges: string[]): sheets_v4.Schema$BatchGetValuesResponse {
    const ss = this.spreadsheet(id);
    return {
      spreadsheetId: id,
      valueRanges: ranges.map((range) => {
        const a = parseA1(range);
        const sheet = this.sheet(ss, a.sheet);
        const last = a.endRow ?? sheet.cells.length - 1;
        const rows: Value[][] = [];
        for (let r = a.row; r <= last; r += 1) {
          const row = (sheet.cells[r] ?? []).slice(a.col, a.endCol + 1);
          while (row.length > 0 && (row[row.length - 1] === '' || row[row.length - 1] === undefined))
            row.pop();
          rows.push(row.map((v) => v ?? ''));
        }
        while (rows.length > 0 && rows[rows.length - 1]?.length === 0) rows.pop();
        return rows.length > 0
          ? { range, majorDimension: 'ROWS', values: rows }
          : { range, majorDimension: 'ROWS' };
      }),
    };
  }

  valuesBatchUpdate(id: string, body: sheets_v4.Schema$BatchUpdateValuesRequest): void {
    const ss = this.spreadsheet(id);
    if (body.valueInputOption !== 'RAW')
      throw new FakeHttpError(400, {
        error: { code: 400, message: 'Test fake: only RAW writes are expected' },
      });
    const writes: Array<() => void> = [];
    for (const vr of body.data ?? []) {
      const a = parseA1(vr.range ?? '');
      const sheet = this.sheet(ss, a.sheet);
      const values = (vr.values ?? []) as Value[][];
      const rowCount = sheet.properties.gridProperties?.rowCount ?? 0;
      const colCount = sheet.properties.gridProperties?.columnCount ?? 0;
      const widest = Math.max(0, ...values.map((r) => r.length));
      if (a.row + values.length > rowCount || a.col + widest > colCount)
        throw new FakeHttpError(400, {
          error: {
            code: 400,
            message: `Range (${vr.range}) exceeds grid limits. Max rows: ${rowCount}, max columns: ${colCount}`,
          },
        });
      writes.push(() =>
        values.forEach((row, i) =>
          row.forEach((v, j) => {
            const r = (sheet.cells[a.row + i] ??= []);
            while (r.length < a.col + j) r.push('');
            r[a.col + j] = v;
          }),
        ),
      );
    }
    for (const w of writes) w();
    ss.valueWrites.push(body);
  }

  /** A tab's cells as Google would return them: rows as written, trailing empties trimmed. */
  values(id: string, title: string): Value[][] {
    const got = this.valuesBatchGet(id, [`'${title.replace(/'/g, "''")}'!A1:ZZ`]).valueRanges?.[0]?.values;
    return (got ?? []) as Value[][];
  }

  // ---- Drive files ---------------------------------------------------------------------------------------------

  newFile(name: string, mimeType: string, parents: string[] = [], content?: Buffer): FakeFile {
    const file: FakeFile = { id: this.nextId('file'), name, mimeType, parents, content };
    this.files.set(file.id, file);
    return file;
  }

  file(id: string): FakeFile {
    const f = this.files.get(id);
    if (!f) throw new FakeHttpError(404, { error: { code: 404, message: `File not found: ${id}.` } });
    return f;
  }

  deleteFile(id: string): void {
    this.file(id);
    this.files.delete(id);
    this.documents.delete(id);
    this.permissions = this.permissions.filter((p) => p.fileId !== id);
  }

  /** Whether anyone with the link may read the file (what Docs needs to fetch a picture). */
  isPublic(id: string): boolean {
    return this.permissions.some((p) => p.fileId === id && (p.body as { type?: string }).type === 'anyone');
  }

  /** The link Drive gives for downloading an uploaded file. */
  static contentLink(id: string): string {
    return `https://drive.google.com/uc?id=${id}&export=download`;
  }

  /** Google can fetch a picture only from a public file. */
  fetchable(uri: string): boolean {
    const id = /[?&]id=([^&]+)/.exec(uri)?.[1];
    const file = id ? this.files.get(id) : undefined;
    return !!file && file.mimeType.startsWith('image/') && this.isPublic(file.id);
  }

  // ---- Drive permissions ---------------------------------------------------------------------------------------

  grant(fileId: string, body: unknown, sendNotificationEmail = true): { id: string } {
    const email = (body as { emailAddress?: string }).emailAddress?.toLowerCase();
    if (email && this.noGoogleAccount.has(email) && !sendNotificationEmail)
      throw new FakeHttpError(400, {
        error: {
          code: 400,
          message: `Bad Request. User message: "You are trying to invite ${email}. Since there is no Google account associated with this email address, you must check the "Notify people" box to invite this recipient."`,
          errors: [{ reason: 'invalidSharingRequest' }],
        },
      });
    const id = `perm-${this.counter++}`;
    this.permissions.push({ fileId, id, body });
    return { id };
  }

  /** permissions.list: the owner, then every access granted and not withdrawn. */
  listPermissions(fileId: string): { permissions: Array<Record<string, string>> } {
    const granted = this.permissions
      .filter((p) => p.fileId === fileId)
      .map((p) => {
        const b = p.body as { type?: string; role?: string; emailAddress?: string };
        return {
          id: p.id,
          type: b.type ?? '',
          role: b.role ?? '',
          ...(b.emailAddress ? { emailAddress: b.emailAddress } : {}),
        };
      });
    return {
      permissions: [{ id: 'owner', type: 'user', role: 'owner', emailAddress: this.owner }, ...granted],
    };
  }

  revoke(fileId: string, permissionId: string): void {
    if (permissionId === 'owner')
      throw new FakeHttpError(403, {
        error: { code: 403, message: 'The owner of a file cannot be removed.' },
      });
    const at = this.permissions.findIndex((p) => p.fileId === fileId && p.id === permissionId);
    if (at < 0)
      throw new FakeHttpError(404, {
        error: { code: 404, message: `Permission not found: ${permissionId}.` },
      });
    this.permissions.splice(at, 1);
  }

  // ---- Forms ---------------------------------------------------------------------------------------------------

  createForm(body: forms_v1.Schema$Form): forms_v1.Schema$Form {
    const id = this.nextId('form');
    this.forms.set(id, { id, info: { ...body.info }, items: [], responses: [], batches: [] });
    return { formId: id, info: body.info, responderUri: `https://docs.google.com/forms/d/e/${id}/viewform` };
  }

  form(id: string): FakeForm {
    const f = this.forms.get(id);
    if (!f)
      throw new FakeHttpError(404, { error: { code: 404, message: 'Requested entity was not found.' } });
    return f;
  }

  formsBatchUpdate(
    id: string,
    body: forms_v1.Schema$BatchUpdateFormRequest,
  ): forms_v1.Schema$BatchUpdateFormResponse {
    const form = this.form(id);
    const items: forms_v1.Schema$Item[] = JSON.parse(JSON.stringify(form.items)) as forms_v1.Schema$Item[];
    const replies: forms_v1.Schema$Response[] = [];
    for (const r of body.requests ?? []) {
      if (r.createItem) {
        const item: forms_v1.Schema$Item = JSON.parse(
          JSON.stringify(r.createItem.item ?? {}),
        ) as forms_v1.Schema$Item;
        item.itemId = this.counter.toString(16).padStart(8, '0');
        this.counter += 1;
        const questionId = item.questionItem?.question
          ? (this.counter++).toString(16).padStart(8, '0')
          : undefined;
        if (questionId && item.questionItem?.question) item.questionItem.question.questionId = questionId;
        items.splice(r.createItem.location?.index ?? items.length, 0, item);
        replies.push({ createItem: { itemId: item.itemId, questionId: questionId ? [questionId] : [] } });
      } else if (r.updateItem) {
        const target = items.find((i) => i.itemId === r.updateItem?.item?.itemId);
        const index = r.updateItem.location?.index;
        // Google locates the item by its index; the item id in the body must match what is there.
        if (!target || index === undefined || index === null || items[index] !== target)
          throw new FakeHttpError(400, {
            error: { code: 400, message: `Fake: no item ${r.updateItem.item?.itemId} at ${index}` },
          });
        if (r.updateItem.updateMask === 'description') target.description = r.updateItem.item?.description;
        else if (
          r.updateItem.updateMask === 'questionItem.question.choiceQuestion.options' &&
          target.questionItem?.question?.choiceQuestion
        )
          target.questionItem.question.choiceQuestion.options =
            r.updateItem.item?.questionItem?.question?.choiceQuestion?.options;
        else throw new FakeHttpError(400, { error: { code: 400, message: 'Fake: unsupported updateItem' } });
        replies.push({});
      } else if (r.updateFormInfo) {
        form.info = { ...form.info, ...r.updateFormInfo.info };
        replies.push({});
      } else
        throw new FakeHttpError(400, {
          error: { code: 400, message: `Fake: unsupported ${Object.keys(r).join(',')}` },
        });
    }
    form.items = items;
    form.batches.push(body.requests ?? []);
    return { replies };
  }

  /** forms.get: the form with its items, as Google returns it. */
  getForm(id: string): forms_v1.Schema$Form {
    const form = this.form(id);
    return {
      formId: id,
      info: form.info,
      items: form.items,
      publishSettings: {
        publishState: form.published ?? { isPublished: false, isAcceptingResponses: false },
      },
    };
  }

  /** Whether a respondent can answer: published and accepting responses. */
  isOpen(id: string): boolean {
    const state = this.form(id).published;
    return state?.isPublished === true && state.isAcceptingResponses === true;
  }

  setPublishSettings(id: string, body: forms_v1.Schema$SetPublishSettingsRequest): void {
    const state = body.publishSettings?.publishState;
    if (
      body.updateMask !== 'publishState' ||
      typeof state?.isPublished !== 'boolean' ||
      typeof state.isAcceptingResponses !== 'boolean'
    )
      throw new FakeHttpError(400, { error: { code: 400, message: 'publishState needs both booleans' } });
    if (state.isAcceptingResponses && !state.isPublished)
      throw new FakeHttpError(400, {
        error: { code: 400, message: 'Cannot accept responses while unpublished' },
      });
    this.form(id).published = state;
  }

  listResponses(
    id: string,
    filter: string | undefined,
    pageToken: string | undefined,
  ): forms_v1.Schema$ListFormResponsesResponse {
    const form = this.form(id);
    const m = filter ? /^timestamp > (\S+)$/.exec(filter) : null;
    if (filter && !m) throw new FakeHttpError(400, { error: { code: 400, message: `Bad filter ${filter}` } });
    const since = m?.[1];
    const all = form.responses.filter((r) => !since || (r.lastSubmittedTime ?? '') > since);
    const start = pageToken ? Number(pageToken) : 0;
    const page = all.slice(start, start + this.pageSize);
    const next = start + this.pageSize < all.length ? String(start + this.pageSize) : undefined;
    return { responses: page, nextPageToken: next };
  }

  /** A respondent submits: answers by question title (the form's own wording), values as strings. */
  submit(formId: string, answersByQuestionId: Record<string, string | string[]>, at: string): string {
    const form = this.form(formId);
    if (!this.isOpen(formId))
      throw new Error(
        `Form ${formId} is not published or not accepting responses: the respondent cannot answer.`,
      );
    const responseId = `resp-${this.counter++}`;
    const answers: Record<string, forms_v1.Schema$Answer> = {};
    for (const [questionId, v] of Object.entries(answersByQuestionId))
      answers[questionId] = {
        questionId,
        textAnswers: { answers: (Array.isArray(v) ? v : [v]).map((value) => ({ value })) },
      };
    form.responses.push({ formId, responseId, createTime: at, lastSubmittedTime: at, answers });
    return responseId;
  }
}
