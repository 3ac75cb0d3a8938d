// One RETEX document model (a use case's, or the cross-cutting one) from the data at the cut-off. Every runtime
// fills its templates (.docx, Google Docs) from these models, so placeholder names are decided here and nowhere else
// (docs/retex-modeles.md « Balises » lists them). Pure and synchronous, no Node API: it also runs inside Apps Script.
import type { Department } from '../../schema/departments';
import { columnScope, type Column, type TrackingFile } from '../../schema/tracking-file';
import { milestoneCutoff, pilotCalendar, type Milestone } from '../calendar';
import { counterColumns } from '../columns';
import { compareWeeks, parseIsoWeek, type IsoWeek } from '../iso-week';
import { latestEntry } from '../ledger';
import { retexFr } from '../messages';
import { establishmentName, rowTitle, type EstablishmentRecord, type RowKey } from '../model';
import { formatParisDateTime } from '../paris-time';
import { summarise, type Summary } from '../summary';
import { isRecordList, valueAsText } from '../values';
import type { CutoffData, CutoffInput, Quote } from './cutoff';
import type { RetexRow, RetexUseCaseGroup } from './groups';
import { arsSections, type RetexTemplates, type RetexDocumentKind } from './template';
import { distinct, documentText, slugify } from './text';

/** A placeholder's value: text, a number, or the items of a loop. */
export type RetexValue = string | number | RetexItem[];
/** The placeholders of a document, or of one item of a loop. */
export interface RetexItem {
  [name: string]: RetexValue;
}

/** The weekly progression drawn as the chart: cumulative totals of each counter, week by week. */
export interface RetexChart {
  weeks: IsoWeek[];
  series: Array<{ id: string; label: string; values: number[] }>;
}

/** Text the ARS wrote for one section of one document; the latest one saved is the section's text. */
export interface RetexSectionText {
  documentKey: string;
  sectionId: string;
  text: string;
  author: string;
  /** ISO 8601 instant. */
  at: string;
}

export interface RetexSectionState {
  id: string;
  title: string;
  /** The ARS text, '' while the section is still to write. */
  text: string;
}

/** Which data a document was built from. */
export interface RetexDataBasis {
  milestone: Milestone;
  /** The milestone day `YYYY-MM-DD` and its week: the last week included. */
  cutoffDate: string;
  cutoffWeek: IsoWeek;
  firstWeek: IsoWeek;
  /** The most recent week with a report among the document's rows, if any. */
  lastReportedWeek: IsoWeek | null;
  /** Data received up to this instant (ISO 8601) is included. */
  receivedUntil: string;
  reportCount: number;
  annotationCount: number;
}

export interface RetexDocumentModel {
  /** Stable key of the document: `transverse`, or `cas-usage:…` from the normalised pathway and use case. */
  key: string;
  kind: RetexDocumentKind;
  /** The template description id (its file name without extension). */
  template: string;
  title: string;
  /** ASCII, lowercase, dash-separated: goes into file names. */
  slug: string;
  establishmentIds: string[];
  rowKeys: RowKey[];
  /** Everything the template's placeholders read. */
  values: RetexItem;
  chart: RetexChart;
  sections: RetexSectionState[];
  dataBasis: RetexDataBasis;
}

/** What a document reads besides the cut-off data. */
export interface DocumentInput extends CutoffInput {
  departments: readonly Department[];
  sectionTexts: readonly RetexSectionText[];
  templates: RetexTemplates;
}

function weekNumber(week: IsoWeek): number {
  return parseIsoWeek(week)?.week ?? 0;
}

// ---------------------------------------------------------------------------------------------------------------
// Items of the loops

function quoteItem(q: Quote, titles: Map<RowKey, RetexRow>): RetexItem {
  const row = titles.get(q.rowKey);
  const first = weekNumber(q.firstWeek);
  const last = weekNumber(q.lastWeek);
  return {
    week: q.firstWeek,
    week_label: retexFr.weekLabel(first, Math.max(first, last)),
    establishment: row ? establishmentName(row.establishment) : q.rowKey,
    row_title: row ? rowTitle(row.establishment, row.useCase) : q.rowKey,
    column: q.column.id,
    label: q.column.label,
    text: q.text,
  };
}

function sortQuotes(quotes: Quote[], order: Map<RowKey, number>): Quote[] {
  return [...quotes].sort(
    (a, b) =>
      compareWeeks(a.firstWeek, b.firstWeek) ||
      (order.get(a.rowKey) ?? 0) - (order.get(b.rowKey) ?? 0) ||
      a.column.id.localeCompare(b.column.id),
  );
}

function quoteLoops(
  quotes: Quote[],
  columns: readonly Column[],
  rows: Map<RowKey, RetexRow>,
  order: Map<RowKey, number>,
): RetexItem {
  const mine = sortQuotes(
    quotes.filter((q) => rows.has(q.rowKey)),
    order,
  );
  const out: RetexItem = { quotes: mine.map((q) => quoteItem(q, rows)) };
  for (const c of columns)
    out[`quotes_${c.id}`] = mine.filter((q) => q.column.id === c.id).map((q) => quoteItem(q, rows));
  return out;
}

/** Each establishment-scoped column as text by its id, and each field of record columns as `<id>_<field>`. */
function establishmentValues(
  tracking: TrackingFile,
  departments: readonly Department[],
  e: EstablishmentRecord,
): RetexItem {
  const out: RetexItem = {};
  for (const column of tracking.columns) {
    if (columnScope(column) !== 'establishment') continue;
    const value = e.values[column.id];
    out[column.id] = documentText(valueAsText(column, value));
    if (column.type.kind === 'record')
      for (const field of column.type.fields) {
        const entries = isRecordList(value ?? null) ? (value as readonly Record<string, string>[]) : [];
        out[`${column.id}_${field.id}`] = documentText(
          entries
            .map((entry) => entry[field.id] ?? '')
            .filter((s) => s !== '')
            .join(' ; '),
        );
      }
  }
  const code = e.values.department;
  const department = departments.find((d) => d.code === code);
  out.department_name = department
    ? `${department.code} – ${department.name}`
    : typeof code === 'string'
      ? code
      : '';
  out.establishment = establishmentName(e);
  out.establishment_id = e.id;
  out.finess = e.finess ?? '';
  out.federation = e.federation ?? '';
  return out;
}

/** Names and functions of the ARS-owned contacts (no e-mail, no phone): the document's authors. */
function authorsOf(tracking: TrackingFile, establishments: readonly EstablishmentRecord[]): string {
  const columns = tracking.columns.filter(
    (c) => c.owner === 'ars' && c.type.kind === 'record' && columnScope(c) === 'establishment',
  );
  const names: string[] = [];
  for (const column of columns) {
    if (column.type.kind !== 'record') continue;
    const fields = column.type.fields.filter((f) => f.kind === 'text');
    for (const e of establishments) {
      const value = e.values[column.id];
      if (!isRecordList(value ?? null)) continue;
      for (const entry of value as readonly Record<string, string>[])
        names.push(
          fields
            .map((f) => entry[f.id] ?? '')
            .filter((s) => s !== '')
            .join(' '),
        );
    }
  }
  const list = distinct(names.map((n) => documentText(n).trim()));
  return list.length > 0 ? list.join(' ; ') : retexFr.authorsMissing;
}

function counterValues(counters: readonly Column[], values: Readonly<Record<string, number>>): RetexItem {
  return Object.fromEntries(counters.map((c) => [c.id, values[c.id] ?? 0]));
}

function addCounters(a: Record<string, number>, b: Readonly<Record<string, number>>): void {
  for (const [k, v] of Object.entries(b)) a[k] = (a[k] ?? 0) + v;
}

// ---------------------------------------------------------------------------------------------------------------
// One document
export interface DocumentSpec {
  key: string;
  kind: RetexDocumentKind;
  title: string;
  slugPrefix: string;
  pathway: string;
  useCase: string;
  rows: RetexRow[];
  groups: RetexUseCaseGroup[];
}

export function buildDocument(
  input: DocumentInput,
  spec: DocumentSpec,
  data: CutoffData,
  quoteColumns: readonly Column[],
): RetexDocumentModel {
  const { tracking } = input;
  const description = spec.kind === 'use-case' ? input.templates.useCase : input.templates.crossCutting;
  const counters = counterColumns(tracking);
  const cal = pilotCalendar(input.config);
  const cutoff = milestoneCutoff(cal, input.milestone);
  const rowsByKey = new Map(spec.rows.map((r) => [r.rowKey, r]));
  const order = new Map(spec.rows.map((r, i) => [r.rowKey, i]));
  const refs = spec.rows.map((r) => ({
    rowKey: r.rowKey,
    establishmentId: r.establishment.id,
    title: rowTitle(r.establishment, r.useCase),
  }));
  const summary: Summary = summarise(tracking, refs, data.ledgers, data.weeks);
  const latestByRow = new Map(summary.latest.map((l) => [l.rowKey, l]));
  const groupTitle = new Map<RowKey, string>();
  for (const g of spec.groups) for (const r of g.rows) groupTitle.set(r.rowKey, g.title);

  const establishments: EstablishmentRecord[] = [];
  for (const r of spec.rows)
    if (!establishments.some((e) => e.id === r.establishment.id)) establishments.push(r.establishment);

  const lastReported = spec.rows
    .map((r) => latestEntry(data.ledgers.get(r.rowKey) ?? [])?.week)
    .filter((w): w is IsoWeek => w !== undefined)
    .sort(compareWeeks);
  const firstReported = spec.rows
    .map((r) => (data.ledgers.get(r.rowKey) ?? [])[0]?.week)
    .filter((w): w is IsoWeek => w !== undefined)
    .sort(compareWeeks);
  const lastReportedWeek = lastReported[lastReported.length - 1] ?? null;
  const reportCount = spec.rows.reduce((n, r) => n + (data.reportsByRow.get(r.rowKey) ?? 0), 0);
  const annotationCount = spec.rows.reduce((n, r) => n + (data.annotationsByRow.get(r.rowKey) ?? 0), 0);
  const weeksSpan = retexFr.weeksSpan(
    data.weeks[0] ?? cal.firstWeek,
    data.weeks[data.weeks.length - 1] ?? cal.firstWeek,
  );
  const until = formatParisDateTime(data.receivedUntil);

  const rowItems: RetexItem[] = spec.rows.map((r) => {
    const latest = latestByRow.get(r.rowKey);
    return {
      row_title: rowTitle(r.establishment, r.useCase),
      establishment: establishmentName(r.establishment),
      use_case_title: groupTitle.get(r.rowKey) ?? '',
      pathway: documentText(valueAsText(pathwayColumn(tracking), r.useCase.values.pathway)),
      use_case: documentText(valueAsText(useCaseColumn(tracking), r.useCase.values.use_case)),
      last_week: latest?.week ?? retexFr.notReported,
      ...counterValues(counters, latest?.counters ?? {}),
    };
  });

  const esItems: RetexItem[] = establishments.map((e) => {
    const mine = spec.rows.filter((r) => r.establishment.id === e.id);
    const sums: Record<string, number> = {};
    let last: IsoWeek | null = null;
    for (const r of mine) {
      const latest = latestByRow.get(r.rowKey);
      addCounters(sums, latest?.counters ?? {});
      if (latest?.week && (!last || compareWeeks(latest.week, last) > 0)) last = latest.week;
    }
    const own = new Map(mine.map((r) => [r.rowKey, r]));
    return {
      ...establishmentValues(tracking, input.departments, e),
      use_case_titles: distinct(mine.map((r) => groupTitle.get(r.rowKey) ?? '')).join(' ; '),
      last_week: last ?? retexFr.notReported,
      ...counterValues(counters, sums),
      counters_text: counters.map((c) => retexFr.counterText(c.label, sums[c.id] ?? 0)).join(' ; '),
      ...quoteLoops(data.quotes, quoteColumns, own, order),
    };
  });

  const series = summary.series;
  const at = (i: number) => series[i]?.totals ?? {};
  const counterItems: RetexItem[] = counters.map((c) => ({
    id: c.id,
    label: c.label,
    total: summary.totals[c.id] ?? 0,
    increase_4_weeks: (at(series.length - 1)[c.id] ?? 0) - (at(series.length - 5)[c.id] ?? 0),
  }));
  const weekItems: RetexItem[] = series.map((p) => ({
    week: p.week,
    week_label: retexFr.weekLabel(weekNumber(p.week), weekNumber(p.week)),
    reporting: p.reporting,
    ...counterValues(counters, p.totals),
  }));

  const sections: RetexSectionState[] = arsSections(description).map((s) => ({
    id: s.id,
    title: s.title,
    text: documentText(latestText(input.sectionTexts, spec.key, s.id) ?? '').trim(),
  }));
  const sectionValues: RetexItem = {};
  for (const s of arsSections(description)) {
    const state = sections.find((x) => x.id === s.id);
    sectionValues[`section_${s.id}`] = state?.text || retexFr.prompt(s.prompt);
  }
  const toWrite = sections.filter((s) => s.text === '').map((s) => s.title);

  const all: RetexItem = {};
  for (const column of tracking.columns)
    if (columnScope(column) === 'establishment')
      all[`all_${column.id}`] = distinct(esItems.map((e) => String(e[column.id] ?? ''))).join(' ; ');
  const labels: RetexItem = Object.fromEntries(tracking.columns.map((c) => [`label_${c.id}`, c.label]));
  const totals: RetexItem = Object.fromEntries(
    counters.map((c) => [`total_${c.id}`, summary.totals[c.id] ?? 0]),
  );

  const values: RetexItem = {
    pilot_name: input.config.pilot.name,
    region: input.config.pilot.region,
    use_case_title: spec.title,
    pathway: spec.pathway,
    use_case: spec.useCase,
    establishments: establishments.map(establishmentName).join(' ; '),
    establishment_count: establishments.length,
    row_count: spec.rows.length,
    use_case_count: spec.groups.length,
    finess_list: distinct(establishments.map((e) => e.finess ?? '')).join(' ; ') || retexFr.notReported,
    departments: distinct(esItems.map((e) => String(e.department_name))).join(' ; '),
    authors: authorsOf(tracking, establishments),
    milestone: input.milestone,
    milestone_label: retexFr.milestoneLabel[input.milestone],
    milestone_date: formatFrenchDateOf(cutoff.date),
    version: '',
    issued_on: '',
    cutoff_week: cutoff.week,
    data_weeks: weeksSpan,
    first_report_week: firstReported[0] ?? retexFr.notReported,
    last_report_week: lastReportedWeek ?? retexFr.notReported,
    data_last_week: lastReportedWeek ?? retexFr.noData,
    data_received_until: until,
    report_count: reportCount,
    annotation_count: annotationCount,
    data_basis: retexFr.dataBasis(reportCount, weeksSpan, until, annotationCount),
    data_basis_short: retexFr.dataBasisShort(lastReportedWeek ?? retexFr.noData, until),
    sections_to_write: toWrite.length > 0 ? toWrite.join(' ; ') : retexFr.noneToWrite,
    ...sectionValues,
    ...totals,
    ...labels,
    ...all,
    es: esItems,
    rows: rowItems,
    use_cases: spec.groups.map((g) => ({
      use_case_title: g.title,
      establishments: distinct(g.rows.map((r) => establishmentName(r.establishment))).join(' ; '),
      establishment_count: distinct(g.rows.map((r) => r.establishment.id)).length,
    })),
    counters: counterItems,
    weeks: weekItems,
    ...quoteLoops(data.quotes, quoteColumns, rowsByKey, order),
  };

  return {
    key: spec.key,
    kind: spec.kind,
    template: description.id,
    title: spec.title,
    slug: slugify(`${spec.slugPrefix} ${spec.title}`),
    establishmentIds: establishments.map((e) => e.id),
    rowKeys: spec.rows.map((r) => r.rowKey),
    values,
    chart: {
      weeks: series.map((p) => p.week),
      series: counters.map((c) => ({
        id: c.id,
        label: c.label,
        values: series.map((p) => p.totals[c.id] ?? 0),
      })),
    },
    sections,
    dataBasis: {
      milestone: input.milestone,
      cutoffDate: cutoff.date,
      cutoffWeek: cutoff.week,
      firstWeek: cal.firstWeek,
      lastReportedWeek,
      receivedUntil: data.receivedUntil.toISOString(),
      reportCount,
      annotationCount,
    },
  };
}

/** The text in force for a section: the latest saved (texts arrive in any order; the latest `at` wins). */
export function latestSectionText(
  texts: readonly RetexSectionText[],
  documentKey: string,
  sectionId: string,
): RetexSectionText | undefined {
  let best: RetexSectionText | undefined;
  for (const t of texts)
    if (t.documentKey === documentKey && t.sectionId === sectionId && (!best || t.at >= best.at)) best = t;
  return best;
}

function latestText(
  texts: readonly RetexSectionText[],
  documentKey: string,
  sectionId: string,
): string | undefined {
  return latestSectionText(texts, documentKey, sectionId)?.text;
}

function formatFrenchDateOf(isoDate: string): string {
  return isoDate.split('-').reverse().join('/');
}

function pathwayColumn(tracking: TrackingFile): Column {
  return identityColumn(tracking, 0);
}
function useCaseColumn(tracking: TrackingFile): Column {
  return identityColumn(tracking, 1);
}
/** The row identity columns (pathway, use case) in the tracking file's order. */
function identityColumn(tracking: TrackingFile, index: number): Column {
  const columns = tracking.columns.filter((c) => c.cadence === 'init' && columnScope(c) === 'row');
  const column = columns[index];
  if (!column) throw new Error('The tracking file has no pathway / use case columns');
  return column;
}
