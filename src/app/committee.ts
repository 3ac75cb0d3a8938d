// Issuing the monthly committee pack: the month's model drawn from the stores (src/domain/committee.ts), recorded
// as a new frozen version only when something changed since the month's latest version. Every runtime calls this
// and then fills its own document (a .docx locally, a Google Doc in Google) from the issue's snapshot.
import { accompanimentSettings } from '../schema/accompaniment';
import {
  buildCommitteeModel,
  planCommitteeIssue,
  type CommitteeIssuePlan,
  type CommitteeModel,
} from '../domain/committee';
import { pilotCalendar } from '../domain/calendar';
import type { AccompanimentContext } from './accompaniment';

export function committeeModel(ctx: AccompanimentContext, month: string): CommitteeModel {
  const { config, tracking } = ctx.project;
  return buildCommitteeModel({
    month,
    tracking,
    calendar: pilotCalendar(config),
    settings: accompanimentSettings(config),
    pilotName: config.pilot.name,
    region: config.pilot.region,
    establishments: ctx.store.listEstablishments(),
    versions: ctx.store.listReportVersions(),
    binomes: ctx.accompaniment.listBinomes(),
    assignments: ctx.accompaniment.listAssignments(),
    points: ctx.accompaniment.listPoints(),
    actions: ctx.accompaniment.listActions(),
    texts: ctx.accompaniment.listCommitteeTexts(),
  });
}

export function issueCommittee(
  ctx: AccompanimentContext,
  input: { month: string; author: string },
): CommitteeIssuePlan {
  return ctx.store.transaction(() => {
    const model = committeeModel(ctx, input.month);
    const now = ctx.clock.now();
    const plan = planCommitteeIssue(
      model,
      ctx.accompaniment.listCommitteeIssues(input.month),
      now,
      input.author,
    );
    if (plan.status === 'new') {
      ctx.accompaniment.recordCommitteeIssue(plan.issue);
      ctx.store.appendJournal({
        at: now.toISOString(),
        kind: 'accompaniment',
        actor: input.author,
        role: 'ars',
        target: `comité ${input.month}`,
        summary: `Dossier du comité de suivi émis : version ${plan.issue.label}.`,
      });
    }
    return plan;
  });
}
