// `npm run smoke:google` with a stub clasp (a Node script standing for clasp's CLI, run as the real one is): the exit
// code is 0 only for a readable report in which every check conforms; a differing check, an exception in the script,
// output that is not clasp's JSON, a missing or logged-out clasp each give a non-zero code and a French message.
// The last tests run the repository's real clasp (logged out, no network) and the real command line.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { SmokeCheck, SmokeReport } from '../../src/google/smoke-report';
import { REPO_ROOT } from '../../src/node/project-files';
import {
  readClaspRunOutput,
  resolveClaspEntry,
  runSmokeGoogle,
  SMOKE_EXIT,
} from '../../src/node/smoke-google';
import { frSmokeGoogle } from '../../src/node/messages';

jest.setTimeout(60_000);

const conforming: SmokeCheck = {
  name: 'Feuille vide : getLastRow()',
  expected: '0',
  observed: '0',
  verdict: 'conforms',
};
const measured: SmokeCheck = {
  name: 'Durée : FormApp.create',
  expected: '1500 ms (modèle)',
  observed: '1720 ms',
  verdict: 'measured',
};
const differing: SmokeCheck = {
  name: 'Durée : FormApp.openById',
  expected: '≤ 600 ms (modèle 300 ms × 2)',
  observed: '1450 ms (médiane de 1500, 1450, 1200 ms)',
  verdict: 'differs',
};
const report = (checks: SmokeCheck[]): SmokeReport => ({
  checks,
  passed: checks.filter((c) => c.verdict === 'conforms').length,
  failed: checks.filter((c) => c.verdict === 'differs').length,
});
/** What the Apps Script API returns when the function throws, as `clasp run-function --json` prints it. */
const scriptError = {
  error: {
    code: 3,
    message: 'ScriptError',
    details: [
      {
        '@type': 'type.googleapis.com/google.apps.script.v1.ExecutionError',
        errorMessage: 'Exception: Service Spreadsheets failed while accessing document',
        errorType: 'ScriptError',
        scriptStackTraceElements: [{ function: 'smokeGoogle', lineNumber: 812 }],
      },
    ],
  },
};

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'smoke-google-'));
  fs.writeFileSync(path.join(dir, '.clasp.json'), JSON.stringify({ scriptId: 'script-1', rootDir: '.' }));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A stub clasp CLI: records its arguments, prints what it is told, exits with the given code. */
function stubClasp(out: { stdout?: string; stderr?: string; code?: number }): string {
  const file = path.join(dir, 'clasp-stub.js');
  fs.writeFileSync(
    file,
    [
      `require('node:fs').writeFileSync(${JSON.stringify(path.join(dir, 'argv.json'))}, JSON.stringify(process.argv.slice(2)));`,
      `process.stdout.write(${JSON.stringify(out.stdout ?? '')});`,
      `process.stderr.write(${JSON.stringify(out.stderr ?? '')});`,
      `process.exitCode = ${out.code ?? 0};`,
    ].join('\n'),
  );
  return file;
}

function smoke(out: { stdout?: string; stderr?: string; code?: number }) {
  const lines: string[] = [];
  const exit = runSmokeGoogle({ root: dir, claspEntry: stubClasp(out), write: (l) => lines.push(l) });
  return { exit, text: lines.join('\n') };
}

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

describe('npm run smoke:google with a stub clasp', () => {
  it('asks clasp for JSON output and exits 0 when every check conforms', () => {
    const { exit, text } = smoke({ stdout: json({ response: report([conforming, measured]) }) });
    expect(exit).toBe(SMOKE_EXIT.allConform);
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'argv.json'), 'utf8'))).toEqual([
      'run-function',
      'smokeGoogle',
      '--json',
    ]);
    expect(text).toContain(frSmokeGoogle.line('conforme', conforming.name, '0', '0'));
    expect(text).toContain(frSmokeGoogle.allConform);
  });

  it('exits 1 and names the check when one check differs', () => {
    const { exit, text } = smoke({ stdout: json({ response: report([conforming, differing]) }) });
    expect(exit).toBe(SMOKE_EXIT.differs);
    expect(text).toContain(
      frSmokeGoogle.line('DIFFÉRENT', differing.name, differing.expected, differing.observed),
    );
    expect(text).toContain(frSmokeGoogle.someDiffer);
  });

  it('exits non-zero when the report claims more conforming checks than it lists', () => {
    const forged = { ...report([conforming, differing]), passed: 2, failed: 0 };
    expect(smoke({ stdout: json({ response: forged }) }).exit).toBe(SMOKE_EXIT.differs);
  });

  it('exits non-zero when no check conforms (only measurements)', () => {
    expect(smoke({ stdout: json({ response: report([measured]) }) }).exit).not.toBe(0);
  });

  it('exits 2 with the script’s error and where it happened when the script threw', () => {
    const { exit, text } = smoke({ stdout: json(scriptError) });
    expect(exit).toBe(SMOKE_EXIT.notRun);
    expect(text).toContain(
      frSmokeGoogle.scriptThrew(
        'Exception: Service Spreadsheets failed while accessing document (smokeGoogle:812)',
      ),
    );
  });

  it.each([
    ['the inspected object clasp prints without --json', '{ checks: [ [Object] ], passed: 1, failed: 0 }\n'],
    ['nothing at all', ''],
    ['JSON that is not clasp’s', json([1, 2, 3])],
    ['a result that is not a report', json({ response: 'terminé' })],
    ['no result (the function returned nothing)', json({})],
    ['a truncated JSON', json({ response: report([conforming]) }).slice(0, 40)],
  ])('exits 2 on output it cannot read: %s', (_what, stdout) => {
    const { exit, text } = smoke({ stdout });
    expect(exit).toBe(SMOKE_EXIT.notRun);
    expect(text).toMatch(/^Réponse de clasp illisible/);
  });

  it('exits 2 when clasp reports an exception the old way and exits 0', () => {
    const { exit } = smoke({ stderr: 'Exception: TypeError: x is not a function []\n', code: 0 });
    expect(exit).toBe(SMOKE_EXIT.notRun);
  });

  it.each([
    ['not logged in', 'No credentials found.\n', frSmokeGoogle.notLoggedIn],
    [
      'not an API executable',
      'error: Script function not found. Please make sure script is deployed as API executable.\n',
      frSmokeGoogle.notApiExecutable,
    ],
    [
      'no permission',
      'error: Unable to run script function. Please make sure you have permission to run the script function.\n',
      frSmokeGoogle.noPermission,
    ],
  ])('exits 2 with an instruction in French when clasp fails: %s', (_what, stderr, message) => {
    const { exit, text } = smoke({ stderr, code: 1 });
    expect(exit).toBe(SMOKE_EXIT.notRun);
    expect(text).toContain(message);
    expect(text).toContain(frSmokeGoogle.menuFallback);
  });

  it('exits 2 when clasp is missing', () => {
    const lines: string[] = [];
    const missing = path.join(dir, 'node_modules', 'clasp.js');
    const exit = runSmokeGoogle({ root: dir, claspEntry: missing, write: (l) => lines.push(l) });
    expect(exit).toBe(SMOKE_EXIT.notRun);
    expect(lines).toEqual([frSmokeGoogle.claspMissing(missing)]);
    expect(resolveClaspEntry(dir)).toEqual({ missing: '@google/clasp absent de node_modules' });
  });

  it('exits 2 without .clasp.json, before starting clasp', () => {
    fs.rmSync(path.join(dir, '.clasp.json'));
    const { exit, text } = smoke({ stdout: json({ response: report([conforming]) }) });
    expect(exit).toBe(SMOKE_EXIT.notRun);
    expect(text).toBe(frSmokeGoogle.noClaspJson);
    expect(fs.existsSync(path.join(dir, 'argv.json'))).toBe(false);
  });

  it('stops a clasp that does not answer and exits 2', () => {
    const hang = path.join(dir, 'hang.js');
    fs.writeFileSync(hang, 'setTimeout(() => {}, 60_000);');
    const lines: string[] = [];
    const exit = runSmokeGoogle({ root: dir, claspEntry: hang, write: (l) => lines.push(l), timeoutMs: 500 });
    expect(exit).toBe(SMOKE_EXIT.notRun);
    expect(lines[0]).toBe(frSmokeGoogle.timedOut(0));
  });
});

describe('npm run smoke:google with the repository’s clasp', () => {
  it('finds clasp’s CLI script, which offers the global --json flag', () => {
    const resolved = resolveClaspEntry(REPO_ROOT);
    if (!('entry' in resolved)) throw new Error(resolved.missing);
    const help = spawnSync(process.execPath, [resolved.entry, '--help'], { encoding: 'utf8' });
    expect(help.stdout).toMatch(/--json\s+Show output in JSON format/);
  });

  it('says in French that clasp is not logged in, with no credentials in HOME', () => {
    const lines: string[] = [];
    const home = path.join(dir, 'home');
    fs.mkdirSync(home);
    const env = { PATH: process.env.PATH, HOME: home, USERPROFILE: home };
    const clasp = resolveClaspEntry(REPO_ROOT);
    if (!('entry' in clasp)) throw new Error(clasp.missing);
    const exit = runSmokeGoogle({ root: dir, claspEntry: clasp.entry, write: (l) => lines.push(l), env });
    expect(exit).toBe(SMOKE_EXIT.notRun);
    expect(lines[0]).toBe(frSmokeGoogle.notLoggedIn);
  });

  it('exits with the code of the verdict through the real command line', () => {
    const stub = stubClasp({ stdout: json({ response: report([conforming, differing]) }) });
    const run = spawnSync(
      process.execPath,
      [path.join(REPO_ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), 'scripts/smoke-google.ts'],
      {
        cwd: REPO_ROOT,
        encoding: 'utf8',
        env: { ...process.env, SUIVI_MES_ROOT: dir, SUIVI_MES_CLASP: stub },
      },
    );
    expect(run.stdout).toContain('DIFFÉRENT');
    expect(run.status).toBe(SMOKE_EXIT.differs);
  });
});

describe('reading clasp run-function --json', () => {
  it('tolerates a notice printed before the JSON', () => {
    const outcome = readClaspRunOutput(`Update available\n${json({ response: report([conforming]) })}`);
    expect(outcome).toEqual({ kind: 'report', report: report([conforming]) });
  });
});
