// Where the Google workbook keeps what: the one description both Google runtimes read and write (docs/
// classeur-google.md). The visible tabs are the core's workbook model (Suivi, Historique, Synthèse, Établissements,
// Journal); this adds what only a Google workbook has:
// - Suivi: after the model's columns (the last one being the hidden row key), one hidden « record » column: each row's
//   record as JSON (stored-json.ts), and in the header row 2 the workbook's meta cell. An ingestion reads the key and
//   record columns only, whatever the size of Historique;
// - Historique: after the model's columns, the version as JSON;
// - « Modifications » (hidden): every ARS/ANS cell change, shown and as JSON in its last column;
// - « RETEX (données) » (hidden, owner only): section texts, issued versions and their documents as records cut into
//   parts (json-cells.ts).
// Pure: bundled into Apps Script; imports only the core.
import { frWorkbookLayout } from './messages';
import { historyHeader } from '../domain/workbook/history-sheet';
import { SUIVI_HEADER_ROWS } from '../domain/workbook/suivi-sheet';
import { SHEET_NAMES, type SheetName } from '../domain/workbook/sheet-model';
import type { TrackingFile } from '../schema/tracking-file';

export const SUIVI: SheetName = SHEET_NAMES.suivi;
export const HISTORY: SheetName = SHEET_NAMES.history;
export const SYNTHESIS: SheetName = SHEET_NAMES.synthesis;
export const REGISTRY: SheetName = SHEET_NAMES.registry;
export const JOURNAL: SheetName = SHEET_NAMES.journal;
export const MODIFICATIONS = frWorkbookLayout.modificationsSheet;
export const RETEX_DATA_SHEET = frWorkbookLayout.retexDataSheet;

/** The sheet row (1-based) of Suivi's header holding the meta cell, in the record column. */
export const META_ROW = 2;

/** Suivi's hidden columns (1-based): the row key, after the model's columns, then the row's record. */
export function suiviHiddenColumns(tracking: TrackingFile): { keyCol: number; recordCol: number } {
  const keyCol = tracking.columns.length + 1;
  return { keyCol, recordCol: keyCol + 1 };
}

/** Historique's hidden column (1-based) holding each row's version as JSON, after the model's columns. */
export function historyJsonColumn(tracking: TrackingFile): number {
  return historyHeader(tracking).length + 1;
}

/**
 * The description of the owner-only protection of Suivi's record column (only suivi-mes writes records), by which
 * a runtime finds it again.
 */
export const SUIVI_RECORDS_PROTECTION = `suivi-mes:${SUIVI}:records`;

/** The description of the owner-only protection of the Modifications tab (written by suivi-mes only). */
export const MODIFICATIONS_PROTECTION = `suivi-mes:${MODIFICATIONS}:owner`;

/** The description of the owner-only protection of « RETEX (données) » (written by suivi-mes only). */
export const RETEX_DATA_PROTECTION = `suivi-mes:${RETEX_DATA_SHEET}:owner`;

/** Suivi's first data row (1-based). */
export const SUIVI_FIRST_ROW = SUIVI_HEADER_ROWS + 1;

/**
 * The hidden tab in which `suivi-mes google` kept all its records before the two runtimes shared this layout. A
 * workbook that has it is of the older layout: neither runtime reads it as this one.
 */
export const OLDER_REST_DATA_SHEET = 'Données';

/**
 * Why a workbook cannot be driven as this layout (in French, saying what to do), or undefined when it can. `hasTab`
 * answers from what the runtime already read (REST) or with one look-up (Apps Script).
 */
export function olderLayoutProblem(hasTab: (title: string) => boolean): string | undefined {
  return hasTab(OLDER_REST_DATA_SHEET) ? frWorkbookLayout.olderRestLayout(OLDER_REST_DATA_SHEET) : undefined;
}
