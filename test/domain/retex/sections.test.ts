// The ARS sections of every RETEX document with the text in force: the same documents, sections and « to write »
// state as the document models the next generation builds.
import { retexFr } from '../../../src/domain/messages';
import { buildRetexDraft } from '../../../src/domain/retex/draft';
import { CROSS_CUTTING_KEY } from '../../../src/domain/retex/groups';
import { latestSectionText, type RetexSectionText } from '../../../src/domain/retex/document';
import { retexTextDocuments } from '../../../src/domain/retex/sections';
import { arsSections } from '../../../src/domain/retex/template';
import { readRetexDescriptions } from '../../../src/node/retex-files';
import { retexTemplatesDir } from '../../../src/node/project-files';
import { defaultProject, seededEstablishments } from '../../support/project';

const project = defaultProject();
const templates = readRetexDescriptions(project, retexTemplatesDir(project));
const establishments = seededEstablishments();
const PARC = 'cas-usage:sortie de cancerologie ou de soins palliatifs|';

const text = (documentKey: string, sectionId: string, value: string, at: string): RetexSectionText => ({
  documentKey,
  sectionId,
  text: value,
  author: `auteur ${at}`,
  at,
});

const TEXTS: RetexSectionText[] = [
  text(PARC, 'context', 'Premier contexte', '2022-06-01T10:00:00.000Z'),
  // Saved later but listed first: the latest `at` wins, not the order.
  text(PARC, 'levers', 'Leviers, version finale', '2022-06-03T10:00:00.000Z'),
  text(PARC, 'levers', 'Leviers, brouillon', '2022-06-02T10:00:00.000Z'),
  text(PARC, 'context', '  \n ', '2022-06-04T10:00:00.000Z'),
  text(CROSS_CUTTING_KEY, 'ins', 'INS : qualification à renforcer.', '2022-06-05T10:00:00.000Z'),
  text('cas-usage:disparu|', 'context', 'Texte d’un document qui n’existe plus', '2022-06-05T10:00:00.000Z'),
];

describe('retexTextDocuments', () => {
  const documents = retexTextDocuments(establishments, templates, TEXTS);
  const draft = buildRetexDraft({
    tracking: project.tracking,
    config: project.config,
    departments: project.departments,
    establishments,
    versions: [],
    changes: [],
    sectionTexts: TEXTS,
    templates,
    milestone: 'V1',
    now: new Date('2022-07-04T10:00:00+02:00'),
  });

  it('lists the documents a generation builds, in the same order, under the same keys and titles', () => {
    expect(documents.map((d) => [d.key, d.kind, d.title])).toEqual(
      draft.documents.map((d) => [d.key, d.kind, d.title]),
    );
    expect(documents).toHaveLength(10);
    expect(documents.at(-1)).toMatchObject({ key: CROSS_CUTTING_KEY, title: retexFr.crossCuttingTitle });
  });

  it('gives each document the ARS sections of its template, with their prompts', () => {
    for (const d of documents)
      expect(d.sections.map((s) => [s.id, s.title, s.prompt])).toEqual(
        arsSections(d.kind === 'use-case' ? templates.useCase : templates.crossCutting).map((s) => [
          s.id,
          s.title,
          s.prompt,
        ]),
      );
  });

  it('says a section is to write exactly when the next document shows its prompt', () => {
    for (const d of documents) {
      const model = draft.documents.find((m) => m.key === d.key)!;
      expect([d.key, d.sections.map((s) => s.toWrite)]).toEqual([
        d.key,
        model.sections.map((s) => s.text === ''),
      ]);
      expect(d.toWrite).toBe(d.sections.filter((s) => s.toWrite).length);
    }
  });

  it('shows the latest text saved, with who saved it and when; blanks leave the section to write', () => {
    const parc = documents.find((d) => d.key === PARC)!;
    expect(parc.establishments).toEqual(['CLINIQUE DU PARC']);
    expect(parc.sections.find((s) => s.id === 'levers')).toMatchObject({
      text: 'Leviers, version finale',
      saved: { author: 'auteur 2022-06-03T10:00:00.000Z', at: '2022-06-03T10:00:00.000Z' },
      toWrite: false,
    });
    expect(parc.sections.find((s) => s.id === 'context')).toMatchObject({ text: '  \n ', toWrite: true });
    expect(parc.sections.find((s) => s.id === 'actors')).toEqual(
      expect.objectContaining({ text: '', toWrite: true }),
    );
    expect(parc.sections.find((s) => s.id === 'actors')?.saved).toBeUndefined();
    expect(parc.toWrite).toBe(arsSections(templates.useCase).length - 1);
  });

  it('gives the cross-cutting document every establishment once (CESSRIN has two use cases)', () => {
    const cross = documents.at(-1)!;
    expect(cross.establishments).toHaveLength(16);
    expect(cross.sections.find((s) => s.id === 'ins')?.toWrite).toBe(false);
  });

  it('ignores texts of a document that no longer exists', () => {
    expect(documents.some((d) => d.key === 'cas-usage:disparu|')).toBe(false);
  });
});

describe('latestSectionText', () => {
  it.each([
    [PARC, 'levers', 'Leviers, version finale'],
    [PARC, 'context', '  \n '],
    [PARC, 'actors', undefined],
    [CROSS_CUTTING_KEY, 'levers', undefined],
  ])('for %s / %s reads %j', (key, section, expected) => {
    expect(latestSectionText(TEXTS, key, section)?.text).toBe(expected);
  });
});
