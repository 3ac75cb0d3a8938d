// The placeholder names are the contract between the models and every runtime's templates: the RETEX guide
// (docs/retex-modeles.md, « Balises ») lists each one the models give.
import fs from 'node:fs';
import path from 'node:path';
import { draftRetex } from '../../../src/app/build-retex';
import { MemoryRetexStore } from '../../../src/app/retex-memory-store';
import type { RetexItem } from '../../../src/domain/retex/document';
import { readRetexDescriptions } from '../../../src/node/retex-files';
import { REPO_ROOT, retexTemplatesDir } from '../../../src/node/project-files';
import { appContext } from '../../support/project';
import { runRetexSeason } from '../../support/retex-season';

function names(item: RetexItem, out = new Set<string>()): Set<string> {
  for (const [key, value] of Object.entries(item)) {
    out.add(key);
    if (Array.isArray(value)) for (const child of value) names(child, out);
  }
  return out;
}

describe('RETEX placeholders', () => {
  const ctx = appContext('2022-05-09T09:00:00+02:00');
  runRetexSeason(ctx, { lastWeek: '2022-W22' });
  const templates = readRetexDescriptions(ctx.project, retexTemplatesDir(ctx.project));
  const draft = draftRetex(ctx, new MemoryRetexStore(), 'V1', templates);
  const guide = fs.readFileSync(path.join(REPO_ROOT, 'docs', 'retex-modeles.md'), 'utf8');
  // « Balises » is the guide's last section (a missing heading leaves one character: every name then fails).
  const section = guide.slice(guide.indexOf('\n## Balises\n'));

  it.each(draft.documents.map((d) => [d.kind, d.key, d] as const))(
    'every name of the %s document %s is listed in docs/retex-modeles.md « Balises »',
    (_kind, _key, document) => {
      const missing = [...names(document.values)].filter((n) => !section.includes(`\`${n}\``));
      expect(missing).toEqual([]);
    },
  );

  it('gives both documents the same names, ARS sections aside', () => {
    const [useCase, cross] = [draft.documents[0]!, draft.documents.at(-1)!];
    const strip = (s: Set<string>) => [...s].filter((n) => !n.startsWith('section_')).sort();
    expect(strip(names(useCase.values))).toEqual(strip(names(cross.values)));
  });
});
