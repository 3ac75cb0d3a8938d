// The config's `regions` block (national view): optional, and when present each region is described once and each
// ARS address belongs to one region only.
import { parseConfig } from '../../src/schema/config';
import { accompanimentSettings } from '../../src/schema/accompaniment';
import { DataFileError } from '../../src/schema/zod-issues';
import { defaultProject } from '../support/project';

const withRegions = (regions: unknown, ars: string[] = ['ars.idf@example.fr']) => ({
  ...JSON.parse(JSON.stringify(defaultProject().config)),
  roles: { ars, ans: [] },
  regions,
});

describe('config regions', () => {
  it('accepts a config without regions, and one listing other regions', () => {
    expect(parseConfig({ ...withRegions(undefined) }).regions).toBeUndefined();
    const config = parseConfig(
      withRegions([{ id: 'hdf', name: 'Hauts-de-France', ars: ['ars.hdf@example.fr'] }]),
    );
    expect(config.regions?.map((r) => r.id)).toEqual(['hdf']);
  });

  it('refuses an ARS address in two regions, a region listed twice or the pilot’s own, and a bad id', () => {
    const problems = (regions: unknown) => {
      try {
        parseConfig(withRegions(regions));
        return '';
      } catch (error) {
        if (!(error instanceof DataFileError)) throw error;
        return error.message;
      }
    };
    expect(problems([{ id: 'hdf', name: 'Hauts-de-France', ars: ['ars.idf@example.fr'] }])).toContain(
      "ars.idf@example.fr est déjà l'ARS d'une autre région",
    );
    expect(
      problems([
        { id: 'hdf', name: 'Hauts-de-France', ars: [] },
        { id: 'hdf', name: 'Hauts-de-France', ars: [] },
      ]),
    ).toContain('région déjà décrite');
    expect(problems([{ id: 'idf', name: 'Île-de-France', ars: [] }])).toContain('région déjà décrite');
    expect(problems([{ id: 'Hauts de France', name: 'Hauts-de-France', ars: [] }])).toContain(
      'identifiant court attendu',
    );
  });
  it('a region may have its own binômes file and calendar; its dates stay within the pilot', () => {
    const config = parseConfig(
      withRegions([
        {
          id: 'hdf',
          name: 'Hauts-de-France',
          ars: ['ars.hdf@example.fr'],
          binomes: 'binomes-hdf.json',
          accompaniment: { committees: ['2022-07-12'], pointCadenceDays: 7 },
        },
      ]),
    );
    expect(accompanimentSettings(config, 'hdf')).toMatchObject({
      committees: ['2022-07-12'],
      pointCadenceDays: 7,
      digestTo: ['ars.hdf@example.fr'],
    });
    // The pilot's region (and a listed region without its own block) follows the instance's settings.
    expect(accompanimentSettings(config).committees).toEqual(accompanimentSettings(config, 'idf').committees);
    expect(accompanimentSettings(config).committees).not.toContain('2022-07-12');
    expect(() =>
      parseConfig(
        withRegions([
          { id: 'hdf', name: 'Hauts-de-France', ars: [], accompaniment: { committees: ['2030-01-01'] } },
        ]),
      ),
    ).toThrow(/regions\[0\]\.accompaniment\.committees\[0\].*doit être entre/s);
  });
});
