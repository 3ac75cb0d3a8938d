#!/usr/bin/env node
// `npm run smoke:google` — never in CI: what an administrator runs once after `npm run deploy`, to check on the real
// Google account the behaviours the offline emulator assumes (ranges, formulas, protections, locks, property
// limits, form destinations and their tabs, prefilled links, response timestamps, form copies, trigger count) and
// to measure a few call latencies against the model. It calls the bundle's `smokeGoogle` with `clasp run-function`, which
// needs the script deployed as an « API executable » linked to a Google Cloud project (see the README); without
// that, it says how to run the same check from the workbook's menu.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const say = (text) => process.stdout.write(`${text}\n`);

if (!fs.existsSync(path.join(root, '.clasp.json'))) {
  say(
    "Pas de fichier .clasp.json : copiez .clasp.json.example en .clasp.json et mettez-y l'identifiant du script (voir le README, « Google Workspace (Apps Script) »).",
  );
  process.exit(1);
}

// clasp's own entry run by this Node, not `npx clasp`: on Windows npx is npx.cmd, which spawn cannot start without
// a shell (and a shell would reinterpret the arguments).
const clasp = createRequire(import.meta.url).resolve('@google/clasp');
const run = spawnSync(process.execPath, [clasp, 'run-function', 'smokeGoogle'], {
  cwd: root,
  encoding: 'utf8',
});
if (run.status !== 0) {
  say("`clasp run-function smokeGoogle` n'a pas abouti :");
  say((run.stderr || run.stdout || '').trim());
  say('');
  say(
    'Faites la même vérification depuis le classeur : menu « Suivi MES › Vérifier le comportement de Google »,',
  );
  say(
    'puis lisez l’onglet « Vérification Google » (colonne « Conforme » : NON = Google diffère de l’émulateur).',
  );
  process.exit(1);
}

const text = run.stdout.trim();
let report;
try {
  report = JSON.parse(text.slice(text.indexOf('{')));
} catch {
  say(text);
  process.exit(0);
}
for (const c of report.checks) {
  const verdict = c.ok === null ? 'mesure' : c.ok ? 'conforme' : 'DIFFÉRENT';
  say(`${verdict.padEnd(10)} ${c.name} — attendu : ${c.expected} ; observé : ${c.observed}`);
}
say(
  `\n${report.passed} conforme(s), ${report.failed} différent(s). Le détail est aussi dans l'onglet « Vérification Google ».`,
);
process.exit(report.failed > 0 ? 1 : 0);
