// `npm run smoke:google`: runs the bundle's `smokeGoogle` on the real account through `clasp run-function --json`
// and turns what clasp prints into an exit code an administrator (or a script) can trust: 0 only when clasp returned
// a readable report in which no check differs; 1 when a check differs; 2 when the check could not run or its
// output cannot be read (clasp missing, not logged in, script not deployed as an API executable, an exception in
// the script, output that is not the JSON clasp's `--json` mode prints).
//
// Why `--json`: clasp 3.4 prints a function's result with console.log (an inspected object, not JSON) and, when
// the script throws, prints « Exception: … » and still exits 0 (node_modules/@google/clasp/build/src/commands/
// run-function.js). With the global `--json` flag it prints `{ "response": <result>, "error": {code, message,
// details} }` instead, the `error` being the Apps Script API's ExecutionError (« Executing functions using the
// Apps Script API », https://developers.google.com/apps-script/api/how-tos/execute).
//
// clasp is started as `node <clasp's bin script>`, never through `npx` or a shell: the same command line works on
// Windows (no `npx.cmd`, no quoting) and a missing clasp is a clear error rather than npx offering to download one.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import * as z from 'zod';
import type { SmokeReport } from '../google/smoke-report';
import { frSmokeGoogle } from './messages';

export type SmokeExit = 0 | 1 | 2;
export const SMOKE_EXIT = { allConform: 0, differs: 1, notRun: 2 } as const;

/** A smokeGoogle execution lasts at most Google's 6 minutes; clasp gets a little more for its own calls. */
const CLASP_TIMEOUT_MS = 8 * 60 * 1000;

const SmokeCheckJson = z.object({
  name: z.string(),
  expected: z.string(),
  observed: z.string(),
  verdict: z.enum(['conforms', 'differs', 'measured']),
});
const SmokeReportJson = z.object({
  checks: z.array(SmokeCheckJson).min(1),
  passed: z.int().nonnegative(),
  failed: z.int().nonnegative(),
});
// The report is SmokeReport (src/google/smoke-report.ts), as smoke.ts returns it: a change there must change this reader too.
type SameShape<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
export const REPORT_SHAPE_MATCHES: SameShape<z.infer<typeof SmokeReportJson>, SmokeReport> = true;

const ExecutionErrorJson = z.object({
  errorMessage: z.string().optional(),
  errorType: z.string().optional(),
  scriptStackTraceElements: z
    .array(z.object({ function: z.string().optional(), lineNumber: z.number().optional() }))
    .optional(),
});
/** `clasp run-function --json` (clasp 3.4): the function's return value, or the API's error. */
const ClaspRunJson = z.object({
  response: z.unknown().optional(),
  error: z
    .object({
      code: z.number().optional(),
      message: z.string().optional(),
      details: z.array(z.unknown()).optional(),
    })
    .optional(),
});

export type SmokeOutcome =
  | { kind: 'report'; report: SmokeReport }
  | { kind: 'exception'; message: string }
  | { kind: 'unreadable'; reason: string };

/** Reads what `clasp run-function --json` printed on stdout. */
export function readClaspRunOutput(stdout: string): SmokeOutcome {
  const text = stdout.trim();
  if (text === '') return { kind: 'unreadable', reason: 'sortie vide' };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    // Anything clasp or npm might print before the JSON (a notice) is tolerated; the JSON itself must be whole.
    const start = text.search(/^\{/m);
    if (start <= 0) return { kind: 'unreadable', reason: 'pas du JSON' };
    try {
      json = JSON.parse(text.slice(start));
    } catch {
      return { kind: 'unreadable', reason: 'pas du JSON' };
    }
  }
  const run = ClaspRunJson.safeParse(json);
  if (!run.success) return { kind: 'unreadable', reason: 'pas la forme de clasp run-function --json' };
  const { error, response } = run.data;
  if (error) {
    const detail = ExecutionErrorJson.safeParse(error.details?.[0]);
    const where = detail.success
      ? (detail.data.scriptStackTraceElements ?? [])
          .map((e) => `${e.function ?? '?'}:${e.lineNumber ?? '?'}`)
          .join(' < ')
      : '';
    const message =
      (detail.success ? detail.data.errorMessage : undefined) ?? error.message ?? `code ${error.code ?? '?'}`;
    return { kind: 'exception', message: where ? `${message} (${where})` : message };
  }
  if (response === undefined) return { kind: 'unreadable', reason: 'aucun résultat renvoyé par la fonction' };
  const report = SmokeReportJson.safeParse(response);
  if (!report.success)
    return { kind: 'unreadable', reason: 'le résultat n’est pas un rapport de vérification' };
  return { kind: 'report', report: report.data };
}

/** Lines to print and the exit code for a readable report; counts come from the checks, not from the totals. */
export function judgeReport(report: SmokeReport): { lines: string[]; exit: SmokeExit } {
  const lines = report.checks.map((c) =>
    frSmokeGoogle.line(frSmokeGoogle.verdict[c.verdict], c.name, c.expected, c.observed),
  );
  const conforms = report.checks.filter((c) => c.verdict === 'conforms').length;
  const differs = report.checks.filter((c) => c.verdict === 'differs').length;
  lines.push(frSmokeGoogle.summary(conforms, differs));
  // A report whose own totals disagree with its checks, or that has no check at all, proves nothing.
  const ok = differs === 0 && report.failed === 0 && conforms > 0 && report.passed === conforms;
  lines.push(ok ? frSmokeGoogle.allConform : frSmokeGoogle.someDiffer);
  return { lines, exit: ok ? SMOKE_EXIT.allConform : SMOKE_EXIT.differs };
}

/** What clasp said on stderr when it stopped, as an instruction in French. */
function explainClaspFailure(stderr: string): string | undefined {
  if (/No credentials found|not logged in|invalid_grant|No access, refresh token/i.test(stderr))
    return frSmokeGoogle.notLoggedIn;
  if (/Project settings not found/i.test(stderr)) return frSmokeGoogle.noClaspJson;
  if (/Script function not found|deployed as API executable/i.test(stderr))
    return frSmokeGoogle.notApiExecutable;
  if (/permission/i.test(stderr)) return frSmokeGoogle.noPermission;
  return undefined;
}

/** The clasp CLI script of the repository's @google/clasp, or why there is none. */
export function resolveClaspEntry(root: string): { entry: string } | { missing: string } {
  // @google/clasp's `exports` hide its package.json from require.resolve: look in each node_modules Node would.
  const folders = createRequire(path.join(root, 'package.json')).resolve.paths('@google/clasp') ?? [];
  const manifestPath = folders
    .map((folder) => path.join(folder, '@google', 'clasp', 'package.json'))
    .find((file) => fs.existsSync(file));
  if (!manifestPath) return { missing: '@google/clasp absent de node_modules' };
  const manifest = z
    .object({ bin: z.union([z.string(), z.record(z.string(), z.string())]) })
    .safeParse(JSON.parse(fs.readFileSync(manifestPath, 'utf8')));
  const bin = !manifest.success
    ? undefined
    : typeof manifest.data.bin === 'string'
      ? manifest.data.bin
      : manifest.data.bin.clasp;
  if (!bin) return { missing: '@google/clasp sans commande clasp' };
  return { entry: path.resolve(path.dirname(manifestPath), bin) };
}

export interface SmokeRunOptions {
  /** The repository root (where .clasp.json is). */
  root: string;
  /** The clasp CLI script to run with Node; by default the repository's @google/clasp. */
  claspEntry?: string;
  write: (line: string) => void;
  timeoutMs?: number;
  /** clasp's environment (its credentials are found from HOME); by default this process's. */
  env?: NodeJS.ProcessEnv;
}

export function runSmokeGoogle(options: SmokeRunOptions): SmokeExit {
  const { root, write } = options;
  if (!fs.existsSync(path.join(root, '.clasp.json'))) {
    write(frSmokeGoogle.noClaspJson);
    return SMOKE_EXIT.notRun;
  }
  const resolved = options.claspEntry ? { entry: options.claspEntry } : resolveClaspEntry(root);
  if ('missing' in resolved || !fs.existsSync(resolved.entry)) {
    write(frSmokeGoogle.claspMissing('missing' in resolved ? resolved.missing : resolved.entry));
    return SMOKE_EXIT.notRun;
  }
  const timeoutMs = options.timeoutMs ?? CLASP_TIMEOUT_MS;
  const run = spawnSync(process.execPath, [resolved.entry, 'run-function', 'smokeGoogle', '--json'], {
    cwd: root,
    encoding: 'utf8',
    timeout: timeoutMs,
    maxBuffer: 64 * 1024 * 1024,
    windowsHide: true,
    env: options.env ?? process.env,
  });
  const stdout = run.stdout ?? '';
  const stderr = run.stderr ?? '';
  if (run.error) {
    const timedOut = (run.error as NodeJS.ErrnoException).code === 'ETIMEDOUT';
    write(
      timedOut
        ? frSmokeGoogle.timedOut(Math.round(timeoutMs / 60000))
        : frSmokeGoogle.claspMissing(run.error.message),
    );
    return SMOKE_EXIT.notRun;
  }
  if (run.status !== 0) {
    write(
      explainClaspFailure(stderr) ?? frSmokeGoogle.claspFailed(`code ${run.status ?? run.signal ?? '?'}`),
    );
    const said = (stderr || stdout).trim();
    if (said) write(said);
    write('');
    write(frSmokeGoogle.menuFallback);
    return SMOKE_EXIT.notRun;
  }
  const outcome = readClaspRunOutput(stdout);
  switch (outcome.kind) {
    case 'exception':
      write(frSmokeGoogle.scriptThrew(outcome.message));
      write(frSmokeGoogle.menuFallback);
      return SMOKE_EXIT.notRun;
    case 'unreadable':
      write(frSmokeGoogle.unreadable(outcome.reason));
      write((stdout || stderr).trim().slice(0, 2000));
      return SMOKE_EXIT.notRun;
    case 'report': {
      const { lines, exit } = judgeReport(outcome.report);
      lines.forEach(write);
      return exit;
    }
  }
}
