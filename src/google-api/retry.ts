// Calls one Google API method with our failure policy: 429 and 5xx are retried with truncated exponential backoff
// and full jitter, 403/404 become our codes, everything else is rethrown unchanged (see errors.ts).
import { frGoogle } from './messages';
import { classifyHttpFailure, GoogleApiError } from './errors';

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  attempts: number;
  /** Upper bound of the first wait; doubles at each retry. */
  baseDelayMs: number;
  /** No single wait exceeds this. */
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 6, baseDelayMs: 1_000, maxDelayMs: 32_000 };

/** Time, injected so tests neither wait nor depend on chance. */
export interface Timing {
  sleep(ms: number): Promise<void>;
  /** A number in [0, 1). */
  random(): number;
  now(): number;
}

export const realTiming: Timing = {
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: () => Math.random(),
  now: () => Date.now(),
};

/** Full jitter: a wait drawn uniformly below the exponential bound (AWS architecture blog, Google's guidance). */
export function backoffDelayMs(policy: RetryPolicy, retry: number, random: number): number {
  const bound = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retry);
  return Math.floor(random * bound);
}

export async function callWithRetry<T>(
  what: string,
  call: () => Promise<T>,
  policy: RetryPolicy,
  timing: Timing,
): Promise<T> {
  let lastStatus = 0;
  for (let attempt = 0; attempt < policy.attempts; attempt += 1) {
    if (attempt > 0) await timing.sleep(backoffDelayMs(policy, attempt - 1, timing.random()));
    try {
      return await call();
    } catch (error) {
      const failure = classifyHttpFailure(error, what);
      if (failure.kind === 'mapped') throw failure.error;
      if (failure.kind === 'rethrow') throw error;
      lastStatus = failure.status;
      if (attempt === policy.attempts - 1)
        throw new GoogleApiError(
          'RETRIES_EXHAUSTED',
          frGoogle.retriesExhausted(what, failure.status, policy.attempts),
          `${what}: ${failure.status} after ${policy.attempts} attempts`,
          { cause: error, status: failure.status },
        );
    }
  }
  throw new Error(`unreachable: ${what} ${lastStatus}`);
}
