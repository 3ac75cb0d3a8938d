// What an onEdit handler gets from Google is « the new cell value » as Sheets stored it, not the text typed: a date
// arrives as its serial number and « 01 » as 1 unless the cell is formatted as plain text. The real bundle reads the
// edited cells back, so a date edit and a leading zero are recorded as the person typed them, and a value Sheets
// changed (« 01 » stored as 1 where the text format was cleared) goes through the rules as Sheets holds it.
import { columnLetters } from '../../src/apps-script/cells';
import { loadBundle } from '../support/gas/bundle';
import { createGasEnvironment, type GasEnvironment } from '../support/gas/environment';
import { defaultProject } from '../support/project';
import { paris } from '../support/apps-script/season';

const project = defaultProject();
const column = (id: string) => project.tracking.columns.findIndex((c) => c.id === id) + 1;
const keyCol = project.tracking.columns.length + 1;

function installed(): GasEnvironment {
  const env = createGasEnvironment({ now: paris('2022-05-12', 10) });
  env.createContainer('Suivi MES');
  const bundle = loadBundle(env);
  bundle.run('install', [], { ui: true });
  env.runtime.setNow(paris('2022-05-25', 11));
  return env;
}

function suiviRow(env: GasEnvironment, key: string): number {
  const suivi = env.container.sheet('Suivi')!;
  for (let r = 3; r <= suivi.lastRow(); r += 1) if (suivi.cell(r, keyCol)?.value === key) return r;
  throw new Error(`no row ${key}`);
}

/** The last line of the Modifications tab: [column label, old value, new value]. */
function lastModification(env: GasEnvironment): unknown[] {
  const m = env.container.sheet('Modifications')!;
  const r = m.lastRow();
  return [m.cell(r, 6)?.value, m.cell(r, 7)?.value, m.cell(r, 8)?.value];
}

describe('onEdit on the real bundle: the edited cell is read back, not taken from e.value', () => {
  it('records a date typed by the ARS as that date (Google hands e.value as a serial number)', () => {
    const env = installed();
    const row = suiviRow(env, 'gh-cochin/uc1');
    const col = column('launch_meeting_date');
    env.edit(env.owner, env.container.id, 'Suivi', `${columnLetters(col)}${row}`, '20/05/2022');
    const suivi = env.container.sheet('Suivi')!;
    const stored = suivi.cell(row, col)?.value;
    expect(stored).toBeInstanceOf(Date);
    expect(lastModification(env)).toEqual(['Date réunion de lancement', expect.anything(), '20/05/2022']);
  });

  it('keeps a leading zero typed in a text column (« 01 »), formatted as plain text by install', () => {
    const env = installed();
    const row = suiviRow(env, 'gh-cochin/uc1');
    const col = column('department');
    expect(env.container.sheet('Suivi')!.format(row, col).numberFormat).toBe('@');
    env.edit(env.owner, env.container.id, 'Suivi', `${columnLetters(col)}${row}`, '01');
    expect(env.container.sheet('Suivi')!.cell(row, col)?.value).toBe('01');
    expect(lastModification(env)).toEqual(['Département', '75', '01']);
  });

  it('goes by what Sheets stored when the text format was cleared by hand: « 01 » stored as 1 becomes the code 01', () => {
    const env = installed();
    const row = suiviRow(env, 'gh-cochin/uc1');
    const col = column('department');
    const suivi = env.container.sheet('Suivi')!;
    suivi.setFormat(row, col, { numberFormat: undefined });
    env.edit(env.owner, env.container.id, 'Suivi', `${columnLetters(col)}${row}`, '01');
    // Read back as « 1 », the département rule makes it « 01 », which the store writes back as text.
    expect(lastModification(env)).toEqual(['Département', '75', '01']);
    expect(suivi.cell(row, col)?.value).toBe('01');
  });
});
