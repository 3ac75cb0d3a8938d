// One fake Google for Google Docs: the REST façade (nock, fake-workspace.ts) and the Apps Script emulator (DocumentApp,
// the advanced Docs service) share one store of documents (../gas/document-app.ts) and one documents.get /
// documents.batchUpdate (../gas/docs-advanced.ts): a Doc the CLI imported and filled is what DocumentApp opens, a Doc a
// script wrote is what documents.get reads, and a batch one façade refuses the other refuses too, nothing applied.
import type { docs_v1 } from '@googleapis/docs';
import type { GasEnvironment } from '../gas/environment';
import { retexDocFill, FILL_BATCH } from '../../../src/google/retex-doc-fill';
import type { RetexItem } from '../../../src/domain/retex/document';
import { readRetexDocxTemplates } from '../../../src/node/retex-files';
import { retexTemplatesDir } from '../../../src/node/project-files';
import { defaultProject } from '../project';
import type { FakeWorkspace } from './fake-workspace';
import { oneGoogle, resetGoogleMocks, setupGoogleMocks, testAdapters } from './google-mocks';

const ADMIN = 'admin@ars.fr';
const docx = readRetexDocxTemplates(retexTemplatesDir(defaultProject()));

afterEach(resetGoogleMocks);

function account(): { env: GasEnvironment; fake: FakeWorkspace } {
  setupGoogleMocks();
  return oneGoogle({ owner: ADMIN, now: '2022-07-04T10:00:00+02:00' });
}

/** A paragraph's text as DocumentApp gives it: soft line breaks as '\n', pictures and page numbers left out. */
function paragraphText(p: docs_v1.Schema$Paragraph | undefined): string {
  const text = (p?.elements ?? []).map((e) => e.textRun?.content ?? '').join('');
  return text.replace(/\n$/, '').split('\u000b').join('\n');
}

/** A segment's text as DocumentApp's getText() reads it: blocks one per line, a table's cells tab-separated. */
function segmentText(content: docs_v1.Schema$StructuralElement[] | undefined): string {
  return (content ?? [])
    .filter((e) => !e.sectionBreak)
    .map((e) =>
      e.table
        ? (e.table.tableRows ?? [])
            .map((row) =>
              (row.tableCells ?? [])
                .map((cell) => (cell.content ?? []).map((c) => paragraphText(c.paragraph ?? {})).join('\n'))
                .join('\t'),
            )
            .join('\n')
        : paragraphText(e.paragraph ?? {}),
    )
    .join('\n');
}

/** Every footer's text, as documents.get lists them. */
function footersText(document: docs_v1.Schema$Document): string[] {
  return Object.values(document.footers ?? {}).map((f) => segmentText(f.content));
}

describe('one Docs model behind DocumentApp and the Docs API', () => {
  it('opens with DocumentApp a .docx the CLI imported and filled as `google retex` does: same text, tables and footer', async () => {
    const { env } = account();
    const { adapters } = testAdapters();
    const folder = await adapters.drive.createFolder('RETEX');
    const template = await adapters.drive.uploadAsGoogleDoc('fiche-transverse', docx['cross-cutting'], [
      folder.id,
    ]);
    const copy = await adapters.drive.copy(template.id, 'RETEX-V1-transverse', [folder.id]);
    const values: RetexItem = { region: 'Île-de-France', version: 'V1', milestone_label: 'V1 « $1 »' };
    const fill = retexDocFill(await adapters.docs.get(copy.id), values, '[graphique]');
    expect(fill.requests.length).toBeGreaterThan(0);
    for (let i = 0; i < fill.requests.length; i += FILL_BATCH)
      await adapters.docs.batchUpdate(copy.id, fill.requests.slice(i, i + FILL_BATCH));

    const read = await adapters.docs.get(copy.id);
    const opened = env.globals.DocumentApp.openById(copy.id);
    const text = opened.getBody().getText();
    expect(text).toBe(segmentText(read.body?.content));
    expect(text).toContain('Île-de-France');
    expect(text).not.toContain('{region}');
    // The template, untouched by the copy's fill, is a document DocumentApp opens too.
    expect(env.globals.DocumentApp.openById(template.id).getBody().getText()).toContain('{region}');
    // Tables and the footer, as the emulator's model holds them.
    const data = env.documents.get(copy.id);
    const tables = (read.body?.content ?? []).filter((e) => e.table);
    expect(data.tables()).toHaveLength(tables.length);
    expect(tables.length).toBeGreaterThan(0);
    const footer = (data.footer?.children ?? []).map((n) => (n.type === 'TABLE' ? '' : n.text)).join('\n');
    expect(footersText(read)).toEqual([footer]);
    expect(footer).toContain('RETEX V1');
    expect(footer).not.toMatch(/\{[a-z_]+\}/);
    // The footer's page number is one index in both views.
    expect(data.footer?.children.some((n) => n.type !== 'TABLE' && n.pageNumber)).toBe(true);
  });

  it('reads through documents.get (nock) a Doc a script wrote with DocumentApp: paragraphs, line breaks, table, footer, title', async () => {
    const { env } = account();
    const app = env.globals.DocumentApp;
    const doc = app.create('Notes du binôme');
    const body = doc.getBody();
    body.getChild(0).asParagraph().setText('Compte rendu 😀');
    body.appendParagraph('deux\nlignes');
    body.appendTable([
      ['Etablissement', 'Lits'],
      ['CH A', '10'],
    ]);
    doc.addFooter().getChild(0).asParagraph().setText('Pied de page');
    doc.saveAndClose();

    const { adapters } = testAdapters();
    const read = await adapters.docs.get(doc.getId());
    expect(read.title).toBe('Notes du binôme');
    expect(segmentText(read.body?.content)).toBe(app.openById(doc.getId()).getBody().getText());
    const [first, second] = (read.body?.content ?? []).filter((e) => e.paragraph);
    // UTF-16 indexes: the emoji is two; a DocumentApp line break is the Docs API's soft break.
    expect(first).toMatchObject({ startIndex: 1, endIndex: 17 });
    expect(second?.paragraph?.elements?.[0]?.textRun?.content).toBe('deux\u000blignes\n');
    expect(footersText(read)).toEqual(['Pied de page']);
  });

  describe('a batch one façade refuses', () => {
    async function scriptDoc(env: GasEnvironment): Promise<{ id: string; before: string }> {
      const doc = env.globals.DocumentApp.create('Essai');
      doc.getBody().getChild(0).asParagraph().setText('Titre {x}');
      doc.getBody().appendParagraph('Fin');
      doc.saveAndClose();
      return { id: doc.getId(), before: doc.getBody().getText() };
    }

    it.each([
      [
        'the body’s last newline deleted',
        // After the 11 units inserted first, « Fin\n » spans [22, 26).
        [{ deleteContentRange: { range: { startIndex: 25, endIndex: 26 } } }] as docs_v1.Schema$Request[],
      ],
      [
        'a picture from a link Google cannot fetch',
        [
          {
            insertInlineImage: {
              location: { index: 1 },
              uri: 'https://drive.google.com/uc?id=absent&export=download',
            },
          },
        ] as docs_v1.Schema$Request[],
      ],
    ])('%s: refused by the other with the same message, nothing applied', async (_case, bad) => {
      const { env } = account();
      const { id, before } = await scriptDoc(env);
      const requests: docs_v1.Schema$Request[] = [
        { insertText: { location: { index: 1 }, text: 'appliqué ? ' } },
        ...bad,
      ];
      let scriptMessage = '';
      try {
        env.globals.Docs!.Documents!.batchUpdate({ requests }, id);
      } catch (error) {
        scriptMessage = (error as Error).message;
      }
      const prefix = 'API call to docs.documents.batchUpdate failed with error: ';
      expect(scriptMessage.startsWith(prefix)).toBe(true);
      const { adapters } = testAdapters();
      const refused = adapters.docs.batchUpdate(id, requests);
      await expect(refused).rejects.toThrow(scriptMessage.slice(prefix.length));
      await expect(refused).rejects.toMatchObject({ status: 400 });
      expect(env.globals.DocumentApp.openById(id).getBody().getText()).toBe(before);
      expect(segmentText((await adapters.docs.get(id)).body?.content)).toBe(before);
    });

    it('answers a missing document 404 through REST and Apps Script’s « not found » through the advanced service', async () => {
      const { env } = account();
      const { id } = await scriptDoc(env);
      const { adapters } = testAdapters();
      await adapters.drive.delete(id);
      await expect(adapters.docs.get(id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
      expect(() => env.globals.Docs!.Documents!.get(id)).toThrow(
        'API call to docs.documents.get failed with error: Requested entity was not found.',
      );
      expect(() => env.globals.DocumentApp.openById(id)).toThrow();
    });
  });

  it('inserts, through either façade, a picture once its Drive file is public: one rule of what Google can fetch', async () => {
    const { env } = account();
    const { adapters } = testAdapters();
    const png = await adapters.drive.upload('graphique.png', 'image/png', Buffer.from('\x89PNG fake'));
    const uri = `https://drive.google.com/uc?id=${png.id}&export=download`;
    const doc = env.globals.DocumentApp.create('Avec graphique');
    const insert = [{ insertInlineImage: { location: { index: 1 }, uri } }];
    expect(() => env.globals.Docs!.Documents!.batchUpdate({ requests: insert }, doc.getId())).toThrow(
      /failed with error/,
    );
    await adapters.drive.share(png.id, { type: 'anyone', role: 'reader' });
    env.globals.Docs!.Documents!.batchUpdate({ requests: insert }, doc.getId());
    const read = await adapters.docs.get(doc.getId());
    const objects = (read.body?.content ?? []).flatMap((e) =>
      (e.paragraph?.elements ?? []).filter((x) => x.inlineObjectElement),
    );
    expect(objects).toHaveLength(1);
    expect(
      env.documents
        .get(doc.getId())
        .paragraphs()[0]
        ?.images.map((i) => i.uri),
    ).toEqual([uri]);
  });
});
