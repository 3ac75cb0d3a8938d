import { planReminders, refusalMail } from '../../src/domain/reminder-plan';
import { completenessGrid } from '../../src/domain/completeness';
import { pilotCalendar } from '../../src/domain/calendar';
import { rowRefs } from '../../src/domain/workbook/workbook';
import { defaultProject, seededEstablishments } from '../support/project';

const project = defaultProject();
const config = { ...project.config, roles: { ars: ['ars@ars.sante.fr', 'sesan@sesan.fr'], ans: [] } };
const establishments = seededEstablishments().map((e, i) =>
  i < 3
    ? {
        ...e,
        values: {
          ...e.values,
          es_contact: [
            { last_name: 'X', first_name: 'Y', email: `ref${i}@es.fr`, role: 'R', phone: '01 23 45 67 89' },
          ],
        },
      }
    : e,
);
const grid = completenessGrid(
  pilotCalendar(config),
  rowRefs(establishments),
  new Map(),
  new Date('2022-05-16T09:00:00+02:00'),
);

describe('planReminders', () => {
  it('reminds late establishments that have a referent, and sends the ARS a digest first', () => {
    const plan = planReminders({
      config,
      grid,
      week: '2022-W19',
      establishments,
      links: new Map([['clinique-du-parc', 'http://x/es/abc']]),
      remainingQuota: 100,
    });
    expect(plan.mails[0]).toMatchObject({ kind: 'digest', to: ['ars@ars.sante.fr', 'sesan@sesan.fr'] });
    expect(plan.mails.filter((m) => m.kind === 'reminder').map((m) => m.to[0])).toEqual([
      'ref0@es.fr',
      'ref1@es.fr',
      'ref2@es.fr',
    ]);
    expect(plan.mails[1]?.body).toContain('http://x/es/abc');
    expect(plan.skipped.filter((s) => s.reason === 'no-contact')).toHaveLength(13);
    expect(plan.mails[0]?.body).toContain('pas de référent ES avec adresse');
  });

  it('stays within the mail quota, keeping the digest', () => {
    const plan = planReminders({
      config,
      grid,
      week: '2022-W19',
      establishments,
      links: new Map(),
      remainingQuota: 3,
    });
    expect(plan.mails.map((m) => m.kind)).toEqual(['digest', 'reminder']);
    expect(plan.skipped.filter((s) => s.reason === 'quota')).toHaveLength(2);
    expect(plan.mails.reduce((n, m) => n + m.to.length, 0)).toBeLessThanOrEqual(3);
  });
});

describe('refusalMail', () => {
  it('tells the referent every reason and that nothing was kept', () => {
    const mail = refusalMail(config, establishments[0]!, '2022-W19', [
      {
        field: 'visits',
        code: 'NOT_AN_INTEGER',
        message: '« Cumul Nb de venues » : nombre entier…',
        details: '',
      },
    ]);
    expect(mail?.to).toEqual(['ref0@es.fr']);
    expect(mail?.body).toContain('« Cumul Nb de venues »');
    expect(mail?.body).toContain("Rien n'a été conservé");
    expect(refusalMail(config, establishments[5]!, '2022-W19', [])).toBeUndefined();
  });
});

describe('links in mails', () => {
  const LINK = 'http://localhost:8080/es/AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-AbCd';
  /** The lines around the link: it must stand alone, after a blank line, so nothing sticks to it when copied. */
  const around = (body: string) => {
    const lines = body.split('\n');
    const i = lines.indexOf(LINK);
    return { alone: i, before: lines[i - 1], after: lines[i + 1] };
  };

  it('puts the form link of a reminder alone on its line, between blank lines', () => {
    const plan = planReminders({
      config,
      grid,
      week: '2022-W19',
      establishments,
      links: new Map([[establishments[0]!.id, LINK]]),
      remainingQuota: 100,
    });
    const reminder = plan.mails.find(
      (m) => m.kind === 'reminder' && m.establishmentId === establishments[0]!.id,
    );
    expect(around(reminder?.body ?? '')).toEqual({ alone: expect.any(Number), before: '', after: '' });
    expect(around(reminder?.body ?? '').alone).toBeGreaterThan(0);
  });

  it('puts the form link of a refusal alone on its line, between blank lines', () => {
    const mail = refusalMail(config, establishments[0]!, '2022-W19', [], LINK);
    expect(around(mail?.body ?? '')).toEqual({ alone: expect.any(Number), before: '', after: '' });
    expect(around(mail?.body ?? '').alone).toBeGreaterThan(0);
  });
});
