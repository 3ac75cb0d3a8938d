// The service calls one weekly report costs on the real bundle (DESIGN.md §7, issue 12): at most 6 on time and 10
// late, the same at 100 and at 60,000 Historique rows. Counts are behaviour (what reaches Google), not time; the
// bench prints the same figures (bench/apps-script.bench.ts). Also checks that the cheaper path keeps what the
// ingestion did: the Historique row, the Journal line, the Suivi row, Synthèse, and the weekly form brought up to
// date (by the catch-up, minutes later, for a late report).
import { counterColumns } from '../../src/domain/columns';
import {
  deliverReport,
  describeCalls,
  ESTABLISHMENT,
  type IngestionRun,
} from '../support/gas/ingestion-scenario';
import { defaultProject } from '../support/project';

const project = defaultProject();

function journalSummaries(run: IngestionRun): string[] {
  const j = run.env.container.sheet('Journal')!;
  const col = (j.cells[0] ?? []).findIndex((c) => c?.value === 'Résumé') + 1;
  return Array.from({ length: j.lastRow() - 1 }, (_, i) => String(j.cell(i + 2, col)?.value ?? ''));
}

function weeklyForm(run: IngestionRun) {
  const form = [...run.env.forms.byId.values()].find(
    (f) => f.title === `${project.forms.weekly.title} — ${ESTABLISHMENT}`,
  );
  if (!form) throw new Error('no weekly form');
  return form;
}

/** The counter items of the establishment's weekly form. */
function counterItems(run: IngestionRun) {
  const labels = new Set(counterColumns(project.tracking).map((c) => c.label));
  return weeklyForm(run).items.filter((i) => labels.has(i.title));
}
const counterHelps = (run: IngestionRun) => counterItems(run).map((i) => i.helpText);

describe('the service calls of one weekly report (real bundle)', () => {
  const runs = new Map<string, IngestionRun>();
  const run = (history: number, kind: 'on-time' | 'late') => {
    const key = `${kind} ${history}`;
    let r = runs.get(key);
    if (!r) runs.set(key, (r = deliverReport(history, kind)));
    return r;
  };

  it.each([100, 60_000])('costs at most 6 calls on time, with %i Historique rows', (history) => {
    const r = run(history, 'on-time');
    expect(r.rowsAfter).toBe(r.rowsBefore + 1);
    expect([r.window.io, describeCalls(r.window)]).toEqual([
      Math.min(r.window.io, 6),
      describeCalls(r.window),
    ]);
    // The lock is taken and released, everything written in one call after one read.
    expect(r.window.summary()).toMatchObject({
      'Lock.tryLock': 1,
      'Lock.releaseLock': 1,
      'Range.getValues': 1,
      'Sheets.Spreadsheets.batchUpdate': 1,
    });
    expect(r.env.lock.holder).toBeNull();
  });

  it.each([100, 60_000])('costs at most 10 calls late (a past week), with %i Historique rows', (history) => {
    const r = run(history, 'late');
    expect(r.rowsAfter).toBe(r.rowsBefore + 1);
    expect([r.window.io, describeCalls(r.window)]).toEqual([
      Math.min(r.window.io, 10),
      describeCalls(r.window),
    ]);
  });

  it('costs at most 10 calls for a late week before a week already reported, whose values Suivi keeps', () => {
    const r = deliverReport(100, 'late', undefined, { laterWeek: true });
    expect(r.rowsAfter).toBe(r.rowsBefore + 1);
    expect([r.window.io, describeCalls(r.window)]).toEqual([
      Math.min(r.window.io, 10),
      describeCalls(r.window),
    ]);
    const suivi = r.env.container.sheet('Suivi')!;
    const keyCol = project.tracking.columns.length + 1;
    const row = Array.from({ length: suivi.lastRow() }, (_, i) => i + 1).find(
      (n) => suivi.cell(n, keyCol)?.value === 'gh-cochin/uc1',
    )!;
    const visits = project.tracking.columns.findIndex((c) => c.id === 'visits') + 1;
    expect(suivi.cell(row, visits)?.value).toBe(9);
    // The form's open week (23) now shows week 22 as the week before, once the catch-up has run.
    r.env.runtime.advance(6 * 60_000);
    r.env.runDueClockTriggers();
    for (const help of counterHelps(r)) expect(help).toContain('7 (2022-W22)');
  });

  it('costs the same at 60,000 Historique rows as at 100', () => {
    expect(run(60_000, 'on-time').window.summary()).toEqual(run(100, 'on-time').window.summary());
    expect(run(60_000, 'late').window.summary()).toEqual(run(100, 'late').window.summary());
  });

  it('writes the report everywhere it went before: Historique, Journal, Suivi and Synthèse', () => {
    const r = run(100, 'on-time');
    const history = r.env.container.sheet('Historique')!;
    const last = history.lastRow();
    expect(history.cell(last, 1)?.value).toBe(ESTABLISHMENT);
    expect(journalSummaries(r).at(-1)).toMatch(/^GH COCHIN : déclaration 2022-W23 reçue \(version 1\)/);
    const suivi = r.env.container.sheet('Suivi')!;
    const keyCol = project.tracking.columns.length + 1;
    const row = Array.from({ length: suivi.lastRow() }, (_, i) => i + 1).find(
      (n) => suivi.cell(n, keyCol)?.value === 'gh-cochin/uc1',
    )!;
    const visits = project.tracking.columns.findIndex((c) => c.id === 'visits') + 1;
    expect(suivi.cell(row, visits)?.value).toBe(7);
    // The date the report was received reads back as a date, as a report written by SpreadsheetApp did.
    const receivedCol = (history.cells[0] ?? []).findIndex((c) => c?.value === 'Reçu le') + 1;
    expect(Object.prototype.toString.call(history.cell(last, receivedCol)?.value)).toBe('[object Date]');
    const synthesis = r.env.container.sheet('Synthèse')!;
    const shown = synthesis.cells.flat().filter((c) => c?.value === 'GH COCHIN').length;
    expect(shown).toBeGreaterThan(0);
  });

  it('brings the weekly form up to date after a late report, in the catch-up a few minutes later', () => {
    const r = run(100, 'late');
    const before = counterHelps(r);
    const rulesBefore = JSON.stringify(counterItems(r).map((i) => i.validation));
    expect(before.some((h) => h.includes('7 (2022-W22)'))).toBe(false);
    r.env.runtime.advance(6 * 60_000);
    expect(r.env.runDueClockTriggers()).toBeGreaterThan(0);
    const after = counterHelps(r);
    expect(after.length).toBeGreaterThan(0);
    for (const help of after) expect(help).toContain('7 (2022-W22)');
    // And the form itself now refuses less than last week's value.
    expect(JSON.stringify(counterItems(r).map((i) => i.validation))).not.toBe(rulesBefore);
  });
});
