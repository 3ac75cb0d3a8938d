// Reads a region's official tracking file (.xlsx) for the national instance: the Suivi sheet through the import
// reader of every other import (zip guard, limits, labels verbatim, row keys), then the Historique sheet and the
// workbook's creation time (when the region's instance exported it), handed to src/domain/workbook/regional-file.ts.
import crypto from 'node:crypto';
import ExcelJS from 'exceljs';
import { readRegionalFile, type RegionalRead } from '../../domain/workbook/regional-file';
import { SHEET_NAMES } from '../../domain/workbook/sheet-model';
import type { Region } from '../../domain/regions';
import type { GridCell, SheetGrid } from '../../domain/workbook/tracking-grid';
import type { Project } from '../../schema/project';
import { DEFAULT_READ_LIMITS, gridCellOf, readTrackingXlsx } from './read-tracking-file';

/** Historique rows read at most: 3,000 establishments × 52 weeks with room for corrections. */
const MAX_HISTORY_ROWS = 400_000;

export interface RegionalFileRead {
  read: RegionalRead;
  /** SHA-256 of the file's bytes: the same file loaded twice is recognised. */
  sha256: string;
}

function historyGrid(ws: ExcelJS.Worksheet): SheetGrid {
  const rows: GridCell[][] = [];
  ws.eachRow({ includeEmpty: false }, (row, r) => {
    if (r > MAX_HISTORY_ROWS) return;
    const cells: GridCell[] = [];
    row.eachCell({ includeEmpty: false }, (cell, c) => {
      cells[c - 1] = gridCellOf(cell.value);
    });
    rows[r - 1] = Array.from(cells, (c) => c ?? null);
  });
  return { name: ws.name, rows: Array.from(rows, (r) => r ?? []) };
}

export async function readRegionalXlsx(
  data: Buffer,
  project: Project,
  region: Region,
): Promise<RegionalFileRead> {
  const sha256 = crypto.createHash('sha256').update(data).digest('hex');
  let loaded: ExcelJS.Workbook | undefined;
  const suivi = await readTrackingXlsx(
    data,
    project,
    { ...DEFAULT_READ_LIMITS, maxRowElements: MAX_HISTORY_ROWS + 10 },
    (book) => {
      loaded = book;
    },
  );
  if (!suivi.ok) return { sha256, read: { ok: false, errors: suivi.errors.map((e) => e.message) } };
  const book = loaded;
  if (!book) throw new Error('tracking file read without its workbook');
  const created =
    book.created instanceof Date && !Number.isNaN(book.created.getTime()) ? book.created : undefined;
  if (!created)
    return {
      sha256,
      read: {
        ok: false,
        errors: [
          "Date d'export absente des propriétés du classeur : seul un fichier exporté par suivi-mes peut être consolidé.",
        ],
      },
    };
  const ws = book.worksheets.find((s) => s.name === SHEET_NAMES.history);
  return {
    sha256,
    read: readRegionalFile({
      project,
      region,
      exportedAt: created,
      title: typeof book.title === 'string' && book.title !== '' ? book.title : undefined,
      suivi: suivi.file,
      history: ws ? historyGrid(ws) : undefined,
    }),
  };
}
