// The RETEX template descriptions bundled with the script (every .json of the config's files.retexTemplates
// folder, by file name), validated against the tracking file as the Node runtimes validate them: exactly one
// description per kind. Checked when the bundle is built, so a bad file never reaches Google. Pure.
import {
  parseRetexTemplateDescription,
  RetexDocumentKind,
  type RetexTemplateDescription,
  type RetexTemplates,
} from '../../domain/retex/template';
import type { Project } from '../../schema/project';
import { DataFileError } from '../../schema/zod-issues';

export function retexTemplatesFromSources(
  files: Readonly<Record<string, unknown>>,
  project: Pick<Project, 'tracking' | 'config'>,
): RetexTemplates {
  const dir = project.config.files.retexTemplates;
  const found = new Map<RetexDocumentKind, RetexTemplateDescription>();
  for (const [name, raw] of Object.entries(files)) {
    const file = `${dir}/${name}`;
    const declared = RetexDocumentKind.safeParse((raw as { kind?: unknown } | null)?.kind);
    // A description without a valid kind is parsed as a use-case one, so zod names the field.
    const description = parseRetexTemplateDescription(
      raw,
      file,
      declared.success ? declared.data : 'use-case',
      project.tracking,
    );
    if (found.has(description.kind))
      throw new DataFileError(file, [
        { path: 'kind', message: `une seule description « ${description.kind} » attendue dans ${dir}` },
      ]);
    found.set(description.kind, description);
  }
  const useCase = found.get('use-case');
  const crossCutting = found.get('cross-cutting');
  if (!useCase || !crossCutting)
    throw new DataFileError(dir, [
      {
        path: '(dossier)',
        message:
          'une description « use-case » et une « cross-cutting » attendues (fiche-cas-usage.json, fiche-transverse.json)',
      },
    ]);
  return { useCase, crossCutting };
}
