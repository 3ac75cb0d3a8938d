// The long jobs of the real bundle on an account of 500 establishments, with executions overlapping as on Google:
// the Monday job with every establishment late finishes by continuation, each run ending before 5 minutes, and
// sends each reminder once; a response submitted while an install, the Monday job or a RETEX holds the script
// lock is ingested within 15 modelled minutes, not at next Monday's reconciliation.
import path from 'node:path';
import { updateProfile } from '../../src/app/update-profile';
import { counterColumns } from '../../src/domain/columns';
import { describeWeek } from '../../src/domain/iso-week';
import { openRuntime } from '../../src/apps-script/runtime';
import { readProject } from '../../src/node/project-files';
import type { Project } from '../../src/schema/project';
import { loadBundle, type GasBundle } from '../support/gas/bundle';
import { buildBundle, generatedRegistry } from '../support/gas/build-bundle';
import { createGasEnvironment, type GasEnvironment } from '../support/gas/environment';
import { ARS, paris } from './season';

// Installing 500 establishments is a few seconds of emulation per run.
jest.setTimeout(600_000);

const FIFTEEN_MINUTES = 15 * 60_000;
const TIME_LIMIT = 'Exceeded maximum execution time';

/** A registry of `count` generated establishments, and an ARS officer who receives the digest. */
function bundleOf(count: number): string {
  return buildBundle((config, dir) => {
    config.files.establishments = generatedRegistry(count, dir);
    config.roles = { ars: [ARS], ans: [] };
  });
}

interface Account {
  env: GasEnvironment;
  bundle: GasBundle;
  project: Project;
}

/** Fires the due continuations of `handler`, a minute apart, until none is left; how many runs, how many killed. */
function continueUntilDone(env: GasEnvironment, handler: string): { runs: number; killed: number } {
  let runs = 0;
  let killed = 0;
  const waiting = () =>
    env.triggers.triggers.some((t) => t.handler === handler && t.dueAt !== undefined && !t.fired);
  for (let minutes = 0; waiting() && minutes < 200; minutes += 1) {
    env.runtime.advance(61_000);
    try {
      runs += env.runDueClockTriggers();
    } catch (error) {
      if (!String(error).includes(TIME_LIMIT)) throw error;
      killed += 1;
      runs += 1;
    }
  }
  return { runs, killed };
}

/** The longest execution of `entries` since `from` (modelled ms). */
function longest(env: GasEnvironment, entries: readonly string[], from: number): number {
  return Math.max(
    0,
    ...env.runtime.finished.filter((f) => entries.includes(f.entry) && f.startedAt >= from).map((f) => f.ms),
  );
}

function installed(count: number, bundleFile: string): Account {
  const project = readProject(path.join(path.dirname(bundleFile), 'suivi.config.json'));
  const env = createGasEnvironment({ now: paris('2022-05-12', 10), mailQuota: 1500, account: 'workspace' });
  env.createContainer('Suivi MES');
  const bundle = loadBundle(env, bundleFile);
  bundle.run('install', [], { ui: true });
  continueUntilDone(env, 'resumeInstall');
  expect(env.drive.list('form').length).toBeGreaterThanOrEqual(2 * count);
  return { env, bundle, project };
}

/** Each establishment's referent, as its initialisation form would have recorded it. */
function giveReferents(account: Account): void {
  const { env, project } = account;
  env.execute('test: referents', () => {
    const rt = openRuntime(env.globals, project, { now: () => new Date(env.runtime.now()) });
    for (const e of rt.store.listEstablishments()) {
      const outcome = updateProfile(rt, {
        establishmentId: e.id,
        author: 'test',
        profile: {
          values: {
            care_type: ['MCO'],
            bed_count: '300',
            software: [{ gam: 'GAM', dpi: 'DPI', mss: 'MSS' }],
            ins_status: 'Non déployé',
            dmp_status: 'DPI compatible DMP',
            es_contact: [
              {
                last_name: 'Référent',
                first_name: 'Paul',
                email: `referent@${e.id}.fr`,
                role: 'Directeur',
                phone: '01 02 03 04 05',
              },
            ],
          },
          useCases: {},
        },
      });
      if (outcome.status !== 'saved') throw new Error(`${e.id}: ${JSON.stringify(outcome)}`);
    }
  });
}

function weeklyFormOf(account: Account, name: string): string {
  const title = `${account.project.forms.weekly.title} — ${name}`;
  const form = [...account.env.forms.byId.values()].find((f) => f.title === title);
  if (!form) throw new Error(`no form ${title}`);
  return form.id;
}

function weeklyAnswers(account: Account, week: string, date: string): Record<string, string> {
  const answers: Record<string, string> = {
    Semaine: describeWeek(week as Parameters<typeof describeWeek>[0]),
    'Date actualisation du suivi': date,
  };
  for (const c of counterColumns(account.project.tracking)) answers[c.label] = '7';
  return answers;
}

/** Whether Historique holds a version of `week` for the establishment's row. */
function stored(env: GasEnvironment, establishmentId: string, week: string): boolean {
  const h = env.container.sheet('Historique');
  if (!h) return false;
  const jsonCol = h.lastColumn();
  for (let r = 2; r <= h.lastRow(); r += 1) {
    const raw = h.cell(r, jsonCol)?.value;
    if (typeof raw !== 'string' || raw === '') continue;
    const v = JSON.parse(raw) as { rowKey?: string; week?: string };
    if (v.week === week && v.rowKey?.startsWith(`${establishmentId}/`)) return true;
  }
  return false;
}

describe('the Monday job at 500 establishments, every one late', () => {
  let account: Account;
  let runs = 0;
  let killed = 0;
  let longestMs = 0;
  let submittedAt = 0;
  let ingested: { at: number | null } = { at: null };

  afterAll(() => {
    process.stdout.write(
      `\n[lundi à 500 ES en retard] exécutions ${runs}, plus longue ${Math.round(longestMs / 1000)} s, réponse reçue pendant le travail enregistrée en ${Math.round(((ingested.at ?? NaN) - submittedAt) / 1000)} s\n`,
    );
  });

  beforeAll(() => {
    account = installed(500, bundleOf(500));
    giveReferents(account);
    const { env } = account;
    env.runtime.setNow(paris('2022-05-23', 9));
    const start = env.runtime.now();
    // A referent of the middle of the registry submits a late report (the first week: its form, not yet brought
    // to the new week, offers no other) two minutes into the job.
    submittedAt = start + 2 * 60_000;
    env.submitFormAt(
      submittedAt,
      weeklyFormOf(account, 'CENTRE HOSPITALIER 250'),
      weeklyAnswers(account, '2022-W19', '2022-05-20'),
      () => (ingested = env.watch(() => stored(env, 'es-250', '2022-W19'))),
    );
    env.runWeeklyTriggers();
    const more = continueUntilDone(env, 'weeklyTick');
    runs = 1 + more.runs;
    killed = more.killed;
    longestMs = longest(env, ['weeklyTick'], start);
  });

  it('finishes by continuation, every run ending before 5 minutes, none killed', () => {
    expect(runs).toBeGreaterThan(1);
    expect(killed).toBe(0);
    expect(longestMs).toBeLessThan(5 * 60_000);
    expect(account.env.properties.script.get('weekly.cursor')).toBeUndefined();
    expect(account.env.properties.script.get('reminders.progress')).toBeUndefined();
  });

  it('sends each late establishment one reminder, and the ARS digest once', () => {
    const reminders = account.env.mail.outbox.filter((m) => m.subject.includes('à compléter'));
    const recipients = reminders.flatMap((m) => m.to);
    expect(new Set(recipients).size).toBe(recipients.length);
    expect(recipients.sort()).toEqual(
      Array.from({ length: 500 }, (_, i) => `referent@es-${String(i + 1).padStart(3, '0')}.fr`).sort(),
    );
    expect(account.env.refusedSubmissions).toEqual([]);
    expect(
      account.env.mail.outbox.filter((m) => m.subject.includes('Synthèse des déclarations')),
    ).toHaveLength(1);
  });

  it('ingests a response submitted during the job within 15 minutes', () => {
    expect(ingested.at).not.toBeNull();
    expect((ingested.at ?? Infinity) - submittedAt).toBeLessThanOrEqual(FIFTEEN_MINUTES);
  });
});

/** Lets Google fire whatever one-off trigger falls due, minute by minute, for `minutes`. */
function letGoogleRun(env: GasEnvironment, minutes: number): void {
  for (let i = 0; i < minutes; i += 1) {
    env.runtime.advance(60_000);
    env.runDueClockTriggers();
  }
}

describe('a response arriving while a long job holds the lock', () => {
  it('during an install of 60 establishments resumed by continuation, is ingested within 15 minutes', () => {
    const project = readProject(path.join(path.dirname(bundleOf(1)), 'suivi.config.json'));
    const bundleFile = bundleOf(60);
    const env = createGasEnvironment({ now: paris('2022-05-12', 10), mailQuota: 1500 });
    env.createContainer('Suivi MES');
    const account: Account = { env, bundle: loadBundle(env, bundleFile), project };
    account.bundle.run('install', [], { ui: true });
    expect(env.triggers.triggers.some((t) => t.handler === 'resumeInstall')).toBe(true);
    // The first establishment's forms exist; the next run starts in a minute and holds the lock for minutes.
    const submittedAt = env.runtime.now() + 90_000;
    let ingested: { at: number | null } = { at: null };
    env.submitFormAt(
      submittedAt,
      weeklyFormOf(account, 'CENTRE HOSPITALIER 001'),
      weeklyAnswers(account, '2022-W19', '2022-05-12'),
      () => (ingested = env.watch(() => stored(env, 'es-001', '2022-W19'))),
    );
    letGoogleRun(env, 20);
    expect(env.refusedSubmissions).toEqual([]);
    expect(env.lock.timeouts).toBeGreaterThan(0);
    expect(ingested.at).not.toBeNull();
    expect((ingested.at ?? Infinity) - submittedAt).toBeLessThanOrEqual(FIFTEEN_MINUTES);
  });

  it('during a RETEX build from the menu, is ingested within 15 minutes', () => {
    const project = readProject(path.join(path.dirname(bundleOf(1)), 'suivi.config.json'));
    const env = createGasEnvironment({ now: paris('2022-05-12', 10), mailQuota: 1500 });
    env.createContainer('Suivi MES');
    const account: Account = { env, bundle: loadBundle(env), project };
    account.bundle.run('install', [], { ui: true });
    env.runtime.setNow(paris('2022-07-04', 10));
    const submittedAt = env.runtime.now() + 20_000;
    let ingested: { at: number | null } = { at: null };
    env.submitFormAt(
      submittedAt,
      weeklyFormOf(account, 'GH COCHIN'),
      weeklyAnswers(account, '2022-W19', '2022-05-13'),
      () => (ingested = env.watch(() => stored(env, 'gh-cochin', '2022-W19'))),
    );
    account.bundle.run('buildRetexV1', [], { ui: true });
    letGoogleRun(env, 20);
    expect(env.refusedSubmissions).toEqual([]);
    expect(env.lock.timeouts).toBeGreaterThan(0);
    expect(env.drive.list('document').some((d) => d.name.startsWith('RETEX-'))).toBe(true);
    expect(ingested.at).not.toBeNull();
    expect((ingested.at ?? Infinity) - submittedAt).toBeLessThanOrEqual(FIFTEEN_MINUTES);
  });
});
