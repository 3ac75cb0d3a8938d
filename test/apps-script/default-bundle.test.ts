// The bundle `npm run build` produces (dist/apps-script/Code.js, the repository's default configuration), called as
// Google calls it: install cut by the 6-minute limit and resumed, an install that dies and is run again, an
// on-time report's cost, an edit whose author Google does not reveal (RETEX: retex-menu.test.ts).
import { frAppsScript } from '../../src/apps-script/messages';
import { frSheetEdits } from '../../src/domain/messages';
import { describeWeek } from '../../src/domain/iso-week';
import { counterColumns } from '../../src/domain/columns';
import { loadBundle, type GasBundle } from '../support/gas/bundle';
import { createGasEnvironment, type GasEnvironment } from '../support/gas/environment';
import { SEARCH_DELAY_MS } from '../support/gas/drive-app';
import { ExecutionLimitError } from '../support/gas/runtime';
import { defaultProject } from '../support/project';
import { columnLetters } from '../../src/apps-script/cells';
import { paris } from '../support/apps-script/season';

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
    const { env, bundle } = installed({ latencyScale: 3 });
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
    // Where the first run stops depends on the modelled costs (the forms, or the phase after them): what matters is
    // that it stopped in a phase of its own, resumable, after one run.
    expect(['forms', 'protections']).toContain(cursor.phase);
    expect(cursor.runs).toBe(1);
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
    // The 5th copy succeeds at Google, then the execution dies (Google's time limit) before fetchAll answers: nothing
    // records the copies of that fetchAll.
    let copies = 0;
    const copier = env.drive.copiers.get('form')!;
    env.drive.copiers.set('form', (source, copy) => {
      copier(source, copy);
      copies += 1;
      if (copies === 5) throw new ExecutionLimitError();
    });
    expect(() => bundle.run('install', [], { ui: true })).toThrow('Exceeded maximum execution time');
    expect(env.drive.list('form').length).toBeGreaterThanOrEqual(4 + 5);
    env.drive.copiers.set('form', copier);
    // Run again a minute later: Drive's name search sees the copy by then (SEARCH_DELAY_MS).
    env.runtime.advance(SEARCH_DELAY_MS);
    bundle.run('install', [], { ui: true });
    expect(env.drive.list('form')).toHaveLength(36);
    expect(env.sheets.alerts.at(-1)).toBe(frAppsScript.installDone(16, 32));
  });

  it('reuses, when run again at once, the form a killed run had copied, though Drive cannot find it by name yet', () => {
    const env = createGasEnvironment({ now: paris('2022-05-12', 10) });
    env.createContainer('Suivi MES');
    const bundle = loadBundle(env);
    // Killed right after the 5th copy (the 5th opening of a copy fails), before the form is recorded or linked.
    env.runtime.failNext('FormApp.openById', 'Exceeded maximum execution time', 1, 4);
    expect(() => bundle.run('install', [], { ui: true })).toThrow('Exceeded maximum execution time');
    const copies = env.drive.list('form').length;
    bundle.run('install', [], { ui: true });
    expect(env.sheets.alerts.at(-1)).toBe(frAppsScript.installDone(16, 32));
    expect(env.drive.list('form')).toHaveLength(36);
    expect(copies).toBeLessThan(36);
    // One response tab per form, none twice.
    const responses = env.drive.list('spreadsheet').find((f) => f.id !== env.container.id)!;
    const tabs = env.sheets.get(responses.id).sheets.filter((t) => t.formUrl !== null);
    expect(tabs).toHaveLength(32);
    expect(new Set(tabs.map((t) => t.formUrl)).size).toBe(32);
  });
});

describe('install when Google shows a linked form’s tab late', () => {
  it('waits a bounded number of times, journals the late tab, and links it in the next run without a second tab', () => {
    const env = createGasEnvironment({ now: paris('2022-05-12', 10) });
    env.sheets.linkedTabFlushes = 6;
    env.createContainer('Suivi MES');
    const bundle = loadBundle(env);
    bundle.run('install', [], { ui: true });
    const late = journalSummaries(env).filter((l) => l.startsWith("L'onglet des réponses du formulaire"));
    expect(late.length).toBeGreaterThan(0);
    let runs = 1;
    while (env.triggers.triggers.some((t) => t.handler === 'resumeInstall')) {
      env.runtime.advance(61_000);
      env.runDueClockTriggers();
      runs += 1;
      expect(runs).toBeLessThan(6);
    }
    expect(runs).toBeGreaterThan(1);
    expect(journalSummaries(env)).toContain(frAppsScript.installDone(16, 32));
    expect(env.drive.list('form')).toHaveLength(36);
    const responses = env.drive.list('spreadsheet').find((f) => f.id !== env.container.id)!;
    const tabs = env.sheets.get(responses.id).sheets.filter((t) => t.formUrl !== null);
    expect(tabs).toHaveLength(32);
    // Every tab renamed after its establishment: each was found and recorded once.
    expect(tabs.filter((t) => !/^(Hebdo|Init) — /.test(t.name))).toEqual([]);
  });
});

function journalSummaries(env: GasEnvironment): string[] {
  const j = env.container.sheet('Journal')!;
  const col = (j.cells[0] ?? []).findIndex((c) => c?.value === 'Résumé') + 1;
  return Array.from({ length: j.lastRow() - 1 }, (_, i) => String(j.cell(i + 2, col)?.value ?? ''));
}

describe('ingestion on the default bundle', () => {
  it('ingests an on-time report with 6 service calls at most, the lock held and released', () => {
    const { env } = installed();
    env.runtime.setNow(paris('2022-06-06', 9));
    env.runWeeklyTriggers();
    env.runtime.setNow(paris('2022-06-10', 10));
    const window = env.calls();
    env.submitForm(weeklyForm(env, 'GH COCHIN').id, report('2022-W23'));
    expect(window.io).toBeLessThanOrEqual(6);
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
  it('records an edit whose author Google hides (consumer account) as unknown, in the role owning the column', () => {
    const { env } = installed();
    // The default configuration names no ANS address: the administrator shares the file and the ANS column by hand.
    const ans = 'ans@sante.example';
    expect(project.config.roles.ans).toEqual([]);
    env.container.editors.add(ans);
    for (const p of env.container.protections.filter((x) => /^suivi-mes:Suivi:ans:/.test(x.description)))
      p.editors.add(ans);
    const col = project.tracking.columns.findIndex((c) => c.id === 'remarks') + 1;
    env.edit(ans, env.container.id, 'Suivi', `${columnLetters(col)}3`, 'Vu en comité');
    const m = env.container.sheet('Modifications')!;
    // The last line: install, which has time to draw the accompaniment, journals the binômes it wrote first.
    const row = m.lastRow();
    expect([m.cell(row, 2)?.value, m.cell(row, 3)?.value, m.cell(row, 8)?.value]).toEqual([
      frSheetEdits.unknownAuthor,
      'ans',
      'Vu en comité',
    ]);
  });
});
