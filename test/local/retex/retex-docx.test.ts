// Filling a .docx template: an ARS-restyled template still fills, typos in placeholders are reported, a broken
// template is refused with a French explanation, and the chart becomes a picture or a sentence.
import * as fc from 'fast-check';
import PizZip from 'pizzip';
import { hasUnsafeCharacters, safeText } from '../../../src/domain/safe-text';
import { anyText } from '../../support/unsafe-text';
import { buildRetexDraft } from '../../../src/domain/retex/draft';
import type { RetexDocumentModel } from '../../../src/domain/retex/document';
import { retexFr } from '../../../src/domain/messages';
import { retexChartPng } from '../../../src/node/retex-chart';
import { renderRetexDocx } from '../../../src/local/retex/retex-docx';
import { readRetexDescriptions } from '../../../src/node/retex-files';
import { retexTemplateDocx } from '../../../src/local/retex/retex-template-docx';
import { retexTemplatesDir } from '../../../src/node/project-files';
import { appContext, defaultProject } from '../../support/project';
import { readDocx } from '../../support/retex-docx-reader';
import { runRetexSeason } from '../../support/retex-season';
import { RetexTemplateError } from '../../../src/domain/retex/fill';

const project = defaultProject();
const templates = readRetexDescriptions(project, retexTemplatesDir(project));
const template = retexTemplateDocx(templates.useCase, project.tracking);

function season(lastWeek = '2022-W22'): RetexDocumentModel {
  const ctx = appContext('2022-05-09T09:00:00+02:00');
  runRetexSeason(ctx, { lastWeek });
  return buildRetexDraft({
    tracking: project.tracking,
    config: project.config,
    departments: project.departments,
    establishments: ctx.store.listEstablishments(),
    versions: ctx.store.listReportVersions(),
    changes: ctx.store.listCellChanges(),
    sectionTexts: [],
    templates,
    milestone: 'V1',
    now: ctx.clock.now(),
  }).documents[0]!;
}

/** The template with its document.xml edited as Word would after an ARS's changes. */
function edited(edit: (xml: string) => string): Buffer {
  const zip = new PizZip(template);
  zip.file('word/document.xml', edit(zip.file('word/document.xml')!.asText()));
  return zip.generate({ type: 'nodebuffer' });
}

const model = season();

describe('renderRetexDocx', () => {
  it('still fills a placeholder an ARS restyled half-way (split into two runs, one bold)', () => {
    const restyled = edited((xml) =>
      xml.replace(
        '<w:r><w:t xml:space="preserve">{section_context}</w:t></w:r>',
        '<w:r><w:t xml:space="preserve">{section_</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">context}</w:t></w:r>',
      ),
    );
    expect(restyled.equals(template)).toBe(false);
    const content = readDocx(renderRetexDocx(restyled, 'fiche-cas-usage.docx', model, undefined).buffer);
    expect(content.paragraphs).toContain(model.values.section_context);
  });

  it('reports a placeholder the model does not know and leaves it empty', () => {
    const typo = edited((xml) => xml.replace('{section_context}', '{section_contexte}'));
    const rendered = renderRetexDocx(typo, 'fiche-cas-usage.docx', model, undefined);
    expect(rendered.unknownPlaceholders).toEqual(['section_contexte']);
    expect(readDocx(rendered.buffer).text).not.toContain('section_contexte');
  });

  it('refuses a template whose loop lost its end, in French, naming the template and the tag', () => {
    const broken = edited((xml) => xml.replace('{/quotes_actions}', ''));
    expect(() => renderRetexDocx(broken, 'fiche-cas-usage.docx', model, undefined)).toThrow(
      RetexTemplateError,
    );
    expect(() => renderRetexDocx(broken, 'fiche-cas-usage.docx', model, undefined)).toThrow(
      /^Le modèle RETEX fiche-cas-usage\.docx ne peut pas être rempli : .*quotes_actions/,
    );
  });

  it('refuses a file that is not a .docx', () => {
    expect(() => renderRetexDocx(Buffer.from('pas un zip'), 'x.docx', model, undefined)).toThrow(
      /Le modèle RETEX x\.docx ne peut pas être rempli : fichier \.docx illisible/,
    );
  });

  it('draws the chart as a PNG picture at {@chart}, related and typed in the package', () => {
    const png = retexChartPng(model.chart)!;
    const out = renderRetexDocx(template, 'fiche-cas-usage.docx', model, png).buffer;
    const zip = new PizZip(out);
    expect(zip.file('word/media/retex-chart.png')!.asNodeBuffer().equals(png)).toBe(true);
    expect(zip.file('word/_rels/document.xml.rels')!.asText()).toContain('Target="media/retex-chart.png"');
    expect(zip.file('[Content_Types].xml')!.asText()).toContain('Extension="png"');
    expect(zip.file('word/document.xml')!.asText()).toMatch(/<a:blip r:embed="rIdRetexChart"/);
  });

  it('writes a sentence instead of the chart when no week has data yet', () => {
    const empty = { ...model, chart: { weeks: [], series: [] } };
    expect(retexChartPng(empty.chart)).toBeUndefined();
    const content = readDocx(renderRetexDocx(template, 'fiche-cas-usage.docx', empty, undefined).buffer);
    expect(content.paragraphs).toContain(retexFr.noChart);
    expect(content.media).toEqual([]);
  });
});

describe('renderRetexDocx with any text in the data', () => {
  it('writes every text with « � » for what XML cannot carry: the document stays well-formed', () => {
    fc.assert(
      fc.property(anyText, anyText, (title, vigilance) => {
        const values = { ...model.values, use_case_title: title, data_basis: vigilance };
        const rendered = renderRetexDocx(template, 'fiche-cas-usage.docx', { ...model, values }, undefined);
        const xml = new PizZip(rendered.buffer).file('word/document.xml')?.asText() ?? '';
        expect(hasUnsafeCharacters(xml)).toBe(false);
        expect(readDocx(rendered.buffer).text).toContain(
          safeText(title).replace(/\r\n?/g, '\n').split('\n')[0],
        );
      }),
      { numRuns: 40 },
    );
  });
});
