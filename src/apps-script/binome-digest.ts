// The Monday digest of each binôme for its own establishments (src/domain/binome-digest.ts), planned next to the
// reminders and the overall digest and sent with them (reminders.ts), so one quota, one journal line per e-mail.
import { planBinomeDigests } from '../domain/binome-digest';
import type { IsoWeek } from '../domain/iso-week';
import { latestEntry } from '../domain/ledger';
import type { EstablishmentRecord, ReportVersion, RowKey } from '../domain/model';
import type { OutgoingMail } from '../domain/reminder-plan';
import { accompanimentSettings } from '../schema/accompaniment';
import { openAccompanimentStore } from './accompaniment-tabs';
import { ensureAccompaniment } from './accompaniment-setup';
import type { Runtime } from './runtime';

/** The first mails whose recipients fit in `quota` (MailApp counts recipients). */
export function withinQuota(mails: readonly OutgoingMail[], quota: number): OutgoingMail[] {
  const out: OutgoingMail[] = [];
  let left = quota;
  for (const m of mails) {
    if (m.to.length > left) break;
    out.push(m);
    left -= m.to.length;
  }
  return out;
}

export const binomeDigestsSkipped = (count: number): string =>
  `${count} synthèse(s) de binôme non envoyée(s) : le quota d'e-mails du jour est pris par les relances.`;

export function binomeDigestMails(
  rt: Runtime,
  establishments: readonly EstablishmentRecord[],
  week: IsoWeek,
): OutgoingMail[] {
  // The first Monday after an install that had no time left for it draws the accompaniment.
  ensureAccompaniment(rt);
  const store = openAccompanimentStore(rt);
  const binomes = store.listBinomes();
  if (binomes.length === 0) return [];
  const ledgers = rt.store.ledgers();
  const current = new Map<RowKey, ReportVersion>();
  for (const [key, ledger] of ledgers) {
    const latest = latestEntry(ledger);
    const version = latest ? rt.store.reportVersion(key, latest.week) : undefined;
    if (version) current.set(key, version);
  }
  const { config, tracking } = rt.project;
  return planBinomeDigests({
    tracking,
    calendar: rt.calendar,
    settings: accompanimentSettings(config),
    establishments,
    ledgers,
    current,
    data: {
      binomes,
      assignments: store.listAssignments(),
      points: store.listPoints(),
      actions: store.listActions(),
    },
    now: rt.clock.now(),
    pilotName: config.pilot.name,
    week,
    replyTo: config.reminders.replyTo ?? undefined,
  });
}
