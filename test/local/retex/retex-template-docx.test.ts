// The default RETEX templates: generated from their descriptions only, committed as generated, well-formed.
import fs from 'node:fs';
import path from 'node:path';
import PizZip from 'pizzip';
import { readRetexDescriptions, RETEX_TEMPLATE_FILES } from '../../../src/node/retex-files';
import { retexTemplateDocx } from '../../../src/local/retex/retex-template-docx';
import { retexTemplatesDir } from '../../../src/node/project-files';
import { parseRetexTemplateDescription } from '../../../src/domain/retex/template';
import { defaultProject } from '../../support/project';
import { readDocx } from '../../support/retex-docx-reader';

const project = defaultProject();
const dir = retexTemplatesDir(project);
const descriptions = readRetexDescriptions(project, dir);

describe('retexTemplateDocx', () => {
  it.each([descriptions.useCase, descriptions.crossCutting])(
    'the committed $id.docx is what its description gives (run scripts/build-retex-templates.ts after an edit)',
    (description) => {
      const committed = fs.readFileSync(path.join(dir, `${RETEX_TEMPLATE_FILES[description.kind]}.docx`));
      expect(committed.equals(retexTemplateDocx(description, project.tracking))).toBe(true);
    },
  );

  it('gives the counters table one column per cumulative counter of the tracking file, labels as placeholders', () => {
    const content = readDocx(retexTemplateDocx(descriptions.useCase, project.tracking));
    const perEs = content.tables.find((t) => t[0]?.[1] === 'Dernière semaine déclarée');
    expect(perEs?.[0]?.slice(2)).toEqual([
      '{label_messages_sent}',
      '{label_messages_received}',
      '{label_dmp_fed}',
      '{label_dmp_consulted}',
      '{label_patients_included}',
      '{label_visits}',
    ]);
    expect(perEs?.[1]?.[0]).toBe('{#es}{establishment}');
    expect(perEs?.[1]?.at(-1)).toBe('{visits}{/es}');
  });

  it('uses Word’s built-in heading styles so an ARS restyles all sections at once', () => {
    const xml = new PizZip(retexTemplateDocx(descriptions.useCase, project.tracking))
      .file('word/document.xml')!
      .asText();
    expect(xml).toContain('<w:pStyle w:val="Heading1"/>');
    expect(xml).toContain('<w:pStyle w:val="Title"/>');
    const styles = new PizZip(retexTemplateDocx(descriptions.useCase, project.tracking))
      .file('word/styles.xml')!
      .asText();
    expect(styles).toContain('w:styleId="Heading1"><w:name w:val="heading 1"/>');
  });
});

describe('parseRetexTemplateDescription', () => {
  const raw = JSON.parse(fs.readFileSync(path.join(dir, 'fiche-cas-usage.json'), 'utf8')) as {
    blocks: unknown[];
    kind: string;
  };

  it('refuses a description of the wrong kind, quoting a column that is not free text, or a duplicate section', () => {
    const bad = {
      ...raw,
      kind: 'cross-cutting',
      blocks: [
        ...raw.blocks,
        { type: 'quotes', column: 'dmp_fed', empty: '' },
        { type: 'arsSection', id: 'context', title: 'Encore', prompt: 'x' },
      ],
    };
    expect(() => parseRetexTemplateDescription(bad, 'fiche.json', 'use-case', project.tracking)).toThrow(
      /fiche\.json[\s\S]*kind[\s\S]*« use-case » attendu[\s\S]*quotes « dmp_fed »[\s\S]*arsSection « context »/,
    );
  });

  it('refuses an unknown block type, naming the file', () => {
    expect(() =>
      parseRetexTemplateDescription(
        { ...raw, blocks: [{ type: 'video' }] },
        'fiche.json',
        'use-case',
        project.tracking,
      ),
    ).toThrow(/fiche\.json/);
  });
});
