// LockService fake: one script lock shared by every execution. A test makes "another execution" hold it to play
// contention: waitLock then waits the whole timeout on the modelled clock and throws Google's error, tryLock
// returns false. The lock a finished execution still holds is released (environment.ts), as Google does. Does not
// emulate: document and user locks, truly concurrent executions, the lock's own expiry.
import type { GasLock, GasLockService } from '../../../src/apps-script/gas-api';
import type { GasRuntime } from './runtime';

export const LOCK_TIMEOUT_MESSAGE = 'Lock timeout: another process was holding the lock for too long.';

export class LockState {
  /** `current`: the running execution holds it; `other`: a simulated concurrent execution does. */
  holder: 'current' | 'other' | null = null;
  /** How many times an execution got the lock, and how many times one gave up waiting. */
  acquired = 0;
  timeouts = 0;
  holdElsewhere(): void {
    this.holder = 'other';
  }
  releaseElsewhere(): void {
    if (this.holder === 'other') this.holder = null;
  }
}

class FakeLock implements GasLock {
  private mine = false;
  constructor(
    private readonly rt: GasRuntime,
    private readonly state: LockState,
  ) {}
  private take(): boolean {
    if (this.state.holder === 'other') return false;
    this.state.holder = 'current';
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
    if (this.mine && this.state.holder === 'current') this.state.holder = null;
    this.mine = false;
  }
  hasLock(): boolean {
    this.rt.call('Lock.hasLock', 'nav');
    return this.mine && this.state.holder === 'current';
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
