// The long jobs of the real bundle on an account of 500 establishments, with executions overlapping as on Google:
// the Monday job with every establishment late finishes by continuation, each run ending before 5 minutes, and
// sends each reminder once; a response submitted while an install, the Monday job or a RETEX holds the script
// lock is ingested within 15 modelled minutes, not at next Monday's reconciliation.
import path from 'node:path';
import { readProject } from '../../src/node/project-files';
import { loadBundle } from '../support/gas/bundle';
import { createGasEnvironment } from '../support/gas/environment';
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
} from '../support/apps-script/long-jobs';
import { columnLetters } from '../../src/apps-script/cells';
import { suiviRow } from '../support/apps-script/pilot';
import { ARS, paris } from '../support/apps-script/season';
import { frAppsScript } from '../../src/apps-script/messages';

// Installing 500 establishments is a few seconds of emulation per run.
jest.setTimeout(600_000);

const FIFTEEN_MINUTES = 15 * 60_000;

describe('the Monday job at 500 establishments, every one late', () => {
  let account: Account;
  let runs = 0;
  let killed = 0;
  let longestMs = 0;
  let submittedAt = 0;
  let ingested: { at: number | null } = { at: null };
  let editedAt = 0;
  let editRecorded: { at: number | null } = { at: null };

  afterAll(() => {
    process.stdout.write(
      `\n[lundi à 500 ES en retard] exécutions ${runs}, plus longue ${Math.round(longestMs / 1000)} s, réponse reçue pendant le travail enregistrée en ${Math.round(((ingested.at ?? NaN) - submittedAt) / 1000)} s, modification ARS en ${Math.round(((editRecorded.at ?? NaN) - editedAt) / 1000)} s\n`,
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
    // An ARS officer types an action four minutes in: the edit trigger finds the lock taken too.
    editedAt = start + 4 * 60_000;
    const actions = account.project.tracking.columns.findIndex((c) => c.id === 'actions') + 1;
    const typed = 'Point avec le DSI';
    env.runtime.schedule(editedAt, () => {
      const row = suiviRow(env, 'es-100/uc1');
      env.edit(ARS, env.container.id, 'Suivi', `${columnLetters(actions)}${row}`, typed);
      editRecorded = env.watch(() => {
        const m = env.container.sheet('Modifications');
        if (!m) return false;
        for (let r = 2; r <= m.lastRow(); r += 1) if (m.cell(r, 8)?.value === typed) return true;
        return false;
      });
    });
    env.runWeeklyTriggers();
    const more = continueUntilDone(env, 'weeklyTick');
    letGoogleRun(env, 15);
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

  it('records an ARS edit made during the job within 15 minutes, not at next Monday', () => {
    expect(account.env.lock.timeouts).toBeGreaterThan(1);
    expect(editRecorded.at).not.toBeNull();
    expect((editRecorded.at ?? Infinity) - editedAt).toBeLessThanOrEqual(FIFTEEN_MINUTES);
  });

  it('ingests a response submitted during the job within 15 minutes', () => {
    expect(ingested.at).not.toBeNull();
    expect((ingested.at ?? Infinity) - submittedAt).toBeLessThanOrEqual(FIFTEEN_MINUTES);
  });
});

describe('a response arriving while a long job holds the lock', () => {
  it('during an install of 150 establishments resumed by continuation, is ingested within 15 minutes', () => {
    const project = readProject(path.join(path.dirname(bundleOf(1)), 'suivi.config.json'));
    // Large enough to need continuations (since the install's batches, 60 establishments fit in one run).
    const bundleFile = bundleOf(150);
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

describe("an install that runs out of the day's trigger runtime", () => {
  it('resumes the next day on a consumer account when Google is three times as slow', () => {
    const bundleFile = bundleOf(500);
    const project = readProject(path.join(path.dirname(bundleFile), 'suivi.config.json'));
    const env = createGasEnvironment({ now: paris('2022-05-12', 10), mailQuota: 100, account: 'consumer' });
    // Three times: since the batches, the 500-ES install at twice the latency fits in a consumer day's 90 minutes.
    env.runtime.latencyScale = 3;
    env.createContainer('Suivi MES');
    const account: Account = { env, bundle: loadBundle(env, bundleFile), project };
    account.bundle.run('install', [], { ui: true });
    const start = env.runtime.now();
    let minutes = 0;
    while (env.properties.script.get('install.cursor') !== undefined && minutes < 3 * 24 * 60) {
      env.runtime.advance(60_000);
      try {
        env.runDueClockTriggers();
      } catch (error) {
        // Google stops a run when the day's runtime runs out, as it does at 6 minutes.
        if (!String(error).includes('computer time')) throw error;
      }
      minutes += 1;
    }
    expect(env.refusedTriggers.some((r) => r.error.includes('too much computer time'))).toBe(true);
    expect(env.properties.script.get('install.cursor')).toBeUndefined();
    expect(env.runtime.now() - start).toBeGreaterThan(24 * 60 * 60_000);
    const forms = env.drive.list('form');
    expect(new Set(forms.map((f) => f.name)).size).toBe(forms.length);
    expect(forms.length).toBeGreaterThanOrEqual(1000);
    expect(env.triggers.triggers.map((t) => t.handler).sort()).toEqual(
      ['handleEdit', 'handleFormSubmit', 'weeklyTick'].sort(),
    );
  });
});

describe('the catch-up trigger', () => {
  it('arms itself once however many responses miss the lock, again while the lock stays taken, and ingests them', () => {
    const env = createGasEnvironment({ now: paris('2022-05-12', 10), mailQuota: 1500 });
    env.createContainer('Suivi MES');
    const account: Account = { env, bundle: loadBundle(env), project: readProject() };
    account.bundle.run('install', [], { ui: true });
    env.runtime.setNow(paris('2022-05-13', 9));
    const catchUps = () => env.triggers.triggers.filter((t) => t.handler === 'catchUpResponses' && !t.fired);
    env.lock.holdElsewhere();
    for (const name of ['GH COCHIN', 'CLINIQUE DU PARC'])
      env.submitForm(weeklyFormOf(account, name), weeklyAnswers(account, '2022-W19', '2022-05-13'));
    expect(env.lock.timeouts).toBe(2);
    expect(catchUps()).toHaveLength(1);
    // Five minutes later the lock is still taken: the catch-up gives way and arms itself again.
    letGoogleRun(env, 6);
    expect(env.lock.timeouts).toBe(3);
    expect(catchUps()).toHaveLength(1);
    expect(stored(env, 'gh-cochin', '2022-W19')).toBe(false);
    env.lock.releaseElsewhere();
    letGoogleRun(env, 6);
    expect(stored(env, 'gh-cochin', '2022-W19')).toBe(true);
    expect(stored(env, 'clinique-du-parc', '2022-W19')).toBe(true);
    expect(catchUps()).toHaveLength(0);
    expect([...env.properties.script.keys()].filter((k) => k.startsWith('pending.'))).toEqual([]);
  });
  it('catches up responses of two responses spreadsheets, armed by the owner, and refuses anyone else', () => {
    const env = createGasEnvironment({ now: paris('2022-05-12', 10), mailQuota: 1500 });
    env.createContainer('Suivi MES');
    // A small budget per responses spreadsheet spreads the 16 establishments over several (cell-limit.test.ts).
    env.globals.PropertiesService.getScriptProperties().setProperty('responses.cellBudget', '40000');
    const account: Account = { env, bundle: loadBundle(env), project: readProject() };
    account.bundle.run('install', [], { ui: true });
    letGoogleRun(env, 30);
    expect(env.triggers.triggers.some((t) => t.handler === 'resumeInstall')).toBe(false);
    const first = account.project.establishments[0]!;
    const last = account.project.establishments.at(-1)!;
    const destination = (name: string) => env.forms.get(weeklyFormOf(account, name)).destinationId;
    expect(destination(first.name)).not.toBe(destination(last.name));
    env.runtime.setNow(paris('2022-05-13', 9));
    env.lock.holdElsewhere();
    for (const name of [first.name, last.name])
      env.submitForm(weeklyFormOf(account, name), weeklyAnswers(account, '2022-W19', '2022-05-13'));
    const catchUps = () => env.triggers.triggers.filter((t) => t.handler === 'catchUpResponses' && !t.fired);
    expect(catchUps()).toHaveLength(1);
    // Armed by the owner's onFormSubmit trigger: it is the owner's, within the owner's 20 triggers.
    expect(catchUps()[0]!.owner).toBe(env.owner);
    // Anyone else running the catch-up (from the editor) is refused, and nothing is ingested.
    account.bundle.run('catchUpResponses', [], { ui: true, as: ARS });
    expect(env.sheets.alerts.at(-1)).toBe(frAppsScript.ownerOnly(env.owner, ARS));
    env.lock.releaseElsewhere();
    expect(stored(env, first.id, '2022-W19')).toBe(false);
    letGoogleRun(env, 6);
    expect(stored(env, first.id, '2022-W19')).toBe(true);
    expect(stored(env, last.id, '2022-W19')).toBe(true);
    expect(catchUps()).toHaveLength(0);
    expect([...env.properties.script.keys()].filter((k) => k.startsWith('pending.'))).toEqual([]);
  });
});
