// The servers running on a data folder: each `suivi-mes serve` writes <data>/serveurs/<pid>.json when it listens
// and removes it when it stops, so that a second `npm start` on a taken port, a restore or a backup can say which
// process holds the folder. A file whose process is gone (a server killed with SIGKILL) is ignored and cleaned up.
import fs from 'node:fs';
import path from 'node:path';
import * as z from 'zod';

export const RUNNING_DIR = 'serveurs';

export const RunningServer = z.object({
  pid: z.number().int().positive(),
  host: z.string(),
  port: z.number().int(),
  url: z.string(),
  startedAt: z.string(),
});
export type RunningServer = z.infer<typeof RunningServer>;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Records this process as a server of `dataDir`; returns the function that removes the record. */
export function registerRunningServer(dataDir: string, server: Omit<RunningServer, 'pid'>): () => void {
  const dir = path.join(dataDir, RUNNING_DIR);
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${process.pid}.json`);
  fs.writeFileSync(file, `${JSON.stringify({ pid: process.pid, ...server })}\n`);
  return () => fs.rmSync(file, { force: true });
}

/** The other live servers recorded in `dataDir` (this process excluded); stale records are removed. */
export function runningServers(dataDir: string): RunningServer[] {
  const dir = path.join(dataDir, RUNNING_DIR);
  let names: string[];
  try {
    names = fs.readdirSync(dir).filter((n) => n.endsWith('.json'));
  } catch {
    return [];
  }
  const found: RunningServer[] = [];
  for (const name of names) {
    const file = path.join(dir, name);
    let parsed: z.ZodSafeParseResult<RunningServer>;
    try {
      parsed = RunningServer.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
    } catch {
      continue;
    }
    if (!parsed.success || parsed.data.pid === process.pid) continue;
    if (alive(parsed.data.pid)) found.push(parsed.data);
    else fs.rmSync(file, { force: true });
  }
  return found;
}

/** « PID 1234, http://localhost:8080, depuis le 06/12/2026 14:03 » — how the messages name a server. */
export function describeServer(server: RunningServer): string {
  const since = new Date(server.startedAt).toLocaleString('fr-FR', { timeZone: 'Europe/Paris' });
  return `PID ${server.pid}, ${server.url}, démarré le ${since}`;
}
