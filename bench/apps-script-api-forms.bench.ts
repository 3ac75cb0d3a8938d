// The Apps Script runtime on a workbook `suivi-mes google install` made for 500 establishments (forms made through
// the Forms API, no responses tab: src/apps-script/api-forms.ts reads them through UrlFetchApp), on the ONE fake
// Google: the CLI's install through the nock REST façade over the emulator's model, then the real bundle installed
// on the same workbook, as test/apps-script/api-forms.test.ts does with the 16 pilots. Measured: the modelled
// duration of the hourly reading (`readFormResponses`) when a third of the establishments answered since the last
// one, the Monday job on those forms (read them all, bring each weekly form to the new week), and the URL Fetch
// calls and trigger minutes of the busiest day (24 hourly readings and the Monday job) against a consumer account's
// daily quotas; a Friday of 24 readings is given beside it. Durations come from the emulator's
// latency model (src/apps-script/latency-model.ts; a fetchAll wave: test/support/gas/url-fetch-app.ts).
import path from 'node:path';
import { install as cliInstall } from '../src/google-api/install';
import { counterColumns } from '../src/domain/columns';
import type { IsoWeek } from '../src/domain/iso-week';
import { readProject } from '../src/node/project-files';
import type { Project } from '../src/schema/project';
import { bundleOf, continueUntilDone, longest } from '../test/support/apps-script/long-jobs';
import { paris } from '../test/support/apps-script/season';
import { loadBundle } from '../test/support/gas/bundle';
import { createGasEnvironment, type GasEnvironment } from '../test/support/gas/environment';
import { FakeWorkspace } from '../test/support/google-api/fake-workspace';
import {
  mockWorkspace,
  resetGoogleMocks,
  setupGoogleMocks,
  testAdapters,
} from '../test/support/google-api/google-mocks';
import { respondTo } from '../test/support/google-api/respond';
import { storedForms, type StoredForm } from '../test/support/google-api/stored-forms';
import type { BenchModule, BenchResult } from './types';

const COUNT = 500;
const OWNER = 'admin@ars.fr';
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const INSTALLED_AT = paris('2022-05-12', 10);

interface CliWorkbook {
  env: GasEnvironment;
  fake: FakeWorkspace;
  spreadsheetId: string;
  project: Project;
  count: number;
}

/** `suivi-mes google install` of `count` establishments on the one fake, then the script's install on it. */
async function cliWorkbookWithScript(count: number): Promise<CliWorkbook> {
  const bundleFile = bundleOf(count);
  const project = readProject(path.join(path.dirname(bundleFile), 'suivi.config.json'));
  const env = createGasEnvironment({ now: INSTALLED_AT, owner: OWNER });
  const fake = new FakeWorkspace(env);
  fake.owner = OWNER;
  mockWorkspace(fake);
  const { adapters, google } = testAdapters();
  const { spreadsheetId } = await cliInstall(adapters, google, { project, now: new Date(INSTALLED_AT) });
  env.sheets.containerId = spreadsheetId;
  const bundle = loadBundle(env, bundleFile);
  bundle.run('onOpen', [], { ui: true });
  bundle.run('install', [], { ui: true });
  continueUntilDone(env, 'resumeInstall');
  const workbook = { env, fake, spreadsheetId, project, count };
  const made = weeklyForms(workbook).length;
  if (made !== count) throw new Error(`${made} weekly forms for ${count} establishments`);
  return workbook;
}

/** The report versions Historique holds (its rows after the header that are not blank). */
function versionsStored(w: CliWorkbook): number {
  return w.fake
    .values(w.spreadsheetId, 'Historique')
    .slice(1)
    .filter((row) => row.some((v) => v !== '' && v !== null && v !== undefined)).length;
}

/** The weekly form of every establishment as the records hold it now (its weeks change on Mondays). */
function weeklyForms(w: CliWorkbook): StoredForm[] {
  return storedForms(w.fake, w.spreadsheetId).filter((f) => f.kind === 'weekly');
}

/** Establishment `i` answers its weekly form for `week` at `at`, picking a week the form's page offers. */
function answer(w: CliWorkbook, form: StoredForm, i: number, week: IsoWeek, at: number): void {
  const offered = form.meta.api?.questions.week?.weeks ?? [];
  if (!offered.includes(week)) throw new Error(`The form of ${form.establishmentId} does not offer ${week}`);
  const counters = Object.fromEntries(
    counterColumns(w.project.tracking).map((c, k) => [
      c.id,
      String(10 * i + k + (week === '2022-W20' ? 5 : 0)),
    ]),
  );
  const date = new Date(at).toISOString();
  respondTo(w.fake, form.meta, { week, report_date: date.slice(0, 10), ...counters }, date);
}

interface Reading {
  /** Responses submitted since the reading before. */
  responses: number;
  /** Modelled duration of the reading's execution. */
  ms: number;
  /** Whether Historique held every response submitted so far once it ended. */
  caughtUp: boolean;
  /** Its five costliest calls. */
  calls: string;
  error?: string;
}

/**
 * 24 hourly readings from `from`, an hour apart; every establishment answers its form for `week`, a third in each
 * of the hours before readings `firstBusy` to `firstBusy + 2`; `before(h)` runs before reading `h` (the Monday job).
 * Returns each reading, the day's URL Fetch calls (the window opens at the day's first call) and its trigger time.
 */
function day(
  w: CliWorkbook,
  from: string,
  week: IsoWeek,
  firstBusy: number,
  before: (hour: number) => void = () => undefined,
): { readings: Reading[]; urlFetch: number; triggerMs: number } {
  const { env } = w;
  const start = Date.parse(from);
  const readings: Reading[] = [];
  const storedBefore = versionsStored(w);
  let forms: StoredForm[] = [];
  let next = 0;
  for (let h = 0; h < 24; h += 1) {
    const at = start + h * HOUR;
    before(h);
    let responses = 0;
    const wave = h - firstBusy;
    if (wave >= 0 && wave < 3) {
      if (wave === 0) forms = weeklyForms(w);
      const until = Math.round(((wave + 1) * forms.length) / 3);
      // Spread over the hour before the reading.
      for (const first = next; next < until; next += 1, responses += 1)
        answer(
          w,
          forms[next]!,
          next,
          week,
          at - HOUR + Math.floor(((next - first + 1) * HOUR) / (until - first + 1)),
        );
    }
    env.runtime.setNow(new Date(at).toISOString());
    const calls = env.runtime.calls.length;
    env.runHourlyTriggers();
    const run = env.runtime.finished.at(-1);
    readings.push({
      responses,
      ms: run?.entry === 'readFormResponses' ? run.ms : NaN,
      caughtUp: responses === 0 || versionsStored(w) === storedBefore + next,
      calls: topCosts(env, calls),
      ...(run?.error ? { error: run.error } : {}),
    });
  }
  const triggerMs = env.runtime.finished
    .filter((f) => f.trigger && f.startedAt >= start && f.startedAt < start + 24 * HOUR)
    .reduce((sum, f) => sum + f.ms, 0);
  return { readings, urlFetch: env.runtime.urlFetchUsedToday(), triggerMs };
}

/** The five costliest call names since `from` (an index in the call log), by modelled time. */
function topCosts(env: GasEnvironment, from: number): string {
  const byName = new Map<string, { count: number; ms: number }>();
  for (const r of env.runtime.calls.slice(from)) {
    const c = byName.get(r.name) ?? { count: 0, ms: 0 };
    byName.set(r.name, { count: c.count + 1, ms: c.ms + r.ms });
  }
  return [...byName]
    .sort((a, b) => b[1].ms - a[1].ms)
    .slice(0, 5)
    .map(([name, c]) => `${name} ×${c.count} ${seconds(c.ms)} s`)
    .join(', ');
}

const seconds = (ms: number) => Math.round(ms / 1000);
const minutes = (ms: number) => Math.round(ms / MINUTE);
const thousands = (n: number) => n.toLocaleString('fr-FR').replace(/\s/g, ' ');

const bench: BenchModule = {
  title:
    'Google Apps Script — formulaires de la ligne de commande lus par le script (émulateur, bundle réel, 500 ES)',
  async run(): Promise<BenchResult[]> {
    setupGoogleMocks();
    try {
      const w = await cliWorkbookWithScript(COUNT);
      const { env } = w;
      // Friday 13 May, the install's URL Fetch window closed: every establishment reports 2022-W19, a third before
      // the first reading of the day (the one that reads the initialisation forms too).
      const friday = day(w, paris('2022-05-13', 11, 30), '2022-W19', 0);
      // Monday 16 May, the busiest day: the weekly job at 9:00 reads the forms as an hourly reading does and brings each weekly form to
      // 2022-W20, then every establishment reports that week between 9:30 and 12:30.
      let monday = { ms: NaN, runs: 0, killed: 0, calls: '', offered: false };
      const busiest = day(w, paris('2022-05-16', 0, 30), '2022-W20', 10, (h) => {
        if (h !== 9) return;
        env.runtime.setNow(paris('2022-05-16', 9));
        const from = env.runtime.now();
        const calls = env.runtime.calls.length;
        env.runWeeklyTriggers();
        const more = continueUntilDone(env, 'weeklyTick');
        monday = {
          ms: longest(env, ['weeklyTick'], from),
          runs: 1 + more.runs,
          killed: more.killed,
          calls: topCosts(env, calls),
          offered: weeklyForms(w).every((f) => f.meta.api?.questions.week?.weeks?.includes('2022-W20')),
        };
      });
      const readings = [...friday.readings, ...busiest.readings];
      const busy = readings.filter((r) => r.responses > 0);
      const worst = busy.reduce((a, b) => (b.ms > a.ms ? b : a));
      const quiet = readings.filter((r) => r.responses === 0).map((r) => seconds(r.ms));
      const stored = versionsStored(w);
      const failed = readings.filter((r) => r.error).length;
      return [
        {
          name: 'Apps Script : lecture horaire des formulaires de la ligne de commande, 500 ES (durée modélisée)',
          value: seconds(worst.ms),
          unit: 's',
          // Read every hour, it holds the script lock meanwhile (an ARS edit waits LOCK_WAIT_MS, 30 s, then is left
          // to the reconciliation) and spends the daily trigger runtime (90 min for a consumer account) 24 times a
          // day: a reading must fit well within one execution (5 min) even on a slow day, as install does (≤ 120 s).
          budget: '≤ 120 s, une exécution',
          ok: busy.every((r) => r.caughtUp) && failed === 0 && stored === 2 * COUNT && worst.ms <= 120_000,
          note: `la plus longue des ${busy.length} lectures qui trouvent un tiers des ES ayant répondu (${worst.responses} réponses) : ${worst.calls} ; lectures sans réponse : ${Math.min(...quiet)} à ${Math.max(...quiet)} s ; ${stored} versions dans Historique sur ${2 * COUNT} réponses, ${failed} lecture(s) en erreur`,
        },
        {
          name: 'Apps Script : travail du lundi sur les formulaires de la ligne de commande, 500 ES (durée modélisée)',
          value: seconds(monday.ms),
          unit: 's',
          budget: '≤ 240 s, une exécution',
          ok: monday.runs === 1 && monday.killed === 0 && monday.offered && monday.ms <= 240_000,
          note: `travail entier (lecture des formulaires comme une lecture horaire, semaine 2022-W20 ajoutée à ${monday.offered ? 'tous les' : 'PAS tous les'} formulaires hebdomadaires, rapprochements, Synthèse) en ${monday.runs} exécution(s) ; plus gros postes : ${monday.calls}`,
        },
        {
          name: 'Apps Script : appels URL Fetch par jour, lecture des formulaires de la ligne de commande, 500 ES',
          value: busiest.urlFetch,
          unit: 'appels',
          // A consumer account's daily quota (« Quotas for Google Services »,
          // https://developers.google.com/apps-script/guides/services/quotas); the hourly readings alone: 14,000.
          budget: '≤ 20 000 (quota grand public)',
          ok: busiest.urlFetch <= 20_000 && friday.urlFetch <= 20_000,
          note: `le lundi, 24 lectures horaires et le travail du lundi ; un autre jour (vendredi, les 500 ES répondent) : ${thousands(friday.urlFetch)}`,
        },
        {
          name: 'Apps Script : minutes de déclencheurs du lundi, formulaires de la ligne de commande, 500 ES',
          value: minutes(busiest.triggerMs),
          unit: 'min',
          budget: '< 45 min (quota Google : 90 min/jour grand public, 6 h Workspace)',
          ok: busiest.triggerMs < 45 * MINUTE,
          note: `24 lectures horaires et le travail du lundi ; un autre jour : ${minutes(friday.triggerMs)} min`,
        },
      ];
    } finally {
      resetGoogleMocks();
    }
  },
};

export default bench;
