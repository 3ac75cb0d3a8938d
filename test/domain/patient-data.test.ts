import * as fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as z from 'zod';
import { findPatientData } from '../../src/domain/patient-data';

const Corpus = z.object({
  cases: z.array(
    z.object({
      name: z.string(),
      text: z.string(),
      finding: z.enum(['identifier', 'birthDate']).nullable(),
    }),
  ),
});
const corpus = Corpus.parse(
  JSON.parse(readFileSync(join(__dirname, '../fixtures/patient-data/corpus.json'), 'utf8')),
).cases;

describe('patient data in free text (corpus test/fixtures/patient-data/corpus.json)', () => {
  it('holds both refusals and texts to let through', () => {
    expect(corpus.filter((c) => c.finding === 'identifier').length).toBeGreaterThanOrEqual(10);
    expect(corpus.filter((c) => c.finding === 'birthDate').length).toBeGreaterThanOrEqual(10);
    expect(corpus.filter((c) => c.finding === null).length).toBeGreaterThanOrEqual(10);
    expect(new Set(corpus.map((c) => c.name)).size).toBe(corpus.length);
  });

  it.each(corpus.filter((c) => c.finding !== null).map((c) => [c.name, c.text, c.finding] as const))(
    'refuses %s',
    (_name, text, finding) => {
      expect(findPatientData(text)).toBe(finding);
    },
  );

  it.each(corpus.filter((c) => c.finding === null).map((c) => [c.name, c.text] as const))(
    'lets %s through',
    (_name, text) => {
      expect(findPatientData(text)).toBeUndefined();
    },
  );
});

// Every way Unicode separates words in text pasted from Word, Outlook or a PDF.
const SPACES = [' ', '  ', '\u00A0', '\u202F', '\u2007', '\u2009', '\u2002', '\u3000', '\t', ''];
const GROUPS_13 = ['1', '85', '05', '78', '006', '084'];

describe('patient data, whatever the spacing', () => {
  it('finds a NIR however its groups are separated, with or without its key', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...SPACES, '.', '-'), { minLength: 6, maxLength: 6 }),
        fc.boolean(),
        fc.constantFrom('78', '2A', '2B', '2a'),
        (separators, withKey, department) => {
          const groups = [...GROUPS_13.slice(0, 3), department, ...GROUPS_13.slice(4)];
          if (withKey) groups.push('36');
          const nir = groups.map((g, i) => (i === 0 ? g : `${separators[i - 1] ?? ''}${g}`)).join('');
          expect(findPatientData(`Patient ${nir} à rappeler`)).toBe('identifier');
        },
      ),
    );
  });

  it('finds « né(e) le » with any space and either gender', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('né', 'née', 'Né', 'NÉE', 'né(e)', 'ne\u0301e'),
        fc.constantFrom(...SPACES.filter((s) => s !== '')),
        fc.constantFrom('03/04/1962', '3.4.1962', '03-04-62', '3 avril 1962'),
        (born, space, date) => {
          expect(findPatientData(`Usager ${born}${space}le${space}${date}`)).toBe('birthDate');
        },
      ),
    );
  });

  it('lets phone numbers through whatever their spacing', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...SPACES, '.', '-'),
        fc.constantFrom('0', '+33 ', '+33'),
        fc.integer({ min: 1, max: 9 }),
        (space, prefix, first) => {
          const phone = `${prefix}${first}${['23', '45', '67', '89'].map((g) => `${space}${g}`).join('')}`;
          expect(findPatientData(`Appeler le ${phone}`)).toBeUndefined();
        },
      ),
    );
  });
});
