// Apps Script budgets of the design (docs/fiabilite-securite.md, section 5), measured on the offline emulator running the real bundle: the service calls
// one weekly report costs at 100 and at 60,000 Historique rows, and the modelled duration of an install of 16 and
// of 500 establishments. Durations come from the emulator's latency model (src/apps-script/latency-model.ts,
// each figure with its source; most are assumptions that `npm run smoke:google` measures on a real account).
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { counterColumns } from '../src/domain/columns';
import { describeWeek } from '../src/domain/iso-week';
import { fromParis } from '../src/domain/paris-time';
import { readProject, REPO_ROOT } from '../src/node/project-files';
import { BUNDLE_FILE, loadBundle } from '../test/support/gas/bundle';
import { bundleWithEstablishments } from '../test/support/gas/build-bundle';
import { createGasEnvironment, type GasEnvironment } from '../test/support/gas/environment';
import type { BenchModule, BenchResult } from './types';

const at = (y: number, m: number, d: number, h: number) => fromParis(y, m, d, h).toISOString();

interface InstallFigures {
  env: GasEnvironment;
  runs: number;
  longestRunMs: number;
  firstRunMs: number;
}

function install(bundleFile: string): InstallFigures {
  const env = createGasEnvironment({ now: at(2022, 5, 12, 10) });
  env.createContainer('Suivi MES');
  const bundle = loadBundle(env, bundleFile);
  let start = env.runtime.now();
  bundle.run('install', [], { ui: true });
  const firstRunMs = env.runtime.now() - start;
  let longestRunMs = firstRunMs;
  let runs = 1;
  while (env.triggers.triggers.some((t) => t.handler === 'resumeInstall') && runs < 100) {
    env.runtime.advance(61_000);
    start = env.runtime.now();
    env.runDueClockTriggers();
    longestRunMs = Math.max(longestRunMs, env.runtime.now() - start);
    runs += 1;
  }
  return { env, runs, longestRunMs, firstRunMs };
}

/** The five costliest call names of the install, by modelled time (where the next seconds are to be won). */
function topCosts(env: GasEnvironment): string {
  const byName = new Map<string, number>();
  for (const r of env.runtime.calls) byName.set(r.name, (byName.get(r.name) ?? 0) + r.ms);
  return [...byName]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 5)
    .map(([name, ms]) => `${name} ${Math.round(ms / 1000)} s`)
    .join(', ');
}

/** Service calls of one on-time weekly report, with `history` rows already in Historique. */
function ingestionCalls(
  bundleFile: string,
  history: number,
): { io: number; summary: Record<string, number> } {
  const project = readProject();
  const { env } = install(bundleFile);
  env.runtime.setNow(at(2022, 6, 6, 9));
  env.runWeeklyTriggers();
  const sheet = env.container.sheet('Historique');
  if (!sheet) throw new Error('no Historique');
  const template = Array.from({ length: sheet.lastColumn() + 1 }, (_, j) => ({
    value: j === 0 ? 'GH COCHIN' : `valeur ${j}`,
  }));
  for (let r = 2; r < history + 2; r += 1) sheet.cells[r - 1] = [...template];
  if (sheet.maxRows < history + 2) sheet.maxRows = history + 2;
  const form = [...env.forms.byId.values()].find(
    (f) => f.title === `${project.forms.weekly.title} — GH COCHIN`,
  );
  if (!form) throw new Error('no form');
  const answers: Record<string, string> = {
    Semaine: describeWeek('2022-W23'),
    'Date actualisation du suivi': '2022-06-10',
  };
  for (const c of counterColumns(project.tracking)) answers[c.label] = '7';
  env.runtime.setNow(at(2022, 6, 10, 10));
  const window = env.calls();
  env.submitForm(form.id, answers);
  if (sheet.lastRow() !== history + 2) throw new Error('the report did not reach Historique');
  return { io: window.io, summary: window.summary() };
}

const bench: BenchModule = {
  title: 'Google Apps Script (émulateur hors ligne, bundle réel)',
  async run(): Promise<BenchResult[]> {
    const results: BenchResult[] = [];
    execFileSync(process.execPath, [path.join(REPO_ROOT, 'scripts', 'build-apps-script.mjs')]);
    const bundle = BUNDLE_FILE;
    const small = ingestionCalls(bundle, 100);
    const large = ingestionCalls(bundle, 60_000);
    const describe = (s: Record<string, number>) =>
      Object.entries(s)
        .map(([k, v]) => `${k}×${v}`)
        .join(', ');
    results.push({
      name: "Apps Script : appels de service pour ingérer une déclaration (100 lignes d'historique)",
      value: small.io,
      unit: 'appels',
      budget: '≤ 10',
      ok: small.io <= 10,
      note: describe(small.summary),
    });
    results.push({
      name: "Apps Script : appels de service pour ingérer une déclaration (60 000 lignes d'historique)",
      value: large.io,
      unit: 'appels',
      budget: '≤ 10, autant qu’à 100 lignes',
      ok: large.io <= 10 && large.io === small.io,
      note: describe(large.summary),
    });

    const sixteen = install(bundle);
    results.push({
      name: 'Apps Script : installation de 16 ES (durée modélisée)',
      value: Math.round(sixteen.firstRunMs / 1000),
      unit: 's',
      budget: '≤ 120 s, une exécution',
      ok: sixteen.runs === 1 && sixteen.firstRunMs <= 120_000,
      note: `${sixteen.runs} exécution(s), ${sixteen.env.drive.list('form').length} formulaires (dont 4 modèles) ; plus gros postes : ${topCosts(sixteen.env)}`,
    });

    const many = install(bundleWithEstablishments(500));
    const forms = many.env.drive.list('form');
    const names = new Set(forms.map((f) => f.name));
    results.push({
      name: 'Apps Script : installation de 500 ES (plus longue exécution modélisée)',
      value: Math.round(many.longestRunMs / 1000),
      unit: 's',
      budget: '< 300 s par exécution',
      ok: many.longestRunMs < 300_000,
      note: `${many.runs} exécutions reprises par déclencheur, ${forms.length} formulaires, ${forms.length - names.size} en double`,
    });
    results.push({
      name: 'Apps Script : installation de 500 ES (formulaires en double)',
      value: forms.length - names.size,
      unit: 'formulaires',
      budget: '0, installation complète',
      ok:
        forms.length === names.size &&
        forms.length >= 1000 &&
        !many.env.triggers.triggers.some((t) => t.handler === 'resumeInstall'),
      note: `${many.env.triggers.triggers.length} déclencheurs à la fin (limite Google : 20)`,
    });
    return results;
  },
};

export default bench;
