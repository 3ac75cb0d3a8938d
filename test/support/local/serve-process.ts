// `suivi-mes serve` as a person starts it, in a child process on a free loopback port, for the tests and the bench
// that need a real server (real sockets, a real process to kill): start it, read the links it prints, stop it.
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import * as z from 'zod';
import { REPO_ROOT } from '../../../src/node/project-files';

export const BIN = path.join(REPO_ROOT, 'bin/suivi-mes.js');

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface Started {
  child: ChildProcess;
  /** Everything the process printed so far (stdout and stderr). */
  out: () => string;
  exited: Promise<Exit>;
}

export interface StartOptions {
  /** What the output holds once the server listens (the last line of `serve`, or its JSON line). */
  ready?: (out: string) => boolean;
  env?: NodeJS.ProcessEnv;
  /** How long to wait for `ready` before killing the command (default 60 s). */
  timeoutMs?: number;
  /** The folder the command is started from (default: this process's). */
  cwd?: string;
  /** Run as another user (root only): lets a test see permissions that root would ignore. */
  uid?: number;
  gid?: number;
  /** Options of `serve` after the command name (`--backup-dir DIR`…), for startServer. */
  extraArgs?: string[];
}

/** Starts `suivi-mes <args>` and resolves once it is ready, or rejects with what it printed if it exits first. */
export async function startCommand(
  args: string[],
  port: number,
  options: StartOptions = {},
): Promise<Started> {
  const ready = options.ready ?? ((out: string) => out.includes('Arrêt : Ctrl+C'));
  const child = spawn(process.execPath, [BIN, ...args], {
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), SUIVI_MES_BASE_URL: '', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
    cwd: options.cwd,
    uid: options.uid,
    gid: options.gid,
  });
  let out = '';
  child.stdout?.on('data', (c: Buffer) => (out += c.toString('utf8')));
  child.stderr?.on('data', (c: Buffer) => (out += c.toString('utf8')));
  const exited = new Promise<Exit>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  await new Promise<void>((resolve, reject) => {
    const timer = setInterval(() => {
      if (ready(out)) {
        clearInterval(timer);
        resolve();
      } else if (child.exitCode !== null || child.signalCode !== null) {
        clearInterval(timer);
        reject(new Error(`suivi-mes ${args.join(' ')} exited: ${out}`));
      } else if (Date.now() > deadline) {
        clearInterval(timer);
        child.kill('SIGKILL');
        reject(new Error(`suivi-mes ${args.join(' ')} not ready in time: ${out}`));
      }
    }, 25);
  });
  return { child, out: () => out, exited };
}

const LinkJson = z.object({
  role: z.enum(['es', 'ars', 'ans']),
  establishmentId: z.string().nullable(),
  holder: z.string(),
  url: z.string(),
});
export type LinkJson = z.infer<typeof LinkJson>;
const ServeJson = z.object({ data: z.string(), url: z.string(), links: z.array(LinkJson) });

/** The JSON line `suivi-mes --json serve` prints once it listens, if printed yet. */
export function serveJson(out: string): z.infer<typeof ServeJson> | undefined {
  for (const line of out.split('\n')) {
    if (!line.startsWith('{')) continue;
    const parsed = ServeJson.safeParse(JSON.parse(line));
    if (parsed.success) return parsed.data;
  }
  return undefined;
}

export interface Server extends Started {
  baseUrl: string;
  links: LinkJson[];
  /** SIGTERM, then the exit status. */
  stop(): Promise<Exit>;
}

/** `suivi-mes --json --data <dir> serve` on a free port; links as data, addressed on 127.0.0.1. */
export async function startServer(dataDir: string, options: StartOptions = {}): Promise<Server> {
  const port = await freePort();
  const started = await startCommand(
    ['--json', '--data', dataDir, 'serve', ...(options.extraArgs ?? [])],
    port,
    {
      ...options,
      ready: (out) => serveJson(out) !== undefined,
    },
  );
  const json = serveJson(started.out());
  if (!json) throw new Error('no JSON line');
  const baseUrl = `http://127.0.0.1:${port}`;
  return {
    ...started,
    baseUrl,
    links: json.links.map((l) => ({ ...l, url: l.url.replace(json.url, baseUrl) })),
    async stop() {
      if (started.child.exitCode === null && started.child.signalCode === null) started.child.kill('SIGTERM');
      return started.exited;
    },
  };
}
