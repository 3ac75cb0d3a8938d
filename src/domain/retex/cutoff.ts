// The data a RETEX includes at a milestone's cut-off: the report versions and annotations received by then, and
// the verbatim quotes drawn from them. Pure and synchronous, no Node API: it also runs inside Apps Script.
import type { Config } from '../../schema/config';
import type { Column, TrackingFile } from '../../schema/tracking-file';
import { milestoneCutoff, pilotCalendar, pilotWeeks, type Milestone } from '../calendar';
import { compareWeeks, isoWeekOfInstant, type IsoWeek } from '../iso-week';
import { ledgersFromVersions, type RowLedger } from '../ledger';
import type { CellChange, ReportVersion, RowKey } from '../model';
import { valueAsText } from '../values';
import { documentText } from './text';

/** What decides the data at the cut-off. */
export interface CutoffInput {
  tracking: TrackingFile;
  config: Config;
  /** The whole report history (every version); the model keeps what was received by the cut-off. */
  versions: readonly ReportVersion[];
  /** Cell change history: ARS/ANS annotations are quoted with the week they were written. */
  changes: readonly CellChange[];
  milestone: Milestone;
  now: Date;
}

export interface Quote {
  rowKey: RowKey;
  column: Column;
  firstWeek: IsoWeek;
  lastWeek: IsoWeek;
  text: string;
}

export interface CutoffData {
  weeks: IsoWeek[];
  ledgers: Map<RowKey, RowLedger>;
  reportsByRow: Map<RowKey, number>;
  annotationsByRow: Map<RowKey, number>;
  quotes: Quote[];
  receivedUntil: Date;
}

/** Consecutive identical texts of one row and column become one quote spanning their weeks. */
function pushQuote(out: Quote[], last: Map<string, Quote>, q: Omit<Quote, 'lastWeek'>): void {
  const id = `${q.rowKey}\u0000${q.column.id}`;
  const previous = last.get(id);
  if (previous && previous.text === q.text) {
    previous.lastWeek = q.firstWeek;
    return;
  }
  const quote = { ...q, lastWeek: q.firstWeek };
  out.push(quote);
  last.set(id, quote);
}

export function cutoffData(input: CutoffInput, quoteColumns: readonly Column[]): CutoffData {
  const cal = pilotCalendar(input.config);
  const cutoff = milestoneCutoff(cal, input.milestone);
  const nowWeek = isoWeekOfInstant(input.now);
  const lastWeek = compareWeeks(nowWeek, cutoff.week) < 0 ? nowWeek : cutoff.week;
  const weeks = pilotWeeks(cal).filter((w) => compareWeeks(w, lastWeek) <= 0);
  const until = Math.min(cutoff.until.getTime(), input.now.getTime());
  const inside = (week: IsoWeek) =>
    compareWeeks(week, cal.firstWeek) >= 0 && compareWeeks(week, lastWeek) <= 0;

  // The current version of each (row, week) among what was received by the cut-off.
  const current = new Map<string, ReportVersion>();
  let latest = 0;
  for (const v of input.versions) {
    const at = Date.parse(v.receivedAt);
    if (!(at <= until) || !inside(v.week)) continue;
    const id = `${v.rowKey}\u0000${v.week}`;
    const seen = current.get(id);
    if (!seen || v.version > seen.version) current.set(id, v);
    latest = Math.max(latest, at);
  }
  const included = [...current.values()].sort(
    (a, b) => compareWeeks(a.week, b.week) || a.rowKey.localeCompare(b.rowKey),
  );
  const reportsByRow = new Map<RowKey, number>();
  for (const v of included) reportsByRow.set(v.rowKey, (reportsByRow.get(v.rowKey) ?? 0) + 1);

  const quotes: Quote[] = [];
  const lastQuote = new Map<string, Quote>();
  const fromReports = quoteColumns.filter((c) => c.owner === 'es' && c.cadence === 'weekly');
  for (const v of included)
    for (const column of fromReports) {
      const text = documentText(valueAsText(column, v.values[column.id])).trim();
      if (text) pushQuote(quotes, lastQuote, { rowKey: v.rowKey, column, firstWeek: v.week, text });
    }
  const fromAnnotations = quoteColumns.filter((c) => !fromReports.includes(c));
  const annotationsByRow = new Map<RowKey, number>();
  const changes = input.changes
    .filter((c) => c.scope === 'annotation' && Date.parse(c.at) <= until)
    .sort((a, b) => a.at.localeCompare(b.at));
  for (const change of changes) {
    latest = Math.max(latest, Date.parse(change.at));
    annotationsByRow.set(change.target, (annotationsByRow.get(change.target) ?? 0) + 1);
    const column = fromAnnotations.find((c) => c.id === change.columnId);
    const week = isoWeekOfInstant(new Date(change.at));
    if (!column || !inside(week)) continue;
    const text = documentText(valueAsText(column, change.value)).trim();
    if (text) pushQuote(quotes, lastQuote, { rowKey: change.target, column, firstWeek: week, text });
  }
  // Before the milestone a draft says up to when data arrived, so a rebuild without new data is identical.
  const receivedUntil =
    input.now.getTime() >= cutoff.until.getTime() ? cutoff.until : new Date(latest || until);
  return {
    weeks,
    ledgers: ledgersFromVersions(input.tracking, included),
    reportsByRow,
    annotationsByRow,
    quotes,
    receivedUntil,
  };
}
