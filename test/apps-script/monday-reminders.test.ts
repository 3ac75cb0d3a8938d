// The Monday job's reminders do not open the forms again: while it brings each weekly form to the new week, the job
// also makes the link prefilled with the week the establishment has not reported (weekly-tick.ts), and the reminder
// sends that link. At 500 late establishments this saves three form calls each (openById, getItems,
// toPrefilledUrl), ≈ 4 of the job's 23 trigger minutes (bench « minutes de déclencheurs du jour le plus chargé »).
import { describeWeek } from '../../src/domain/iso-week';
import {
  bundleOf,
  continueUntilDone,
  giveReferents,
  installed,
  type Account,
} from '../support/apps-script/long-jobs';
import { paris } from '../support/apps-script/season';
import type { CallWindow } from '../support/gas/runtime';

jest.setTimeout(300_000);

const COUNT = 20;

describe('the Monday job with every establishment late', () => {
  let account: Account;
  let window: CallWindow;
  beforeAll(() => {
    account = installed(COUNT, bundleOf(COUNT));
    giveReferents(account);
    const { env } = account;
    env.runtime.setNow(paris('2022-05-23', 9));
    window = env.calls();
    env.runWeeklyTriggers();
    continueUntilDone(env, 'weeklyTick');
  });

  it('sends each establishment its reminder with the form prefilled with the missing week', () => {
    const reminders = account.env.mail.outbox.filter((m) => m.subject.includes('2022-W20 à compléter'));
    expect(reminders.map((m) => m.to[0]).sort()).toEqual(
      Array.from({ length: COUNT }, (_, i) => `referent@es-${String(i + 1).padStart(3, '0')}.fr`),
    );
    for (const m of reminders) {
      const url = /https:\/\/\S+usp=pp_url\S*/.exec(m.body)?.[0] ?? '';
      expect(account.env.forms.prefilledAnswers(url).Semaine).toBe(describeWeek('2022-W20'));
    }
  });

  it('opens each weekly form once, to bring it to the new week, and not again for its reminder', () => {
    const calls = window.summary();
    expect([calls['FormApp.openById'], calls['Form.getItems']]).toEqual([COUNT, COUNT]);
    // The week's default link and the reminder's.
    expect(calls['FormResponse.toPrefilledUrl']).toBe(2 * COUNT);
  });
});
