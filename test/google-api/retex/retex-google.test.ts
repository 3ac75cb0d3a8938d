// `google retex` on the fake Workspace: the RETEX issued from the workbook's records and written as Google Docs
// filled through the Docs API, read back and compared with the .docx the local command writes for the same
// issue — every section, table, repeated section, quote and the footer; versions and frozen documents; user text
// with $, \ and {{ kept as typed; the chart as a picture, or a marked paragraph when link sharing is refused.
import { JOURNAL_KIND_LABELS } from '../../../src/domain/model';
import { saveRetexSectionText } from '../../../src/app/build-retex';
import type { AppContext } from '../../../src/app/context';
import { issueGoogleRetex, type GoogleRetexResult } from '../../../src/google-api/retex/retex-google';
import { RestRetexStore } from '../../../src/google-api/retex/rest-retex-store';
import { retexRecordsOf } from '../../support/google-api/retex-records';
import { loadSnapshot, RestStore } from '../../../src/google-api/rest-store';
import { decodeRecords } from '../../../src/google-api/data-tab';
import { RETEX_RECORD, RetexDocumentFileSchema, RetexFolderSchema } from '../../../src/google/retex-records';
import { GoogleApiError } from '../../../src/google-api/errors';
import type { RetexIssue } from '../../../src/domain/retex/issue';
import { arsSections } from '../../../src/domain/retex/template';
import { retexFr } from '../../../src/domain/messages';
import { readRetexDescriptions, readRetexDocxTemplates } from '../../../src/node/retex-files';
import { renderRetexDocx } from '../../../src/local/retex/retex-docx';
import { retexChartPng } from '../../../src/node/retex-chart';
import { retexTemplatesDir } from '../../../src/node/project-files';
import { defaultProject, FixedClock } from '../../support/project';
import { readDocx } from '../../support/retex-docx-reader';
import { runRetexSeason, TRICKY_TEXT } from '../../support/retex-season';
import { FakeWorkspace } from '../../support/google-api/fake-workspace';
import { installedWorkspace, resetGoogleMocks, testAdapters } from '../../support/google-api/google-mocks';

// Each test drives dozens of calls through nock and the fakes: far from the default 5 s on a loaded machine.
jest.setTimeout(60_000);

const project = defaultProject();
const dir = retexTemplatesDir(project);
const templates = readRetexDescriptions(project, dir);
const docxBuffers = readRetexDocxTemplates(dir);
const docx = {
  'use-case': { buffer: docxBuffers['use-case'], name: 'fiche-cas-usage.docx' },
  'cross-cutting': { buffer: docxBuffers['cross-cutting'], name: 'fiche-transverse.docx' },
} as const;
const PARC = 'cas-usage:sortie de cancerologie ou de soins palliatifs|';
const LONG_TEXT = `${'Texte de l’ARS avec $& et \\1 et {{x}} et {region} et {#es}{/es} < & « » ; '.repeat(40)}\nfin.`;

/** Text as both readers give it, empty paragraphs (left by removed markers or pictures) aside. */
function shown(paragraphs: readonly string[]): string[] {
  return paragraphs.map((p) => p.replace(/\ufffc/g, '')).filter((p) => p.trim() !== '');
}

describe('google retex', () => {
  let fake: FakeWorkspace;
  let spreadsheetId: string;
  let clock: FixedClock;

  beforeEach(async () => {
    ({ fake, spreadsheetId } = await installedWorkspace({
      project,
      now: new Date('2022-05-09T09:00:00+02:00'),
    }));
    clock = new FixedClock(new Date('2022-05-09T09:00:00+02:00'));
  });
  afterEach(resetGoogleMocks);

  /** Runs use cases against the workbook's records, then writes them, as a sync would. */
  async function withStore(fn: (ctx: AppContext & { clock: FixedClock }, store: RestStore) => void) {
    const { adapters } = testAdapters();
    const store = new RestStore(
      project.tracking,
      await loadSnapshot(adapters.sheets, spreadsheetId, project.tracking),
    );
    fn({ project, store, clock }, store);
    await store.flush(adapters.sheets);
  }
  const retex = (milestone: 'V1' | 'VF' = 'V1') => {
    const { adapters, google } = testAdapters();
    return issueGoogleRetex(adapters, google, {
      project,
      spreadsheetId,
      milestone,
      templates,
      docx,
      author: 'binome@ars.fr',
      clock,
    });
  };
  /** « RETEX (données) »'s records as the records-tab codec both Google runtimes share reads them. */
  const records = () => retexRecordsOf(fake, spreadsheetId);
  const documentFiles = () =>
    records().flatMap((r) =>
      r.kind === RETEX_RECORD.document ? [RetexDocumentFileSchema.parse(JSON.parse(r.json))] : [],
    );
  const document = (result: GoogleRetexResult, key: string) => {
    const id = /\/d\/([^/]+)\//.exec(result.documents.find((d) => d.key === key)?.url ?? '')?.[1] ?? '';
    const doc = fake.documents.get(id);
    if (!doc) throw new Error(`no document ${key}`);
    return doc;
  };

  describe('on a season reported up to week 26, built on 4 July', () => {
    let result: GoogleRetexResult;
    let issue: RetexIssue;
    beforeEach(async () => {
      await withStore((ctx, store) => {
        runRetexSeason(ctx, { lastWeek: '2022-W26' });
        const saved = saveRetexSectionText(ctx, new RestRetexStore(store), templates, {
          documentKey: PARC,
          sectionId: 'levers',
          text: LONG_TEXT,
          author: 'binome@ars.fr',
        });
        expect(saved.status).toBe('saved');
      });
      clock.set('2022-07-04T10:00:00+02:00');
      result = await retex();
      issue = result.plan.issue;
    });

    it('writes one Google Doc per use case and one cross-cutting, named like the .docx files, in the RETEX folder', () => {
      expect(result.plan).toMatchObject({ status: 'new', issue: { label: 'V1' } });
      expect(result.documents).toHaveLength(10);
      expect(result.documents.map((d) => d.name)).toEqual(issue.documents.map((d) => d.fileBase));
      expect(result.documents.map((d) => d.name)).toContain('RETEX-V1-transverse-2022-07-04');
      const folder = records().find((r) => r.kind === RETEX_RECORD.folder);
      const { folderId } = RetexFolderSchema.parse(JSON.parse(folder?.json ?? '{}'));
      const ids = result.documents.map((d) => /\/d\/([^/]+)\//.exec(d.url)?.[1] ?? '');
      for (const id of ids) expect(fake.file(id).parents).toEqual([folderId]);
      expect(
        result.documents.every((d) => d.status === 'created' && d.unknownPlaceholders.length === 0),
      ).toBe(true);
    });

    it('gives every document the paragraphs, tables and footer of the .docx rendered from the same issue', () => {
      for (const d of issue.documents) {
        const kind = d.model.kind;
        const local = readDocx(
          renderRetexDocx(docx[kind].buffer, docx[kind].name, d.model, retexChartPng(d.model.chart)).buffer,
        );
        const google = document(result, d.key).read();
        expect([d.key, shown(google.paragraphs)]).toEqual([d.key, shown(local.paragraphs)]);
        expect([d.key, google.tables]).toEqual([d.key, local.tables]);
        const footer = (lines: string[]) => lines.join(' ').split(' — page')[0];
        expect(footer(google.footer)).toBe(footer(local.footer));
      }
    });

    it('fills every ARS section, keeps the headings as headings and leaves no placeholder behind', () => {
      const parc = document(result, PARC).read();
      for (const s of arsSections(templates.useCase)) {
        const at = parc.paragraphs.indexOf(s.title);
        expect([s.title, parc.styles[at]]).toEqual([s.title, 'HEADING_1']);
      }
      expect(parc.paragraphs).toContain(LONG_TEXT);
      const context = arsSections(templates.useCase).find((s) => s.id === 'context')!;
      expect(parc.paragraphs).toContain(retexFr.prompt(context.prompt));
      const all = [...parc.paragraphs, ...parc.tables.flat(2), ...parc.footer].join('\n');
      expect(all.split(LONG_TEXT).join('').split(TRICKY_TEXT).join('')).not.toMatch(
        /\{[#/^@]?[a-z][a-z0-9_]*\}/,
      );
    });

    it('quotes ES texts verbatim, $, \\ and {{ included, in the quote style', () => {
      const parc = document(result, PARC).read();
      const quote = `semaine 19 — CLINIQUE DU PARC : « ${TRICKY_TEXT} »`;
      expect(parc.paragraphs).toContain(quote);
      expect(parc.paragraphs).toContain(
        'semaines 20 à 21 — CLINIQUE DU PARC : « Délai de mise à jour du DPI chez clinique-du-parc »',
      );
    });

    it('inserts the chart as a picture Google fetched from a link public only during the insertion', () => {
      const parc = document(result, PARC).read();
      expect(parc.images).toHaveLength(1);
      const id = /[?&]id=([^&]+)/.exec(parc.images[0] ?? '')?.[1] ?? '';
      expect(fake.file(id).mimeType).toBe('image/png');
      expect(fake.file(id).content?.subarray(1, 4).toString()).toBe('PNG');
      expect(fake.isPublic(id)).toBe(false);
      expect(result.documents.every((d) => d.chart === 'image')).toBe(true);
    });

    it('keeps the RETEX version, its snapshot and its documents in « RETEX (données) », none in « Données »', () => {
      expect(
        records()
          .filter((r) => r.kind === RETEX_RECORD.issue)
          .map((r) => r.key),
      ).toEqual(['V1']);
      expect(documentFiles().filter((d) => d.complete)).toHaveLength(10);
      expect(decodeRecords(fake.values(spreadsheetId, 'Données').slice(1)).map((r) => r.kind)).not.toContain(
        expect.stringMatching(/^retex/),
      );
      expect(
        fake
          .values(spreadsheetId, 'Journal')
          .some((r) => r[1] === JOURNAL_KIND_LABELS['retex'] && r[4] === 'V1'),
      ).toBe(true);
    });

    it('keeps the version in force when nothing changed, and writes V1.1 next to V1 after new data', async () => {
      const copies = fake.count('drive.files.copy');
      const before = new Map([...fake.documents].map(([id, doc]) => [id, JSON.stringify(doc.read())]));
      clock.set('2022-07-05T10:00:00+02:00');
      const same = await retex();
      expect(same.plan.status).toBe('unchanged');
      expect(same.documents.every((d) => d.status === 'kept')).toBe(true);
      expect(fake.count('drive.files.copy')).toBe(copies);

      await withStore((ctx) => {
        clock.set('2022-07-05T11:00:00+02:00');
        const section = new RestRetexStore(ctx.store as RestStore);
        expect(
          saveRetexSectionText(ctx, section, templates, {
            documentKey: PARC,
            sectionId: 'context',
            text: 'Contexte rédigé avec $1 et {region}.',
            author: 'a',
          }).status,
        ).toBe('saved');
      });
      clock.set('2022-07-06T10:00:00+02:00');
      const next = await retex();
      expect(next.plan).toMatchObject({ status: 'new', issue: { label: 'V1.1' }, previous: { label: 'V1' } });
      expect(fake.count('drive.files.copy')).toBe(copies + 10);
      for (const [id, text] of before)
        expect([id, JSON.stringify(fake.documents.get(id)?.read())]).toEqual([id, text]);
      const parcV11 = document(next, PARC).read();
      expect(parcV11.paragraphs).toContain('Contexte rédigé avec $1 et {region}.');
      expect(parcV11.paragraphs).toContain(LONG_TEXT);
      expect(document(result, PARC).read().paragraphs).not.toContain('Contexte rédigé avec $1 et {region}.');
    });
  });

  describe('when Google fails in the middle', () => {
    it('makes the unfinished document again on the next run and keeps the finished ones', async () => {
      await withStore((ctx) => runRetexSeason(ctx, { lastWeek: '2022-W21' }));
      clock.set('2022-05-30T09:00:00+02:00');
      // Each document takes two batches (fill, chart): the 5th, the 3rd document's fill, fails for good.
      const { adapters, google } = testAdapters();
      const original = adapters.docs.batchUpdate.bind(adapters.docs);
      let batches = 0;
      adapters.docs.batchUpdate = async (id, requests) => {
        batches += 1;
        if (batches === 5) throw new Error('connexion perdue');
        return original(id, requests);
      };
      await expect(
        issueGoogleRetex(adapters, google, {
          project,
          spreadsheetId,
          milestone: 'V1',
          templates,
          docx,
          author: 'a',
          clock,
        }),
      ).rejects.toThrow('connexion perdue');
      // The tab is append-only: a document's latest record is what it is.
      const latestFiles = () => [...new Map(documentFiles().map((d) => [d.key, d])).values()];
      const unfinished = latestFiles().filter((d) => d.complete === false);
      expect(unfinished).toHaveLength(1);
      const again = await retex();
      expect(again.plan.status).toBe('unchanged');
      expect(again.documents.filter((d) => d.status === 'created')).toHaveLength(8);
      expect(again.documents.filter((d) => d.status === 'kept')).toHaveLength(2);
      expect(fake.documents.has(unfinished[0]?.id ?? '')).toBe(false);
      expect(latestFiles().every((d) => d.complete)).toBe(true);
    });
  });

  describe('when the domain forbids link sharing', () => {
    it('leaves a marked paragraph with the picture’s Drive link instead of the chart', async () => {
      await withStore((ctx) => runRetexSeason(ctx, { lastWeek: '2022-W21' }));
      clock.set('2022-05-30T09:00:00+02:00');
      const { adapters, google } = testAdapters();
      const share = adapters.drive.share.bind(adapters.drive);
      adapters.drive.share = async (id, permission) => {
        if (permission.type === 'anyone' && fake.files.get(id)?.mimeType === 'image/png')
          throw new GoogleApiError('NOT_AUTHORIZED', 'partage refusé', 'domain policy');
        return share(id, permission);
      };
      const result = await issueGoogleRetex(adapters, google, {
        project,
        spreadsheetId,
        milestone: 'V1',
        templates,
        docx,
        author: 'a',
        clock,
      });
      expect(result.documents.every((d) => d.chart === 'placeholder')).toBe(true);
      const parc = document(result, PARC).read();
      expect(parc.images).toEqual([]);
      expect(parc.paragraphs.find((p) => p.startsWith('[Graphique à insérer'))).toMatch(
        /https:\/\/drive\.google\.com\/file\/d\//,
      );
    });
  });
});
