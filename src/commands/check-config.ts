// `suivi-mes check-config`: validates the configuration and every data file it names, and says what it found, with
// a warning for what is valid but probably not what an administrator wants (a role without any e-mail).
import { readBinomesFile } from '../local/accompaniment-data';
import type { Project } from '../schema/project';
import type { CommandContext } from './options';

/** Warnings, in French, about a valid configuration. */
export function configWarnings(project: Project): string[] {
  const { ars, ans } = project.config.roles;
  const warnings: string[] = [];
  if (ars.length === 0)
    warnings.push(
      "roles.ars est vide : sur Google, le classeur n'est partagé avec aucun binôme ARS / SESAN (seul son propriétaire peut écrire dans les colonnes ARS) ; en local, un lien « ARS / SESAN » unique est créé.",
    );
  if (ans.length === 0)
    warnings.push(
      "roles.ans est vide : sur Google, le classeur n'est partagé avec personne à l'ANS (seul son propriétaire peut écrire dans la colonne Remarques) ; en local, un lien « ANS » unique est créé. Ajoutez les adresses réelles seulement pour le vrai pilote (exemple : examples/suivi.config.pilote-idf-2022.json).",
    );
  return warnings;
}

export function checkConfig({ project, options }: CommandContext): void {
  const rows = project.establishments.reduce((n, e) => n + e.useCases.length, 0);
  // The binômes file is not part of the project every runtime loads: checked here so a typo shows before a start.
  const binomes = readBinomesFile(project, options.config);
  const warnings = configWarnings(project);
  if (options.json) {
    process.stdout.write(
      `${JSON.stringify({ ok: true, config: options.config, columns: project.tracking.columns.length, establishments: project.establishments.length, rows, warnings })}\n`,
    );
    return;
  }
  process.stdout.write(
    `Configuration valide : ${options.config}\n` +
      `  ${project.tracking.columns.length} colonnes dans le fichier de suivi\n` +
      `  ${project.establishments.length} établissements, ${rows} lignes de suivi (établissement × cas d'usage)\n` +
      `  expérimentation du ${project.config.calendar.start} au ${project.config.calendar.end}\n` +
      (binomes
        ? `  ${binomes.binomes.length} binômes ARS / SESAN, ${Object.keys(binomes.assignments).length} établissements attribués\n`
        : '') +
      warnings.map((w) => `Attention : ${w}\n`).join(''),
  );
}
