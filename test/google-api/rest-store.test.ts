// The REST Store: the shared store contract on a workbook served by the fake Workspace over nock (loaded with one
// values.batchGet, flushed with one values.batchUpdate), plus what is particular to it.
import { describeStoreContract } from '../support/contract/store-contract';
import { loadSnapshot, RestStore } from '../../src/google-api/rest-store';
import { columnLetter } from '../../src/domain/workbook/a1';
import { historyHeader } from '../../src/domain/workbook/history-sheet';
import { ingestWeeklyReport } from '../../src/app/ingest-weekly-report';
import { appContext, defaultProject, seededStore, weeklyAnswers } from '../support/project';
import { resetGoogleMocks, testAdapters } from '../support/google-api/google-mocks';
import { openEmptyWorkbook, type EmptyWorkbook } from '../support/google-api/empty-workbook';

// Each test drives dozens of calls through nock and the fakes: far from the default 5 s on a loaded machine.
jest.setTimeout(60_000);

const NOW = new Date('2022-05-16T09:00:00+02:00');

describe('RestStore on nock', () => {
  let workbook: EmptyWorkbook;
  let store: RestStore;
  beforeEach(async () => ({ workbook, store } = await openEmptyWorkbook()));
  afterEach(resetGoogleMocks);

  describeStoreContract('REST (Sheets on nock)', () => ({
    store,
    reopenAsync: async () => {
      await store.flush(workbook.adapters.sheets);
      return workbook.open();
    },
  }));

  describe('with pending changes', () => {
    /** Cochin's weekly report for 2022-W23, ingested into the seeded store (pending, not flushed). */
    const ingestCochinW23 = () => {
      seededStore(store);
      ingestWeeklyReport(appContext('2022-06-10T10:00:00+02:00', store), {
        submissionId: 's1',
        source: 'form',
        author: 'a@ch.fr',
        submission: {
          establishmentId: 'gh-cochin',
          useCaseId: 'uc1',
          week: '2022-W23',
          values: weeklyAnswers(),
        },
      });
    };

    it('loads with one values.batchGet and flushes with one values.batchUpdate', async () => {
      ingestCochinW23();
      const fake = workbook.fake;
      const gets = fake.count('values.batchGet');
      const writes = fake.count('values.batchUpdate');
      await store.flush(workbook.adapters.sheets);
      expect(fake.count('values.batchUpdate') - writes).toBe(1);
      await workbook.open();
      expect(fake.count('values.batchGet') - gets).toBe(1);
      expect(store.pendingCount).toBe(0);
    });

    describe('Historique’s version column (the layout Apps Script reads too)', () => {
      const ingestOne = async () => {
        ingestCochinW23();
        await store.flush(workbook.adapters.sheets);
        return workbook.fake.spreadsheet(workbook.spreadsheetId).sheets;
      };
      const tab = (sheets: Awaited<ReturnType<typeof ingestOne>>, title: string) =>
        sheets.find((x) => x.properties.title === title)!;

      it('reads a version kept in « Données » by an older version of this runtime', async () => {
        const sheets = await ingestOne();
        const history = tab(sheets, 'Historique');
        const row = history.cells[1]!;
        const json = String(row[row.length - 1]);
        history.setCell(1, row.length - 1, '');
        tab(sheets, 'Données').appendRow(['version', 's1', json]);
        const reopened = await workbook.open();
        expect(reopened.hasSubmission('s1')).toBe(true);
        expect(reopened.listReportVersions()).toEqual(store.listReportVersions());
      });

      it('refuses a version cell edited by hand, naming the row, in French', async () => {
        const sheets = await ingestOne();
        const history = tab(sheets, 'Historique');
        history.setCell(1, history.cells[1]!.length - 1, '{"week": "edited"}');
        const column = columnLetter(historyHeader(defaultProject().tracking).length);
        await expect(workbook.open()).rejects.toThrow(
          `La cellule cachée Historique!${column}2 du classeur est illisible`,
        );
      });
    });

    it('grows a tab’s grid before writing past its last row', async () => {
      seededStore(store);
      for (let i = 0; i < 520; i += 1)
        store.appendJournal({
          at: NOW.toISOString(),
          kind: 'reminder',
          actor: 't',
          role: 'system',
          summary: `n° ${i}`,
        });
      await store.flush(workbook.adapters.sheets);
      const reopened = await workbook.open();
      expect(reopened.listJournal()).toHaveLength(520);
      expect(workbook.fake.values(workbook.spreadsheetId, 'Journal')).toHaveLength(521);
    });

    it('forgets the changes of a transaction that throws', () => {
      seededStore(store);
      const pending = store.pendingCount;
      expect(() =>
        store.transaction(() => {
          store.appendJournal({
            at: NOW.toISOString(),
            kind: 'install',
            actor: 't',
            role: 'system',
            summary: 'x',
          });
          throw new Error('boom');
        }),
      ).toThrow('boom');
      expect(store.pendingCount).toBe(pending);
    });
  });

  it('refuses a workbook without our tabs, in French', async () => {
    const { adapters } = testAdapters();
    const { spreadsheetId } = await adapters.sheets.create('Autre');
    await expect(
      loadSnapshot(adapters.sheets, spreadsheetId, defaultProject().tracking),
    ).rejects.toMatchObject({
      code: 'NOT_INSTALLED',
      userMessage: expect.stringContaining('suivi-mes google install'),
    });
  });
});
