import { ingestWeeklyReport } from '../../src/app/ingest-weekly-report';
import { editCell } from '../../src/app/edit-cell';
import { dateInWeek } from '../../src/domain/iso-week';
import { SheetStore } from '../../src/apps-script/sheet-store';
import { createMissingSheets } from '../../src/apps-script/workbook-install';
import { describeStoreContract } from '../support/contract/store-contract';
import { appContext, defaultProject, seededStore, weeklyAnswers } from '../support/project';
import { emptyWorkbook } from '../support/apps-script/harness';

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

  describe('on a workbook of the older REST layout (a « Données » tab)', () => {
    const older =
      /ancienne version de « suivi-mes google » : ses données sont dans l'onglet caché « Données »/;
    function blankRecord(withOlderTab: boolean) {
      const { env, rt } = emptyWorkbook();
      seededStore(rt.store);
      if (withOlderTab) rt.master.insertSheet('Données', rt.master.getSheets().length);
      const recordCol = rt.store.geometry.recordCol;
      env.container.sheet('Suivi')!.setCell(3, recordCol, { value: '' });
      return { rt, store: new SheetStore(rt.master, defaultProject()) };
    }

    it('says what to do instead of failing on a blank record cell', () => {
      expect(() => blankRecord(true).store.rows()).toThrow(older);
      expect(() => blankRecord(false).store.rows()).toThrow('Suivi row 3: the technical data cell is empty');
    });

    it('is refused by install before any tab is drawn next to it', () => {
      const { rt } = blankRecord(true);
      const tabs = rt.master.getSheets().length;
      expect(() => createMissingSheets(rt)).toThrow(older);
      expect(rt.master.getSheets()).toHaveLength(tabs);
    });
  });

  it('reads everything an ingestion needs in one getValues, whatever the history', () => {
    const { env, store } = seeded();
    const window = env.calls();
    expect(submit(store, 'r1', '2022-W23').status).toBe('accepted');
    // Historique and Journal appended, the row's report cells, then its record (written last: it commits).
    expect(window.summary()).toEqual({
      'Range.getValues': 1,
      'Range.setValues': 2,
      'Sheet.appendRow': 2,
    });
    expect(window.records.filter((r) => r.kind !== 'nav').map((r) => r.name)).toEqual([
      'Range.getValues',
      'Sheet.appendRow',
      'Sheet.appendRow',
      'Range.setValues',
      'Range.setValues',
    ]);
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

describe('SheetStore when Google fails in the middle of the writes', () => {
  function seeded() {
    const { env, rt } = emptyWorkbook();
    seededStore(rt.store);
    return { env, store: new SheetStore(rt.master, defaultProject()) };
  }
  const submit = (store: SheetStore, id: string, counters: Record<string, number> = {}) =>
    ingestWeeklyReport(appContext('2022-06-10T12:00:00+02:00', store), {
      submissionId: id,
      source: 'form',
      author: 'referent@ch.fr',
      submission: {
        establishmentId: 'gh-cochin',
        useCaseId: 'uc1',
        week: '2022-W23',
        values: weeklyAnswers(counters, { report_date: '2022-06-10' }),
      },
    });
  const historyIds = (env: ReturnType<typeof seeded>['env'], store: SheetStore) => {
    const h = env.container.sheet('Historique')!;
    return Array.from({ length: h.lastRow() - 1 }, (_, i) =>
      String(h.cell(i + 2, store.geometry.historySubmissionCol)?.value ?? ''),
    );
  };

  // Every write of an ingestion, in the order the store makes them: [call, how many of its kind to let through].
  const writes: Array<[string, number]> = [
    ['Sheet.appendRow', 0],
    ['Sheet.appendRow', 1],
    ['Range.setValues', 0],
    ['Range.setValues', 1],
  ];

  it.each(writes)(
    'leaves the submission unseen when %s #%i fails, and its next ingestion writes its Historique row once',
    (call, after) => {
      const { env, store } = seeded();
      env.runtime.failNext(call, `Service Spreadsheets failed (${call})`, 1, after);
      expect(() => submit(store, 'r1', { visits: 42 })).toThrow('Service Spreadsheets failed');
      const reopened = new SheetStore(store.spreadsheet, defaultProject());
      expect(reopened.hasSubmission('r1')).toBe(false);
      expect(reopened.rowLedger('gh-cochin/uc1')).toEqual([]);
      // A row appended before the failure is not part of the history until the submission is recorded.
      expect(reopened.listReportVersions()).toEqual([]);
      reopened.recover('r1');
      expect(submit(reopened, 'r1', { visits: 42 }).status).toBe('accepted');
      expect(historyIds(env, store)).toEqual(['r1']);
      const fresh = new SheetStore(store.spreadsheet, defaultProject());
      expect(fresh.listReportVersions().map((v) => v.values.visits)).toEqual([42]);
      expect(fresh.reportVersion('gh-cochin/uc1', '2022-W23')?.submissionId).toBe('r1');
    },
  );

  it('blanks the Historique row an interrupted ingestion left when the submission is refused the next time', () => {
    const { env, store } = seeded();
    env.runtime.failNext('Range.setValues', 'Service Spreadsheets failed', 1, 1);
    expect(() => submit(store, 'r1', { visits: 42 })).toThrow();
    expect(historyIds(env, store)).toEqual(['r1']);
    // Meanwhile the next week is reported with 30 visits: r1's 42 for the week before is now refused.
    const meanwhile = new SheetStore(store.spreadsheet, defaultProject());
    expect(
      ingestWeeklyReport(appContext('2022-06-17T12:00:00+02:00', meanwhile), {
        submissionId: 'r2',
        source: 'form',
        author: 'referent@ch.fr',
        submission: {
          establishmentId: 'gh-cochin',
          useCaseId: 'uc1',
          week: '2022-W24',
          values: weeklyAnswers({ visits: 30 }, { report_date: '2022-06-17' }),
        },
      }).status,
    ).toBe('accepted');
    const again = new SheetStore(store.spreadsheet, defaultProject());
    again.recover('r1');
    expect(submit(again, 'r1', { visits: 42 }).status).toBe('refused');
    expect(historyIds(env, store).filter((id) => id !== '')).toEqual(['r2']);
    expect(new SheetStore(store.spreadsheet, defaultProject()).listReportVersions()).toHaveLength(1);
  });

  it('notes an interrupted submission in the meta cell, and forgets it once the submission is recorded', () => {
    const { env, store } = seeded();
    env.runtime.failNext('Range.setValues', 'Service Spreadsheets failed', 1, 1);
    expect(() => submit(store, 'r1')).toThrow();
    store.noteInterrupted('r1');
    expect(new SheetStore(store.spreadsheet, defaultProject()).meta().interrupted).toEqual(['r1']);
    // A later delivery finds the left-over row without being told to recover.
    const next = new SheetStore(store.spreadsheet, defaultProject());
    expect(submit(next, 'r1').status).toBe('accepted');
    expect(historyIds(env, store)).toEqual(['r1']);
    expect(new SheetStore(store.spreadsheet, defaultProject()).meta().interrupted).toEqual([]);
  });
});

describe('SheetStore through the advanced Sheets service (one batchUpdate per transaction)', () => {
  function seeded() {
    const { env, rt } = emptyWorkbook();
    seededStore(rt.store);
    const open = () =>
      new SheetStore(rt.master, defaultProject(), {
        api: env.sheetsApi.Spreadsheets,
        flush: () => env.globals.SpreadsheetApp.flush(),
      });
    return { env, open, store: open() };
  }
  const submit = (store: SheetStore, id: string, week = '2022-W23', visits = 42) =>
    ingestWeeklyReport(appContext('2022-06-17T12:00:00+02:00', store), {
      submissionId: id,
      source: 'form',
      author: 'referent@ch.fr',
      submission: {
        establishmentId: 'gh-cochin',
        useCaseId: 'uc1',
        week,
        values: weeklyAnswers({ visits }, { report_date: dateInWeek(week, 5) }),
      },
    });

  it('reads once and writes once, flushing SpreadsheetApp first unless told nothing was written through it', () => {
    const { env, store, open } = seeded();
    let window = env.calls();
    expect(submit(store, 'r1').status).toBe('accepted');
    expect(window.summary()).toEqual({
      'Range.getValues': 1,
      'SpreadsheetApp.flush': 1,
      'Sheets.Spreadsheets.batchUpdate': 1,
    });
    const next = open();
    next.expectNoDirectWrites();
    window = env.calls();
    expect(submit(next, 'r2', '2022-W24', 50).status).toBe('accepted');
    expect(window.summary()).toEqual({ 'Range.getValues': 1, 'Sheets.Spreadsheets.batchUpdate': 1 });
    const fresh = open();
    expect(fresh.listReportVersions().map((v) => [v.submissionId, v.values.visits])).toEqual([
      ['r1', 42],
      ['r2', 50],
    ]);
    expect(fresh.listJournal().filter((j) => j.kind === 'report.accepted')).toHaveLength(2);
  });

  it('writes the same cells as SpreadsheetApp does: both paths go through the shared codec', () => {
    const direct = emptyWorkbook();
    seededStore(direct.rt.store);
    const batched = seeded();
    // A date cell is the same day in both only in a Paris workbook: SpreadsheetApp takes an instant (Paris
    // midnight), the batch a day serial. The emulator's default zone is New York (the stricter case).
    for (const env of [direct.env, batched.env]) env.container.timeZone = 'Europe/Paris';
    const stores = [new SheetStore(direct.rt.master, defaultProject()), batched.store];
    for (const store of stores) {
      expect(submit(store, 'r1').status).toBe('accepted');
      expect(
        editCell(appContext('2022-06-17T12:05:00+02:00', store), {
          rowKey: 'gh-cochin/uc1',
          columnId: 'actions',
          raw: '=Relancer le DSI',
          role: 'ars',
          author: 'a@ars.fr',
          source: 'grid',
        }).status,
      ).toBe('saved');
    }
    const cells = (env: typeof direct.env, name: string) =>
      env.container.sheet(name)!.cells.map((row) => (row ?? []).map((c) => c?.value ?? ''));
    for (const name of ['Suivi', 'Historique', 'Modifications', 'Journal']) {
      const written = cells(batched.env, name);
      expect({ name, cells: cells(direct.env, name) }).toEqual({ name, cells: written });
      expect(written.length).toBeGreaterThan(1);
    }
  });

  it('leaves nothing at all when Google refuses the write, and the next delivery stores the report once', () => {
    const { env, store, open } = seeded();
    const history = env.container.sheet('Historique')!;
    const journal = env.container.sheet('Journal')!;
    const [historyRows, journalRows] = [history.lastRow(), journal.lastRow()];
    env.runtime.failNext('Sheets.Spreadsheets.batchUpdate', 'Service Spreadsheets failed', 1, 0);
    expect(() => submit(store, 'r1')).toThrow('Service Spreadsheets failed');
    expect([history.lastRow(), journal.lastRow()]).toEqual([historyRows, journalRows]);
    expect(open().hasSubmission('r1')).toBe(false);
    // Nothing was half-written, so nothing is noted for the next delivery to look for (no extra call then).
    store.noteInterrupted('r1');
    expect(open().meta().interrupted ?? []).toEqual([]);
    expect(submit(open(), 'r1').status).toBe('accepted');
    expect(submit(open(), 'r1').status).toBe('duplicate');
    expect(
      open()
        .listReportVersions()
        .map((v) => v.submissionId),
    ).toEqual(['r1']);
  });
});
