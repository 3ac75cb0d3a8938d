// The accompaniment use cases on the in-memory stores (the contract), plus the derived views of the core.
import { MemoryAccompanimentStore } from '../../src/app/accompaniment-memory-store';
import { actionsCellText, isLate, nextPointDue, parseDayText } from '../../src/domain/accompaniment';
import { accompanimentSettings, parseBinomesFile } from '../../src/schema/accompaniment';
import { parseConfig } from '../../src/schema/config';
import { DataFileError } from '../../src/schema/zod-issues';
import { describeAccompanimentContract } from '../support/contract/accompaniment-contract';
import { appContext, defaultProject } from '../support/project';

describeAccompanimentContract('memory', () => ({
  ctx: { ...appContext('2022-06-14T18:00:00+02:00'), accompaniment: new MemoryAccompanimentStore() },
}));

describe('accompaniment rules', () => {
  it('refuses a binômes file naming an unknown binôme or establishment, in French', () => {
    const file = {
      binomes: [
        {
          id: 'b1',
          ars: { name: 'A', email: 'a@ars.example.fr' },
          sesan: { name: 'S', email: 'pas-une-adresse' },
        },
      ],
      assignments: { 'gh-cochin': 'b2', inconnu: 'b1' },
    };
    expect(() => parseBinomesFile(file, 'binomes.json', ['gh-cochin'])).toThrow(
      /binomes\[0\]\.sesan\.email : adresse e-mail attendue/,
    );
    const ok = {
      ...file,
      binomes: [{ ...file.binomes[0], sesan: { name: 'S', email: 's@sesan.example.fr' } }],
    };
    expect(() => parseBinomesFile(ok, 'binomes.json', ['gh-cochin'])).toThrow(
      /assignments\.gh-cochin : binôme inconnu « b2 »[\s\S]*assignments\.inconnu : établissement inconnu/,
    );
  });

  it('reads dates as typed in French or ISO and refuses impossible ones', () => {
    expect(parseDayText('14/06/2022')).toBe('2022-06-14');
    expect(parseDayText('2022-06-14')).toBe('2022-06-14');
    expect(parseDayText('31/06/2022')).toBeUndefined();
  });

  it('gives the next point from the last one, the cadence, or the launch', () => {
    const settings = { pointCadenceDays: 14 };
    expect(nextPointDue(undefined, settings, '2022-05-12')).toBe('2022-05-26');
    const point = {
      id: 'p',
      establishmentId: 'e',
      date: '2022-06-14',
      participants: '',
      summary: 's',
      decisions: '',
      nextDate: null,
      at: '',
      author: '',
    };
    expect(nextPointDue(point, settings, '2022-05-12')).toBe('2022-06-28');
    expect(nextPointDue({ ...point, nextDate: '2022-06-21' }, settings, '2022-05-12')).toBe('2022-06-21');
  });

  it('calls an open action late the day after its due date, never a closed one', () => {
    const a = {
      id: 'a',
      establishmentId: 'e',
      pointId: 'p',
      text: 't',
      owner: 'es' as const,
      dueDate: '2022-06-21',
      status: 'open' as const,
      history: [{ status: 'open' as const, at: '', author: '', role: 'ars' as const, comment: '' }],
      version: 1,
    };
    expect(isLate(a, '2022-06-21')).toBe(false);
    expect(isLate(a, '2022-06-22')).toBe(true);
    expect(isLate({ ...a, status: 'done' }, '2022-07-01')).toBe(false);
    expect(actionsCellText([{ ...a, status: 'done' }])).toBe('');
  });

  it('takes the cadence, committees and plenaries from the configuration, with French errors', () => {
    const config = defaultProject().config;
    const settings = accompanimentSettings(config);
    expect(settings.pointCadenceDays).toBe(14);
    expect(settings.committees).toContain('2022-06-23');
    expect(settings.plenaries.map((p) => p.date)).toEqual(['2022-06-30', '2022-09-30']);
    const bad = JSON.parse(JSON.stringify(config)) as Record<string, unknown>;
    bad.accompaniment = { pointCadenceDays: 0, committees: ['2023-01-12', '2022-13-01'] };
    let error: unknown;
    try {
      parseConfig(bad);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DataFileError);
    const text = (error as Error).message;
    expect(text).toMatch(/accompaniment\.pointCadenceDays.*au moins 1 jour/);
    expect(text).toMatch(/accompaniment\.committees\[1\] : date inexistante/);
    bad.accompaniment = { committees: ['2023-01-12'] };
    expect(() => parseConfig(bad)).toThrow(
      /accompaniment\.committees\[0\] : doit être entre 2022-05-12 et 2022-09-30/,
    );
  });
});
