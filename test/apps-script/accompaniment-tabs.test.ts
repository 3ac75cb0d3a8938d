// The accompaniment tabs as install draws them: headers, widths, drop-down lists, plain-text columns, hidden
// technical columns, frozen header, hidden store (as they were when drawn by SpreadsheetApp call by call), in one
// Sheets API batch.
import {
  ACTION_COLUMNS,
  ACTIONS_HEADER,
  BINOMES_HEADER,
  BINOMES_SHEET,
  COMMITTEE_COLUMNS,
  COMMITTEES_HEADER,
  COMMITTEES_SHEET,
  createAccompanimentSheets,
  POINT_COLUMNS,
  POINTS_HEADER,
  POINTS_SHEET,
  ACTIONS_SHEET,
  RECORD_CHOICE,
} from '../../src/apps-script/accompaniment-tabs';
import {
  ACCOMPANIMENT_DATA_HEADER,
  ACCOMPANIMENT_DATA_SHEET,
} from '../../src/apps-script/accompaniment-store';
import { ACTION_STATUS_LABELS } from '../../src/domain/accompaniment';
import type { SheetData } from '../support/gas/sheet-data';
import { emptyWorkbook } from '../support/apps-script/harness';

/** What a person sees of a tab's layout, read from the emulator's model. */
function drawn(sheet: SheetData) {
  const byColumn = <T>(entries: Iterable<[string, T]>, show: (v: T) => string) => {
    const out: Record<number, string[]> = {};
    for (const [key, value] of entries) {
      const [row, col] = key.split(':').map(Number) as [number, number];
      (out[col] ??= []).push(`${row}:${show(value)}`);
    }
    // Each column as its first and last row, and what they hold.
    return Object.fromEntries(
      Object.entries(out).map(([col, cells]) => {
        const rows = cells.map((c) => Number(c.split(':')[0])).sort((a, b) => a - b);
        const kinds = [...new Set(cells.map((c) => c.slice(c.indexOf(':') + 1)))];
        return [col, `${rows[0]}-${rows[rows.length - 1]} (${rows.length}) ${kinds.join(' | ')}`];
      }),
    );
  };
  return {
    header: Array.from({ length: sheet.maxColumns }, (_, i) => sheet.cell(1, i + 1)?.value ?? ''),
    size: `${sheet.maxRows} × ${sheet.maxColumns}`,
    widths: Object.fromEntries(sheet.widths),
    hiddenColumns: [...sheet.hiddenColumns].sort((a, b) => a - b),
    frozenRows: sheet.frozenRows,
    hidden: sheet.hidden,
    validations: byColumn(sheet.validations, (v) => JSON.stringify(v)),
    numberFormats: byColumn(
      [...sheet.formats].filter(([, f]) => f.numberFormat !== undefined),
      (f) => f.numberFormat ?? '',
    ),
  };
}

describe('accompaniment tabs drawn at install', () => {
  it('have their headers, widths, lists, plain-text phones, hidden ids, frozen header and hidden store', () => {
    const { env, rt } = emptyWorkbook();
    const window = env.calls();
    expect(createAccompanimentSheets(rt)).toEqual([
      BINOMES_SHEET,
      POINTS_SHEET,
      ACTIONS_SHEET,
      COMMITTEES_SHEET,
      ACCOMPANIMENT_DATA_SHEET,
    ]);
    // Inserted one by one, drawn in one Sheets API batch (install draws them close to Google's time limit).
    const calls = window.summary();
    expect(calls['Sheets.Spreadsheets.batchUpdate']).toBe(1);
    for (const call of [
      'Sheet.setColumnWidth',
      'Sheet.hideColumns',
      'Sheet.setFrozenRows',
      'Sheet.hideSheet',
      'Range.setValues',
      'Range.setDataValidation',
      'Range.setNumberFormat',
    ])
      expect([call, calls[call]]).toEqual([call, undefined]);
    const tab = (name: string) => drawn(env.container.sheet(name)!);
    const list = (values: string[]) => JSON.stringify({ kind: 'list', values });
    expect(tab(BINOMES_SHEET)).toEqual({
      header: BINOMES_HEADER,
      size: `1000 × ${BINOMES_HEADER.length}`,
      widths: { 7: 320 },
      hiddenColumns: [],
      frozenRows: 1,
      hidden: false,
      validations: {},
      numberFormats: { 8: '2-1000 (999) @', 9: '2-1000 (999) @' },
    });
    expect(tab(POINTS_SHEET)).toEqual({
      header: POINTS_HEADER,
      size: `1000 × ${POINTS_HEADER.length}`,
      widths: { [POINT_COLUMNS.summary]: 360, [POINT_COLUMNS.actions]: 360, [POINT_COLUMNS.status]: 320 },
      hiddenColumns: [POINT_COLUMNS.id],
      frozenRows: 1,
      hidden: false,
      validations: { [POINT_COLUMNS.record]: `2-1000 (999) ${list([RECORD_CHOICE])}` },
      numberFormats: {},
    });
    expect(tab(ACTIONS_SHEET)).toEqual({
      header: ACTIONS_HEADER,
      size: `1000 × ${ACTIONS_HEADER.length}`,
      widths: { [ACTION_COLUMNS.text]: 320, [ACTION_COLUMNS.comment]: 300 },
      hiddenColumns: [ACTION_COLUMNS.id, ACTION_COLUMNS.version],
      frozenRows: 1,
      hidden: false,
      validations: { [ACTION_COLUMNS.status]: `2-1000 (999) ${list(Object.values(ACTION_STATUS_LABELS))}` },
      numberFormats: {},
    });
    expect(tab(COMMITTEES_SHEET)).toEqual({
      header: COMMITTEES_HEADER,
      size: `1000 × ${COMMITTEES_HEADER.length}`,
      widths: { [COMMITTEE_COLUMNS.text]: 520, [COMMITTEE_COLUMNS.state]: 260 },
      hiddenColumns: [],
      frozenRows: 1,
      hidden: false,
      validations: {},
      numberFormats: {},
    });
    const store = tab(ACCOMPANIMENT_DATA_SHEET);
    expect(store.header.slice(0, ACCOMPANIMENT_DATA_HEADER.length)).toEqual(ACCOMPANIMENT_DATA_HEADER);
    expect(store).toMatchObject({ frozenRows: 1, hidden: true, hiddenColumns: [], validations: {} });
    // Created once: a second call draws nothing.
    expect(createAccompanimentSheets(rt)).toEqual([]);
  });
});
