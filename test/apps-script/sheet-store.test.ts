import { ingestWeeklyReport } from '../../src/app/ingest-weekly-report';
import { dateInWeek } from '../../src/domain/iso-week';
import { SheetStore } from '../../src/apps-script/sheet-store';
import { describeStoreContract } from '../contract/store-contract';
import { appContext, defaultProject, seededStore, weeklyAnswers } from '../support/project';
import { emptyWorkbook } from './harness';

describeStoreContract('Apps Script sheets (emulator)', () => {
  const { rt } = emptyWorkbook();
  return { store: rt.store, reopen: () => new SheetStore(rt.master, defaultProject()) };
});

describe('SheetStore on the emulator', () => {
  function seeded() {
    const { env, rt } = emptyWorkbook();
    seededStore(rt.store);
    return { env, store: new SheetStore(rt.master, defaultProject()) };
  }
  const submit = (store: SheetStore, id: string, week: string, counters: Record<string, number> = {}) =>
    ingestWeeklyReport(appContext('2022-09-30T10:00:00+02:00', store), {
      submissionId: id,
      source: 'form',
      author: 'referent@ch.fr',
      submission: {
        establishmentId: 'gh-cochin',
        useCaseId: 'uc1',
        week,
        values: weeklyAnswers(counters, { report_date: dateInWeek(week, 5) }),
      },
    });

  it('reads everything an ingestion needs in one getValues, whatever the history', () => {
    const { env, store } = seeded();
    const window = env.calls();
    expect(submit(store, 'r1', '2022-W23').status).toBe('accepted');
    expect(window.summary()).toEqual({
      'Range.getValues': 1,
      'Range.setValues': 1,
      'Range.setValue': 1,
      'Sheet.appendRow': 2,
    });
  });

  it('costs the same calls to ingest with 2,000 history rows as with none', () => {
    const { env, store } = seeded();
    submit(store, 'r1', '2022-W23');
    const history = env.container.sheet('Historique')!;
    for (let r = 3; r < 2003; r += 1) history.setCell(r, 1, { value: `filler ${r}` });
    const fresh = new SheetStore(store.spreadsheet, defaultProject());
    const window = env.calls();
    expect(submit(fresh, 'r2', '2022-W24').status).toBe('accepted');
    expect(window.io).toBe(5);
  });

  it('keeps a refused submission’s id with its row, so a second delivery is a duplicate', () => {
    const { env, store } = seeded();
    submit(store, 'r1', '2022-W22', { dmp_fed: 15 });
    expect(submit(store, 'r2', '2022-W23', { dmp_fed: 3 }).status).toBe('refused');
    expect(new SheetStore(store.spreadsheet, defaultProject()).hasSubmission('r2')).toBe(true);
    expect(submit(store, 'r2', '2022-W23', { dmp_fed: 3 }).status).toBe('duplicate');
    expect(env.container.sheet('Historique')!.lastRow()).toBe(2);
  });

  it('rewrites only the ES-owned cells of the row on ingestion, never the ARS and ANS cells', () => {
    const { env, store } = seeded();
    const row = store.rows().find((r) => r.key === 'gh-cochin/uc1')!.rowNumber;
    const suivi = env.container.sheet('Suivi')!;
    const g = store.geometry;
    suivi.setCell(row, g.column('actions'), { value: 'Relance prévue' });
    submit(store, 'r1', '2022-W23', { visits: 42 });
    expect(suivi.cell(row, g.column('visits'))?.value).toBe(42);
    expect(suivi.cell(row, g.column('actions'))?.value).toBe('Relance prévue');
  });

  it('writes nothing when a transaction throws', () => {
    const { env, store } = seeded();
    const window = env.calls();
    expect(() =>
      store.transaction(() => {
        store.appendJournal({
          at: '2022-06-01T00:00:00Z',
          kind: 'install',
          actor: 't',
          role: 'system',
          summary: 'x',
        });
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(Object.keys(window.summary()).filter((k) => !k.startsWith('Range.get'))).toEqual([]);
  });
});
