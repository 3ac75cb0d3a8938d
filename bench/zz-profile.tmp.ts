import { buildSeasonBundle, paris, Season, ADMIN } from '../test/apps-script/season';
function profile(season: Season, entry: string) {
  const env = season.env;
  const w = env.calls();
  season.run(entry as 'buildRetexV1', ADMIN);
  while (env.triggers.triggers.some((t) => t.handler === 'resumeRetex')) { env.runtime.advance(61_000); env.runDueClockTriggers(); }
  const byClass: Record<string, [number, number]> = {};
  const byName: Record<string, [number, number]> = {};
  for (const r of w.records) {
    const c = (byClass[r.kind] ??= [0, 0]); c[0]++; c[1] += r.ms;
    const n = (byName[r.name] ??= [0, 0]); n[0]++; n[1] += r.ms;
  }
  console.log(entry, 'total ms', w.ms);
  console.log(Object.entries(byClass).sort((a, b) => b[1][1] - a[1][1]).map(([k, v]) => `${k}: ${v[0]} calls ${Math.round(v[1]/1000)} s`).join('\n'));
  console.log(Object.entries(byName).sort((a, b) => b[1][1] - a[1][1]).slice(0, 25).map(([k, v]) => `  ${k}: ${v[0]} calls ${Math.round(v[1]/1000)} s`).join('\n'));
}
const season = new Season(buildSeasonBundle());
season.useCaseAnswer = () => 'à confirmer';
season.play({ onMonday: (i) => { if (i !== 8) return; season.at(paris('2022-07-04', 10)); profile(season, 'buildRetexV1'); } });
season.at(paris('2022-10-03', 10));
profile(season, 'buildRetexVF');
