// install then sync over several weeks of responses gives, in Suivi and Historique, exactly what the reference
// in-memory runtime computes from the same submissions (the Apps Script comparison awaits that runtime on main).
import { suiviKey } from '../support/google-api/suivi-key';
import { install } from '../../src/google-api/install';
import { sync } from '../../src/google-api/sync';
import { rawRow } from '../../src/google/cell-values';
import { ingestWeeklyReport } from '../../src/app/ingest-weekly-report';
import { dateInWeek } from '../../src/domain/iso-week';
import { currentState } from '../../src/domain/ledger';
import { establishmentName, rowKey } from '../../src/domain/model';
import { suiviRowCells, suiviRowValues } from '../../src/domain/workbook/suivi-sheet';
import { historyRecordRow } from '../../src/google/workbook-codec';
import { parseRowRecord } from '../../src/google/stored-json';
import { appContext, defaultProject, FixedClock, weeklyAnswers } from '../support/project';
import { FakeWorkspace } from '../support/google-api/fake-workspace';
import {
  mockWorkspace,
  resetGoogleMocks,
  setupGoogleMocks,
  testAdapters,
} from '../support/google-api/google-mocks';
import { respond } from '../support/google-api/respond';

// Each test drives dozens of calls through nock and the fakes: far from the default 5 s on a loaded machine.
jest.setTimeout(60_000);

const WEEKS = ['2022-W21', '2022-W22', '2022-W23', '2022-W24'];
// In registry order: sync reads the forms in that order.
const ROWS = [
  ['clinique-du-parc', 'uc1'],
  ['gh-cochin', 'uc1'],
] as const;

describe('a season through install and sync', () => {
  beforeEach(setupGoogleMocks);
  afterEach(resetGoogleMocks);

  it('writes the Suivi and Historique values the reference runtime computes', async () => {
    const project = defaultProject();
    const fake = new FakeWorkspace();
    mockWorkspace(fake);
    const { adapters, google } = testAdapters();
    const { spreadsheetId } = await install(adapters, google, {
      project,
      now: new Date('2022-05-16T09:00:00+02:00'),
    });
    const reference = appContext('2022-05-16T09:00:00+02:00');
    let n = 0;
    for (const [w, week] of WEEKS.entries()) {
      const friday = `${dateInWeek(week, 5)}T10:00:00Z`;
      for (const [e, [establishmentId, useCaseId]] of ROWS.entries()) {
        // A decreasing counter in W23 for the second row: refused in both runtimes.
        const counters = { dmp_fed: e === 1 && week === '2022-W23' ? 1 : 5 + w * 3, visits: 12 + w };
        const answers = weeklyAnswers(counters, {
          report_date: dateInWeek(week, 5),
          vigilance_points: w === 2 ? '=1+1 $x' : '',
        });
        n += 1;
        const responseId = respond(fake, spreadsheetId, establishmentId, { ...answers, week }, friday);
        reference.clock.set(`${dateInWeek(week, 5)}T18:00:00+02:00`);
        ingestWeeklyReport(reference, {
          submissionId: `${responseId}@${friday}`,
          source: 'form',
          author: `formulaire ${establishmentName(reference.store.getEstablishment(establishmentId) ?? { id: establishmentId, values: {}, useCases: [] })}`,
          receivedAt: new Date(friday),
          submission: { establishmentId, useCaseId, week, values: answers },
        });
      }
      const result = await sync(adapters, google, {
        project,
        spreadsheetId,
        clock: new FixedClock(new Date(`${dateInWeek(week, 5)}T18:00:00+02:00`)),
      });
      // What sync itself wrote never reads back as a cell typed in the sheet.
      expect(result.sheetEdits).toEqual({ saved: 0, restored: 0 });
    }
    expect(n).toBe(8);
    const versions = reference.store.listReportVersions();
    expect(versions).toHaveLength(7);
    const byId = new Map(reference.store.listEstablishments().map((e) => [e.id, e]));
    const history = fake.values(spreadsheetId, 'Historique').slice(1);
    expect(history).toEqual(
      versions.map((v) => {
        const [id, uc] = v.rowKey.split('/');
        const e = byId.get(id ?? '');
        // The model's cells, then the version as JSON (the hidden column both Google runtimes read back).
        return rawRow(
          historyRecordRow(
            project.tracking,
            v,
            e,
            e?.useCases.find((u) => u.id === uc),
          ),
        );
      }),
    );
    const current = currentState(versions);
    for (const [establishmentId, useCaseId] of ROWS) {
      const key = rowKey(establishmentId, useCaseId);
      const e = byId.get(establishmentId);
      const u = e?.useCases.find((x) => x.id === useCaseId);
      if (!e || !u) throw new Error('missing row');
      const expected = rawRow(
        suiviRowCells(project.tracking, suiviRowValues(project.tracking, e, u, current.get(key), {}), key),
      );
      const row = fake.values(spreadsheetId, 'Suivi').find((r) => suiviKey(r) === key) ?? [];
      expect(row.slice(0, expected.length)).toEqual(expected);
      // Then the row's record (the hidden column both Google runtimes read back): the reference's ledger.
      const record = parseRowRecord(String(row[expected.length]), key);
      expect(record.establishment).toEqual(e);
      expect(record.ledger).toEqual(reference.store.rowLedger(key));
    }
  });
});
