// Exports always reopen: whatever text a data folder holds (stored before the rule of src/domain/safe-text.ts, or
// written there by hand), the .xlsx opens with ExcelJS, shows it with « � » in place of what XML cannot carry,
// and imports back to the same values.
import * as fc from 'fast-check';
import ExcelJS from 'exceljs';
import { previewImport } from '../../../src/app/import-workbook';
import { MemoryStore } from '../../../src/app/memory-store';
import type { AppContext } from '../../../src/app/context';
import type { CellChange } from '../../../src/domain/model';
import { safeText } from '../../../src/domain/safe-text';
import { decodeExcelEscapes, readTrackingXlsx } from '../../../src/local/xlsx/read-tracking-file';
import { renderWorkbookXlsx } from '../../../src/local/xlsx/render-workbook';
import { pilotSeason, workbookOf } from '../../support/app/pilot-season';
import { anyText } from '../../support/unsafe-text';
import { readSuivi } from '../../support/local/xlsx-cells';

const season = pilotSeason();
const tracking = season.project.tracking;
const AT = '2022-06-30T10:00:00.000Z';

function freshContext(): AppContext {
  return { ...season, store: new MemoryStore(structuredClone((season.store as MemoryStore).state)) };
}

/** Writes straight into the store, past every validation, as an older version or a hand edit would have. */
function plant(ctx: AppContext, texts: { actions: string; remarks: string; group: string; journal: string }) {
  const change = (c: Pick<CellChange, 'scope' | 'target' | 'columnId' | 'value' | 'role'>): CellChange => ({
    ...c,
    previous: null,
    author: 'ancienne version',
    at: AT,
    source: 'grid',
  });
  ctx.store.recordCellChange(
    change({
      scope: 'annotation',
      target: 'gh-cochin/uc1',
      columnId: 'actions',
      value: texts.actions,
      role: 'ars',
    }),
  );
  ctx.store.recordCellChange(
    change({
      scope: 'annotation',
      target: 'gh-bichat/uc1',
      columnId: 'remarks',
      value: texts.remarks,
      role: 'ans',
    }),
  );
  ctx.store.recordCellChange(
    change({
      scope: 'establishment',
      target: 'gh-cochin',
      columnId: 'group',
      value: texts.group,
      role: 'ars',
    }),
  );
  ctx.store.appendJournal({
    at: AT,
    kind: 'cell.refused',
    actor: 'test',
    role: 'es',
    summary: texts.journal,
  });
}

/** How a spreadsheet gives a text back: XML turns a carriage return into a line feed. */
const asRead = (text: string) => safeText(text).replace(/\r\n?/g, '\n');
const textOf = (value: ExcelJS.CellValue) => decodeExcelEscapes(String(value ?? '')).replace(/\r\n?/g, '\n');

describe('an export of a data folder holding any text', () => {
  it('opens with ExcelJS, shows each text with « � » for what XML cannot carry, and imports back unchanged', async () => {
    await fc.assert(
      fc.asyncProperty(anyText, anyText, anyText, anyText, async (actions, remarks, group, journal) => {
        const ctx = freshContext();
        plant(ctx, { actions, remarks, group, journal });
        for (const role of ['ars', 'ans'] as const) {
          const data = await renderWorkbookXlsx(workbookOf(ctx), { role });
          const suivi = await readSuivi(data, tracking);
          expect(textOf(suivi.cell('gh-cochin/uc1', 'actions').value)).toBe(asRead(actions));
          expect(textOf(suivi.cell('gh-bichat/uc1', 'remarks').value)).toBe(asRead(remarks));
          expect(textOf(suivi.cell('gh-cochin/uc1', 'group').value)).toBe(asRead(group));
          const journalTab = suivi.book.getWorksheet('Journal');
          const lastSummary = journalTab?.getRow(journalTab.rowCount).getCell(6).value;
          expect(textOf(lastSummary ?? null)).toBe(asRead(journal));

          const read = await readTrackingXlsx(data, ctx.project);
          if (!read.ok) throw new Error(JSON.stringify(read.errors));
          const preview = previewImport(ctx, role, read.file);
          expect(preview.changes).toEqual([]);
          expect(preview.refused).toEqual([]);
        }
      }),
      { numRuns: 12 },
    );
  }, 120_000);
});
