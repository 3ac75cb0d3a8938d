// Reminders: the weekly schedule in Paris time, the weekly run, the ARS's « relancer » of one establishment.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openLocalData, type LocalData } from '../../src/local/local-data';
import { OutboxMailer } from '../../src/local/mail/mailer';
import {
  claimReminderWeek,
  nextReminderInstant,
  reminderAlreadyRun,
  remindEstablishment,
  scheduleReminders,
  sendWeeklyReminders,
  weekToRemind,
  type ReminderDeps,
} from '../../src/local/reminders';
import { updateProfile } from '../../src/app/update-profile';
import type { Project } from '../../src/schema/project';
import { FixedClock, projectCopy } from '../support/project';
import { readEml } from '../support/local/eml';

const reminders = { weekday: 1, time: '09:00', replyTo: null };

describe('Reminder schedule', () => {
  it.each([
    ['2022-06-10T18:00:00+02:00', '2022-06-13T09:00:00+02:00'],
    ['2022-06-13T08:59:00+02:00', '2022-06-13T09:00:00+02:00'],
    ['2022-06-13T09:00:00+02:00', '2022-06-20T09:00:00+02:00'],
    ['2022-10-28T12:00:00+02:00', '2022-10-31T09:00:00+01:00'],
  ])('after %s the next reminder instant is %s (Paris time, summer and winter)', (from, expected) => {
    expect(nextReminderInstant(reminders, new Date(from)).toISOString()).toBe(
      new Date(expected).toISOString(),
    );
  });

  it.each<[string, string | undefined, string]>([
    ['2022-06-13T08:00:00+02:00', undefined, 'before Monday 09:00 the last week due is not reminded yet'],
    ['2022-06-13T09:05:00+02:00', '2022-W23', 'on Monday after 09:00 the week just due is reminded'],
    ['2022-06-16T12:00:00+02:00', '2022-W23', 'a server down on Monday catches up in the week'],
    ['2022-11-30T12:00:00+01:00', undefined, 'nothing is reminded long after the pilot'],
  ])('at %s reminds %s (%s)', (now, week) => {
    expect(weekToRemind(projectCopy().config, new Date(now), () => false)).toBe(week);
  });

  it('does not remind a week twice', () => {
    expect(
      weekToRemind(projectCopy().config, new Date('2022-06-13T09:05:00+02:00'), () => true),
    ).toBeUndefined();
  });
});

describe('Sending reminders', () => {
  let dir: string;
  let data: LocalData;
  let deps: ReminderDeps;
  let project: Project;
  const clock = new FixedClock(new Date('2022-06-13T09:05:00+02:00'));

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'suivi-mes-remind-'));
    project = projectCopy();
    project.config.roles.ars = ['ars@ars.sante.fr'];
    data = openLocalData(dir, project).data;
    deps = {
      project,
      store: data.store,
      clock,
      mailer: new OutboxMailer(data.outboxDir, undefined, () => clock.now()),
      formLink: (id) => `http://localhost:8080/es/token-of-${id}`,
    };
    const outcome = updateProfile(
      { project, store: data.store, clock },
      {
        establishmentId: 'gh-cochin',
        author: 'test',
        profile: {
          values: {
            care_type: ['MCO'],
            bed_count: '10',
            es_contact: [
              {
                last_name: 'Martin',
                first_name: 'Anne',
                email: 'anne@aphp.fr',
                role: 'Cadre',
                phone: '0158414141',
              },
            ],
            software: [{ dpi: 'Orbis' }],
            ins_status: 'Non déployé',
            dmp_status: 'DPI compatible DMP',
          },
          useCases: {},
        },
      },
    );
    expect(outcome.status).toBe('saved');
  });
  afterEach(() => {
    data.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('mails each late establishment with a referent and the ARS digest, and journals each mail', async () => {
    const report = await sendWeeklyReminders(deps, { trigger: 'command' });
    expect(report?.week).toBe('2022-W23');
    expect(report?.sent.map((m) => [m.kind, m.to])).toEqual([
      ['digest', ['ars@ars.sante.fr']],
      ['reminder', ['anne@aphp.fr']],
    ]);
    expect(report?.skipped).toHaveLength(15);
    const reminder = readEml(fs.readFileSync(report?.sent[1]?.where ?? '', 'utf8')).body;
    expect(reminder).toContain('http://localhost:8080/es/token-of-gh-cochin');
    expect(data.store.listJournal().filter((j) => j.kind === 'reminder')).toHaveLength(2);
    expect(reminderAlreadyRun(data.store, '2022-W23')).toBe(true);
  });

  it('reminds one establishment on the ARS’s request, and says when there is no one to write to', async () => {
    const sent = await remindEstablishment(deps, {
      establishmentId: 'gh-cochin',
      week: '2022-W22',
      author: 'ARS',
    });
    expect(sent.status).toBe('sent');
    expect(sent.status === 'sent' && sent.report.sent.map((m) => m.kind)).toEqual(['reminder']);
    expect(
      await remindEstablishment(deps, { establishmentId: 'gh-bichat', week: '2022-W22', author: 'ARS' }),
    ).toEqual({
      status: 'no-contact',
      name: 'GH BICHAT',
    });
    expect(
      await remindEstablishment(deps, { establishmentId: 'nope', week: '2022-W22', author: 'ARS' }),
    ).toEqual({
      status: 'unknown',
    });
  });

  it('runs the weekly job at server start when a week is due and not yet reminded', async () => {
    const outcome = await new Promise<Parameters<Parameters<typeof scheduleReminders>[1]>[0]>((resolve) => {
      const stop = scheduleReminders(deps, (o) => {
        stop();
        resolve(o);
      });
    });
    expect(outcome.report?.week).toBe('2022-W23');
    expect(reminderAlreadyRun(data.store, '2022-W23')).toBe(true);
  });

  it('sends the week once when two servers share the data folder: the first to claim it sends', async () => {
    const other = openLocalData(dir, project).data;
    try {
      const otherDeps = { ...deps, store: other.store };
      expect(claimReminderWeek(other.store, '2022-W23', clock.now())).toBe(true);
      expect(claimReminderWeek(data.store, '2022-W23', clock.now())).toBe(false);
      const outcomes: string[] = [];
      const stops = [deps, otherDeps].map((d, i) =>
        scheduleReminders(d, (o) => outcomes.push(`${i}:${o.report?.week ?? 'error'}`)),
      );
      // Both checked at start: the week is claimed, neither sends it again.
      await new Promise((resolve) => setImmediate(resolve));
      stops.forEach((stop) => stop());
      expect(outcomes).toEqual([]);
      expect(fs.readdirSync(data.outboxDir)).toEqual([]);
    } finally {
      other.close();
    }
  });
});
