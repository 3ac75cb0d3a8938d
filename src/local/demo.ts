// The demo season of `npm start -- --demo`: the core's generator (src/app/demo-season.ts) run on the SQLite store
// of a new data folder, whose clock is then set to a simulated date a little after the last week generated, so the
// forms, the completeness and the summary look like a pilot in its tenth week.
import { seedDemoSeason, type DemoSummary } from '../app/demo-season';
import { addWeeks, compareWeeks, type IsoWeek } from '../domain/iso-week';
import { deadlineOf, pilotCalendar } from '../domain/calendar';
import type { Config } from '../schema/config';
import type { Project } from '../schema/project';
import type { LocalData } from './local-data';
import { seedDemoAccompaniment } from '../app/demo-accompaniment';
import { DEFAULT_CONFIG } from '../node/project-files';
import { openAccompaniment, readBinomesFile } from './accompaniment-data';

/** Weeks of data a demo holds. */
export const DEMO_WEEKS = 10;
/** The simulated "now": the Wednesday morning after the last week's deadline, once late reports are in. */
const AFTER_LAST_DEADLINE_MS = 112 * 3_600_000;

export function demoMoment(config: Config): { untilWeek: IsoWeek; now: Date } {
  const calendar = pilotCalendar(config);
  const candidate = addWeeks(calendar.firstWeek, DEMO_WEEKS - 1);
  const untilWeek = compareWeeks(candidate, calendar.lastWeek) > 0 ? calendar.lastWeek : candidate;
  return { untilWeek, now: new Date(deadlineOf(calendar, untilWeek).getTime() + AFTER_LAST_DEADLINE_MS) };
}

/**
 * Seeds the season into a data folder opened with `demoNow: demoMoment(config).now`: the weekly reports, then the
 * accompaniment (binômes from the configuration's file, points, actions, the June committee pack).
 */
export function seedDemo(
  data: LocalData,
  project: Project,
  configFile: string = DEFAULT_CONFIG,
): DemoSummary {
  const { untilWeek } = demoMoment(project.config);
  const summary = seedDemoSeason({ project, store: data.store, clock: data.clock }, { untilWeek });
  const file = readBinomesFile(project, configFile);
  // Opened without its file: the demo seeds the binômes itself, at the pilot's start.
  const ctx = openAccompaniment({ db: data.db, store: data.store, clock: data.clock }, project, undefined);
  seedDemoAccompaniment(ctx, file);
  return summary;
}
