// The RETEX template Google Docs: written from the same descriptions as the .docx templates (the shared layout,
// src/domain/retex/layout.ts), with Google Docs headings (Titre, Titre 1, Titre 2…) so an ARS restyles every
// section at once, and kept in the pilot's Drive folder for the ARS to edit. Each run copies them. Their ids are
// in Script Properties (`retex.template.<id>`), unless the configuration names a template of its own
// (`google.retexTemplateIds`, by description id: `fiche-cas-usage`, `fiche-transverse`).
import { RetexTemplateError } from '../../domain/retex/fill';
import { retexLayout, type RetexParagraphStyle } from '../../domain/retex/layout';
import type { RetexTemplateDescription } from '../../domain/retex/template';
import type { TrackingFile } from '../../schema/tracking-file';
import type { GasAttributes, GasFile, GasFolder, GasParagraph, GasServices } from '../gas-api';
import type { Runtime } from '../runtime';
import { KEYS } from '../settings';
import { frAppsScript } from '../messages';
import { frGoogleShared } from '../../google/messages';

const GREY = '#555555';
const BORDER = '#8C8C8C';

/** What each layout style becomes in Google Docs: a heading, attributes, or nothing. */
function styleOf(
  services: GasServices,
  style: RetexParagraphStyle,
): { heading?: GoogleAppsScript.Document.ParagraphHeading; attributes?: GasAttributes } {
  const { ParagraphHeading: H, Attribute: A, HorizontalAlignment: HA } = services.DocumentApp;
  const attrs = (entries: Array<[GoogleAppsScript.Document.Attribute, unknown]>): GasAttributes =>
    Object.fromEntries(entries.map(([k, v]) => [String(k), v]));
  const note: Array<[GoogleAppsScript.Document.Attribute, unknown]> = [
    [A.ITALIC, true],
    [A.FOREGROUND_COLOR, GREY],
    [A.FONT_SIZE, 9],
  ];
  switch (style) {
    case 'title':
      return { heading: H.TITLE };
    case 'subtitle':
      return { heading: H.SUBTITLE };
    case 'heading1':
      return { heading: H.HEADING1 };
    case 'heading2':
      return { heading: H.HEADING2 };
    case 'emphasis':
    case 'quoteHeading':
      return { attributes: attrs([[A.BOLD, true]]) };
    case 'note':
      return { attributes: attrs(note) };
    case 'quote':
      return {
        attributes: attrs([
          [A.ITALIC, true],
          [A.INDENT_START, 22],
          [A.INDENT_FIRST_LINE, 22],
        ]),
      };
    case 'chart':
      return { attributes: attrs([[A.HORIZONTAL_ALIGNMENT, HA.CENTER]]) };
    case 'caption':
      return { attributes: attrs([...note, [A.HORIZONTAL_ALIGNMENT, HA.CENTER]]) };
    case 'spacer':
      return { attributes: attrs([[A.FONT_SIZE, 4]]) };
    case 'section':
    case 'plain':
      return {};
  }
}

/** Writes a new template document from a description, into `folder`; returns its file. */
export function createRetexTemplateDoc(
  services: GasServices,
  description: RetexTemplateDescription,
  tracking: TrackingFile,
  folder: GasFolder,
): GasFile {
  const { DocumentApp, DriveApp } = services;
  const doc = DocumentApp.create(frGoogleShared.retexTemplateName(description.title));
  const body = doc.getBody();
  const layout = retexLayout(description, tracking);
  const paragraphType = String(DocumentApp.ElementType.PARAGRAPH);
  // A new document starts with an empty paragraph, and Google may add one after a table: such a trailing empty
  // paragraph takes the next paragraph's text instead of staying as a blank line.
  let blank: GasParagraph | null = body.getChild(0).asParagraph();
  for (const element of layout.body) {
    if (element.type === 'paragraph') {
      const paragraph: GasParagraph = blank ?? body.appendParagraph(element.text);
      if (blank) blank.setText(element.text);
      blank = null;
      const { heading, attributes } = styleOf(services, element.style);
      if (heading !== undefined) paragraph.setHeading(heading);
      if (attributes) paragraph.setAttributes(attributes);
      continue;
    }
    const table = body.appendTable(element.rows);
    table.setAttributes({ [String(DocumentApp.Attribute.BORDER_COLOR)]: BORDER });
    if (element.header) table.getRow(0).editAsText().setBold(true);
    else for (let r = 0; r < element.rows.length; r += 1) table.getCell(r, 0).editAsText().setBold(true);
    const last = body.getChild(body.getNumChildren() - 1);
    blank =
      String(last.getType()) === paragraphType && last.asParagraph().getText() === ''
        ? last.asParagraph()
        : null;
  }
  const footer = doc.getFooter() ?? doc.addFooter();
  footer.getChild(0).asParagraph().setText(layout.footer);
  doc.saveAndClose();
  const file = DriveApp.getFileById(doc.getId());
  file.moveTo(folder);
  return file;
}

/**
 * The template file of a description: the one the configuration names, else the one recorded in Script
 * Properties (recreated when it was deleted), else a new one written from the description.
 */
export function retexTemplateFile(
  rt: Runtime,
  description: RetexTemplateDescription,
  folder: GasFolder,
): GasFile {
  const { DriveApp } = rt.services;
  const configured = rt.project.config.google?.retexTemplateIds?.[description.id];
  if (configured) {
    try {
      const file = DriveApp.getFileById(configured);
      if (!file.isTrashed()) return file;
    } catch {
      // Reported below, in French.
    }
    // The template the configuration names cannot be opened (deleted, in the trash, not shared with the script).
    throw new RetexTemplateError(
      [],
      description.id,
      frAppsScript.retexTemplateMissing(description.id, configured),
    );
  }
  const key = KEYS.retexTemplate(description.id);
  const known = rt.settings.get(key);
  if (known) {
    try {
      const file = DriveApp.getFileById(known);
      if (!file.isTrashed()) return file;
    } catch {
      // Deleted by hand: a new one is written below.
    }
  }
  const file = createRetexTemplateDoc(rt.services, description, rt.project.tracking, folder);
  rt.settings.set(key, file.getId());
  return file;
}
