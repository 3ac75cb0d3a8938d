// The bundle `npm run build` produces (dist/apps-script/Code.js, the repository's default configuration), called as
// Google calls it: install cut by the 6-minute limit and resumed, an install that dies and is run again, an
// on-time report's cost, the smoke checks, an edit whose author Google does not reveal (RETEX: retex-menu.test.ts).
import { frAppsScript, frSheetEdits } from '../../src/domain/messages';
import { describeWeek } from '../../src/domain/iso-week';
import { counterColumns } from '../../src/domain/columns';
import { loadBundle, type GasBundle } from '../support/gas/bundle';
import { createGasEnvironment, type GasEnvironment } from '../support/gas/environment';
import { defaultProject } from '../support/project';
import { columnLetters } from '../../src/apps-script/cells';
import { paris } from './season';

const project = defaultProject();

function installed(options: { latencyScale?: number } = {}): { env: GasEnvironment; bundle: GasBundle } {
  const env = createGasEnvironment({ now: paris('2022-05-12', 10) });
  env.runtime.latencyScale = options.latencyScale ?? 1;
  env.createContainer('Suivi MES');
  const bundle = loadBundle(env);
  bundle.run('onOpen', [], { ui: true });
  bundle.run('install', [], { ui: true });
  return { env, bundle };
}

function weeklyForm(env: GasEnvironment, establishment: string) {
  const form = [...env.forms.byId.values()].find(
    (f) => f.title === `${project.forms.weekly.title} — ${establishment}`,
  );
  if (!form) throw new Error(`no weekly form for ${establishment}`);
  return form;
}

function report(week: string, visits = 12): Record<string, string> {
  const answers: Record<string, string> = {
    Semaine: describeWeek(week),
    'Date actualisation du suivi': '2022-06-10',
  };
  counterColumns(project.tracking).forEach(
    (c) => (answers[c.label] = String(c.id === 'visits' ? visits : 5)),
  );
  return answers;
}

describe('install on the default bundle', () => {
  it('is cut into runs under the time budget when Google is slow, resumed by a continuation trigger, each form made once', () => {
    const { env, bundle } = installed({ latencyScale: 2.5 });
    expect(env.sheets.alerts[0]).toMatch(/^Installation en cours : \d+\/16/);
    // The continuation in a minute, and its backup the next day (should the day's trigger runtime be spent).
    const continuation = env.triggers.triggers.filter((t) => t.handler === 'resumeInstall');
    expect(continuation.map((t) => Math.round(((t.dueAt ?? 0) - env.runtime.now()) / 3_600_000))).toEqual([
      0, 24,
    ]);
    const cursor = JSON.parse(env.properties.script.get('install.cursor') ?? '{}') as {
      phase: string;
      runs: number;
    };
    expect(cursor).toMatchObject({ phase: 'forms', runs: 1 });
    let runs = 1;
    while (env.triggers.triggers.some((t) => t.handler === 'resumeInstall')) {
      env.runtime.advance(61_000);
      const before = env.runtime.now();
      expect(env.runDueClockTriggers()).toBe(1);
      expect(env.runtime.now() - before).toBeLessThan(5 * 60 * 1000);
      runs += 1;
      expect(runs).toBeLessThan(6);
    }
    expect(runs).toBeGreaterThan(1);
    expect(env.drive.list('form')).toHaveLength(36);
    expect(env.properties.script.has('install.cursor')).toBe(false);
    expect(env.triggers.triggers.map((t) => t.handler).sort()).toEqual([
      'handleEdit',
      'handleFormSubmit',
      'weeklyTick',
    ]);
    bundle.run('install', [], { ui: true });
    expect(env.drive.list('form')).toHaveLength(36);
    expect(env.sheets.alerts.at(-1)).toBe(frAppsScript.installDone(16, 32));
  });

  it('reuses the form a run that died had copied but not recorded', () => {
    const env = createGasEnvironment({ now: paris('2022-05-12', 10) });
    env.createContainer('Suivi MES');
    const bundle = loadBundle(env);
    // The 5th copy succeeds at Google, then the execution dies before anything records it.
    let copies = 0;
    const copier = env.drive.copiers.get('form')!;
    env.drive.copiers.set('form', (source, copy) => {
      copier(source, copy);
      copies += 1;
      if (copies === 5) throw new Error('Service error: Forms');
    });
    expect(() => bundle.run('install', [], { ui: true })).toThrow('Service error: Forms');
    env.drive.copiers.set('form', copier);
    bundle.run('install', [], { ui: true });
    expect(env.drive.list('form')).toHaveLength(36);
    expect(env.sheets.alerts.at(-1)).toBe(frAppsScript.installDone(16, 32));
  });
});

describe('ingestion on the default bundle', () => {
  it('ingests an on-time report with 10 service calls, the lock held and released', () => {
    const { env } = installed();
    env.runtime.setNow(paris('2022-06-06', 9));
    env.runWeeklyTriggers();
    env.runtime.setNow(paris('2022-06-10', 10));
    const window = env.calls();
    env.submitForm(weeklyForm(env, 'GH COCHIN').id, report('2022-W23'));
    expect(window.io).toBeLessThanOrEqual(10);
    expect(window.summary()).toMatchObject({
      'Lock.tryLock': 1,
      'Lock.releaseLock': 1,
      'SpreadsheetApp.flush': 1,
    });
    expect(env.lock.holder).toBeNull();
    const suivi = env.container.sheet('Suivi')!;
    const keyCol = project.tracking.columns.length + 1;
    const row = Array.from({ length: suivi.lastRow() }, (_, i) => i + 1).find(
      (r) => suivi.cell(r, keyCol)?.value === 'gh-cochin/uc1',
    )!;
    expect(suivi.cell(row, project.tracking.columns.findIndex((c) => c.id === 'visits') + 1)?.value).toBe(12);
  });
  it('finds the master workbook by its id when Google makes the responses spreadsheet the active one', () => {
    const { env } = installed();
    env.runtime.setNow(paris('2022-06-06', 9));
    env.runWeeklyTriggers();
    const responses = env.drive.list('spreadsheet').find((f) => f.id !== env.container.id)!;
    const master = env.container;
    env.sheets.containerId = responses.id;
    env.runtime.setNow(paris('2022-06-10', 10));
    env.submitForm(weeklyForm(env, 'GH BICHAT').id, report('2022-W23', 21));
    expect(master.sheet('Historique')!.lastRow()).toBe(2);
    expect(env.sheets.get(responses.id).sheet('Historique')).toBeUndefined();
  });
});

describe('menu actions on the default bundle', () => {
  it('runs the Google behaviour checks, all matching what the emulator assumes, on throwaway files it trashes', () => {
    const { env, bundle } = installed();
    bundle.run('smokeGoogle', [], { ui: true });
    const report = env.container.sheet(frAppsScript.smokeSheet)!;
    const verdicts = Array.from({ length: report.lastRow() - 1 }, (_, i) => [
      report.cell(i + 2, 1)?.value,
      report.cell(i + 2, 4)?.value,
    ]);
    expect(verdicts.filter(([, v]) => v === 'NON')).toEqual([]);
    expect(verdicts.filter(([, v]) => v === 'oui').length).toBeGreaterThanOrEqual(15);
    expect(env.sheets.alerts.at(-1)).toMatch(/^Vérification du comportement de Google : (\d+)\/\1 point/);
    const scratch = [...env.drive.entries.values()].filter((f) => f.name.includes('vérification'));
    expect(scratch.length).toBeGreaterThanOrEqual(2);
    expect(scratch.filter((f) => !f.trashed)).toEqual([]);
  });

  it('records an edit whose author Google hides (consumer account) as unknown, in the role owning the column', () => {
    const { env } = installed();
    const ans = project.config.roles.ans[0]!;
    const col = project.tracking.columns.findIndex((c) => c.id === 'remarks') + 1;
    env.edit(ans, env.container.id, 'Suivi', `${columnLetters(col)}3`, 'Vu en comité');
    const m = env.container.sheet('Modifications')!;
    expect([m.cell(2, 2)?.value, m.cell(2, 3)?.value, m.cell(2, 8)?.value]).toEqual([
      frSheetEdits.unknownAuthor,
      'ans',
      'Vu en comité',
    ]);
  });
});
