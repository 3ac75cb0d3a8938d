// UrlFetchApp fake: fetchAll of Drive API v3 files.copy and Forms API v1 forms.batchUpdate / forms.setPublishSettings
// requests only, authorised by the script's own token
// (ScriptApp.getOAuthToken). Google runs fetchAll's requests concurrently (tanaikech, « Benchmark: fetchAll method in
// UrlFetch service for Google Apps Script », https://tanaikech.github.io/2018/04/19/benchmark-fetchall-method-in-
// urlfetch-service-for-google-apps-script/: « the fetchAll method is worked by the asynchronous processing ») but
// documents no degree of concurrency; the emulator assumes the low end of what third parties observe, 10 at a time,
// each wave costing as much as one copy ('drive-copy'). Any other URL or method is refused (not modelled); an HTTP
// error is returned as a response (the runtime always sets muteHttpExceptions). The quota « URL Fetch calls: 20,000
// / day » (consumer) is not counted.
// A wave of Forms API requests only costs one advanced-service round trip ('batch', with its per-request cost for the
// largest batchUpdate of the wave): the same HTTPS request from Google's servers to a Google API that
// Sheets.Spreadsheets.batchUpdate is, with no file to copy. Forms API requests act on the SAME forms FormApp reads,
// strictly: forms.batchUpdate « If any request is not valid, then the entire request will fail and nothing will be
// applied » (Forms API « Method: forms.batchUpdate », https://developers.google.com/workspace/forms/api/reference/
// rest/v1/forms/batchUpdate): an unknown request kind, an item the emulator does not model, or a location out of the
// form's items fails the whole batch with nothing applied. setPublishSettings forces accepting responses off when the
// form is not published (« If is_published is set to false, this field is forced to false », PublishState).
import type { GasFetchRequest, GasHttpResponse, GasUrlFetchApp } from '../../../src/apps-script/gas-api';
import type { DriveRegistry } from './drive-app';
import type { FormStore, ItemData, ItemKind } from './form-app';
import { ExecutionLimitError, type GasRuntime } from './runtime';

/** Requests fetchAll runs at once (assumption, see above). */
export const FETCH_ALL_CONCURRENCY = 10;

const COPY = /^https:\/\/www\.googleapis\.com\/drive\/v3\/files\/([^/?]+)\/copy(\?.*)?$/;
const FORMS = /^https:\/\/forms\.googleapis\.com\/v1\/forms\/([^/:?]+):(batchUpdate|setPublishSettings)$/;

class InvalidRequest extends Error {}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown, what: string): string => {
  if (typeof v !== 'string') throw new InvalidRequest(`${what} must be a string`);
  return v;
};

function response(code: number, body: unknown): GasHttpResponse {
  const text = JSON.stringify(body);
  return { getResponseCode: () => code, getContentText: () => text };
}

export class FakeUrlFetchApp implements GasUrlFetchApp {
  constructor(
    private readonly rt: GasRuntime,
    private readonly drive: DriveRegistry,
    private readonly forms: FormStore,
    /** The token ScriptApp.getOAuthToken gives the running script. */
    private readonly token: () => string,
  ) {}

  fetchAll(requests: GasFetchRequest[]): GasHttpResponse[] {
    for (const r of requests)
      if (r.method !== 'post' || (!COPY.test(r.url) && !FORMS.test(r.url)))
        throw new Error(
          `The emulator's UrlFetchApp models only Drive files.copy and Forms batchUpdate/setPublishSettings, not ${r.method} ${r.url}`,
        );
    const waves = Math.max(1, Math.ceil(requests.length / FETCH_ALL_CONCURRENCY));
    for (let wave = 0; wave < waves; wave += 1) {
      const these = requests.slice(wave * FETCH_ALL_CONCURRENCY, (wave + 1) * FETCH_ALL_CONCURRENCY);
      if (these.length === 0 || these.some((r) => COPY.test(r.url)))
        this.rt.call('UrlFetchApp.fetchAll', 'drive-copy');
      else this.rt.call('UrlFetchApp.fetchAll', 'batch', Math.max(...these.map(subrequests)));
    }
    return requests.map((r) => this.one(r));
  }

  private one(request: GasFetchRequest): GasHttpResponse {
    if (request.headers.Authorization !== `Bearer ${this.token()}`)
      return response(401, {
        error: { code: 401, message: 'Request is missing required authentication credential.' },
      });
    const forms = FORMS.exec(request.url);
    if (forms)
      return this.formsRequest(decodeURIComponent(forms[1] ?? ''), forms[2] ?? '', request.payload ?? '');
    const copy = COPY.exec(request.url) ?? [];
    const body = JSON.parse(request.payload ?? '{}') as { name?: unknown; parents?: unknown };
    const parent = Array.isArray(body.parents) ? body.parents[0] : undefined;
    if (typeof body.name !== 'string' || typeof parent !== 'string')
      return response(400, {
        error: { code: 400, message: 'Invalid request: name and parents are required here' },
      });
    try {
      const entry = this.drive.copy(decodeURIComponent(copy[1] ?? ''), body.name, parent);
      return response(200, { id: entry.id });
    } catch (e) {
      // The execution itself stopped (Google's time limit) while Drive copied: no answer comes back at all.
      if (e instanceof ExecutionLimitError) throw e;
      return response(404, { error: { code: 404, message: e instanceof Error ? e.message : String(e) } });
    }
  }

  private formsRequest(formId: string, method: string, payload: string): GasHttpResponse {
    let form;
    try {
      form = this.forms.get(formId);
    } catch {
      return response(404, {
        error: { code: 404, message: `Requested entity was not found.`, status: 'NOT_FOUND' },
      });
    }
    try {
      const body: unknown = JSON.parse(payload);
      if (!isObject(body)) throw new InvalidRequest('The body must be an object');
      if (method === 'setPublishSettings') {
        const settings = body.publishSettings;
        const state = isObject(settings) ? settings.publishState : undefined;
        if (!isObject(state) || typeof state.isPublished !== 'boolean')
          throw new InvalidRequest('publishSettings.publishState.isPublished is required');
        const mask = body.updateMask;
        if (mask !== undefined && mask !== 'publishState' && mask !== '*')
          throw new InvalidRequest(`Invalid update mask ${String(mask)}`);
        form.published = state.isPublished;
        form.accepting = state.isPublished && state.isAcceptingResponses === true;
        return response(200, {
          formId,
          publishSettings: {
            publishState: { isPublished: form.published, isAcceptingResponses: form.accepting },
          },
        });
      }
      if (!Array.isArray(body.requests)) throw new InvalidRequest('requests must be a list');
      // Applied to a staged copy, kept only when every request is valid.
      const staged = { title: form.title, description: form.description, items: [...form.items] };
      const replies: Json[] = [];
      // An updated item is staged as a clone, written back onto the item FormApp's handles read when committed.
      const originals = new Map<ItemData, ItemData>();
      for (const [i, r] of (body.requests as unknown[]).entries()) {
        if (!isObject(r) || Object.keys(r).length !== 1)
          throw new InvalidRequest(`requests[${i}]: one kind expected`);
        if (isObject(r.updateFormInfo)) {
          const { info, updateMask } = r.updateFormInfo;
          if (!isObject(info)) throw new InvalidRequest(`requests[${i}]: info is required`);
          const fields = str(updateMask, `requests[${i}].updateMask`).split(',');
          for (const f of fields)
            if (f === 'title') staged.title = str(info.title, 'info.title');
            else if (f === 'description')
              staged.description = str(info.description ?? '', 'info.description');
            else throw new InvalidRequest(`requests[${i}]: unknown field ${f} in the update mask`);
          replies.push({});
        } else if (isObject(r.createItem)) {
          const { item, location } = r.createItem;
          const index = isObject(location) ? location.index : undefined;
          if (
            typeof index !== 'number' ||
            !Number.isInteger(index) ||
            index < 0 ||
            index > staged.items.length
          )
            throw new InvalidRequest(`requests[${i}]: location index ${String(index)} out of range`);
          const data = this.itemOf(item, `requests[${i}]`);
          staged.items.splice(index, 0, data);
          replies.push({ createItem: { itemId: data.id.toString(16) } });
        } else if (isObject(r.updateItem)) {
          // Only an item's title and help text are modelled here: any other field in the mask fails the batch.
          const { item, location, updateMask } = r.updateItem;
          const index = isObject(location) ? location.index : undefined;
          if (
            typeof index !== 'number' ||
            !Number.isInteger(index) ||
            index < 0 ||
            index >= staged.items.length
          )
            throw new InvalidRequest(`requests[${i}]: location index ${String(index)} out of range`);
          if (!isObject(item)) throw new InvalidRequest(`requests[${i}]: item is required`);
          const current = staged.items[index] as ItemData;
          const next = { ...current };
          originals.set(next, originals.get(current) ?? current);
          for (const f of str(updateMask, `requests[${i}].updateMask`).split(','))
            if (f === 'title') next.title = str(item.title ?? '', 'item.title');
            else if (f === 'description') next.helpText = str(item.description ?? '', 'item.description');
            else throw new InvalidRequest(`requests[${i}]: field ${f} not modelled in the update mask`);
          staged.items[index] = next;
          replies.push({});
        } else
          throw new InvalidRequest(`requests[${i}]: request kind ${Object.keys(r)[0] ?? ''} not supported`);
      }
      form.title = staged.title;
      form.description = staged.description;
      form.items = staged.items.map((item) => {
        const original = originals.get(item);
        return original ? Object.assign(original, item) : item;
      });
      return response(200, { replies });
    } catch (e) {
      if (!(e instanceof InvalidRequest) && !(e instanceof SyntaxError)) throw e;
      return response(400, { error: { code: 400, message: e.message, status: 'INVALID_ARGUMENT' } });
    }
  }

  /** A new item from the Forms API's Item, for the kinds FormApp's model holds. */
  private itemOf(item: unknown, where: string): ItemData {
    if (!isObject(item)) throw new InvalidRequest(`${where}: item is required`);
    const title = str(item.title ?? '', `${where}.item.title`);
    const helpText = str(item.description ?? '', `${where}.item.description`);
    const base = { title, helpText, required: false, choices: [] as string[], otherOption: false };
    const data = (kind: ItemKind, extra: Partial<ItemData> = {}): ItemData => ({
      id: this.forms.itemId(),
      kind,
      ...base,
      // FormApp's default for a new item (form-app.ts); a date item says its own.
      includesYear: true,
      validation: null,
      ...extra,
    });
    if (isObject(item.textItem)) return data('SECTION_HEADER');
    const question = isObject(item.questionItem) ? item.questionItem.question : undefined;
    if (!isObject(question)) throw new InvalidRequest(`${where}: item kind not supported`);
    const required = question.required === true;
    if (isObject(question.textQuestion))
      return data(question.textQuestion.paragraph === true ? 'PARAGRAPH_TEXT' : 'TEXT', { required });
    if (isObject(question.dateQuestion)) {
      if (question.dateQuestion.includeTime === true)
        throw new InvalidRequest(`${where}: date-time not modelled`);
      return data('DATE', { required, includesYear: question.dateQuestion.includeYear === true });
    }
    const choice = question.choiceQuestion;
    if (isObject(choice) && Array.isArray(choice.options)) {
      const options = choice.options as unknown[];
      const values = options
        .filter((o) => isObject(o) && o.isOther !== true)
        .map((o) => str((o as Json).value, `${where} option`));
      const other = options.some((o) => isObject(o) && o.isOther === true);
      if (values.length === 0) throw new InvalidRequest(`${where}: a choice question needs options`);
      if (new Set(values).size !== values.length)
        throw new InvalidRequest(`${where}: duplicate option values`);
      if (choice.type === 'DROP_DOWN' && !other) return data('LIST', { required, choices: values });
      if (choice.type === 'CHECKBOX')
        return data('CHECKBOX', { required, choices: values, otherOption: other });
      throw new InvalidRequest(`${where}: choice type ${String(choice.type)} not supported here`);
    }
    throw new InvalidRequest(`${where}: item kind not supported`);
  }
}

/** How many requests a Forms batchUpdate carries (the 'batch' class's per-request cost); other requests count one. */
function subrequests(r: GasFetchRequest): number {
  try {
    const body = JSON.parse(r.payload ?? '{}') as { requests?: unknown };
    return Array.isArray(body.requests) ? body.requests.length : 1;
  } catch {
    return 1;
  }
}
