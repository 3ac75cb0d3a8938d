// The one « runs of adjacent columns » helper that protections, the Sheets REST store and the Apps Script store
// write with: each run becomes one call, so a wrong run writes or protects the wrong columns.
import { columnRuns } from '../../../src/domain/workbook/column-runs';

describe('columnRuns', () => {
  it.each<[string, number[], Array<[number, number]>]>([
    ['nothing', [], []],
    ['one column', [4], [[4, 1]]],
    ['adjacent columns', [0, 1, 2], [[0, 3]]],
    [
      'gaps, in any order',
      [7, 2, 3, 9, 8, 5],
      [
        [2, 2],
        [5, 1],
        [7, 3],
      ],
    ],
    [
      'a column listed twice',
      [3, 3, 4, 6, 6],
      [
        [3, 2],
        [6, 1],
      ],
    ],
  ])('%s', (_, indexes, expected) => {
    expect(columnRuns(indexes)).toEqual(expected);
  });

  it('leaves its input as it was', () => {
    const indexes = [5, 1, 2];
    columnRuns(indexes);
    expect(indexes).toEqual([5, 1, 2]);
  });
});
