import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseConfig } from '../../src/schema/config';
import { DataFileError } from '../../src/schema/zod-issues';
import { readProject, REPO_ROOT } from '../../src/node/project-files';
import { configWarnings } from '../../src/commands/check-config';

const raw = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'suivi.config.json'), 'utf8')) as Record<
  string,
  Record<string, unknown>
>;
const withPatch = (section: string, patch: Record<string, unknown>) => ({
  ...raw,
  [section]: { ...raw[section], ...patch },
});

function problemsOf(input: unknown): string[] {
  try {
    parseConfig(input);
  } catch (error) {
    if (error instanceof DataFileError) return error.problems.map((p) => `${p.path} : ${p.message}`);
    throw error;
  }
  return [];
}

describe('suivi.config.json', () => {
  it('reproduces the 2022 pilot calendar', () => {
    const config = parseConfig(raw);
    expect(config.calendar).toMatchObject({
      start: '2022-05-12',
      end: '2022-09-30',
      milestones: { V1: '2022-06-30', VF: '2022-09-30' },
    });
    // A test install shares nothing with a real mailbox: no role e-mail by default (check-config warns).
    expect(config.roles).toEqual({ ars: [], ans: [] });
    expect(configWarnings(readProject())).toEqual([
      expect.stringContaining('roles.ars est vide'),
      expect.stringContaining('roles.ans est vide'),
    ]);
  });

  it('keeps the 2022 role e-mails in a clearly named example, which loads with the same data files', () => {
    const example = readProject(path.join(REPO_ROOT, 'examples', 'suivi.config.pilote-idf-2022.json'));
    expect(example.config.roles.ans).toEqual(['ans-monespacesante@esante.gouv.fr']);
    expect(example.establishments).toHaveLength(readProject().establishments.length);
    expect(configWarnings(example)).toEqual([expect.stringContaining('roles.ars est vide')]);
  });

  it.each([
    [
      'a malformed date',
      withPatch('calendar', { start: '12/05/2022' }),
      'calendar.start : date au format AAAA-MM-JJ attendue, reçu « 12/05/2022 »',
    ],
    [
      'a date that does not exist',
      withPatch('calendar', { start: '2022-02-30' }),
      'calendar.start : date inexistante',
    ],
    [
      'an end before the start',
      withPatch('calendar', { end: '2022-04-01' }),
      'calendar.end : doit être après calendar.start (2022-05-12)',
    ],
    [
      'a milestone outside the pilot',
      withPatch('calendar', { milestones: { V1: '2022-12-01', VF: '2022-09-30' } }),
      'calendar.milestones.V1 : doit être entre 2022-05-12 et 2022-09-30',
    ],
    [
      'a bad e-mail',
      withPatch('roles', { ars: ['pas-une-adresse'] }),
      'roles.ars[0] : adresse e-mail attendue, reçu « pas-une-adresse »',
    ],
    [
      'another time zone',
      withPatch('calendar', { timeZone: 'Europe/London' }),
      'calendar.timeZone : seul le fuseau « Europe/Paris » est pris en charge, reçu « Europe/London »',
    ],
    [
      'a weekday out of range',
      withPatch('calendar', { weeklyDeadline: { weekday: 8, time: '18:00' } }),
      'calendar.weeklyDeadline.weekday : jour de la semaine attendu : 1 (lundi) à 7 (dimanche), reçu 8',
    ],
    [
      'a bad time',
      withPatch('reminders', { time: '25:00' }),
      'reminders.time : heure au format HH:MM attendue, reçu « 25:00 »',
    ],
    ['an unknown field', { ...raw, colour: 'blue' }, '(racine) : champ(s) inconnu(s) : colour'],
  ])('refuses %s, naming the field and what is expected', (_name, input, expected) => {
    expect(problemsOf(input)).toContain(expected);
  });

  it('names the file when it is not JSON', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'suivi-config-'));
    const file = path.join(dir, 'suivi.config.json');
    fs.writeFileSync(file, '{ "pilot": ');
    expect(() => readProject(file)).toThrow(
      new RegExp(
        `${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} n'est pas valide :\\n  - \\(fichier\\) : JSON invalide`,
      ),
    );
  });

  it('names a data file the config points to that does not exist', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'suivi-config-'));
    const file = path.join(dir, 'suivi.config.json');
    fs.writeFileSync(file, JSON.stringify(raw));
    expect(() => readProject(file)).toThrow(
      /sheets-template\/tracking-file.json n'est pas valide :\n {2}- \(fichier\) : fichier introuvable/,
    );
  });
});
