// A Suivi row's record as the REST runtime keeps it at the end of a season of `weeks` weeks, for the record-size
// tests (test/google-api/form-record-size.test.ts, test/google-api/rest-record-size.test.ts): the establishment with
// the most use cases, a ledger with a report every week, and the two forms as install and sync keep them (the week
// question then offers every week begun), Google's ids as long as the Forms API's. The submission ids are the
// caller's: they are what differs between the two runtimes.
import { addWeeks, dateInWeek, type IsoWeek } from '../../../src/domain/iso-week';
import { counterColumns } from '../../../src/domain/columns';
import { establishmentFromSeed, type EstablishmentRecord } from '../../../src/domain/model';
import { formPlanContextOf, initialisationFormPlan, weeklyFormPlan } from '../../../src/domain/form-plan';
import { formMetaOf, formRequests } from '../../../src/google/form-requests';
import type { RowRecord } from '../../../src/google/stored-json';
import { projectCopy } from '../project';

export const SEASON_FIRST_WEEK: IsoWeek = '2022-W19';

export interface SeasonRecord {
  establishment: EstablishmentRecord;
  weeks: IsoWeek[];
  /** The record without its submission ids (`submissions: []`, `versions: {}`). */
  record: RowRecord;
}

export function seasonRecord(weekCount: number): SeasonRecord {
  const project = projectCopy();
  const end = dateInWeek(addWeeks(SEASON_FIRST_WEEK, weekCount - 1), 5);
  const calendar = project.config.calendar as { end: string; milestones: { VF: string } };
  calendar.end = end;
  calendar.milestones.VF = end;
  const now = new Date(`${end}T12:00:00+02:00`);
  const seed = [...project.establishments].sort((a, b) => b.useCases.length - a.useCases.length)[0]!;
  const e = establishmentFromSeed(seed, project.departments, project.config, project.tracking);
  const counters = counterColumns(project.tracking).map((c) => c.id);
  const weeks = Array.from({ length: weekCount }, (_, i) => addWeeks(SEASON_FIRST_WEEK, i));
  const ledger = weeks.map((week, i) => ({
    week,
    version: 4,
    counters: Object.fromEntries(counters.map((c) => [c, 1000 + 4 * i])),
    firstReceivedAt: `${dateInWeek(week, 4)}T08:00:00.000Z`,
    receivedAt: `${dateInWeek(week, 4)}T11:00:00.000Z`,
  }));
  /** What install keeps of a plan's form, Google's ids as long as the Forms API's. */
  const kept = (plan: Parameters<typeof formRequests>[0], formId: string) => {
    const { items } = formRequests(plan);
    const replies = items.map((_, i) => ({
      itemId: `7${String(i).padStart(7, '0')}`,
      questionIds: [`2${i}`.padEnd(8, 'a')],
    }));
    const meta = formMetaOf(
      formId,
      `https://docs.google.com/forms/d/e/1FAIpQLS${formId}/viewform`,
      items,
      replies,
    );
    return { ...meta, published: true, api: { ...meta.api!, since: '2024-05-10T09:00:00.123456Z' } };
  };
  const ctx = formPlanContextOf(project, now);
  const ledgers = new Map(e.useCases.map((u) => [u.id, ledger]));
  const weekly = kept(weeklyFormPlan(ctx, e, ledgers), '1BxiMVs0XRA5nFMdKvBdBZjgmUUqptlbs74OgvE2upms');
  const initialisation = kept(initialisationFormPlan(ctx, e), '1CxiMVs0XRA5nFMdKvBdBZjgmUUqptlbs74OgvE2upms');
  return {
    establishment: e,
    weeks,
    record: {
      v: 1,
      establishment: e,
      ledger,
      annotations: {},
      submissions: [],
      versions: {},
      forms: { weekly, initialisation },
    },
  };
}
