// A workbook an older version of `suivi-mes google` wrote keeps its forms, their read cursors and the accesses it
// granted as rows of the hidden « Données » tab. This version keeps forms (cursor included) in each Suivi row's
// record, as Apps Script does, and the accesses in the meta cell: the older rows are still read, and the next write
// moves them — in the one values.batchUpdate a sync makes anyway.
import { install } from '../../src/google-api/install';
import { parseMeta } from '../../src/google/stored-json';
import { META_ROW, suiviHiddenColumns } from '../../src/google/workbook-layout';
import { defaultProject, projectCopy, weeklyAnswers } from '../support/project';
import type { FakeWorkspace } from '../support/google-api/fake-workspace';
import {
  installedWorkspace,
  resetGoogleMocks,
  syncAt,
  testAdapters,
} from '../support/google-api/google-mocks';
import { cessrinProfile, respond } from '../support/google-api/respond';
import {
  storedForm,
  storedForms,
  toOlderFormLayout,
  toOlderShareLayout,
} from '../support/google-api/stored-forms';

jest.setTimeout(60_000);

const COCHIN = 'gh-cochin';
const CESSRIN = 'cessrin-maisons-laffitte';

describe('an older REST workbook: forms, cursors and shares in « Données »', () => {
  let fake: FakeWorkspace;
  let spreadsheetId: string;
  const ARS = ['binome1@ars.fr', 'binome2@ars.fr'];
  const withArs = (ars: string[]) => {
    const project = projectCopy();
    project.config.roles = { ...project.config.roles, ars };
    return project;
  };
  beforeEach(async () => {
    ({ fake, spreadsheetId } = await installedWorkspace({
      adminEmail: 'admin@ars.fr',
      project: withArs(ARS),
    }));
  });
  afterEach(resetGoogleMocks);

  const runSync = (now: string) => syncAt(spreadsheetId, now);
  const weekly = (week: string, date: string) => ({ ...weeklyAnswers({}, { report_date: date }), week });
  const dataRows = (kind: string) => fake.values(spreadsheetId, 'Données').filter((r) => r[0] === kind);
  const meta = () => {
    const { recordCol } = suiviHiddenColumns(defaultProject().tracking);
    return parseMeta(
      String(fake.values(spreadsheetId, 'Suivi')[META_ROW - 1]?.[recordCol - 1] ?? ''),
      'meta',
    );
  };

  it('reads its forms and cursors, then moves them to Suivi’s records in the write of the next sync', async () => {
    respond(fake, spreadsheetId, COCHIN, weekly('2022-W23', '2022-06-10'), '2022-06-10T08:00:00Z');
    await runSync('2022-06-10T12:00:00+02:00');
    const before = storedForms(fake, spreadsheetId);
    toOlderFormLayout(fake, spreadsheetId);
    expect(storedForms(fake, spreadsheetId)).toEqual([]);
    expect(dataRows('form')).toHaveLength(before.length);
    expect(dataRows('cursor')).toHaveLength(1);

    const writes = fake.spreadsheet(spreadsheetId).valueWrites.length;
    const formWrites = fake.count('forms.batchUpdate');
    const result = await runSync('2022-06-10T13:00:00+02:00');
    // The cursor was read from « Données »: the response is not listed again.
    expect(result).toMatchObject({ accepted: 0, refused: 0, alreadyIngested: 0 });
    // One write moved every form to its establishment's records (then the Synthèse is redrawn, as after any
    // write); no form was changed.
    const tabsOf = (w: { data?: Array<{ range?: string | null }> }) =>
      new Set((w.data ?? []).map((d) => d.range?.split('!')[0]));
    const recordWrites = fake
      .spreadsheet(spreadsheetId)
      .valueWrites.slice(writes)
      .filter((w) => tabsOf(w).has("'Suivi'"));
    expect(recordWrites).toHaveLength(1);
    expect(tabsOf(recordWrites[0]!).has("'Données'")).toBe(false);
    expect(fake.count('forms.batchUpdate')).toBe(formWrites);
    // As they were, but for `published`, which older versions did not keep (install checks each form anyway).
    const unpublished = before.map(({ meta: { published: _published, ...meta }, ...f }) => ({ ...f, meta }));
    expect(storedForms(fake, spreadsheetId)).toEqual(unpublished);
    expect(storedForm(fake, spreadsheetId, COCHIN).api?.since).toBe('2022-06-10T08:00:00Z');

    // From then on the records are the forms' place: the next sync writes nothing.
    const again = await runSync('2022-06-10T14:00:00+02:00');
    expect(again.writes).toBe(0);
  });

  it('maps the record fields an older version named `name[i].field` to the shared item keys', async () => {
    const profile = cessrinProfile();
    respond(fake, spreadsheetId, CESSRIN, profile, '2022-05-20T08:00:00Z', 'initialisation');
    toOlderFormLayout(fake, spreadsheetId);
    expect(dataRows('form').some((r) => String(r[2]).includes('es_contact[0].email'))).toBe(true);
    const result = await runSync('2022-05-20T12:00:00+02:00');
    expect(result).toMatchObject({ accepted: 1, refused: 0 });
    const questions = storedForm(fake, spreadsheetId, CESSRIN, 'initialisation').api?.questions ?? {};
    expect(Object.keys(questions)).toContain('es_contact#0.email');
    expect(Object.keys(questions).some((k) => k.includes('['))).toBe(false);
  });

  it('reads the accesses it granted, moves them to the meta cell, and still withdraws only those', async () => {
    const shares = toOlderShareLayout(fake, spreadsheetId);
    expect(shares.length).toBeGreaterThan(0);
    expect(meta().shares).toBeUndefined();
    await runSync('2022-05-20T12:00:00+02:00');
    expect(meta().shares).toEqual(shares);

    // A re-install without one ARS address withdraws what suivi-mes granted it, read from the meta cell.
    const { adapters, google } = testAdapters();
    const result = await install(adapters, google, {
      project: withArs(['binome1@ars.fr']),
      now: new Date('2022-05-21T09:00:00+02:00'),
      adminEmail: 'admin@ars.fr',
      spreadsheetId,
    });
    expect(result.access.withdrawn).toEqual(['binome2@ars.fr']);
    expect(
      meta()
        .shares?.filter((s) => !s.granted)
        .map((s) => s.email),
    ).toEqual(['binome2@ars.fr']);
  });
});
