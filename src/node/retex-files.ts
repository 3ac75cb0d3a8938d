// Reads the RETEX templates from the folder the config names (files.retexTemplates): the two descriptions
// (fiche-cas-usage.json, fiche-transverse.json) and the .docx templates generated from them or edited by the ARS.
import path from 'node:path';
import { readDataFile, readDataJson } from './project-files';
import type { Project } from '../schema/project';
import {
  parseRetexTemplateDescription,
  type RetexTemplates,
  type RetexDocumentKind,
} from '../domain/retex/template';

export const RETEX_TEMPLATE_FILES: Record<RetexDocumentKind, string> = {
  'use-case': 'fiche-cas-usage',
  'cross-cutting': 'fiche-transverse',
};

/** The two descriptions, validated against the project's tracking file. */
export function readRetexDescriptions(project: Project, dir: string): RetexTemplates {
  const load = (kind: RetexDocumentKind) => {
    const file = path.join(dir, `${RETEX_TEMPLATE_FILES[kind]}.json`);
    return parseRetexTemplateDescription(readDataJson(file), file, kind, project.tracking);
  };
  return { useCase: load('use-case'), crossCutting: load('cross-cutting') };
}

/** The .docx templates the documents are filled from, by description id. */
export function readRetexDocxTemplates(dir: string): Record<RetexDocumentKind, Buffer> {
  return {
    'use-case': readDataFile(path.join(dir, `${RETEX_TEMPLATE_FILES['use-case']}.docx`)),
    'cross-cutting': readDataFile(path.join(dir, `${RETEX_TEMPLATE_FILES['cross-cutting']}.docx`)),
  };
}
