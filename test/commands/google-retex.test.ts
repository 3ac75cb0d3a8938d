// `suivi-mes google retex` and `google retex-text` as an administrator runs them, on the fake Workspace: the ARS
// writes a section's text, the RETEX documents carry it; refusals are explained in French and store nothing.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { googleRetexCommand, retexTemplateFiles } from '../../src/commands/google-retex';
import { googleRetexTextCommand } from '../../src/commands/google-retex-text';
import type { CommandContext } from '../../src/commands/options';
import { install } from '../../src/google-api/install';
import { writeGoogleState } from '../../src/google-api/state-file';
import { DEFAULT_CONFIG } from '../../src/node/project-files';
import { defaultProject, FixedClock } from '../support/project';
import { FakeWorkspace } from '../support/google-api/fake-workspace';
import { retexRecordsOf } from '../support/google-api/retex-records';
import {
  mockWorkspace,
  resetGoogleMocks,
  setupGoogleMocks,
  testAdapters,
} from '../support/google-api/google-mocks';

// Each test drives dozens of calls through nock and the fakes: far from the default 5 s on a loaded machine.
jest.setTimeout(60_000);

const project = defaultProject();
const PARC = 'clinique-du-parc-sortie-de-cancerologie-ou-de-soins-palliatifs';

function quietly<T>(fn: () => Promise<T>): Promise<{ result: T; out: string }> {
  let out = '';
  const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  return fn().then(
    (result) => {
      spy.mockRestore();
      return { result, out };
    },
    (error: unknown) => {
      spy.mockRestore();
      throw error;
    },
  );
}

describe('google retex and retex-text commands', () => {
  let fake: FakeWorkspace;
  let data: string;
  const context = (json = false): CommandContext => ({
    options: { data, config: DEFAULT_CONFIG, json },
    project,
  });
  const clock = new FixedClock(new Date('2022-06-13T09:00:00+02:00'));
  const session = () => ({ ...testAdapters(), author: 'binome@ars.fr' });

  beforeEach(async () => {
    setupGoogleMocks();
    fake = new FakeWorkspace();
    mockWorkspace(fake);
    data = fs.mkdtempSync(path.join(os.tmpdir(), 'google-retex-'));
    const { adapters, google } = testAdapters();
    const result = await install(adapters, google, {
      project,
      now: new Date('2022-05-16T09:00:00+02:00'),
      adminEmail: 'admin@ars.fr',
      retexDocx: retexTemplateFiles(context()).docx,
    });
    writeGoogleState(data, { spreadsheetId: result.spreadsheetId, spreadsheetUrl: result.spreadsheetUrl });
  });
  afterEach(() => {
    resetGoogleMocks();
    fs.rmSync(data, { recursive: true, force: true });
  });

  it('lists each document with its sections still to write', async () => {
    const { out } = await quietly(() => googleRetexTextCommand(context(), session(), { list: true }, clock));
    expect(out).toContain(`--document ${PARC}`);
    expect(out).toMatch(/--section context\s+2\. Contexte et objectifs \(à rédiger\)/);
    expect(out).toContain('--document transverse');
  });

  /** The section texts of « RETEX (données) », read with the records-tab codec both Google runtimes share. */
  const retexTexts = (spreadsheetId: string) =>
    retexRecordsOf(fake, spreadsheetId).filter((r) => r.kind === 'section-text');

  it('keeps a section text in the workbook and the next RETEX carries it', async () => {
    const file = path.join(data, 'contexte.txt');
    fs.writeFileSync(file, 'Parcours retenu pour $1 et {{x}} \\n.\nDeuxième ligne.');
    const saved = await quietly(() =>
      googleRetexTextCommand(context(), session(), { document: PARC, section: 'context', file }, clock),
    );
    expect(saved.out).toContain('Texte de « context » enregistré');
    const spreadsheetId = JSON.parse(
      fs.readFileSync(path.join(data, 'google-state.json'), 'utf8'),
    ).spreadsheetId;
    expect(retexTexts(spreadsheetId)).toHaveLength(1);
    const { result, out } = await quietly(() =>
      googleRetexCommand(context(), session(), { version: 'V1' }, clock),
    );
    expect(out).toContain('Version V1 émise.');
    expect(out).toContain('RETEX-V1-transverse-2022-06-13');
    const parc = result.documents.find((d) => d.name.includes(PARC));
    const id = /\/d\/([^/]+)\//.exec(parc?.url ?? '')?.[1] ?? '';
    expect(fake.documents.get(id)?.read().paragraphs).toContain(
      'Parcours retenu pour $1 et {{x}} \\n.\nDeuxième ligne.',
    );
  });

  it('refuses a text that looks like patient data, in French, and keeps nothing', async () => {
    await expect(
      quietly(() =>
        googleRetexTextCommand(
          context(),
          session(),
          { document: 'transverse', section: 'ins', text: 'Patient 1 85 05 75 123 456 78 qualifié.' },
          clock,
        ),
      ),
    ).rejects.toThrow(/Texte refusé : .*numéro de sécurité sociale/);
    const spreadsheetId = JSON.parse(
      fs.readFileSync(path.join(data, 'google-state.json'), 'utf8'),
    ).spreadsheetId;
    expect(retexTexts(spreadsheetId)).toEqual([]);
  });

  it('names the documents and sections it knows when given an unknown one', async () => {
    await expect(
      quietly(() =>
        googleRetexTextCommand(context(), session(), { document: 'nope', section: 'x', text: 't' }, clock),
      ),
    ).rejects.toThrow(/Document RETEX inconnu : « nope »\. Documents : .*transverse/);
    await expect(
      quietly(() =>
        googleRetexTextCommand(
          context(),
          session(),
          { document: 'transverse', section: 'context', text: 't' },
          clock,
        ),
      ),
    ).rejects.toThrow(/Section inconnue : « context »\. Sections de ce document : scope, ins/);
  });

  it('answers in JSON with --json', async () => {
    const { out } = await quietly(() =>
      googleRetexCommand(context(true), session(), { version: 'VF' }, clock),
    );
    const json = JSON.parse(out) as { status: string; version: string; documents: Array<{ status: string }> };
    expect(json).toMatchObject({ status: 'new', version: 'VF' });
    expect(json.documents).toHaveLength(10);
  });
});
