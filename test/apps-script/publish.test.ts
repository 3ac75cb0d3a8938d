// Forms made or copied by a script start unpublished on Google since June 30, 2026 (« API changes to Google Forms »):
// the real bundle must leave every establishment's form published and accepting responses after install, after a
// re-install of forms an earlier version never published, after the weekly refresh (a form closed by hand) and
// after re-creating a form someone deleted. The emulator creates forms and copies unpublished and refuses a
// response to an unpublished or closed form.
import { frAppsScript } from '../../src/apps-script/messages';
import { frGoogleShared } from '../../src/google/messages';
import { describeWeek } from '../../src/domain/iso-week';
import { counterColumns } from '../../src/domain/columns';
import { REGISTRY_COLUMNS } from '../../src/domain/workbook/registry-sheet';
import { loadBundle, type GasBundle } from '../support/gas/bundle';
import { buildBundle } from '../support/gas/build-bundle';
import { createGasEnvironment, type GasEnvironment } from '../support/gas/environment';
import { FormClosedError, type FormData } from '../support/gas/form-app';
import { defaultProject } from '../support/project';
import { paris } from '../support/apps-script/season';

const project = defaultProject();

function installed(): { env: GasEnvironment; bundle: GasBundle } {
  const env = createGasEnvironment({ now: paris('2022-05-12', 10) });
  env.createContainer('Suivi MES');
  const bundle = loadBundle(env);
  bundle.run('install', [], { ui: true });
  expect(env.sheets.alerts.at(-1)).toBe(frAppsScript.installDone(16, 32));
  return { env, bundle };
}

/** The establishments' forms (not the templates they are copied from), live in Drive. */
function establishmentForms(env: GasEnvironment): FormData[] {
  return env.drive
    .list('form')
    .filter((f) => !f.name.startsWith('Modèle'))
    .map((f) => env.forms.get(f.id));
}

function registryLink(env: GasEnvironment, establishmentId: string, key: string): string {
  const sheet = env.container.sheet('Établissements')!;
  const col = REGISTRY_COLUMNS.findIndex((c) => c.key === key) + 1;
  for (let r = 2; r <= sheet.lastRow(); r += 1)
    if (sheet.cell(r, 1)?.value === establishmentId) return String(sheet.cell(r, col)?.value ?? '');
  throw new Error(`${establishmentId} is not in the registry`);
}

function report(week: string, date: string): Record<string, string> {
  const answers: Record<string, string> = {
    Semaine: describeWeek(week),
    'Date actualisation du suivi': date,
  };
  for (const c of counterColumns(project.tracking)) answers[c.label] = '5';
  return answers;
}

function journalSummaries(env: GasEnvironment): string[] {
  const j = env.container.sheet('Journal')!;
  const col = (j.cells[0] ?? []).findIndex((c) => c?.value === 'Résumé') + 1;
  return Array.from({ length: j.lastRow() - 1 }, (_, i) => String(j.cell(i + 2, col)?.value ?? ''));
}

describe('publishing the establishments’ forms (Apps Script)', () => {
  it('leaves every establishment form published and accepting responses after install; the templates stay unpublished', () => {
    const { env } = installed();
    const forms = establishmentForms(env);
    expect(forms).toHaveLength(32);
    expect(forms.filter((f) => !f.published || !f.accepting).map((f) => f.title)).toEqual([]);
    const templates = env.drive.list('form').filter((f) => f.name.startsWith('Modèle'));
    expect(templates.length).toBeGreaterThan(0);
    expect(templates.every((t) => !env.forms.get(t.id).published)).toBe(true);
  });

  it('publishes, at re-install, the forms an earlier version recorded without publishing them, making none twice', () => {
    const { env, bundle } = installed();
    for (const f of establishmentForms(env)) f.published = f.accepting = false;
    // An earlier version's records: no « published » flag.
    const suivi = env.container.sheet('Suivi')!;
    for (const line of suivi.cells)
      for (const cell of line ?? [])
        if (cell && typeof cell.value === 'string' && cell.value.includes('"published":true'))
          cell.value = cell.value.replace(/,"published":true/g, '');
    const weekly = env.forms.byUrl(registryLink(env, 'gh-cochin', 'weekly_link'));
    expect(() => env.submitForm(weekly.id, report('2022-W19', '2022-05-12'))).toThrow(FormClosedError);

    bundle.run('install', [], { ui: true });
    expect(env.sheets.alerts.at(-1)).toBe(frAppsScript.installDone(16, 32));
    expect(establishmentForms(env)).toHaveLength(32);
    expect(establishmentForms(env).filter((f) => !f.published || !f.accepting)).toEqual([]);
    expect(env.submitForm(weekly.id, report('2022-W19', '2022-05-12')).event.row).toBe(2);
  });

  it('checks at re-install every form already in place: reopens one closed by hand, re-creates one deleted', () => {
    const { env, bundle } = installed();
    const closed = env.forms.byUrl(registryLink(env, 'gh-cochin', 'initialisation_link'));
    const deleted = env.forms.byUrl(registryLink(env, 'gh-bichat', 'initialisation_link'));
    closed.accepting = false;
    env.drive.get(deleted.id).trashed = true;

    bundle.run('install', [], { ui: true });
    expect(env.sheets.alerts.at(-1)).toBe(frAppsScript.installDone(16, 32));
    expect([closed.published, closed.accepting]).toEqual([true, true]);
    const remade = env.forms.byUrl(registryLink(env, 'gh-bichat', 'initialisation_link'));
    expect(remade.id).not.toBe(deleted.id);
    expect([remade.published, remade.accepting]).toEqual([true, true]);
    expect(establishmentForms(env)).toHaveLength(32);
    expect(establishmentForms(env).filter((f) => !f.published || !f.accepting)).toEqual([]);
    expect(journalSummaries(env)).toContain(frGoogleShared.formReopened(closed.title));
  });

  it('reopens at the weekly refresh a weekly form closed or unpublished by hand', () => {
    const { env } = installed();
    const cochin = env.forms.byUrl(registryLink(env, 'gh-cochin', 'weekly_link'));
    const bichat = env.forms.byUrl(registryLink(env, 'gh-bichat', 'weekly_link'));
    cochin.accepting = false;
    bichat.published = false;
    env.runtime.setNow(paris('2022-05-23', 9));
    env.runWeeklyTriggers();
    expect([cochin.published && cochin.accepting, bichat.published && bichat.accepting]).toEqual([
      true,
      true,
    ]);
    env.runtime.setNow(paris('2022-05-24', 10));
    expect(env.submitForm(cochin.id, report('2022-W21', '2022-05-24')).event.row).toBe(2);
  });

  it('re-creates at re-install a weekly form someone deleted: published, linked, its new link in the registry', () => {
    const { env, bundle } = installed();
    const old = env.forms.byUrl(registryLink(env, 'gh-cochin', 'weekly_link'));
    env.drive.get(old.id).trashed = true;
    env.runtime.setNow(paris('2022-05-23', 9));
    env.runWeeklyTriggers();
    const title = `${project.forms.weekly.title} — GH COCHIN`;
    expect(journalSummaries(env)).toContain(frAppsScript.formMissing(title));

    bundle.run('install', [], { ui: true });
    expect(env.sheets.alerts.at(-1)).toBe(frAppsScript.installDone(16, 32));
    expect(journalSummaries(env)).toContain(frAppsScript.formRecreated(title));
    const made = env.forms.byUrl(registryLink(env, 'gh-cochin', 'weekly_link'));
    expect(made.id).not.toBe(old.id);
    expect([made.published, made.accepting]).toEqual([true, true]);
    expect(establishmentForms(env)).toHaveLength(32);
    env.runtime.setNow(paris('2022-05-24', 10));
    env.submitForm(made.id, report('2022-W21', '2022-05-24'));
    expect(env.container.sheet('Historique')!.lastRow()).toBe(2);
  });
});

describe('sharing with an address that has no Google account (Apps Script)', () => {
  const ars = 'binome@ars.example';
  const ans = 'ans@sante.example';
  let bundleFile: string;
  beforeAll(() => {
    bundleFile = buildBundle((config) => {
      config.roles = { ars: [ars], ans: [ans] };
    });
  });

  it('shares with the others, journals and shows the refused address with why, and finishes the install', () => {
    const env = createGasEnvironment({ now: paris('2022-05-12', 10) });
    env.sheets.noGoogleAccount.add(ans);
    env.createContainer('Suivi MES');
    const bundle = loadBundle(env, bundleFile);
    bundle.run('install', [], { ui: true });
    expect(env.sheets.alerts.at(-1)).toBe(frAppsScript.installDone(16, 32));
    const refusal = env.sheets.alerts.find((a) => a.includes(ans));
    expect(refusal).toContain(frGoogleShared.noGoogleAccount);
    expect(journalSummaries(env)).toContain(refusal);
    expect([...env.container.editors]).toEqual([ars]);
    // The ARS binôme was also made editor of its protected columns; the refused address of none.
    const arsColumns = env.container.protections.filter((p) => /^suivi-mes:Suivi:ars:/.test(p.description));
    expect(arsColumns.length).toBeGreaterThan(0);
    expect(arsColumns.every((p) => p.editors.has(ars))).toBe(true);
    expect(env.container.protections.some((p) => p.editors.has(ans))).toBe(false);
  });
});
