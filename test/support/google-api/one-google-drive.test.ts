// One fake Google for Drive files and permissions: the REST façade (nock, fake-workspace.ts) and the Apps Script
// emulator (DriveApp, SpreadsheetApp, UrlFetchApp's files.copy) share one registry of files and one list of
// permissions (../gas/drive-app.ts).
import { ProtectedCellError, type GasEnvironment } from '../gas/environment';
import { driveCopyRequest } from '../../../src/google/drive-requests';
import { fetchRequestOf } from '../../../src/apps-script/url-fetch-json';
import { GoogleApiError } from '../../../src/google-api/errors';
import { FakeWorkspace } from './fake-workspace';
import { oneGoogle, resetGoogleMocks, setupGoogleMocks, testAdapters } from './google-mocks';

const ADMIN = 'admin@ars.fr';

afterEach(resetGoogleMocks);

function account(): { env: GasEnvironment; fake: FakeWorkspace } {
  setupGoogleMocks();
  return oneGoogle({ owner: ADMIN, now: '2022-06-10T10:00:00+02:00' });
}

describe('one Drive model behind DriveApp and the Drive API', () => {
  it('opens with DriveApp a folder made through REST, and copies a form into it with the script’s files.copy', async () => {
    const { env } = account();
    const { adapters } = testAdapters();
    const folder = await adapters.drive.createFolder('RETEX 2022');
    const g = env.globals;
    expect(g.DriveApp.getFolderById(folder.id).getName()).toBe('RETEX 2022');
    const form = g.FormApp.create('Modèle');
    const [copied] = g.UrlFetchApp.fetchAll([
      fetchRequestOf(driveCopyRequest(form.getId(), 'Copie', folder.id), g.ScriptApp.getOAuthToken()),
    ]);
    expect(copied?.getResponseCode()).toBe(200);
    const { id } = JSON.parse(copied?.getContentText() ?? '{}') as { id: string };
    expect(env.drive.get(id).parentId).toBe(folder.id);
    // Deleted through REST: DriveApp no longer finds the folder, and Drive refuses to share it.
    await adapters.drive.delete(folder.id);
    expect(() => g.DriveApp.getFolderById(folder.id)).toThrow(/No item with the given ID/);
    const refused = adapters.drive.share(folder.id, { type: 'anyone', role: 'reader' });
    await expect(refused).rejects.toBeInstanceOf(GoogleApiError);
    await expect(refused).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('lists through permissions.list an editor a script added, and withdrawing it through REST ends the edit right', async () => {
    const { env } = account();
    const ss = env.globals.SpreadsheetApp.create('Suivi');
    ss.insertSheet('Brouillon', 1);
    const binome = 'binome@ars.fr';
    expect(() => env.edit(binome, ss.getId(), 'Brouillon', 'A1', 'x')).toThrow(ProtectedCellError);
    ss.addEditors([binome]);
    ss.addEditors([binome]);
    env.edit(binome, ss.getId(), 'Brouillon', 'A1', 'saisi');
    const { adapters } = testAdapters();
    const writers = (await adapters.drive.permissions(ss.getId())).filter((p) => p.role === 'writer');
    expect(writers.map((p) => p.emailAddress)).toEqual([binome]);
    await adapters.drive.unshare(ss.getId(), writers[0]?.id ?? '');
    expect(() => env.edit(binome, ss.getId(), 'Brouillon', 'A1', 'x')).toThrow(ProtectedCellError);
    expect((await adapters.drive.permissions(ss.getId())).map((p) => p.role)).toEqual(['owner']);
  });
});
