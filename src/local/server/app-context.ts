// What the pages hand to the core: the use cases' context, the form plans' context, the reminders' dependencies,
// all built from the server's dependencies.
import type { AppContext } from '../../app/context';
import { formPlanContextOf, type FormPlanContext } from '../../domain/form-plan';
import { formLink } from '../link-urls';
import type { ReminderDeps } from '../reminders';
import type { ServerDeps } from './types';

export function appContextOf(deps: ServerDeps): AppContext {
  return { project: deps.project, store: deps.store, clock: deps.clock };
}

export function formPlanContext(deps: ServerDeps, now: Date): FormPlanContext {
  return formPlanContextOf(deps.project, now);
}

export function reminderDepsOf(deps: ServerDeps): ReminderDeps {
  return {
    project: deps.project,
    store: deps.store,
    clock: deps.clock,
    mailer: deps.mailer,
    formLink: (id) => formLink(deps.links, deps.baseUrl, id),
  };
}
