import fs from 'node:fs';
import path from 'node:path';
import { parseEstablishmentsCsv, TO_CONFIRM } from '../../src/schema/establishments';
import { REPO_ROOT } from '../../src/node/project-files';
import { defaultProject } from '../support/project';

const csv = fs.readFileSync(path.join(REPO_ROOT, 'sheets-template/pilot-establishments.csv'), 'utf8');
const header = csv.split('\n')[0] ?? '';

describe('sheets-template/pilot-establishments.csv', () => {
  const establishments = parseEstablishmentsCsv(csv);

  it('lists the 16 pilots of the deck, 13 of them in Île-de-France', () => {
    expect(establishments).toHaveLength(16);
    const project = defaultProject();
    const region = (code: string) => project.departments.find((d) => d.code === code)?.region;
    expect(establishments.filter((e) => region(e.department) === 'Île-de-France')).toHaveLength(13);
  });

  it('matches the départements of the deck’s « Parcours retenus » table as a multiset', () => {
    const deck = [
      '95',
      '91',
      '93',
      '91',
      '94',
      '93',
      '75',
      '75',
      '94',
      '75',
      '60',
      '64',
      '83',
      '75',
      '93',
      '78',
    ].sort();
    expect(establishments.map((e) => e.department).sort()).toEqual(deck);
  });

  it('marks the two Essonne pathways « à confirmer » instead of guessing which is which', () => {
    const essonne = establishments.filter((e) => e.department === '91');
    expect(essonne).toHaveLength(2);
    for (const e of essonne) {
      expect(e.useCases[0]?.pathway).toBe(TO_CONFIRM);
      expect(e.note).toMatch(/Oncologie/);
    }
  });

  it('gives the nine AP-HP sites one common pathway', () => {
    const aphp = establishments.filter((e) => e.group === 'AP-HP');
    expect(aphp).toHaveLength(9);
    expect(new Set(aphp.map((e) => e.useCases[0]?.pathway)).size).toBe(1);
  });

  it('never invents a use case the deck does not give', () => {
    for (const e of establishments) for (const u of e.useCases) expect(u.useCase).toBe(TO_CONFIRM);
  });

  it('names the line and the column of a bad value', () => {
    const bad = `${header}\nGH Cochin,uc1,GH COCHIN,75,,AP-HP,FHF,public,P,U,confirmé,,\n`;
    expect(() => parseEstablishmentsCsv(bad)).toThrow(
      /ligne 2, establishment_id : identifiant en minuscules et tirets attendu/,
    );
  });

  it('refuses two lines of one establishment that disagree on its identity', () => {
    const bad = `${header}\ngh-a,uc1,GH A,75,,,,public,P,U,confirmé,,\ngh-a,uc2,GH B,75,,,,public,P,U,confirmé,,\n`;
    expect(() => parseEstablishmentsCsv(bad)).toThrow(
      /ligne 3, establishment : « GH B » diffère de « GH A »/,
    );
  });

  it('refuses a file with no establishment', () => {
    expect(() => parseEstablishmentsCsv(`${header}\n`)).toThrow(/aucun établissement/);
  });
});
