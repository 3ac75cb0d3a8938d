import { seedDemoSeason } from '../../src/app/demo-season';
import { MemoryStore } from '../../src/app/memory-store';
import { completenessGrid } from '../../src/domain/completeness';
import { pilotCalendar } from '../../src/domain/calendar';
import { counterColumns } from '../../src/domain/columns';
import { currentVersions, ledgersFromVersions } from '../../src/domain/ledger';
import { rowRefs } from '../../src/domain/workbook/workbook';
import { appContext, defaultProject, seededStore } from '../support/project';

function season(seed = 2022) {
  const store = seededStore(new MemoryStore());
  const ctx = appContext('2022-10-15T12:00:00+02:00', store);
  const summary = seedDemoSeason(ctx, { seed });
  return { store, summary };
}

describe('seedDemoSeason', () => {
  const { store, summary } = season();
  const project = defaultProject();

  it('fills every establishment’s profile and most weeks of the 2022 pilot', () => {
    expect(summary.profiles).toBe(16);
    expect(summary.weeks[0]).toBe('2022-W19');
    expect(summary.weeks[summary.weeks.length - 1]).toBe('2022-W39');
    expect(summary.accepted).toBeGreaterThan(17 * 10);
  });

  it('gives the ARS a living picture: late and missing reports, refusals, corrections, actions', () => {
    const calendar = pilotCalendar(project.config);
    const grid = completenessGrid(
      calendar,
      rowRefs(store.listEstablishments()),
      ledgersFromVersions(project.tracking, store.listReportVersions()),
      new Date('2022-10-15T12:00:00+02:00'),
    );
    const cells = grid.rows.flatMap((r) => r.cells);
    expect(cells.filter((c) => c === 'late').length).toBeGreaterThan(5);
    expect(cells.filter((c) => c === 'missing').length).toBeGreaterThan(5);
    expect(summary.refused).toBeGreaterThan(0);
    expect(summary.corrections).toBe(2);
    expect(store.listCellChanges().some((c) => c.columnId === 'actions')).toBe(true);
  });

  it('never lets an accepted form or import decrease a cumulative counter', () => {
    for (const weeks of currentVersions(
      store.listReportVersions().filter((v) => v.source !== 'correction'),
    ).values()) {
      const ordered = [...weeks.values()].sort((a, b) => a.week.localeCompare(b.week));
      for (const c of counterColumns(project.tracking))
        for (let i = 1; i < ordered.length; i += 1)
          expect(Number(ordered[i]?.values[c.id])).toBeGreaterThanOrEqual(
            Number(ordered[i - 1]?.values[c.id]),
          );
    }
  });

  it('is deterministic for a seed and differs between seeds', () => {
    const again = season()
      .store.listReportVersions()
      .map((v) => [v.rowKey, v.week, v.values.visits]);
    expect(again).toEqual(store.listReportVersions().map((v) => [v.rowKey, v.week, v.values.visits]));
    const other = season(7)
      .store.listReportVersions()
      .map((v) => [v.rowKey, v.week, v.values.visits]);
    expect(other).not.toEqual(again);
  });
});
