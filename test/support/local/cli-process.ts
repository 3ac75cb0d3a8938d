// `suivi-mes <args>` in a child process, as a person types it beside a running server: waits for it to exit and
// returns its exit code and everything it printed.
import { spawn } from 'node:child_process';
import { BIN } from './serve-process';

export interface CliRun {
  code: number | null;
  out: string;
}

export function runCli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (out += c.toString('utf8')));
    child.once('exit', (code) => resolve({ code, out }));
  });
}
