// The REST runtime keeps each establishment's two forms in every one of its Suivi rows' records (stored-json.ts),
// and a record must stay well under a cell's 50,000 characters (Google Drive Help « Files you can store in Google
// Drive », https://support.google.com/drive/answer/37603) with a whole season in it. This builds what install and
// sync keep of the forms of the establishment with the most use cases at the end of a 104-week season (the week
// question then offers every week begun), with a ledger and submissions as test/apps-script/record-size.test.ts
// plays them, and checks the record keeps its room.
import { rowKey } from '../../src/domain/model';
import { WEEK_FIELD } from '../../src/domain/form-plan';
import { choicesOf, parseRowRecord, serializeRowRecord, type RowRecord } from '../../src/google/stored-json';
import { seasonRecord } from '../support/google-api/season-record';

const WEEKS = 104;
const CELL_CHARACTERS = 50_000;
/** The share of a cell test/apps-script/record-size.test.ts allows a record. */
const RECORD_SHARE = 0.6;
/** What the two forms may take of it (the Forms API's ids, help text fingerprints, choices, the cursor). */
const FORMS_SHARE = 0.15;

describe('a row’s record with the REST runtime’s forms, after a 104-week season', () => {
  const { establishment: e, weeks, record: season } = seasonRecord(WEEKS);
  const weekly = season.forms!.weekly!;
  const record: RowRecord = {
    ...season,
    // As Apps Script keeps them (`<responses tab>:<row>`, stored as runs): five a week.
    submissions: Array.from({ length: 5 * WEEKS }, (_, i) => `1234567890:${i + 2}`),
    versions: Object.fromEntries(weeks.map((w, i) => [w, `ACYDBNj${i}@2024-05-10T09:00:00.123456Z`])),
  };
  const json = serializeRowRecord(record);

  it('offers every week begun in the week question, keeping the weeks and not their labels', () => {
    const week = weekly.api!.questions[WEEK_FIELD]!;
    expect(week.weeks).toHaveLength(WEEKS);
    expect(week.choices).toBeUndefined();
    expect(Object.values(choicesOf(week) ?? {})).toEqual(week.weeks);
  });

  it(`keeps both forms in under ${FORMS_SHARE * 100} % of a cell`, () => {
    expect(JSON.stringify(record.forms).length).toBeLessThan(FORMS_SHARE * CELL_CHARACTERS);
  });

  it(`stays under ${RECORD_SHARE * 100} % of a cell, and reads back whole`, () => {
    expect(json.length).toBeLessThan(RECORD_SHARE * CELL_CHARACTERS);
    const back = parseRowRecord(json, rowKey(e.id, e.useCases[0]!.id));
    expect(back.forms).toEqual(record.forms);
  });
});
