// Runs the `suivi-mes` command in this process, as a test drives it: its exit code and what it wrote on stdout and
// stderr, captured, then the streams given back.
import { main } from '../../src/cli';

export interface CommandRun {
  code: number;
  out: string;
  err: string;
}

export async function runMainInProcess(args: string[]): Promise<CommandRun> {
  let out = '';
  let err = '';
  const o = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  const e = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    err += String(chunk);
    return true;
  });
  try {
    return { code: await main(['node', 'suivi-mes', ...args]), out, err };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}
