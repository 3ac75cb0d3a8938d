import { fromParis } from './src/domain/paris-time';
import { BUNDLE_FILE, loadBundle } from './test/support/gas/bundle';
import { createGasEnvironment } from './test/support/gas/environment';
const env = createGasEnvironment({ now: fromParis(2022, 5, 12, 10).toISOString() });
env.createContainer('Suivi MES');
const bundle = loadBundle(env, BUNDLE_FILE);
bundle.run('install', [], { ui: true });
for (const ss of env.sheets.byId.values()) {
  let total = 0;
  for (const s of ss.sheets) total += s.maxRows * s.maxColumns;
  console.log(ss.name, ss.sheets.length, total);
  for (const s of ss.sheets.slice(0, 40)) console.log('  ', s.name, s.maxRows, s.maxColumns, s.lastColumn(), s.lastRow());
}
