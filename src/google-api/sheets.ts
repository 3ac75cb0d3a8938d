// The Sheets API adapter: the few calls the CLI makes, each through the retry policy, writes paced under the
// per-user quota. Replies are checked with zod where we rely on their shape. Decides nothing.
import { safeText } from '../domain/safe-text';
import { sheets, type sheets_v4 } from '@googleapis/sheets';
import * as z from 'zod';
import { frGoogle } from './messages';
import { clientOptions, type GoogleContext } from './context';
import { GoogleApiError } from './errors';
import { callWithRetry } from './retry';

const CreatedSpreadsheet = z.object({
  spreadsheetId: z.string().min(1),
  spreadsheetUrl: z.string().optional(),
});

/** Values as read with UNFORMATTED_VALUE: strings, numbers, booleans; trailing empties dropped by Google. */
export type ReadValue = string | number | boolean;
const ValueRanges = z.object({
  valueRanges: z
    .array(
      z.object({
        range: z.string().optional(),
        values: z.array(z.array(z.union([z.string(), z.number(), z.boolean()]))).optional(),
      }),
    )
    .optional(),
});

/** Spreadsheet-level developer metadata (where the workbook lock lives). */
const SpreadsheetMetadata = z.object({
  developerMetadata: z
    .array(
      z.object({
        metadataId: z.number().int(),
        metadataKey: z.string().optional(),
        metadataValue: z.string().optional(),
      }),
    )
    .optional(),
});
export type DeveloperMetadataEntry = { metadataId: number; metadataKey?: string; metadataValue?: string };

export function badReply(what: string, error: z.ZodError): GoogleApiError {
  return new GoogleApiError('BAD_REPLY', frGoogle.badReply(what), `${what}: ${error.message}`);
}

export class SheetsAdapter {
  private readonly api: sheets_v4.Sheets;
  constructor(private readonly ctx: GoogleContext) {
    this.api = sheets({ version: 'v4', ...clientOptions(ctx) });
  }

  private write<T>(what: string, call: () => Promise<T>): Promise<T> {
    return callWithRetry(
      what,
      async () => {
        await this.ctx.pacers.sheets.take();
        return call();
      },
      this.ctx.retry,
      this.ctx.timing,
    );
  }

  private read<T>(what: string, call: () => Promise<T>): Promise<T> {
    return callWithRetry(what, call, this.ctx.retry, this.ctx.timing);
  }

  async create(title: string): Promise<{ spreadsheetId: string; url: string }> {
    const res = await this.write('spreadsheets.create', () =>
      this.api.spreadsheets.create({
        requestBody: { properties: { title, locale: 'fr_FR', timeZone: 'Europe/Paris' } },
        fields: 'spreadsheetId,spreadsheetUrl',
      }),
    );
    const parsed = CreatedSpreadsheet.safeParse(res.data);
    if (!parsed.success) throw badReply('spreadsheets.create', parsed.error);
    return {
      spreadsheetId: parsed.data.spreadsheetId,
      url:
        parsed.data.spreadsheetUrl ??
        `https://docs.google.com/spreadsheets/d/${parsed.data.spreadsheetId}/edit`,
    };
  }

  /** Tabs and protections, to tell what an earlier install already made. */
  async describe(spreadsheetId: string): Promise<sheets_v4.Schema$Spreadsheet> {
    const res = await this.read('spreadsheets.get', () =>
      this.api.spreadsheets.get({
        spreadsheetId,
        fields:
          'spreadsheetId,spreadsheetUrl,sheets(properties(sheetId,title,index,hidden,gridProperties(rowCount,columnCount)),protectedRanges(protectedRangeId,description,range,editors),charts(chartId))',
      }),
    );
    return res.data;
  }

  /** The spreadsheet-level developer metadata entries. */
  async developerMetadata(spreadsheetId: string): Promise<DeveloperMetadataEntry[]> {
    const res = await this.read('spreadsheets.get', () =>
      this.api.spreadsheets.get({
        spreadsheetId,
        fields: 'developerMetadata(metadataId,metadataKey,metadataValue)',
      }),
    );
    const parsed = SpreadsheetMetadata.safeParse(res.data);
    if (!parsed.success) throw badReply('spreadsheets.get', parsed.error);
    return parsed.data.developerMetadata ?? [];
  }

  /** One atomic batch: every subrequest applies, or none. */
  async batchUpdate(
    spreadsheetId: string,
    requests: sheets_v4.Schema$Request[],
  ): Promise<sheets_v4.Schema$BatchUpdateSpreadsheetResponse> {
    if (requests.length === 0) return { spreadsheetId, replies: [] };
    const res = await this.write('spreadsheets.batchUpdate', () =>
      this.api.spreadsheets.batchUpdate({ spreadsheetId, requestBody: { requests } }),
    );
    return res.data;
  }

  /** Reads several ranges in one request; cells come back as typed values, not formatted text. */
  async batchGet(spreadsheetId: string, ranges: string[]): Promise<ReadValue[][][]> {
    const res = await this.read('spreadsheets.values.batchGet', () =>
      this.api.spreadsheets.values.batchGet({
        spreadsheetId,
        ranges,
        majorDimension: 'ROWS',
        valueRenderOption: 'UNFORMATTED_VALUE',
        dateTimeRenderOption: 'SERIAL_NUMBER',
      }),
    );
    const parsed = ValueRanges.safeParse(res.data);
    if (!parsed.success) throw badReply('spreadsheets.values.batchGet', parsed.error);
    const got = parsed.data.valueRanges ?? [];
    return ranges.map((_, i) => got[i]?.values ?? []);
  }

  /**
   * Writes several ranges in one request, RAW: user text is stored as typed, never parsed as a formula. The last
   * guard of every cell the REST runtime writes: characters no file may carry become « � » (safe-text.ts).
   */
  async valuesBatchUpdate(spreadsheetId: string, data: sheets_v4.Schema$ValueRange[]): Promise<void> {
    if (data.length === 0) return;
    const safe = data.map((range) => ({
      ...range,
      values: range.values?.map((row) =>
        row.map((value: unknown) => (typeof value === 'string' ? safeText(value) : value)),
      ),
    }));
    await this.write('spreadsheets.values.batchUpdate', () =>
      this.api.spreadsheets.values.batchUpdate({
        spreadsheetId,
        requestBody: { valueInputOption: 'RAW', includeValuesInResponse: false, data: safe },
      }),
    );
  }
}
