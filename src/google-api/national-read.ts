// The ANS's reading of a region's Google workbook (`suivi-mes google national`): its title, Suivi and Historique
// tabs read through the Sheets API alone (one spreadsheets.get, one values.batchGet, both read-only calls), turned
// into the grids the regional file reader consumes (src/domain/workbook/regional-file.ts), so a Google region passes the
// same checks as a region that sends its .xlsx file. Writes nothing anywhere.
import crypto from 'node:crypto';
import { sheets, type sheets_v4 } from '@googleapis/sheets';
import * as z from 'zod';
import { readRegionalFile } from '../domain/workbook/regional-file';
import { SHEET_NAMES } from '../domain/workbook/sheet-model';
import { findRegion, type Region } from '../domain/regions';
import {
  HEADER_SCAN_ROWS,
  readTrackingGrid,
  type GridCell,
  type SheetGrid,
} from '../domain/workbook/tracking-grid';
import { HISTORY_META } from '../domain/workbook/history-sheet';
import type { Column } from '../schema/tracking-file';
import type { Project } from '../schema/project';
import { quoteSheet } from './a1';
import { columnLetter } from '../domain/workbook/a1';
import { suiviHiddenColumns } from '../google/workbook-layout';
import { isoDateFromSerial } from '../google/cell-values';
import { clientOptions, type GoogleContext } from './context';
import { GoogleApiError } from './errors';
import { callWithRetry } from './retry';
import { badReply, type ReadValue } from './sheets';
import { frGoogle } from './messages';

/** Columns read: far past the official file's width, so an added column is seen (and refused by label). */
const LAST_COLUMN = 'ZZ';

const SpreadsheetTitle = z.object({
  properties: z.object({ title: z.string().optional() }).optional(),
  sheets: z.array(z.object({ properties: z.object({ title: z.string() }).optional() })).optional(),
});

const ValueRanges = z.object({
  valueRanges: z
    .array(z.object({ values: z.array(z.array(z.union([z.string(), z.number(), z.boolean()]))).optional() }))
    .optional(),
});

export interface RegionalWorkbookRead {
  read: ReturnType<typeof readRegionalFile>;
  /** SHA-256 of what was read (title and both tabs' values): a workbook read again unchanged is recognised. */
  sha256: string;
  title: string | undefined;
  /** The region read for: the one asked, else the one the workbook's title names. */
  region: Region;
}

/** A date-time serial (Paris wall clock, as cell-values.ts writes it) → `YYYY-MM-DDTHH:MM`. */
export function wallClockFromSerial(serial: number): string {
  const minutes = Math.round((serial - Math.floor(serial)) * 24 * 60);
  const day = Math.floor(serial) + (minutes === 24 * 60 ? 1 : 0);
  const m = minutes % (24 * 60);
  return `${isoDateFromSerial(day)}T${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

type Kind = 'date' | 'datetime' | 'other';

/** A value as read with UNFORMATTED_VALUE and SERIAL_NUMBER, as the cell the .xlsx reader would have given. */
function cellOfValue(value: ReadValue | undefined, kind: Kind): GridCell {
  if (value === undefined || value === '') return null;
  if (typeof value === 'boolean') return { t: 'b', v: value };
  if (typeof value === 'string') return { t: 's', v: value };
  if (kind === 'date') return { t: 'd', v: isoDateFromSerial(value) };
  if (kind === 'datetime') return { t: 'dt', v: wallClockFromSerial(value) };
  return { t: 'n', v: value };
}

/**
 * The kind of each column of a tab, from its label row (the first of the top rows naming a known label): dates
 * come back as serial numbers and only the column says what a number means.
 */
function kindsOf(rows: readonly ReadValue[][], kinds: ReadonlyMap<string, Kind>): Kind[] {
  const out: Kind[] = [];
  for (const row of rows.slice(0, HEADER_SCAN_ROWS))
    row.forEach((v, i) => {
      const kind = typeof v === 'string' ? kinds.get(v.replace(/\s+/g, ' ').trim()) : undefined;
      if (kind && out[i] === undefined) out[i] = kind;
    });
  return out;
}

function gridOf(name: string, rows: readonly ReadValue[][], kinds: ReadonlyMap<string, Kind>): SheetGrid {
  const byColumn = kindsOf(rows, kinds);
  return { name, rows: rows.map((row) => row.map((v, i) => cellOfValue(v, byColumn[i] ?? 'other'))) };
}

/** « Suivi <pilote> — <région> », the title every install gives (domain/workbook/workbook.ts). */
function regionOfTitle(title: string | undefined): Region | undefined {
  const named = title?.split(' — ').pop()?.trim();
  return named ? findRegion(named) : undefined;
}

const kindOfColumn = (c: Column): Kind => (c.type.kind === 'date' ? 'date' : 'other');

export async function readRegionalWorkbook(
  google: GoogleContext,
  spreadsheetId: string,
  project: Project,
  asked: Region | undefined,
  readAt: Date,
): Promise<RegionalWorkbookRead> {
  const api: sheets_v4.Sheets = sheets({ version: 'v4', ...clientOptions(google) });
  const meta = await callWithRetry(
    'spreadsheets.get',
    () => api.spreadsheets.get({ spreadsheetId, fields: 'properties(title),sheets(properties(title))' }),
    google.retry,
    google.timing,
  );
  const described = SpreadsheetTitle.safeParse(meta.data);
  if (!described.success) throw badReply('spreadsheets.get', described.error);
  const tabs = new Set((described.data.sheets ?? []).map((s) => s.properties?.title));
  for (const name of [SHEET_NAMES.suivi, SHEET_NAMES.history])
    if (!tabs.has(name))
      throw new GoogleApiError(
        'NOT_INSTALLED',
        frGoogle.missingTab(name),
        `tab ${name} missing in ${spreadsheetId}`,
      );
  // Suivi up to its key column: the hidden record column after it (and its meta cell on header row 2) is the shared
  // layout's JSON, not a column of the tracking file (src/google/workbook-layout.ts).
  const suiviLast = columnLetter(suiviHiddenColumns(project.tracking).keyCol - 1);
  const ranges = [
    `${quoteSheet(SHEET_NAMES.suivi)}!A1:${suiviLast}`,
    `${quoteSheet(SHEET_NAMES.history)}!A1:${LAST_COLUMN}`,
  ];
  const values = await callWithRetry(
    'spreadsheets.values.batchGet',
    () =>
      api.spreadsheets.values.batchGet({
        spreadsheetId,
        ranges,
        majorDimension: 'ROWS',
        valueRenderOption: 'UNFORMATTED_VALUE',
        dateTimeRenderOption: 'SERIAL_NUMBER',
      }),
    google.retry,
    google.timing,
  );
  const parsed = ValueRanges.safeParse(values.data);
  if (!parsed.success) throw badReply('spreadsheets.values.batchGet', parsed.error);
  const [suiviValues = [], historyValues = []] = (parsed.data.valueRanges ?? []).map((r) => r.values ?? []);
  const title = described.data.properties?.title;
  const region = asked ?? regionOfTitle(title);
  if (!region)
    throw new Error(
      `Le titre du classeur (« ${title ?? ''} ») ne nomme pas de région connue : précisez-la avec « --region ».`,
    );
  const sha256 = crypto
    .createHash('sha256')
    .update(JSON.stringify([title ?? null, suiviValues, historyValues]))
    .digest('hex');

  const tracking = project.tracking;
  const columnKinds = new Map(tracking.columns.map((c) => [c.label, kindOfColumn(c)] as const));
  const historyKinds = new Map<string, Kind>(columnKinds);
  const received = HISTORY_META.after.find((m) => m.key === 'received_at');
  if (received) historyKinds.set(received.label, 'datetime');
  const suivi = readTrackingGrid(tracking, [gridOf(SHEET_NAMES.suivi, suiviValues, columnKinds)]);
  if (!suivi.ok)
    return { sha256, title, region, read: { ok: false, errors: suivi.errors.map((e) => e.message) } };
  return {
    sha256,
    title,
    region,
    read: readRegionalFile({
      project,
      region,
      exportedAt: readAt,
      title,
      suivi: suivi.file,
      history: gridOf(SHEET_NAMES.history, historyValues, historyKinds),
    }),
  };
}
