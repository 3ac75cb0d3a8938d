// Windows workstations: a child process started by name through npx, npm or clasp fails there (they are .cmd
// files, which spawn cannot start without a shell). Scripts and sources start Node itself on the tool's entry.
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../../src/node/project-files';

function files(dir: string): string[] {
  return fs
    .readdirSync(path.join(REPO_ROOT, dir), { withFileTypes: true })
    .flatMap((d) =>
      d.isDirectory()
        ? files(path.join(dir, d.name))
        : /\.(tsx?|mjs|cjs|js)$/.test(d.name)
          ? [path.join(dir, d.name)]
          : [],
    );
}

const BY_NAME = /\b(spawn|spawnSync|exec|execSync|execFile|execFileSync)\(\s*['"`](npx|npm|clasp|tsx|node)\b/;

describe('child processes on Windows', () => {
  it.each([...files('scripts'), ...files('src'), ...files('bin')])(
    '%s starts no npx, npm or clasp by name',
    (file) => {
      const source = fs.readFileSync(path.join(REPO_ROOT, file), 'utf8');
      expect({ file, found: BY_NAME.exec(source)?.[0] ?? null }).toEqual({ file, found: null });
    },
  );

  it('finds clasp’s entry for scripts/smoke-google.mjs to run with this Node', () => {
    expect(fs.existsSync(require.resolve('@google/clasp'))).toBe(true);
  });
});
