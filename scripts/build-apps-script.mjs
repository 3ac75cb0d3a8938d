#!/usr/bin/env node
// `npm run build`: bundles src/apps-script/main.ts into dist/apps-script/Code.js for Apps Script (one ES2020
// script, no modules) with a top-level function per export, copies appsscript.json next to it, and validates the
// bundled data files with the core's loadProject and the RETEX template descriptions — a bad data file fails the
// build with its French message.
// Options: --config <file> (default suivi.config.json), --out <dir> (default dist/apps-script), --region <id> (the
// script of one region of the config's `regions` block, or of the pilot's region: its establishments and its ARS).
import * as esbuild from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? path.resolve(args[i + 1]) : fallback;
};
const configFile = option('--config', path.join(root, 'suivi.config.json'));
const outDir = option('--out', path.join(root, 'dist', 'apps-script'));
const regionIndex = args.indexOf('--region');
const region = regionIndex >= 0 ? args[regionIndex + 1] : undefined;
if (regionIndex >= 0 && !region) {
  process.stderr.write('« --region » : identifiant de région attendu (ex. « hdf »).\n');
  process.exit(1);
}

/** The config file's `files` section (bad JSON or a missing file: a French message naming the file). */
function configFiles() {
  try {
    return JSON.parse(fs.readFileSync(configFile, 'utf8')).files ?? {};
  } catch (error) {
    throw new Error(`${configFile} : ${error.code === 'ENOENT' ? 'fichier introuvable' : error.message}`);
  }
}

/**
 * `import retex from 'suivi:retex-sources'`: every .json of the config's `files.retexTemplates` folder (the RETEX
 * template descriptions), by file name; src/apps-script/retex/retex-templates.ts tells them apart by their kind.
 */
function retexSources() {
  return {
    name: 'suivi-retex-sources',
    setup(build) {
      build.onResolve({ filter: /^suivi:retex-sources$/ }, () => ({
        path: configFile,
        namespace: 'suivi-retex',
      }));
      build.onLoad({ filter: /.*/, namespace: 'suivi-retex' }, () => {
        const folder = configFiles().retexTemplates;
        const dir = path.resolve(path.dirname(configFile), typeof folder === 'string' ? folder : '');
        if (typeof folder !== 'string' || !fs.existsSync(dir))
          throw new Error(`${dir} (files.retexTemplates de ${configFile}) : dossier introuvable`);
        const names = fs
          .readdirSync(dir)
          .filter((f) => f.endsWith('.json'))
          .sort();
        const imports = names
          .map((n, i) => `import r${i} from ${JSON.stringify(path.join(dir, n))};`)
          .join('\n');
        const entries = names.map((n, i) => `${JSON.stringify(n)}: r${i}`).join(', ');
        return { contents: `${imports}\nexport default { ${entries} };`, resolveDir: dir, loader: 'js' };
      });
    },
  };
}

/** `import sources from 'suivi:project-sources'`: the config and the data files it names, as JSON and text. */
function projectSources() {
  return {
    name: 'suivi-project-sources',
    setup(build) {
      build.onResolve({ filter: /^suivi:project-sources$/ }, () => ({
        path: configFile,
        namespace: 'suivi-sources',
      }));
      build.onLoad({ filter: /.*/, namespace: 'suivi-sources' }, () => {
        const dir = path.dirname(configFile);
        const files = configFiles();
        const source = (key) => {
          if (typeof files[key] !== 'string') return 'undefined';
          const file = path.resolve(dir, files[key]);
          if (!fs.existsSync(file))
            throw new Error(`${file} (files.${key} de ${configFile}) : fichier introuvable`);
          return JSON.stringify(file);
        };
        const keys = {
          tracking: 'trackingFile',
          departments: 'departments',
          establishmentsCsv: 'establishments',
          initialisationForm: 'initialisationForm',
          weeklyForm: 'weeklyForm',
        };
        const imports = Object.entries(keys)
          .map(([name, key]) =>
            source(key) === 'undefined'
              ? `const ${name} = undefined;`
              : `import ${name} from ${source(key)};`,
          )
          .join('\n');
        // With --region: the region's id, and the listed regions' own establishments files (CSV as text).
        let regional = '';
        let regionalImports = '';
        if (region) {
          const listed = (JSON.parse(fs.readFileSync(configFile, 'utf8')).regions ?? []).filter(
            (r) => typeof r.establishments === 'string',
          );
          const files = listed.map((r) => {
            const file = path.resolve(dir, r.establishments);
            if (!fs.existsSync(file))
              throw new Error(
                `${file} (regions « ${r.id} ».establishments de ${configFile}) : fichier introuvable`,
              );
            return { id: r.id, file };
          });
          regionalImports = files
            .map((f, i) => `import regional${i} from ${JSON.stringify(f.file)};`)
            .join('\n');
          regional = `, region: ${JSON.stringify(region)}, regionalEstablishments: [${files
            .map(
              (f, i) =>
                `{ regionId: ${JSON.stringify(f.id)}, file: ${JSON.stringify(f.file)}, csv: regional${i} }`,
            )
            .join(', ')}]`;
        }
        return {
          contents: `import config from ${JSON.stringify(configFile)};\n${imports}\n${regionalImports}\nexport default { config, ${Object.keys(keys).join(', ')}${regional} };`,
          resolveDir: dir,
          loader: 'js',
        };
      });
    },
  };
}

/**
 * `import binomes from 'suivi:binomes-source'`: the binômes file the config names (`files.binomes`), as JSON, or
 * undefined when it names none; validated against the registry by the check below and by the bundle.
 */
function binomesSource() {
  return {
    name: 'suivi-binomes-source',
    setup(build) {
      build.onResolve({ filter: /^suivi:binomes-source$/ }, () => ({
        path: configFile,
        namespace: 'suivi-binomes',
      }));
      build.onLoad({ filter: /.*/, namespace: 'suivi-binomes' }, () => {
        // With --region: the listed region's own binômes file (src/app/regional-project.ts picks the same one).
        const listed = region
          ? (JSON.parse(fs.readFileSync(configFile, 'utf8')).regions ?? []).find((r) => r.id === region)
          : undefined;
        const name = listed ? listed.binomes : configFiles().binomes;
        if (typeof name !== 'string') return { contents: 'export default undefined;', loader: 'js' };
        const file = path.resolve(path.dirname(configFile), name);
        if (!fs.existsSync(file))
          throw new Error(`${file} (files.binomes de ${configFile}) : fichier introuvable`);
        return {
          contents: `import b from ${JSON.stringify(file)};\nexport default b;`,
          resolveDir: root,
          loader: 'js',
        };
      });
    },
  };
}

/**
 * `import committee from 'suivi:committee-source'`: the committee pack's template description, comite-mensuel.json
 * of the config's `files.committeeTemplates` folder (default sheets-template/comite), or undefined when absent.
 */
function committeeSource() {
  return {
    name: 'suivi-committee-source',
    setup(build) {
      build.onResolve({ filter: /^suivi:committee-source$/ }, () => ({
        path: configFile,
        namespace: 'suivi-committee',
      }));
      build.onLoad({ filter: /.*/, namespace: 'suivi-committee' }, () => {
        const folder = configFiles().committeeTemplates;
        const dir =
          typeof folder === 'string'
            ? path.resolve(path.dirname(configFile), folder)
            : path.join(root, 'sheets-template', 'comite');
        const file = path.join(dir, 'comite-mensuel.json');
        if (!fs.existsSync(file)) return { contents: 'export default undefined;', loader: 'js' };
        return {
          contents: `import c from ${JSON.stringify(file)};\nexport default c;`,
          resolveDir: root,
          loader: 'js',
        };
      });
    },
  };
}

/**
 * Apps Script has no Node modules: papaparse's Node-stream streamer (never used here) requires "stream", which
 * becomes an empty module instead of a `require` the bundle could not run.
 */
function noNodeModules() {
  return {
    name: 'no-node-modules',
    setup(build) {
      build.onResolve({ filter: /^stream$/ }, () => ({ path: 'stream', namespace: 'empty' }));
      build.onLoad({ filter: /.*/, namespace: 'empty' }, () => ({
        contents: 'module.exports = {};',
        loader: 'js',
      }));
    },
  };
}

/**
 * Globals Apps Script does not have, which dependencies name in code this runtime never runs: papaparse's timer
 * (only when a `step` callback pauses parsing), workers, files and browser detection; zod's URL and base64 checks
 * (`z.url()`, `z.base64()`, unused here). Each reference is compiled to `undefined`: the same failure as in Apps
 * Script if it were ever reached, and a bundle that names no global Apps Script lacks (the guard test checks it).
 */
const ABSENT_GLOBALS = [
  'setTimeout',
  'URL',
  'atob',
  'btoa',
  'self',
  'window',
  'navigator',
  'Blob',
  'File',
  'FileReader',
  'FileReaderSync',
  'XMLHttpRequest',
  'define',
];

const common = {
  bundle: true,
  target: 'es2020',
  platform: 'neutral',
  mainFields: ['module', 'main'],
  write: false,
  legalComments: 'none',
  charset: 'utf8',
  minify: false,
  logLevel: 'silent',
  loader: { '.csv': 'text' },
  plugins: [projectSources(), retexSources(), binomesSource(), committeeSource(), noNodeModules()],
  define: Object.fromEntries(ABSENT_GLOBALS.map((name) => [name, 'undefined'])),
};

async function main() {
  // 1. The data files, validated as the bundle will load them.
  const check = await esbuild.build({
    ...common,
    stdin: {
      contents:
        "import sources from 'suivi:project-sources'; import retex from 'suivi:retex-sources'; " +
        "import { bundledEstablishmentIds, loadBundledProject } from './src/apps-script/bundled-project'; " +
        "import { retexTemplatesFromSources } from './src/apps-script/retex/retex-templates'; " +
        "import binomes from 'suivi:binomes-source'; import committee from 'suivi:committee-source'; " +
        "import { bundledAccompaniment } from './src/apps-script/accompaniment-tabs'; " +
        'const project = loadBundledProject(sources); retexTemplatesFromSources(retex, project); ' +
        'bundledAccompaniment(binomes, committee, project, bundledEstablishmentIds(sources, project));',
      resolveDir: root,
      loader: 'ts',
    },
    format: 'esm',
  });
  try {
    await import(`data:text/javascript;base64,${Buffer.from(check.outputFiles[0].text).toString('base64')}`);
  } catch (error) {
    process.stderr.write(`Construction du script Apps Script impossible :\n${error.message}\n`);
    process.exit(1);
  }

  // 2. The export names (an IIFE's metafile lists none), then the IIFE with a top-level stub per export.
  const entry = { ...common, entryPoints: [path.join(root, 'src/apps-script/main.ts')] };
  const esm = await esbuild.build({ ...entry, format: 'esm', outfile: 'main.mjs', metafile: true });
  const names = Object.values(esm.metafile.outputs)[0].exports;
  const iife = await esbuild.build({ ...entry, format: 'iife', globalName: '__app', outfile: 'Code.js' });
  const stubs = names.map((n) => `function ${n}(...args) {\n  return __app.${n}(...args);\n}`).join('\n');
  fs.mkdirSync(outDir, { recursive: true });
  fs.writeFileSync(
    path.join(outDir, 'Code.js'),
    `// Generated by scripts/build-apps-script.mjs from src/apps-script/main.ts — do not edit.\n${iife.outputFiles[0].text}\n${stubs}\n`,
  );
  fs.copyFileSync(path.join(root, 'appsscript.json'), path.join(outDir, 'appsscript.json'));
  process.stdout.write(
    `dist/apps-script/Code.js${region ? ` (région ${region})` : ''} : ${names.length} fonctions (${names.join(', ')})\n`,
  );
}

main().catch((error) => {
  process.stderr.write(`Construction du script Apps Script impossible :\n${error.message}\n`);
  process.exit(1);
});
