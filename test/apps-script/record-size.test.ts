// Google Sheets refuses a cell of more than 50,000 characters (Google Drive Help « Files you can store in Google
// Drive », https://support.google.com/drive/answer/37603), and the emulator does too. Each Suivi row keeps its
// record as JSON in one hidden cell (stored-json.ts): this plays, on the real bundle, a 104-week season in which an
// establishment reports every week, resubmits three times and has a report refused, and checks that its record —
// and every other hidden cell — stays under the limit with room to spare, nothing lost.
import { counterColumns } from '../../src/domain/columns';
import { addWeeks, dateInWeek, describeWeek, type IsoWeek } from '../../src/domain/iso-week';
import { loadBundle } from '../support/gas/bundle';
import { buildBundle, generatedRegistry } from '../support/gas/build-bundle';
import { createGasEnvironment, type GasEnvironment } from '../support/gas/environment';
import { CELL_MAX_CHARACTERS } from '../support/gas/sheet-data';
import { parseRowRecord } from '../../src/google/stored-json';
import { defaultProject } from '../support/project';
import { paris } from '../support/apps-script/season';

jest.setTimeout(600_000);

const project = defaultProject();
const WEEKS = 104;
const FIRST: IsoWeek = '2022-W19';
/** The most a record may take of a cell: what is left is the room for longer ids, texts and later fields. */
const RECORD_SHARE = 0.6;

function season(): { env: GasEnvironment; refused: number; accepted: number } {
  const bundle104 = buildBundle((config, dir) => {
    config.files.establishments = generatedRegistry(2, dir);
    const calendar = config.calendar as { end: string; milestones: { VF: string } };
    calendar.end = dateInWeek(addWeeks(FIRST, WEEKS - 1), 5);
    calendar.milestones.VF = calendar.end;
  });
  const env = createGasEnvironment({ now: paris('2022-05-12', 10) });
  env.createContainer('Suivi MES');
  const bundle = loadBundle(env, bundle104);
  bundle.run('install', [], { ui: true });
  const form = [...env.forms.byId.values()].find(
    (f) => f.title === `${project.forms.weekly.title} — CENTRE HOSPITALIER 001` && f.destinationId !== null,
  );
  if (!form) throw new Error('no weekly form');
  const counters = counterColumns(project.tracking);
  let refused = 0;
  let accepted = 0;
  let level = 0;
  const answers = (week: IsoWeek, value: number): Record<string, string> => {
    const out: Record<string, string> = {
      Semaine: describeWeek(week),
      'Date actualisation du suivi': dateInWeek(week, 4),
    };
    for (const c of counters) out[c.label] = String(value);
    // Long free texts, as a talkative referent writes them.
    out['Points de vigilance'] = `Semaine ${week} : ${'vigilance sur les flux DMP. '.repeat(30)}`;
    return out;
  };
  for (let i = 0; i < WEEKS; i += 1) {
    const week = addWeeks(FIRST, i);
    if (i > 0) {
      env.runtime.setNow(paris(dateInWeek(week, 1), 9));
      env.runWeeklyTriggers();
    }
    const rows = () => env.container.sheet('Historique')!.lastRow();
    for (let v = 0; v < 4; v += 1) {
      env.runtime.setNow(paris(dateInWeek(week, 4), 10 + v));
      level += 1;
      const before = rows();
      env.submitForm(form.id, answers(week, level));
      if (rows() === before + 1) accepted += 1;
    }
    // Refused, its submission id kept: a NIR in a free text, or (from a stale page) counters below last week's.
    env.runtime.setNow(paris(dateInWeek(week, 5), 9));
    const before = rows();
    const stale = answers(week, i % 2 === 0 ? level : level - 5);
    if (i % 2 === 0) stale['Points de vigilance'] = 'Patient 1 85 05 78 006 084 36 orienté en SSR';
    env.submitForm(form.id, stale, { enforce: false });
    if (rows() === before) refused += 1;
  }
  return { env, refused, accepted };
}

describe('a row’s hidden record after a 104-week season with three resubmissions a week and refusals', () => {
  let played: ReturnType<typeof season>;
  beforeAll(() => {
    played = season();
  });

  it('accepted every report and refused every stale one', () => {
    expect(played.accepted).toBe(4 * WEEKS);
    expect(played.refused).toBe(WEEKS);
  });

  it('keeps every week in the record, under 60 % of a cell’s 50,000 characters', () => {
    const suivi = played.env.container.sheet('Suivi')!;
    const recordCol = project.tracking.columns.length + 2;
    const keyCol = project.tracking.columns.length + 1;
    const row = Array.from({ length: suivi.lastRow() }, (_, i) => i + 1).find(
      (r) => suivi.cell(r, keyCol)?.value === 'es-001/uc1',
    )!;
    const json = String(suivi.cell(row, recordCol)?.value);
    const record = parseRowRecord(json, 'Suivi');
    expect(record.ledger).toHaveLength(WEEKS);
    expect(record.submissions).toHaveLength(5 * WEEKS);
    expect(json.length).toBeLessThan(RECORD_SHARE * CELL_MAX_CHARACTERS);
  });

  it('leaves no cell of the workbook near the limit', () => {
    let longest = 0;
    for (const sheet of played.env.container.sheets)
      for (const row of sheet.cells)
        for (const cell of row ?? []) longest = Math.max(longest, String(cell?.value ?? '').length);
    expect(longest).toBeLessThan(RECORD_SHARE * CELL_MAX_CHARACTERS);
  });
});
