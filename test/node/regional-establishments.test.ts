// A region listed in the config may have its own establishments file: its rows join the project under that
// region (whatever their département), and an id already used elsewhere is refused, naming the file.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { establishmentFromSeed } from '../../src/domain/model';
import { regionIdOfEstablishment } from '../../src/domain/region-scope';
import { DEFAULT_CONFIG, readProject, REPO_ROOT } from '../../src/node/project-files';

const HEADER =
  'establishment_id,use_case_id,establishment,department,region,group,federation,es_type,pathway,use_case,pathway_status,finess,note';

describe('regional establishments files', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'suivi-mes-regions-config-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  function configWith(csv: string): string {
    const config = JSON.parse(fs.readFileSync(DEFAULT_CONFIG, 'utf8')) as {
      files: Record<string, string>;
      regions?: unknown;
    };
    for (const [k, v] of Object.entries(config.files)) config.files[k] = path.resolve(REPO_ROOT, v);
    config.regions = [
      { id: 'bre', name: 'Bretagne', ars: ['ars.bretagne@example.fr'], establishments: 'bre.csv' },
    ];
    fs.writeFileSync(path.join(dir, 'bre.csv'), `${HEADER}\n${csv}\n`);
    const file = path.join(dir, 'suivi.config.json');
    fs.writeFileSync(file, JSON.stringify(config));
    return file;
  }

  it('adds the region’s establishments under that region', () => {
    const project = readProject(
      configWith('chu-rennes,uc1,CHU DE RENNES,35,,,FHF,public,Cardiologie,Téléconsultation,confirmé,,'),
    );
    const seed = project.establishments.find((e) => e.id === 'chu-rennes');
    expect(seed?.region).toBe('Bretagne');
    expect(project.establishments.length).toBe(17);
    if (!seed) throw new Error('no seed');
    const record = establishmentFromSeed(seed, project.departments, project.config, project.tracking);
    expect(regionIdOfEstablishment(record, project.config)).toBe('bre');
    const cochin = project.establishments.find((e) => e.id === 'gh-cochin');
    if (!cochin) throw new Error('no gh-cochin');
    expect(
      regionIdOfEstablishment(
        establishmentFromSeed(cochin, project.departments, project.config, project.tracking),
        project.config,
      ),
    ).toBe('idf');
  });

  it('refuses an id another file already uses, naming the file', () => {
    expect(() =>
      readProject(configWith('gh-cochin,uc1,AUTRE,35,,,FHF,public,Cardiologie,Téléconsultation,confirmé,,')),
    ).toThrow(/bre\.csv[\s\S]*gh-cochin[\s\S]*identifiant déjà utilisé/);
  });
});
