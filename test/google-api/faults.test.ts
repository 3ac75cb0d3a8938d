// `suivi-mes google sync` through a storm, on nock: three weeks of reports from the pilots with one use case,
// synced while every third call to Google fails with 429, 500 or 503; one sync gives up in the middle (its write
// refused six times in a row) and the next run completes it (sync.test.ts covers a failure between the records
// write and the cursor write, workbook-lock.test.ts a lock held by another run). The test prints what was injected and retried; the assertions say that each
// report is in Historique exactly once, the Suivi row shows the latest, and nothing is journaled twice.
import { suiviKey } from '../support/google-api/suivi-key';
import { frWorkbookLayout } from '../../src/google/messages';
import { addWeeks, dateInWeek, type IsoWeek } from '../../src/domain/iso-week';
import { sync, type SyncResult } from '../../src/google-api/sync';
import { GoogleApiError } from '../../src/google-api/errors';
import { historyHeader } from '../../src/domain/workbook/history-sheet';
import { defaultProject, FixedClock, seededEstablishments, weeklyAnswers } from '../support/project';
import { FakeWorkspace } from '../support/google-api/fake-workspace';
import { installedWorkspace, resetGoogleMocks, testAdapters } from '../support/google-api/google-mocks';
import { respond } from '../support/google-api/respond';

jest.setTimeout(180_000);

const project = defaultProject();
const FIRST: IsoWeek = '2022-W20';
const WEEKS = 3;
const single = seededEstablishments(project).filter((e) => e.useCases.length === 1);
const counters = (index: number, week: number) => ({
  messages_sent: 10 * (index + 1) * (week + 1),
  messages_received: 2 * (week + 1),
  dmp_fed: 5 * (week + 1),
  dmp_consulted: week + 1,
  patients_included: 8 * (week + 1),
  visits: 12 * (index + 1) * (week + 1),
});
const column = (id: string) => project.tracking.columns.findIndex((c) => c.id === id);

describe('google sync through a storm of 429 and 5xx', () => {
  const fake = new FakeWorkspace();
  let spreadsheetId = '';
  const results: SyncResult[] = [];
  const printed: Record<string, number> = {};
  let retries = 0;
  let gaveUp = 0;
  let responses = 0;

  async function runSync(now: string): Promise<SyncResult> {
    const { adapters, google, timing } = testAdapters();
    try {
      const result = await sync(adapters, google, {
        project,
        spreadsheetId,
        clock: new FixedClock(new Date(now)),
      });
      results.push(result);
      return result;
    } finally {
      retries += timing.waits.length;
    }
  }

  beforeAll(async () => {
    ({ spreadsheetId } = await installedWorkspace({ project, fake }));
    fake.storm(3, [429, 500, 503]);
    for (let w = 0; w < WEEKS; w += 1) {
      const week = addWeeks(FIRST, w);
      const friday = dateInWeek(week, 5);
      single.forEach((e, i) => {
        const at = new Date(`${friday}T08:${String(i).padStart(2, '0')}:00Z`).toISOString();
        respond(
          fake,
          spreadsheetId,
          e.id,
          { ...weeklyAnswers(counters(i, w), { report_date: friday }), week },
          at,
        );
        responses += 1;
      });
      if (w === 1) {
        // The records write is refused six times in a row: this sync gives up, the next one completes it.
        fake.failNext('values.batchUpdate', 500, 500, 500, 500, 500, 500);
        await expect(runSync(`${friday}T12:00:00+02:00`)).rejects.toMatchObject({
          code: 'RETRIES_EXHAUSTED',
        });
        gaveUp += 1;
      }
      await runSync(`${friday}T12:30:00+02:00`);
    }
    fake.calm();
    printed['réponses'] = responses;
    printed['synchronisations abandonnées'] = gaveUp;
    for (const [status, n] of Object.entries(fake.stormInjected)) printed[`erreurs ${status} injectées`] = n;
    printed['nouvelles tentatives'] = retries;
    printed['acceptées'] = results.reduce((n, r) => n + r.accepted, 0);
    process.stdout.write(
      `\n[sync sous tempête] ${Object.entries(printed)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')}\n`,
    );
  });
  afterAll(resetGoogleMocks);

  it('met every kind of failure, and retried them', () => {
    expect(fake.stormInjected[429]).toBeGreaterThan(0);
    expect(fake.stormInjected[500]).toBeGreaterThan(0);
    expect(fake.stormInjected[503]).toBeGreaterThan(0);
    expect(retries).toBeGreaterThanOrEqual(
      (fake.stormInjected[429] ?? 0) + (fake.stormInjected[500] ?? 0) + (fake.stormInjected[503] ?? 0),
    );
  });

  it('stores each report once in Historique, whatever failed on the way', () => {
    const [header, ...rows] = fake.values(spreadsheetId, 'Historique');
    expect(header).toEqual([...historyHeader(project.tracking), frWorkbookLayout.historyJsonColumn]);
    const weekCol = header!.indexOf('Semaine');
    const nameCol = header!.indexOf(project.tracking.columns[column('establishment')]!.label);
    const keys = rows.map((r) => `${r[nameCol]} ${r[weekCol]}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(rows).toHaveLength(responses);
    // Each row carries its own version in the hidden column, read back at the next load.
    const ids = rows.map((r) => (JSON.parse(String(r.at(-1))) as { submissionId: string }).submissionId);
    expect(new Set(ids).size).toBe(responses);
    expect(results.reduce((n, r) => n + r.accepted, 0)).toBe(responses);
  });

  it('shows each establishment’s last report in its Suivi row', () => {
    const suivi = fake.values(spreadsheetId, 'Suivi');
    single.forEach((e, i) => {
      const row = suivi.find((r) => suiviKey(r) === `${e.id}/${e.useCases[0]!.id}`) ?? [];
      expect([e.id, row[column('visits')]]).toEqual([e.id, counters(i, WEEKS - 1).visits]);
    });
  });

  it('journals each accepted report once', () => {
    const accepted = fake
      .values(spreadsheetId, 'Journal')
      .slice(1)
      .filter((r) => String(r[6]).includes('@'));
    const ids = accepted.map((r) => String(r[6]).split(':')[0]);
    expect(ids).toHaveLength(responses);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('reads nothing new at the next sync, storm over', async () => {
    const before = fake.values(spreadsheetId, 'Historique').length;
    const again = await runSync('2022-06-03T18:00:00+02:00');
    expect(again).toMatchObject({ accepted: 0, refused: 0, alreadyIngested: 0 });
    expect(fake.values(spreadsheetId, 'Historique')).toHaveLength(before);
  });

  it('gives up with a French message naming the failure when Google never recovers', async () => {
    fake.failNext('forms.responses.list', ...Array.from({ length: 10 }, () => 503));
    const failed = runSync('2022-06-03T19:00:00+02:00');
    await expect(failed).rejects.toBeInstanceOf(GoogleApiError);
    await expect(failed).rejects.toThrow(/Google/);
    fake.failures.clear();
  });
});
