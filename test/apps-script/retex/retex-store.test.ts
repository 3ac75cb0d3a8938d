// The Apps Script RetexStore keeps the RETEX contract on the emulator: texts and frozen snapshots in a hidden tab
// of the master workbook, records cut into parts that fit Google's 50,000-character cells.
import { RETEX_DATA_SHEET, SheetRetexStore } from '../../../src/apps-script/retex/retex-store';
import { JSON_PART_CHARACTERS } from '../../../src/google/json-cells';
import { describeRetexStoreContract, sampleIssue } from '../../support/contract/retex-store-contract';
import { emptyWorkbook } from '../../support/apps-script/harness';

describeRetexStoreContract('Apps Script (emulator)', () => {
  const { rt } = emptyWorkbook();
  const sheet = () => rt.store.sheet(RETEX_DATA_SHEET);
  return { store: new SheetRetexStore(sheet()), reopen: () => new SheetRetexStore(sheet()) };
});

describe('SheetRetexStore', () => {
  it('writes a snapshot larger than a cell as consecutive parts in one call, and reads it back whole', () => {
    const { env, rt } = emptyWorkbook();
    const issue = sampleIssue('V1');
    const size = JSON.stringify(issue).length;
    expect(size).toBeGreaterThan(JSON_PART_CHARACTERS);
    const window = env.calls();
    new SheetRetexStore(rt.store.sheet(RETEX_DATA_SHEET)).recordIssue(issue);
    expect(window.summary()['Range.setValues']).toBe(1);
    const data = env.container.sheet(RETEX_DATA_SHEET)!;
    expect(data.lastRow() - 1).toBe(Math.ceil(size / JSON_PART_CHARACTERS));
    expect(data.hidden).toBe(true);
    expect(new SheetRetexStore(rt.store.sheet(RETEX_DATA_SHEET)).listIssues('V1')).toEqual([issue]);
  });

  it('refuses to read a record whose parts were cut short, rather than hand out half a snapshot', () => {
    const { env, rt } = emptyWorkbook();
    new SheetRetexStore(rt.store.sheet(RETEX_DATA_SHEET)).recordIssue(sampleIssue('V1'));
    const data = env.container.sheet(RETEX_DATA_SHEET)!;
    data.cells.splice(data.lastRow() - 1, 1);
    expect(() => new SheetRetexStore(rt.store.sheet(RETEX_DATA_SHEET)).listIssues()).toThrow('incomplete');
  });
});
