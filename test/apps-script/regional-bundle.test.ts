// « One script project per region » on the real bundle: `npm run build -- --region ID` builds a script whose
// install draws that region's workbook only — its establishments (its own establishments file included), its ARS
// as editors, its name in the title — from a configuration listing several regions.
import fs from 'node:fs';
import path from 'node:path';
import { loadBundle } from '../support/gas/bundle';
import { buildBundle, type EditableConfig } from '../support/gas/build-bundle';
import { createGasEnvironment } from '../support/gas/environment';
import { defaultProject } from '../support/project';
import { ADMIN, ANS, ARS, DOMAIN, paris } from '../support/apps-script/season';

jest.setTimeout(180_000);

const HDF_ARS = 'ars@ars-hdf.fr';
/** gh-paul-doumer (Oise) is the only pilot establishment of Hauts-de-France. */
const HDF_ES = 'gh-paul-doumer';
const keyIndex = defaultProject().tracking.columns.length + 1;

function installWith(bundleFile: string) {
  const env = createGasEnvironment({
    now: paris('2022-05-12', 10),
    owner: ADMIN,
    workspaceDomain: DOMAIN,
    mailQuota: 1500,
  });
  env.createContainer('Suivi MES');
  const bundle = loadBundle(env, bundleFile);
  bundle.run('onOpen', [], { ui: true, as: ADMIN });
  bundle.run('install', [], { ui: true, as: ADMIN });
  const suivi = env.container.sheet('Suivi');
  if (!suivi) throw new Error('no Suivi');
  const keys = Array.from({ length: suivi.lastRow() - 2 }, (_, i) =>
    String(suivi.cell(i + 3, keyIndex)?.value ?? ''),
  );
  return { env, keys };
}

describe('npm run build -- --region ID', () => {
  const edit = (config: EditableConfig, dir: string) => {
    config.roles = { ars: [ARS], ans: [ANS] };
    // A region with its own establishments file: its rows are this region's.
    const own = path.join(dir, 'bretagne.csv');
    const header = fs.readFileSync(config.files.establishments ?? '', 'utf8').split(/\r?\n/)[0];
    const doumer = fs
      .readFileSync(config.files.establishments ?? '', 'utf8')
      .split(/\r?\n/)
      .find((l) => l.includes(HDF_ES));
    fs.writeFileSync(
      own,
      `${header}\n${(doumer ?? '').replace(HDF_ES, 'chu-rennes-demo').replace(/PAUL DOUMER/gi, 'RENNES DEMO')}\n`,
    );
    config.regions = [
      { id: 'hdf', name: 'Hauts-de-France', ars: [HDF_ARS] },
      { id: 'bre', name: 'Bretagne', ars: ['ars@ars-bretagne.fr'], establishments: own },
    ];
  };

  it('the Hauts-de-France script installs its establishment only, with its ARS as editor', () => {
    const { env, keys } = installWith(buildBundle(edit, ['--region', 'hdf']));
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.every((k) => k.startsWith(`${HDF_ES}/`))).toBe(true);
    expect([...env.container.editors]).toContain(HDF_ARS);
    expect([...env.container.editors]).not.toContain(ARS);
  });

  it('the pilot region’s script leaves the listed regions’ establishments out; Bretagne’s has its own file', () => {
    const idf = installWith(buildBundle(edit, ['--region', 'idf']));
    expect(idf.keys.some((k) => k.startsWith(`${HDF_ES}/`))).toBe(false);
    expect(idf.keys.some((k) => k.startsWith('chu-rennes-demo/'))).toBe(false);
    expect([...idf.env.container.editors]).toContain(ARS);
    const bre = installWith(buildBundle(edit, ['--region', 'bre']));
    expect(bre.keys.length).toBeGreaterThan(0);
    expect(bre.keys.every((k) => k.startsWith('chu-rennes-demo/'))).toBe(true);
  });

  it('refuses a region the configuration does not list, in French, and writes no script', () => {
    expect(() => buildBundle(edit, ['--region', 'zzz'])).toThrow(
      /région inconnue de cette configuration « zzz »/,
    );
  });
});
