// A workbook drawn by install's structure batch on the fake Workspace, without establishments or forms, and a way
// to open a RestStore on it (one spreadsheets.get, one values.batchGet), as the store tests need; openEmptyWorkbook
// is the whole set-up of such a test.
import { loadSnapshot, RestStore } from '../../../src/google-api/rest-store';
import { structureModel, structureRequests, structureValues } from '../../../src/google-api/install';
import { defaultProject } from '../project';
import { FakeWorkspace } from './fake-workspace';
import { mockWorkspace, setupGoogleMocks, testAdapters } from './google-mocks';

const NOW = new Date('2022-05-16T09:00:00+02:00');

export async function emptyWorkbook(fake: FakeWorkspace) {
  const { adapters } = testAdapters();
  const project = defaultProject();
  const { spreadsheetId } = await adapters.sheets.create('Suivi');
  const model = structureModel(project, NOW);
  await adapters.sheets.batchUpdate(spreadsheetId, structureRequests(model, project, 'admin@ars.fr', [0]));
  await adapters.sheets.valuesBatchUpdate(spreadsheetId, structureValues(model));
  const open = async () =>
    new RestStore(project.tracking, await loadSnapshot(adapters.sheets, spreadsheetId, project.tracking));
  return { spreadsheetId, adapters, open, fake };
}

export type EmptyWorkbook = Awaited<ReturnType<typeof emptyWorkbook>>;

/**
 * What each REST store test starts from: the nock mocks set up over a fresh fake Workspace, the empty workbook drawn
 * on it and its store opened. The test resets the mocks afterwards (`afterEach(resetGoogleMocks)`).
 */
export async function openEmptyWorkbook(): Promise<{ workbook: EmptyWorkbook; store: RestStore }> {
  setupGoogleMocks();
  const fake = new FakeWorkspace();
  mockWorkspace(fake);
  const workbook = await emptyWorkbook(fake);
  return { workbook, store: await workbook.open() };
}
