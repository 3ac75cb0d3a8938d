// Who may change which cell of the master spreadsheet `suivi-mes google install` draws, read as Google Sheets
// reads it: a person edits a cell when the file is shared with them as writer and every protected range covering
// the cell lists them as editor (the owner edits everything). Checked for each Suivi column against the owner the
// tracking file gives it, for the header rows and the system tabs, as the ARS officer, the ANS officer, an ES
// referent and the administrator who ran the install.
import type { sheets_v4 } from '@googleapis/sheets';
import { defaultProject } from '../support/project';
import { FakeWorkspace } from '../support/google-api/fake-workspace';
import { installedWorkspace, resetGoogleMocks } from '../support/google-api/google-mocks';

jest.setTimeout(60_000);

const ADMIN = 'admin@ars.fr';
const ARS = 'binome@ars.fr';
const ANS = 'ans@esante.gouv.fr';
const ES = 'referent@gh-cochin.fr';

const project = defaultProject();
project.config.roles = { ...project.config.roles, ars: [ARS], ans: [ANS] };

function covers(range: sheets_v4.Schema$GridRange, row: number, col: number): boolean {
  const inside = (i: number, start?: number | null, end?: number | null) =>
    (start ?? 0) <= i && (end === undefined || end === null || i < end);
  return (
    inside(row, range.startRowIndex, range.endRowIndex) &&
    inside(col, range.startColumnIndex, range.endColumnIndex)
  );
}

describe('protections of the master spreadsheet drawn by the REST install', () => {
  const fake = new FakeWorkspace();
  let spreadsheetId = '';

  beforeAll(async () => {
    fake.owner = ADMIN;
    ({ spreadsheetId } = await installedWorkspace({ project, fake, adminEmail: ADMIN }));
  });
  afterAll(resetGoogleMocks);

  function canEdit(user: string, tab: string, row: number, col: number): boolean {
    if (user === fake.owner) return true;
    const shared = fake
      .listPermissions(spreadsheetId)
      .permissions.some((p) => p.emailAddress === user && (p.role === 'writer' || p.role === 'owner'));
    if (!shared) return false;
    const sheet = fake.spreadsheet(spreadsheetId).sheets.find((s) => s.properties.title === tab);
    if (!sheet) throw new Error(`no tab ${tab}`);
    return sheet.protectedRanges
      .filter((p) => covers(p.range ?? {}, row, col))
      .every((p) => p.warningOnly === true || (p.editors?.users ?? []).includes(user));
  }

  const SUIVI_DATA_ROW = 2;

  it.each(project.tracking.columns.map((c, i) => [c.label, c.owner, i] as const))(
    'Suivi « %s » (%s) is edited by its owning role only',
    (_label, owner, col) => {
      expect({
        ars: canEdit(ARS, 'Suivi', SUIVI_DATA_ROW, col),
        ans: canEdit(ANS, 'Suivi', SUIVI_DATA_ROW, col),
        es: canEdit(ES, 'Suivi', SUIVI_DATA_ROW, col),
        admin: canEdit(ADMIN, 'Suivi', SUIVI_DATA_ROW, col),
      }).toEqual({ ars: owner === 'ars', ans: owner === 'ans', es: false, admin: true });
    },
  );

  it('keeps the two header rows of Suivi and its row keys for the owner', () => {
    const width = project.tracking.columns.length;
    for (const user of [ARS, ANS])
      for (let col = 0; col < width; col += 1) {
        expect([user, col, canEdit(user, 'Suivi', 0, col)]).toEqual([user, col, false]);
        expect([user, col, canEdit(user, 'Suivi', 1, col)]).toEqual([user, col, false]);
      }
    expect(canEdit(ARS, 'Suivi', SUIVI_DATA_ROW, width)).toBe(false);
    expect(canEdit(ANS, 'Suivi', SUIVI_DATA_ROW, width)).toBe(false);
  });

  it('leaves Historique, Journal, Synthèse and the records to the owner: the ANS reads its summary, nobody rewrites it', () => {
    const tabs = fake.spreadsheet(spreadsheetId).sheets.map((s) => s.properties.title);
    for (const tab of ['Historique', 'Journal', 'Synthèse', 'Données']) {
      expect(tabs).toContain(tab);
      for (const user of [ARS, ANS, ES])
        for (const [row, col] of [
          [0, 0],
          [5, 3],
          [40, 10],
        ] as const)
          expect([tab, user, row, col, canEdit(user, tab, row, col)]).toEqual([tab, user, row, col, false]);
      expect(canEdit(ADMIN, tab, 5, 3)).toBe(true);
    }
  });

  it('shares the file with the ARS and ANS officers only; the referents use their forms', () => {
    const shared = fake
      .listPermissions(spreadsheetId)
      .permissions.map((p) => p.emailAddress)
      .filter((e): e is string => typeof e === 'string');
    expect(shared).toEqual(expect.arrayContaining([ARS, ANS]));
    expect(shared).not.toContain(ES);
  });
});
