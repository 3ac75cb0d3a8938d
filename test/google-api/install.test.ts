// google install against the fake Workspace on nock: one structure batch drawn from the workbook model, forms per
// establishment, and idempotence (a second run writes nothing; one more establishment adds just it).
import type { sheets_v4 } from '@googleapis/sheets';
import { install, structureModel } from '../../src/google-api/install';
import { protectionPlan } from '../../src/domain/protection-plan';
import { ownerColor } from '../../src/domain/workbook-model';
import { rgb } from '../../src/google-api/workbook-requests';
import { decodeRecords } from '../../src/google-api/data-tab';
import { defaultProject, projectCopy } from '../support/project';
import { FakeWorkspace } from './fake-workspace';
import { mockWorkspace, resetGoogleMocks, setupGoogleMocks, testAdapters } from './google-mocks';

const NOW = new Date('2022-05-16T09:00:00+02:00');
const WRITES = [
  'spreadsheets.create',
  'spreadsheets.batchUpdate',
  'values.batchUpdate',
  'forms.create',
  'forms.batchUpdate',
  'forms.setPublishSettings',
  'drive.permissions.create',
  'drive.files.update',
];

describe('google install', () => {
  let fake: FakeWorkspace;
  beforeEach(() => {
    setupGoogleMocks();
    fake = new FakeWorkspace();
    mockWorkspace(fake);
  });
  afterEach(resetGoogleMocks);

  const run = (spreadsheetId?: string, project = defaultProject()) => {
    const { adapters, google } = testAdapters();
    return install(adapters, google, { project, now: NOW, adminEmail: 'admin@ars.fr', spreadsheetId });
  };
  const writes = () => WRITES.map((k) => fake.count(k)).reduce((a, b) => a + b, 0);

  describe('on a new project', () => {
    it('draws every tab, merge, colour and protection of the model in ONE batchUpdate', async () => {
      const result = await run();
      const ss = fake.spreadsheet(result.spreadsheetId);
      expect(ss.batches).toHaveLength(1);
      const requests = ss.batches[0] as sheets_v4.Schema$Request[];
      const model = structureModel(defaultProject(), NOW);
      expect(requests.filter((r) => r.addSheet).map((r) => r.addSheet?.properties?.title)).toEqual([
        ...model.sheets.map((s) => s.name),
        'Données',
      ]);
      expect(ss.sheets.map((s) => s.properties.title)).not.toContain('Feuille 1');
      const suivi = model.sheets[0];
      const suiviId = requests.find((r) => r.addSheet?.properties?.title === 'Suivi')?.addSheet?.properties
        ?.sheetId;
      const merges = requests
        .filter((r) => r.mergeCells?.range?.sheetId === suiviId)
        .map((r) => r.mergeCells?.range);
      expect(merges).toEqual(
        suivi?.merges.map((m) => ({
          sheetId: suiviId,
          startRowIndex: m.row,
          endRowIndex: m.row + 1,
          startColumnIndex: m.col,
          endColumnIndex: m.col + m.cols,
        })),
      );
      const tracking = defaultProject().tracking;
      tracking.columns.forEach((column, i) => {
        const label = requests.find(
          (r) =>
            r.repeatCell?.range?.sheetId === suiviId &&
            r.repeatCell?.range?.startRowIndex === 1 &&
            r.repeatCell?.range?.startColumnIndex === i,
        );
        expect(label?.repeatCell?.cell?.userEnteredFormat?.backgroundColorStyle?.rgbColor).toEqual(
          rgb(ownerColor(tracking, column)),
        );
      });
      const plan = protectionPlan(model, defaultProject().config);
      const protections = requests
        .filter((r) => r.addProtectedRange)
        .map((r) => r.addProtectedRange?.protectedRange);
      expect(protections.map((p) => p?.description).sort()).toEqual(
        [...plan.map((p) => p.description), 'suivi-mes:Données:owner'].sort(),
      );
      const ans = plan.find((p) => p.role === 'ans');
      const drawn = protections.find((p) => p?.description === ans?.description);
      expect(drawn?.editors?.users).toEqual(['admin@ars.fr', ...defaultProject().config.roles.ans]);
      expect(drawn?.range?.endRowIndex).toBeUndefined();
    });

    it('writes the verbatim labels under the merged groups, RAW', async () => {
      const result = await run();
      const values = fake.values(result.spreadsheetId, 'Suivi');
      expect(values[1]?.slice(0, defaultProject().tracking.columns.length)).toEqual(
        defaultProject().tracking.columns.map((c) => c.label),
      );
      expect(
        fake.spreadsheet(result.spreadsheetId).valueWrites.every((w) => w.valueInputOption === 'RAW'),
      ).toBe(true);
    });

    it('adds one Suivi row per establishment × use case, and two published forms per establishment', async () => {
      const result = await run();
      const rows = defaultProject().establishments.reduce((n, e) => n + e.useCases.length, 0);
      const suivi = fake.values(result.spreadsheetId, 'Suivi');
      expect(suivi.slice(2).map((r) => r[r.length - 1])).toHaveLength(rows);
      expect(fake.forms.size).toBe(2 * defaultProject().establishments.length);
      expect(
        [...fake.forms.values()].every((f) => f.published?.isPublished && f.published.isAcceptingResponses),
      ).toBe(true);
      expect(fake.permissions.filter((p) => (p.body as { view?: string }).view === 'published')).toHaveLength(
        fake.forms.size,
      );
      const registry = fake.values(result.spreadsheetId, 'Établissements');
      expect(registry).toHaveLength(1 + rows);
      expect(
        registry[1]?.some((v) => typeof v === 'string' && v.startsWith('https://docs.google.com/forms/')),
      ).toBe(true);
      expect(result.limitations).toEqual(['itemValidation', 'formDestination', 'triggers']);
    });
  });

  describe('run again on the same spreadsheet', () => {
    it('writes nothing the second time', async () => {
      const first = await run();
      const before = writes();
      const second = await run(first.spreadsheetId);
      expect(writes()).toBe(before);
      expect(second).toMatchObject({
        created: false,
        structureRequests: 0,
        addedEstablishments: [],
        formsCreated: 0,
      });
    });

    it('adds just the new establishment when the CSV gains one', async () => {
      const first = await run();
      const project = projectCopy();
      const seed = JSON.parse(
        JSON.stringify(project.establishments[0]),
      ) as (typeof project.establishments)[number];
      seed.id = 'ch-nouveau';
      seed.name = 'CH NOUVEAU';
      project.establishments.push(seed);
      const formsBefore = fake.forms.size;
      const second = await run(first.spreadsheetId, project);
      expect(second.addedEstablishments).toEqual(['ch-nouveau']);
      expect(fake.forms.size).toBe(formsBefore + 2);
      const keys = fake
        .values(first.spreadsheetId, 'Suivi')
        .slice(2)
        .map((r) => r[r.length - 1]);
      expect(keys.filter((k) => k === 'ch-nouveau/uc1')).toHaveLength(1);
      expect(new Set(keys).size).toBe(keys.length);
      const records = decodeRecords(fake.values(first.spreadsheetId, 'Données').slice(1));
      expect(records.filter((r) => r.kind === 'form').length).toBe(fake.forms.size);
    });
  });
});
