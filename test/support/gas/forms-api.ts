// The Forms API v1 of the one fake Google: create, get, batchUpdate, setPublishSettings and responses.list acting on
// the emulator's FormStore (form-app.ts), the very forms FormApp opens. Both façades call it — the emulator's
// UrlFetchApp (url-fetch-app.ts, `route`) and the REST fake on nock (../google-api/fake-workspace.ts) — so each rule
// below is written once, with the same error bodies and codes. An error is thrown as a FakeHttpError (Google's JSON
// error body); each façade turns it into its own failure.
//
// Where the two former models disagreed, the stricter behaviour is kept:
// - forms.create copies only `info.title` and `info.documentTitle` (« Method: forms.create »,
//   https://developers.google.com/workspace/forms/api/reference/rest/v1/forms/create) and the form starts unpublished,
//   refusing responses until published and accepting, whatever the date (Google does so for forms made by API after
//   June 30, 2026: « API changes to Google Forms »,
//   https://developers.google.com/workspace/forms/api/guides/api-changes-to-google-forms).
// - forms.batchUpdate is all or nothing (« If any request is not valid, then the entire request will fail and nothing
//   will be applied », « Method: forms.batchUpdate »,
//   https://developers.google.com/workspace/forms/api/reference/rest/v1/forms/batchUpdate): one kind per request, an
//   update mask on every update, a location on every createItem and updateItem within the form's items, an itemId in
//   an updateItem body that must be the item at that index, only the item kinds FormApp's model holds (section header,
//   page break, text, paragraph, date without time, drop-down, checkboxes), options non-empty and distinct.
// - setPublishSettings needs both booleans (« Required » in « PublishState »,
//   https://developers.google.com/workspace/forms/api/reference/rest/v1/forms#PublishState), takes no mask other than
//   `publishState` or `*`, and forces « accepting responses » off on an unpublished form, as PublishState says (the
//   REST fake refused that with a 400; the emulator's forcing is Google's documented rule).
// - Item ids: Google documents no conversion between FormApp's integer ids and the Forms API's string itemId and
//   questionId (F13, docs/google-assumptions.md). The model keeps both per item; the API's are random-looking hex drawn
//   apart from FormApp's counter, so no code can derive one from the other.
// - responses.list: « timestamp > N » or « timestamp >= N », N in RFC 3339 UTC « Zulu » form, anything else refused
//   (400); pages of `pageSize` responses (small, so paging is exercised; a smaller `pageSize` parameter is honoured);
//   a page token is valid only with the form and filter of the request that gave it (« If this field is set, the
//   form and the values of the filter must be the same as for the original request »); the listed responses carry no
//   formId (« Note: The formId field is not returned in the FormResponse object for list requests ») — all from
//   « Method: forms.responses.list »,
//   https://developers.google.com/workspace/forms/api/reference/rest/v1/forms.responses/list.
// - JSON as Google's proto3 mapping writes it: a false boolean, an empty string or an empty list is left out
//   (« ProtoJSON Format », https://protobuf.dev/programming-guides/json/: fields with their default value are omitted),
//   so a reader must not expect `required: false` or `questionId: []`.
import type { forms_v1 } from '@googleapis/forms';
import { badRequest, FakeHttpError } from '../google-api/http-error';
import { FormClosedError, type FormData, type FormStore, type ItemData, type ItemKind } from './form-app';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function str(v: unknown, what: string): string {
  if (typeof v !== 'string') throw badRequest(`${what} must be a string`);
  return v;
}

const NOT_FOUND = (): FakeHttpError =>
  new FakeHttpError(404, {
    error: { code: 404, message: 'Requested entity was not found.', status: 'NOT_FOUND' },
  });

/** RFC 3339 UTC « Zulu », as responses.list's filter takes it, with up to nine fractional digits. */
const ZULU = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?Z$/;

/** A Zulu time with nine fractional digits, so two times compare as strings (nanosecond precision). */
export function zuluKey(time: string): string | null {
  const m = ZULU.exec(time);
  return m ? `${m[1] ?? ''}.${(m[2] ?? '').padEnd(9, '0')}Z` : null;
}

const FILTER = /^timestamp (>=?) (\S+)$/;

interface PageToken {
  formId: string;
  filter: string;
  offset: number;
}

/** A Forms API URL the emulator's UrlFetchApp serves, with its method. */
const ROUTES = {
  get: /^https:\/\/forms\.googleapis\.com\/v1\/forms\/([^/:?]+)(\?.*)?$/,
  list: /^https:\/\/forms\.googleapis\.com\/v1\/forms\/([^/:?]+)\/responses(\?.*)?$/,
  post: /^https:\/\/forms\.googleapis\.com\/v1\/forms\/([^/:?]+):(batchUpdate|setPublishSettings)$/,
};

/** Whether the emulator's UrlFetchApp routes this request to the Forms API. */
export function isFormsApiRequest(method: string, url: string): boolean {
  return method === 'get'
    ? ROUTES.get.test(url) || ROUTES.list.test(url)
    : method === 'post' && ROUTES.post.test(url);
}

export class FormsApi {
  /** Responses per page of responses.list (small, so paging is exercised). */
  pageSize = 3;

  constructor(readonly store: FormStore) {}

  private form(formId: string): FormData {
    try {
      return this.store.get(formId);
    } catch {
      throw NOT_FOUND();
    }
  }

  /** forms.create: only the title and document title are kept; the form starts unpublished. */
  create(body: unknown): forms_v1.Schema$Form {
    const info = isObject(body) && isObject(body.info) ? body.info : undefined;
    if (!info) throw badRequest('info is required');
    const title = str(info.title ?? '', 'info.title');
    const documentTitle =
      info.documentTitle === undefined ? title : str(info.documentTitle, 'info.documentTitle');
    const form = this.store.create(title, documentTitle);
    return this.get(form.id);
  }

  /** forms.get: the form's info, items (with the Forms API's ids), responder link and publish state. */
  get(formId: string): forms_v1.Schema$Form {
    const form = this.form(formId);
    const items = form.items.map((item) => this.itemJson(form, item));
    return {
      formId: form.id,
      info: {
        title: form.title,
        documentTitle: this.store.documentTitle(form),
        ...(form.description === '' ? {} : { description: form.description }),
      },
      ...(items.length > 0 ? { items } : {}),
      responderUri: form.publishedUrl,
      publishSettings: { publishState: publishState(form) },
    };
  }

  private itemJson(form: FormData, item: ItemData): forms_v1.Schema$Item {
    const ids = form.apiIdsOf(item, this.store);
    const head = {
      itemId: ids.itemId,
      ...(item.title === '' ? {} : { title: item.title }),
      ...(item.helpText === '' ? {} : { description: item.helpText }),
    };
    const question = (body: forms_v1.Schema$Question): forms_v1.Schema$Item => ({
      ...head,
      questionItem: {
        question: { questionId: ids.questionId ?? '', ...(item.required ? { required: true } : {}), ...body },
      },
    });
    switch (item.kind) {
      case 'SECTION_HEADER':
        return { ...head, textItem: {} };
      case 'PAGE_BREAK':
        return { ...head, pageBreakItem: {} };
      case 'TEXT':
        return question({ textQuestion: {} });
      case 'PARAGRAPH_TEXT':
        return question({ textQuestion: { paragraph: true } });
      case 'DATE':
        return question({ dateQuestion: item.includesYear ? { includeYear: true } : {} });
      case 'LIST':
        return question({
          choiceQuestion: { type: 'DROP_DOWN', options: item.choices.map((value) => ({ value })) },
        });
      case 'CHECKBOX':
        return question({
          choiceQuestion: {
            type: 'CHECKBOX',
            options: [
              ...item.choices.map((value) => ({ value })),
              ...(item.otherOption ? [{ isOther: true }] : []),
            ],
          },
        });
    }
  }

  /** forms.batchUpdate: every request applied to a staged copy, kept only when all are valid. */
  batchUpdate(formId: string, body: unknown): forms_v1.Schema$BatchUpdateFormResponse {
    const form = this.form(formId);
    if (!isObject(body)) throw badRequest('The body must be an object');
    if (!Array.isArray(body.requests)) throw badRequest('requests must be a list');
    const staged = { title: form.title, description: form.description, items: [...form.items] };
    const replies: forms_v1.Schema$Response[] = [];
    // An updated item is staged as a clone, written back onto the item FormApp's handles read when committed.
    const originals = new Map<ItemData, ItemData>();
    for (const [i, r] of (body.requests as unknown[]).entries()) {
      const where = `requests[${i}]`;
      if (!isObject(r) || Object.keys(r).length !== 1) throw badRequest(`${where}: one kind expected`);
      if (isObject(r.updateFormInfo)) {
        const { info, updateMask } = r.updateFormInfo;
        if (!isObject(info)) throw badRequest(`${where}: info is required`);
        for (const f of str(updateMask, `${where}.updateMask`).split(','))
          if (f === 'title') staged.title = str(info.title ?? '', 'info.title');
          else if (f === 'description') staged.description = str(info.description ?? '', 'info.description');
          else throw badRequest(`${where}: unknown field ${f} in the update mask`);
        replies.push({});
      } else if (isObject(r.createItem)) {
        const { item, location } = r.createItem;
        const index = indexOf(location, staged.items.length, where);
        const data = this.itemOf(item, where);
        staged.items.splice(index, 0, data);
        const ids = form.apiIdsOf(data, this.store);
        replies.push({
          createItem: { itemId: ids.itemId, ...(ids.questionId ? { questionId: [ids.questionId] } : {}) },
        });
      } else if (isObject(r.updateItem)) {
        const { item, location, updateMask } = r.updateItem;
        const index = indexOf(location, staged.items.length - 1, where);
        if (!isObject(item)) throw badRequest(`${where}: item is required`);
        const current = staged.items[index] as ItemData;
        // Google locates the item by its index; an item id in the body must be the one there.
        if (item.itemId !== undefined && item.itemId !== form.apiIdsOf(current, this.store).itemId)
          throw badRequest(`${where}: no item ${String(item.itemId)} at index ${index}`);
        const next = { ...current, choices: [...current.choices] };
        originals.set(next, originals.get(current) ?? current);
        for (const f of str(updateMask, `${where}.updateMask`).split(','))
          if (f === 'title') next.title = str(item.title ?? '', 'item.title');
          else if (f === 'description') next.helpText = str(item.description ?? '', 'item.description');
          else if (f === 'questionItem.question.choiceQuestion.options') {
            if (next.kind !== 'LIST' && next.kind !== 'CHECKBOX')
              throw badRequest(`${where}: the item at index ${index} is not a choice question`);
            const question = isObject(item.questionItem) ? item.questionItem.question : undefined;
            const choice = isObject(question) ? question.choiceQuestion : undefined;
            const options = optionsOf(choice, next.kind === 'CHECKBOX', where);
            next.choices = options.values;
            next.otherOption = options.other;
          } else throw badRequest(`${where}: field ${f} not modelled in the update mask`);
        staged.items[index] = next;
        replies.push({});
      } else throw badRequest(`${where}: request kind ${Object.keys(r)[0] ?? ''} not supported`);
    }
    form.title = staged.title;
    form.description = staged.description;
    form.items = staged.items.map((item) => {
      const original = originals.get(item);
      return original ? Object.assign(original, item) : item;
    });
    return { replies };
  }

  /** A new item from the Forms API's Item, for the kinds FormApp's model holds. */
  private itemOf(item: unknown, where: string): ItemData {
    if (!isObject(item)) throw badRequest(`${where}: item is required`);
    const title = str(item.title ?? '', `${where}.item.title`);
    const helpText = str(item.description ?? '', `${where}.item.description`);
    const data = (kind: ItemKind, extra: Partial<ItemData> = {}): ItemData => ({
      id: this.store.itemId(),
      kind,
      title,
      helpText,
      required: false,
      choices: [],
      otherOption: false,
      // FormApp's default for a new item (form-app.ts); a date item says its own.
      includesYear: true,
      validation: null,
      ...extra,
    });
    if (isObject(item.textItem)) return data('SECTION_HEADER');
    if (isObject(item.pageBreakItem)) return data('PAGE_BREAK');
    const question = isObject(item.questionItem) ? item.questionItem.question : undefined;
    if (!isObject(question)) throw badRequest(`${where}: item kind not supported`);
    const required = question.required === true;
    if (isObject(question.textQuestion))
      return data(question.textQuestion.paragraph === true ? 'PARAGRAPH_TEXT' : 'TEXT', { required });
    if (isObject(question.dateQuestion)) {
      if (question.dateQuestion.includeTime === true) throw badRequest(`${where}: date-time not modelled`);
      return data('DATE', { required, includesYear: question.dateQuestion.includeYear === true });
    }
    const choice = question.choiceQuestion;
    if (isObject(choice) && (choice.type === 'DROP_DOWN' || choice.type === 'CHECKBOX')) {
      const { values, other } = optionsOf(choice, choice.type === 'CHECKBOX', where);
      return choice.type === 'DROP_DOWN'
        ? data('LIST', { required, choices: values })
        : data('CHECKBOX', { required, choices: values, otherOption: other });
    }
    if (isObject(choice)) throw badRequest(`${where}: choice type ${String(choice.type)} not supported here`);
    throw badRequest(`${where}: item kind not supported`);
  }

  /** forms.setPublishSettings: both booleans required; accepting is forced off on an unpublished form. */
  setPublishSettings(formId: string, body: unknown): forms_v1.Schema$SetPublishSettingsResponse {
    const form = this.form(formId);
    if (!isObject(body)) throw badRequest('The body must be an object');
    const settings = body.publishSettings;
    const state = isObject(settings) ? settings.publishState : undefined;
    if (
      !isObject(state) ||
      typeof state.isPublished !== 'boolean' ||
      typeof state.isAcceptingResponses !== 'boolean'
    )
      throw badRequest('publishSettings.publishState needs isPublished and isAcceptingResponses');
    const mask = body.updateMask;
    if (mask !== undefined && mask !== 'publishState' && mask !== '*')
      throw badRequest(`Invalid update mask ${String(mask)}`);
    form.published = state.isPublished;
    form.accepting = state.isPublished && state.isAcceptingResponses;
    return { formId, publishSettings: { publishState: publishState(form) } };
  }

  /** forms.responses.list: the form's responses submitted after (or at and after) the filter's time, paged. */
  listResponses(
    formId: string,
    query: { filter?: string; pageToken?: string; pageSize?: number } = {},
  ): forms_v1.Schema$ListFormResponsesResponse {
    const form = this.form(formId);
    const filter = query.filter ?? '';
    let keep = (_time: string) => true;
    if (filter !== '') {
      const m = FILTER.exec(filter);
      const since = m ? zuluKey(m[2] ?? '') : null;
      if (!m || !since) throw badRequest(`Invalid filter: ${filter}`);
      keep = m[1] === '>=' ? (t) => t >= since : (t) => t > since;
    }
    let offset = 0;
    if (query.pageToken !== undefined && query.pageToken !== '') {
      const token = readToken(query.pageToken);
      if (!token || token.formId !== formId || token.filter !== filter)
        throw badRequest('The page token does not match the form and filter of the request that gave it.');
      offset = token.offset;
    }
    if (query.pageSize !== undefined && (!Number.isInteger(query.pageSize) || query.pageSize < 0))
      throw badRequest(`Invalid pageSize ${String(query.pageSize)}`);
    const size = Math.min(query.pageSize || 5000, this.pageSize);
    const all = form.responses.filter((r) => keep(zuluKey(r.time) ?? ''));
    const page = all.slice(offset, offset + size).map((r) => this.store.responseJson(form, r));
    const next =
      offset + size < all.length ? writeToken({ formId, filter, offset: offset + size }) : undefined;
    return { ...(page.length > 0 ? { responses: page } : {}), ...(next ? { nextPageToken: next } : {}) };
  }

  /**
   * A respondent's answers by Forms API question id (as the form page would post them), at an RFC 3339 time; an
   * answer under a question id the form does not have is kept as sent (what only a forged reply could carry).
   */
  submit(formId: string, answers: Readonly<Record<string, string | readonly string[]>>, at: string): string {
    const form = this.form(formId);
    if (!form.published || !form.accepting) throw new FormClosedError(form.title);
    return this.store.submitByQuestionId(form, answers, at).id;
  }

  /**
   * One request of the emulator's UrlFetchApp: its status and JSON body (the same function the REST fake calls,
   * errors included).
   */
  route(method: string, url: string, payload: string | undefined): { code: number; body: unknown } {
    try {
      const post = method === 'post' ? ROUTES.post.exec(url) : null;
      if (post) {
        const formId = decodeURIComponent(post[1] ?? '');
        let body: unknown;
        try {
          body = JSON.parse(payload ?? '');
        } catch {
          throw badRequest('Invalid JSON payload received.');
        }
        return {
          code: 200,
          body:
            post[2] === 'batchUpdate'
              ? this.batchUpdate(formId, body)
              : this.setPublishSettings(formId, body),
        };
      }
      const list = method === 'get' ? ROUTES.list.exec(url) : null;
      if (list) {
        const params = new URLSearchParams((list[2] ?? '').slice(1));
        const pageSize = params.get('pageSize');
        return {
          code: 200,
          body: this.listResponses(decodeURIComponent(list[1] ?? ''), {
            ...(params.has('filter') ? { filter: params.get('filter') ?? '' } : {}),
            ...(params.has('pageToken') ? { pageToken: params.get('pageToken') ?? '' } : {}),
            ...(pageSize !== null ? { pageSize: Number(pageSize) } : {}),
          }),
        };
      }
      const get = method === 'get' ? ROUTES.get.exec(url) : null;
      if (get) return { code: 200, body: this.get(decodeURIComponent(get[1] ?? '')) };
      throw new FakeHttpError(404, {
        error: { code: 404, message: `Not found: ${method} ${url}`, status: 'NOT_FOUND' },
      });
    } catch (e) {
      if (e instanceof FakeHttpError) return { code: e.status, body: e.body };
      throw e;
    }
  }
}

function publishState(form: FormData): forms_v1.Schema$PublishState {
  return {
    ...(form.published ? { isPublished: true } : {}),
    ...(form.published && form.accepting ? { isAcceptingResponses: true } : {}),
  };
}

function indexOf(location: unknown, max: number, where: string): number {
  const index = isObject(location) ? location.index : undefined;
  if (typeof index !== 'number' || !Number.isInteger(index) || index < 0 || index > max)
    throw badRequest(`${where}: location index ${String(index)} out of range`);
  return index;
}

function optionsOf(
  choice: unknown,
  otherAllowed: boolean,
  where: string,
): { values: string[]; other: boolean } {
  const options =
    isObject(choice) && Array.isArray(choice.options) ? (choice.options as unknown[]) : undefined;
  if (!options) throw badRequest(`${where}: a choice question needs options`);
  const values = options
    .filter((o) => isObject(o) && o.isOther !== true)
    .map((o) => str((o as Json).value, `${where} option`));
  const other = options.some((o) => isObject(o) && o.isOther === true);
  if (values.length === 0) throw badRequest(`${where}: a choice question needs options`);
  if (new Set(values).size !== values.length) throw badRequest(`${where}: duplicate option values`);
  if (other && !otherAllowed) throw badRequest(`${where}: a drop-down cannot offer « other »`);
  return { values, other };
}

function writeToken(token: PageToken): string {
  return Buffer.from(JSON.stringify(token), 'utf8').toString('base64url');
}

function readToken(text: string): PageToken | null {
  try {
    const t = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as Partial<PageToken>;
    return typeof t.formId === 'string' && typeof t.filter === 'string' && typeof t.offset === 'number'
      ? (t as PageToken)
      : null;
  } catch {
    return null;
  }
}
