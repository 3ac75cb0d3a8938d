// Which submission ids a row's record keeps (src/google/api-submissions.ts): the Forms API ids no read can list
// again are forgotten, every other id is kept whatever it looks like.
import {
  apiCursorsOf,
  apiSubmissionId,
  apiSubmissionTime,
  FORGET_MARGIN_MS,
  forgettable,
  keptSubmissions,
} from '../../src/google/api-submissions';
import { parseRowRecord, serializeRowRecord, type RowRecord } from '../../src/google/stored-json';

const ms = (iso: string) => Date.parse(iso);

describe('Forms API submission ids', () => {
  it('reads the time of an id with 0 to 9 fractional digits, and of nothing else', () => {
    expect(apiSubmissionTime(apiSubmissionId('ACYDBNabc', '2022-06-10T08:00:00Z'))).toBe(
      ms('2022-06-10T08:00:00Z'),
    );
    expect(apiSubmissionTime('r@2022-06-10T08:00:00.123456789Z')).toBe(ms('2022-06-10T08:00:00.123Z'));
    for (const other of [
      'form:107919:3',
      'form:1/107919:2',
      'ars-idf:r@2022-06-10T08:00:00Z',
      'web:gh-cochin:abc',
      'demo-correction-x-2022-W23',
      'r@2022-06-10',
      'r@2022-06-10T08:00:00+02:00',
      '@2022-06-10T08:00:00Z',
    ])
      expect([other, apiSubmissionTime(other)]).toEqual([other, undefined]);
  });

  it('forgets an id only when it is more than the margin from every cursor and before the latest', () => {
    const weekly = ms('2022-06-10T09:00:00Z');
    const initialisation = ms('2022-05-10T09:00:00Z');
    const at = (offset: number) => apiSubmissionId('r', new Date(weekly + offset).toISOString());
    const ids = [
      at(-FORGET_MARGIN_MS - 1), // forgotten
      at(-FORGET_MARGIN_MS), // kept: exactly at the margin
      at(0), // at the cursor
      at(1), // after the latest cursor (a cursor moved back): kept
      apiSubmissionId('r', '2022-05-10T08:00:00Z'), // near the initialisation cursor: kept
      apiSubmissionId('r', '2022-05-20T08:00:00Z'), // far from both: forgotten
      'form:107919:3',
      'import:abc',
    ];
    expect(keptSubmissions(ids, [weekly, initialisation])).toEqual([
      ids[1],
      ids[2],
      ids[3],
      ids[4],
      'form:107919:3',
      'import:abc',
    ]);
    // No cursor at all: everything kept.
    expect(keptSubmissions(ids, [])).toEqual(ids);
  });

  it('takes the cursors of the forms read through the Forms API only', () => {
    expect(
      apiCursorsOf({
        weekly: { api: { since: '2022-06-10T09:00:00.5Z' } },
        initialisation: { api: {} },
      }),
    ).toEqual([ms('2022-06-10T09:00:00.5Z')]);
    expect(apiCursorsOf({ weekly: {} })).toEqual([]);
    expect(apiCursorsOf(undefined)).toEqual([]);
  });
});

describe('a row’s stored record with Forms API ids', () => {
  const old = apiSubmissionId('ACYDBNold', '2022-06-03T08:00:00.000001Z');
  const recent = apiSubmissionId('ACYDBNnew', '2022-06-10T08:00:00.000001Z');
  const record: RowRecord = {
    v: 1,
    establishment: {
      id: 'gh-cochin',
      values: {},
      useCases: [{ id: 'uc1', values: {}, pathwayStatus: 'confirmé' }],
    },
    ledger: [
      {
        week: '2022-W22',
        version: 1,
        counters: { visits: 3 },
        firstReceivedAt: '2022-06-03T08:00:00.000Z',
        receivedAt: '2022-06-03T08:00:00.000Z',
      },
      {
        week: '2022-W23',
        version: 1,
        counters: { visits: 4 },
        firstReceivedAt: '2022-06-10T08:00:00.000Z',
        receivedAt: '2022-06-10T08:00:00.000Z',
      },
    ],
    annotations: {},
    submissions: [old, recent],
    // A week the ledger does not hold keeps its version in the map.
    versions: { '2022-W22': old, '2022-W23': recent, '2022-W30': 'correction:1' },
    forms: {
      weekly: {
        id: 'f',
        url: 'u',
        items: {},
        applied: {},
        api: { questions: {}, since: '2022-06-10T08:00:00.000001Z' },
      },
    },
  };

  it('keeps the ids a read may list again and every week’s version', () => {
    const text = serializeRowRecord(record);
    const back = parseRowRecord(text, 'Suivi');
    expect(back.submissions).toEqual([recent]);
    expect(back.versions).toEqual(record.versions);
    expect(back.ledger).toEqual(record.ledger);
  });

  it('still reads a compact record written before, its versions all in the map', () => {
    const before = JSON.parse(serializeRowRecord(record)) as {
      ledger: { weeks: unknown[][] };
      versions: Record<string, string>;
    };
    before.ledger.weeks = before.ledger.weeks.map((w) => w.slice(0, 5));
    before.versions = record.versions;
    const back = parseRowRecord(JSON.stringify(before), 'Suivi');
    expect(back.versions).toEqual(record.versions);
    expect(back.ledger).toEqual(record.ledger);
  });

  it('says which ids a record forgets: exactly those keptSubmissions leaves out', () => {
    const cursor = ms('2022-06-10T09:00:00Z');
    const id = (offset: number) => apiSubmissionId('r', new Date(cursor + offset).toISOString());
    const ids = [
      id(-FORGET_MARGIN_MS - 1),
      id(-FORGET_MARGIN_MS),
      id(0),
      id(1),
      'form:107919:3',
      'web:gh-cochin:abc',
    ];
    const kept = keptSubmissions(ids, [cursor]);
    expect(ids.filter((x) => forgettable(x, [cursor]))).toEqual([id(-FORGET_MARGIN_MS - 1)]);
    expect(ids.filter((x) => !forgettable(x, [cursor]))).toEqual(kept);
    // No cursor: nothing is forgotten.
    expect(ids.some((x) => forgettable(x, []))).toBe(false);
  });
});
