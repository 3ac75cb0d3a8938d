// Keeping the ARS's text per RETEX section: saved for a known document and section, refused otherwise.
import { buildRetex, saveRetexSectionText, RETEX_SECTION_MAX_LENGTH } from '../../src/app/build-retex';
import { MemoryRetexStore } from '../../src/app/retex-memory-store';
import { CROSS_CUTTING_KEY } from '../../src/domain/retex/groups';
import { readRetexDescriptions } from '../../src/node/retex-files';
import { retexTemplatesDir } from '../../src/node/project-files';
import { appContext, defaultProject } from '../support/project';

const project = defaultProject();
const templates = readRetexDescriptions(project, retexTemplatesDir(project));
const APHP =
  'cas-usage:confirmation de rendez vous si faisable techniquement pec en maternite ou dans le cadre de la gestion de pre admission|';

describe('saveRetexSectionText', () => {
  const save = (documentKey: string, sectionId: string, text: string) => {
    const ctx = appContext();
    const retex = new MemoryRetexStore();
    const outcome = saveRetexSectionText(ctx, retex, templates, {
      documentKey,
      sectionId,
      text,
      author: 'binome@ars.fr',
    });
    return { outcome, retex, ctx };
  };

  it('keeps a text for a section of a use-case sheet and of the cross-cutting sheet, with author and time', () => {
    const { outcome, retex } = save(APHP, 'levers', 'Un référent par site.');
    expect(outcome.status).toBe('saved');
    expect(retex.listSectionTexts()).toEqual([
      {
        documentKey: APHP,
        sectionId: 'levers',
        text: 'Un référent par site.',
        author: 'binome@ars.fr',
        at: '2022-06-10T08:00:00.000Z',
      },
    ]);
    expect(save(CROSS_CUTTING_KEY, 'ins', 'x').outcome.status).toBe('saved');
  });

  it.each([
    ['an unknown document', 'cas-usage:inconnu|', 'levers', 'texte', 'documentKey', 'UNKNOWN_FIELD'],
    ['a section of the other sheet', APHP, 'ins', 'texte', 'sectionId', 'UNKNOWN_FIELD'],
    ['a text too long', APHP, 'levers', 'x'.repeat(RETEX_SECTION_MAX_LENGTH + 1), 'text', 'TEXT_TOO_LONG'],
    [
      'what looks like a NIR',
      APHP,
      'levers',
      'Patient 1850578006048 vu en HDJ',
      'text',
      'PATIENT_IDENTIFIER',
    ],
    [
      'a character no document may carry (U+FFFF)',
      APHP,
      'levers',
      'Bilan\uFFFF positif',
      'text',
      'CONTROL_CHARACTERS',
    ],
    ['a lone surrogate', APHP, 'levers', 'Bilan \uD83D positif', 'text', 'CONTROL_CHARACTERS'],
  ])('refuses %s and stores nothing', (_, key, section, text, field, code) => {
    const { outcome, retex } = save(key, section, text);
    expect(outcome).toMatchObject({ status: 'refused', errors: [{ field, code }] });
    expect(retex.listSectionTexts()).toEqual([]);
  });
});

describe('buildRetex', () => {
  it('records the issue and tells the Journal only when a new version is issued', () => {
    const ctx = appContext();
    const retex = new MemoryRetexStore();
    const first = buildRetex(ctx, retex, { milestone: 'V1', templates, author: 'binome@ars.fr' });
    const again = buildRetex(ctx, retex, { milestone: 'V1', templates, author: 'binome@ars.fr' });
    expect([first.status, again.status]).toEqual(['new', 'unchanged']);
    expect(retex.listIssues()).toHaveLength(1);
    expect(ctx.store.listJournal().filter((j) => j.kind === 'retex')).toEqual([
      expect.objectContaining({
        actor: 'binome@ars.fr',
        role: 'ars',
        target: 'V1',
        summary: 'RETEX V1 émis : 10 document(s).',
      }),
    ]);
  });
});
