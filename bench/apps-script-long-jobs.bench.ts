// The long Apps Script jobs on the offline emulator running the real bundle, executions overlapping as on Google:
// the Monday job at 16 and 500 establishments, every one late (executions, longest execution); the trigger
// minutes of the busiest day at 500 establishments (the Monday job plus every establishment's report that day)
// against Google's daily trigger runtime; how long a response submitted while install, the Monday job or a RETEX
// holds the script lock waits before it is in Historique; each long job with every latency doubled.
// Durations come from the emulator's latency model (src/apps-script/latency-model.ts, most figures assumptions that
// `npm run smoke:google` measures on a real account).
import { loadBundle } from '../test/support/gas/bundle';
import { createGasEnvironment, type GasEnvironment } from '../test/support/gas/environment';
import {
  bundleOf,
  continueUntilDone,
  giveReferents,
  installed,
  letGoogleRun,
  longest,
  stored,
  weeklyAnswers,
  weeklyFormOf,
  type Account,
} from '../test/support/apps-script/long-jobs';
import { readProject } from '../src/node/project-files';
import { paris } from '../test/support/apps-script/season';
import type { BenchModule, BenchResult } from './types';

const MINUTE = 60_000;
const RUN_BUDGET_MS = 5 * MINUTE;
const WAIT_BUDGET_MS = 15 * MINUTE;

const establishmentName = (i: number) => `CENTRE HOSPITALIER ${String(i).padStart(3, '0')}`;
const establishmentId = (i: number) => `es-${String(i).padStart(3, '0')}`;

/** Responses submitted during a job: when each was submitted, and when Historique first held it. */
class Probes {
  private readonly waits: Array<{ submittedAt: number; seen: { at: number | null } }> = [];
  constructor(private readonly account: Account) {}

  /** Generated establishment `i` submits its first week's report at `at`. */
  submit(i: number, at: number, date: string): void {
    this.submitAs(establishmentName(i), establishmentId(i), at, date);
  }

  /** An establishment submits its first week's report at `at` (its form offers that week until Monday's refresh). */
  submitAs(name: string, id: string, at: number, date: string): void {
    const { env } = this.account;
    const probe = { submittedAt: at, seen: { at: null as number | null } };
    this.waits.push(probe);
    env.submitFormAt(
      at,
      weeklyFormOf(this.account, name),
      weeklyAnswers(this.account, '2022-W19', date),
      () => (probe.seen = env.watch(() => stored(env, id, '2022-W19'))),
    );
  }

  /** The longest wait (Infinity if one response was never ingested). */
  get worst(): number {
    return Math.max(...this.waits.map((w) => (w.seen.at === null ? Infinity : w.seen.at - w.submittedAt)));
  }
  get count(): number {
    return this.waits.length;
  }
}

interface JobFigures {
  runs: number;
  longestMs: number;
  killed: number;
  done: boolean;
  /** Trigger runtime of the job's executions. */
  triggerMs: number;
}

function triggerMs(env: GasEnvironment, from: number, until = Infinity): number {
  return env.runtime.finished
    .filter((f) => f.trigger && f.startedAt >= from && f.startedAt < until)
    .reduce((sum, f) => sum + f.ms, 0);
}

/** The Monday job of 23 May 2022 (every establishment late for W20), with `probes` responses during it. */
function monday(account: Account, probes: number): { figures: JobFigures; wait: Probes } {
  const { env } = account;
  env.runtime.setNow(paris('2022-05-23', 9));
  const start = env.runtime.now();
  const wait = new Probes(account);
  const count = account.env.drive.list('form').length / 2;
  for (let k = 0; k < probes; k += 1)
    wait.submit(1 + Math.floor((k * count) / probes), start + (1 + 3 * k) * MINUTE, '2022-05-20');
  env.runWeeklyTriggers();
  const more = continueUntilDone(env, 'weeklyTick');
  letGoogleRun(env, 15);
  return {
    figures: {
      runs: 1 + more.runs,
      longestMs: longest(env, ['weeklyTick'], start),
      killed: more.killed,
      done: env.properties.script.get('weekly.cursor') === undefined,
      triggerMs: triggerMs(env, start),
    },
    wait,
  };
}

/** Install of `count` establishments from the menu, with responses of the first establishments during it. */
function install(count: number, latencyScale: number, probes: number): { figures: JobFigures; wait: Probes } {
  const bundleFile = bundleOf(count);
  const project = readProject(`${bundleFile.replace(/Code\.js$/, '')}suivi.config.json`);
  const env = createGasEnvironment({ now: paris('2022-05-12', 10), mailQuota: 1500, account: 'workspace' });
  env.runtime.latencyScale = latencyScale;
  env.createContainer('Suivi MES');
  const account: Account = { env, bundle: loadBundle(env, bundleFile), project };
  const start = env.runtime.now();
  account.bundle.run('install', [], { ui: true });
  // The first run made the first establishments' forms: they report while the next runs hold the lock.
  const wait = new Probes(account);
  for (let k = 0; k < probes; k += 1)
    wait.submit(1 + k, env.runtime.now() + (1 + 4 * k) * MINUTE, '2022-05-12');
  const more = continueUntilDone(env, 'resumeInstall');
  letGoogleRun(env, 15);
  const forms = env.drive.list('form');
  return {
    figures: {
      runs: 1 + more.runs,
      longestMs: longest(env, ['install', 'resumeInstall'], start),
      killed: more.killed,
      done:
        forms.length >= 2 * count &&
        new Set(forms.map((f) => f.name)).size === forms.length &&
        env.properties.script.get('install.cursor') === undefined,
      triggerMs: triggerMs(env, start),
    },
    wait,
  };
}

/** RETEX V1 of the 16 pilots from the menu (default bundle), with responses during it. */
function retex(latencyScale: number, probes: number): { figures: JobFigures; wait: Probes } {
  const env = createGasEnvironment({ now: paris('2022-05-12', 10), mailQuota: 1500, account: 'workspace' });
  env.createContainer('Suivi MES');
  const bundle = loadBundle(env);
  bundle.run('install', [], { ui: true });
  env.runtime.latencyScale = latencyScale;
  env.runtime.setNow(paris('2022-07-04', 10));
  const start = env.runtime.now();
  const account: Account = { env, bundle, project: readProject() };
  const wait = new Probes(account);
  const pilots: Array<[string, string]> = [
    ['GH COCHIN', 'gh-cochin'],
    ['CLINIQUE DU PARC', 'clinique-du-parc'],
    ["HÔPITAL PRIVÉ DU VAL D'YERRES", 'hopital-prive-val-d-yerres'],
  ];
  pilots
    .slice(0, probes)
    .forEach(([name, id], k) => wait.submitAs(name, id, start + (0.5 + 1.5 * k) * MINUTE, '2022-05-13'));
  bundle.run('buildRetexV1', [], { ui: true });
  const more = continueUntilDone(env, 'resumeRetex');
  letGoogleRun(env, 15);
  return {
    figures: {
      runs: 1 + more.runs,
      longestMs: longest(env, ['buildRetexV1', 'resumeRetex'], start),
      killed: more.killed,
      done: !env.triggers.triggers.some((t) => t.handler === 'resumeRetex' && !t.fired),
      triggerMs: triggerMs(env, start),
    },
    wait,
  };
}

const seconds = (ms: number) => Math.round(ms / 1000);
const minutes = (ms: number) => Math.round(ms / MINUTE);

function jobLine(name: string, f: JobFigures): BenchResult {
  return {
    name,
    value: seconds(f.longestMs),
    unit: 's (plus longue exécution)',
    budget: '< 300 s par exécution, travail terminé par reprises',
    ok: f.done && f.killed === 0 && f.longestMs < RUN_BUDGET_MS,
    note: `${f.runs} exécution(s), ${f.killed} tuée(s) par Google, ${minutes(f.triggerMs)} min de déclencheurs`,
  };
}

const bench: BenchModule = {
  title: 'Google Apps Script — travaux longs et exécutions simultanées (émulateur hors ligne, bundle réel)',
  async run(): Promise<BenchResult[]> {
    const results: BenchResult[] = [];
    const waits: Array<{ job: string; worst: number; count: number }> = [];

    for (const count of [16, 500]) {
      const account = installed(count, bundleOf(count));
      giveReferents(account);
      const { figures, wait } = monday(account, count === 500 ? 8 : 2);
      waits.push({ job: `lundi ${count} ES`, worst: wait.worst, count: wait.count });
      results.push(
        jobLine(
          `Apps Script : travail du lundi à ${count} ES, tous en retard (exécutions, plus longue)`,
          figures,
        ),
      );
      if (count !== 500) continue;
      // The busiest day: the Monday job, then every establishment's report the same day (each one trigger).
      const { env } = account;
      const dayStart = paris('2022-05-23', 0);
      for (let i = 1; i <= count; i += 1) {
        env.runtime.advance(30_000);
        env.submitForm(
          weeklyFormOf(account, establishmentName(i)),
          weeklyAnswers(account, '2022-W21', '2022-05-23'),
        );
      }
      const day = triggerMs(
        env,
        new Date(dayStart).getTime(),
        new Date(dayStart).getTime() + 24 * 60 * MINUTE,
      );
      const dayFrom = new Date(dayStart).getTime();
      const ingestions = env.runtime.finished.filter(
        (f) => f.entry === 'handleFormSubmit' && f.startedAt >= dayFrom,
      );
      const perIngestion = ingestions.reduce((sum, f) => sum + f.ms, 0) / Math.max(1, ingestions.length);
      results.push({
        name: 'Apps Script : minutes de déclencheurs du jour le plus chargé à 500 ES',
        value: minutes(day),
        unit: 'min',
        budget: '< 45 min (quota Google : 90 min/jour grand public, 6 h Workspace)',
        ok: day < 45 * MINUTE,
        note: `travail du lundi ${minutes(figures.triggerMs)} min + ${count} déclarations reçues le même jour (${ingestions.length} exécutions d'ingestion, ${seconds(perIngestion)} s chacune en moyenne)`,
      });
    }

    const install500 = install(500, 1, 6);
    waits.push({ job: 'installation 500 ES', worst: install500.wait.worst, count: install500.wait.count });
    results.push({
      name: "Apps Script : minutes de déclencheurs le jour de l'installation de 500 ES",
      value: minutes(install500.figures.triggerMs),
      unit: 'min',
      budget: '< 90 min (quota Google grand public ; 6 h Workspace)',
      ok: install500.figures.done && install500.figures.triggerMs < 90 * MINUTE,
      note: `${install500.figures.runs} exécution(s) ; la première, lancée du menu, ne compte pas`,
    });
    const retex1 = retex(1, 3);
    waits.push({ job: 'RETEX V1 16 pilotes', worst: retex1.wait.worst, count: retex1.wait.count });
    const worst = Math.max(...waits.map((w) => w.worst));
    results.push({
      name: "Apps Script : attente la plus longue d'une réponse arrivée pendant un travail long",
      value: Number.isFinite(worst) ? seconds(worst) : NaN,
      unit: 's',
      budget: '≤ 900 s (15 min)',
      ok: worst <= WAIT_BUDGET_MS,
      note: waits
        .map(
          (w) =>
            `${w.job} : ${w.count} réponses, pire ${Number.isFinite(w.worst) ? seconds(w.worst) : '∞'} s`,
        )
        .join(' ; '),
    });

    // Every latency doubled (a slow day at Google): each job still ends by continuation, under 5 min per run.
    const slowInstall = jobLine(
      'Apps Script : installation de 500 ES, latences doublées',
      install(500, 2, 0).figures,
    );
    // Above 90 min a consumer account's triggers stop for the day: the backup continuation resumes it the next day
    // (test/apps-script/long-jobs.test.ts).
    slowInstall.note = `${slowInstall.note ?? ''} (compte Workspace ; au-delà de 90 min, un compte grand public reprend le lendemain)`;
    results.push(slowInstall);
    const slow = installed(500, bundleOf(500), 2);
    giveReferents(slow);
    results.push(
      jobLine(
        'Apps Script : travail du lundi à 500 ES en retard, latences doublées',
        monday(slow, 0).figures,
      ),
    );
    results.push(jobLine('Apps Script : RETEX V1 des 16 pilotes, latences doublées', retex(2, 0).figures));
    return results;
  },
};

export default bench;
