import { buildSeasonBundle, paris, Season, ADMIN } from '../test/apps-script/season';
const season = new Season(buildSeasonBundle());
season.useCaseAnswer = () => 'à confirmer';
season.play({});
season.at(paris('2022-10-03', 10));
season.run('buildRetexVF', ADMIN);
for (const [id, batches] of season.env.docsApi.batches) {
  const kinds: Record<string, number> = {}; let n = 0;
  for (const b of batches) for (const r of b) { n++; const k = Object.keys(r)[0]!; kinds[k] = (kinds[k] ?? 0) + 1; }
  console.log(season.env.drive.get(id).name, n, JSON.stringify(kinds));
}
