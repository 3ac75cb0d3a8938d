// One place for the columns: no source file repeats a column label of the tracking file by hand.
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../../src/node/project-files';
import { defaultProject } from '../support/project';

function files(dir: string): string[] {
  return fs
    .readdirSync(path.join(REPO_ROOT, dir), { withFileTypes: true })
    .flatMap((d) =>
      d.isDirectory()
        ? files(path.join(dir, d.name))
        : /\.(tsx?|mjs|js|html)$/.test(d.name)
          ? [path.join(dir, d.name)]
          : [],
    );
}

describe('column labels', () => {
  const labels = defaultProject().tracking.columns.map((c) => c.label);
  const sources = files('src');

  it.each(sources)('are not written by hand in %s', (file) => {
    const source = fs.readFileSync(path.join(REPO_ROOT, file), 'utf8');
    const quoted = labels.filter((label) =>
      ["'", '"', '`', '>'].some((q) => source.includes(`${q}${label}${q === '>' ? '<' : q}`)),
    );
    expect({ file, quoted }).toEqual({ file, quoted: [] });
  });
});
