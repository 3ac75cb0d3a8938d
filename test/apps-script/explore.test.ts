import { createGasEnvironment } from '../support/gas/environment';
import { loadBundle } from '../support/gas/bundle';

it('explores install', () => {
  const env = createGasEnvironment({ now: '2022-05-12T10:00:00+02:00' });
  env.createContainer();
  const bundle = loadBundle(env);
  const w = env.calls();
  bundle.run('install', [], { ui: true });
  console.log(w.io, Math.round(w.ms / 1000), env.sheets.alerts, env.logs, env.triggers.triggers.map((t) => `${t.handler} ${t.event}`));
  console.log(env.drive.list('form').length, env.properties.script);
});
