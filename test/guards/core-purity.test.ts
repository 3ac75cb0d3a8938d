// The pure core must also run inside Apps Script: no Node module, no runtime adapter, no global I/O.
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../../src/node/project-files';

const CORE_DIRS = ['src/domain', 'src/schema', 'src/app'];
const ALLOWED_PACKAGES = new Set(['zod', 'papaparse']);

function files(dir: string): string[] {
  return fs
    .readdirSync(path.join(REPO_ROOT, dir), { withFileTypes: true })
    .flatMap((d) =>
      d.isDirectory()
        ? files(path.join(dir, d.name))
        : d.name.endsWith('.ts')
          ? [path.join(dir, d.name)]
          : [],
    );
}

const coreFiles = CORE_DIRS.flatMap(files);

/** Whether a repository path is inside one of the folders (`src/app` does not hold `src/apps-script`). */
const within = (target: string, dirs: readonly string[]) =>
  dirs.some((d) => target === d || target.startsWith(`${path.normalize(d)}${path.sep}`));

describe('the pure core', () => {
  it.each(coreFiles)('%s imports only the core, zod and papaparse', (file) => {
    const source = fs.readFileSync(path.join(REPO_ROOT, file), 'utf8');
    for (const [, spec] of source.matchAll(/from '([^']+)'/g)) {
      if (!spec) continue;
      if (spec.startsWith('.')) {
        const target = path.normalize(path.join(path.dirname(file), spec));
        expect({
          file,
          spec,
          core: within(target, CORE_DIRS) || target === path.normalize('src/ports'),
        }).toEqual({ file, spec, core: true });
      } else {
        expect({ file, spec, allowed: ALLOWED_PACKAGES.has(spec) }).toEqual({ file, spec, allowed: true });
      }
    }
  });

  it.each(coreFiles)('%s uses no I/O, timer or Node global', (file) => {
    const source = fs.readFileSync(path.join(REPO_ROOT, file), 'utf8').replace(/\/\/.*$/gm, '');
    expect(source).not.toMatch(
      /\b(require\(|process\.|setTimeout|setInterval|fetch\(|new URL\(|Buffer\.|console\.)/,
    );
  });
});

// src/google is bundled into Apps Script too: the core, zod, and type-only imports of Google's REST types (the
// request bodies both runtimes send), nothing of a runtime.
const GOOGLE_DIR = 'src/google';
const googleFiles = files(GOOGLE_DIR);

describe('the code shared by the two Google runtimes', () => {
  it.each(googleFiles)('%s imports only the core, src/google, zod and Google types', (file) => {
    const source = fs.readFileSync(path.join(REPO_ROOT, file), 'utf8');
    for (const [statement, spec] of source.matchAll(/import[^;]*?from '([^']+)'/g)) {
      if (!spec) continue;
      if (spec.startsWith('.')) {
        const target = path.normalize(path.join(path.dirname(file), spec));
        const allowed = within(target, [...CORE_DIRS, GOOGLE_DIR]) || target === path.normalize('src/ports');
        expect({ file, spec, allowed }).toEqual({ file, spec, allowed: true });
      } else {
        const allowed =
          ALLOWED_PACKAGES.has(spec) ||
          (statement.startsWith('import type') && spec.startsWith('@googleapis/'));
        expect({ file, spec, allowed }).toEqual({ file, spec, allowed: true });
      }
    }
  });

  it.each(googleFiles)('%s uses no I/O, timer or Node global', (file) => {
    const source = fs.readFileSync(path.join(REPO_ROOT, file), 'utf8').replace(/\/\/.*$/gm, '');
    expect(source).not.toMatch(
      /\b(require\(|process\.|setTimeout|setInterval|fetch\(|new URL\(|Buffer\.|console\.)/,
    );
  });
});
