// ARS and ANS cells typed directly in the Google Suivi tab, found by sync and recorded through the core (source
// 'sheet'); refused values and ES cells put back from the records, with a French line in the Journal.
import { modificationsOf } from '../support/google-api/modifications';
import { suiviKey } from '../support/google-api/suivi-key';
import { JOURNAL_KIND_LABELS } from '../../src/domain/model';
import { sync } from '../../src/google-api/sync';
import { dateSerial } from '../../src/google/cell-values';
import { decodeRecords } from '../../src/google-api/data-tab';
import { frSheetEdits } from '../../src/domain/messages';
import { defaultProject, FixedClock, weeklyAnswers } from '../support/project';
import { FakeWorkspace, type Value } from '../support/google-api/fake-workspace';
import { installedWorkspace, resetGoogleMocks, testAdapters } from '../support/google-api/google-mocks';
import { respond } from '../support/google-api/respond';

// Each test drives dozens of calls through nock and the fakes: far from the default 5 s on a loaded machine.
jest.setTimeout(60_000);

const CESSRIN = 'cessrin-maisons-laffitte';

describe('cells typed directly in the Suivi tab', () => {
  let fake: FakeWorkspace;
  let spreadsheetId: string;
  beforeEach(async () => {
    ({ fake, spreadsheetId } = await installedWorkspace({ adminEmail: 'admin@ars.fr' }));
  });
  afterEach(resetGoogleMocks);

  const runSync = (now = '2022-06-10T12:00:00+02:00') => {
    const { adapters, google } = testAdapters();
    return sync(adapters, google, {
      project: defaultProject(),
      spreadsheetId,
      clock: new FixedClock(new Date(now)),
    });
  };
  const column = (id: string) => defaultProject().tracking.columns.findIndex((c) => c.id === id);
  const suivi = () => fake.spreadsheet(spreadsheetId).sheets.find((s) => s.properties.title === 'Suivi')!;
  const rowOf = (key: string) => suivi().cells.findIndex((r) => suiviKey(r) === key);
  /** Someone types in a Suivi cell (the sheet holds typed values: numbers, date serials, text). */
  const type = (key: string, columnId: string, value: Value) => {
    suivi().setCell(rowOf(key), column(columnId), value);
  };
  const cell = (key: string, columnId: string) =>
    fake.values(spreadsheetId, 'Suivi')[rowOf(key)]?.[column(columnId)];
  const records = () => decodeRecords(fake.values(spreadsheetId, 'Données').slice(1));
  const changes = () => modificationsOf(fake, spreadsheetId);
  const journal = () => fake.values(spreadsheetId, 'Journal');

  it('records an ARS action typed in the sheet, by its owner role, source « sheet », author unknown', async () => {
    type('gh-cochin/uc1', 'actions', 'Relance de l’éditeur $1 \\n {{x}} =1+1');
    const result = await runSync();
    expect(result.sheetEdits).toEqual({ saved: 1, restored: 0 });
    expect(changes()).toEqual([
      expect.objectContaining({
        scope: 'annotation',
        target: 'gh-cochin/uc1',
        columnId: 'actions',
        value: 'Relance de l’éditeur $1 \\n {{x}} =1+1',
        previous: null,
        role: 'ars',
        source: 'sheet',
        author: frSheetEdits.unknownAuthor,
      }),
    ]);
    expect(
      journal().some(
        (r) => r[1] === JOURNAL_KIND_LABELS['cell.changed'] && String(r[4]).includes('gh-cochin/uc1 actions'),
      ),
    ).toBe(true);
    const again = await runSync('2022-06-10T13:00:00+02:00');
    expect(again.sheetEdits).toEqual({ saved: 0, restored: 0 });
    expect(changes()).toHaveLength(1);
    // In the Modifications tab of the shared layout, no longer copied into « Données ».
    expect(records().filter((r) => r.kind === 'change')).toEqual([]);
  });

  it('records an ANS remark as the ANS', async () => {
    type('clinique-du-parc/uc1', 'remarks', 'Retour national attendu');
    await runSync();
    expect(changes()).toEqual([
      expect.objectContaining({ columnId: 'remarks', role: 'ans', source: 'sheet' }),
    ]);
  });

  it('applies an ARS identity value to the establishment and shows it on each of its rows', async () => {
    type(`${CESSRIN}/uc2`, 'launch_meeting_date', dateSerial('2022-05-19'));
    type(`${CESSRIN}/uc2`, 'group', 'MGEN (groupe)');
    const result = await runSync();
    expect(result.sheetEdits.saved).toBe(2);
    expect(changes().map((c) => [c.scope, c.target, c.columnId, c.value])).toEqual([
      ['establishment', CESSRIN, 'group', 'MGEN (groupe)'],
      ['establishment', CESSRIN, 'launch_meeting_date', '2022-05-19'],
    ]);
    for (const uc of ['uc1', 'uc2']) {
      expect(cell(`${CESSRIN}/${uc}`, 'launch_meeting_date')).toBe(dateSerial('2022-05-19'));
      expect(cell(`${CESSRIN}/${uc}`, 'group')).toBe('MGEN (groupe)');
    }
  });

  it('puts back a value the rules refuse and says so in the Journal', async () => {
    const before = cell('gh-cochin/uc1', 'department');
    type('gh-cochin/uc1', 'department', '999');
    type('gh-cochin/uc1', 'ars_contact', 'Durand, Anne');
    const result = await runSync();
    expect(result.sheetEdits).toEqual({ saved: 0, restored: 2 });
    expect(cell('gh-cochin/uc1', 'department')).toBe(before);
    expect(cell('gh-cochin/uc1', 'ars_contact') ?? '').toBe('');
    expect(changes()).toEqual([]);
    const refused = journal().filter((r) => r[1] === JOURNAL_KIND_LABELS['cell.refused']);
    expect(refused.map((r) => String(r[5]))).toEqual([
      expect.stringContaining('code de département attendu'),
      expect.stringContaining('5 champs séparés par « , »'),
    ]);
    const restored = journal().filter((r) => r[1] === JOURNAL_KIND_LABELS['reconcile']);
    expect(String(restored[0]?.[5])).toBe(
      frSheetEdits.restored(
        defaultProject().tracking.columns[column('department')]!.label,
        'GH COCHIN',
        String(before),
      ),
    );
  });

  it('puts back an ES cell typed in the sheet: it changes through the establishment’s form', async () => {
    respond(
      fake,
      spreadsheetId,
      'gh-cochin',
      { ...weeklyAnswers({ dmp_fed: 7 }), week: '2022-W23' },
      '2022-06-10T08:00:00Z',
    );
    await runSync();
    type('gh-cochin/uc1', 'dmp_fed', 70);
    type('gh-cochin/uc1', 'care_type', 'Chirurgie');
    const result = await runSync('2022-06-10T13:00:00+02:00');
    expect(result.sheetEdits).toEqual({ saved: 0, restored: 2 });
    expect(cell('gh-cochin/uc1', 'dmp_fed')).toBe(7);
    expect(cell('gh-cochin/uc1', 'care_type') ?? '').toBe('');
    const refused = journal().filter((r) => r[1] === JOURNAL_KIND_LABELS['cell.refused']);
    expect(refused.map((r) => String(r[5]))).toEqual([
      expect.stringContaining('se modifie par le formulaire'),
      expect.stringContaining('se modifie par le formulaire'),
    ]);
    expect(fake.values(spreadsheetId, 'Historique')).toHaveLength(2);
  });

  it('reads the row of a sorted tab by its key', async () => {
    const cells = suivi().cells;
    const [a, b] = [rowOf('gh-cochin/uc1'), rowOf('clinique-du-parc/uc1')];
    suivi().setRow(a, cells[b]!);
    suivi().setRow(b, cells[a]!);
    type('gh-cochin/uc1', 'actions', 'Après tri');
    await runSync();
    expect(changes()).toEqual([expect.objectContaining({ target: 'gh-cochin/uc1', value: 'Après tri' })]);
  });
});
