// The RETEX template Google Docs: written from the same descriptions as the .docx templates (the shared layout,
// src/domain/retex/layout.ts), with Google Docs headings (Titre, Titre 1, Titre 2…) so an ARS restyles every
// section at once, and kept in the pilot's Drive folder for the ARS to edit. Each run copies them. Their ids are
// in Script Properties (`retex.template.<id>`), unless the configuration names a template of its own
// (`google.retexTemplateIds`, by description id: `fiche-cas-usage`, `fiche-transverse`).
import { RetexTemplateError } from '../../domain/retex/fill';
import { retexLayout } from '../../domain/retex/layout';
import type { RetexTemplateDescription } from '../../domain/retex/template';
import type { TrackingFile } from '../../schema/tracking-file';
import { retexTemplateRequests } from '../../google/retex-template-requests';
import { FILL_BATCH } from '../../google/retex-doc-fill';
import type { GasFile, GasFolder, GasServices } from '../gas-api';
import type { Runtime } from '../runtime';
import { KEYS } from '../settings';
import { frAppsScript } from '../messages';
import { frGoogleShared } from '../../google/messages';
import { DocsServiceMissing } from './retex-docs';

/**
 * Writes a new template document from a description, into `folder`; returns its file. The body goes in one
 * Docs API batch (src/google/retex-template-requests.ts) instead of a DocumentApp call per paragraph, style and
 * cell; the footer, which the Docs API can only fill in a second batch (createFooter returns its id), is written
 * by DocumentApp before the document is saved for the batch to read.
 */
export function createRetexTemplateDoc(
  services: GasServices,
  description: RetexTemplateDescription,
  tracking: TrackingFile,
  folder: GasFolder,
): GasFile {
  const docs = services.Docs?.Documents;
  if (!docs) throw new DocsServiceMissing();
  const { DocumentApp, DriveApp } = services;
  const layout = retexLayout(description, tracking);
  const doc = DocumentApp.create(frGoogleShared.retexTemplateName(description.title));
  const id = doc.getId();
  doc.addFooter().getChild(0).asParagraph().setText(layout.footer);
  // What DocumentApp wrote reaches Google only when saved: the batch below works on Google's copy. The handle is
  // closed from here on (« Class Document », saveAndClose,
  // https://developers.google.com/apps-script/reference/document/document#saveandclose): its id is kept before.
  doc.saveAndClose();
  const requests = retexTemplateRequests(layout.body);
  // Split as every Docs batch of the project is split (FILL_BATCH, docs/google-assumptions.md R4): a template is
  // one batch.
  const file = DriveApp.getFileById(id);
  try {
    for (let i = 0; i < requests.length; i += FILL_BATCH)
      docs.batchUpdate({ requests: requests.slice(i, i + FILL_BATCH) }, id);
  } catch (error) {
    // A batch Google refused leaves an empty document, recorded nowhere: to the trash, not left in Drive.
    file.setTrashed(true);
    throw error;
  }
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
