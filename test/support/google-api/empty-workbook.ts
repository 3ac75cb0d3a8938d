// A workbook drawn by install's structure batch on the fake Workspace, without establishments or forms, and a way
// to open a RestStore on it (one spreadsheets.get, one values.batchGet), as the store tests need.
import { loadSnapshot, RestStore } from '../../../src/google-api/rest-store';
import { structureModel, structureRequests, structureValues } from '../../../src/google-api/install';
import { defaultProject } from '../project';
import type { FakeWorkspace } from './fake-workspace';
import { testAdapters } from './google-mocks';

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
