// The RETEX document models: one per use case (the establishments that share it) and one cross-cutting, built
// from the data known at a milestone's cut-off. Every runtime fills its templates (.docx, Google Docs) from these
// models, so placeholder names are decided here and nowhere else (README « RETEX » lists them).
// Pure and synchronous, no Node API: it also runs inside Apps Script.
import { safeText } from '../safe-text';
import type { Config } from '../../schema/config';
import type { Department } from '../../schema/departments';
import { columnScope, type Column, type TrackingFile } from '../../schema/tracking-file';
import { milestoneCutoff, pilotCalendar, pilotWeeks, type Milestone } from '../calendar';
import { annotationColumns, counterColumns, reportColumns } from '../columns';
import { compareWeeks, isoWeekOfInstant, parseIsoWeek, type IsoWeek } from '../iso-week';
import { latestEntry, ledgersFromVersions, type RowLedger } from '../ledger';
import { retexFr } from '../messages';
import {
  establishmentName,
  rowKey,
  rowTitle,
  type CellChange,
  type EstablishmentRecord,
  type ReportVersion,
  type RowKey,
  type UseCaseRecord,
} from '../model';
import { formatParisDateTime } from '../paris-time';
import { arsSections, quotedColumns, type RetexTemplates, type RetexDocumentKind } from './template';
import { summarise, type Summary } from '../summary';
import { isRecordList, valueAsText, type FieldValue } from '../values';

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

export interface RetexInput {
  tracking: TrackingFile;
  config: Config;
  departments: readonly Department[];
  establishments: readonly EstablishmentRecord[];
  /** The whole report history (every version); the model keeps what was received by the cut-off. */
  versions: readonly ReportVersion[];
  /** Cell change history: ARS/ANS annotations are quoted with the week they were written. */
  changes: readonly CellChange[];
  sectionTexts: readonly RetexSectionText[];
  templates: RetexTemplates;
  milestone: Milestone;
  now: Date;
}

export interface RetexDraft {
  milestone: Milestone;
  /** The use-case documents in the establishments' order, then the cross-cutting one. */
  documents: RetexDocumentModel[];
}

export const CROSS_CUTTING_KEY = 'transverse';

// ---------------------------------------------------------------------------------------------------------------
// Text helpers

/**
 * The text as it may go into a document: line ends as `\n`, characters a document cannot hold shown as « � »
 * (safe-text.ts: validated input has none, but data stored before the rule existed goes through here too).
 */
export function documentText(text: string): string {
  return safeText(text.replace(/\r\n?/g, '\n'));
}

/** Lowercase ASCII words: how pathways and use cases are compared (accents, case and punctuation ignored). */
export function normaliseLabel(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

const UNKNOWN = normaliseLabel('à confirmer');

function known(value: FieldValue | undefined): string | undefined {
  if (typeof value !== 'string') return undefined;
  const n = normaliseLabel(value);
  return n === '' || n === UNKNOWN ? undefined : value.trim();
}

/** `clinique-du-parc-sortie-de-cancerologie` from any label, at most `max` characters, cut between words. */
export function slugify(text: string, max = 70): string {
  const slug = normaliseLabel(text).replace(/ /g, '-');
  if (slug.length <= max) return slug;
  const cut = slug.slice(0, max);
  const dash = cut.lastIndexOf('-');
  return dash > 20 ? cut.slice(0, dash) : cut;
}

function distinct(values: readonly string[]): string[] {
  return values.filter((v, i) => v !== '' && values.indexOf(v) === i);
}

function weekNumber(week: IsoWeek): number {
  return parseIsoWeek(week)?.week ?? 0;
}

// ---------------------------------------------------------------------------------------------------------------
// Grouping: which establishments share a use case

export interface RetexRow {
  establishment: EstablishmentRecord;
  useCase: UseCaseRecord;
  rowKey: RowKey;
}

export interface RetexUseCaseGroup {
  key: string;
  title: string;
  pathway: string;
  useCase: string;
  rows: RetexRow[];
}

/**
 * Rows are grouped by their pathway and use case texts, compared normalised (accents, case, punctuation and
 * spacing ignored), so the 9 AP-HP sites that share one pathway make one document. A row whose pathway is still
 * « à confirmer » (or empty) is never grouped with another: it gets its own document until the ES confirms it.
 * A use case « à confirmer » does not split rows that share a pathway.
 */
export function groupUseCases(establishments: readonly EstablishmentRecord[]): RetexUseCaseGroup[] {
  const groups = new Map<string, RetexUseCaseGroup>();
  for (const establishment of establishments)
    for (const useCase of establishment.useCases) {
      const key0 = rowKey(establishment.id, useCase.id);
      const pathway = known(useCase.values.pathway);
      const uc = known(useCase.values.use_case);
      const key = pathway
        ? `cas-usage:${normaliseLabel(pathway)}|${uc ? normaliseLabel(uc) : ''}`
        : `cas-usage:ligne:${key0}`;
      let group = groups.get(key);
      if (!group) {
        const title = pathway
          ? uc
            ? `${pathway} — ${uc}`
            : pathway
          : retexFr.pathwayToConfirm(establishmentName(establishment));
        group = {
          key,
          title,
          pathway: typeof useCase.values.pathway === 'string' ? useCase.values.pathway : '',
          useCase: typeof useCase.values.use_case === 'string' ? useCase.values.use_case : '',
          rows: [],
        };
        groups.set(key, group);
      }
      group.rows.push({ establishment, useCase, rowKey: key0 });
    }
  return [...groups.values()];
}

// ---------------------------------------------------------------------------------------------------------------
// The data at the cut-off

interface Quote {
  rowKey: RowKey;
  column: Column;
  firstWeek: IsoWeek;
  lastWeek: IsoWeek;
  text: string;
}

interface CutoffData {
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

function cutoffData(input: RetexInput, quoteColumns: readonly Column[]): CutoffData {
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

interface DocumentSpec {
  key: string;
  kind: RetexDocumentKind;
  title: string;
  slugPrefix: string;
  pathway: string;
  useCase: string;
  rows: RetexRow[];
  groups: RetexUseCaseGroup[];
}

function buildDocument(
  input: RetexInput,
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

/** Columns quoted verbatim: ES weekly free text, ARS free text, and any column a template quotes. */
export function retexQuoteColumns(tracking: TrackingFile, templates: RetexTemplates): Column[] {
  const wanted = new Set([...quotedColumns(templates.useCase), ...quotedColumns(templates.crossCutting)]);
  return tracking.columns.filter(
    (c) =>
      c.type.kind === 'longText' &&
      (wanted.has(c.id) ||
        reportColumns(tracking).includes(c) ||
        annotationColumns(tracking, 'ars').includes(c)),
  );
}

/** Every document of a RETEX at a milestone: one per use case, then the cross-cutting one. */
export function buildRetexDraft(input: RetexInput): RetexDraft {
  const quoteColumns = retexQuoteColumns(input.tracking, input.templates);
  const data = cutoffData(input, quoteColumns);
  const groups = groupUseCases(input.establishments);
  const used = new Map<string, number>();
  const documents = groups.map((g) => {
    const names = distinct(g.rows.map((r) => establishmentName(r.establishment)));
    const sharedGroup = distinct(g.rows.map((r) => String(r.establishment.values.group ?? '')));
    const prefix =
      names.length === 1
        ? g.key.startsWith('cas-usage:ligne:')
          ? ''
          : (names[0] ?? '')
        : sharedGroup.length === 1
          ? (sharedGroup[0] ?? '')
          : '';
    const doc = buildDocument(
      input,
      {
        key: g.key,
        kind: 'use-case',
        title: g.title,
        slugPrefix: prefix,
        pathway: g.pathway,
        useCase: g.useCase,
        rows: g.rows,
        groups: [g],
      },
      data,
      quoteColumns,
    );
    // Two use cases can slug alike once accents and punctuation are gone: file names must still differ.
    const n = (used.get(doc.slug) ?? 0) + 1;
    used.set(doc.slug, n);
    return n === 1 ? doc : { ...doc, slug: `${doc.slug}-${n}` };
  });
  documents.push(
    buildDocument(
      input,
      {
        key: CROSS_CUTTING_KEY,
        kind: 'cross-cutting',
        title: retexFr.crossCuttingTitle,
        slugPrefix: '',
        pathway: '',
        useCase: '',
        rows: groups.flatMap((g) => g.rows),
        groups,
      },
      data,
      quoteColumns,
    ),
  );
  return { milestone: input.milestone, documents };
}
