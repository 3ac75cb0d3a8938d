// UrlFetchApp fake: Drive files.copy requests sent together, authorised by the script's token, costed by waves.
import { driveCopyRequest } from '../../../src/google/drive-requests';
import type { GasFetchRequest } from '../../../src/apps-script/gas-api';
import { LATENCY_TABLE } from '../../../src/apps-script/latency-model';
import { createGasEnvironment } from './environment';
import { FETCH_ALL_CONCURRENCY } from './url-fetch-app';

function setup() {
  const env = createGasEnvironment({ now: '2022-06-10T10:00:00+02:00' });
  const g = env.globals;
  const folder = g.DriveApp.createFolder('Pilote');
  const form = g.FormApp.create('Modèle');
  form.addTextItem().setTitle('Nombre de patients');
  const request = (name: string, token = g.ScriptApp.getOAuthToken()): GasFetchRequest => {
    const r = driveCopyRequest(form.getId(), name, folder.getId());
    return {
      url: r.url,
      method: r.method,
      contentType: 'application/json',
      headers: { Authorization: `Bearer ${token}` },
      payload: JSON.stringify(r.body),
      muteHttpExceptions: true,
    };
  };
  return { env, g, folder, request };
}

describe('UrlFetchApp fake (fetchAll of Drive copies)', () => {
  it('copies each form into the folder with its items, answering each request in order', () => {
    const { env, g, folder, request } = setup();
    const answers = g.UrlFetchApp.fetchAll([request('Copie A'), request('Copie B')]);
    const ids = answers.map((a) => (JSON.parse(a.getContentText()) as { id: string }).id);
    expect(answers.map((a) => a.getResponseCode())).toEqual([200, 200]);
    expect(ids.map((id) => env.drive.get(id).name)).toEqual(['Copie A', 'Copie B']);
    expect(ids.every((id) => env.drive.get(id).parentId === folder.getId())).toBe(true);
    expect(
      g.FormApp.openById(ids[1]!)
        .getItems()
        .map((i) => i.getTitle()),
    ).toEqual(['Nombre de patients']);
  });

  it('refuses a request without the script’s token, and a copy of a file that does not exist', () => {
    const { g, request } = setup();
    const bad = request('Sans jeton', 'autre-jeton');
    const missing = { ...request('Introuvable'), url: driveCopyRequest('form-999', 'x', 'f').url };
    expect(g.UrlFetchApp.fetchAll([bad, missing]).map((a) => a.getResponseCode())).toEqual([401, 404]);
  });

  it('costs one copy per wave of concurrent requests, not one per request', () => {
    const { env, request } = setup();
    const window = env.calls();
    const n = FETCH_ALL_CONCURRENCY + 1;
    env.globals.UrlFetchApp.fetchAll(Array.from({ length: n }, (_, i) => request(`Copie ${i}`)));
    const waves = window.records.filter((r) => r.name === 'UrlFetchApp.fetchAll');
    expect(waves.map((r) => r.ms)).toEqual([LATENCY_TABLE['drive-copy'].ms, LATENCY_TABLE['drive-copy'].ms]);
  });
});
