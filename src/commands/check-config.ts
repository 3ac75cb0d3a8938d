// `suivi-mes check-config`: validates the configuration and every data file it names, and says what it found.
import { readBinomesFile } from '../local/accompaniment-data';
import type { CommandContext } from './options';

export function checkConfig({ project, options }: CommandContext): void {
  const rows = project.establishments.reduce((n, e) => n + e.useCases.length, 0);
  // The binômes file is not part of the project every runtime loads: checked here so a typo shows before a start.
  const binomes = readBinomesFile(project, options.config);
  if (options.json) {
    process.stdout.write(
      `${JSON.stringify({ ok: true, config: options.config, columns: project.tracking.columns.length, establishments: project.establishments.length, rows })}\n`,
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
        : ''),
  );
}
