// The Google runtime's side of « no lost update »: an officer's onEdit arriving after ingestion changed the row. The
// sheet is the live record there, so a cell edit has no form basis to compare; what matters is that the sheet-edit
// path compares the typed cell with the record as it is now (read under the script lock), never with a snapshot
// taken before ingestion, nor with the event's oldValue. An ARS edit of an ARS column on a row whose ES values
// changed is fine (the columns differ); a hand edit of an ES value made from an older view (the lost-update case:
// the ES's newer declaration reverted) is refused and the ES's latest value put back.
import { columnLetters } from '../../src/apps-script/cells';
import { defaultProject } from '../support/project';
import {
  formOf,
  historyRows,
  installedPilot,
  journal,
  suiviCell,
  suiviRow,
  weeklyAnswersOf,
  type Pilot,
} from '../support/apps-script/pilot';
import { paris } from '../support/apps-script/season';

const project = defaultProject();
const KEY = 'clinique-du-parc/uc1';
const WEEK = '2022-W23';

let pilot: Pilot;
const env = () => pilot.env;

function declare(dmpFed: number): void {
  const form = formOf(env(), 'clinique-du-parc', 'weekly');
  const counters = {
    messages_sent: '10',
    messages_received: '2',
    dmp_fed: String(dmpFed),
    dmp_consulted: '1',
    patients_included: '40',
    visits: '60',
  };
  env().submitForm(form.id, weeklyAnswersOf(form, { ...counters, report_date: '2022-06-09' }, WEEK));
}

function type(user: string, columnId: string, typed: string): void {
  const col = project.tracking.columns.findIndex((c) => c.id === columnId) + 1;
  env().edit(user, env().container.id, 'Suivi', `${columnLetters(col)}${suiviRow(env(), KEY)}`, typed);
}

beforeEach(() => {
  pilot = installedPilot();
  // Monday's run opens the week in the form's choices.
  env().runtime.setNow(paris('2022-06-06', 9));
  env().runWeeklyTriggers();
  env().runtime.setNow(paris('2022-06-10', 9));
  declare(5);
  // The officer looked at the row then (5); the establishment resubmits the week before the officer's edit lands.
  env().runtime.setNow(paris('2022-06-10', 10));
  declare(7);
  expect(suiviCell(env(), KEY, 'dmp_fed')?.value).toBe(7);
});

describe('onEdit after ingestion changed the row', () => {
  it('keeps an ARS edit of its own column and the ES’s newer values beside it', () => {
    env().runtime.setNow(paris('2022-06-10', 11));
    type(env().owner, 'actions', 'Relancer le DSI');
    expect(suiviCell(env(), KEY, 'actions')?.value).toBe('Relancer le DSI');
    expect(suiviCell(env(), KEY, 'dmp_fed')?.value).toBe(7);
    expect(historyRows(env())).toHaveLength(2);
  });

  it('refuses a hand edit that puts back the ES value the officer saw before, and shows the ES’s latest value', () => {
    env().runtime.setNow(paris('2022-06-10', 11));
    type(env().owner, 'dmp_fed', '5');
    expect(suiviCell(env(), KEY, 'dmp_fed')?.value).toBe(7);
    expect(historyRows(env())).toHaveLength(2);
    const restored = journal(env()).find((j) => j.kind === 'reconcile' && j.target === `${KEY} dmp_fed`);
    expect(restored?.summary).toContain('« 7 »');
  });

  /** Types in a Suivi cell now, but lets its onEdit run only when `later` is called (Google queues it meanwhile). */
  function typeDelayed(user: string, columnId: string, typed: string): () => void {
    const held: Array<{ handler: string; event: unknown }> = [];
    env().setDispatcher((handler, event) => held.push({ handler, event }));
    try {
      type(user, columnId, typed);
    } finally {
      env().setDispatcher((handler, event) => pilot.bundle.run(handler, [event]));
    }
    expect(held).toHaveLength(1);
    return () => held.forEach(({ handler, event }) => pilot.bundle.run(handler, [event]));
  }

  it('puts back the value ingestion wrote after the keystroke, not the event’s oldValue, when onEdit runs late', () => {
    env().runtime.setNow(paris('2022-06-10', 11));
    const late = typeDelayed(env().owner, 'dmp_fed', '3');
    // The establishment's new declaration lands between the keystroke and its onEdit.
    env().runtime.setNow(paris('2022-06-10', 11, 5));
    declare(9);
    expect(suiviCell(env(), KEY, 'dmp_fed')?.value).toBe(9);
    late();
    expect(suiviCell(env(), KEY, 'dmp_fed')?.value).toBe(9);
    expect(historyRows(env())).toHaveLength(3);
  });

  it('keeps a late ARS edit of its own column beside the values ingestion wrote meanwhile', () => {
    env().runtime.setNow(paris('2022-06-10', 11));
    const late = typeDelayed(env().owner, 'actions', 'Relancer le DSI');
    env().runtime.setNow(paris('2022-06-10', 11, 5));
    declare(9);
    late();
    expect(suiviCell(env(), KEY, 'actions')?.value).toBe('Relancer le DSI');
    expect(suiviCell(env(), KEY, 'dmp_fed')?.value).toBe(9);
  });
});
