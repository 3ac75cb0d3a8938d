// Where things are in the master workbook, derived from the workbook model: the tabs, the Suivi columns (the
// model's, then one hidden "technical data" column this runtime adds), the Historique columns (the model's, then
// the version as JSON), the Journal and the runtime's own hidden Modifications tab. Pure.
import type { Project } from '../schema/project';
import { frAppsScript } from './messages';
import { reportColumns } from '../domain/columns';
import { historySheet } from '../domain/workbook/history-sheet';
import { JOURNAL_COLUMNS } from '../domain/workbook/journal-sheet';
import { SUIVI_HEADER_ROWS } from '../domain/workbook/suivi-sheet';
import { columnRuns } from '../domain/workbook/column-runs';
import { suiviHiddenColumns } from '../google/workbook-layout';

export { HISTORY, JOURNAL, MODIFICATIONS, REGISTRY, SUIVI, SYNTHESIS } from '../google/workbook-layout';

/** A run of adjacent columns: first column (1-based) and how many. */
export type ColumnRun = [number, number];

export class WorkbookGeometry {
  /** Model columns of Suivi (the tracking file's, then the hidden key). */
  readonly suiviWidth: number;
  readonly keyCol: number;
  /** The hidden column holding each row's record (and the meta cell in the header). */
  readonly recordCol: number;
  readonly headerRows = SUIVI_HEADER_ROWS;
  /** Columns an ingestion rewrites: the report's columns, with the ES-owned columns between them. */
  readonly reportRuns: ColumnRun[];
  readonly historyWidth: number;
  readonly historyJsonCol: number;
  readonly historySubmissionCol: number;
  readonly journalWidth = JOURNAL_COLUMNS.length;
  readonly modificationsWidth = frAppsScript.modificationsHeader.length;
  private readonly positions: Map<string, number>;

  constructor(readonly project: Project) {
    const tracking = project.tracking;
    this.positions = new Map(tracking.columns.map((c, i) => [c.id, i + 1]));
    ({ keyCol: this.keyCol, recordCol: this.recordCol } = suiviHiddenColumns(tracking));
    this.suiviWidth = this.keyCol;
    const report = reportColumns(tracking).map((c) => this.column(c.id));
    const first = Math.min(...report);
    const last = Math.max(...report);
    const esColumns: number[] = [];
    for (let col = first; col <= last; col += 1)
      if (tracking.columns[col - 1]?.owner === 'es') esColumns.push(col);
    this.reportRuns = columnRuns(esColumns);
    const history = historySheet(tracking, [], new Map());
    this.historyWidth = history.columns.length;
    this.historyJsonCol = this.historyWidth + 1;
    this.historySubmissionCol = history.columns.findIndex((c) => c.key === 'submission_id') + 1;
  }

  /** 1-based Suivi column of a tracking-file column. */
  column(id: string): number {
    const col = this.positions.get(id);
    if (col === undefined) throw new Error(`Column ${id} is not in the tracking file`);
    return col;
  }

  /** The tracking-file column at a 1-based Suivi column, if any. */
  columnAt(col: number): Project['tracking']['columns'][number] | undefined {
    return this.project.tracking.columns[col - 1];
  }
}
