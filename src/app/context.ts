// What every use case receives: the validated project, the store and the clock. No globals, no printing.
import type { Project } from '../schema/project';
import type { Clock, Store } from '../ports';
import { pilotCalendar, type PilotCalendar } from '../domain/calendar';
import type { ValidationContext } from '../domain/validate-weekly-report';

export interface AppContext {
  project: Project;
  store: Store;
  clock: Clock;
}

export function calendarOf(ctx: AppContext): PilotCalendar {
  return pilotCalendar(ctx.project.config);
}

export function validationContext(ctx: AppContext, now: Date): ValidationContext {
  return {
    tracking: ctx.project.tracking,
    calendar: calendarOf(ctx),
    departments: ctx.project.departments,
    now,
  };
}
