// JSON requests to Google's REST APIs sent together by UrlFetchApp.fetchAll with the script's own token: the Drive
// copies (drive-copies.ts) and the Forms API requests (forms-api.ts) of install and RETEX, one plumbing for both.
import type { HttpJsonRequest } from '../google/drive-requests';
import type { GasFetchRequest, GasServices } from './gas-api';

/** One answer: its HTTP status and its JSON body (undefined when the body is not JSON). */
export interface FetchAnswer {
  code: number;
  body: unknown;
}

/** One JSON request as UrlFetchApp sends it with `token`; an HTTP error comes back as an answer. */
export function fetchRequestOf(request: HttpJsonRequest, token: string): GasFetchRequest {
  const headers = { Authorization: `Bearer ${token}` };
  return request.body === undefined
    ? { url: request.url, method: request.method, headers, muteHttpExceptions: true }
    : {
        url: request.url,
        method: request.method,
        contentType: 'application/json',
        headers,
        payload: JSON.stringify(request.body),
        muteHttpExceptions: true,
      };
}

/**
 * Sends JSON requests to Google APIs in one UrlFetchApp.fetchAll with the script's token. An HTTP error is an
 * answer (muteHttpExceptions), so one refused request does not lose the others'.
 */
export function fetchAllJson(
  services: Pick<GasServices, 'ScriptApp' | 'UrlFetchApp'>,
  requests: readonly HttpJsonRequest[],
): FetchAnswer[] {
  if (requests.length === 0) return [];
  const token = services.ScriptApp.getOAuthToken();
  const answers = services.UrlFetchApp.fetchAll(requests.map((request) => fetchRequestOf(request, token)));
  return answers.map((a) => {
    let body: unknown;
    try {
      body = JSON.parse(a.getContentText());
    } catch {
      body = undefined;
    }
    return { code: a.getResponseCode(), body };
  });
}
