// The pre-script of `npm start` and `npm test`: when does a clone get `npm ci` before the command?
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from '../../src/node/project-files';

type InstallState = 'missing' | 'stale' | 'current' | 'no-lock';
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a plain CommonJS script, run before any install
const ensureDeps = require('../../scripts/ensure-deps.js') as {
  installState(lock: string | null, installed: string | null, hasNodeModules: boolean): InstallState;
  installMessage(state: InstallState): string | null;
  npmCli(env: Record<string, string | undefined>, nodePath: string): string | null;
};

const lock = (packages: Record<string, object>) =>
  JSON.stringify({
    name: 'suivi-mes',
    lockfileVersion: 3,
    packages: { '': { name: 'suivi-mes' }, ...packages },
  });
const hidden = (packages: Record<string, object>) =>
  JSON.stringify({ name: 'suivi-mes', lockfileVersion: 3, packages });

const locked = {
  'node_modules/zod': { version: '4.6.7' },
  'node_modules/@esbuild/win32-x64': { version: '0.28.2', optional: true },
  'node_modules/@esbuild/linux-x64': { version: '0.28.2', optional: true },
};
const installedHere = {
  'node_modules/zod': { version: '4.6.7' },
  'node_modules/@esbuild/linux-x64': { version: '0.28.2', optional: true },
};

describe('installState', () => {
  it('installs when node_modules is missing', () => {
    expect(ensureDeps.installState(lock(locked), null, false)).toBe('missing');
    expect(ensureDeps.installMessage('missing')).toMatch(/npm ci/);
  });

  it('installs when a locked package changed version, is absent, or is no longer locked', () => {
    const bumped = { ...installedHere, 'node_modules/zod': { version: '4.6.6' } };
    expect(ensureDeps.installState(lock(locked), hidden(bumped), true)).toBe('stale');
    const { 'node_modules/zod': _zod, ...withoutZod } = installedHere;
    expect(ensureDeps.installState(lock(locked), hidden(withoutZod), true)).toBe('stale');
    const extra = { ...installedHere, 'node_modules/left-pad': { version: '1.3.0' } };
    expect(ensureDeps.installState(lock(locked), hidden(extra), true)).toBe('stale');
    expect(ensureDeps.installState(lock(locked), null, true)).toBe('stale');
    expect(ensureDeps.installState(lock(locked), '{ truncated', true)).toBe('stale');
    expect(ensureDeps.installMessage('stale')).toMatch(/package-lock\.json a changé/);
  });

  it('does nothing when the install matches the lock, other platforms’ optional packages aside', () => {
    expect(ensureDeps.installState(lock(locked), hidden(installedHere), true)).toBe('current');
    expect(ensureDeps.installMessage('current')).toBeNull();
  });

  it('finds this clone current: the tests run on the install it describes', () => {
    const read = (file: string) => fs.readFileSync(path.join(REPO_ROOT, file), 'utf8');
    expect(
      ensureDeps.installState(read('package-lock.json'), read('node_modules/.package-lock.json'), true),
    ).toBe('current');
  });
});

describe('wiring', () => {
  it('runs before npm start and npm test', () => {
    const scripts = (
      JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
        scripts: Record<string, string>;
      }
    ).scripts;
    expect(scripts.prestart).toBe('node scripts/ensure-deps.js');
    expect(scripts.pretest).toBe('node scripts/ensure-deps.js');
  });

  it("starts npm's own script with Node (npm is npm.cmd on Windows)", () => {
    const execpath = path.join('/usr', 'lib', 'node_modules', 'npm', 'bin', 'npm-cli.js');
    expect(ensureDeps.npmCli({ npm_execpath: execpath }, process.execPath)).toBe(execpath);
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ensure-deps-'));
    try {
      const unix = path.join(root, 'lib', 'node_modules', 'npm', 'bin', 'npm-cli.js');
      fs.mkdirSync(path.dirname(unix), { recursive: true });
      fs.writeFileSync(unix, '');
      // Run by hand (no npm_execpath, or another tool's): npm next to Node, Unix then Windows layout.
      expect(ensureDeps.npmCli({ npm_execpath: '/opt/yarn.js' }, path.join(root, 'bin', 'node'))).toBe(unix);
      const windows = path.join(root, 'win', 'node_modules', 'npm', 'bin', 'npm-cli.js');
      fs.mkdirSync(path.dirname(windows), { recursive: true });
      fs.writeFileSync(windows, '');
      expect(ensureDeps.npmCli({}, path.join(root, 'win', 'node.exe'))).toBe(windows);
      expect(ensureDeps.npmCli({}, path.join(root, 'nowhere', 'bin', 'node'))).toBeNull();
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
