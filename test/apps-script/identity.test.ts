// Who runs what, on the real bundle: on Google a menu item runs as whoever clicks it and an installable trigger as
// the account that created it; only the account that installed the pilot may run the jobs that change it. And who
// Google names: the e-mail of an editor outside the owner's Workspace domain is blank, so their edit is recorded
// from an unknown author in the role of the protection that let it through.
import { columnLetters } from '../../src/apps-script/cells';
import { MENU_ITEMS } from '../../src/apps-script/menu';
import type { SmokeReport } from '../../src/google/smoke-report';
import { frSheetEdits } from '../../src/domain/messages';
import { loadBundle } from '../support/gas/bundle';
import { buildBundle } from '../support/gas/build-bundle';
import { createGasEnvironment, type GasEnvironment } from '../support/gas/environment';
import { defaultProject } from '../support/project';
import { ADMIN, ANS, ARS, DOMAIN, paris } from '../support/apps-script/season';
import { frAppsScript } from '../../src/apps-script/messages';

const project = defaultProject();
/** An ARS officer on a consumer account: outside the ARS's Workspace domain. */
const ARS_GMAIL = 'sesan.binome@gmail.com';

let bundleFile: string;
beforeAll(() => {
  bundleFile = buildBundle((config) => {
    config.roles = { ars: [ARS, ARS_GMAIL], ans: [ANS] };
    config.reminders.replyTo = ARS;
  });
});

function fresh(): { env: GasEnvironment; run: (entry: string, as: string) => unknown } {
  const env = createGasEnvironment({
    now: paris('2022-05-12', 10),
    owner: ADMIN,
    workspaceDomain: DOMAIN,
    mailQuota: 1500,
  });
  env.createContainer('Suivi MES');
  const bundle = loadBundle(env, bundleFile);
  const run = (entry: string, as: string) => bundle.run(entry, [], { ui: true, as });
  return { env, run };
}

/** The pilot the owner installed from the menu; install shares the workbook with the officers as editors. */
function installed(): { env: GasEnvironment; run: (entry: string, as: string) => unknown } {
  const pilot = fresh();
  pilot.run('onOpen', ADMIN);
  pilot.run('install', ADMIN);
  return pilot;
}

/** Everything an execution could change that the owner relies on. */
function snapshot(env: GasEnvironment) {
  const master = env.container;
  return {
    triggers: env.triggers.triggers.map(
      (t) => `${t.id} ${t.owner} ${t.handler} ${t.event} ${t.sourceId ?? ''}`,
    ),
    protections: master.protections
      .filter((p) => !p.removed)
      .map((p) => `${p.description}: ${[...p.editors].sort().join(', ')}`),
    fileEditors: [...master.editors].sort(),
    files: [...env.drive.entries.values()].map(
      (f) => `${f.id} ${f.owner} ${f.name} ${f.parentId ?? ''} ${f.trashed}`,
    ),
    properties: Object.fromEntries(env.properties.script),
    sheets: master.sheets.map((s) => `${s.name} ${s.lastRow()}×${s.lastColumn()}`),
    mails: env.mail.outbox.length,
  };
}

function menuOf(env: GasEnvironment): string[] {
  return (env.sheets.menus.at(-1)?.items ?? []).map((i) => i.functionName);
}

function modifications(env: GasEnvironment): string[][] {
  const m = env.container.sheet('Modifications')!;
  return Array.from({ length: m.lastRow() - 1 }, (_, i) =>
    [2, 3, 6, 8].map((c) => String(m.cell(i + 2, c)?.value ?? '')),
  );
}

function editSuivi(env: GasEnvironment, user: string, columnId: string, typed: string): void {
  const col = project.tracking.columns.findIndex((c) => c.id === columnId) + 1;
  env.edit(user, env.container.id, 'Suivi', `${columnLetters(col)}3`, typed);
}

describe('an ARS officer (an editor who is not the owner)', () => {
  it.each(MENU_ITEMS.map(([, fn]) => fn))(
    'clicks « %s »: nothing changes and the officer is told, in French, who may',
    (fn) => {
      const { env, run } = installed();
      const before = snapshot(env);
      run(fn, ARS);
      expect(snapshot(env)).toEqual(before);
      expect(env.sheets.alerts.at(-1)).toBe(frAppsScript.ownerOnly(ADMIN, ARS));
    },
  );

  it('runs the continuations from the script editor: refused, nothing changes', () => {
    const { env, run } = installed();
    const before = snapshot(env);
    for (const fn of ['resumeInstall', 'resumeRetex']) {
      run(fn, ARS);
      expect(env.sheets.alerts.at(-1)).toBe(frAppsScript.ownerOnly(ADMIN, ARS));
    }
    expect(snapshot(env)).toEqual(before);
  });

  it('sees only « Qui peut utiliser ce menu ? », which names the owner', () => {
    const { env, run } = installed();
    expect(menuOf(env)).toEqual(MENU_ITEMS.map(([, fn]) => fn));
    run('onOpen', ARS);
    expect(menuOf(env)).toEqual(['explainAccess']);
    const before = snapshot(env);
    run('explainAccess', ARS);
    expect(env.sheets.alerts.at(-1)).toBe(frAppsScript.accessInfo(ADMIN));
    expect(snapshot(env)).toEqual(before);
    run('onOpen', ADMIN);
    expect(menuOf(env)).toEqual(MENU_ITEMS.map(([, fn]) => fn));
  });

  it('outside the domain, gets the whole menu (Google hides who opened) but every item refuses them', () => {
    const { env, run } = installed();
    run('onOpen', ARS_GMAIL);
    expect(menuOf(env)).toEqual(MENU_ITEMS.map(([, fn]) => fn));
    const before = snapshot(env);
    run('install', ARS_GMAIL);
    expect(env.sheets.alerts.at(-1)).toBe(frAppsScript.ownerOnly(ADMIN, ARS_GMAIL));
    expect(snapshot(env)).toEqual(before);
  });

  it('cannot claim a workbook installed before the owner was recorded; its owner still can', () => {
    const { env, run } = installed();
    env.properties.script.delete('owner');
    const before = snapshot(env);
    run('install', ARS);
    expect(env.sheets.alerts.at(-1)).toBe(frAppsScript.ownerOnly(null, ARS));
    expect(snapshot(env)).toEqual(before);
    run('install', ADMIN);
    expect(env.properties.script.get('owner')).toBe(ADMIN);
    expect(env.triggers.triggers.every((t) => t.owner === ADMIN)).toBe(true);
  });

  it('leaves inert an onEdit trigger an officer created before: it runs as the officer and records nothing', () => {
    const { env } = installed();
    env.execute(
      'legacyInstall',
      () => {
        const ss = env.globals.SpreadsheetApp.getActiveSpreadsheet()!;
        env.globals.ScriptApp.newTrigger('handleEdit').forSpreadsheet(ss).onEdit().create();
      },
      { as: ARS },
    );
    const ownersEditTrigger = env.triggers.triggers.find(
      (t) => t.handler === 'handleEdit' && t.owner === ADMIN,
    )!;
    // Only the officer's trigger is left to fire: what it does alone is what it would add to the owner's.
    env.triggers.remove(ownersEditTrigger.id);
    const before = modifications(env);
    editSuivi(env, ARS, 'actions', 'Relancer le DSI');
    expect(modifications(env)).toEqual(before);
  });
});

describe('the owner', () => {
  it('is whoever installs first: a job clicked before any install claims nothing', () => {
    const { env, run } = fresh();
    env.container.editors.add(ARS);
    run('weeklyTick', ARS);
    expect(env.sheets.alerts.at(-1)).toBe(frAppsScript.ownerOnly(null, ARS));
    expect(env.properties.script.get('owner')).toBeUndefined();
    expect(env.triggers.triggers).toEqual([]);
    run('install', ADMIN);
    expect(env.properties.script.get('owner')).toBe(ADMIN);
  });

  it('is recorded by the first install, owns every trigger and file it created, and alone edits owner-only tabs', () => {
    const { env } = installed();
    expect(env.properties.script.get('owner')).toBe(ADMIN);
    expect(new Set(env.triggers.triggers.map((t) => t.owner))).toEqual(new Set([ADMIN]));
    expect(new Set([...env.drive.entries.values()].map((f) => f.owner))).toEqual(new Set([ADMIN]));
    const ownerOnly = env.container.protections.filter((p) => !p.removed && p.description.includes(':owner'));
    expect(ownerOnly.map((p) => p.description)).toContain('suivi-mes:Historique:owner');
    for (const p of ownerOnly) expect([...p.editors]).toEqual([ADMIN]);
  });
});

describe('the Google check, run by the owner', () => {
  it('finds the owner’s e-mail and the weekly trigger install created among the triggers listed to them', () => {
    const { run } = installed();
    const report = run('smokeGoogle', ADMIN) as SmokeReport;
    const identity = report.checks.filter((c) => /Session|getProjectTriggers \(propriétaire\)/.test(c.name));
    expect(identity.map((c) => [c.verdict, c.observed])).toEqual([
      ['conforms', ADMIN],
      ['conforms', ADMIN],
      ['conforms', expect.stringMatching(/hebdomadaire listé$/)],
    ]);
  });

  it('fails loudly, with one failed check, when someone else runs it', () => {
    const { run } = installed();
    const report = run('smokeGoogle', ARS) as SmokeReport;
    expect(report).toMatchObject({ passed: 0, failed: 1 });
    expect(report.checks[0]?.observed).toBe(frAppsScript.ownerOnly(ADMIN, ARS));
  });
});

describe('who Google names as the author of an edit', () => {
  it.each([
    {
      who: 'an officer of the owner’s Workspace domain',
      user: ARS,
      columnId: 'actions',
      author: ARS,
      role: 'ars',
    },
    {
      who: 'an officer on a consumer account, outside the domain,',
      user: ARS_GMAIL,
      columnId: 'actions',
      author: frSheetEdits.unknownAuthor,
      role: 'ars',
    },
    {
      who: 'the ANS, outside the domain,',
      user: ANS,
      columnId: 'remarks',
      author: frSheetEdits.unknownAuthor,
      role: 'ans',
    },
    { who: 'the owner', user: ADMIN, columnId: 'actions', author: ADMIN, role: 'ars' },
  ])('records $who as « $author » in the role $role', ({ user, columnId, author, role }) => {
    const { env } = installed();
    const label = project.tracking.columns.find((c) => c.id === columnId)!.label;
    editSuivi(env, user, columnId, `Saisie de ${user}`);
    expect(modifications(env)).toContainEqual([author, role, label, `Saisie de ${user}`]);
  });
});
