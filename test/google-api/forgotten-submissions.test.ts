// A row's record forgets the Forms API submission ids more than a day before its forms' cursors
// (src/google/api-submissions.ts), so that it fits a cell over long seasons. Google documents `timestamp > N` as
// « submitted after (but not at) timestamp N » (Forms API « Method: forms.responses.list »,
// https://developers.google.com/workspace/forms/api/reference/rest/v1/forms.responses/list) but not which time nor
// at what precision it compares: here a stricter Google lists again every response AT the cursor too, and a
// response read again is still not ingested twice (two in the same microsecond, an edited one).
import { suiviKey } from '../support/google-api/suivi-key';
import { suiviHiddenColumns } from '../../src/google/workbook-layout';
import { parseRowRecord, type RowRecord } from '../../src/google/stored-json';
import { JOURNAL_KIND_LABELS } from '../../src/domain/model';
import { rewindCursors, storedForm } from '../support/google-api/stored-forms';
import { defaultProject, weeklyAnswers } from '../support/project';
import type { FakeWorkspace } from '../support/google-api/fake-workspace';
import { installedWorkspace, resetGoogleMocks, syncAt } from '../support/google-api/google-mocks';
import { respond } from '../support/google-api/respond';

jest.setTimeout(60_000);

describe('Forms API ids a row’s record forgets', () => {
  let fake: FakeWorkspace;
  let spreadsheetId: string;
  beforeEach(async () => {
    ({ fake, spreadsheetId } = await installedWorkspace({ adminEmail: 'admin@ars.fr' }));
  });
  afterEach(resetGoogleMocks);

  const runSync = (now: string) => syncAt(spreadsheetId, now);
  /** A stricter Google: `timestamp > N` also lists the responses submitted AT N. */
  const listingAtTheCursorToo = () => {
    fake.listResponses = (id, filter) => {
      const since = /^timestamp > (\S+)$/.exec(filter ?? '')?.[1] ?? '';
      return { responses: fake.form(id).responses.filter((r) => (r.lastSubmittedTime ?? '') >= since) };
    };
  };
  const weekly = (week: string, reportDate: string, counters: Record<string, number> = {}) => ({
    ...weeklyAnswers(counters, { report_date: reportDate }),
    week,
  });
  /** GH Cochin reports `week` (dated `reportDate`), submitted at `at`; returns the response id. */
  const cochinReports = (
    week: string,
    reportDate: string,
    at: string,
    counters: Record<string, number> = {},
  ) => respond(fake, spreadsheetId, 'gh-cochin', weekly(week, reportDate, counters), at);
  const record = (key: string): RowRecord => {
    const at = suiviHiddenColumns(defaultProject().tracking).recordCol - 1;
    const row = fake.values(spreadsheetId, 'Suivi').find((r) => suiviKey(r) === key);
    return parseRowRecord(String(row?.[at]), key);
  };
  const history = () => fake.values(spreadsheetId, 'Historique').length - 1;
  const refusals = () =>
    fake.values(spreadsheetId, 'Journal').filter((r) => r[1] === JOURNAL_KIND_LABELS['report.refused'])
      .length;
  const idOf = (responseId: string) => {
    const r = fake
      .form(storedForm(fake, spreadsheetId, 'gh-cochin').id)
      .responses.find((x) => x.responseId === responseId);
    return `${responseId}@${r?.lastSubmittedTime ?? ''}`;
  };

  it('forgets the ids a week before the cursor, keeps those at it, and does not ingest the latter again', async () => {
    const w22 = cochinReports('2022-W22', '2022-06-03', '2022-06-03T08:00:00.000001Z', { dmp_fed: 15 });
    expect(await runSync('2022-06-03T12:00:00+02:00')).toMatchObject({ accepted: 1 });
    expect(record('gh-cochin/uc1').submissions).toEqual([idOf(w22)]);
    // A decreasing counter (refused), then a valid report submitted in the same microsecond as the cursor.
    const refused = cochinReports('2022-W23', '2022-06-10', '2022-06-10T08:00:00.123456Z', { dmp_fed: 12 });
    const accepted = cochinReports('2022-W23', '2022-06-10', '2022-06-10T09:00:00.654321Z', { dmp_fed: 16 });
    const twin = cochinReports('2022-W23', '2022-06-10', '2022-06-10T09:00:00.654321Z', { dmp_fed: 17 });
    expect(await runSync('2022-06-10T12:00:00+02:00')).toMatchObject({ accepted: 2, refused: 1 });
    const kept = record('gh-cochin/uc1');
    // W22's id is a week before the cursor: forgotten, while its version stays named for Historique.
    expect(kept.submissions.sort()).toEqual([idOf(refused), idOf(accepted), idOf(twin)].sort());
    expect(kept.versions['2022-W22']).toBe(idOf(w22));
    expect([idOf(accepted), idOf(twin)]).toContain(kept.versions['2022-W23']);
    expect(storedForm(fake, spreadsheetId, 'gh-cochin').api?.since).toBe('2022-06-10T09:00:00.654321Z');

    listingAtTheCursorToo();
    const before = { history: history(), refusals: refusals() };
    const again = await runSync('2022-06-10T13:00:00+02:00');
    // Both responses at the cursor come again; they are known.
    expect(again).toMatchObject({ accepted: 0, refused: 0, alreadyIngested: 2, writes: 0 });
    expect({ history: history(), refusals: refusals() }).toEqual(before);
  });

  it('takes an edited response as a new submission, once, and forgets its first time', async () => {
    const id = cochinReports('2022-W23', '2022-06-10', '2022-06-10T08:00:00.5Z', { dmp_fed: 6 });
    expect(await runSync('2022-06-10T12:00:00+02:00')).toMatchObject({ accepted: 1 });
    const first = idOf(id);
    // The respondent edits it two days later: same response id, new lastSubmittedTime and answers.
    // Played on the one model's response (the Forms API lists it with its new time and answer).
    const form = fake.form(storedForm(fake, spreadsheetId, 'gh-cochin').id).data;
    const response = form.responses.find((r) => r.id === id)!;
    response.time = '2022-06-12T08:00:00.25Z';
    response.at = new Date(response.time);
    const dmpFed = storedForm(fake, spreadsheetId, 'gh-cochin').api!.questions['dmp_fed']!.questionId;
    const item = form.questions().find((q) => form.apiIdsOf(q, fake.google.forms).questionId === dmpFed)!;
    response.answers.set(item.id, '9');
    expect(await runSync('2022-06-12T12:00:00+02:00')).toMatchObject({ accepted: 1 });
    const kept = record('gh-cochin/uc1');
    expect(kept.submissions).toEqual([idOf(id)]);
    expect(kept.submissions).not.toContain(first);
    expect(kept.versions['2022-W23']).toBe(idOf(id));
    expect(kept.ledger.find((e) => e.week === '2022-W23')).toMatchObject({
      version: 2,
      counters: { dmp_fed: 9 },
    });

    listingAtTheCursorToo();
    expect(await runSync('2022-06-12T13:00:00+02:00')).toMatchObject({
      accepted: 0,
      alreadyIngested: 1,
      writes: 0,
    });
    expect(history()).toBe(2);
  });

  it('still recognises a forgotten accepted report listed again (this runtime reads Historique)', async () => {
    cochinReports('2022-W22', '2022-06-03', '2022-06-03T08:00:00Z');
    await runSync('2022-06-03T12:00:00+02:00');
    cochinReports('2022-W23', '2022-06-10', '2022-06-10T08:00:00Z');
    await runSync('2022-06-10T12:00:00+02:00');
    expect(record('gh-cochin/uc1').submissions).toHaveLength(1);
    // Every cursor lost: the whole form is listed again.
    rewindCursors(fake, spreadsheetId);
    expect(await runSync('2022-06-10T13:00:00+02:00')).toMatchObject({ accepted: 0, alreadyIngested: 2 });
    expect(history()).toBe(2);
    // The cursor is written again with them, and the record forgets the older id again.
    expect(storedForm(fake, spreadsheetId, 'gh-cochin').api?.since).toBe('2022-06-10T08:00:00Z');
    expect(record('gh-cochin/uc1').submissions).toHaveLength(1);
  });
});
