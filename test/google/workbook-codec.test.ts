// The rows both Google runtimes read back from the workbook: what one writes through the codec, the other decodes
// to the same record (Suivi's hidden columns and meta cell, Historique, Modifications, Journal).
import fc from 'fast-check';
import { instantFromDateTimeSerial, rawRow } from '../../src/google/cell-values';
import { parisOffsetMs, toParis } from '../../src/domain/paris-time';
import {
  JOURNAL_KINDS,
  type CellChange,
  type JournalEntry,
  type ReportVersion,
} from '../../src/domain/model';
import { journalRowCells } from '../../src/domain/workbook/journal-sheet';
import type { Cell } from '../../src/domain/workbook/cells';
import {
  parseCellChange,
  parseReportVersion,
  serializeRowRecord,
  type RowRecord,
} from '../../src/google/stored-json';
import {
  decodeSuiviRecords,
  historyRecordRow,
  journalEntryOfRow,
  modificationRow,
} from '../../src/google/workbook-codec';
import { defaultProject } from '../support/project';

const tracking = defaultProject().tracking;
/** A cell as the text a runtime reads back (a date-time as its ISO instant, as Apps Script's textOf gives it). */
const textOfCell = (cell: Cell): string => (cell === null ? '' : String(cell.v));

const record: RowRecord = {
  v: 1,
  establishment: {
    id: 'gh-cochin',
    values: {},
    useCases: [{ id: 'uc1', values: {}, pathwayStatus: 'confirmé' }],
  },
  ledger: [],
  annotations: { actions: '=SOMME(A1) 😀' },
  submissions: ['form:1:2'],
  versions: {},
};

describe('Suivi hidden columns', () => {
  const pairs = (rows: Array<[string, string]>) => rows;

  it('reads the meta cell and one record per keyed row, skipping blank rows', () => {
    const meta = JSON.stringify({ v: 1, orphans: ['x'], synthesisLayout: null });
    const out = decodeSuiviRecords(
      pairs([
        ['', ''],
        ['', meta],
        ['gh-cochin|uc1', serializeRowRecord(record)],
        ['', ''],
        ['gh-cochin|uc2', serializeRowRecord(record)],
      ]),
      2,
      'AZ',
    );
    expect(out.meta.orphans).toEqual(['x']);
    expect(out.rows.map((r) => [r.rowNumber, r.key])).toEqual([
      [3, 'gh-cochin|uc1'],
      [5, 'gh-cochin|uc2'],
    ]);
    expect(out.rows[0]?.record).toEqual(record);
    expect(out.lastRow).toBe(5);
  });

  it('reads an empty meta cell as an empty meta, and names the row of a keyed row without record', () => {
    const rows = pairs([
      ['', ''],
      ['', ''],
      ['k', ''],
    ]);
    expect(() => decodeSuiviRecords(rows, 2, 'AZ')).toThrow('Suivi row 3: the technical data cell is empty');
    expect(() => decodeSuiviRecords(rows, 2, 'AZ', () => 'explained')).toThrow('explained');
    expect(decodeSuiviRecords(rows.slice(0, 2), 2, 'AZ').meta.orphans).toEqual([]);
  });

  it('names the meta cell when it is not the meta', () => {
    expect(() =>
      decodeSuiviRecords(
        [
          ['', ''],
          ['', '{"v":9}'],
        ],
        2,
        'AZ',
      ),
    ).toThrow(/^Suivi!AZ2: hidden data is invalid/);
  });
});

describe('Historique, Modifications and Journal rows', () => {
  it('ends a Historique row with its version, read back whole', () => {
    const version: ReportVersion = {
      rowKey: 'gh-cochin|uc1',
      week: '2022-W23',
      version: 2,
      values: { visits: 12, comment: '=1+1 😀' },
      submissionId: 'form:1:2',
      source: 'form',
      author: 'a@b.fr',
      receivedAt: '2022-06-09T08:00:00.000Z',
      reason: null,
      warnings: [],
    };
    const row = historyRecordRow(tracking, version, undefined, undefined);
    expect(parseReportVersion(textOfCell(row[row.length - 1] ?? null), 'Historique row 2')).toEqual(version);
  });

  it('ends a Modifications row with its change, read back whole, and shows the column label', () => {
    const column = tracking.columns.find((c) => c.owner === 'ars')!;
    const change: CellChange = {
      scope: 'annotation',
      target: 'gh-cochin|uc1',
      columnId: column.id,
      value: 'nouveau',
      previous: null,
      author: 'ars@ars.fr',
      role: 'ars',
      at: '2022-06-09T08:00:00.000Z',
      source: 'sheet',
    };
    const row = modificationRow(tracking, change).map(textOfCell);
    expect(row[5]).toBe(column.label);
    expect(parseCellChange(row[row.length - 1] ?? '', 'Modifications row 2')).toEqual(change);
  });

  it.each(JOURNAL_KINDS.map((kind) => [kind]))('reads a Journal row of kind %s back as written', (kind) => {
    const entry: JournalEntry = {
      at: '2022-06-09T08:00:00.000Z',
      kind,
      actor: 'suivi-mes',
      role: 'system',
      target: 'gh-cochin',
      summary: 'Résumé',
      details: 'details',
    };
    expect(journalEntryOfRow(journalRowCells(entry).map(textOfCell))).toEqual(entry);
    const { target: _t, details: _d, ...bare } = entry;
    expect(journalEntryOfRow(journalRowCells(bare).map(textOfCell))).toEqual(bare);
  });
});

describe('a Journal row read back by the REST runtime (unformatted: its time as a date-time serial)', () => {
  it('property: any instant to the second, across the changes of time, reads back as written', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2021, 0, 1) / 1000, max: Date.UTC(2030, 0, 1) / 1000 }),
        fc.constantFrom(...JOURNAL_KINDS),
        (seconds, kind) => {
          const at = new Date(seconds * 1000);
          // The autumn overlap's second hour reads back as its first: a cell keeps the wall clock only.
          const p = toParis(at);
          fc.pre(!(p.month === 10 && p.day >= 25 && p.hour === 2 && parisOffsetMs(at) === 3_600_000));
          const entry: JournalEntry = { at: at.toISOString(), kind, actor: 'a', role: 'ars', summary: 's' };
          const row = rawRow(journalRowCells(entry));
          const read = row.map((v, i) =>
            i === 0 && typeof v === 'number' ? instantFromDateTimeSerial(v) : String(v),
          );
          expect(journalEntryOfRow(read)).toEqual(entry);
        },
      ),
      { numRuns: 1000 },
    );
  });
});
