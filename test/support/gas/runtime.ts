// The emulator's shared state: the modelled clock, the log of every service call, the executions running (who
// runs each, whether it has a UI, when it started), what is due at a modelled instant, and injected failures.
// Every fake service reports each call here. Executions overlap as on Google: when a call moves the clock past the
// instant of a scheduled event (a response submitted at t), that event runs then, as a nested execution with its
// own context, while the one that made the call is suspended; the clock then goes back to the caller's time (the
// two ran side by side). Enforced: 6 minutes per execution, 30 simultaneous executions per user, the daily
// runtime of triggers. Does not emulate: real parallelism inside one call, write caching and flush semantics
// (writes are visible at once), quotas other than the ones the fakes check themselves.
import { EXECUTION_LIMIT_MS, latencyOf, type CallClass } from './latency';

export interface CallRecord {
  /** `Service.method`, e.g. `Range.setValues`. */
  name: string;
  kind: CallClass;
  /** Modelled duration. */
  ms: number;
  /** Modelled instant the call started (epoch ms). */
  at: number;
}

/** A window on the call log: counts since it was opened. */
export class CallWindow {
  constructor(
    private readonly log: CallRecord[],
    private readonly start: number,
  ) {}
  get records(): CallRecord[] {
    return this.log.slice(this.start);
  }
  /** Calls that reach Google (everything but handle navigation and local builders). */
  get io(): number {
    return this.records.filter((r) => r.kind !== 'nav').length;
  }
  get total(): number {
    return this.records.length;
  }
  get ms(): number {
    return this.records.reduce((sum, r) => sum + r.ms, 0);
  }
  /** I/O calls by name, for reading a test failure or a bench note. */
  summary(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const r of this.records) if (r.kind !== 'nav') out[r.name] = (out[r.name] ?? 0) + 1;
    return out;
  }
}

export class ExecutionLimitError extends Error {
  constructor() {
    super('Exceeded maximum execution time');
  }
}

/**
 * Quotas page (« Quotas for Google Services », https://developers.google.com/apps-script/guides/services/quotas):
 * « Simultaneous executions per user: 30 ». The page gives no error text for it: this one is an assumption.
 */
export const MAX_SIMULTANEOUS_EXECUTIONS = 30;
export const TOO_MANY_EXECUTIONS_MESSAGE = 'There are too many scripts running.';
export class TooManyExecutionsError extends Error {
  constructor() {
    super(TOO_MANY_EXECUTIONS_MESSAGE);
  }
}

/**
 * Quotas page: « Triggers total runtime: 90 min / day » (consumer) and « 6 hr / day » (Workspace); quotas « reset
 * 24 hours after the first request ». Google's failure e-mails name the error below (webdigi/GmailScheduler#31,
 * btoews/OctoGAS#16).
 */
export const TRIGGER_RUNTIME_PER_DAY_MS = { consumer: 90 * 60_000, workspace: 6 * 60 * 60_000 } as const;
export const DAILY_RUNTIME_MESSAGE = 'Service using too much computer time for one day';
export class DailyRuntimeError extends Error {
  constructor() {
    super(DAILY_RUNTIME_MESSAGE);
  }
}
const DAY_MS = 24 * 60 * 60_000;

/**
 * Quotas page: « URL Fetch calls: 20,000 / day » (consumer) and « 100,000 / day » (Workspace). Google does not say
 * how a fetchAll counts: each of its requests counts as a call here (the stricter reading). The message is the one
 * Apps Script gives for a spent daily quota (« Service invoked too many times for one day: urlfetch. »).
 */
export const URL_FETCH_PER_DAY = { consumer: 20_000, workspace: 100_000 } as const;
export const URL_FETCH_QUOTA_MESSAGE = 'Service invoked too many times for one day: urlfetch.';

interface Failure {
  name: string;
  /** Matching calls still to let through before failing. */
  skip: number;
  remaining: number;
  message: string;
}

export interface ExecutionContext {
  /** The account whose action started the execution (the editor of a cell, the admin clicking a menu). */
  activeUser: string;
  /**
   * The account the script runs as: whoever clicked a menu or ran it from the editor, the creator of an installable
   * trigger (« Installable triggers always run under the account of the person who created them »,
   * https://developers.google.com/apps-script/guides/triggers/installable).
   */
  effectiveUser: string;
  /** A simple trigger (onOpen): no authorization, so e-mails and authorized services are withheld. */
  simpleTrigger: boolean;
  /** Whether SpreadsheetApp.getUi() is available (menus and the editor: yes; triggers: no). */
  ui: boolean;
  startedAt: number;
  /** Function that was invoked, for diagnostics. */
  entry: string;
  /** Whether a trigger started it (its time counts against the daily trigger runtime). */
  trigger: boolean;
}

/** Something due at a modelled instant (a respondent submitting a form), run when the clock passes it. */
interface Scheduled {
  at: number;
  seq: number;
  run: () => void;
}

export class GasRuntime {
  readonly calls: CallRecord[] = [];
  private nowMs: number;
  private failures: Failure[] = [];
  /** The executions running, outermost first; the last one is making the current call. */
  private readonly running: ExecutionContext[] = [];
  private readonly scheduled: Scheduled[] = [];
  private seq = 0;
  /** Executions of the same user running outside the emulator's view (a test fills the 30 slots with them). */
  busyElsewhere = 0;
  /** The daily trigger runtime: the consumer figure unless the environment says Workspace. */
  triggerRuntimePerDayMs: number = TRIGGER_RUNTIME_PER_DAY_MS.consumer;
  /** Trigger runtime spent in the current 24-hour window, which opens at the first trigger execution. */
  private triggerWindow: { start: number; usedMs: number } | null = null;
  /** URL Fetch calls allowed a day: the consumer figure unless the environment says Workspace. */
  urlFetchPerDay: number = URL_FETCH_PER_DAY.consumer;
  private urlFetchWindow: { start: number; used: number } | null = null;

  /**
   * Counts `requests` URL Fetch calls in the 24-hour window open now; refuses them all, as spent quota, when they
   * would go past the day's quota.
   */
  useUrlFetch(requests: number): void {
    const at = this.now();
    if (!this.urlFetchWindow || at >= this.urlFetchWindow.start + DAY_MS)
      this.urlFetchWindow = { start: at, used: 0 };
    if (this.urlFetchWindow.used + requests > this.urlFetchPerDay) throw new Error(URL_FETCH_QUOTA_MESSAGE);
    this.urlFetchWindow.used += requests;
  }

  /** URL Fetch calls counted in the window open now (0 when none is open). */
  urlFetchUsedToday(): number {
    const w = this.urlFetchWindow;
    return w && this.now() < w.start + DAY_MS ? w.used : 0;
  }
  /** Each execution that ended: its entry, whether a trigger started it, how long it ran, and how it ended. */
  readonly finished: Array<{
    entry: string;
    trigger: boolean;
    startedAt: number;
    ms: number;
    error?: string;
  }> = [];
  /** Multiplies every latency (a slower day at Google; used to force an install to run out of time). */
  latencyScale = 1;
  executionLimitMs = EXECUTION_LIMIT_MS;
  private uuid = 0;

  constructor(
    start: Date,
    /** The script's owner: the account that created the bound spreadsheet (the ARS administrator). */
    readonly owner: string,
  ) {
    this.nowMs = start.getTime();
  }

  now(): number {
    return this.nowMs;
  }

  setNow(instant: Date | string): void {
    const t = new Date(instant).getTime();
    if (Number.isNaN(t)) throw new Error(`Bad instant ${String(instant)}`);
    const forward = t > this.nowMs;
    this.nowMs = t;
    if (forward) this.fireScheduled();
  }

  advance(ms: number): void {
    this.nowMs += ms;
    this.fireScheduled();
  }

  /** The execution making the current call (the innermost one running), or null between executions. */
  get execution(): ExecutionContext | null {
    return this.running[this.running.length - 1] ?? null;
  }

  /** How many executions run at this instant, here and elsewhere. */
  get simultaneous(): number {
    return this.running.length + this.busyElsewhere;
  }

  /** Runs `at` the given instant (now if it is past, at the next call or advance otherwise). */
  schedule(at: number, run: () => void): void {
    this.seq += 1;
    this.scheduled.push({ at, seq: this.seq, run });
    this.scheduled.sort((a, b) => a.at - b.at || a.seq - b.seq);
    this.fireScheduled();
  }

  /**
   * Runs every scheduled event whose instant the clock has passed, each at its own instant, then puts the clock
   * back where the caller was: an event that happened during a call ran beside it, not after it.
   */
  private fireScheduled(): void {
    for (;;) {
      const next = this.scheduled[0];
      if (!next || next.at > this.nowMs) return;
      this.scheduled.shift();
      const resume = this.nowMs;
      this.nowMs = next.at;
      try {
        next.run();
      } finally {
        this.nowMs = resume;
      }
    }
  }

  /**
   * Starts an execution: refused beyond the simultaneous-execution limit, and for a trigger once the day's trigger
   * runtime is spent (Google fails such a trigger at once).
   */
  begin(context: Omit<ExecutionContext, 'startedAt'>): ExecutionContext {
    if (this.simultaneous >= MAX_SIMULTANEOUS_EXECUTIONS) throw new TooManyExecutionsError();
    if (context.trigger && this.triggerRuntimeLeft(this.nowMs) <= 0) throw new DailyRuntimeError();
    const execution = { ...context, startedAt: this.nowMs };
    if (execution.trigger) this.openTriggerWindow(execution.startedAt);
    this.running.push(execution);
    return execution;
  }

  /** Ends an execution: its time goes to the daily trigger runtime when a trigger started it. */
  end(execution: ExecutionContext, error?: unknown): void {
    const i = this.running.lastIndexOf(execution);
    if (i >= 0) this.running.splice(i, 1);
    const ms = this.nowMs - execution.startedAt;
    if (execution.trigger && this.triggerWindow) this.triggerWindow.usedMs += ms;
    this.finished.push({
      entry: execution.entry,
      trigger: execution.trigger,
      startedAt: execution.startedAt,
      ms,
      ...(error !== undefined ? { error: String(error) } : {}),
    });
  }

  private openTriggerWindow(at: number): void {
    if (!this.triggerWindow || at >= this.triggerWindow.start + DAY_MS)
      this.triggerWindow = { start: at, usedMs: 0 };
  }

  /** Trigger runtime left in the 24-hour window open at `at` (the whole quota when none is open). */
  triggerRuntimeLeft(at: number): number {
    const w = this.triggerWindow;
    if (!w || at >= w.start + DAY_MS) return this.triggerRuntimePerDayMs;
    return this.triggerRuntimePerDayMs - w.usedMs;
  }

  window(): CallWindow {
    return new CallWindow(this.calls, this.calls.length);
  }

  /**
   * Makes the next `times` calls named `name` throw `message` (a Google outage, a quota error…), after letting
   * `after` of them through (the second appendRow of an ingestion, the fourth e-mail of a run).
   */
  failNext(name: string, message = `Service error: ${name}`, times = 1, after = 0): void {
    this.failures.push({ name, skip: after, remaining: times, message });
  }

  /** Whether injected failures are still waiting to happen. */
  get pendingFailures(): number {
    return this.failures.reduce((sum, f) => sum + f.remaining, 0);
  }

  /** Records one call, advances the clock, and enforces the execution limit and injected failures. */
  call(name: string, kind: CallClass, cells = 0): void {
    const ms = latencyOf(kind, cells, kind === 'nav' ? 1 : this.latencyScale);
    this.calls.push({ name, kind, ms, at: this.nowMs });
    this.nowMs += ms;
    const execution = this.execution;
    if (execution && this.nowMs - execution.startedAt > this.executionLimitMs)
      throw new ExecutionLimitError();
    // A trigger execution that runs past the day's runtime is stopped there.
    if (execution?.trigger && this.nowMs - execution.startedAt > this.triggerRuntimeLeft(execution.startedAt))
      throw new DailyRuntimeError();
    const failure = this.failures.find((f) => f.name === name && f.remaining > 0);
    if (failure && failure.skip > 0) failure.skip -= 1;
    else if (failure) {
      failure.remaining -= 1;
      throw new Error(failure.message);
    }
    this.fireScheduled();
  }

  nextUuid(): string {
    this.uuid += 1;
    const hex = this.uuid.toString(16).padStart(12, '0');
    return `00000000-0000-4000-8000-${hex}`;
  }

  /** The user an action is attributed to: the active user during an execution, else the owner. */
  get activeUser(): string {
    return this.execution?.activeUser ?? this.owner;
  }

  /** The account the current execution runs as (the owner outside any execution). */
  get effectiveUser(): string {
    return this.execution?.effectiveUser ?? this.owner;
  }
}

/** A `Date` constructor whose "now" is the modelled clock; instances are ordinary Dates of the caller's realm. */
export function modelledDate(runtime: GasRuntime): DateConstructor {
  const Host = Date;
  function ModelledDate(this: unknown, ...args: unknown[]): Date | string {
    if (!new.target) return new Host(runtime.now()).toString();
    if (args.length === 0) return new Host(runtime.now());
    return new (Host as unknown as new (...a: unknown[]) => Date)(...args);
  }
  ModelledDate.prototype = Host.prototype;
  ModelledDate.now = () => runtime.now();
  ModelledDate.UTC = Host.UTC;
  ModelledDate.parse = Host.parse;
  return ModelledDate as unknown as DateConstructor;
}

/** Whether a value is a Date, from any realm (a vm context's Dates fail `instanceof Date`). */
export function isDate(value: unknown): value is Date {
  return Object.prototype.toString.call(value) === '[object Date]';
}
