// The Apps Script AccompanimentStore keeps the accompaniment contract on the emulator: every record in the hidden
// « Accompagnement (données) » tab, cut into parts that fit Google's 50,000-character cells.
import { SheetAccompanimentStore, ACCOMPANIMENT_DATA_SHEET } from '../../src/apps-script/accompaniment-store';
import { createAccompanimentSheets } from '../../src/apps-script/accompaniment-tabs';
import { JSON_PART_CHARACTERS } from '../../src/google/json-cells';
import { issueCommittee } from '../../src/app/committee';
import { recordPoint, seedBinomes } from '../../src/app/accompaniment';
import { StaleRecordError } from '../../src/ports';
import { BINOMES, describeAccompanimentContract } from '../support/contract/accompaniment-contract';
import { FixedClock, seededStore } from '../support/project';
import { emptyWorkbook } from '../support/apps-script/harness';

function subject(now = '2022-06-14T18:00:00+02:00') {
  const { env, rt } = emptyWorkbook();
  createAccompanimentSheets(rt);
  seededStore(rt.store);
  const clock = new FixedClock(new Date(now));
  const sheet = () => rt.store.sheet(ACCOMPANIMENT_DATA_SHEET);
  return {
    env,
    rt,
    reopen: () => new SheetAccompanimentStore(sheet()),
    ctx: { project: rt.project, store: rt.store, clock, accompaniment: new SheetAccompanimentStore(sheet()) },
  };
}

describeAccompanimentContract('Apps Script (emulator)', () => ({ ctx: subject().ctx }));

describe('SheetAccompanimentStore', () => {
  it('reads back from the tab what an earlier execution wrote, the latest action version in force', () => {
    const { ctx, reopen } = subject();
    seedBinomes(ctx, BINOMES);
    const outcome = recordPoint(ctx, {
      establishmentId: 'gh-cochin',
      raw: {
        date: '2022-06-14',
        summary: 'Revue.',
        actions: [{ text: 'Former', owner: 'es', dueDate: '2022-06-21' }],
      },
      author: 'ars',
    });
    if (outcome.status !== 'saved') throw new Error('point refused');
    const again = reopen();
    expect(again.listBinomes()).toEqual(ctx.accompaniment.listBinomes());
    expect(again.listPoints()).toEqual([outcome.point]);
    const [action] = again.listActions();
    if (!action) throw new Error('no action');
    again.saveAction({ ...action, status: 'done', version: 2 });
    expect(() => reopen().saveAction({ ...action, status: 'dropped', version: 2 })).toThrow(StaleRecordError);
    expect(reopen().listActions()).toEqual([expect.objectContaining({ status: 'done', version: 2 })]);
  });

  it('writes a committee pack larger than a cell as parts in one call, and reads it back whole', () => {
    const { ctx, env, reopen } = subject('2022-07-01T09:00:00+02:00');
    seedBinomes(ctx, BINOMES);
    ctx.accompaniment.saveCommitteeText({
      month: '2022-06',
      text: 'Arbitrer. '.repeat(5000),
      at: '2022-06-30T10:00:00Z',
      author: 'ars',
    });
    const window = env.calls();
    const plan = issueCommittee(ctx, { month: '2022-06', author: 'ars' });
    if (plan.status !== 'new') throw new Error('not issued');
    expect(JSON.stringify(plan.issue).length).toBeGreaterThan(JSON_PART_CHARACTERS);
    expect(window.summary()['Range.setValues']).toBeGreaterThanOrEqual(1);
    const sheet = env.container.sheet(ACCOMPANIMENT_DATA_SHEET)!;
    const partsOfIssue = Array.from(
      { length: sheet.lastRow() - 1 },
      (_, i) => sheet.cell(i + 2, 1)?.value,
    ).filter((c) => c === 'committee-issue').length;
    expect(partsOfIssue).toBe(Math.ceil(JSON.stringify(plan.issue).length / JSON_PART_CHARACTERS));
    expect(reopen().listCommitteeIssues('2022-06')).toEqual([plan.issue]);
    expect(() => reopen().recordCommitteeIssue(plan.issue)).toThrow('already issued');
    const data = env.container.sheet(ACCOMPANIMENT_DATA_SHEET)!;
    expect(data.hidden).toBe(true);
  });

  it('writes what a batch appended in one call, and nothing when the batch throws', () => {
    const { env, reopen } = subject();
    const store = reopen();
    const assign = (establishmentId: string) =>
      store.assignBinome({ establishmentId, binomeId: 'b1', at: '2022-06-14T16:00:00.000Z', author: 'ars' });
    const window = env.calls();
    store.batch(() => ['gh-cochin', 'clinique-du-parc', 'gh-bichat'].forEach(assign));
    expect(window.summary()['Sheet.appendRow'] ?? 0).toBe(0);
    expect(window.summary()['Range.setValues']).toBe(1);
    expect(
      reopen()
        .listAssignments()
        .map((a) => a.establishmentId),
    ).toEqual(['gh-cochin', 'clinique-du-parc', 'gh-bichat']);
    expect(() =>
      store.batch(() => {
        assign('gh-avicenne');
        throw new Error('interrupted');
      }),
    ).toThrow('interrupted');
    expect(store.listAssignments()).toHaveLength(3);
    expect(reopen().listAssignments()).toHaveLength(3);
  });
});
