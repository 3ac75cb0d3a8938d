// Reads the RETEX templates from the folder the config names (files.retexTemplates): the two descriptions
// (fiche-cas-usage.json, fiche-transverse.json) and the .docx templates generated from them or edited by the ARS.
import fs from 'node:fs';
import path from 'node:path';
import { DataFileError } from '../schema/zod-issues';
import type { Project } from '../schema/project';
import {
  parseRetexTemplateDescription,
  type RetexTemplates,
  type RetexDocumentKind,
} from '../domain/retex-template';

export const RETEX_TEMPLATE_FILES: Record<RetexDocumentKind, string> = {
  'use-case': 'fiche-cas-usage',
  'cross-cutting': 'fiche-transverse',
};

function read(file: string): Buffer {
  try {
    return fs.readFileSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new DataFileError(file, [
      {
        path: '(fichier)',
        message: code === 'ENOENT' ? 'fichier introuvable' : `lecture impossible (${code ?? String(error)})`,
      },
    ]);
  }
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(read(file).toString('utf8')) as unknown;
  } catch (error) {
    if (error instanceof DataFileError) throw error;
    throw new DataFileError(file, [
      { path: '(fichier)', message: `JSON invalide : ${(error as Error).message}` },
    ]);
  }
}

/** The two descriptions, validated against the project's tracking file. */
export function readRetexDescriptions(project: Project, dir: string): RetexTemplates {
  const load = (kind: RetexDocumentKind) => {
    const file = path.join(dir, `${RETEX_TEMPLATE_FILES[kind]}.json`);
    return parseRetexTemplateDescription(readJson(file), file, kind, project.tracking);
  };
  return { useCase: load('use-case'), crossCutting: load('cross-cutting') };
}

/** The .docx templates the documents are filled from, by description id. */
export function readRetexDocxTemplates(dir: string): Record<RetexDocumentKind, Buffer> {
  return {
    'use-case': read(path.join(dir, `${RETEX_TEMPLATE_FILES['use-case']}.docx`)),
    'cross-cutting': read(path.join(dir, `${RETEX_TEMPLATE_FILES['cross-cutting']}.docx`)),
  };
}
