// What the long-job tests and the bench do with an account of hundreds of establishments on the real bundle: build
// and install it (continuations fired a minute apart), give every establishment a referent (as its initialisation
// form would), submit a weekly report by form, tell when Historique holds it, and time the executions.
import path from 'node:path';
import { updateProfile } from '../../../src/app/update-profile';
import { counterColumns } from '../../../src/domain/columns';
import { describeWeek, type IsoWeek } from '../../../src/domain/iso-week';
import { openRuntime } from '../../../src/apps-script/runtime';
import { readProject } from '../../../src/node/project-files';
import type { Project } from '../../../src/schema/project';
import { loadBundle, type GasBundle } from '../gas/bundle';
import { buildBundle, generatedRegistry } from '../gas/build-bundle';
import { createGasEnvironment, type GasEnvironment } from '../gas/environment';
import { ARS, paris } from './season';

const TIME_LIMIT = 'Exceeded maximum execution time';

/** A registry of `count` generated establishments, and an ARS officer who receives the digest. */
export function bundleOf(count: number): string {
  return buildBundle((config, dir) => {
    config.files.establishments = generatedRegistry(count, dir);
    config.roles = { ars: [ARS], ans: [] };
  });
}

export interface Account {
  env: GasEnvironment;
  bundle: GasBundle;
  project: Project;
}

/** Fires the due continuations of `handler`, a minute apart, until none is left; how many runs, how many killed. */
export function continueUntilDone(env: GasEnvironment, handler: string): { runs: number; killed: number } {
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
export function longest(env: GasEnvironment, entries: readonly string[], from: number): number {
  return Math.max(
    0,
    ...env.runtime.finished.filter((f) => entries.includes(f.entry) && f.startedAt >= from).map((f) => f.ms),
  );
}

/** An account (Workspace: 1,500 recipients a day) whose install of `count` establishments has finished. */
export function installed(count: number, bundleFile: string, latencyScale = 1): Account {
  const project = readProject(path.join(path.dirname(bundleFile), 'suivi.config.json'));
  const env = createGasEnvironment({ now: paris('2022-05-12', 10), mailQuota: 1500, account: 'workspace' });
  env.runtime.latencyScale = latencyScale;
  env.createContainer('Suivi MES');
  const bundle = loadBundle(env, bundleFile);
  bundle.run('install', [], { ui: true });
  continueUntilDone(env, 'resumeInstall');
  if (env.drive.list('form').length < 2 * count) throw new Error(`install of ${count} did not finish`);
  return { env, bundle, project };
}

/** Each establishment's referent, as its initialisation form would have recorded it (50 per execution). */
export function giveReferents(account: Account): void {
  const { env, project } = account;
  for (let from = 0, more = true; more; from += 50)
    env.execute(
      'test: referents',
      () => {
        const rt = openRuntime(env.globals, project, { now: () => new Date(env.runtime.now()) });
        const all = rt.store.listEstablishments();
        more = from + 50 < all.length;
        for (const e of all.slice(from, from + 50)) {
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
      },
      { trigger: false },
    );
}

export function weeklyFormOf(account: Account, name: string): string {
  const title = `${account.project.forms.weekly.title} — ${name}`;
  const form = [...account.env.forms.byId.values()].find((f) => f.title === title);
  if (!form) throw new Error(`no form ${title}`);
  return form.id;
}

export function weeklyAnswers(account: Account, week: string, date: string): Record<string, string> {
  const answers: Record<string, string> = {
    Semaine: describeWeek(week as IsoWeek),
    'Date actualisation du suivi': date,
  };
  for (const c of counterColumns(account.project.tracking)) answers[c.label] = '7';
  return answers;
}

/** Whether Historique holds a version of `week` for the establishment's row. */
export function stored(env: GasEnvironment, establishmentId: string, week: string): boolean {
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

/** Lets Google fire whatever one-off trigger falls due, minute by minute, for `minutes`. */
export function letGoogleRun(env: GasEnvironment, minutes: number): void {
  for (let i = 0; i < minutes; i += 1) {
    env.runtime.advance(60_000);
    env.runDueClockTriggers();
  }
}
