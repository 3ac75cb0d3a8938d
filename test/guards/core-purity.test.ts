// The pure core, and src/google/ which is bundled into Apps Script with it, must run inside Apps Script: no global
// I/O, timer or Node global. Which modules and packages they may import is the dependency map's
// (dependency-map.test.ts).
import { REPO_ROOT } from '../../src/node/project-files';
import { layerOf, readSources } from '../support/dependency-map';

const pureFiles = readSources(REPO_ROOT).filter((f) => ['core', 'google'].includes(layerOf(f.path) ?? ''));

describe('the pure core', () => {
  it.each(pureFiles.map((f) => [f.path, f.source]))(
    '%s uses no I/O, timer or Node global',
    (_path, source) => {
      expect(source.replace(/\/\/.*$/gm, '')).not.toMatch(
        /\b(require\(|process\.|setTimeout|setInterval|fetch\(|new URL\(|Buffer\.|console\.)/,
      );
    },
  );
});
