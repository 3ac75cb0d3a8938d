// UrlFetchApp fake: fetch and fetchAll of Drive API v3 files.copy and of the Forms API v1 (forms.get,
// forms.responses.list, forms.batchUpdate, forms.setPublishSettings), authorised by the script's own token
// (ScriptApp.getOAuthToken). Google runs fetchAll's requests concurrently (tanaikech, « Benchmark: fetchAll method in
// UrlFetch service for Google Apps Script », https://tanaikech.github.io/2018/04/19/benchmark-fetchall-method-in-
// urlfetch-service-for-google-apps-script/: « the fetchAll method is worked by the asynchronous processing ») but
// documents no degree of concurrency; the emulator assumes the low end of what third parties observe, 10 at a time,
// each wave costing as much as one copy ('drive-copy'). Any other URL or method is refused (not modelled). An HTTP
// error is returned as a response when the request sets muteHttpExceptions, else thrown as Google throws it
// (« Class UrlFetchApp », https://developers.google.com/apps-script/reference/url-fetch/url-fetch-app#fetchurl,-params:
// muteHttpExceptions « If true the fetch doesn't throw an exception if the response code indicates failure »). The
// quota « URL Fetch calls: 20,000 / day » (consumer) is not counted.
// A wave of Forms API requests only costs one advanced-service round trip ('batch', with its per-request cost for the
// largest batchUpdate of the wave; a read counts one): the same HTTPS request from Google's servers to a Google API
// that Sheets.Spreadsheets.batchUpdate is, with no file to copy. The Forms API requests are answered by forms-api.ts,
// the one handler the REST fake (../google-api/fake-workspace.ts) calls too: same validation, same all-or-nothing
// batchUpdate, same error bodies, on the SAME forms FormApp reads.
import type { GasFetchRequest, GasHttpResponse, GasUrlFetchApp } from '../../../src/apps-script/gas-api';
import type { DriveRegistry } from './drive-app';
import { isFormsApiRequest, type FormsApi } from './forms-api';
import { ExecutionLimitError, type GasRuntime } from './runtime';

/** Requests fetchAll runs at once (assumption, see above). */
export const FETCH_ALL_CONCURRENCY = 10;

const COPY = /^https:\/\/www\.googleapis\.com\/drive\/v3\/files\/([^/?]+)\/copy(\?.*)?$/;

/**
 * A request as UrlFetchApp takes it: the runtime's JSON POSTs (GasFetchRequest), or a GET with no payload (method
 * defaults to 'get', as Google's does).
 */
export interface EmulatedFetchRequest {
  url: string;
  method?: GasFetchRequest['method'] | 'get';
  contentType?: string;
  headers?: Readonly<Record<string, string>>;
  payload?: string;
  muteHttpExceptions?: boolean;
}

function response(code: number, body: unknown): GasHttpResponse {
  const text = JSON.stringify(body);
  return { getResponseCode: () => code, getContentText: () => text };
}

const methodOf = (r: EmulatedFetchRequest): string => (r.method ?? 'get').toLowerCase();
const isCopy = (r: EmulatedFetchRequest): boolean => methodOf(r) === 'post' && COPY.test(r.url);

export class FakeUrlFetchApp implements GasUrlFetchApp {
  constructor(
    private readonly rt: GasRuntime,
    private readonly drive: DriveRegistry,
    private readonly forms: FormsApi,
    /** The token ScriptApp.getOAuthToken gives the running script. */
    private readonly token: () => string,
  ) {}

  private check(requests: readonly EmulatedFetchRequest[]): void {
    for (const r of requests)
      if (!isCopy(r) && !isFormsApiRequest(methodOf(r), r.url))
        throw new Error(
          `The emulator's UrlFetchApp models only Drive files.copy and the Forms API (get, responses.list, batchUpdate, setPublishSettings), not ${methodOf(r)} ${r.url}`,
        );
  }

  /** One request (UrlFetchApp.fetch(url, params)), costed as a wave of one. */
  fetch(url: string, params: Omit<EmulatedFetchRequest, 'url'> = {}): GasHttpResponse {
    const request = { ...params, url };
    this.check([request]);
    this.rt.useUrlFetch(1);
    this.rt.call('UrlFetchApp.fetch', isCopy(request) ? 'drive-copy' : 'batch', subrequests(request));
    return this.answer(request);
  }

  fetchAll(requests: EmulatedFetchRequest[]): GasHttpResponse[] {
    this.check(requests);
    this.rt.useUrlFetch(requests.length);
    const waves = Math.max(1, Math.ceil(requests.length / FETCH_ALL_CONCURRENCY));
    for (let wave = 0; wave < waves; wave += 1) {
      const these = requests.slice(wave * FETCH_ALL_CONCURRENCY, (wave + 1) * FETCH_ALL_CONCURRENCY);
      if (these.length === 0 || these.some(isCopy)) this.rt.call('UrlFetchApp.fetchAll', 'drive-copy');
      else this.rt.call('UrlFetchApp.fetchAll', 'batch', Math.max(...these.map(subrequests)));
    }
    // Every answer is in before any is thrown: Google sends them all at once.
    const answers = requests.map((r) => this.one(r));
    requests.forEach((r, i) => {
      const a = answers[i];
      if (a && r.muteHttpExceptions !== true && a.getResponseCode() >= 400) throw httpException(r, a);
    });
    return answers;
  }

  private answer(request: EmulatedFetchRequest): GasHttpResponse {
    const a = this.one(request);
    if (request.muteHttpExceptions !== true && a.getResponseCode() >= 400) throw httpException(request, a);
    return a;
  }

  private one(request: EmulatedFetchRequest): GasHttpResponse {
    if (request.headers?.Authorization !== `Bearer ${this.token()}`)
      return response(401, {
        error: { code: 401, message: 'Request is missing required authentication credential.' },
      });
    if (!isCopy(request)) {
      const { code, body } = this.forms.route(methodOf(request), request.url, request.payload);
      return response(code, body);
    }
    const copy = COPY.exec(request.url) ?? [];
    let body: { name?: unknown; parents?: unknown } = {};
    try {
      body = JSON.parse(request.payload ?? '') as typeof body;
    } catch {
      return response(400, { error: { code: 400, message: 'Invalid JSON payload received.' } });
    }
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
}

/** What UrlFetchApp throws for an HTTP error when muteHttpExceptions is not set (worded as Google's message is seen). */
function httpException(request: EmulatedFetchRequest, answer: GasHttpResponse): Error {
  const host = /^https:\/\/[^/]+/.exec(request.url)?.[0] ?? request.url;
  return new Error(
    `Request failed for ${host} returned code ${answer.getResponseCode()}. Truncated server response: ${answer.getContentText().slice(0, 100)}`,
  );
}

/** How many requests a Forms batchUpdate carries (the 'batch' class's per-request cost); other requests count one. */
function subrequests(r: EmulatedFetchRequest): number {
  try {
    const body = JSON.parse(r.payload ?? '') as { requests?: unknown };
    return Array.isArray(body.requests) ? body.requests.length : 1;
  } catch {
    return 1;
  }
}
