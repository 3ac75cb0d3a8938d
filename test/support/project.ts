// Test fixtures built from the repository's real data files: the project, a fixed clock, a seeded store.
import { readProject } from '../../src/node/project-files';
import type { Project } from '../../src/schema/project';
import { establishmentFromSeed, type EstablishmentRecord } from '../../src/domain/model';
import { pilotCalendar } from '../../src/domain/calendar';
import type { ValidationContext } from '../../src/domain/validate-weekly-report';
import { MemoryStore } from '../../src/app/memory-store';
import type { AppContext } from '../../src/app/context';
import type { Clock, Store } from '../../src/ports';

let cached: Project | undefined;

/** The default project (suivi.config.json and the files it names), loaded once per test file. */
export function defaultProject(): Project {
  cached ??= readProject();
  return cached;
}

/** A deep copy to mutate in a test without touching the cached project. */
export function projectCopy(): Project {
  return JSON.parse(JSON.stringify(defaultProject())) as Project;
}

/** A clock that stays where a test puts it. */
export class FixedClock implements Clock {
  constructor(public instant: Date) {}
  now(): Date {
    return new Date(this.instant.getTime());
  }
  set(iso: string): void {
    this.instant = new Date(iso);
  }
}

export function seededEstablishments(project: Project = defaultProject()): EstablishmentRecord[] {
  return project.establishments.map((seed) =>
    establishmentFromSeed(seed, project.departments, project.config, project.tracking),
  );
}

/** A store holding the 16 pilots, as a runtime has them after install. */
export function seededStore(store: Store = new MemoryStore(), project: Project = defaultProject()): Store {
  for (const e of seededEstablishments(project)) store.saveEstablishment(e);
  return store;
}

export function appContext(
  now = '2022-06-10T10:00:00+02:00',
  store: Store = seededStore(),
): AppContext & { clock: FixedClock } {
  return { project: defaultProject(), store, clock: new FixedClock(new Date(now)) };
}

export function validationContextAt(now: string, project: Project = defaultProject()): ValidationContext {
  return {
    tracking: project.tracking,
    calendar: pilotCalendar(project.config),
    departments: project.departments,
    now: new Date(now),
  };
}

/** A complete, valid set of weekly answers (as strings, the way forms send them). */
export function weeklyAnswers(
  counters: Partial<Record<string, number>> = {},
  extra: Record<string, string> = {},
): Record<string, string> {
  const base = {
    messages_sent: 10,
    messages_received: 2,
    dmp_fed: 5,
    dmp_consulted: 1,
    patients_included: 8,
    visits: 12,
    ...counters,
  };
  return {
    report_date: '2022-06-10',
    ...Object.fromEntries(Object.entries(base).map(([k, v]) => [k, String(v)])),
    messaging_feedback: 'Envoi des convocations par la messagerie citoyenne.',
    dmp_feedback: '',
    vigilance_points: '',
    ...extra,
  };
}
