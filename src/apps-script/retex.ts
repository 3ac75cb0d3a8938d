// The RETEX documents (V1 at the end of June, VF at the end of September). Their content is the RETEX feature's
// work (src/domain/retex-model.ts, not on this branch yet): `buildRetex` is the one function it fills in, with
// DocumentApp and DriveApp in `rt.services` (copy the template, replace its placeholders, insert tables). Until
// then it creates nothing and says so plainly, in the Journal and to the person who clicked the menu.
import type { Milestone } from '../domain/calendar';
import { frAppsScript } from '../domain/messages';
import type { Runtime } from './runtime';

export type RetexOutcome = { status: 'not-available'; milestone: Milestone };

export function buildRetex(rt: Runtime, milestone: Milestone): RetexOutcome {
  const message = frAppsScript.retexNotAvailable(milestone);
  rt.store.transaction(() =>
    rt.store.appendJournal({
      at: rt.clock.now().toISOString(),
      kind: 'retex',
      actor: rt.services.Session.getEffectiveUser().getEmail(),
      role: 'system',
      summary: message,
      details: 'RETEX generation is not implemented in the Apps Script runtime yet',
    }),
  );
  rt.notify(message);
  return { status: 'not-available', milestone };
}
