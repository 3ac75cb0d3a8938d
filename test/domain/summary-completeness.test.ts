import { summarise } from '../../src/domain/summary';
import { completenessGrid, rowsMissing } from '../../src/domain/completeness';
import { pilotCalendar } from '../../src/domain/calendar';
import type { RowLedger } from '../../src/domain/ledger';
import { defaultProject } from '../support/project';

const project = defaultProject();
const cal = pilotCalendar(project.config);
const rows = [
  { rowKey: 'a/uc1', establishmentId: 'a', title: 'A' },
  { rowKey: 'b/uc1', establishmentId: 'b', title: 'B' },
];
const e = (week: string, visits: number, at: string) => ({
  week,
  version: 1,
  counters: { visits },
  firstReceivedAt: at,
  receivedAt: at,
});
const ledgers = new Map<string, RowLedger>([
  ['a/uc1', [e('2022-W19', 10, '2022-05-13T10:00:00+02:00'), e('2022-W21', 30, '2022-05-30T10:00:00+02:00')]],
  ['b/uc1', [e('2022-W20', 5, '2022-05-20T10:00:00+02:00')]],
]);

describe('summary', () => {
  const s = summarise(project.tracking, rows, ledgers, ['2022-W19', '2022-W20', '2022-W21']);

  it('carries each row’s latest cumulative value forward week by week', () => {
    expect(s.series.map((p) => [p.week, p.totals.visits, p.reporting])).toEqual([
      ['2022-W19', 10, 1],
      ['2022-W20', 15, 1],
      ['2022-W21', 35, 1],
    ]);
    expect(s.deltas.map((d) => d.deltas.visits)).toEqual([10, 5, 20]);
    expect(s.totals.visits).toBe(35);
    expect(s.latest.map((l) => [l.title, l.week, l.counters.visits])).toEqual([
      ['A', '2022-W21', 30],
      ['B', '2022-W20', 5],
    ]);
  });

  it('covers the six counters of the tracking file', () => {
    expect(s.counters.map((c) => c.id)).toEqual([
      'messages_sent',
      'messages_received',
      'dmp_fed',
      'dmp_consulted',
      'patients_included',
      'visits',
    ]);
  });
});

describe('completeness', () => {
  const grid = completenessGrid(cal, rows, ledgers, new Date('2022-05-31T12:00:00+02:00'));

  it('marks each week received, late, missing or still expected', () => {
    expect(grid.weeks).toEqual(['2022-W19', '2022-W20', '2022-W21', '2022-W22']);
    expect(grid.rows.map((r) => r.cells)).toEqual([
      ['received', 'missing', 'late', 'expected'],
      ['missing', 'received', 'missing', 'expected'],
    ]);
    expect(grid.totals[2]).toEqual({ received: 0, late: 1, missing: 1, expected: 0 });
  });

  it('lists the rows to remind for a week', () => {
    expect(rowsMissing(grid, '2022-W21').map((r) => r.rowKey)).toEqual(['b/uc1']);
  });
});
