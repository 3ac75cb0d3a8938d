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
          core: CORE_DIRS.some((d) => target.startsWith(d)) || target === path.normalize('src/ports'),
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
