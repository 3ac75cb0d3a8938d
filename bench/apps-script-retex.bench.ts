// RETEX in Google Docs for the 16 pilots, on the offline emulator running the real bundle: the modelled time of
// buildRetexV1 (after a season reported up to week 26) and of buildRetexVF (after the whole season), counted in
// executions of the continuation mechanism. Durations come from the emulator's latency model
// (src/apps-script/latency-model.ts: DocumentApp edits 150 ms and a chart rendering 1 s each, both assumptions
// `npm run smoke:google` measures on a real account). Budget: every execution under Google's 6 minutes, the
// documents all written, no continuation left behind.
import { buildSeasonBundle, paris, Season, ADMIN } from '../test/support/apps-script/season';
import type { BenchModule, BenchResult } from './types';

interface BuildFigures {
  runs: number[];
  documents: number;
  calls: number;
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
    done: !env.triggers.triggers.some((t) => t.handler === 'resumeRetex'),
  };
}

function result(name: string, figures: BuildFigures): BenchResult[] {
  const total = figures.runs.reduce((a, b) => a + b, 0);
  const longest = Math.max(...figures.runs);
  return [
    {
      name: `Apps Script : ${name} pour les 16 pilotes (durée modélisée totale)`,
      value: Math.round(total / 1000),
      unit: 's',
      budget: 'répartie en exécutions de moins de 6 min',
      ok: figures.done && longest < 360_000,
      note:
        `${figures.runs.length} exécution(s) (${figures.runs.map((r) => Math.round(r / 1000)).join(' + ')} s), ` +
        `${figures.documents} documents Google Docs, ${figures.calls} appels de service`,
    },
    {
      name: `Apps Script : ${name} pour les 16 pilotes (plus longue exécution modélisée)`,
      value: Math.round(longest / 1000),
      unit: 's',
      budget: '< 360 s (limite de Google), reprise par déclencheur',
      ok: longest < 360_000,
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
