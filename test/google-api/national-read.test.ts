// `suivi-mes google national` against the fake Workspace on nock: a region's installed Google workbook, fed by a
// form response and a sync, is read by the ANS with its separate read-only token into the national store, through
// the same checks and versioning as a regional .xlsx file. Read again unchanged → nothing changes; a workbook of
// another region → refused; only read calls reach Google; the national page and status show the Google read.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import nock from 'nock';
import {
  nationalCredentialsPath,
  NATIONAL_SCOPES,
  saveCredentials,
  SCOPES,
} from '../../src/google-api/credentials';
import { loginWithLoopback } from '../../src/google-api/oauth-login';
import { wallClockFromSerial } from '../../src/google-api/national-read';
import { dateTimeSerial } from '../../src/google/cell-values';
import { sync } from '../../src/google-api/sync';
import { openLocalData } from '../../src/local/local-data';
import { isGoogleRead, NationalStore } from '../../src/local/db/national-store';
import { serverOnData } from '../support/local/server';
import { defaultProject, FixedClock, weeklyAnswers } from '../support/project';
import type { FakeWorkspace } from '../support/google-api/fake-workspace';
import {
  installedWorkspace,
  OAUTH_API,
  resetGoogleMocks,
  testAdapters,
} from '../support/google-api/google-mocks';
import { respond } from '../support/google-api/respond';
import { runMainInProcess } from '../support/main-in-process';

jest.setTimeout(120_000);

const run = runMainInProcess;

describe('google national: the ANS reads a regional Google workbook (read-only)', () => {
  let fake: FakeWorkspace;
  let spreadsheetId: string;
  let root: string;
  let nationalDir: string;
  const savedXdg = process.env.XDG_CONFIG_HOME;
  let tokenBodies: string[];

  const syncAt = async (now: string) => {
    const { adapters, google } = testAdapters();
    return sync(adapters, google, {
      project: defaultProject(),
      spreadsheetId,
      clock: new FixedClock(new Date(now)),
    });
  };
  const versions = () => {
    const { data } = openLocalData(nationalDir, defaultProject());
    try {
      return new NationalStore(data.db).versions();
    } finally {
      data.close();
    }
  };

  beforeAll(async () => {
    ({ fake, spreadsheetId } = await installedWorkspace({ adminEmail: 'admin@ars.fr' }));
    respond(
      fake,
      spreadsheetId,
      'gh-cochin',
      { ...weeklyAnswers({ dmp_fed: 7 }, { report_date: '2022-06-10' }), week: '2022-W23' },
      '2022-06-10T08:00:00Z',
    );
    expect(await syncAt('2022-06-10T12:00:00+02:00')).toMatchObject({ accepted: 1 });
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'suivi-mes-google-national-'));
    nationalDir = path.join(root, 'national');
    process.env.XDG_CONFIG_HOME = path.join(root, 'config');
    tokenBodies = [];
    // The refresh of the national token: Google's token endpoint, as google-auth-library calls it.
    nock(OAUTH_API)
      .persist()
      .post('/token', (body: Record<string, string>) => {
        tokenBodies.push(body.refresh_token ?? '');
        return true;
      })
      .reply(200, { access_token: 'at-national', expires_in: 3599, token_type: 'Bearer' });
  });
  afterAll(() => {
    resetGoogleMocks();
    if (savedXdg === undefined) delete process.env.XDG_CONFIG_HOME;
    else process.env.XDG_CONFIG_HOME = savedXdg;
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('without the national token: a French error naming `google login --national`, nothing loaded', async () => {
    const res = await run(['--data', nationalDir, 'google', 'national', '--workbook', spreadsheetId]);
    expect(res.code).not.toBe(0);
    expect(res.err).toContain('google login --national');
    expect(versions()).toHaveLength(0);
  });

  it('reads the workbook with the national token and loads it as a dated version under its region', async () => {
    saveCredentials(
      {
        clientId: 'cid',
        clientSecret: 'csecret',
        refreshToken: 'rt-national',
        email: 'ans@sante.gouv.fr',
        scopes: [...NATIONAL_SCOPES],
        createdAt: '2022-06-01T00:00:00.000Z',
      },
      nationalCredentialsPath(),
    );
    const callsBefore = fake.calls.length;
    const res = await run(['--data', nationalDir, 'google', 'national', '--workbook', spreadsheetId]);
    expect(res.err).toBe('');
    expect(res.code).toBe(0);
    expect(res.out).toMatch(/Île-de-France : 16 établissement\(s\), \d+ ligne\(s\), 1 déclaration\(s\)/);
    expect(res.out).toContain('classeur Google lu le');
    expect(tokenBodies).toContain('rt-national');
    // Read calls only: the ANS's reading never writes into a region's workbook.
    expect(new Set(fake.calls.slice(callsBefore))).toEqual(new Set(['spreadsheets.get', 'values.batchGet']));
    const [loaded] = versions();
    expect(loaded?.region).toBe('idf');
    expect(loaded && isGoogleRead(loaded)).toBe(true);
    expect(loaded?.fileName).toBe(`google:${spreadsheetId}`);
    const { data } = openLocalData(nationalDir, defaultProject());
    try {
      const national = new NationalStore(data.db);
      const snapshot = loaded && national.snapshot(loaded);
      const suiviRows = fake.values(spreadsheetId, 'Suivi').length - 2;
      expect(snapshot?.establishments.reduce((n, e) => n + e.useCases.length, 0)).toBe(suiviRows);
      const [version] = snapshot?.versions ?? [];
      expect(version).toMatchObject({ rowKey: 'idf:gh-cochin/uc1', week: '2022-W23', source: 'form' });
      expect(version?.values.dmp_fed).toBe(7);
      // The time of reception crossed the serial number and Paris wall clock unchanged.
      expect(version?.receivedAt).toBe('2022-06-10T08:00:00.000Z');
    } finally {
      data.close();
    }
  });

  it('the same workbook read again with no change: nothing changes', async () => {
    const res = await run(['--data', nationalDir, 'google', 'national', '--workbook', spreadsheetId]);
    expect(res.code).toBe(0);
    expect(res.out).toContain("n'a pas changé depuis sa lecture");
    expect(versions()).toHaveLength(1);
  });

  it('a workbook of another region is refused, in French, and nothing changes', async () => {
    const res = await run([
      '--data',
      nationalDir,
      'google',
      'national',
      '--workbook',
      `https://docs.google.com/spreadsheets/d/${spreadsheetId}/edit`,
      '--region',
      'bre',
    ]);
    expect(res.code).not.toBe(0);
    expect(res.err).toContain('Bretagne');
    expect(res.err).toContain('pas de « Bretagne » : refusé');
    expect(versions()).toHaveLength(1);
  });

  it('a new response in the region: the next read is a new version, shown on the ANS page and in status', async () => {
    respond(
      fake,
      spreadsheetId,
      'gh-cochin',
      { ...weeklyAnswers({ dmp_fed: 9 }, { report_date: '2022-06-17' }), week: '2022-W24' },
      '2022-06-17T08:00:00Z',
    );
    expect(await syncAt('2022-06-17T12:00:00+02:00')).toMatchObject({ accepted: 1 });
    const res = await run(['--data', nationalDir, 'google', 'national', '--workbook', spreadsheetId]);
    expect(res.code).toBe(0);
    expect(res.out).toContain('2 déclaration(s)');
    expect(versions()).toHaveLength(2);

    const status = await run(['--data', nationalDir, 'national', 'status']);
    expect(status.out).toMatch(/Île-de-France \(idf\) : 16 établissement\(s\), classeur Google lu le /);

    const project = defaultProject();
    const { data } = openLocalData(nationalDir, project);
    const app = await serverOnData(data, project, nationalDir, false);
    try {
      const link = data.links.active().find((l) => l.role === 'ans');
      if (!link) throw new Error('no ANS link');
      const page = await app.inject({ method: 'GET', url: data.links.path(link) });
      expect(page.statusCode).toBe(200);
      expect(page.body).toMatch(/Île-de-France<\/th>\s*<td>Classeur Google lu le /);
    } finally {
      await app.close();
      data.close();
    }
  });
});

describe('date-time serials read back as Paris wall clock', () => {
  it.each(['2022-06-10T08:00:00Z', '2022-12-31T22:59:00Z', '2022-03-27T01:30:00Z'])('%s', (iso) => {
    const paris = new Intl.DateTimeFormat('sv-SE', {
      timeZone: 'Europe/Paris',
      dateStyle: 'short',
      timeStyle: 'short',
    })
      .format(new Date(iso))
      .replace(' ', 'T');
    expect(wallClockFromSerial(dateTimeSerial(iso))).toBe(paris);
  });
});

describe('google login --national: the read-only consent', () => {
  afterEach(resetGoogleMocks);

  it('asks for spreadsheets.readonly (and identity) only, never the everyday drive.file scope', async () => {
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1');
    nock(OAUTH_API)
      .post('/token')
      .reply(200, { access_token: 'at', refresh_token: 'rt-n', expires_in: 3599, token_type: 'Bearer' });
    let scope: string[] = [];
    const credentials = await loginWithLoopback({
      clientId: 'cid',
      clientSecret: 'cs',
      scopes: NATIONAL_SCOPES,
      openBrowser: async (url) => {
        const consent = new URL(url);
        scope = (consent.searchParams.get('scope') ?? '').split(' ');
        const redirect = new URL(consent.searchParams.get('redirect_uri') ?? '');
        redirect.searchParams.set('code', 'code-n');
        redirect.searchParams.set('state', consent.searchParams.get('state') ?? '');
        await fetch(redirect);
      },
    });
    expect(scope).toEqual(['https://www.googleapis.com/auth/spreadsheets.readonly', 'openid', 'email']);
    expect(scope).not.toContain(SCOPES[0]);
    expect(credentials.scopes).toEqual([...NATIONAL_SCOPES]);
  });
});
