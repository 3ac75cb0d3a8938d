// One fake Google for Forms: the REST façade (nock, fake-workspace.ts) and the Apps Script emulator (FormApp, and the
// Forms API through UrlFetchApp) act on the same forms through one Forms API handler (../gas/forms-api.ts). A form the
// CLI made is what FormApp opens, a FormApp-made form is what forms.get reads, a response submitted through either
// façade is listed by both, and a batch one façade refuses the other refuses with the same answer.
import type { forms_v1 } from '@googleapis/forms';
import { createGasEnvironment, type GasEnvironment } from '../gas/environment';
import type { GasForm } from '../../../src/apps-script/gas-api';
import type { FakeUrlFetchApp } from '../gas/url-fetch-app';
import { FakeWorkspace } from './fake-workspace';
import {
  FORMS_API,
  installedWorkspace,
  oneGoogle,
  resetGoogleMocks,
  setupGoogleMocks,
  testAdapters,
} from './google-mocks';
import { storedForm } from './stored-forms';

const ADMIN = 'admin@ars.fr';

jest.setTimeout(60_000);

afterEach(resetGoogleMocks);

interface Answer {
  code: number;
  body: unknown;
}

/** A Forms API call through nock, as any HTTP client of the CLI's machine sends it. */
async function rest(path: string, body?: unknown): Promise<Answer> {
  const r = await fetch(`${FORMS_API}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { Authorization: 'Bearer test-access-token', 'Content-Type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { code: r.status, body: (await r.json()) as unknown };
}

/** The same call from an Apps Script execution: UrlFetchApp with the script's own token. */
function script(env: GasEnvironment, path: string, body?: unknown): Answer {
  const app = env.globals.UrlFetchApp as FakeUrlFetchApp;
  const answer = app.fetch(`${FORMS_API}${path}`, {
    method: body === undefined ? 'get' : 'post',
    headers: { Authorization: `Bearer ${env.globals.ScriptApp.getOAuthToken()}` },
    ...(body === undefined ? {} : { contentType: 'application/json', payload: JSON.stringify(body) }),
    muteHttpExceptions: true,
  });
  return { code: answer.getResponseCode(), body: JSON.parse(answer.getContentText()) as unknown };
}

/** An emulated account served by nock: its REST façade and its Apps Script globals share every form. */
function account(): { env: GasEnvironment; fake: FakeWorkspace } {
  setupGoogleMocks();
  return oneGoogle({ owner: ADMIN, now: '2022-06-10T10:00:00+02:00' });
}

/** A weekly form drawn by FormApp: each kind of item the pilots' forms use. */
function formAppForm(env: GasEnvironment): GasForm {
  const app = env.globals.FormApp;
  const form = app.create('Hebdo — GH COCHIN');
  form.setDescription('Une réponse par semaine');
  form.addSectionHeaderItem().setTitle('Activité');
  form.addListItem().setTitle('Semaine').setChoiceValues(['2022-W22', '2022-W23']).setRequired(true);
  form.addTextItem().setTitle('Patients vus').setHelpText('Depuis lundi').setRequired(true);
  form.addCheckboxItem().setTitle('Canaux').setChoiceValues(['Messagerie', 'DMP']).showOtherOption(true);
  form.addDateItem().setTitle('Date du rapport');
  return form;
}

const questionIds = (form: forms_v1.Schema$Form): Record<string, string> =>
  Object.fromEntries(
    (form.items ?? []).flatMap((i) =>
      i.questionItem?.question?.questionId ? [[i.title ?? '', i.questionItem.question.questionId]] : [],
    ),
  );

/** Every page of responses.list through one façade, following nextPageToken. */
async function allPages(
  list: (query: string) => Answer | Promise<Answer>,
  filter?: string,
): Promise<forms_v1.Schema$ListFormResponsesResponse[]> {
  const pages: forms_v1.Schema$ListFormResponsesResponse[] = [];
  let token: string | undefined;
  do {
    const params = new URLSearchParams();
    if (filter) params.set('filter', filter);
    if (token) params.set('pageToken', token);
    const answer = await list(params.size > 0 ? `?${params.toString()}` : '');
    expect(answer.code).toBe(200);
    const page = answer.body as forms_v1.Schema$ListFormResponsesResponse;
    pages.push(page);
    token = page.nextPageToken ?? undefined;
  } while (token);
  return pages;
}

describe('one Forms model behind FormApp and the Forms API', () => {
  it('opens with FormApp a form `google install` made through the Forms API: same title, items and help texts, published', async () => {
    const env = createGasEnvironment({ owner: ADMIN });
    const fake = new FakeWorkspace(env);
    const { spreadsheetId } = await installedWorkspace({ fake, adminEmail: ADMIN });
    const { id } = storedForm(fake, spreadsheetId, 'gh-cochin');
    const read = await rest(`/v1/forms/${id}`);
    expect(read.code).toBe(200);
    const made = read.body as forms_v1.Schema$Form;
    const opened = env.execute('inspect', () => {
      const form = env.globals.FormApp.openById(id);
      return {
        title: form.getTitle(),
        open: [form.isPublished(), form.isAcceptingResponses()],
        items: form.getItems().map((i) => ({ id: i.getId(), title: i.getTitle(), help: i.getHelpText() })),
      };
    });
    expect(opened.title).toBe(made.info?.title);
    expect(opened.open).toEqual([true, true]);
    expect(opened.items.map(({ title, help }) => ({ title, help }))).toEqual(
      (made.items ?? []).map((i) => ({ title: i.title ?? '', help: i.description ?? '' })),
    );
    expect(opened.items.length).toBeGreaterThan(5);
    // Both id spaces are kept, and neither is written from the other (F13: Google documents no conversion).
    const apiIds = (made.items ?? []).map((i) => i.itemId ?? '');
    expect(new Set(apiIds).size).toBe(apiIds.length);
    opened.items.forEach((item, i) => {
      const n = item.id;
      expect([String(n), n.toString(16), n.toString(16).padStart(8, '0')]).not.toContain(apiIds[i]);
    });
  });

  it('reads with forms.get, through nock and through UrlFetchApp alike, a form FormApp made', async () => {
    const { env } = account();
    const form = formAppForm(env);
    const byRest = await rest(`/v1/forms/${form.getId()}`);
    const byScript = script(env, `/v1/forms/${form.getId()}`);
    expect(byScript).toEqual(byRest);
    const got = byRest.body as forms_v1.Schema$Form;
    expect(got.info).toEqual({
      title: 'Hebdo — GH COCHIN',
      documentTitle: 'Hebdo — GH COCHIN',
      description: 'Une réponse par semaine',
    });
    expect(got.responderUri).toBe(form.getPublishedUrl());
    // Unpublished (FormApp.create): a false boolean is left out, as Google's JSON leaves it out.
    expect(got.publishSettings).toEqual({ publishState: {} });
    const shapes = (got.items ?? []).map(({ itemId: _i, ...item }) => {
      const question = item.questionItem?.question;
      if (!question) return item;
      const { questionId: _q, ...rest } = question;
      return { ...item, questionItem: { question: rest } };
    });
    expect(shapes).toEqual([
      { title: 'Activité', textItem: {} },
      {
        title: 'Semaine',
        questionItem: {
          question: {
            required: true,
            choiceQuestion: { type: 'DROP_DOWN', options: [{ value: '2022-W22' }, { value: '2022-W23' }] },
          },
        },
      },
      {
        title: 'Patients vus',
        description: 'Depuis lundi',
        questionItem: { question: { required: true, textQuestion: {} } },
      },
      {
        title: 'Canaux',
        questionItem: {
          question: {
            choiceQuestion: {
              type: 'CHECKBOX',
              options: [{ value: 'Messagerie' }, { value: 'DMP' }, { isOther: true }],
            },
          },
        },
      },
      { title: 'Date du rapport', questionItem: { question: { dateQuestion: { includeYear: true } } } },
    ]);
    const { adapters } = testAdapters();
    expect(await adapters.forms.publishState(form.getId())).toBe('closed');
    form.setPublished(true);
    expect(await adapters.forms.publishState(form.getId())).toBe('open');
    // A batch sent through REST is what FormApp's handles read.
    const [, , patients] = form.getItems();
    await adapters.forms.batchUpdate(form.getId(), [
      {
        updateItem: {
          item: { description: 'Depuis lundi, consultations comprises' },
          location: { index: 2 },
          updateMask: 'description',
        },
      },
    ]);
    expect(patients?.getHelpText()).toBe('Depuis lundi, consultations comprises');
  });

  it('lists through both façades, filtered and paged alike, the responses submitted through either; a linked tab gets each', async () => {
    const { env, fake } = account();
    const form = formAppForm(env);
    form.setPublished(true);
    const ss = env.globals.SpreadsheetApp.create('Réponses');
    form.setDestination(env.globals.FormApp.DestinationType.SPREADSHEET, ss.getId());
    const delivered: unknown[] = [];
    env.globals.ScriptApp.newTrigger('onSubmit').forSpreadsheet(ss).onFormSubmit().create();
    env.setDispatcher((_handler, event) => delivered.push(event));
    const ids = questionIds((await rest(`/v1/forms/${form.getId()}`)).body as forms_v1.Schema$Form);

    // A respondent on the form page (FormApp's model), then three POSTs by question id (the REST fake's respondent).
    env.forms.submit(form.getId(), {
      Semaine: '2022-W22',
      'Patients vus': '12',
      Canaux: ['DMP'],
      'Date du rapport': '2022-06-03',
    });
    const times = ['2022-06-10T09:00:00Z', '2022-06-10T09:30:00.5Z', '2022-06-10T10:00:00Z'];
    const posted = times.map((at, i) =>
      fake.submit(
        form.getId(),
        {
          [ids.Semaine ?? '']: '2022-W23',
          [ids['Patients vus'] ?? '']: String(20 + i),
          [ids.Canaux ?? '']: ['Messagerie', 'Téléphone'],
        },
        at,
      ),
    );

    // Written to the linked tab with its trigger, whichever façade submitted.
    const tab = env.sheets.get(ss.getId()).sheets.find((s) => s.formUrl === form.getPublishedUrl());
    expect(tab?.lastRow()).toBe(5);
    expect(tab?.cell(5, 3)?.value).toBe(22);
    expect(delivered).toHaveLength(4);

    const byRest = await allPages((q) => rest(`/v1/forms/${form.getId()}/responses${q}`));
    const byScript = await allPages((q) => script(env, `/v1/forms/${form.getId()}/responses${q}`));
    expect(byScript).toEqual(byRest);
    expect(byRest.map((p) => p.responses?.length)).toEqual([3, 1]);
    const listed = byRest.flatMap((p) => p.responses ?? []);
    expect(listed.map((r) => r.responseId).slice(1)).toEqual(posted);
    // The page respondent's answers, by question id as the Forms API gives them; no formId in a list.
    const first = listed[0];
    expect(first?.formId).toBeUndefined();
    expect(first?.answers?.[ids['Patients vus'] ?? '']?.textAnswers?.answers).toEqual([{ value: '12' }]);
    expect(first?.answers?.[ids.Canaux ?? '']?.textAnswers?.answers).toEqual([{ value: 'DMP' }]);
    expect(first?.answers?.[ids['Date du rapport'] ?? '']?.textAnswers?.answers).toEqual([
      { value: '2022-06-03' },
    ]);
    expect(listed[3]?.answers?.[ids.Canaux ?? '']?.textAnswers?.answers).toEqual([
      { value: 'Messagerie' },
      { value: 'Téléphone' },
    ]);
    // The CLI's adapter reads the same list.
    const { adapters } = testAdapters();
    expect((await adapters.forms.responsesSince(form.getId(), undefined)).map((r) => r.responseId)).toEqual(
      listed.map((r) => r.responseId),
    );

    // « timestamp > N »: after, not at; « timestamp >= N »: at and after; fractions compared as instants.
    const after = async (filter: string) => {
      const pages = await allPages((q) => script(env, `/v1/forms/${form.getId()}/responses${q}`), filter);
      expect(await allPages((q) => rest(`/v1/forms/${form.getId()}/responses${q}`), filter)).toEqual(pages);
      return pages.flatMap((p) => p.responses ?? []).map((r) => r.responseId);
    };
    expect(await after(`timestamp > ${times[0]}`)).toEqual(posted.slice(1));
    expect(await after(`timestamp >= ${times[0]}`)).toEqual(posted);
    expect(await after('timestamp > 2022-06-10T09:30:00.500000000Z')).toEqual(posted.slice(2));
    expect(await after('timestamp > 2022-06-10T10:00:00Z')).toEqual([]);

    // A page token serves only the filter that gave it; a filter in another form is refused; both façades alike.
    const token = byRest[0]?.nextPageToken ?? '';
    const wrong = `?filter=${encodeURIComponent(`timestamp > ${times[0]}`)}&pageToken=${token}`;
    const refusedRest = await rest(`/v1/forms/${form.getId()}/responses${wrong}`);
    expect(refusedRest.code).toBe(400);
    expect(script(env, `/v1/forms/${form.getId()}/responses${wrong}`)).toEqual(refusedRest);
    const local = `?filter=${encodeURIComponent('timestamp > 2022-06-10T11:00:00+02:00')}`;
    expect((await rest(`/v1/forms/${form.getId()}/responses${local}`)).code).toBe(400);
    expect(script(env, `/v1/forms/${form.getId()}/responses${local}`).code).toBe(400);
  });

  it('refuses through UrlFetchApp every batchUpdate nock refuses, with the same answer, and applies none of it', async () => {
    const { env } = account();
    const form = formAppForm(env);
    const path = `/v1/forms/${form.getId()}:batchUpdate`;
    const before = (await rest(`/v1/forms/${form.getId()}`)).body as forms_v1.Schema$Form;
    const item = (i: number) => before.items?.[i];
    const valid = { updateFormInfo: { info: { title: 'Changé' }, updateMask: 'title' } };
    const refused: unknown[] = [
      // No location: Google requires one.
      [valid, { createItem: { item: { title: 'X', questionItem: { question: { textQuestion: {} } } } } }],
      // A kind FormApp's model does not hold.
      [
        {
          createItem: {
            item: {
              title: 'X',
              questionItem: { question: { choiceQuestion: { type: 'RADIO', options: [{ value: 'a' }] } } },
            },
            location: { index: 0 },
          },
        },
      ],
      // The item at index 1 is « Semaine », not « Patients vus ».
      [
        {
          updateItem: {
            item: { itemId: item(2)?.itemId, description: 'x' },
            location: { index: 1 },
            updateMask: 'description',
          },
        },
      ],
      // Options on a text question; an unknown field in a mask; no mask.
      [
        {
          updateItem: {
            item: {
              questionItem: {
                question: { choiceQuestion: { type: 'DROP_DOWN', options: [{ value: 'a' }] } },
              },
            },
            location: { index: 2 },
            updateMask: 'questionItem.question.choiceQuestion.options',
          },
        },
      ],
      [{ updateFormInfo: { info: { title: 'X' }, updateMask: 'title,settings' } }],
      [{ updateFormInfo: { info: { title: 'X' } } }],
      // A drop-down with « other », duplicate options, an index past the items.
      [
        {
          updateItem: {
            item: {
              questionItem: {
                question: {
                  choiceQuestion: { type: 'DROP_DOWN', options: [{ value: 'a' }, { isOther: true }] },
                },
              },
            },
            location: { index: 1 },
            updateMask: 'questionItem.question.choiceQuestion.options',
          },
        },
      ],
      [
        {
          createItem: {
            item: {
              title: 'X',
              questionItem: {
                question: { choiceQuestion: { type: 'CHECKBOX', options: [{ value: 'a' }, { value: 'a' }] } },
              },
            },
            location: { index: 0 },
          },
        },
      ],
      [valid, { updateItem: { item: { title: 'X' }, location: { index: 5 }, updateMask: 'title' } }],
    ];
    for (const requests of refused) {
      const byRest = await rest(path, { requests });
      expect([JSON.stringify(requests), byRest.code]).toEqual([JSON.stringify(requests), 400]);
      expect(script(env, path, { requests })).toEqual(byRest);
    }
    // An unknown form: 404 on both.
    const missing = await rest('/v1/forms/form-999:batchUpdate', { requests: [valid] });
    expect(missing.code).toBe(404);
    expect(script(env, '/v1/forms/form-999:batchUpdate', { requests: [valid] })).toEqual(missing);
    expect((await rest(`/v1/forms/${form.getId()}`)).body).toEqual(before);
    expect(form.getTitle()).toBe('Hebdo — GH COCHIN');
    // The same batch, valid, is applied once by either façade.
    const weeks = {
      updateItem: {
        item: {
          itemId: item(1)?.itemId,
          questionItem: {
            question: {
              choiceQuestion: { type: 'DROP_DOWN', options: [{ value: '2022-W23' }, { value: '2022-W24' }] },
            },
          },
        },
        location: { index: 1 },
        updateMask: 'questionItem.question.choiceQuestion.options',
      },
    };
    expect(script(env, path, { requests: [valid, weeks] })).toEqual({
      code: 200,
      body: { replies: [{}, {}] },
    });
    expect(form.getItems()[1]?.asListItem().getTitle()).toBe('Semaine');
    expect(env.forms.get(form.getId()).items[1]?.choices).toEqual(['2022-W23', '2022-W24']);
    expect(form.getTitle()).toBe('Changé');
  });

  it('refuses a response to an unpublished form whichever façade submits, recording nothing', async () => {
    const { env, fake } = account();
    const form = formAppForm(env);
    const ids = questionIds((await rest(`/v1/forms/${form.getId()}`)).body as forms_v1.Schema$Form);
    expect(() =>
      fake.submit(form.getId(), { [ids.Semaine ?? '']: '2022-W22' }, '2022-06-10T09:00:00Z'),
    ).toThrow(/n'accepte pas de réponses/);
    expect(() => env.forms.submit(form.getId(), { Semaine: '2022-W22', 'Patients vus': '3' })).toThrow(
      /n'accepte pas de réponses/,
    );
    // Published then closed through the Forms API: accepting is forced off with isPublished false.
    const publish = (isPublished: boolean, isAcceptingResponses: boolean) =>
      script(env, `/v1/forms/${form.getId()}:setPublishSettings`, {
        publishSettings: { publishState: { isPublished, isAcceptingResponses } },
        updateMask: 'publishState',
      });
    expect(publish(false, true)).toEqual({
      code: 200,
      body: { formId: form.getId(), publishSettings: { publishState: {} } },
    });
    expect(form.isAcceptingResponses()).toBe(false);
    const { adapters } = testAdapters();
    await adapters.forms.setPublished(form.getId(), true, true);
    expect([form.isPublished(), form.isAcceptingResponses()]).toEqual([true, true]);
    fake.submit(form.getId(), { [ids.Semaine ?? '']: '2022-W22' }, '2022-06-10T09:00:00Z');
    expect((await rest(`/v1/forms/${form.getId()}/responses`)).body).toMatchObject({ responses: [{}] });
    expect(publish(true, false).code).toBe(200);
    expect(() => fake.submit(form.getId(), {}, '2022-06-10T09:05:00Z')).toThrow(/n'accepte pas de réponses/);
    expect(env.forms.get(form.getId()).responses).toHaveLength(1);
  });
});
