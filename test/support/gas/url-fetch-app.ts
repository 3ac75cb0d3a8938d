// UrlFetchApp fake: fetchAll of Drive API v3 files.copy requests only, authorised by the script's own token
// (ScriptApp.getOAuthToken). Google runs fetchAll's requests concurrently (tanaikech, « Benchmark: fetchAll method in
// UrlFetch service for Google Apps Script », https://tanaikech.github.io/2018/04/19/benchmark-fetchall-method-in-
// urlfetch-service-for-google-apps-script/: « the fetchAll method is worked by the asynchronous processing ») but
// documents no degree of concurrency; the emulator assumes the low end of what third parties observe, 10 at a time,
// each wave costing as much as one copy ('drive-copy'). Any other URL or method is refused (not modelled); an HTTP
// error is returned as a response (the runtime always sets muteHttpExceptions). The quota « URL Fetch calls: 20,000
// / day » (consumer) is not counted.
import type { GasFetchRequest, GasHttpResponse, GasUrlFetchApp } from '../../../src/apps-script/gas-api';
import type { DriveRegistry } from './drive-app';
import type { GasRuntime } from './runtime';

/** Requests fetchAll runs at once (assumption, see above). */
export const FETCH_ALL_CONCURRENCY = 10;

const COPY = /^https:\/\/www\.googleapis\.com\/drive\/v3\/files\/([^/?]+)\/copy(\?.*)?$/;

function response(code: number, body: unknown): GasHttpResponse {
  const text = JSON.stringify(body);
  return { getResponseCode: () => code, getContentText: () => text };
}

export class FakeUrlFetchApp implements GasUrlFetchApp {
  constructor(
    private readonly rt: GasRuntime,
    private readonly drive: DriveRegistry,
    /** The token ScriptApp.getOAuthToken gives the running script. */
    private readonly token: () => string,
  ) {}

  fetchAll(requests: GasFetchRequest[]): GasHttpResponse[] {
    for (let wave = 0; wave < Math.max(1, Math.ceil(requests.length / FETCH_ALL_CONCURRENCY)); wave += 1)
      this.rt.call('UrlFetchApp.fetchAll', 'drive-copy');
    return requests.map((r) => this.one(r));
  }

  private one(request: GasFetchRequest): GasHttpResponse {
    const copy = COPY.exec(request.url);
    if (!copy || request.method !== 'post')
      throw new Error(
        `The emulator's UrlFetchApp models only Drive files.copy, not ${request.method} ${request.url}`,
      );
    if (request.headers.Authorization !== `Bearer ${this.token()}`)
      return response(401, {
        error: { code: 401, message: 'Request is missing required authentication credential.' },
      });
    const body = JSON.parse(request.payload) as { name?: unknown; parents?: unknown };
    const parent = Array.isArray(body.parents) ? body.parents[0] : undefined;
    if (typeof body.name !== 'string' || typeof parent !== 'string')
      return response(400, {
        error: { code: 400, message: 'Invalid request: name and parents are required here' },
      });
    try {
      const entry = this.drive.copy(decodeURIComponent(copy[1] ?? ''), body.name, parent);
      return response(200, { id: entry.id });
    } catch (e) {
      return response(404, { error: { code: 404, message: e instanceof Error ? e.message : String(e) } });
    }
  }
}
