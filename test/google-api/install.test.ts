// google install against the fake Workspace on nock: one structure batch drawn from the workbook model, forms per
// establishment, and idempotence (a second run writes nothing; one more establishment adds just it).
import { frWorkbookLayout } from '../../src/google/messages';
import { suiviKey } from '../support/google-api/suivi-key';
import { JOURNAL_KIND_LABELS } from '../../src/domain/model';
import type { sheets_v4 } from '@googleapis/sheets';
import { install, structureModel } from '../../src/google-api/install';
import { protectionPlan } from '../../src/domain/workbook/protection-plan';
import { ownerColor } from '../../src/domain/workbook/sheet-model';
import { rgb } from '../../src/google/workbook-requests';
import { storedForms, toOlderShareLayout } from '../support/google-api/stored-forms';
import { defaultProject, projectCopy } from '../support/project';
import { readRetexDocxTemplates } from '../../src/node/retex-files';
import { retexTemplatesDir } from '../../src/node/project-files';
import { FakeWorkspace } from '../support/google-api/fake-workspace';
import {
  mockWorkspace,
  resetGoogleMocks,
  setupGoogleMocks,
  testAdapters,
} from '../support/google-api/google-mocks';

// Each test drives dozens of calls through nock and the fakes: far from the default 5 s on a loaded machine.
jest.setTimeout(60_000);

const NOW = new Date('2022-05-16T09:00:00+02:00');
const WRITES = [
  'spreadsheets.create',
  'values.batchUpdate',
  'forms.create',
  'forms.batchUpdate',
  'forms.setPublishSettings',
  'drive.permissions.create',
  'drive.permissions.delete',
  'drive.files.update',
  'drive.files.create',
  'drive.files.copy',
];

/** Batches that change the workbook (the lock's own entries, taken and released by every run, aside). */
function drawingBatches(fake: FakeWorkspace, spreadsheetId: string): sheets_v4.Schema$Request[][] {
  return fake
    .spreadsheet(spreadsheetId)
    .batches.filter((b) => !b.every((r) => r.createDeveloperMetadata || r.deleteDeveloperMetadata));
}

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
  const writes = () =>
    WRITES.map((k) => fake.count(k)).reduce((a, b) => a + b, 0) +
    [...fake.spreadsheets.keys()].reduce((n, id) => n + drawingBatches(fake, id).length, 0);

  describe('on a new project', () => {
    it('draws every tab, merge, colour and protection of the model in ONE batchUpdate', async () => {
      const result = await run();
      const ss = fake.spreadsheet(result.spreadsheetId);
      expect(drawingBatches(fake, result.spreadsheetId)).toHaveLength(1);
      const requests = drawingBatches(fake, result.spreadsheetId)[0] as sheets_v4.Schema$Request[];
      const model = structureModel(defaultProject(), NOW);
      expect(requests.filter((r) => r.addSheet).map((r) => r.addSheet?.properties?.title)).toEqual([
        ...model.sheets.map((s) => s.name),
        'Données',
        'Modifications',
        'RETEX (données)',
      ]);
      // « RETEX (données) » as Apps Script makes it: hidden, its records-tab header frozen, owner-only.
      const retexData = ss.sheets.find((s) => s.properties.title === 'RETEX (données)')!;
      expect(retexData.properties).toMatchObject({ hidden: true, gridProperties: { frozenRowCount: 1 } });
      expect(fake.values(result.spreadsheetId, 'RETEX (données)')).toEqual([
        ['Type', 'Clé', 'Partie', 'Parties', 'Données (ne pas modifier)'],
      ]);
      expect(retexData.protectedRanges.map((p) => [p.description, p.range, p.editors?.users])).toEqual([
        ['suivi-mes:RETEX (données):owner', { sheetId: retexData.properties.sheetId }, ['admin@ars.fr']],
      ]);
      // Modifications as Apps Script makes it: hidden, its header frozen, owner-only.
      const modifications = ss.sheets.find((s) => s.properties.title === 'Modifications')!;
      expect(modifications.properties).toMatchObject({ hidden: true });
      expect(fake.values(result.spreadsheetId, 'Modifications')).toEqual([
        [...frWorkbookLayout.modificationsHeader],
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
        [
          ...plan.map((p) => p.description),
          'suivi-mes:Données:owner',
          'suivi-mes:Suivi:records',
          'suivi-mes:Modifications:owner',
          'suivi-mes:RETEX (données):owner',
        ].sort(),
      );
      // Suivi's hidden record column, owner-only as Apps Script protects it.
      const records = protections.find((p) => p?.description === 'suivi-mes:Suivi:records');
      const recordCol = defaultProject().tracking.columns.length + 1;
      expect(records?.range).toMatchObject({ startColumnIndex: recordCol, endColumnIndex: recordCol + 1 });
      expect(records?.editors?.users).toEqual(['admin@ars.fr']);
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
      expect(suivi.slice(2).map((r) => suiviKey(r))).toHaveLength(rows);
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

    it('adds an establishment with its first use case, as Apps Script does, and no form before', async () => {
      const first = await run();
      const project = projectCopy();
      const seed = JSON.parse(
        JSON.stringify(project.establishments[0]),
      ) as (typeof project.establishments)[number];
      seed.id = 'ch-sans-cas';
      seed.name = 'CH SANS CAS';
      seed.useCases = [];
      project.establishments.push(seed);
      const formsBefore = fake.forms.size;
      const second = await run(first.spreadsheetId, project);
      expect(second).toMatchObject({ addedEstablishments: [], formsCreated: 0 });
      expect(fake.forms.size).toBe(formsBefore);
      // Once the CSV gives it a use case, the next install adds it: its row, its record and its two forms.
      seed.useCases = JSON.parse(JSON.stringify(project.establishments[0]?.useCases)) as typeof seed.useCases;
      const third = await run(first.spreadsheetId, project);
      expect(third).toMatchObject({ addedEstablishments: ['ch-sans-cas'], formsCreated: 2 });
      expect(
        storedForms(fake, first.spreadsheetId).filter((f) => f.establishmentId === 'ch-sans-cas'),
      ).toHaveLength(2);
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
        .map((r) => suiviKey(r));
      expect(keys.filter((k) => k === 'ch-nouveau/uc1')).toHaveLength(1);
      expect(new Set(keys).size).toBe(keys.length);
      expect(storedForms(fake, first.spreadsheetId)).toHaveLength(fake.forms.size);
    });
  });

  describe('run again after the role e-mails change in the configuration', () => {
    const withRoles = (ars: string[], ans: string[]) => {
      const project = projectCopy();
      project.config.roles = { ...project.config.roles, ars, ans };
      return project;
    };
    const writers = (id: string) =>
      fake
        .listPermissions(id)
        .permissions.filter((p) => p.role === 'writer')
        .map((p) => p.emailAddress)
        .sort();
    const protection = (id: string, role: 'ars' | 'ans') => {
      const model = structureModel(defaultProject(), NOW);
      const description = protectionPlan(model, defaultProject().config).find(
        (p) => p.role === role,
      )?.description;
      return fake
        .spreadsheet(id)
        .sheets.flatMap((x) => x.protectedRanges)
        .find((p) => p.description === description);
    };

    it('gives access and protection rights to new addresses and withdraws those suivi-mes gave to removed ones', async () => {
      const first = await run(undefined, withRoles(['binome1@ars.fr'], ['ans@esante.gouv.fr']));
      const id = first.spreadsheetId;
      // Someone shares the workbook by hand with a colleague: suivi-mes must leave that access alone.
      fake.grant(id, { type: 'user', role: 'writer', emailAddress: 'collegue@ars.fr' });
      expect(writers(id)).toEqual(['ans@esante.gouv.fr', 'binome1@ars.fr', 'collegue@ars.fr']);

      const second = await run(id, withRoles(['binome2@ars.fr'], ['ans@esante.gouv.fr']));
      expect(second.access).toEqual({
        granted: ['binome2@ars.fr'],
        withdrawn: ['binome1@ars.fr'],
        refused: [],
      });
      expect(writers(id)).toEqual(['ans@esante.gouv.fr', 'binome2@ars.fr', 'collegue@ars.fr']);
      expect(protection(id, 'ars')?.editors?.users).toEqual(['admin@ars.fr', 'binome2@ars.fr']);
      expect(protection(id, 'ans')?.editors?.users).toEqual(['admin@ars.fr', 'ans@esante.gouv.fr']);
      expect(second.protectionsChanged).toBeGreaterThan(0);
      const journal = fake.values(id, 'Journal').filter((r) => r[1] === JOURNAL_KIND_LABELS['access']);
      expect(journal.map((r) => String(r[5]))).toEqual(
        expect.arrayContaining([
          expect.stringContaining('Accès en modification donné à binome2@ars.fr'),
          expect.stringContaining('Accès retiré à binome1@ars.fr'),
        ]),
      );
      const before = writes();
      await run(id, withRoles(['binome2@ars.fr'], ['ans@esante.gouv.fr']));
      expect(writes()).toBe(before);
    });

    it('puts back a protection deleted by hand and resets editors added by hand', async () => {
      const first = await run(undefined, withRoles(['binome1@ars.fr'], []));
      const id = first.spreadsheetId;
      // By hand, in the Sheets UI: the protection of « Données » removed, an editor added to the ARS one.
      const book = fake.spreadsheetData(id);
      const dataId = book.sheet('Données')!.id;
      for (const p of book.protections) if (p.sheetId === dataId) p.removed = true;
      const ars = book.protections.find((p) => p.id === protection(id, 'ars')!.protectedRangeId)!;
      ars.editors = new Set(['admin@ars.fr', 'binome1@ars.fr', 'intrus@ailleurs.fr']);
      const second = await run(id, withRoles(['binome1@ars.fr'], []));
      expect(second.protectionsChanged).toBe(2);
      const reread = fake.spreadsheet(id).sheets.find((x) => x.properties.title === 'Données')!;
      expect(reread.protectedRanges.map((p) => p.description)).toEqual(['suivi-mes:Données:owner']);
      expect(protection(id, 'ars')?.editors?.users).toEqual(['admin@ars.fr', 'binome1@ars.fr']);
    });

    it('adopts the accesses of a workbook installed before suivi-mes kept them, then withdraws as configured', async () => {
      const first = await run(undefined, withRoles(['binome1@ars.fr'], []));
      const id = first.spreadsheetId;
      // As if installed before suivi-mes kept its grants: none in the meta cell, none in « Données ».
      expect(toOlderShareLayout(fake, id, false).length).toBeGreaterThan(0);
      // The same configuration: the address that already has access is recorded as suivi-mes' grant…
      const second = await run(id, withRoles(['binome1@ars.fr'], []));
      expect(second.access).toEqual({ granted: [], withdrawn: [], refused: [] });
      // …so that once removed from the configuration, its access is withdrawn.
      const third = await run(id, withRoles([], []));
      expect(third.access.withdrawn).toEqual(['binome1@ars.fr']);
      expect(writers(id)).toEqual([]);
    });
  });

  describe('with the RETEX .docx templates', () => {
    const dir = retexTemplatesDir(defaultProject());
    const buffers = readRetexDocxTemplates(dir);
    const retexDocx = {
      'use-case': { buffer: buffers['use-case'], name: 'fiche-cas-usage.docx' },
      'cross-cutting': { buffer: buffers['cross-cutting'], name: 'fiche-transverse.docx' },
    };
    const withRetex = (spreadsheetId?: string) => {
      const project = projectCopy();
      project.config.roles = { ...project.config.roles, ars: ['binome1@ars.fr'] };
      const { adapters, google } = testAdapters();
      return install(adapters, google, {
        project,
        now: NOW,
        adminEmail: 'admin@ars.fr',
        spreadsheetId,
        retexDocx,
      });
    };

    it('imports them once as Google Docs in a RETEX folder the ARS may write in', async () => {
      const first = await withRetex();
      expect(first.retexTemplatesImported).toEqual(['use-case', 'cross-cutting']);
      const folder = [...fake.files.values()].find(
        (f) => f.mimeType === 'application/vnd.google-apps.folder',
      );
      const templates = [...fake.files.values()].filter(
        (f) => f.mimeType === 'application/vnd.google-apps.document',
      );
      expect(templates.map((t) => [t.name, t.parents])).toEqual([
        ['Modèle RETEX — fiche-cas-usage', [folder?.id]],
        ['Modèle RETEX — fiche-transverse', [folder?.id]],
      ]);
      // Imported from the .docx: the placeholders are there, ready for the ARS to edit in Google Docs.
      expect(fake.documents.get(templates[0]?.id ?? '')?.read().paragraphs).toContain('{section_context}');
      expect(
        fake
          .listPermissions(folder?.id ?? '')
          .permissions.filter((p) => p.role === 'writer')
          .map((p) => p.emailAddress),
      ).toEqual(['binome1@ars.fr']);
      const before = writes();
      const second = await withRetex(first.spreadsheetId);
      expect(second.retexTemplatesImported).toEqual([]);
      expect(writes()).toBe(before);
    });
  });
});
