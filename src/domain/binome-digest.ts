// The Monday digest of each binôme: for its own establishments only, who has not reported the week, whose
// follow-up point is overdue or due in the coming week, which actions are late. Pure: each runtime sends what this
// returns, next to the overall digest (planReminders) that goes to the configuration's `accompaniment.digestTo`.
import type { AccompanimentSettings } from '../schema/accompaniment';
import { addDays, binomeLabel, currentBinomes, frenchDay } from './accompaniment';
import { establishmentFollowUps, type FollowUpInput } from './accompaniment-view';
import { describeWeek, type IsoWeek } from './iso-week';
import { parisDateString } from './paris-time';
import { SIGNATURE, type OutgoingMail } from './reminder-plan';

export function planBinomeDigests(
  input: FollowUpInput & {
    settings: AccompanimentSettings;
    pilotName: string;
    week: IsoWeek;
    replyTo?: string;
  },
): OutgoingMail[] {
  const today = parisDateString(input.now);
  const inAWeek = addDays(today, 7);
  const mails: OutgoingMail[] = [];
  for (const binome of currentBinomes(input.data.binomes)) {
    const lines = establishmentFollowUps(input, binome.id);
    if (lines.length === 0) continue;
    const late = lines.filter((l) => l.lateReport).map((l) => `  - ${l.name}`);
    const overdue = lines
      .filter((l) => l.pointOverdue)
      .map((l) => `  - ${l.name} (prévu le ${frenchDay(l.nextPoint)})`);
    const soon = lines
      .filter((l) => !l.pointOverdue && l.nextPoint <= inAWeek)
      .map((l) => `  - ${l.name} : ${frenchDay(l.nextPoint)}`);
    const actions = lines.flatMap((l) =>
      l.lateActions.map((a) => `  - ${l.name} : ${a.text} (échéance ${frenchDay(a.dueDate)})`),
    );
    const section = (title: string, items: string[], none: string) =>
      `${title} :\n${items.length > 0 ? items.join('\n') : `  ${none}`}`;
    mails.push({
      kind: 'digest',
      to: [binome.ars.email, binome.sesan.email],
      replyTo: input.replyTo,
      subject: `[${input.pilotName}] Mes établissements — ${input.week}`,
      body:
        `Bonjour,\n\nVos ${lines.length} établissements (${binomeLabel(binome)}), ${describeWeek(input.week)} :\n\n` +
        [
          section('Déclaration non reçue', late, 'aucune : tous ont déclaré.'),
          section('Points de suivi en retard', overdue, 'aucun.'),
          section('Points de suivi à tenir dans les 7 jours', soon, 'aucun.'),
          section('Actions en retard', actions, 'aucune.'),
        ].join('\n\n') +
        SIGNATURE,
    });
  }
  return mails;
}
