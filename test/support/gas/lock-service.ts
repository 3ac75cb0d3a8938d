// LockService fake: one script lock shared by every execution, held by one execution at a time. A concurrent
// execution (environment.ts) that wants it while another holds it waits the whole timeout on the modelled clock,
// then waitLock throws Google's error and tryLock returns false: nothing can release it meanwhile, since the
// holder is suspended while the other runs — the stricter reading of a wait Google may cut short. A test can also
// make "another execution" hold it (holdElsewhere). The lock a finished execution still holds is released, as
// Google does. Does not emulate: document and user locks, the lock's own expiry.
import type { GasLock, GasLockService } from '../../../src/apps-script/gas-api';
import type { ExecutionContext, GasRuntime } from './runtime';

/** Who holds the lock: an execution, a call made outside any execution (a unit test), or another script run. */
type Holder = ExecutionContext | 'outside' | 'other';

export const LOCK_TIMEOUT_MESSAGE = 'Lock timeout: another process was holding the lock for too long.';

export class LockState {
  /** The execution holding the lock; `other`: a simulated execution outside the emulator does. */
  holder: Holder | null = null;
  /** How many times an execution got the lock, and how many times one gave up waiting. */
  acquired = 0;
  timeouts = 0;
  holdElsewhere(): void {
    this.holder = 'other';
  }
  releaseElsewhere(): void {
    if (this.holder === 'other') this.holder = null;
  }
  /** An execution ended: Google releases the lock it still held. */
  releaseHeldBy(execution: ExecutionContext): void {
    if (this.holder === execution) this.holder = null;
  }
}

class FakeLock implements GasLock {
  private mine = false;
  private readonly owner: Holder;
  constructor(
    private readonly rt: GasRuntime,
    private readonly state: LockState,
  ) {
    this.owner = rt.execution ?? 'outside';
  }
  private take(): boolean {
    if (this.state.holder !== null && this.state.holder !== this.owner) return false;
    this.state.holder = this.owner;
    this.state.acquired += this.mine ? 0 : 1;
    this.mine = true;
    return true;
  }
  waitLock(timeoutInMillis: number): void {
    this.rt.call('Lock.waitLock', 'lock');
    if (this.take()) return;
    this.rt.advance(timeoutInMillis);
    this.state.timeouts += 1;
    throw new Error(LOCK_TIMEOUT_MESSAGE);
  }
  tryLock(timeoutInMillis: number): boolean {
    this.rt.call('Lock.tryLock', 'lock');
    if (this.take()) return true;
    this.rt.advance(timeoutInMillis);
    this.state.timeouts += 1;
    return false;
  }
  releaseLock(): void {
    this.rt.call('Lock.releaseLock', 'lock');
    if (this.mine && this.state.holder === this.owner) this.state.holder = null;
    this.mine = false;
  }
  hasLock(): boolean {
    this.rt.call('Lock.hasLock', 'nav');
    return this.mine && this.state.holder === this.owner;
  }
}

export class FakeLockService implements GasLockService {
  constructor(
    private readonly rt: GasRuntime,
    readonly state: LockState,
  ) {}
  getScriptLock(): GasLock {
    this.rt.call('LockService.getScriptLock', 'nav');
    return new FakeLock(this.rt, this.state);
  }
}
