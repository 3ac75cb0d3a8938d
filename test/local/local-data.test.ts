// Opening a data folder: creation, seeding once, registry additions, a lost or damaged key, the demo clock.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DATABASE_FILE, isDemo, openLocalData, SECRET_FILE } from '../../src/local/local-data';
import { defaultProject, projectCopy } from '../support/project';

describe('openLocalData', () => {
  let dir: string;
  beforeEach(() => {
    dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'suivi-mes-data-')), 'data');
  });
  afterEach(() => fs.rmSync(path.dirname(dir), { recursive: true, force: true }));

  it('creates the folder, the database, a private key and the outbox, and seeds the 16 pilots once', () => {
    const first = openLocalData(dir, defaultProject());
    expect(first.created).toBe(true);
    expect(first.data.store.listEstablishments()).toHaveLength(16);
    expect(fs.existsSync(path.join(dir, DATABASE_FILE))).toBe(true);
    expect(fs.statSync(path.join(dir, SECRET_FILE)).mode & 0o777).toBe(0o600);
    expect(fs.existsSync(first.data.outboxDir)).toBe(true);
    expect(first.data.links.active()).toHaveLength(18);
    first.data.close();
    const again = openLocalData(dir, defaultProject());
    expect(again.created).toBe(false);
    expect(again.data.store.listJournal().filter((j) => j.kind === 'install')).toHaveLength(1);
    again.data.close();
  });

  it('adds establishments and use cases added to the CSV since, without touching the others', () => {
    openLocalData(dir, defaultProject()).data.close();
    const project = projectCopy();
    const cochin = project.establishments.find((e) => e.id === 'gh-cochin');
    if (!cochin) throw new Error('seed missing');
    project.establishments.push({ ...cochin, id: 'gh-nouveau', name: 'GH NOUVEAU' });
    cochin.useCases.push({ ...cochin.useCases[0]!, useCaseId: 'uc2' });
    const { data, added } = openLocalData(dir, project);
    expect(added).toEqual(['gh-cochin/uc2', 'gh-nouveau']);
    expect(data.store.getEstablishment('gh-cochin')?.useCases.map((u) => u.id)).toEqual(['uc1', 'uc2']);
    expect(data.links.active().some((l) => l.establishmentId === 'gh-nouveau')).toBe(true);
    data.close();
  });

  it('replaces every link when the secret key was lost, and says so', () => {
    const first = openLocalData(dir, defaultProject());
    const before = first.data.links.active().map((l) => l.id);
    first.data.close();
    fs.rmSync(path.join(dir, SECRET_FILE));
    const { data, warnings } = openLocalData(dir, defaultProject());
    expect(warnings[0]).toContain('tous les liens');
    expect(data.links.active().some((l) => before.includes(l.id))).toBe(false);
    data.close();
  });

  it('refuses a damaged key rather than making new links silently', () => {
    openLocalData(dir, defaultProject()).data.close();
    fs.writeFileSync(path.join(dir, SECRET_FILE), 'abc');
    expect(() => openLocalData(dir, defaultProject())).toThrow(/clé illisible/);
  });

  it('keeps a demo folder’s simulated date across restarts', () => {
    const demoNow = new Date('2022-07-20T08:00:00Z');
    const first = openLocalData(dir, defaultProject(), { demoNow });
    expect(Math.abs(first.data.clock.now().getTime() - demoNow.getTime())).toBeLessThan(60_000);
    expect(isDemo(first.data.db)).toBe(true);
    first.data.close();
    const again = openLocalData(dir, defaultProject());
    expect(Math.abs(again.data.clock.now().getTime() - demoNow.getTime())).toBeLessThan(60_000);
    again.data.close();
  });
});
