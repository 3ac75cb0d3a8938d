// The REST runtime keeps each establishment's two forms in every one of its Suivi rows' records (stored-json.ts),
// and a record must stay well under a cell's 50,000 characters (Google Drive Help « Files you can store in Google
// Drive », https://support.google.com/drive/answer/37603) with a whole season in it. This builds what install and
// sync keep of the forms of the establishment with the most use cases at the end of a 104-week season (the week
// question then offers every week begun), with a ledger and submissions as test/apps-script/record-size.test.ts
// plays them, and checks the record keeps its room.
import { addWeeks, dateInWeek, type IsoWeek } from '../../src/domain/iso-week';
import { counterColumns } from '../../src/domain/columns';
import { establishmentFromSeed, rowKey } from '../../src/domain/model';
import {
  formPlanContextOf,
  initialisationFormPlan,
  weeklyFormPlan,
  WEEK_FIELD,
} from '../../src/domain/form-plan';
import { formMetaOf, formRequests } from '../../src/google-api/form-requests';
import { choicesOf, parseRowRecord, serializeRowRecord, type RowRecord } from '../../src/google/stored-json';
import { projectCopy } from '../support/project';

const WEEKS = 104;
const FIRST: IsoWeek = '2022-W19';
const CELL_CHARACTERS = 50_000;
/** The share of a cell test/apps-script/record-size.test.ts allows a record. */
const RECORD_SHARE = 0.6;
/** What the two forms may take of it (the Forms API's ids, help text fingerprints, choices, the cursor). */
const FORMS_SHARE = 0.15;

describe('a row’s record with the REST runtime’s forms, after a 104-week season', () => {
  const project = projectCopy();
  const end = dateInWeek(addWeeks(FIRST, WEEKS - 1), 5);
  const calendar = project.config.calendar as { end: string; milestones: { VF: string } };
  calendar.end = end;
  calendar.milestones.VF = end;
  const now = new Date(`${end}T12:00:00+02:00`);
  const seed = [...project.establishments].sort((a, b) => b.useCases.length - a.useCases.length)[0]!;
  const e = establishmentFromSeed(seed, project.departments, project.config, project.tracking);
  const counters = counterColumns(project.tracking).map((c) => c.id);
  const weeks = Array.from({ length: WEEKS }, (_, i) => addWeeks(FIRST, i));
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
  const record: RowRecord = {
    v: 1,
    establishment: e,
    ledger,
    annotations: {},
    // As Apps Script keeps them (`<responses tab>:<row>`, stored as runs): five a week.
    submissions: Array.from({ length: 5 * WEEKS }, (_, i) => `1234567890:${i + 2}`),
    versions: Object.fromEntries(weeks.map((w, i) => [w, `ACYDBNj${i}@2024-05-10T09:00:00.123456Z`])),
    forms: { weekly, initialisation },
  };
  const json = serializeRowRecord(record);

  it('offers every week begun in the week question, keeping the weeks and not their labels', () => {
    const week = weekly.api.questions[WEEK_FIELD]!;
    expect(week.weeks).toHaveLength(WEEKS);
    expect(week.choices).toBeUndefined();
    expect(Object.values(choicesOf(week) ?? {})).toEqual(week.weeks);
  });

  it(`keeps both forms in under ${FORMS_SHARE * 100} % of a cell`, () => {
    expect(JSON.stringify(record.forms).length).toBeLessThan(FORMS_SHARE * CELL_CHARACTERS);
  });

  it(`stays under ${RECORD_SHARE * 100} % of a cell, and reads back whole`, () => {
    expect(json.length).toBeLessThan(RECORD_SHARE * CELL_CHARACTERS);
    const back = parseRowRecord(json, rowKey(e.id, e.useCases[0]!.id));
    expect(back.forms).toEqual(record.forms);
  });
});
