// The one options object every adapter shares: the credentials, the retry policy, the write pacers (one per API,
// each quota being per API and per user), the clock of waits and a progress sink. Built once per command.
import type { JWT, OAuth2Client } from 'google-auth-library';
import { Pacer } from './pacer';
import { proxiedFetch } from './proxy-fetch';
import { DEFAULT_RETRY, realTiming, type RetryPolicy, type Timing } from './retry';

/** Credentials accepted by every adapter: the admin's OAuth client, or a service account acting for a user. */
export type GoogleAuth = OAuth2Client | JWT;

/** Where long operations report their advance (a progress bar on a terminal, nothing in tests). */
export interface Progress {
  start(label: string, total: number): void;
  tick(detail?: string): void;
  stop(): void;
}

export const silentProgress: Progress = { start() {}, tick() {}, stop() {} };

export interface GoogleContext {
  auth: GoogleAuth;
  retry: RetryPolicy;
  timing: Timing;
  pacers: { sheets: Pacer; docs: Pacer; forms: Pacer; drive: Pacer };
  progress: Progress;
}

export function googleContext(
  auth: GoogleAuth,
  options: { retry?: RetryPolicy; timing?: Timing; progress?: Progress } = {},
): GoogleContext {
  const timing = options.timing ?? realTiming;
  return {
    auth,
    retry: options.retry ?? DEFAULT_RETRY,
    timing,
    // Sheets and Docs: 60 writes/min/user; Forms: 150; Drive counts in units, 60 keeps it far below.
    pacers: {
      sheets: new Pacer(timing),
      docs: new Pacer(timing),
      forms: new Pacer(timing, 149),
      drive: new Pacer(timing),
    },
    progress: options.progress ?? silentProgress,
  };
}

/**
 * HTTP through Node's own fetch: gaxios would otherwise import node-fetch dynamically, which some runners (jest
 * without VM modules) cannot do. Passed to every API client and every auth client. Through the proxy named by
 * HTTPS_PROXY / NO_PROXY when set (see proxy-fetch.ts: Node's fetch alone ignores them).
 */
export const TRANSPORT = {
  // Looked up at each call, not captured at import: interceptors (nock in tests) replace fetch later.
  fetchImplementation: ((input, init) => proxiedFetch(input, init)) as typeof fetch,
  // gaxios' own proxy handling builds an agent that Node's fetch ignores (and imports it dynamically, which jest
  // cannot): told that no address uses a proxy, it leaves the decision to proxiedFetch.
  noProxy: [/./],
};

/** Options passed to every generated client: our auth, Node's fetch, gaxios' own retry off (only our policy). */
export function clientOptions(ctx: GoogleContext): {
  auth: GoogleAuth;
  retry: false;
  fetchImplementation: typeof fetch;
  noProxy: RegExp[];
} {
  return { auth: ctx.auth, retry: false, ...TRANSPORT };
}
