// One weekly report delivered to the real bundle on an installed workbook whose Historique already holds `history`
// rows, measured by the emulator's call log: on time (the current week, nothing else moves) or late (a past week,
// which moves the values the establishment's weekly form shows and checks). Shared by the bench's budget lines and
// the test that holds the same ceilings (test/apps-script/ingestion-budget.test.ts).
import { counterColumns } from '../../../src/domain/columns';
import { describeWeek } from '../../../src/domain/iso-week';
import { fromParis } from '../../../src/domain/paris-time';
import { readProject } from '../../../src/node/project-files';
import { BUNDLE_FILE, loadBundle } from './bundle';
import { createGasEnvironment, type GasEnvironment } from './environment';
import type { CallWindow } from './runtime';

const at = (y: number, m: number, d: number, h: number, min = 0) => fromParis(y, m, d, h, min).toISOString();

export const ESTABLISHMENT = 'GH COCHIN';

export interface IngestionRun {
  env: GasEnvironment;
  window: CallWindow;
  /** The Historique rows before and after the delivery. */
  rowsBefore: number;
  rowsAfter: number;
}

/**
 * Installs the 16 pilots on 12 May 2022, runs the Monday job of 6 June, fills Historique up to `history` rows, then
 * delivers GH COCHIN's report on Friday 10 June: for week 23 (on time) or week 22 (late). `laterWeek`: GH COCHIN
 * reported week 23 on 7 June already (with 9 everywhere), so the late week 22 lands before a later week.
 */
export function deliverReport(
  history: number,
  kind: 'on-time' | 'late',
  bundleFile = BUNDLE_FILE,
  options: { laterWeek?: boolean } = {},
): IngestionRun {
  const project = readProject();
  const env = createGasEnvironment({ now: at(2022, 5, 12, 10) });
  env.createContainer('Suivi MES');
  const bundle = loadBundle(env, bundleFile);
  bundle.run('install', [], { ui: true });
  env.runtime.setNow(at(2022, 6, 6, 9));
  env.runWeeklyTriggers();
  const sheet = env.container.sheet('Historique');
  if (!sheet) throw new Error('no Historique');
  // Rows of other reports, as the readers would see them (their submission ids are in no record: never parsed).
  const template = Array.from({ length: sheet.lastColumn() + 1 }, (_, j) => ({
    value: j === 0 ? ESTABLISHMENT : `valeur ${j}`,
  }));
  const first = sheet.lastRow() + 1;
  for (let r = first; r < first + history; r += 1) sheet.cells[r - 1] = [...template];
  if (sheet.maxRows < first + history - 1) sheet.maxRows = first + history - 1;
  const form = [...env.forms.byId.values()].find(
    (f) => f.title === `${project.forms.weekly.title} — ${ESTABLISHMENT}`,
  );
  if (!form) throw new Error('no form');
  const answers = (week: string, date: string, value: string) => {
    const a: Record<string, string> = { Semaine: describeWeek(week), 'Date actualisation du suivi': date };
    for (const c of counterColumns(project.tracking)) a[c.label] = value;
    return a;
  };
  if (options.laterWeek) {
    env.runtime.setNow(at(2022, 6, 7, 10));
    env.submitForm(form.id, answers('2022-W23', '2022-06-07', '9'));
  }
  env.runtime.setNow(at(2022, 6, 10, 10));
  const rowsBefore = sheet.lastRow();
  const window = env.calls();
  env.submitForm(
    form.id,
    kind === 'on-time' ? answers('2022-W23', '2022-06-10', '7') : answers('2022-W22', '2022-06-03', '7'),
  );
  return { env, window, rowsBefore, rowsAfter: sheet.lastRow() };
}

/** A call summary for a bench note or a failing test: `name×count`, in order of first call. */
export function describeCalls(window: CallWindow): string {
  return Object.entries(window.summary())
    .map(([k, v]) => `${k}×${v}`)
    .join(', ');
}
