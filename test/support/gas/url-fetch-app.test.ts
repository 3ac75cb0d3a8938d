// UrlFetchApp fake: Drive files.copy and Forms API requests sent together, authorised by the script's token, costed
// by waves; Forms API batches applied to the forms FormApp reads, all or nothing.
import { driveCopyRequest } from '../../../src/google/drive-requests';
import {
  createItemRequest,
  formInfoRequest,
  formsBatchUpdateRequest,
  publishFormRequest,
  updateItemTextRequest,
} from '../../../src/google/form-http-requests';
import type { GasFetchRequest } from '../../../src/apps-script/gas-api';
import { fetchRequestOf } from '../../../src/apps-script/url-fetch-json';
import { LATENCY_TABLE } from '../../../src/apps-script/latency-model';
import { createGasEnvironment } from './environment';
import { FETCH_ALL_CONCURRENCY, type FakeUrlFetchApp } from './url-fetch-app';

function setup() {
  const env = createGasEnvironment({ now: '2022-06-10T10:00:00+02:00' });
  const g = env.globals;
  const folder = g.DriveApp.createFolder('Pilote');
  const form = g.FormApp.create('Modèle');
  form.addTextItem().setTitle('Nombre de patients');
  const request = (name: string, token = g.ScriptApp.getOAuthToken()): GasFetchRequest =>
    fetchRequestOf(driveCopyRequest(form.getId(), name, folder.getId()), token);
  return { env, g, folder, form, request };
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

describe('UrlFetchApp fake (Forms API)', () => {
  const text = { kind: 'text', title: 'Patients', help: 'Un nombre', required: true } as const;
  const list = { kind: 'list', title: 'Semaine', help: '', required: true, choices: ['S1', 'S2'] } as const;

  it('applies a batchUpdate to the form FormApp reads: title, description, items at their index', () => {
    const { env, g, form } = setup();
    const token = g.ScriptApp.getOAuthToken();
    const [answer] = g.UrlFetchApp.fetchAll([
      fetchRequestOf(
        formsBatchUpdateRequest(form.getId(), [
          formInfoRequest('Suivi', 'Une description'),
          createItemRequest(list, 0),
          createItemRequest(text, 2),
        ]),
        token,
      ),
    ]);
    expect(answer?.getResponseCode()).toBe(200);
    const data = env.forms.get(form.getId());
    expect([data.title, data.description]).toEqual(['Suivi', 'Une description']);
    expect(data.items.map((i) => [i.kind, i.title, i.helpText, i.required, i.choices])).toEqual([
      ['LIST', 'Semaine', '', true, ['S1', 'S2']],
      ['TEXT', 'Nombre de patients', '', false, []],
      ['TEXT', 'Patients', 'Un nombre', true, []],
    ]);
    expect(
      g.FormApp.openById(form.getId())
        .getItems()
        .map((i) => i.getTitle()),
    ).toEqual(['Semaine', 'Nombre de patients', 'Patients']);
  });

  it('fails the whole batch, nothing applied, on an unknown request kind or an index out of range', () => {
    const { env, g, form } = setup();
    const token = g.ScriptApp.getOAuthToken();
    const before = JSON.stringify(env.forms.get(form.getId()));
    const unknown = formsBatchUpdateRequest(form.getId(), [formInfoRequest('Changé')]);
    unknown.body = {
      requests: [
        { updateFormInfo: { info: { title: 'Changé' }, updateMask: 'title' } },
        { deleteItem: { location: { index: 0 } } },
      ],
    };
    const answers = g.UrlFetchApp.fetchAll([
      fetchRequestOf(unknown, token),
      fetchRequestOf(
        formsBatchUpdateRequest(form.getId(), [formInfoRequest('Changé'), createItemRequest(text, 5)]),
        token,
      ),
      fetchRequestOf(
        formsBatchUpdateRequest(form.getId(), [createItemRequest({ ...list, choices: [] }, 0)]),
        token,
      ),
    ]);
    expect(answers.map((a) => a.getResponseCode())).toEqual([400, 400, 400]);
    expect(JSON.stringify(env.forms.get(form.getId()))).toBe(before);
  });

  it('changes an item’s title and help text in place, and refuses any other field of updateItem', () => {
    const { env, g, form } = setup();
    const token = g.ScriptApp.getOAuthToken();
    const handle = g.FormApp.openById(form.getId()).getItems()[0];
    const answers = g.UrlFetchApp.fetchAll([
      fetchRequestOf(
        formsBatchUpdateRequest(form.getId(), [
          updateItemTextRequest({ title: 'Patients vus', help: 'Depuis lundi' }, 0, ['title', 'description']),
        ]),
        token,
      ),
      fetchRequestOf(
        {
          ...formsBatchUpdateRequest(form.getId(), []),
          body: {
            requests: [
              { updateItem: { item: { title: 'X' }, location: { index: 0 }, updateMask: 'title' } },
              { updateItem: { item: {}, location: { index: 0 }, updateMask: 'questionItem' } },
            ],
          },
        },
        token,
      ),
    ]);
    expect(answers.map((a) => a.getResponseCode())).toEqual([200, 400]);
    expect([handle?.getTitle(), handle?.getHelpText()]).toEqual(['Patients vus', 'Depuis lundi']);
    expect(env.forms.get(form.getId()).items).toHaveLength(1);
  });

  it('answers each request on its own: an error does not stop the others (muteHttpExceptions)', () => {
    const { env, g, form } = setup();
    const token = g.ScriptApp.getOAuthToken();
    const answers = g.UrlFetchApp.fetchAll([
      fetchRequestOf(formsBatchUpdateRequest('form-999', [formInfoRequest('X')]), token),
      fetchRequestOf(formsBatchUpdateRequest(form.getId(), [formInfoRequest('Sans jeton')]), 'autre-jeton'),
      fetchRequestOf(formsBatchUpdateRequest(form.getId(), [formInfoRequest('Gardé')]), token),
    ]);
    expect(answers.map((a) => a.getResponseCode())).toEqual([404, 401, 200]);
    expect(env.forms.get(form.getId()).title).toBe('Gardé');
  });

  it('publishes a form made unpublished, opening it to responses, and says the state kept', () => {
    const { g, form } = setup();
    expect(form.isPublished()).toBe(false);
    const [answer] = g.UrlFetchApp.fetchAll([
      fetchRequestOf(publishFormRequest(form.getId()), g.ScriptApp.getOAuthToken()),
    ]);
    expect(JSON.parse(answer?.getContentText() ?? '{}')).toEqual({
      formId: form.getId(),
      publishSettings: { publishState: { isPublished: true, isAcceptingResponses: true } },
    });
    expect([form.isPublished(), form.isAcceptingResponses()]).toEqual([true, true]);
  });

  it('costs a wave of Forms API requests as one advanced-service batch, by its largest batch', () => {
    const { env, g, form } = setup();
    const window = env.calls();
    g.UrlFetchApp.fetchAll([
      fetchRequestOf(
        formsBatchUpdateRequest(form.getId(), [formInfoRequest('A'), createItemRequest(text, 0)]),
        g.ScriptApp.getOAuthToken(),
      ),
    ]);
    const waves = window.records.filter((r) => r.name === 'UrlFetchApp.fetchAll');
    const batch = LATENCY_TABLE.batch;
    expect(waves.map((r) => r.ms)).toEqual([batch.ms + 2 * (batch.perCellMs ?? 0)]);
  });

  it('serves forms.get and responses.list as GET, through fetch and fetchAll, costed by waves of reads', () => {
    const { env, g, form } = setup();
    const auth = { Authorization: `Bearer ${g.ScriptApp.getOAuthToken()}` };
    const url = `https://forms.googleapis.com/v1/forms/${form.getId()}`;
    const window = env.calls();
    const one = g.UrlFetchApp as FakeUrlFetchApp;
    const got = one.fetch(url, { headers: auth, muteHttpExceptions: true });
    expect(JSON.parse(got.getContentText())).toMatchObject({
      formId: form.getId(),
      info: { title: 'Modèle' },
    });
    const reads = Array.from({ length: FETCH_ALL_CONCURRENCY + 1 }, (_, i) => ({
      url: i % 2 === 0 ? url : `${url}/responses?pageSize=2`,
      method: 'get' as const,
      headers: auth,
      muteHttpExceptions: true,
    }));
    expect(one.fetchAll(reads).map((a) => a.getResponseCode())).toEqual(reads.map(() => 200));
    const batch = LATENCY_TABLE.batch;
    const read = batch.ms + (batch.perCellMs ?? 0);
    expect(
      window.records.filter((r) => r.name.startsWith('UrlFetchApp.')).map((r) => [r.name, r.ms]),
    ).toEqual([
      ['UrlFetchApp.fetch', read],
      ['UrlFetchApp.fetchAll', read],
      ['UrlFetchApp.fetchAll', read],
    ]);
  });

  it('throws an HTTP error when muteHttpExceptions is not set, once the request was sent', () => {
    const { env, g } = setup();
    const one = g.UrlFetchApp as FakeUrlFetchApp;
    const headers = { Authorization: `Bearer ${g.ScriptApp.getOAuthToken()}` };
    const window = env.calls();
    expect(() => one.fetch('https://forms.googleapis.com/v1/forms/form-999', { headers })).toThrow(
      /^Request failed for https:\/\/forms\.googleapis\.com returned code 404/,
    );
    expect(() => one.fetch('https://forms.googleapis.com/v1/forms/form-999/answers', { headers })).toThrow(
      /models only Drive files.copy and the Forms API/,
    );
    // The refused request was sent and costed; the request the emulator does not model never left.
    expect(window.records.map((r) => r.name)).toEqual(['UrlFetchApp.fetch']);
  });
});

describe('UrlFetchApp fake: the daily quota of URL Fetch calls', () => {
  it('counts each request of a fetchAll, refuses a call that would pass the quota, and resets after 24 hours', () => {
    const { env, g, request } = setup();
    env.runtime.urlFetchPerDay = 3;
    g.UrlFetchApp.fetchAll([request('Copie A'), request('Copie B')]);
    expect(env.runtime.urlFetchUsedToday()).toBe(2);
    const copies = env.drive.entries.size;
    // Two more would make four: the whole call is refused, nothing copied.
    expect(() => g.UrlFetchApp.fetchAll([request('Copie C'), request('Copie D')])).toThrow(
      'Service invoked too many times for one day: urlfetch.',
    );
    expect(env.drive.entries.size).toBe(copies);
    g.UrlFetchApp.fetchAll([request('Copie C')]);
    expect(() => g.UrlFetchApp.fetchAll([request('Copie D')])).toThrow(/too many times for one day/);
    env.runtime.setNow(new Date(env.runtime.now() + 24 * 60 * 60_000).toISOString());
    expect(g.UrlFetchApp.fetchAll([request('Copie D')]).map((a) => a.getResponseCode())).toEqual([200]);
    expect(env.runtime.urlFetchUsedToday()).toBe(1);
  });

  it('allows 20,000 calls a day to a consumer account and 100,000 to a Workspace one', () => {
    expect(createGasEnvironment().runtime.urlFetchPerDay).toBe(20_000);
    expect(createGasEnvironment({ account: 'workspace' }).runtime.urlFetchPerDay).toBe(100_000);
  });
});
