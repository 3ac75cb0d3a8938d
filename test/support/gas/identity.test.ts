// The emulator's model of who runs what, one documented rule per test: triggers belong to their creator and run as
// them, files to whoever created them, and Session names a user only where Google's Session page says it does.
import { createGasEnvironment, type GasEnvironment, type GasEnvironmentOptions } from './environment';
import { MAX_TRIGGERS } from './script-app';
import { PROTECTED_CELL_MESSAGE } from './spreadsheet-app';

const OWNER = 'admin@ars-idf.fr';
const COLLEAGUE = 'binome.ars@ars-idf.fr';
const OUTSIDER = 'sesan.binome@gmail.com';

function setup(options: GasEnvironmentOptions = {}): GasEnvironment {
  const env = createGasEnvironment({ now: '2022-06-10T10:00:00+02:00', owner: OWNER, ...options });
  env.createContainer('Test');
  return env;
}

/** Creates a one-off clock trigger as `user` (a menu click or the script editor). */
function triggerAs(env: GasEnvironment, user: string, handler = 'f'): string {
  return env.execute(
    'create',
    () => env.globals.ScriptApp.newTrigger(handler).timeBased().after(60_000).create().getUniqueId(),
    { as: user },
  );
}

function projectTriggersOf(env: GasEnvironment, user: string): string[] {
  return env.execute('list', () => env.globals.ScriptApp.getProjectTriggers().map((t) => t.getUniqueId()), {
    as: user,
  });
}

describe('installable triggers per user', () => {
  it('lists to each account only the triggers it created', () => {
    const env = setup();
    const mine = triggerAs(env, OWNER);
    const theirs = triggerAs(env, COLLEAGUE);
    expect(projectTriggersOf(env, OWNER)).toEqual([mine]);
    expect(projectTriggersOf(env, COLLEAGUE)).toEqual([theirs]);
  });

  it('refuses to delete another account’s trigger', () => {
    const env = setup();
    triggerAs(env, OWNER);
    const handle = env.execute('list', () => env.globals.ScriptApp.getProjectTriggers()[0]!, { as: OWNER });
    expect(() =>
      env.execute('delete', () => env.globals.ScriptApp.deleteTrigger(handle), { as: COLLEAGUE }),
    ).toThrow('only its owner can delete it');
    expect(env.triggers.triggers).toHaveLength(1);
  });

  it(`counts Google's ${MAX_TRIGGERS} triggers per user per script`, () => {
    const env = setup();
    for (let i = 0; i < MAX_TRIGGERS; i += 1) triggerAs(env, OWNER);
    expect(() => triggerAs(env, OWNER)).toThrow('too many triggers');
    expect(() => triggerAs(env, COLLEAGUE)).not.toThrow();
  });

  it('runs a trigger as the account that created it, whoever fired it', () => {
    const env = setup({ workspaceDomain: 'ars-idf.fr' });
    const seen: string[] = [];
    env.setDispatcher((handler, _event, options) =>
      env.execute(
        handler,
        () =>
          seen.push(
            `${env.globals.Session.getEffectiveUser().getEmail()} / ${env.globals.Session.getActiveUser().getEmail()}`,
          ),
        options,
      ),
    );
    env.execute(
      'install',
      () => {
        const ss = env.globals.SpreadsheetApp.getActiveSpreadsheet()!;
        env.globals.ScriptApp.newTrigger('handleEdit').forSpreadsheet(ss).onEdit().create();
      },
      { as: COLLEAGUE },
    );
    env.container.editors.add(OUTSIDER);
    env.edit(OUTSIDER, env.container.id, 'Sheet1', 'A1', 'x');
    // Runs as the colleague who created it; the outsider who typed is not named.
    expect(seen).toEqual([`${COLLEAGUE} / `]);
  });

  it('refuses a trigger to a simple trigger (onOpen runs without authorization)', () => {
    const env = setup();
    expect(() =>
      env.execute('onOpen', () => env.globals.ScriptApp.newTrigger('f').timeBased().after(1).create()),
    ).toThrow('You do not have permission to call ScriptApp.newTrigger');
  });
});

describe('a script writes as the account it runs as', () => {
  it('refuses a colleague’s execution a protected cell, lets it write elsewhere, and lets the owner write anywhere', () => {
    const env = setup();
    env.container.editors.add(COLLEAGUE);
    const write = (user: string, a1: string) =>
      env.execute(
        'write',
        () => env.globals.SpreadsheetApp.getActiveSpreadsheet()!.getSheets()[0]!.getRange(a1).setValue('x'),
        { as: user },
      );
    env.execute('protect', () => {
      const p = env.globals.SpreadsheetApp.getActiveSpreadsheet()!
        .getSheets()[0]!
        .getRange('A1:A5')
        .protect();
      p.removeEditors(p.getEditors().map((u) => u.getEmail()));
    });
    expect(() => write(COLLEAGUE, 'A2')).toThrow(PROTECTED_CELL_MESSAGE);
    expect(() => write(COLLEAGUE, 'B2')).not.toThrow();
    expect(() => write(OWNER, 'A2')).not.toThrow();
    expect(() => write(OUTSIDER, 'B3')).toThrow(PROTECTED_CELL_MESSAGE);
  });
});

describe('files belong to whoever created them', () => {
  it('gives a spreadsheet, a form, a folder and a copy to the account the execution runs as', () => {
    const env = setup();
    const ids = env.execute(
      'install',
      () => {
        const g = env.globals;
        const form = g.FormApp.create('F');
        const folder = g.DriveApp.createFolder('D');
        return [
          g.SpreadsheetApp.create('S').getId(),
          form.getId(),
          folder.getId(),
          g.DriveApp.getFileById(form.getId()).makeCopy('F2', folder).getId(),
        ];
      },
      { as: COLLEAGUE },
    );
    expect(ids.map((id) => env.drive.get(id).owner)).toEqual([COLLEAGUE, COLLEAGUE, COLLEAGUE, COLLEAGUE]);
    expect(env.drive.get(env.container.id).owner).toBe(OWNER);
  });
});

describe('Session: whose e-mail Google gives', () => {
  const cases: Array<[string, string | null, string, boolean, string]> = [
    // [situation, Workspace domain, user, simple trigger?, e-mail the script reads]
    ['the owner, in the simple onOpen', null, OWNER, true, OWNER],
    ['a colleague of the owner’s domain, in the simple onOpen', 'ars-idf.fr', COLLEAGUE, true, COLLEAGUE],
    ['someone outside the domain, in the simple onOpen', 'ars-idf.fr', OUTSIDER, true, ''],
    ['another person on a consumer account, in the simple onOpen', null, COLLEAGUE, true, ''],
    [
      'someone outside the domain, clicking a menu (their own authorization)',
      'ars-idf.fr',
      OUTSIDER,
      false,
      OUTSIDER,
    ],
  ];
  it.each(cases)('%s (domain %s): getActiveUser of %s', (_situation, domain, user, simple, expected) => {
    const env = setup({ workspaceDomain: domain });
    const email = env.execute('f', () => env.globals.Session.getActiveUser().getEmail(), {
      as: user,
      simpleTrigger: simple,
    });
    expect(email).toBe(expected);
  });

  it('hides an outside editor in an installable onEdit event, names a colleague of the domain', () => {
    const env = setup({ workspaceDomain: 'ars-idf.fr' });
    const users: string[] = [];
    env.setDispatcher((_handler, event) =>
      users.push((event as { user: { getEmail(): string } }).user.getEmail()),
    );
    env.execute('install', () => {
      const ss = env.globals.SpreadsheetApp.getActiveSpreadsheet()!;
      env.globals.ScriptApp.newTrigger('handleEdit').forSpreadsheet(ss).onEdit().create();
    });
    env.container.editors.add(COLLEAGUE);
    env.container.editors.add(OUTSIDER);
    env.edit(COLLEAGUE, env.container.id, 'Sheet1', 'A1', 'x');
    env.edit(OUTSIDER, env.container.id, 'Sheet1', 'A2', 'y');
    env.edit(OWNER, env.container.id, 'Sheet1', 'A3', 'z');
    expect(users).toEqual([COLLEAGUE, '', OWNER]);
  });
});
