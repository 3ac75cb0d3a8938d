// spreadsheets.values.batchUpdate (RAW) over the one interpreter of sheets-batch.ts, for both façades that take it:
// the REST fake (../google-api/fake-workspace.ts, HTTP 400) and the advanced Sheets service of the Apps Script
// emulator (sheets-advanced.ts, « API call to … failed »). Each range becomes one updateCells request (a string as
// stringValue, never a formula; a number as numberValue), all applied or none, as the caller (protections). Stricter
// than Google where its reference is silent or kinder (docs/google-assumptions.md S17, measured by smoke:google): a
// null is refused, and data wider or longer than the range it names is refused.
import type { sheets_v4 } from '@googleapis/sheets';
import { columnLetters, columnNumber } from './a1';
import type { SheetData, SpreadsheetData } from './sheet-data';
import { BatchRefused, type SheetsBatch } from './sheets-batch';

/** How a façade refuses a call: the error its callers see. */
export type Refuse = (message: string) => unknown;

const A1 = /^'((?:[^']|'')+)'!([A-Z]+)(\d+)(?::([A-Z]+)(\d+)?)?$/;

/** A REST A1 range (`'Tab'!A1`, `'Tab'!A1:C3`, `'Tab'!A1:C`) as 0-based indexes. */
export function parseA1(
  range: string,
  refuse: Refuse,
): {
  sheet: string;
  row: number;
  col: number;
  endRow?: number;
  endCol: number;
  /** Whether the range names its end (`A1:C3`, `A1:C`) rather than only its first cell. */
  bounded: boolean;
} {
  const m = A1.exec(range);
  if (!m) throw refuse(`Unable to parse range: ${range}`);
  const [, name = '', c1 = 'A', r1 = '1', c2, r2] = m;
  return {
    sheet: name.replace(/''/g, "'"),
    row: Number(r1) - 1,
    col: columnNumber(c1) - 1,
    endRow: r2 ? Number(r2) - 1 : c2 ? undefined : Number(r1) - 1,
    endCol: (c2 ? columnNumber(c2) : columnNumber(c1)) - 1,
    bounded: c2 !== undefined,
  };
}

/** The tab a range names. */
export function tabOf(data: SpreadsheetData, title: string, refuse: Refuse): SheetData {
  const sheet = data.sheet(title);
  if (!sheet) throw refuse(`Unable to parse range: ${title}`);
  return sheet;
}

/**
 * A RAW value as the CellData of an updateCells request. A null is refused: Google skips it (Sheets API reference
 * « REST Resource: spreadsheets.values », ValueRange.values: « Null values will be skipped. To set a cell to an empty
 * value, set the string value to an empty string. »,
 * https://developers.google.com/workspace/sheets/api/reference/rest/v4/spreadsheets.values), which the emulator's
 * updateCells (a cell left out of the mask is cleared) would not reproduce; the CLI never sends one.
 */
function userEntered(v: unknown, refuse: Refuse): { stringValue: string } | { numberValue: number } {
  if (typeof v === 'number') return { numberValue: v };
  if (typeof v === 'string') return { stringValue: v };
  throw refuse(`Test fake: a RAW value must be a string or a number, not ${JSON.stringify(v)}`);
}

/** Applies a values.batchUpdate body (RAW only) as `user`: every range or none. */
export function applyValueWrites(
  batch: SheetsBatch,
  data: SpreadsheetData,
  body: sheets_v4.Schema$BatchUpdateValuesRequest,
  user: string,
  refuse: Refuse,
): void {
  if (body.valueInputOption !== 'RAW') throw refuse('Test fake: only RAW writes are expected');
  const requests = (body.data ?? []).map((vr) => {
    const a = parseA1(vr.range ?? '', refuse);
    const sheet = tabOf(data, a.sheet, refuse);
    const values = (vr.values ?? []) as unknown[][];
    const widest = Math.max(0, ...values.map((r) => r.length));
    // Google refuses data that does not fit the range it names, in these words (reported by API users:
    // activepieces/activepieces#1683, nithinmurali/pygsheets#132; the reference does not say).
    const lastCol = a.col + widest - 1;
    if (a.bounded && lastCol > a.endCol)
      throw refuse(
        `Requested writing within range [${vr.range}], but tried writing to column [${columnLetters(lastCol + 1)}]`,
      );
    if (a.bounded && a.endRow !== undefined && a.row + values.length - 1 > a.endRow)
      throw refuse(
        `Requested writing within range [${vr.range}], but tried writing to row [${a.row + values.length}]`,
      );
    return {
      updateCells: {
        start: { sheetId: sheet.id, rowIndex: a.row, columnIndex: a.col },
        rows: values.map((row) => ({
          values: row.map((v) => ({ userEnteredValue: userEntered(v, refuse) })),
        })),
        fields: 'userEnteredValue',
      },
    };
  });
  try {
    batch.apply(data, requests, user);
  } catch (e) {
    // The updateCells check names the request; a values call names the range.
    if (e instanceof BatchRefused)
      throw refuse(
        `Range (${body.data?.[e.index]?.range ?? ''}): ${e.message.replace(/^Invalid requests\[\d+\]\.\w+: /, '')}`,
      );
    throw e;
  }
}
