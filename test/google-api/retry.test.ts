// The one failure policy: 403/404 mapped to our codes, 429/5xx retried with jittered exponential backoff, every
// other error rethrown unchanged; and the pacer that keeps writes under 60 per minute.
import { backoffDelayMs, callWithRetry, DEFAULT_RETRY } from '../../src/google-api/retry';
import { classifyHttpFailure, GoogleApiError } from '../../src/google-api/errors';
import { Pacer } from '../../src/google-api/pacer';
import { RecordedTiming } from '../support/google-api/google-mocks';

const http = (status: number, data: unknown = { error: { message: `HTTP ${status}` } }) =>
  Object.assign(new Error(`Request failed ${status}`), { status, response: { status, data } });

describe('failure policy', () => {
  it.each([
    [403, 'NOT_AUTHORIZED'],
    [404, 'NOT_FOUND'],
  ])('maps HTTP %i to %s with Google’s own message', (status, code) => {
    const outcome = classifyHttpFailure(http(status), 'spreadsheets.get');
    expect(outcome.kind).toBe('mapped');
    expect(outcome.kind === 'mapped' && outcome.error).toMatchObject({ code, status });
    expect(outcome.kind === 'mapped' && outcome.error.userMessage).toContain(`HTTP ${status}`);
  });

  it.each([429, 500, 503])('retries HTTP %i', (status) => {
    expect(classifyHttpFailure(http(status), 'x')).toEqual({ kind: 'retry', status });
  });

  it('retries a 403 that is really a rate limit', () => {
    const rate = http(403, {
      error: { message: 'slow down', errors: [{ reason: 'userRateLimitExceeded' }] },
    });
    expect(classifyHttpFailure(rate, 'drive.files.copy').kind).toBe('retry');
  });

  it('rethrows a 400 and our own errors unchanged', async () => {
    const bad = http(400, {
      error: { message: 'Invalid requests[3].addSheet: A sheet with the name "Suivi" already exists.' },
    });
    await expect(
      callWithRetry('x', () => Promise.reject(bad), DEFAULT_RETRY, new RecordedTiming()),
    ).rejects.toBe(bad);
    const ours = new GoogleApiError('BAD_REPLY', 'm', 'd');
    await expect(
      callWithRetry('x', () => Promise.reject(ours), DEFAULT_RETRY, new RecordedTiming()),
    ).rejects.toBe(ours);
  });

  it('succeeds after a 429 and waits a jittered, growing time', async () => {
    const timing = new RecordedTiming();
    let calls = 0;
    const result = await callWithRetry(
      'x',
      async () => {
        calls += 1;
        if (calls <= 2) throw http(429);
        return 'ok';
      },
      DEFAULT_RETRY,
      timing,
    );
    expect(result).toBe('ok');
    expect(timing.waits).toEqual([500, 1000]);
  });

  it('gives up after the last attempt with a French message and the cause kept', async () => {
    const last = http(503);
    const failure = callWithRetry(
      'values.batchUpdate',
      () => Promise.reject(last),
      { attempts: 3, baseDelayMs: 10, maxDelayMs: 20 },
      new RecordedTiming(),
    );
    await expect(failure).rejects.toMatchObject({ code: 'RETRIES_EXHAUSTED', status: 503, cause: last });
    await expect(failure).rejects.toThrow(/relancez/);
  });

  it.each([
    [0, 0.99, 990],
    [3, 0.5, 4000],
    [10, 0.99, 31680],
  ])('bounds the wait of retry %i (random %f) by the truncated exponential', (retry, random, expected) => {
    expect(backoffDelayMs(DEFAULT_RETRY, retry, random)).toBe(expected);
  });
});

describe('write pacer', () => {
  it('lets 59 writes through in a minute and holds the 60th until the window moves', async () => {
    const timing = new RecordedTiming();
    const pacer = new Pacer(timing);
    for (let i = 0; i < 59; i += 1) await pacer.take();
    expect(timing.waits).toEqual([]);
    await pacer.take();
    expect(timing.waits).toEqual([60_000]);
  });
});
