// RETEX plumbing on nock: Drive files.copy of a template, literal replaceAllText, a table inserted at its
// placeholder and filled from the last cell to the first.
import { buildRetexDocument, replaceTextRequests, tableFillRequests } from '../../src/google-api/retex-docs';
import { DocsAdapter } from '../../src/google-api/docs';
import { FakeDocument } from './fake-document';
import { FakeWorkspace } from './fake-workspace';
import {
  mockDocumentsBatchUpdate,
  mockDocumentsGet,
  mockDriveFilesCopy,
  resetGoogleMocks,
  setupGoogleMocks,
  testAdapters,
  type DocumentsById,
} from './google-mocks';

describe('RETEX documents through Drive and Docs', () => {
  let fake: FakeWorkspace;
  let docs: DocumentsById;
  beforeEach(() => {
    setupGoogleMocks();
    fake = new FakeWorkspace();
    docs = new Map([
      [
        'tpl',
        new FakeDocument('tpl', [
          'RETEX {{pilote}}',
          'Établissement : {{etablissement}}',
          '{{indicateurs}}',
          'Fin',
        ]),
      ],
    ]);
    mockDriveFilesCopy(fake, docs);
    mockDocumentsGet(fake, docs);
    mockDocumentsBatchUpdate(fake, docs);
  });
  afterEach(resetGoogleMocks);

  const build = (texts: Record<string, string>, tables: Record<string, string[][]> = {}) => {
    const { adapters, google } = testAdapters();
    return buildRetexDocument({ drive: adapters.drive, docs: new DocsAdapter(google) }, 'tpl', {
      name: 'RETEX V1',
      texts,
      tables,
    });
  };

  it('copies the template and leaves it untouched', async () => {
    const { documentId } = await build({ pilote: 'MES' });
    expect(documentId).not.toBe('tpl');
    expect(docs.get('tpl')?.text()).toContain('{{pilote}}');
    expect(docs.get(documentId)?.text()).toContain('RETEX MES');
  });

  it('keeps $, \\ and {{ of user text literally, even a text naming another placeholder', async () => {
    const { documentId } = await build({ pilote: 'coût $1 \\n $& {{etablissement}}', etablissement: 'CH A' });
    const text = docs.get(documentId)?.text() ?? '';
    expect(text).toContain('RETEX coût $1 \\n $& {{etablissement}}');
    expect(text).toContain('Établissement : CH A');
  });

  it('inserts a table at its placeholder and fills every cell', async () => {
    const rows = [
      ['Etablissement', 'Cumul Nb de DMP alimentés'],
      ['CH A', '12'],
      ['CH B', ''],
    ];
    const { documentId } = await build({}, { indicateurs: rows });
    const doc = docs.get(documentId);
    expect(doc?.text()).not.toContain('{{indicateurs}}');
    expect(doc?.elements.find((e) => e.kind === 'table')).toEqual({ kind: 'table', cells: rows });
    expect(doc?.text().endsWith('Fin\n')).toBe(true);
  });

  it('fills cells from the last to the first', () => {
    const doc = new FakeDocument('d', ['x']);
    doc.batchUpdate([{ insertTable: { rows: 2, columns: 2, location: { index: 1 } } }]);
    const requests = tableFillRequests(doc.get(), 1, [
      ['a', 'b'],
      ['c', 'd'],
    ]);
    const indexes = requests.map((r) => r.insertText?.location?.index ?? 0);
    expect(indexes).toEqual([...indexes].sort((a, b) => b - a));
    expect(requests.map((r) => r.insertText?.text)).toEqual(['d', 'c', 'b', 'a']);
  });

  it('replaces placeholders with a literal search, never a regex', () => {
    const requests = replaceTextRequests({ a: '1' }, 'n');
    expect(requests.every((r) => r.replaceAllText?.containsText?.searchByRegex === undefined)).toBe(true);
    expect(requests.map((r) => r.replaceAllText?.containsText?.text)).toEqual([
      '{{a}}',
      '\u2063suivi-mes-n-0\u2063',
    ]);
  });

  it('explains a template the app cannot reach (drive.file) as NOT_FOUND', async () => {
    docs.delete('tpl');
    await expect(build({})).rejects.toMatchObject({
      code: 'NOT_FOUND',
      userMessage: expect.stringContaining('drive.file'),
    });
  });
});
