// A row's record in its hidden cell: the compact form (`v: 2`) reads back as the record written, and a cell written
// by an earlier version (`v: 1`, plain JSON) is still read.
import { parseRowRecord, serializeRowRecord, type RowRecord } from '../../src/google/stored-json';

const record: RowRecord = {
  v: 1,
  establishment: {
    id: 'gh-cochin',
    values: { establishment: 'GH COCHIN' },
    useCases: [{ id: 'uc1', values: {}, pathwayStatus: 'confirmé' }],
  },
  ledger: [
    {
      week: '2022-W23',
      version: 2,
      counters: { visits: 12, dmp_fed: 3 },
      firstReceivedAt: '2022-06-09T08:00:00.000Z',
      receivedAt: '2022-06-10T08:00:00.000Z',
    },
    // A correction's entry: no first reception, and a counter the first week did not have.
    {
      week: '2022-W24',
      version: 1,
      counters: { visits: 14, patients_included: 2 },
      firstReceivedAt: null,
      receivedAt: 'x',
    },
  ],
  annotations: { actions: 'Relancer' },
  submissions: [
    'form:107919:2',
    'form:107919:3',
    'form:107919:5',
    'form:1/107919:2',
    'import:abc',
    'form:9:007',
  ],
  versions: { '2022-W23': 'form:107919:3', '2022-W24': 'correction:1' },
  forms: {
    weekly: {
      id: 'f1',
      url: 'u',
      tabId: 107919,
      items: { week: 3 },
      applied: { week: 'a.b' },
      responsesPart: 1,
    },
  },
};

const sorted = (r: RowRecord) => ({ ...r, submissions: [...r.submissions].sort() });

describe('a row’s stored record', () => {
  it('reads back the compact form as the record written', () => {
    const text = serializeRowRecord(record);
    expect(text.startsWith('{"v":2,')).toBe(true);
    expect(sorted(parseRowRecord(text, 'test'))).toEqual(sorted(record));
  });

  it('keeps consecutive submission rows of one tab as one run', () => {
    const many = { ...record, submissions: Array.from({ length: 400 }, (_, i) => `form:107919:${i + 2}`) };
    const text = serializeRowRecord(many);
    expect(text).toContain('"form:107919:":[[2,401]]');
    expect(parseRowRecord(text, 'test').submissions).toEqual(many.submissions);
  });

  it('still reads a record an earlier version wrote as plain JSON', () => {
    expect(parseRowRecord(JSON.stringify(record), 'test')).toEqual(record);
  });

  it('names where a damaged compact record was read', () => {
    expect(() => parseRowRecord('{"v":2,"ledger":{}}', 'Suivi row 4')).toThrow(
      /^Suivi row 4: hidden data is invalid/,
    );
  });
});
