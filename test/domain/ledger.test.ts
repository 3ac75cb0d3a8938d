import fc from 'fast-check';
import {
  applyVersion,
  currentState,
  currentVersions,
  latestEntry,
  ledgersFromVersions,
  neighbours,
  nextVersionNumber,
} from '../../src/domain/ledger';
import type { ReportVersion } from '../../src/domain/model';
import { addWeeks } from '../../src/domain/iso-week';
import { defaultProject } from '../support/project';

const { tracking } = defaultProject();

const versionArb = fc.record({
  row: fc.constantFrom('a/uc1', 'b/uc1', 'b/uc2'),
  week: fc.integer({ min: 0, max: 8 }).map((n) => addWeeks('2022-W19', n)),
  version: fc.integer({ min: 1, max: 4 }),
  visits: fc.nat({ max: 1000 }),
  source: fc.constantFrom<ReportVersion['source']>('form', 'import', 'correction'),
  minute: fc.nat({ max: 100000 }),
});

function toVersion(v: {
  row: string;
  week: string;
  version: number;
  visits: number;
  source: ReportVersion['source'];
  minute: number;
}): ReportVersion {
  return {
    rowKey: v.row,
    week: v.week,
    version: v.version,
    values: { visits: v.visits },
    source: v.source,
    submissionId: `${v.row}-${v.week}-${v.version}`,
    receivedAt: new Date(Date.UTC(2022, 4, 16) + v.minute * 60_000).toISOString(),
    author: 't',
    reason: null,
    warnings: [],
  };
}

// One version per (row, week, number): what an append-only ledger can contain.
const historyArb = fc
  .uniqueArray(versionArb, { selector: (v) => `${v.row}|${v.week}|${v.version}`, maxLength: 40 })
  .map((vs) => vs.map(toVersion));

describe('the report ledger', () => {
  it('makes the highest version of a week current, whatever the insertion order (property)', () => {
    fc.assert(
      fc.property(historyArb, fc.func(fc.integer()), (history, order) => {
        const shuffled = [...history].sort(
          (a, b) =>
            order(a.submissionId) - order(b.submissionId) || a.submissionId.localeCompare(b.submissionId),
        );
        const expected = currentVersions(history);
        expect(currentVersions(shuffled)).toEqual(expected);
        expect(ledgersFromVersions(tracking, shuffled)).toEqual(ledgersFromVersions(tracking, history));
        for (const [key, weeks] of expected)
          for (const [week, v] of weeks)
            expect(
              Math.max(...history.filter((h) => h.rowKey === key && h.week === week).map((h) => h.version)),
            ).toBe(v.version);
      }),
    );
  });

  it('derives the current state from the latest week’s current version (property)', () => {
    fc.assert(
      fc.property(historyArb, (history) => {
        const state = currentState(history);
        for (const [key, v] of state) {
          const weeks = history.filter((h) => h.rowKey === key).map((h) => h.week);
          expect(v.week).toBe([...weeks].sort().pop());
          expect(latestEntry(ledgersFromVersions(tracking, history).get(key) ?? [])?.week).toBe(v.week);
        }
      }),
    );
  });

  it('dates lateness from the first form or import of a week, never from a correction', () => {
    const [first, resent, fixed] = [
      toVersion({ row: 'a/uc1', week: '2022-W20', version: 1, visits: 1, source: 'form', minute: 10 }),
      toVersion({ row: 'a/uc1', week: '2022-W20', version: 2, visits: 2, source: 'form', minute: 5000 }),
      toVersion({ row: 'a/uc1', week: '2022-W21', version: 1, visits: 3, source: 'correction', minute: 1 }),
    ] as [ReportVersion, ReportVersion, ReportVersion];
    const ledger = [resent, first, fixed].reduce(
      (l, v) => applyVersion(tracking, l, v),
      [] as ReturnType<typeof applyVersion>,
    );
    expect(ledger.map((e) => [e.week, e.version, e.firstReceivedAt])).toEqual([
      ['2022-W20', 2, first.receivedAt],
      ['2022-W21', 1, null],
    ]);
  });

  it('numbers versions and finds the neighbouring weeks', () => {
    const ledger =
      ledgersFromVersions(tracking, [
        toVersion({ row: 'a/uc1', week: '2022-W20', version: 1, visits: 1, source: 'form', minute: 1 }),
        toVersion({ row: 'a/uc1', week: '2022-W23', version: 2, visits: 5, source: 'form', minute: 2 }),
      ]).get('a/uc1') ?? [];
    expect(nextVersionNumber(ledger, '2022-W23')).toBe(3);
    expect(nextVersionNumber(ledger, '2022-W21')).toBe(1);
    const n = neighbours(ledger, '2022-W21');
    expect([n.previous?.week, n.next?.week]).toEqual(['2022-W20', '2022-W23']);
    expect(neighbours(ledger, '2022-W23').next).toBeUndefined();
  });
});
