// The architecture held by a test: every file of src/ imports only what its layer's row allows, and no file imports
// itself back through others. The rules are data in test/support/dependency-map.ts; the synthetic cases below show
// that the checks refuse what they must, without committing a bad import.
//
// Dependency map (layer: what it may import):
//   core      src/schema, src/domain, src/app, src/ports.ts   → core only; zod, papaparse
//   google    src/google/   (pure, bundled into Apps Script)  → core, google; zod, papaparse; types of @googleapis/docs, forms and sheets
//   apps-script                                               → core, google; zod, papaparse, the bundler's suivi:*;
//                                                               types of @googleapis/docs, forms and sheets
//   node      src/node/     (Node code shared by runtimes)    → core, google; any package, Node modules
//   google-api                                                → core, google, node; any package, Node modules
//   local                                                     → core, node; any package, Node modules
//   commands, src/cli.ts                                      → everything
// Runtimes (apps-script, google-api, local) never import each other, and nothing but commands/cli imports a runtime.
// A folder of src/ the map does not name is refused: a new layer gets its row in DEPENDENCY_MAP first.
import { REPO_ROOT } from '../../src/node/project-files';
import {
  dependencyViolations,
  importCycles,
  importsOf,
  readSources,
  type SourceFile,
} from '../support/dependency-map';

const sources = readSources(REPO_ROOT);

describe('the dependency map of src/', () => {
  it('holds for every file', () => {
    expect(sources.length).toBeGreaterThan(100);
    expect(dependencyViolations(sources)).toEqual([]);
  });

  it('leaves no import cycle between files (type imports included)', () => {
    expect(importCycles(sources)).toEqual([]);
  });
});

describe('the dependency checker', () => {
  const file = (path: string, ...imports: string[]): SourceFile => ({
    path,
    source: imports.map((spec, i) => `import { x${i} } from '${spec}';`).join('\n'),
  });
  const refused = (f: SourceFile) => dependencyViolations([f]).map((v) => v.spec);

  it('reads static, type-only, re-exported, dynamic and required imports', () => {
    const source = [
      `import type { A } from './a';`,
      `import {`,
      `  B,`,
      `  type C,`,
      `} from '../b';`,
      `export { D } from './d';`,
      `import './side-effect';`,
      `const e = await import('./e');`,
      `const f = require('f');`,
      `const g = 'a string that says from "./nowhere"';`,
    ].join('\n');
    expect(importsOf(source)).toEqual(['./a', '../b', './d', './side-effect', './e', 'f']);
  });

  it.each([
    ['src/local/retex.ts', '../google-api/retex-google'],
    ['src/local/server/x.tsx', '../../apps-script/smoke'],
    ['src/google-api/x.ts', '../local/retex-chart'],
    ['src/google-api/x.ts', '../apps-script/smoke'],
    ['src/apps-script/x.ts', '../google-api/docs'],
    ['src/apps-script/x.ts', '../local/retex-docx'],
    ['src/apps-script/x.ts', '../node/project-files'],
  ])('refuses a runtime importing another runtime: %s → %s', (path, spec) => {
    expect(refused(file(path, spec))).toEqual([spec]);
  });

  it.each([
    ['src/node/smoke-google.ts', '../apps-script/smoke'],
    ['src/node/x.ts', '../local/retex-chart'],
    ['src/google/x.ts', '../node/project-files'],
    ['src/google/x.ts', '../google-api/docs'],
    ['src/domain/x.ts', '../local/sqlite-store'],
    ['src/domain/x.ts', '../google/layout'],
    ['src/schema/x.ts', '../node/project-files'],
    ['src/ports.ts', './local/sqlite-store'],
    ['src/app/x.ts', '../commands/serve'],
  ])('refuses shared or core code importing upwards: %s → %s', (path, spec) => {
    expect(refused(file(path, spec))).toEqual([spec]);
  });

  it.each([
    ['src/domain/x.ts', 'node:fs'],
    ['src/domain/x.ts', 'fs'],
    ['src/app/x.ts', 'exceljs'],
    ['src/google/x.ts', 'node:crypto'],
    ['src/google/x.ts', '@googleapis/sheets'],
    ['src/apps-script/x.ts', 'node:path'],
    ['src/apps-script/x.ts', 'preact'],
  ])('refuses a package outside the layer: %s → %s', (path, spec) => {
    expect(refused(file(path, spec))).toEqual([spec]);
  });

  it.each([
    ['src/domain/x.ts', ['./y', '../schema/project', '../app/context', '../ports', 'zod', 'papaparse']],
    ['src/google/x.ts', ['../domain/a1', './codec', 'zod']],
    ['src/apps-script/x.ts', ['../google/layout', '../domain/a1', 'suivi:project-sources', 'zod']],
    ['src/node/x.ts', ['../google/layout', '../schema/project', 'node:fs', '@resvg/resvg-js']],
    ['src/google-api/x.ts', ['../google/layout', '../node/retex-chart', '@googleapis/docs']],
    ['src/local/pages/x.tsx', ['../../node/project-files', '../server/types', 'preact']],
    ['src/commands/x.ts', ['../local/backup', '../google-api/sync', '../apps-script/smoke', 'commander']],
    ['src/cli.ts', ['./commands/serve', './node/project-files']],
  ])('accepts what the map allows: %s', (path, specs) => {
    expect(refused(file(path, ...specs))).toEqual([]);
  });

  it('accepts the Docs API types in the bundled layers, never the Docs client itself', () => {
    const docs = (path: string, source: string) => refused({ path, source });
    expect(docs('src/google/x.ts', `import type { docs_v1 } from '@googleapis/docs';`)).toEqual([]);
    expect(docs('src/apps-script/x.ts', `import { type docs_v1 } from '@googleapis/docs';`)).toEqual([]);
    expect(docs('src/google/x.ts', `export type { docs_v1 } from '@googleapis/docs';`)).toEqual([]);
    for (const value of [
      `import { docs } from '@googleapis/docs';`,
      `import { docs, type docs_v1 } from '@googleapis/docs';`,
      `import '@googleapis/docs';`,
      `import type { docs_v1 } from '@googleapis/docs';\nexport { docs } from '@googleapis/docs';`,
      `import type { docs_v1 } from '@googleapis/docs';\nconst d = require('@googleapis/docs');`,
    ])
      expect(docs('src/apps-script/x.ts', value)).toContain('@googleapis/docs');
    expect(docs('src/domain/x.ts', `import type { docs_v1 } from '@googleapis/docs';`)).toEqual([
      '@googleapis/docs',
    ]);
  });

  it('refuses a folder of src/ the map does not name', () => {
    expect(dependencyViolations([file('src/shared/x.ts')])).toEqual([
      expect.objectContaining({ file: 'src/shared/x.ts' }),
    ]);
  });

  it('finds a two-file cycle made of type imports, and a longer one, but not a diamond', () => {
    const files = [
      { path: 'src/google-api/install.ts', source: `import { ensure } from './retex-google';` },
      { path: 'src/google-api/retex-google.ts', source: `import type { GoogleAdapters } from './install';` },
      { path: 'src/local/a.ts', source: `import { b } from './b';\nimport { d } from './d';` },
      { path: 'src/local/b.ts', source: `import { c } from './c';\nimport { d } from './d';` },
      { path: 'src/local/c.tsx', source: `import { a } from './a';` },
      { path: 'src/local/d.ts', source: `import { z } from 'zod';` },
    ];
    expect(importCycles(files)).toEqual([
      ['src/google-api/install.ts', 'src/google-api/retex-google.ts'],
      ['src/local/a.ts', 'src/local/b.ts', 'src/local/c.tsx'],
    ]);
    expect(
      importCycles(files.filter((f) => !f.path.endsWith('c.tsx') && !f.path.includes('google'))),
    ).toEqual([]);
  });
});
