// The national RETEX through the real program, on the national demonstration (the Île-de-France pilots and two
// fictional regions): one document per use case and the cross-cutting one over every region, each establishment
// named with its region; issued again with nothing new, the version in force stays; kept apart from the
// instance's own RETEX.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { demoMoment } from '../../src/local/demo';
import { openLocalData } from '../../src/local/local-data';
import { seedNationalDemo } from '../../src/local/national-demo';
import { RetexSqliteStore } from '../../src/local/db/retex-sqlite-store';
import { defaultProject } from '../support/project';
import { runMainInProcess } from '../support/main-in-process';

const run = runMainInProcess;

describe('national RETEX', () => {
  let root: string;
  let dir: string;
  beforeAll(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'suivi-mes-national-retex-'));
    dir = path.join(root, 'data');
    const project = defaultProject();
    const { data } = openLocalData(dir, project, { demoNow: demoMoment(project.config).now });
    seedNationalDemo(data, project);
    data.close();
  });
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it('issues V1 over every region, naming each establishment’s region; again: the version in force', async () => {
    const out = path.join(root, 'out');
    const first = await run([
      '--data',
      dir,
      'national',
      'retex',
      '--version',
      'V1',
      '--out',
      out,
      '--no-pdf',
    ]);
    expect(first.err).toBe('');
    expect(first.code).toBe(0);
    const docx = fs.readdirSync(out).filter((f) => f.endsWith('.docx'));
    expect(docx.length).toBeGreaterThan(1);
    const { data } = openLocalData(dir, defaultProject());
    const issues = new RetexSqliteStore(data.db, 'national').listIssues('V1');
    const own = new RetexSqliteStore(data.db).listIssues();
    data.close();
    expect(issues).toHaveLength(1);
    expect(own).toEqual([]);
    const cross = issues[0]?.documents.find((d) => d.model.kind === 'cross-cutting');
    const text = JSON.stringify(cross?.model);
    for (const region of [
      'Île-de-France',
      'Région fictive Nord (démonstration)',
      'Région fictive Sud (démonstration)',
    ])
      expect(text).toContain(`(${region})`);
    // A use case tested in several regions: its document names establishments of each of them.
    const shared = issues[0]?.documents.find(
      (d) =>
        d.model.kind === 'use-case' &&
        ['Île-de-France', 'Région fictive Nord'].every((r) => JSON.stringify(d.model.values).includes(r)),
    );
    expect(shared).toBeDefined();
    const again = await run([
      '--data',
      dir,
      'national',
      'retex',
      '--version',
      'V1',
      '--out',
      out,
      '--no-pdf',
    ]);
    expect(again.code).toBe(0);
    const { data: after } = openLocalData(dir, defaultProject());
    expect(new RetexSqliteStore(after.db, 'national').listIssues('V1')).toHaveLength(1);
    after.close();
  });
});
