// The emulator's shared state: the modelled clock, the log of every service call, the current execution (who
// runs it, whether it has a UI, when it started) and injected failures. Every fake service reports each call
// here. Does not emulate: real time, parallel executions (Node runs one at a time), write caching and flush
// semantics (writes are visible at once), quotas other than the ones the fakes check themselves.
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
}

export class GasRuntime {
  readonly calls: CallRecord[] = [];
  private nowMs: number;
  private failures: Failure[] = [];
  execution: ExecutionContext | null = null;
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
    this.nowMs = t;
  }

  advance(ms: number): void {
    this.nowMs += ms;
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
    if (this.execution && this.nowMs - this.execution.startedAt > this.executionLimitMs)
      throw new ExecutionLimitError();
    const failure = this.failures.find((f) => f.name === name && f.remaining > 0);
    if (failure && failure.skip > 0) failure.skip -= 1;
    else if (failure) {
      failure.remaining -= 1;
      throw new Error(failure.message);
    }
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
