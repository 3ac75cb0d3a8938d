// « One workbook per region » on the REST fake: `google install --region ID` installs, for one region of a
// configuration listing several, a one-region workbook (its establishments only, its ARS as writer, its name in the
// title) with its state file apart; each region's workbook is separate; `google national --installed` then reads
// every region's workbook into the national store, the region told by each workbook's title.
import { suiviKey } from '../support/google-api/suivi-key';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import nock from 'nock';
import { regionalProject } from '../../src/app/regional-project';
import {
  credentialsPath,
  nationalCredentialsPath,
  NATIONAL_SCOPES,
  saveCredentials,
  SCOPES,
} from '../../src/google-api/credentials';
import { readRegionalWorkbook } from '../../src/google-api/national-read';
import { regionalWorkbooks } from '../../src/google-api/regional-workbooks';
import { parseConfig } from '../../src/schema/config';
import { openLocalData } from '../../src/local/local-data';
import { NationalStore } from '../../src/local/db/national-store';
import { defaultProject, projectCopy, weeklyAnswers } from '../support/project';
import { respond } from '../support/google-api/respond';
import { FakeWorkspace } from '../support/google-api/fake-workspace';
import {
  mockWorkspace,
  OAUTH_API,
  resetGoogleMocks,
  setupGoogleMocks,
  testAdapters,
} from '../support/google-api/google-mocks';
import { runMainInProcess } from '../support/main-in-process';

jest.setTimeout(180_000);

const ROOT = path.resolve(__dirname, '../..');
const HDF_ARS = 'ars.hdf@example.fr';
const IDF_ARS = 'ars.idf@example.fr';
/** gh-paul-doumer (Oise) is the only pilot establishment of Hauts-de-France. */
const HDF_ES = 'gh-paul-doumer';

const run = runMainInProcess;

describe('regionalProject: the project one region is installed with', () => {
  const project = projectCopy();
  project.config.roles.ars = [IDF_ARS];
  project.config.regions = [
    { id: 'hdf', name: 'Hauts-de-France', ars: [HDF_ARS], accompaniment: { pointCadenceDays: 7 } },
  ];

  it('keeps only the region’s establishments, its ARS, its name and its own accompaniment; no regions block', () => {
    const hdf = regionalProject(project, 'hdf');
    expect(hdf.establishments.map((e) => e.id)).toEqual([HDF_ES]);
    expect(hdf.config.pilot.region).toBe('Hauts-de-France');
    expect(hdf.config.roles.ars).toEqual([HDF_ARS]);
    expect(hdf.config.roles.ans).toEqual(project.config.roles.ans);
    expect(hdf.config.regions).toBeUndefined();
    expect(hdf.config.accompaniment?.pointCadenceDays).toBe(7);
    // Still a valid configuration of its own.
    expect(() => parseConfig(hdf.config)).not.toThrow();
    const idf = regionalProject(project, 'idf');
    expect(idf.establishments.map((e) => e.id)).not.toContain(HDF_ES);
    expect(idf.establishments.length + 1).toBe(project.establishments.length);
    expect(idf.config.roles.ars).toEqual([IDF_ARS]);
  });

  it('refuses a region the configuration does not list, in French', () => {
    expect(() => regionalProject(project, 'bre')).toThrow(/région inconnue de cette configuration « bre »/);
  });
});

describe('google install --region, then google national --installed', () => {
  let root: string;
  let dataDir: string;
  let configFile: string;
  let fake: FakeWorkspace;
  const savedXdg = process.env.XDG_CONFIG_HOME;

  beforeAll(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'suivi-mes-regional-install-'));
    dataDir = path.join(root, 'data');
    process.env.XDG_CONFIG_HOME = path.join(root, 'config');
    // The repository's configuration with a regions block; its data files named by absolute path.
    const config = JSON.parse(fs.readFileSync(path.join(ROOT, 'suivi.config.json'), 'utf8')) as {
      files: Record<string, string>;
      roles: { ars: string[] };
      regions?: unknown;
    };
    for (const [k, v] of Object.entries(config.files)) config.files[k] = path.join(ROOT, v);
    config.roles.ars = [IDF_ARS];
    config.regions = [{ id: 'hdf', name: 'Hauts-de-France', ars: [HDF_ARS] }];
    configFile = path.join(root, 'suivi.config.json');
    fs.writeFileSync(configFile, JSON.stringify(config));
    const stored = { clientId: 'cid', clientSecret: 'cs', createdAt: '2022-05-01T00:00:00.000Z' };
    saveCredentials({ ...stored, refreshToken: 'rt-admin', scopes: [...SCOPES] }, credentialsPath());
    saveCredentials(
      { ...stored, refreshToken: 'rt-national', scopes: [...NATIONAL_SCOPES] },
      nationalCredentialsPath(),
    );
    setupGoogleMocks();
    fake = new FakeWorkspace();
    mockWorkspace(fake);
    nock(OAUTH_API)
      .persist()
      .post('/token')
      .reply(200, { access_token: 'at', expires_in: 3599, token_type: 'Bearer' });
  });
  afterAll(() => {
    resetGoogleMocks();
    if (savedXdg === undefined) delete process.env.XDG_CONFIG_HOME;
    else process.env.XDG_CONFIG_HOME = savedXdg;
    fs.rmSync(root, { recursive: true, force: true });
  });

  const suiviKeys = (id: string) =>
    fake
      .values(id, 'Suivi')
      .slice(2)
      .map((r) => String(suiviKey(r)));
  const writers = (id: string) =>
    fake
      .listPermissions(id)
      .permissions.filter((p) => p.role === 'writer')
      .map((p) => p.emailAddress);

  it('installs one workbook per region, each with its establishments and its ARS, state files apart', async () => {
    const hdf = await run([
      '--config',
      configFile,
      '--data',
      dataDir,
      'google',
      'install',
      '--region',
      'hdf',
    ]);
    expect(hdf.err).not.toMatch(/Erreur/);
    expect(hdf.code).toBe(0);
    const idf = await run([
      '--config',
      configFile,
      '--data',
      dataDir,
      'google',
      'install',
      '--region',
      'idf',
    ]);
    expect(idf.code).toBe(0);
    const project = defaultProject();
    const installed = regionalWorkbooks(dataDir, {
      ...project.config,
      regions: [{ id: 'hdf', name: 'Hauts-de-France', ars: [HDF_ARS] }],
    });
    expect(installed.map((w) => w.regionId).sort()).toEqual(['hdf', 'idf']);
    const hdfId = installed.find((w) => w.regionId === 'hdf')?.state.spreadsheetId ?? '';
    const idfId = installed.find((w) => w.regionId === 'idf')?.state.spreadsheetId ?? '';
    expect(hdfId).not.toBe(idfId);
    expect(fake.spreadsheet(hdfId).title).toMatch(/ — Hauts-de-France$/);
    expect(suiviKeys(hdfId).every((k) => k.startsWith(`${HDF_ES}/`))).toBe(true);
    expect(suiviKeys(hdfId).length).toBeGreaterThan(0);
    expect(suiviKeys(idfId).some((k) => k.startsWith(`${HDF_ES}/`))).toBe(false);
    expect(writers(hdfId)).toContain(HDF_ARS);
    expect(writers(hdfId)).not.toContain(IDF_ARS);
    expect(writers(idfId)).toContain(IDF_ARS);
    expect(writers(idfId)).not.toContain(HDF_ARS);
    // The instance's own state file is untouched: the regions' workbooks are theirs.
    expect(fs.existsSync(path.join(dataDir, 'google-state.json'))).toBe(false);
    // Run again: the region's workbook is completed, never a second one.
    const again = await run([
      '--config',
      configFile,
      '--data',
      dataDir,
      'google',
      'install',
      '--region',
      'hdf',
    ]);
    expect(again.code).toBe(0);
    expect(fake.spreadsheets.size).toBe(2);
  });

  const workbookOf = (regionId: string) =>
    regionalWorkbooks(dataDir, {
      ...defaultProject().config,
      regions: [{ id: 'hdf', name: 'Hauts-de-France', ars: [HDF_ARS] }],
    }).find((w) => w.regionId === regionId)?.state.spreadsheetId ?? '';

  it('google sync --region hdf reads the region’s form responses into its workbook only', async () => {
    const hdfId = workbookOf('hdf');
    respond(
      fake,
      hdfId,
      HDF_ES,
      { ...weeklyAnswers({ dmp_fed: 5 }, { report_date: '2022-06-10' }), week: '2022-W23' },
      '2022-06-10T08:00:00Z',
    );
    const res = await run(['--config', configFile, '--data', dataDir, 'google', 'sync', '--region', 'hdf']);
    expect(res.err).not.toMatch(/Erreur/);
    expect(res.code).toBe(0);
    expect(fake.values(hdfId, 'Historique')).toHaveLength(2);
    expect(fake.values(workbookOf('idf'), 'Historique')).toHaveLength(1);
  });

  it('google national --installed reads every region’s workbook, each under the region its title names', async () => {
    const nationalDir = path.join(root, 'national');
    fs.mkdirSync(path.join(nationalDir, 'regions'), { recursive: true });
    fs.cpSync(path.join(dataDir, 'regions'), path.join(nationalDir, 'regions'), { recursive: true });
    const res = await run([
      '--config',
      configFile,
      '--data',
      nationalDir,
      'google',
      'national',
      '--installed',
    ]);
    expect(res.err).not.toMatch(/Erreur/);
    expect(res.code).toBe(0);
    const { data } = openLocalData(nationalDir, defaultProject());
    try {
      const versions = new NationalStore(data.db).versions();
      expect(versions.map((v) => v.region).sort()).toEqual(['hdf', 'idf']);
      const hdf = versions.find((v) => v.region === 'hdf');
      expect(hdf?.establishmentCount).toBe(1);
      expect(hdf && new NationalStore(data.db).snapshot(hdf).versions).toHaveLength(1);
    } finally {
      data.close();
    }
  });

  it('a region’s workbook read as another region’s is refused', async () => {
    const { google } = testAdapters();
    const installed = regionalWorkbooks(dataDir, {
      ...defaultProject().config,
      regions: [{ id: 'hdf', name: 'Hauts-de-France', ars: [HDF_ARS] }],
    });
    const hdfId = installed.find((w) => w.regionId === 'hdf')?.state.spreadsheetId ?? '';
    const read = await readRegionalWorkbook(
      google,
      hdfId,
      defaultProject(),
      { id: 'idf', name: 'Île-de-France' },
      new Date(),
    );
    expect(read.read.ok).toBe(false);
    expect(JSON.stringify(read.read)).toContain('pas de « Île-de-France » : refusé');
  });
});
