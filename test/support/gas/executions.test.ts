// How the emulator runs executions, as Google does: side by side (an event due while one runs starts its own
// execution at that instant, and sees the script lock held), at most 30 at once per user, and trigger executions
// within the day's trigger runtime (90 min consumer, 6 h Workspace).
import { createGasEnvironment, type GasEnvironment } from './environment';
import { DAILY_RUNTIME_MESSAGE, MAX_SIMULTANEOUS_EXECUTIONS, TOO_MANY_EXECUTIONS_MESSAGE } from './runtime';

const MINUTE = 60_000;

/** Calls Google (a flush, 300 ms modelled) until `ms` of modelled time have passed in this execution. */
function work(env: GasEnvironment, ms: number): void {
  const until = env.runtime.now() + ms;
  while (env.runtime.now() < until) env.globals.SpreadsheetApp.flush();
}

/** An account whose trigger handlers each work `ms` of modelled time. */
function account(kind: 'consumer' | 'workspace', ms: number): { env: GasEnvironment; ran: string[] } {
  const env = createGasEnvironment({ now: '2022-06-10T08:00:00+02:00', account: kind });
  const ran: string[] = [];
  env.setDispatcher((handler) =>
    env.execute(handler, () => {
      ran.push(handler);
      work(env, ms);
    }),
  );
  return { env, ran };
}

/** Creates a one-off clock trigger due now, lets Google fire it, then deletes it. */
function fire(env: GasEnvironment, handler: string): void {
  const id = env.globals.ScriptApp.newTrigger(handler).timeBased().after(0).create().getUniqueId();
  try {
    env.runDueClockTriggers();
  } finally {
    env.triggers.remove(id);
  }
}

describe('executions side by side', () => {
  it('runs an event due during an execution at its instant, in its own execution, the lock held by the first', () => {
    const env = createGasEnvironment({ now: '2022-06-10T10:00:00+02:00' });
    const seen: Array<{ entry: string | undefined; startedAt: number | undefined; locked: boolean }> = [];
    const start = env.runtime.now();
    env.execute('long', () => {
      env.globals.LockService.getScriptLock().waitLock(1000);
      env.runtime.schedule(start + 10_000, () =>
        env.execute('delivery', () => {
          const e = env.runtime.execution;
          seen.push({
            entry: e?.entry,
            startedAt: e?.startedAt,
            locked: env.globals.LockService.getScriptLock().tryLock(30_000),
          });
        }),
      );
      work(env, 60_000);
    });
    expect(seen).toEqual([{ entry: 'delivery', startedAt: start + 10_000, locked: false }]);
    const finished = env.runtime.finished.map((f) => [f.entry, f.startedAt - start]);
    expect(finished).toEqual([
      ['delivery', 10_000],
      ['long', 0],
    ]);
    // The delivery's 30 s wait for the lock ran beside the long execution, not inside it.
    expect(env.runtime.finished.find((f) => f.entry === 'long')!.ms).toBeLessThan(61_000);
    expect(env.lock.holder).toBeNull();
  });
});

describe(`Google's limit of ${MAX_SIMULTANEOUS_EXECUTIONS} simultaneous executions per user`, () => {
  it('refuses a trigger while 30 executions run, and lets it run once one has ended', () => {
    const { env, ran } = account('consumer', MINUTE);
    env.runtime.busyElsewhere = MAX_SIMULTANEOUS_EXECUTIONS;
    fire(env, 'refused');
    expect(ran).toEqual([]);
    expect(env.refusedTriggers).toEqual([
      { handler: 'refused', at: env.runtime.now(), error: TOO_MANY_EXECUTIONS_MESSAGE },
    ]);
    expect(() => env.execute('menu', () => undefined, { ui: true })).toThrow(TOO_MANY_EXECUTIONS_MESSAGE);
    env.runtime.busyElsewhere = MAX_SIMULTANEOUS_EXECUTIONS - 1;
    fire(env, 'accepted');
    expect(ran).toEqual(['accepted']);
  });

  it('counts the executions running here: the 30th side by side is refused when 29 run elsewhere', () => {
    const { env } = account('consumer', MINUTE);
    env.runtime.busyElsewhere = MAX_SIMULTANEOUS_EXECUTIONS - 2;
    const start = env.runtime.now();
    const nested: string[] = [];
    env.execute('long', () => {
      env.runtime.schedule(start + 1000, () => {
        try {
          env.execute('second', () => {
            nested.push('second');
            env.runtime.schedule(start + 2000, () => {
              try {
                env.execute('third', () => nested.push('third'));
              } catch (error) {
                nested.push(String(error));
              }
            });
            work(env, 5000);
          });
        } catch (error) {
          nested.push(String(error));
        }
      });
      work(env, 10_000);
    });
    expect(nested).toEqual(['second', `Error: ${TOO_MANY_EXECUTIONS_MESSAGE}`]);
  });
});

describe("the day's trigger runtime", () => {
  it('stops triggers after 90 minutes in 24 hours on a consumer account, not the menus, and starts again a day later', () => {
    const { env, ran } = account('consumer', 4 * MINUTE);
    const first = env.runtime.now();
    // 22 runs of 4 minutes: 88 minutes.
    for (let i = 0; i < 22; i += 1) {
      fire(env, `run-${i}`);
      env.runtime.advance(10 * MINUTE);
    }
    expect(env.refusedTriggers).toEqual([]);
    // The 23rd is stopped when the day's 90 minutes run out, two minutes in.
    const start = env.runtime.now();
    fire(env, 'run-22');
    const stopped = env.runtime.finished.at(-1)!;
    expect([stopped.entry, stopped.error]).toEqual(['run-22', `Error: ${DAILY_RUNTIME_MESSAGE}`]);
    expect(stopped.ms).toBeGreaterThanOrEqual(2 * MINUTE);
    expect(stopped.ms).toBeLessThan(2 * MINUTE + 1000);
    expect(env.runtime.now() - start).toBeLessThan(3 * MINUTE);
    // Then Google does not start any trigger; a menu still runs.
    fire(env, 'run-23');
    expect(env.refusedTriggers.map((r) => [r.handler, r.error])).toEqual([
      ['run-22', DAILY_RUNTIME_MESSAGE],
      ['run-23', DAILY_RUNTIME_MESSAGE],
    ]);
    expect(env.runtime.finished.at(-1)).toBe(stopped);
    expect(ran).not.toContain('run-23');
    expect(env.execute('menu', () => 'ran', { ui: true })).toBe('ran');
    // 24 hours after the first trigger of the day, the quota is whole again.
    env.runtime.setNow(new Date(first + 24 * 60 * MINUTE));
    fire(env, 'next-day');
    expect(ran.at(-1)).toBe('next-day');
  });

  it('allows 6 hours a day on a Workspace account', () => {
    const { env } = account('workspace', 4 * MINUTE);
    for (let i = 0; i < 80; i += 1) {
      fire(env, `run-${i}`);
      env.runtime.advance(5 * MINUTE);
    }
    expect(env.refusedTriggers).toEqual([]);
    expect(env.runtime.triggerRuntimeLeft(env.runtime.now())).toBe(6 * 60 * MINUTE - 80 * 4 * MINUTE);
  });
});
