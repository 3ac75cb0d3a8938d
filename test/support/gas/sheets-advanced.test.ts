// The advanced Sheets service fake: a spreadsheets.batchUpdate of the REST runtime's request bodies is applied to
// the same model SpreadsheetApp reads, atomically, with Google's refusals, and costs one 'batch' call.
import {
  columnRequests,
  formatRequest,
  protectionRequest,
  sheetPropertiesRequest,
  validationRule,
  type SheetsRequest,
} from '../../../src/google/workbook-requests';
import { LATENCY_TABLE } from '../../../src/apps-script/latency-model';
import type { GasSheet, GasSpreadsheet } from '../../../src/apps-script/gas-api';
import { createGasEnvironment, type GasEnvironment } from './environment';

const ARS = 'ars@ars.fr';

function setup(): {
  env: GasEnvironment;
  ss: GasSpreadsheet;
  sheet: GasSheet;
  batch: (r: SheetsRequest[]) => unknown;
} {
  const env = createGasEnvironment({ now: '2022-06-10T10:00:00+02:00' });
  env.createContainer('Test');
  const ss = env.globals.SpreadsheetApp.getActiveSpreadsheet();
  if (!ss) throw new Error('no container');
  ss.addEditors([ARS]);
  const sheet = ss.insertSheet('Suivi', 0);
  const api = env.globals.Sheets?.Spreadsheets;
  if (!api) throw new Error('no advanced service');
  return { env, ss, sheet, batch: (requests) => api.batchUpdate({ requests }, ss.getId()) };
}

describe('advanced Sheets service fake (spreadsheets.batchUpdate)', () => {
  it('draws what SpreadsheetApp then reads: widths, hidden columns, formats, merges, validations, frozen rows', () => {
    const { env, sheet, batch } = setup();
    const id = sheet.getSheetId();
    batch([
      ...columnRequests(id, [
        { width: 200, hidden: false },
        { width: 120, hidden: true },
      ]),
      formatRequest(
        id,
        { row: 0, col: 0, rows: 1, cols: 2 },
        { bold: true, fill: '#D9D9D9', hAlign: 'center' },
      ),
      {
        repeatCell: {
          range: { sheetId: id, startRowIndex: 1, startColumnIndex: 0, endColumnIndex: 1 },
          cell: { userEnteredFormat: { numberFormat: { type: 'TEXT', pattern: '@' } } },
          fields: 'userEnteredFormat.numberFormat',
        },
      },
      {
        mergeCells: {
          range: { sheetId: id, startRowIndex: 0, endRowIndex: 1, startColumnIndex: 2, endColumnIndex: 4 },
          mergeType: 'MERGE_ALL',
        },
      },
      {
        setDataValidation: {
          range: { sheetId: id, startRowIndex: 1, endRowIndex: 10, startColumnIndex: 1, endColumnIndex: 2 },
          rule: validationRule(
            { kind: 'list', values: ['Oui', 'Non'] },
            { row: 1, col: 1, rows: 9, cols: 1 },
          ),
        },
      },
      sheetPropertiesRequest(id, { frozenRows: 1 }),
    ]);
    const data = env.container.sheet('Suivi')!;
    expect([data.widths.get(1), data.widths.get(2), [...data.hiddenColumns]]).toEqual([200, 120, [2]]);
    expect(data.format(1, 2)).toMatchObject({ fontWeight: 'bold', background: '#d9d9d9', hAlign: 'center' });
    expect(data.format(2, 2).fontWeight).toBeUndefined();
    // The unbounded range runs to the last row of the grid.
    expect([data.format(2, 1).numberFormat, data.format(data.maxRows, 1).numberFormat]).toEqual(['@', '@']);
    expect(data.merges).toEqual([{ row: 1, col: 3, rows: 1, cols: 2 }]);
    expect(data.validations.get('5:2')).toEqual({ kind: 'list', values: ['Oui', 'Non'] });
    expect(data.validations.get('11:2')).toBeUndefined();
    expect(data.frozenRows).toBe(1);
    // A cell typed by a person in a plain-text column keeps its leading zero.
    env.edit(env.runtime.owner, env.container.id, 'Suivi', 'A2', '01');
    expect(data.cell(2, 1)?.value).toBe('01');
  });

  it('adds protected ranges that SpreadsheetApp lists, with the owner and the given editors only', () => {
    const { env, ss, sheet, batch } = setup();
    const id = sheet.getSheetId();
    batch([
      protectionRequest(
        { rect: { row: 1, col: 0, rows: null, cols: 1 }, editors: [ARS], description: 'suivi-mes:ars' },
        id,
        undefined,
      ),
      protectionRequest({ rect: null, editors: [], description: 'suivi-mes:owner' }, id, undefined),
    ]);
    const listed = ss
      .getProtections(env.globals.SpreadsheetApp.ProtectionType.RANGE)
      .map((p) => [p.getDescription(), p.getEditors().map((u) => u.getEmail())]);
    expect(listed).toEqual([['suivi-mes:ars', [env.runtime.owner, ARS]]]);
    expect(
      ss.getProtections(env.globals.SpreadsheetApp.ProtectionType.SHEET).map((p) => p.getDescription()),
    ).toEqual(['suivi-mes:owner']);
    // The whole-sheet protection keeps the ARS (a file editor) out even of its column.
    expect(env.container.canEdit(ARS, env.container.sheet('Suivi')!, 5, 1)).toBe(false);
  });

  it('applies nothing when one request of the batch is invalid or of a kind it does not model', () => {
    const { env, sheet, batch } = setup();
    const id = sheet.getSheetId();
    const good = [
      formatRequest(id, { row: 0, col: 0, rows: 1, cols: 1 }, { bold: true }),
      protectionRequest({ rect: null, editors: [], description: 'suivi-mes:owner' }, id, undefined),
    ];
    const data = env.container.sheet('Suivi')!;
    for (const bad of [
      { addBanding: { bandedRange: { range: { sheetId: id } } } },
      formatRequest(id, { row: 0, col: 0, rows: 5000, cols: 1 }, { bold: true }),
      formatRequest(424242, { row: 0, col: 0, rows: 1, cols: 1 }, { bold: true }),
      { repeatCell: { range: { sheetId: id }, cell: {}, fields: 'userEnteredFormat.borders' } },
    ] as SheetsRequest[]) {
      expect(() => batch([...good, bad])).toThrow(/Invalid requests\[2\]/);
      expect(data.format(1, 1).fontWeight).toBeUndefined();
      expect(env.container.protections).toHaveLength(0);
    }
  });

  it('renames tabs, refusing a name another tab bears (in any case) and then renaming none', () => {
    const { ss, sheet, batch } = setup();
    const other = ss.insertSheet('Autre', 1);
    batch([sheetPropertiesRequest(sheet.getSheetId(), { title: 'Hebdo — a' })]);
    expect(ss.getSheets().map((s) => s.getName())).toContain('Hebdo — a');
    expect(() =>
      batch([
        sheetPropertiesRequest(other.getSheetId(), { title: 'Init — a' }),
        sheetPropertiesRequest(sheet.getSheetId(), { title: 'INIT — A' }),
      ]),
    ).toThrow(/Invalid requests\[1\].*already exists/);
    expect(ss.getSheets().map((s) => s.getName())).toEqual(expect.arrayContaining(['Hebdo — a', 'Autre']));
    expect(ss.getSheets().map((s) => s.getName())).not.toContain('Init — a');
  });

  it('refuses the whole batch when an editor has no Google account', () => {
    const { env, sheet, batch } = setup();
    env.sheets.noGoogleAccount.add('nobody@example.org');
    const id = sheet.getSheetId();
    expect(() =>
      batch([
        protectionRequest({ rect: null, editors: [ARS], description: 'a' }, id, undefined),
        protectionRequest({ rect: null, editors: ['nobody@example.org'], description: 'b' }, id, undefined),
      ]),
    ).toThrow(/Invalid requests\[1\]\.addProtectedRange: .*no Google account/);
    expect(env.container.protections).toHaveLength(0);
  });

  it('costs one call of its own latency class, a base plus a share per request', () => {
    const { env, sheet, batch } = setup();
    const id = sheet.getSheetId();
    const window = env.calls();
    batch(
      columnRequests(
        id,
        Array.from({ length: 20 }, () => ({ width: 100, hidden: false })),
      ),
    );
    expect(window.summary()).toEqual({ 'Sheets.Spreadsheets.batchUpdate': 1 });
    const { ms, perCellMs } = LATENCY_TABLE.batch;
    expect(window.records.find((r) => r.kind === 'batch')?.ms).toBeCloseTo(ms + 20 * (perCellMs ?? 0));
  });
});

describe('advanced Sheets service fake (spreadsheets.values.batchUpdate)', () => {
  const values = (env: GasEnvironment) => {
    const api = env.globals.Sheets?.Spreadsheets?.Values;
    if (!api) throw new Error('no Values service');
    return api;
  };

  it('writes RAW text as text and numbers as numbers, in one batch call', () => {
    const { env, ss, sheet } = setup();
    const window = env.calls();
    values(env).batchUpdate(
      {
        valueInputOption: 'RAW',
        data: [{ range: "'Suivi'!A1:C1", majorDimension: 'ROWS', values: [['=1+1', 7, '']] }],
      },
      ss.getId(),
    );
    expect(window.summary()).toEqual({ 'Sheets.Spreadsheets.Values.batchUpdate': 1 });
    expect(sheet.getRange(1, 1, 1, 2).getValues()).toEqual([['=1+1', 7]]);
  });

  it('refuses, as the REST fake does and writing nothing, a null and data wider than its range', () => {
    const { env, ss, sheet } = setup();
    const write = (range: string, row: Array<string | number | null>) => () =>
      values(env).batchUpdate(
        {
          valueInputOption: 'RAW',
          data: [
            { range: "'Suivi'!A5", values: [['avant le refus']] },
            { range, values: [row] },
          ],
        },
        ss.getId(),
      );
    expect(write("'Suivi'!A1:B1", ['nul', null])).toThrow(
      /^API call to sheets\.spreadsheets\.values\.batchUpdate failed with error: Test fake: a RAW value must be a string or a number, not null$/,
    );
    expect(write("'Suivi'!A2:B2", ['a', 'b', 'c'])).toThrow(
      "failed with error: Requested writing within range ['Suivi'!A2:B2], but tried writing to column [C]",
    );
    expect(
      sheet
        .getRange(1, 1, 5, 3)
        .getValues()
        .flat()
        .every((v) => v === ''),
    ).toBe(true);
  });
});
