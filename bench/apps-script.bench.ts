// Apps Script budgets of the design (docs/fiabilite-securite.md, section 5), measured on the offline emulator
// running the real bundle: the service calls one weekly report costs, on time and late, at 100 and at 60,000
// Historique rows, and the modelled duration of an install of 16 and of 500 establishments. Durations come from the
// emulator's latency model (src/apps-script/latency-model.ts, each figure with its source; most are assumptions that
// `npm run smoke:google` measures on a real account).
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fromParis } from '../src/domain/paris-time';
import { REPO_ROOT } from '../src/node/project-files';
import { BUNDLE_FILE, loadBundle } from '../test/support/gas/bundle';
import { bundleWithEstablishments } from '../test/support/gas/build-bundle';
import { createGasEnvironment, type GasEnvironment } from '../test/support/gas/environment';
import { deliverReport, describeCalls } from '../test/support/gas/ingestion-scenario';
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

const bench: BenchModule = {
  title: 'Google Apps Script (émulateur hors ligne, bundle réel)',
  async run(): Promise<BenchResult[]> {
    const results: BenchResult[] = [];
    execFileSync(process.execPath, [path.join(REPO_ROOT, 'scripts', 'build-apps-script.mjs')]);
    const bundle = BUNDLE_FILE;
    // The design's budget (docs/fiabilite-securite.md, section 5): one report costs at most 6 service calls on time and 10 late (a past week, whose
    // values the establishment's weekly form shows and checks), the same at 100 and at 60,000 Historique rows.
    for (const [kind, label, ceiling] of [
      ['on-time', "à l'heure", 6],
      ['late', 'en retard', 10],
    ] as const) {
      const small = deliverReport(100, kind, bundle);
      const large = deliverReport(60_000, kind, bundle);
      for (const [rows, run] of [
        ['100', small],
        ['60 000', large],
      ] as const) {
        const stored = run.rowsAfter === run.rowsBefore + 1;
        results.push({
          name: `Apps Script : ingestion ${label} (${rows} lignes d'historique)`,
          value: run.window.io,
          unit: 'appels',
          budget: rows === '100' ? `≤ ${ceiling}` : `≤ ${ceiling}, autant qu’à 100 lignes`,
          ok: stored && run.window.io <= ceiling && large.window.io === small.window.io,
          note: `${stored ? '' : 'DÉCLARATION NON ENREGISTRÉE ; '}${describeCalls(run.window)}`,
        });
      }
    }

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
