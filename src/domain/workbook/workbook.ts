// The whole master workbook: every tab, in order, from the store's records. Pure: also runs inside Apps Script.
import type { Config } from '../../schema/config';
import type { TrackingFile } from '../../schema/tracking-file';
import type { PilotCalendar } from '../calendar';
import { counterColumns } from '../columns';
import { completenessGrid, type CompletenessGrid, type RowRef } from '../completeness';
import { currentState, ledgersFromVersions, type RowLedger } from '../ledger';
import {
  rowKey,
  rowTitle,
  type EstablishmentRecord,
  type JournalEntry,
  type ReportVersion,
  type RowKey,
} from '../model';
import { summarise, type Summary } from '../summary';
import type { Values } from '../values';
import { historySheet } from './history-sheet';
import { journalSheet } from './journal-sheet';
import { legendSheet } from './legend-sheet';
import { registrySheet, type EstablishmentLinks } from './registry-sheet';
import type { WorkbookModel } from './sheet-model';
import { suiviRows, suiviSheet } from './suivi-sheet';
import { synthesisSheet } from './synthesis-sheet';

export interface WorkbookInput {
  tracking: TrackingFile;
  config: Config;
  calendar: PilotCalendar;
  departmentCodes: readonly string[];
  establishments: readonly EstablishmentRecord[];
  /** The whole history, in the order it was written. */
  versions: readonly ReportVersion[];
  /** Current ARS/ANS cells per row. */
  annotations: ReadonlyMap<RowKey, Values>;
  journal: readonly JournalEntry[];
  links: ReadonlyMap<string, EstablishmentLinks>;
  now: Date;
}

export function rowRefs(establishments: readonly EstablishmentRecord[]): RowRef[] {
  return establishments.flatMap((e) =>
    e.useCases.map((u) => ({ rowKey: rowKey(e.id, u.id), establishmentId: e.id, title: rowTitle(e, u) })),
  );
}

/** Summary and completeness from the rows' ledgers, over the weeks already started. */
export function synthesisFromLedgers(
  tracking: TrackingFile,
  calendar: PilotCalendar,
  establishments: readonly EstablishmentRecord[],
  ledgers: ReadonlyMap<RowKey, RowLedger>,
  now: Date,
): { summary: Summary; grid: CompletenessGrid } {
  const refs = rowRefs(establishments);
  const grid = completenessGrid(calendar, refs, ledgers, now);
  return { summary: summarise(tracking, refs, ledgers, grid.weeks), grid };
}

export function buildWorkbook(input: WorkbookInput): WorkbookModel {
  const { tracking, establishments, versions } = input;
  const byId = new Map(establishments.map((e) => [e.id, e]));
  const ledgers = ledgersFromVersions(tracking, versions);
  const current = currentState(versions);
  const { summary, grid } = synthesisFromLedgers(
    tracking,
    input.calendar,
    establishments,
    ledgers,
    input.now,
  );
  return {
    title: `Suivi ${input.config.pilot.name} — ${input.config.pilot.region}`,
    sheets: [
      suiviSheet(
        tracking,
        suiviRows(tracking, establishments, current, input.annotations),
        input.departmentCodes,
      ),
      legendSheet(tracking),
      historySheet(tracking, versions, byId),
      synthesisSheet({ tracking, summary, grid, now: input.now }),
      registrySheet(tracking, establishments, input.links),
      journalSheet(input.journal),
    ],
  };
}

/** Counter ids in order, for renderers that chart them. */
export function counterIds(tracking: TrackingFile): string[] {
  return counterColumns(tracking).map((c) => c.id);
}
