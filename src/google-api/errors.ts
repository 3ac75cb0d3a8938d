// The one place where an HTTP failure of a Google API becomes one of our codes: 403 → NOT_AUTHORIZED, 404 →
// NOT_FOUND, 429 / 5xx (and Google's 403 rate-limit reasons) → retryable. Anything else — our own errors, a 400
// with Google's precise message, a network failure — is rethrown unchanged: never folded into "unexpected".
import { frGoogle as googleMessages } from './messages';

export type GoogleErrorCode =
  | 'NOT_AUTHORIZED'
  | 'NOT_FOUND'
  | 'RETRIES_EXHAUSTED'
  | 'NO_CREDENTIALS'
  | 'BAD_CREDENTIALS_FILE'
  | 'NOT_INSTALLED'
  | 'BAD_REPLY'
  | 'LOGIN_FAILED'
  | 'LOCKED'
  | 'BAD_TEMPLATE';

/** An error the commands know how to explain: a stable code, a French sentence, English details. */
export class GoogleApiError extends Error {
  constructor(
    readonly code: GoogleErrorCode,
    /** French, shown to the administrator. */
    readonly userMessage: string,
    /** English, for logs. */
    readonly details: string,
    options?: { cause?: unknown; status?: number },
  ) {
    super(userMessage, { cause: options?.cause });
    this.name = 'GoogleApiError';
    this.status = options?.status;
  }
  readonly status: number | undefined;
}

/** Google's 403 reasons that mean "too fast", not "forbidden" (Drive and older APIs answer 403 for quotas). */
const RATE_LIMIT_REASONS = new Set(['rateLimitExceeded', 'userRateLimitExceeded']);

interface HttpLike {
  status?: unknown;
  response?: { status?: unknown; data?: unknown };
  message?: unknown;
}

/** The HTTP status of a failed call, if it was one. */
export function statusOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const e = error as HttpLike;
  const status = typeof e.status === 'number' ? e.status : e.response?.status;
  return typeof status === 'number' ? status : undefined;
}

function reasonsOf(error: unknown): string[] {
  const data = (error as HttpLike).response?.data;
  if (typeof data !== 'object' || data === null) return [];
  const inner = (data as { error?: { errors?: Array<{ reason?: unknown }>; status?: unknown } }).error;
  const reasons = (inner?.errors ?? [])
    .map((r) => r.reason)
    .filter((r): r is string => typeof r === 'string');
  if (typeof inner?.status === 'string') reasons.push(inner.status);
  return reasons;
}

/**
 * Whether Drive refused to share with an address that has no Google account. Drive does so when the sharing
 * e-mail is turned off (`sendNotificationEmail: false`): HTTP 400, reason `invalidSharingRequest`, « Since there
 * is no Google account associated with this email address, you must check the "Notify people" box to invite this
 * recipient. » Google's reference for permissions.create documents the parameter
 * (https://developers.google.com/workspace/drive/api/reference/rest/v3/permissions/create) but not this refusal;
 * the text is the one developers report (see docs/google-assumptions.md).
 */
export function isNoGoogleAccount(error: unknown): boolean {
  if (statusOf(error) !== 400) return false;
  return (
    reasonsOf(error).includes('invalidSharingRequest') || /no Google account/i.test(googleMessageOf(error))
  );
}

/** Google's own message of an HTTP failure (`error.message` of the JSON body), else the error's message. */
export function googleMessageOf(error: unknown): string {
  const data = (error as HttpLike).response?.data;
  const inner = typeof data === 'object' && data !== null ? (data as { error?: unknown }).error : undefined;
  if (typeof inner === 'object' && inner !== null) {
    const message = (inner as { message?: unknown }).message;
    if (typeof message === 'string') return message;
  }
  if (typeof inner === 'string') return inner;
  return error instanceof Error ? error.message : String(error);
}

export type HttpFailure =
  { kind: 'retry'; status: number } | { kind: 'mapped'; error: GoogleApiError } | { kind: 'rethrow' };

/**
 * Classifies a failure of one API call. `what` names the call for the message (« spreadsheets.batchUpdate »).
 * Errors without an HTTP status (ours included) are rethrown as they are.
 */
export function classifyHttpFailure(error: unknown, what: string): HttpFailure {
  if (error instanceof GoogleApiError) return { kind: 'rethrow' };
  const status = statusOf(error);
  if (status === undefined) return { kind: 'rethrow' };
  if (status === 429 || status >= 500) return { kind: 'retry', status };
  const detail = googleMessageOf(error);
  if (status === 403) {
    if (reasonsOf(error).some((r) => RATE_LIMIT_REASONS.has(r))) return { kind: 'retry', status };
    return {
      kind: 'mapped',
      error: new GoogleApiError(
        'NOT_AUTHORIZED',
        googleMessages.notAuthorized(what, detail),
        `${what}: 403 ${detail}`,
        {
          cause: error,
          status,
        },
      ),
    };
  }
  if (status === 404)
    return {
      kind: 'mapped',
      error: new GoogleApiError(
        'NOT_FOUND',
        googleMessages.notFound(what, detail),
        `${what}: 404 ${detail}`,
        {
          cause: error,
          status,
        },
      ),
    };
  return { kind: 'rethrow' };
}
