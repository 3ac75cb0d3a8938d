// scripts/build-apps-script.mjs: the data files are validated when the bundle is built, so a bad one never reaches
// Google; another configuration builds another bundle.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from '../../src/node/project-files';

const BUILD = path.join(REPO_ROOT, 'scripts', 'build-apps-script.mjs');

function tempConfig(edit: (config: Record<string, unknown>, dir: string) => void): {
  dir: string;
  config: string;
} {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'suivi-build-'));
  const config = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'suivi.config.json'), 'utf8')) as Record<
    string,
    unknown
  >;
  const files = config.files as Record<string, string>;
  for (const key of Object.keys(files)) files[key] = path.join(REPO_ROOT, files[key] as string);
  edit(config, dir);
  const file = path.join(dir, 'suivi.config.json');
  fs.writeFileSync(file, JSON.stringify(config));
  return { dir, config: file };
}

it('fails the build with the data file’s French message when a data file is invalid', () => {
  const { dir, config } = tempConfig((c, d) => {
    const tracking = JSON.parse(
      fs.readFileSync(path.join(REPO_ROOT, 'sheets-template', 'tracking-file.json'), 'utf8'),
    );
    tracking.columns[0].owner = 'dsi';
    fs.writeFileSync(path.join(d, 'tracking.json'), JSON.stringify(tracking));
    (c.files as Record<string, string>).trackingFile = path.join(d, 'tracking.json');
  });
  const result = spawnSync(process.execPath, [BUILD, '--config', config, '--out', path.join(dir, 'out')], {
    encoding: 'utf8',
  });
  expect(result.status).toBe(1);
  expect(result.stderr).toContain("tracking.json n'est pas valide");
  expect(result.stderr).toContain('columns[0].owner');
  expect(fs.existsSync(path.join(dir, 'out', 'Code.js'))).toBe(false);
});

it('bundles the data files another configuration names', () => {
  const { dir, config } = tempConfig((c) => {
    (c.pilot as Record<string, string>).name = 'Pilote de démonstration';
  });
  execFileSync(process.execPath, [BUILD, '--config', config, '--out', path.join(dir, 'out')]);
  const code = fs.readFileSync(path.join(dir, 'out', 'Code.js'), 'utf8');
  expect(code).toContain('Pilote de démonstration');
  expect(fs.existsSync(path.join(dir, 'out', 'appsscript.json'))).toBe(true);
});

it('fails the build with the French message of a RETEX template description that is invalid', () => {
  const { dir, config } = tempConfig((c, d) => {
    const retex = path.join(d, 'retex');
    fs.mkdirSync(retex);
    for (const name of ['fiche-cas-usage.json', 'fiche-transverse.json'])
      fs.copyFileSync(path.join(REPO_ROOT, 'sheets-template', 'retex', name), path.join(retex, name));
    const useCase = JSON.parse(fs.readFileSync(path.join(retex, 'fiche-cas-usage.json'), 'utf8'));
    useCase.blocks.push({ type: 'quotes', column: 'visits', empty: '—' });
    fs.writeFileSync(path.join(retex, 'fiche-cas-usage.json'), JSON.stringify(useCase));
    (c.files as Record<string, string>).retexTemplates = retex;
  });
  const result = spawnSync(process.execPath, [BUILD, '--config', config, '--out', path.join(dir, 'out')], {
    encoding: 'utf8',
  });
  expect(result.status).toBe(1);
  expect(result.stderr).toContain("fiche-cas-usage.json n'est pas valide");
  expect(result.stderr).toContain('colonne de texte libre du fichier de suivi attendue');
  expect(fs.existsSync(path.join(dir, 'out', 'Code.js'))).toBe(false);
});

it('fails the build with the French message of a binômes file naming an unknown establishment', () => {
  const { dir, config } = tempConfig((c, d) => {
    const binomes = JSON.parse(
      fs.readFileSync(path.join(REPO_ROOT, 'sheets-template', 'binomes.json'), 'utf8'),
    ) as { assignments: Record<string, string> };
    binomes.assignments['ch-inconnu'] = 'binome-1';
    fs.writeFileSync(path.join(d, 'binomes.json'), JSON.stringify(binomes));
    (c.files as Record<string, string>).binomes = path.join(d, 'binomes.json');
  });
  const result = spawnSync(process.execPath, [BUILD, '--config', config, '--out', path.join(dir, 'out')], {
    encoding: 'utf8',
  });
  expect(result.status).toBe(1);
  expect(result.stderr).toContain('assignments.ch-inconnu : établissement inconnu');
  expect(fs.existsSync(path.join(dir, 'out', 'Code.js'))).toBe(false);
});
