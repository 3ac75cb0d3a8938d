// RETEX in Google Docs for the 16 pilots, on the offline emulator running the real bundle: the modelled time of
// buildRetexV1 (after a season reported up to week 26) and of buildRetexVF (after the whole season), counted in
// executions of the continuation mechanism. Durations come from the emulator's latency model
// (src/apps-script/latency-model.ts: a Docs API batch 1.5 s + 5 ms per request, a chart rendering 1 s, a
// DocumentApp edit 150 ms, all assumptions `npm run smoke:google` measures on a real account). Budget (issue 12):
// each milestone in one execution of at most 180 s, the documents all written; the note says where the time goes.
import { buildSeasonBundle, paris, Season, ADMIN } from '../test/support/apps-script/season';
import type { BenchModule, BenchResult } from './types';

interface BuildFigures {
  runs: number[];
  documents: number;
  calls: number;
  /** Modelled time by latency class (where the time goes). */
  byClass: Record<string, number>;
  done: boolean;
}

function build(season: Season, entry: 'buildRetexV1' | 'buildRetexVF'): BuildFigures {
  const env = season.env;
  const window = env.calls();
  const before = env.drive.list('document').length;
  const runs: number[] = [];
  let start = env.runtime.now();
  season.run(entry, ADMIN);
  runs.push(env.runtime.now() - start);
  while (env.triggers.triggers.some((t) => t.handler === 'resumeRetex') && runs.length < 50) {
    env.runtime.advance(61_000);
    start = env.runtime.now();
    env.runDueClockTriggers();
    runs.push(env.runtime.now() - start);
  }
  return {
    runs,
    documents: env.drive.list('document').length - before,
    calls: window.io,
    byClass: window.records.reduce<Record<string, number>>((out, r) => {
      out[r.kind] = (out[r.kind] ?? 0) + r.ms;
      return out;
    }, {}),
    done: !env.triggers.triggers.some((t) => t.handler === 'resumeRetex'),
  };
}

/** Issue 12's budget: each milestone's documents in one execution of at most 3 minutes (modelled). */
const BUDGET_MS = 180_000;

function result(name: string, figures: BuildFigures): BenchResult[] {
  const total = figures.runs.reduce((a, b) => a + b, 0);
  return [
    {
      name: `Apps Script : ${name} pour les 16 pilotes (une exécution, durée modélisée)`,
      value: Math.round(total / 1000),
      unit: 's',
      budget: `une seule exécution ≤ ${BUDGET_MS / 1000} s`,
      ok: figures.done && figures.runs.length === 1 && total <= BUDGET_MS,
      note:
        `${figures.runs.length} exécution(s) (${figures.runs.map((r) => Math.round(r / 1000)).join(' + ')} s), ` +
        `${figures.documents} documents Google Docs, ${figures.calls} appels de service ; ` +
        Object.entries(figures.byClass)
          .sort((a, b) => b[1] - a[1])
          .slice(0, 6)
          .map(([k, ms]) => `${k} ${Math.round(ms / 1000)} s`)
          .join(', '),
    },
  ];
}

const bench: BenchModule = {
  title: 'Google Apps Script — RETEX Google Docs (émulateur hors ligne, bundle réel)',
  async run(): Promise<BenchResult[]> {
    const season = new Season(buildSeasonBundle());
    // The use cases stay « à confirmer », so the 9 AP-HP sites share one document, as with the bundled pilots.
    season.useCaseAnswer = () => 'à confirmer';
    let v1: BuildFigures | undefined;
    season.play({
      onMonday: (i) => {
        if (i !== 8) return;
        season.at(paris('2022-07-04', 10));
        v1 = build(season, 'buildRetexV1');
      },
    });
    season.at(paris('2022-10-03', 10));
    const vf = build(season, 'buildRetexVF');
    if (!v1) throw new Error('the V1 was not built');
    return [...result('RETEX V1', v1), ...result('RETEX VF', vf)];
  },
};

export default bench;
