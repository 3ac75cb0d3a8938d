// Google Sheets refuses a cell of more than 50,000 characters (Google Drive Help « Files you can store in Google
// Drive », https://support.google.com/drive/answer/37603). A Suivi row's record lists the submission ids seen for
// the row; Apps Script's (`<tab>:<row>`) are stored as runs of rows (test/apps-script/record-size.test.ts), but the
// Forms API's are `<responseId>@<lastSubmittedTime>` (sync.ts submissionIdOf), opaque and about 100 characters
// each. This measures such a record with the same season as form-record-size.test.ts (a report and three
// resubmissions a week, one refused, the initialisation response, both forms) and realistic ids, each form's cursor
// at the last response read from it, as sync leaves it.
//
// Kept all, the ids overflowed a cell from about week 60. The stored record now keeps only those a read may list
// again (src/google/api-submissions.ts: within a day of a cursor) and each week's current version id in its ledger
// tuple: a 104-week season fits with the margin Apps Script's records keep. A row with no cursor (an older workbook)
// still keeps every id, and still overflows: measured too.
import { dateInWeek } from '../../src/domain/iso-week';
import { rowKey } from '../../src/domain/model';
import { submissionIdOf } from '../../src/google/api-form-ingest';
import { parseRowRecord, serializeRowRecord, type RowRecord } from '../../src/google/stored-json';
import { apiSubmissionTime, FORGET_MARGIN_MS } from '../../src/google/api-submissions';
import { seasonRecord } from '../support/google-api/season-record';

const CELL_CHARACTERS = 50_000;
/** The share of a cell test/apps-script/record-size.test.ts allows a record. */
const RECORD_SHARE = 0.6;
/**
 * Google documents a response id only as « Output only. The response ID. » (Forms API « REST Resource:
 * forms.responses », https://developers.google.com/forms/api/reference/rest/v1/forms.responses). Every real one
 * found in public code (five, printed from forms.responses.list between 2022 and 2024) is `ACYDBN` followed by 65
 * base64url characters: 71 in all.
 */
const RESPONSE_ID_LENGTH = 71;
const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** Random-looking ids (a fixed seed), since Google's do not share anything past their prefix. */
function responseIds(): () => string {
  let state = 12345;
  return () => {
    let id = 'ACYDBN';
    while (id.length < RESPONSE_ID_LENGTH) {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0;
      id += BASE64URL[state >>> 26];
    }
    return id;
  };
}

/**
 * The record of a row at the end of a season of `weeks` weeks, as the REST runtime's sync keeps it: five responses a
 * week (a report, three resubmissions, one refused) and the initialisation response, each week's current version the
 * last accepted one, each form's cursor at the last response read from it (`cursors: false`: no cursor, as an older
 * workbook). lastSubmittedTime with 6 fractional digits, as forms.responses.list gives it
 * (« 2024-06-19T16:05:51.394652Z »; the reference allows 0, 3, 6 or 9).
 */
function restRecordJson(weeks: number, cursors = true) {
  const next = responseIds();
  const season = seasonRecord(weeks);
  const id = (lastSubmittedTime: string) => submissionIdOf({ responseId: next(), lastSubmittedTime });
  const initialisationAt = '2022-05-10T09:12:03.451234Z';
  const submissions = [id(initialisationAt)];
  const versions: Record<string, string> = {};
  let weeklyAt = '';
  for (const week of season.weeks)
    for (let v = 0; v < 5; v += 1) {
      weeklyAt = `${dateInWeek(week, v < 4 ? 4 : 5)}T1${v}:12:03.451234Z`;
      const submitted = id(weeklyAt);
      submissions.push(submitted);
      if (v === 3) versions[week] = submitted;
    }
  const { weekly, initialisation } = season.record.forms ?? {};
  const at = (meta: typeof weekly, since: string) =>
    meta && { ...meta, api: { ...meta.api!, since: cursors ? since : undefined } };
  const record: RowRecord = {
    ...season.record,
    submissions,
    versions,
    forms: { weekly: at(weekly, weeklyAt), initialisation: at(initialisation, initialisationAt) },
  };
  return { record, json: serializeRowRecord(record), establishment: season.establishment, weeklyAt };
}

/** The fewest weeks whose record no longer fits in `limit` characters (the size grows with every week). */
function firstWeekOver(limit: number, cursors = true): number {
  let low = 1;
  let high = 312;
  while (low < high) {
    const mid = Math.floor((low + high) / 2);
    if (restRecordJson(mid, cursors).json.length > limit) high = mid;
    else low = mid + 1;
  }
  return low;
}

describe('a row’s record with the Forms API’s submission ids (docs/limites-cellules.md)', () => {
  it('builds ids as sync does, of a real response id’s length', () => {
    const { record } = restRecordJson(1);
    expect(record.submissions).toHaveLength(6);
    for (const s of record.submissions)
      expect(s).toMatch(/^ACYDBN[A-Za-z0-9_-]{65}@\d{4}-\d\d-\d\dT[\d:.]+Z$/);
    expect(new Set(record.submissions).size).toBe(6);
  });

  it('keeps only the ids within a day of a cursor, and every week’s version', () => {
    const { record, json, establishment } = restRecordJson(104);
    const back = parseRowRecord(json, rowKey(establishment.id, establishment.useCases[0]!.id));
    const cursors = [record.forms?.weekly, record.forms?.initialisation].map((f) =>
      Date.parse(f!.api!.since!.replace(/(\.\d{3})\d+Z$/, '$1Z')),
    );
    const near = (s: string) =>
      cursors.some(
        (c) =>
          Math.abs(Date.parse(s.split('@')[1]!.replace(/(\.\d{3})\d+Z$/, '$1Z')) - c) <= FORGET_MARGIN_MS,
      );
    expect(back.submissions).toEqual(record.submissions.filter(near));
    // The last week's four Thursday responses are more than a day before its refused Friday one: only that one and
    // the initialisation response (at its own form's cursor) are left.
    expect(back.submissions).toHaveLength(2);
    expect(back.versions).toEqual(record.versions);
    expect(back.ledger).toEqual(record.ledger);
  });

  it('fits a 104-week season with the margin of Apps Script’s records, growing only with the ledger', () => {
    const at52 = restRecordJson(52).json.length;
    const at104 = restRecordJson(104).json.length;
    expect(at104).toBeLessThanOrEqual(RECORD_SHARE * CELL_CHARACTERS);
    // What a week adds is its ledger tuple and version id, not its five submission ids.
    const perWeek = (at104 - at52) / 52;
    const ids = restRecordJson(1).record.submissions.map((s) => JSON.stringify(s).length + 1);
    expect(perWeek).toBeLessThan(ids.slice(1).reduce((a, b) => a + b, 0));
    // The margin holds for two seasons and more.
    expect(firstWeekOver(RECORD_SHARE * CELL_CHARACTERS)).toBeGreaterThan(104);
  });

  it('without a cursor (an older workbook) keeps every id, and then overflows a cell before week 104', () => {
    const { record, json } = restRecordJson(104, false);
    expect(parseRowRecord(json, 'Suivi').submissions).toEqual(record.submissions);
    expect(json.length).toBeGreaterThan(CELL_CHARACTERS);
    expect(firstWeekOver(CELL_CHARACTERS, false)).toBeLessThan(104);
    // Its first sync writes a cursor: from then on the ids before it are forgotten.
    expect(apiSubmissionTime(record.submissions[0]!)).toBe(Date.parse('2022-05-10T09:12:03.451Z'));
  });
});
