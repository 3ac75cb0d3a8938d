// Generates the committee pack's .docx template from its description (sheets-template/comite/comite-mensuel.json),
// with the RETEX templates' writer. `--check` writes nothing and fails when the committed template drifted.
//   npx tsx scripts/build-committee-template.ts [--check] [--config suivi.config.json]
import fs from 'node:fs';
import path from 'node:path';
import { readProject, DEFAULT_CONFIG } from '../src/node/project-files';
import { committeeTemplatesDir, readCommitteeDescription } from '../src/local/committee-archive';
import { retexTemplateDocx } from '../src/local/retex/retex-template-docx';

function main(argv: string[]): number {
  const check = argv.includes('--check');
  const i = argv.indexOf('--config');
  const config = i >= 0 && argv[i + 1] ? (argv[i + 1] as string) : DEFAULT_CONFIG;
  const project = readProject(config);
  const dir = committeeTemplatesDir(project, config);
  const description = readCommitteeDescription(project, dir);
  const file = path.join(dir, `${description.id}.docx`);
  const docx = retexTemplateDocx(description, project.tracking);
  const same = fs.existsSync(file) && fs.readFileSync(file).equals(docx);
  if (check) {
    if (!same)
      process.stderr.write(`${file} ne correspond pas à ${description.id}.json : relancez sans --check.\n`);
    return same ? 0 : 1;
  }
  if (!same) fs.writeFileSync(file, docx);
  process.stdout.write(`${same ? 'inchangé' : 'écrit'} : ${file}\n`);
  return 0;
}

process.exitCode = main(process.argv.slice(2));
