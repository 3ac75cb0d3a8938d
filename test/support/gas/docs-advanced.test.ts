// The advanced Docs service fake over DocumentApp's documents: the Docs API's indexes (UTF-16, the body after its
// section break), a batch applied whole or not at all, what DocumentApp then reads, and its own latency class.
import { createGasEnvironment } from './environment';

function setup() {
  const env = createGasEnvironment();
  const app = env.globals.DocumentApp;
  const doc = app.create('Essai');
  const body = doc.getBody();
  body.getChild(0).asParagraph().setText('Titre {x}');
  // A heading, set on the model: the code no longer sets one through DocumentApp.
  env.documents.get(doc.getId()).paragraphs()[0]!.heading = 'TITLE';
  body.appendParagraph('Émoji 😀 {y}');
  body.appendTable([['{a}', 'b']]);
  doc.saveAndClose();
  const docs = env.globals.Docs!.Documents!;
  return { env, id: doc.getId(), docs };
}

describe('Docs advanced service (emulator)', () => {
  it('reads the document with the Docs API’s UTF-16 indexes and styles', () => {
    const { id, docs } = setup();
    const content = docs.get(id).body!.content!;
    expect(content[0]).toMatchObject({ endIndex: 1, sectionBreak: {} });
    expect(content[1]).toMatchObject({ startIndex: 1, endIndex: 11 });
    expect(content[1]!.paragraph!.paragraphStyle!.namedStyleType).toBe('TITLE');
    // « Émoji 😀 {y}\n »: the emoji counts two indexes.
    expect(content[2]).toMatchObject({ startIndex: 11, endIndex: 24 });
    expect(content[3]!.table).toBeDefined();
  });

  it('applies a valid batch, which DocumentApp then reads (a soft line break is a line of its paragraph)', () => {
    const { env, id, docs } = setup();
    docs.batchUpdate(
      {
        requests: [
          { insertText: { location: { index: 23 }, text: 'deux\u000blignes' } },
          { deleteContentRange: { range: { startIndex: 20, endIndex: 23 } } },
          { insertText: { location: { index: 10 }, text: 'valeur' } },
          { deleteContentRange: { range: { startIndex: 7, endIndex: 10 } } },
        ],
      },
      id,
    );
    const data = env.documents.get(id);
    expect(data.paragraphs().map((p) => p.text)).toEqual(['Titre valeur', 'Émoji 😀 deux\nlignes', '']);
    expect(data.paragraphs()[0]!.heading).toBe('TITLE');
    const reopened = env.globals.DocumentApp.openById(id).getBody().getChild(1).asParagraph();
    expect(reopened.getText()).toBe('Émoji 😀 deux\nlignes');
  });

  it('lets DocumentApp find, after a batch, the paragraph holding a marker the batch wrote', () => {
    const { env, id, docs } = setup();
    docs.batchUpdate({ requests: [{ insertText: { location: { index: 23 }, text: '[repère]' } }] }, id);
    const body = env.globals.DocumentApp.openById(id).getBody();
    expect(body.findText('\\[repère\\]')?.getElement().getParent().asParagraph().getText()).toBe(
      'Émoji 😀 {y}[repère]',
    );
    expect(body.findText('absent')).toBeNull();
  });

  it('fails the whole batch when one request is invalid, nothing applied', () => {
    const { env, id, docs } = setup();
    const before = env.documents.get(id).text();
    expect(() =>
      docs.batchUpdate(
        {
          requests: [
            { insertText: { location: { index: 10 }, text: 'appliqué ?' } },
            // The body's last newline cannot be deleted.
            { deleteContentRange: { range: { startIndex: 1, endIndex: 1000 } } },
          ],
        },
        id,
      ),
    ).toThrow(/^API call to docs\.documents\.batchUpdate failed with error: /);
    expect(env.documents.get(id).text()).toBe(before);
  });

  it('refuses a picture from a URI Google cannot fetch, and an empty batch', () => {
    const { id, docs } = setup();
    expect(() =>
      docs.batchUpdate(
        { requests: [{ insertInlineImage: { location: { index: 1 }, uri: 'https://exemple.fr/x.png' } }] },
        id,
      ),
    ).toThrow(/problem retrieving the image/);
    expect(() => docs.batchUpdate({ requests: [] }, id)).toThrow(/at least one request/);
  });

  it('refuses more than 500 requests in one batch (a cap reported in practice; Google documents none)', () => {
    const { env, id, docs } = setup();
    const before = env.documents.get(id).text();
    const insert = { insertText: { location: { index: 1 }, text: 'a' } };
    expect(() => docs.batchUpdate({ requests: Array.from({ length: 501 }, () => insert) }, id)).toThrow(
      /more than 500 requests/,
    );
    expect(env.documents.get(id).text()).toBe(before);
    docs.batchUpdate({ requests: Array.from({ length: 500 }, () => insert) }, id);
    expect(env.documents.get(id).paragraphs()[0]!.text).toBe(`${'a'.repeat(500)}Titre {x}`);
  });

  it('costs one docs-batch call, dearer with every request it carries', () => {
    const { env, id, docs } = setup();
    const window = env.calls();
    docs.batchUpdate({ requests: [{ insertText: { location: { index: 1 }, text: 'a' } }] }, id);
    const one = window.ms;
    const second = env.calls();
    docs.batchUpdate(
      {
        requests: Array.from({ length: 50 }, () => ({ insertText: { location: { index: 1 }, text: 'a' } })),
      },
      id,
    );
    expect(window.records.map((r) => r.kind)).toEqual(['docs-batch', 'docs-batch']);
    expect(second.ms).toBeGreaterThan(one);
  });
});
