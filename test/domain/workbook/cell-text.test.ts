import { forceTextForSheets, isFormulaLike, neutraliseForCsv } from '../../../src/domain/workbook/cell-text';

describe('text that must stay text', () => {
  it.each([
    ['=1+2', true],
    ['+33 1 23', true],
    ['-5', true],
    ['@SUM(A1)', true],
    [' =1', true],
    ['\t=1', true],
    ['\r=1', true],
    ['a=1', false],
    ['Mon espace santé', false],
  ])('%j is formula-like: %s', (text, expected) => {
    expect(isFormulaLike(text)).toBe(expected);
  });

  it('prefixes every non-empty string for Apps Script setValues', () => {
    expect(forceTextForSheets('=1+2')).toBe("'=1+2");
    expect(forceTextForSheets('12 %')).toBe("'12 %");
    expect(forceTextForSheets('')).toBe('');
  });

  it('prefixes only dangerous CSV cells', () => {
    expect(neutraliseForCsv('=HYPERLINK("x")')).toBe('\'=HYPERLINK("x")');
    expect(neutraliseForCsv('\tx')).toBe("'\tx");
    expect(neutraliseForCsv('texte')).toBe('texte');
  });
});
