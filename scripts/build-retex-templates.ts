// Generates the default RETEX .docx templates from their descriptions (sheets-template/retex/*.json), the single
// source of their content. `--check` writes nothing and fails when a committed template is not what its
// description gives (run it after editing a description or the tracking file's counters).
//   npx tsx scripts/build-retex-templates.ts [--check] [--config suivi.config.json]
import fs from 'node:fs';
import path from 'node:path';
import { readProject, DEFAULT_CONFIG, retexTemplatesDir } from '../src/node/project-files';
import { readRetexDescriptions, RETEX_TEMPLATE_FILES } from '../src/node/retex-files';
import { retexTemplateDocx } from '../src/local/retex/retex-template-docx';

function main(argv: string[]): number {
  const check = argv.includes('--check');
  const i = argv.indexOf('--config');
  const config = i >= 0 && argv[i + 1] ? (argv[i + 1] as string) : DEFAULT_CONFIG;
  const project = readProject(config);
  const dir = retexTemplatesDir(project, config);
  const descriptions = readRetexDescriptions(project, dir);
  let stale = 0;
  for (const description of [descriptions.useCase, descriptions.crossCutting]) {
    const file = path.join(dir, `${RETEX_TEMPLATE_FILES[description.kind]}.docx`);
    const docx = retexTemplateDocx(description, project.tracking);
    const same = fs.existsSync(file) && fs.readFileSync(file).equals(docx);
    if (check) {
      if (!same) {
        stale += 1;
        process.stderr.write(`${file} ne correspond pas à ${description.id}.json : relancez sans --check.\n`);
      }
      continue;
    }
    if (!same) fs.writeFileSync(file, docx);
    process.stdout.write(`${same ? 'inchangé' : 'écrit'} : ${file}\n`);
  }
  return stale > 0 ? 1 : 0;
}

process.exitCode = main(process.argv.slice(2));
