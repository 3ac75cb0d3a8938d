// Faults Google inflicts on the real bundle, on the emulator, and what the bundle does about them: a week where
// every kind of delivery fault hits the 16 pilots at once (triggers Google never fires, responses delivered three
// times, the script lock held by another execution, a Sheets error in the middle of an ingestion), then the Monday
// run that dies halfway and is resumed by its watchdog trigger; the day's mail quota running out; an install of
// 200 establishments cut by the 6-minute limit, killed in the middle of a run and refused the lock once. Each
// scenario prints its counts; the assertions say that every report is stored exactly once and nothing is left
// behind (no duplicate form, tab or trigger, never more than Google's 20 triggers).
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../../src/node/project-files';
import { addWeeks, dateInWeek, type IsoWeek } from '../../src/domain/iso-week';
import { frAppsScript } from '../../src/apps-script/messages';
import { loadBundle } from '../support/gas/bundle';
import { bundleWithEstablishments } from '../support/gas/build-bundle';
import { createGasEnvironment, type Delivery, type GasEnvironment } from '../support/gas/environment';
import {
  buildSeasonBundle,
  FIRST_WEEK,
  paris,
  referent,
  Season,
  type Row,
} from '../support/apps-script/season';
import { journal } from '../support/apps-script/pilot';

// The season's bundle is built once per file, and the 200-establishment install takes a few seconds of emulation.
jest.setTimeout(180_000);

const SHEETS_FAILURE = 'Service Spreadsheets failed while accessing document';
const TIME_LIMIT = 'Exceeded maximum execution time';

/** Historique's stored versions (the JSON column), blank rows left out. */
function versions(
  env: GasEnvironment,
): Array<{ rowKey: string; week: string; version: number; values: Record<string, unknown> }> {
  const h = env.container.sheet('Historique')!;
  const jsonCol = h.lastColumn();
  const out = [];
  for (let r = 2; r <= h.lastRow(); r += 1) {
    const raw = h.cell(r, jsonCol)?.value;
    if (raw !== undefined && raw !== '') out.push(JSON.parse(String(raw)));
  }
  return out;
}

function report(line: Record<string, number>): string {
  return Object.entries(line)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
}

describe('a week of delivery faults across the 16 pilots', () => {
  const season = new Season(buildSeasonBundle());
  const STORM_INDEX = 2;
  const week: IsoWeek = addWeeks(FIRST_WEEK, STORM_INDEX);
  const thursday = dateInWeek(week, 4);
  const monday = dateInWeek(addWeeks(week, 1), 1);
  type Fault = 'none' | 'dropped' | 'duplicated' | 'lock' | 'sheets-error';
  const FAULTS: readonly Fault[] = ['dropped', 'duplicated', 'lock', 'sheets-error', 'none'];
  const faultOf = (row: Row): Fault => FAULTS[row.index % FAULTS.length]!;
  const counts: Record<string, number> = {};
  const count = (k: string, n = 1) => (counts[k] = (counts[k] ?? 0) + n);
  const deliveries: Delivery[] = [];
  let storedBeforeMonday = 0;
  let rows: Row[] = [];

  beforeAll(() => {
    season.play({ weeks: STORM_INDEX });
    rows = season.rows;
    const env = season.env;
    // The week's Monday run opens the week in the forms.
    season.at(paris(dateInWeek(week, 1), 9));
    season.weeklyTick();
    rows.forEach((row, i) => {
      const at = paris(thursday, 10, i);
      const fault = faultOf(row);
      count(`réponses ${fault}`);
      if (fault === 'lock') env.lock.holdElsewhere();
      // The ingestion's one write (sheet-store.ts): Google applies all of it or nothing.
      if (fault === 'sheets-error')
        env.runtime.failNext('Sheets.Spreadsheets.batchUpdate', SHEETS_FAILURE, 1, 0);
      try {
        const delivery = season.report(row, STORM_INDEX, at, { deliver: fault !== 'dropped' });
        deliveries.push(delivery);
        if (fault === 'duplicated') {
          env.deliver(delivery.event);
          env.deliver(delivery.event);
          count('livraisons en double', 2);
        }
      } catch (error) {
        // Google marks the execution failed and e-mails the owner; the response stays in its tab.
        expect(String(error)).toContain(SHEETS_FAILURE);
        count('exécutions en échec');
      } finally {
        if (fault === 'lock') env.lock.releaseElsewhere();
      }
    });
    count('expirations du verrou', env.lock.timeouts);
    // Google fires the catch-up armed by the first response that missed the lock, five minutes later.
    season.at(paris(thursday, 10, 30));
    count('rattrapages', env.runDueClockTriggers());
    storedBeforeMonday = versions(env).filter((v) => v.week === week).length;

    // Monday: Google stops the weekly run in the middle of the reconciliation; its watchdog resumes it.
    season.at(paris(monday, 9));
    // The reconciliation's third ingestion (each ingestion writes once, then its form's record once).
    env.runtime.failNext('Sheets.Spreadsheets.batchUpdate', TIME_LIMIT, 1, 4);
    try {
      env.runWeeklyTriggers();
    } catch (error) {
      expect(String(error)).toContain(TIME_LIMIT);
      count('tâches hebdomadaires interrompues');
    }
    season.at(paris(monday, 9, 8));
    count('reprises par le déclencheur de secours', env.runDueClockTriggers());
    count('réponses après lundi', versions(env).filter((v) => v.week === week).length);
    const recovered = journal(env)
      .map((j) => /^Réconciliation : (\d+) réponses? récupérée/.exec(j.summary)?.[1])
      .filter((n) => n !== undefined);
    count('récupérées par la reprise', Number(recovered.at(-1) ?? 0));
    // Google delivers a late copy of a response already recovered.
    const first = deliveries[0];
    if (first) env.deliver(first.event);
    process.stdout.write(`\n[pannes, semaine ${week}] ${report(counts)}\n`);
  });

  it('hits every kind of fault, each failed ingestion leaving at most its Historique row', () => {
    for (const fault of FAULTS) expect(counts[`réponses ${fault}`]).toBeGreaterThan(0);
    expect(counts['expirations du verrou']).toBe(counts['réponses lock']);
    expect(counts['exécutions en échec']).toBe(counts['réponses sheets-error']);
    expect(counts['tâches hebdomadaires interrompues']).toBe(1);
    expect(counts['reprises par le déclencheur de secours']).toBe(1);
    expect(counts['rattrapages']).toBe(1);
    // A response that missed the lock is caught up the same day; a failed ingestion may leave its Historique row,
    // not yet counted (sheet-store.ts): at most one per failure.
    const onTime = counts['réponses none']! + counts['réponses duplicated']! + counts['réponses lock']!;
    expect(storedBeforeMonday).toBeGreaterThanOrEqual(onTime);
    expect(storedBeforeMonday).toBeLessThanOrEqual(onTime + counts['réponses sheets-error']!);
  });

  it('stores each establishment’s report of the week exactly once, with what it typed', () => {
    const stored = versions(season.env).filter((v) => v.week === week);
    expect(stored.map((v) => v.rowKey).sort()).toEqual(rows.map((r) => r.key).sort());
    for (const row of rows) {
      const v = stored.find((x) => x.rowKey === row.key)!;
      expect([row.key, v.version, v.values.visits]).toEqual([
        row.key,
        1,
        season.counters(row, STORM_INDEX).visits,
      ]);
    }
  });

  it('says in the Journal how many responses the resumed run recovered, the rest by the run Google stopped', () => {
    const lost = counts['réponses dropped']! + counts['réponses sheets-error']!;
    const resumed = counts['récupérées par la reprise']!;
    expect(resumed).toBeGreaterThan(0);
    expect(resumed).toBeLessThan(lost);
    const lines = journal(season.env).filter((j) => j.summary === frAppsScript.reconciled(resumed));
    expect(lines).toHaveLength(1);
  });

  it('leaves no continuation behind and journals the duplicates without storing them', () => {
    expect(season.env.triggers.triggers.map((t) => t.handler).sort()).toEqual(
      ['handleEdit', 'handleFormSubmit', 'weeklyTick'].sort(),
    );
    expect(season.env.properties.script.get('weekly.cursor')).toBeUndefined();
    expect(journal(season.env).filter((j) => j.kind === 'report.duplicate').length).toBeGreaterThanOrEqual(
      counts['livraisons en double']! + 1,
    );
  });

  it('recovers nothing more at the next run: every response is in Historique', () => {
    const before = versions(season.env).length;
    season.at(paris(monday, 11));
    season.bundle.run('weeklyTick', [], { ui: true });
    expect(versions(season.env)).toHaveLength(before);
    expect(journal(season.env).at(-1)?.summary ?? '').not.toMatch(/récupérée/);
    expect(journal(season.env).some((j) => j.summary === frAppsScript.reconciled(0))).toBe(true);
  });
});

describe('the day’s mail quota', () => {
  const season = new Season(buildSeasonBundle());
  const QUIET_INDEX = 1;
  const silentWeek: IsoWeek = addWeeks(FIRST_WEEK, QUIET_INDEX);
  const monday = dateInWeek(addWeeks(silentWeek, 1), 1);
  const counts: Record<string, number> = {};
  let lateEstablishments: string[] = [];

  beforeAll(() => {
    // Every establishment reported the first week; the second week nobody does.
    season.play({ weeks: QUIET_INDEX });
    lateEstablishments = [...new Set(season.rows.map((r) => r.establishmentId))];
    season.at(paris(monday, 9));
    season.env.mail.remaining = 5;
    const outbox = season.env.mail.outbox.length;
    season.env.runWeeklyTriggers();
    const sent = season.env.mail.outbox.slice(outbox);
    counts['établissements en retard'] = lateEstablishments.length;
    counts['destinataires servis'] = sent.reduce((n, m) => n + m.to.length, 0);
    counts['quota restant'] = season.env.mail.remaining;
    counts['relances non envoyées (journal)'] = journal(season.env).filter((j) =>
      j.summary.includes("quota quotidien d'e-mails"),
    ).length;
    process.stdout.write(`\n[quota d'e-mails, ${silentWeek}] ${report(counts)}\n`);
  });

  it('sends no more than the quota allows, without failing the weekly run', () => {
    expect(counts['destinataires servis']).toBe(5);
    expect(counts['quota restant']).toBe(0);
    expect(season.env.properties.script.get('weekly.cursor')).toBeUndefined();
  });

  it('names in the Journal every late establishment it could not remind', () => {
    const reminded = new Set(
      season.env.mail.outbox
        .filter((m) => m.subject.includes(`Suivi hebdomadaire ${silentWeek}`))
        .flatMap((m) => m.to),
    );
    const unsent = journal(season.env).filter((j) => j.summary.includes("quota quotidien d'e-mails"));
    for (const id of lateEstablishments)
      expect([id, reminded.has(referent(id)) || unsent.some((j) => j.target === id)]).toEqual([id, true]);
    expect(reminded.size).toBeGreaterThan(0);
    expect(unsent.length).toBe(lateEstablishments.length - reminded.size);
  });

  it('journals the e-mails MailApp refuses midway (the quota spent by another script), then stops sending', () => {
    const week = addWeeks(silentWeek, 1);
    season.at(paris(dateInWeek(addWeeks(week, 1), 1), 9));
    season.env.mail.remaining = 1500;
    season.env.runtime.failNext(
      'MailApp.sendEmail',
      'Service invoked too many times for one day: email.',
      100,
      2,
    );
    const outbox = season.env.mail.outbox.length;
    const journalBefore = journal(season.env).length;
    season.env.runWeeklyTriggers();
    const sent = season.env.mail.outbox.length - outbox;
    const refused = journal(season.env)
      .slice(journalBefore)
      .filter((j) => j.summary.includes('non envoyé'));
    process.stdout.write(
      `\n[MailApp refuse en cours d'envoi, ${week}] envoyés ${sent}, refusés ${refused.length}\n`,
    );
    expect(sent).toBe(2);
    // Every e-mail after the failure is named: the reminders, the overall digest and each binôme's digest.
    const binomes = JSON.parse(
      fs.readFileSync(path.join(REPO_ROOT, 'sheets-template', 'binomes.json'), 'utf8'),
    ) as { assignments: Record<string, string> };
    const binomeDigests = new Set(Object.values(binomes.assignments)).size;
    expect(refused.length).toBe(lateEstablishments.length + 1 + binomeDigests - sent);
    expect(season.env.runtime.pendingFailures).toBeGreaterThan(0);
  });
});

describe('install of 200 establishments under the 6-minute limit', () => {
  const COUNT = 200;
  const counts: Record<string, number> = {};
  let env: GasEnvironment;
  let maxTriggers = 0;

  beforeAll(() => {
    env = createGasEnvironment({ now: paris('2022-05-12', 10) });
    env.createContainer('Suivi MES');
    const bundle = loadBundle(env, bundleWithEstablishments(COUNT));
    bundle.run('onOpen', [], { ui: true });
    const watch = () => (maxTriggers = Math.max(maxTriggers, env.triggers.triggers.length));
    bundle.run('install', [], { ui: true });
    watch();
    let runs = 1;
    let killed = 0;
    let busy = 0;
    let watchdog = 0;
    while (env.triggers.triggers.some((t) => t.handler === 'resumeInstall') && runs < 100) {
      env.runtime.advance(61_000);
      if (runs === 2) {
        // Another execution (a form response being ingested) holds the lock: this continuation gives way.
        env.lock.holdElsewhere();
        busy += env.runDueClockTriggers();
        env.lock.releaseElsewhere();
        watch();
        runs += 1;
        continue;
      }
      if (runs === 4) {
        // Google stops this run halfway through the forms, after it copied a file it had no time to record.
        env.runtime.failNext('Form.setDestination', TIME_LIMIT, 1, 10);
        try {
          env.runDueClockTriggers();
        } catch (error) {
          expect(String(error)).toContain(TIME_LIMIT);
          killed += 1;
        }
        watch();
        runs += 1;
        // Only the watchdog can resume it: nothing is due before the 7 minutes are up.
        expect(env.runDueClockTriggers()).toBe(0);
        env.runtime.advance(7 * 60_000);
        watchdog += env.runDueClockTriggers();
        watch();
        runs += 1;
        continue;
      }
      env.runDueClockTriggers();
      watch();
      runs += 1;
    }
    counts['établissements'] = COUNT;
    counts['exécutions'] = runs;
    counts['exécution tuée'] = killed;
    counts['reprise par le déclencheur de secours'] = watchdog;
    counts['verrou occupé'] = busy;
    counts['déclencheurs au plus'] = maxTriggers;
    counts['formulaires'] = env.drive.list('form').length;
    process.stdout.write(`\n[installation de ${COUNT} ES] ${report(counts)}\n`);
  });

  it('took several runs, one killed and resumed by its watchdog, one refused the lock', () => {
    expect(counts['exécutions']).toBeGreaterThan(5);
    expect(counts['exécution tuée']).toBe(1);
    expect(counts['reprise par le déclencheur de secours']).toBe(1);
    expect(counts['verrou occupé']).toBe(1);
  });

  it('made each establishment’s two forms once, with nothing left to resume', () => {
    const forms = env.drive.list('form');
    const names = forms.map((f) => f.name);
    expect(new Set(names).size).toBe(names.length);
    for (let i = 1; i <= COUNT; i += 1) {
      const n = `CENTRE HOSPITALIER ${String(i).padStart(3, '0')}`;
      expect([n, names.filter((x) => x.includes(`— ${n} [`)).length]).toEqual([n, 2]);
    }
    expect(env.properties.script.get('install.cursor')).toBeUndefined();
    expect(journal(env).filter((j) => j.summary === frAppsScript.installDone(COUNT, 2 * COUNT))).toHaveLength(
      1,
    );
  });

  it('never had more than a handful of triggers (Google allows 20), and ends with the three it needs', () => {
    // Three permanent (one onFormSubmit per responses spreadsheet: 200 establishments fit in one), plus a
    // continuation and its next-day backup.
    expect(maxTriggers).toBeLessThanOrEqual(5);
    expect(env.triggers.triggers.map((t) => t.handler).sort()).toEqual(
      ['handleEdit', 'handleFormSubmit', 'weeklyTick'].sort(),
    );
  });

  it('lists each establishment once in the registry and in Suivi', () => {
    const suivi = env.container.sheet('Suivi')!;
    const registry = env.container.sheet('Établissements')!;
    expect(registry.lastRow() - 1).toBe(COUNT);
    expect(suivi.lastRow() - 2).toBe(COUNT);
  });
});
