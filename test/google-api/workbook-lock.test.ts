// The workbook lock (developer metadata on the spreadsheet): a run refuses to start while another holds it, an
// expired lock is ignored and cleared, the lock is released after success and failure, and two syncs started
// together never both write.
import { sync } from '../../src/google-api/sync';
import { LOCK_KEY } from '../../src/google-api/workbook-lock';
import { GoogleApiError } from '../../src/google-api/errors';
import { defaultProject, FixedClock, weeklyAnswers } from '../support/project';
import { FakeWorkspace } from '../support/google-api/fake-workspace';
import {
  installedWorkspace,
  RecordedTiming,
  resetGoogleMocks,
  testAdapters,
} from '../support/google-api/google-mocks';
import { respond } from '../support/google-api/respond';

// Each test drives dozens of calls through nock and the fakes: far from the default 5 s on a loaded machine.
jest.setTimeout(60_000);

const NOW = '2022-06-10T12:00:00+02:00';

/** Waits for real (a fiftieth of the time asked) so two runs interleave as they would; chance is fixed. */
class PausingTiming extends RecordedTiming {
  constructor(private readonly value: number) {
    super();
  }
  override async sleep(ms: number): Promise<void> {
    await super.sleep(ms);
    await new Promise((resolve) => setTimeout(resolve, ms / 50));
  }
  override random(): number {
    return this.value;
  }
}

describe('the workbook lock', () => {
  let fake: FakeWorkspace;
  let spreadsheetId: string;
  beforeEach(async () => {
    ({ fake, spreadsheetId } = await installedWorkspace({ adminEmail: 'admin@ars.fr' }));
    respond(
      fake,
      spreadsheetId,
      'gh-cochin',
      { ...weeklyAnswers(), week: '2022-W23' },
      '2022-06-10T08:00:00Z',
    );
    respond(
      fake,
      spreadsheetId,
      'clinique-du-parc',
      { ...weeklyAnswers(), week: '2022-W23' },
      '2022-06-10T08:30:00Z',
    );
  });
  afterEach(resetGoogleMocks);

  const runSync = (timing = new RecordedTiming()) => {
    const { adapters, google } = testAdapters(timing);
    return sync(adapters, google, {
      project: defaultProject(),
      spreadsheetId,
      clock: new FixedClock(new Date(NOW)),
    });
  };
  const locks = () =>
    fake.spreadsheet(spreadsheetId).developerMetadata.filter((m) => m.metadataKey === LOCK_KEY);
  const holdLock = (expiresAt: string) =>
    fake.spreadsheet(spreadsheetId).developerMetadata.push({
      metadataId: 7,
      metadataKey: LOCK_KEY,
      metadataValue: JSON.stringify({
        holder: 'poste-ars (pid 42)',
        what: 'suivi-mes google sync',
        expiresAt,
      }),
      location: { spreadsheet: true },
      visibility: 'DOCUMENT',
    });

  it('refuses to sync while another run holds it, writing nothing, and says until when', async () => {
    holdLock('2022-06-10T10:15:00Z');
    const valueWrites = fake.count('values.batchUpdate');
    const failed = runSync();
    await expect(failed).rejects.toBeInstanceOf(GoogleApiError);
    await expect(failed).rejects.toMatchObject({
      code: 'LOCKED',
      userMessage: expect.stringMatching(/poste-ars \(pid 42\).*10\/06\/2022 12:15/),
    });
    expect(fake.count('values.batchUpdate')).toBe(valueWrites);
    expect(fake.count('forms.responses.list')).toBe(0);
    expect(locks()).toHaveLength(1);
  });

  it('ignores an expired lock and clears it', async () => {
    holdLock('2022-06-10T09:00:00Z');
    await expect(runSync()).resolves.toMatchObject({ accepted: 2 });
    expect(locks()).toEqual([]);
  });

  it('is released after a sync that fails', async () => {
    fake.failNext('values.batchUpdate', 500, 500, 500, 500, 500, 500);
    await expect(runSync()).rejects.toMatchObject({ code: 'RETRIES_EXHAUSTED' });
    expect(locks()).toEqual([]);
    await expect(runSync()).resolves.toMatchObject({ accepted: 2 });
  });

  it('lets only one of two syncs started together write, and each response is ingested once', async () => {
    const lockWrites = () =>
      fake
        .spreadsheet(spreadsheetId)
        .batches.flat()
        .filter((r) => r.createDeveloperMetadata).length;
    const before = lockWrites();
    const outcomes = await Promise.allSettled([
      runSync(new PausingTiming(0.1)),
      runSync(new PausingTiming(0.9)),
    ]);
    const done = outcomes.flatMap((o) => (o.status === 'fulfilled' ? [o.value] : []));
    const refused = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason as GoogleApiError] : []));
    expect(done.length).toBeGreaterThanOrEqual(1);
    expect(refused.every((e) => e.code === 'LOCKED')).toBe(true);
    expect(done.reduce((n, r) => n + r.accepted, 0)).toBe(2);
    expect(fake.values(spreadsheetId, 'Historique')).toHaveLength(3);
    expect(locks()).toEqual([]);
    // Both wrote their entry at first, saw each other, withdrew; then one took it alone.
    expect(lockWrites() - before).toBeGreaterThanOrEqual(3);
  });
});
