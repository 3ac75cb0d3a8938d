// The committed committee template is what its description gives, and every placeholder it uses is one the
// committee model fills (an unknown one would print empty in every pack).
import fs from 'node:fs';
import path from 'node:path';
import { recordPoint } from '../../src/app/accompaniment';
import { committeeModel } from '../../src/app/committee';
import { MemoryAccompanimentStore } from '../../src/app/accompaniment-memory-store';
import { placeholdersIn } from '../../src/domain/retex/template';
import { committeeTemplatesDir, readCommitteeDescription } from '../../src/local/committee-archive';
import { retexTemplateDocx } from '../../src/local/retex/retex-template-docx';
import { DEFAULT_CONFIG } from '../../src/node/project-files';
import { appContext, defaultProject } from '../support/project';

describe('committee template', () => {
  const project = defaultProject();
  const dir = committeeTemplatesDir(project, DEFAULT_CONFIG);
  const description = readCommitteeDescription(project, dir);

  it('is the committed .docx (run scripts/build-committee-template.ts after an edit)', () => {
    const committed = fs.readFileSync(path.join(dir, `${description.id}.docx`));
    expect(committed.equals(retexTemplateDocx(description, project.tracking))).toBe(true);
  });

  it('uses only placeholders the model fills', () => {
    const ctx = { ...appContext('2022-07-01T09:00:00+02:00'), accompaniment: new MemoryAccompanimentStore() };
    recordPoint(ctx, {
      establishmentId: 'gh-cochin',
      author: 'ars',
      raw: { date: '2022-06-14', summary: 'Point.' },
    });
    const model = committeeModel(ctx, '2022-06');
    const known = new Set<string>([...Object.keys(model.values), 'version', 'issued_on', 'chart']);
    for (const item of ['totals', 'establishments', 'points'] as const) {
      const first = (model.values[item] as Array<Record<string, unknown>> | undefined)?.[0];
      for (const k of Object.keys(first ?? {})) known.add(k);
    }
    // The points loop is empty without points: its fields are named by the domain.
    for (const k of ['date', 'establishment', 'participants', 'summary', 'decisions', 'actions'])
      known.add(k);
    const used = placeholdersIn(JSON.stringify(description.blocks)).concat(
      placeholdersIn(description.footer),
    );
    expect(used.filter((p) => !known.has(p))).toEqual([]);
  });
});
