// google install and sync against the fake Workspace, on two behaviours of Google today: forms made by the API start
// unpublished (« API changes to Google Forms ») and take no response until published, so install publishes every
// form and a re-install or a new week reopens one that is not (or makes anew one deleted by hand); and Drive refuses
// a silent share with an address that has no Google account, which install journals, reports and goes past.
import { storedForms } from '../support/google-api/stored-forms';
import { install } from '../../src/google-api/install';
import { sync } from '../../src/google-api/sync';
import { defaultProject, FixedClock, projectCopy, weeklyAnswers } from '../support/project';
import { FakeWorkspace } from '../support/google-api/fake-workspace';
import { installedWorkspace, resetGoogleMocks, testAdapters } from '../support/google-api/google-mocks';
import { respond } from '../support/google-api/respond';
import { frGoogleShared } from '../../src/google/messages';
import { FormClosedError } from '../support/gas/form-app';

jest.setTimeout(60_000);

const NOW = new Date('2022-05-16T09:00:00+02:00');

/** The forms Suivi's records hold, one per establishment and kind. */
function formRecords(fake: FakeWorkspace, spreadsheetId: string) {
  return storedForms(fake, spreadsheetId).map((f) => ({
    form: f.kind,
    establishmentId: f.establishmentId,
    formId: f.meta.id,
    responderUri: f.meta.url,
  }));
}

function journal(fake: FakeWorkspace, spreadsheetId: string): string[] {
  return fake.values(spreadsheetId, 'Journal').map((row) => row.map(String).join(' | '));
}

const weekly = (week: string, date: string) => ({ ...weeklyAnswers({}, { report_date: date }), week });

describe('google install: published forms', () => {
  let fake: FakeWorkspace;
  let spreadsheetId: string;
  beforeEach(async () => {
    ({ fake, spreadsheetId } = await installedWorkspace({ adminEmail: 'admin@ars.fr', now: NOW }));
  });
  afterEach(resetGoogleMocks);

  const reinstall = () => {
    const { adapters, google } = testAdapters();
    return install(adapters, google, {
      project: defaultProject(),
      now: NOW,
      adminEmail: 'admin@ars.fr',
      spreadsheetId,
    });
  };

  it('creates every form unpublished, then publishes it open to responses', () => {
    const records = formRecords(fake, spreadsheetId);
    expect(records).toHaveLength(32);
    expect(records.filter((r) => !fake.isOpen(r.formId))).toEqual([]);
    // forms.create then setPublishSettings, once per form.
    expect(fake.count('forms.setPublishSettings')).toBe(32);
  });

  it('refuses a response to a form that is not published, as Google does', () => {
    const made = fake.createForm({ info: { title: 'Brouillon' } });
    expect(() => fake.submit(made.formId ?? '', {}, '2022-05-16T10:00:00Z')).toThrow(FormClosedError);
  });

  it('republishes at re-install a form an earlier version left unpublished and one closed by hand, creating none', async () => {
    const [first, second] = formRecords(fake, spreadsheetId).filter((r) => r.form === 'weekly');
    fake.form(first?.formId ?? '').published = undefined;
    fake.form(second?.formId ?? '').published = { isPublished: true, isAcceptingResponses: false };
    const created = fake.count('forms.create');
    const result = await reinstall();
    expect([result.formsReopened, result.formsRecreated, result.formsCreated]).toEqual([2, 0, 0]);
    expect(fake.count('forms.create')).toBe(created);
    expect([fake.isOpen(first?.formId ?? ''), fake.isOpen(second?.formId ?? '')]).toEqual([true, true]);
    expect(journal(fake, spreadsheetId).filter((l) => l.includes('republié'))).toHaveLength(2);
  });

  it('makes anew at re-install a form someone deleted: published, recorded, its link in the registry', async () => {
    const old = formRecords(fake, spreadsheetId).find(
      (r) => r.form === 'weekly' && r.establishmentId === 'gh-cochin',
    );
    fake.deleteForm(old?.formId ?? '');
    const result = await reinstall();
    expect([result.formsReopened, result.formsRecreated]).toEqual([0, 1]);
    const made = formRecords(fake, spreadsheetId).find(
      (r) => r.form === 'weekly' && r.establishmentId === 'gh-cochin',
    );
    expect(made?.formId).not.toBe(old?.formId);
    expect(fake.isOpen(made?.formId ?? '')).toBe(true);
    const registry = fake.values(spreadsheetId, 'Établissements').flat().map(String);
    expect(registry).toContain(made?.responderUri);
    expect(registry).not.toContain(old?.responderUri);
    // The new form takes responses and sync ingests them.
    respond(fake, spreadsheetId, 'gh-cochin', weekly('2022-W20', '2022-05-16'), '2022-05-16T10:00:00Z');
    const { adapters, google } = testAdapters();
    const synced = await sync(adapters, google, {
      project: defaultProject(),
      spreadsheetId,
      clock: new FixedClock(new Date('2022-05-16T12:00:00+02:00')),
    });
    expect(synced.accepted).toBe(1);
  });

  it('reopens at the sync of a new week a weekly form closed by hand', async () => {
    const cochin = formRecords(fake, spreadsheetId).find(
      (r) => r.form === 'weekly' && r.establishmentId === 'gh-cochin',
    );
    fake.form(cochin?.formId ?? '').published = { isPublished: true, isAcceptingResponses: false };
    const { adapters, google } = testAdapters();
    const result = await sync(adapters, google, {
      project: defaultProject(),
      spreadsheetId,
      clock: new FixedClock(new Date('2022-05-23T09:00:00+02:00')),
    });
    expect(result.formsUpdated).toBeGreaterThan(0);
    expect(fake.isOpen(cochin?.formId ?? '')).toBe(true);
  });
});

describe('google install: an address without a Google account', () => {
  afterEach(resetGoogleMocks);

  it('journals and reports the share Drive refuses, and finishes the install', async () => {
    const fake = new FakeWorkspace();
    fake.noGoogleAccount.add('ans@sante.example');
    const project = projectCopy();
    project.config.roles.ars = ['binome@ars.example'];
    project.config.roles.ans = ['ans@sante.example'];
    const { spreadsheetId } = await installedWorkspace({
      fake,
      project,
      adminEmail: 'admin@ars.fr',
      now: NOW,
    });
    const lines = journal(fake, spreadsheetId);
    // One Journal line, naming the address and why.
    const refusals = lines.filter((l) => l.includes(frGoogleShared.noGoogleAccount));
    expect(refusals).toHaveLength(1);
    expect(refusals[0]).toContain('Partage de « ');
    expect(refusals[0]).toContain('ans@sante.example');
    expect(formRecords(fake, spreadsheetId)).toHaveLength(32);
    const users = fake
      .listPermissions(spreadsheetId)
      .permissions.map((p) => p.emailAddress)
      .filter((e) => e !== fake.owner);
    expect(users).toEqual(['binome@ars.example']);
    // Its protections: Google may refuse one naming an editor with no account (S13), so the install drew them for
    // the owner, then gave them their editors but the refused address (the ARS binôme keeps its columns).
    const editors = fake
      .spreadsheet(spreadsheetId)
      .sheets.flatMap((s) => s.protectedRanges)
      .flatMap((p) => p.editors?.users ?? []);
    expect(editors).toContain('binome@ars.example');
    expect(editors).not.toContain('ans@sante.example');

    // The next install tries again (a Google account may exist by then) and says so again.
    const { adapters, google } = testAdapters();
    const again = await install(adapters, google, {
      project,
      now: NOW,
      adminEmail: 'admin@ars.fr',
      spreadsheetId,
    });
    expect(again.access.refused).toEqual([
      {
        email: 'ans@sante.example',
        what: expect.any(String) as string,
        reason: frGoogleShared.noGoogleAccount,
      },
    ]);
    expect(again.access.granted).toEqual([]);
  });
});
