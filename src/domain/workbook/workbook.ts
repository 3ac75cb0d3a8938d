// The master workbook, built by pure code and drawn three ways (Apps Script, Sheets REST, ExcelJS): tabs, header
// rows, merges, colours, validations, frozen panes, charts, and which role may edit which columns. Renderers
// translate this model; they never decide a label, a colour or an order. Pure.
import type { Config } from '../../schema/config';
import { columnScope, ROLES, type Column, type Role, type TrackingFile } from '../../schema/tracking-file';
import { COMPLETENESS_LABELS, type Completeness, type PilotCalendar } from '../calendar';
import { counterColumns, reportColumns } from '../columns';
import { completenessGrid, type CompletenessGrid, type RowRef } from '../completeness';
import type { IsoWeek } from '../iso-week';
import { currentState, ledgersFromVersions, type RowLedger } from '../ledger';
import {
  establishmentName,
  rowKey,
  rowTitle,
  type EstablishmentRecord,
  type JournalEntry,
  type ReportVersion,
  type RowKey,
  type UseCaseRecord,
  JOURNAL_KIND_LABELS,
} from '../model';
import { formatFrenchDate, formatParisDateTime } from '../paris-time';
import { summarise, type Summary } from '../summary';
import { valueAsText, type FieldValue, type Values } from '../values';

/** A cell: text, number, date (`YYYY-MM-DD`), date-time (ISO instant), or empty. */
export type Cell =
  { t: 's'; v: string } | { t: 'n'; v: number } | { t: 'd'; v: string } | { t: 'dt'; v: string } | null;

export const text = (v: string): Cell => (v === '' ? null : { t: 's', v });
export const num = (v: number): Cell => ({ t: 'n', v });

/** A cell as a French reader sees it written out (a page, a CSV): dates JJ/MM/AAAA, instants in Paris time. */
export function cellDisplayText(cell: Cell | undefined): string {
  if (!cell) return '';
  switch (cell.t) {
    case 's':
      return cell.v;
    case 'n':
      return String(cell.v);
    case 'd':
      return formatFrenchDate(cell.v);
    case 'dt':
      return formatParisDateTime(new Date(cell.v));
  }
}

export interface Style {
  fill?: string;
  bold?: boolean;
  italic?: boolean;
  wrap?: boolean;
  hAlign?: 'left' | 'center' | 'right';
  vAlign?: 'top' | 'middle';
  fontColor?: string;
  fontSize?: number;
}

/** A rectangle, 0-based over the whole sheet (header rows included); `rows: null` runs to the end of the sheet. */
export interface Rect {
  row: number;
  col: number;
  rows: number | null;
  cols: number;
}

export type CellRule =
  { kind: 'list'; values: string[] } | { kind: 'integer'; min: number; max: number } | { kind: 'date' };

export type ColumnFormat = 'text' | 'integer' | 'date' | 'datetime';

export interface ColumnSpec {
  /** Stable id: a tracking-file column id, or a metadata key. */
  key: string;
  width: number;
  hidden: boolean;
  owner: Role | null;
  format: ColumnFormat;
}

export interface ChartSpec {
  kind: 'line';
  title: string;
  /** Domain (x) column and series columns, over a block of rows including its header row. */
  domain: Rect;
  series: Rect[];
  /** Where the chart's top-left corner sits. */
  anchor: { row: number; col: number };
}

export type SheetName = 'Suivi' | 'Légende' | 'Historique' | 'Synthèse' | 'Établissements' | 'Journal';

export interface SheetModel {
  name: SheetName;
  columns: ColumnSpec[];
  /** Rows drawn above the data (Suivi: groups and labels). */
  header: Cell[][];
  rows: Cell[][];
  merges: Rect[];
  styles: Array<{ rect: Rect; style: Style }>;
  frozen: { rows: number; columns: number };
  validations: Array<{ rect: Rect; rule: CellRule }>;
  hidden: boolean;
  charts: ChartSpec[];
  /** Column indexes each role may edit below the header; everything else is for the workbook's owner only. */
  editableBy: Partial<Record<Role, number[]>>;
  /** How the tab prints, for the tabs an ARS prints for the committee; absent: the program's defaults. */
  print?: PrintLayout;
}

/**
 * A printed tab: landscape A4, one page wide (as many pages down as needed), the first `titleRows` rows repeated on
 * every page, the whole tab as print area, the tab's name, the print date and the page number in the footer. Only
 * the .xlsx renderer applies it: a Google spreadsheet keeps no print settings (they are chosen in the print dialog).
 */
export interface PrintLayout {
  orientation: 'landscape';
  titleRows: number;
}

export interface WorkbookModel {
  title: string;
  sheets: SheetModel[];
  /**
   * What the store held when the workbook was taken, for an import to tell the cells changed since (the `.xlsx`
   * writes it in a very hidden tab; the Google renderers need not: their sheet is the live record).
   */
  exportBasis?: ExportBasis;
}

/** `cellChanges`: how many cell changes the store had recorded (they are append-only); `at`: ISO 8601. */
export interface ExportBasis {
  cellChanges: number;
  at: string;
}

const HEADER_GREY = '#D9D9D9';
const TITLE_STYLE: Style = { bold: true, fontSize: 12 };
export const COMPLETENESS_COLORS: Record<Completeness, string> = {
  received: '#B7E1CD',
  late: '#FCE8B2',
  missing: '#F4C7C3',
  expected: '#FFFFFF',
};

export function ownerColor(tracking: TrackingFile, column: Column): string {
  return tracking.owners[column.owner].colors[column.cadence];
}

function formatOf(column: Column): ColumnFormat {
  if (column.type.kind === 'integer') return 'integer';
  if (column.type.kind === 'date') return 'date';
  return 'text';
}

/** A validated value as a cell of its column. */
export function cellOf(column: Column, value: FieldValue | undefined): Cell {
  if (value === null || value === undefined) return null;
  if (column.type.kind === 'integer' && typeof value === 'number') return num(value);
  if (column.type.kind === 'date' && typeof value === 'string') return { t: 'd', v: value };
  return text(valueAsText(column, value));
}

function ruleOf(column: Column, departmentCodes: readonly string[]): CellRule | undefined {
  switch (column.type.kind) {
    case 'enum':
      return { kind: 'list', values: [...column.type.options] };
    case 'integer':
      return { kind: 'integer', min: column.type.min, max: column.type.max };
    case 'date':
      return { kind: 'date' };
    case 'department':
      return { kind: 'list', values: [...departmentCodes] };
    default:
      return undefined;
  }
}

/** Runs of consecutive indexes, as [start, length] pairs. */
export function runs(indexes: readonly number[]): Array<[number, number]> {
  const sorted = [...indexes].sort((a, b) => a - b);
  const out: Array<[number, number]> = [];
  for (const i of sorted) {
    const last = out[out.length - 1];
    if (last && last[0] + last[1] === i) last[1] += 1;
    else out.push([i, 1]);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Suivi: the official layout.

export const SUIVI_HEADER_ROWS = 2;

/** Row-1 segments: consecutive columns sharing group and subgroup, labelled « Groupe – Sous-groupe ». */
export function groupSegments(tracking: TrackingFile): Array<{ label: string; col: number; cols: number }> {
  const segments: Array<{ key: string; label: string; col: number; cols: number }> = [];
  tracking.columns.forEach((column, i) => {
    const key = `${column.group}/${column.subgroup ?? ''}`;
    const last = segments[segments.length - 1];
    if (last && last.key === key) {
      last.cols += 1;
      return;
    }
    const group = tracking.groups.find((g) => g.id === column.group);
    const sub = group?.subgroups?.find((s) => s.id === column.subgroup);
    const label = [group?.label ?? '', sub?.label ?? ''].filter((s) => s !== '').join(' – ');
    segments.push({ key, label, col: i, cols: 1 });
  });
  return segments.map(({ label, col, cols }) => ({ label, col, cols }));
}

/** The Suivi row of one establishment × use case: identity, profile, current report, ARS/ANS cells, key. */
export function suiviRowValues(
  tracking: TrackingFile,
  establishment: EstablishmentRecord,
  useCase: UseCaseRecord,
  current: ReportVersion | undefined,
  annotations: Values,
): Values {
  const out: Record<string, FieldValue> = {};
  for (const column of tracking.columns) {
    if (columnScope(column) === 'establishment') out[column.id] = establishment.values[column.id] ?? null;
    else if (column.cadence === 'init') out[column.id] = useCase.values[column.id] ?? null;
    else if (column.owner === 'es') out[column.id] = current?.values[column.id] ?? null;
    else out[column.id] = annotations[column.id] ?? null;
  }
  return out;
}

export function suiviRowCells(tracking: TrackingFile, values: Values, key: RowKey): Cell[] {
  return [...tracking.columns.map((c) => cellOf(c, values[c.id])), text(key)];
}

export interface SuiviRow {
  key: RowKey;
  values: Values;
}

/** Every row of Suivi, in registry order. */
export function suiviRows(
  tracking: TrackingFile,
  establishments: readonly EstablishmentRecord[],
  current: ReadonlyMap<RowKey, ReportVersion>,
  annotations: ReadonlyMap<RowKey, Values>,
): SuiviRow[] {
  return establishments.flatMap((e) =>
    e.useCases.map((u) => {
      const key = rowKey(e.id, u.id);
      return { key, values: suiviRowValues(tracking, e, u, current.get(key), annotations.get(key) ?? {}) };
    }),
  );
}

export function suiviSheet(
  tracking: TrackingFile,
  rows: readonly SuiviRow[],
  departmentCodes: readonly string[],
): SheetModel {
  const columns: ColumnSpec[] = [
    ...tracking.columns.map((c) => ({
      key: c.id,
      width: c.width,
      hidden: false,
      owner: c.owner,
      format: formatOf(c),
    })),
    { key: 'row_key', width: 160, hidden: true, owner: null, format: 'text' as const },
  ];
  const segments = groupSegments(tracking);
  const groupRow: Cell[] = columns.map(() => null);
  for (const s of segments) groupRow[s.col] = text(s.label);
  const labelRow: Cell[] = [
    ...tracking.columns.map((c) => text(c.label)),
    text(tracking.layout.keyColumnLabel),
  ];
  const styles: SheetModel['styles'] = [
    {
      rect: { row: 0, col: 0, rows: 1, cols: columns.length },
      style: { bold: true, hAlign: 'center', vAlign: 'middle', fill: HEADER_GREY },
    },
  ];
  const validations: SheetModel['validations'] = [];
  tracking.columns.forEach((c, i) => {
    const color = ownerColor(tracking, c);
    styles.push({
      rect: { row: 1, col: i, rows: 1, cols: 1 },
      style: { bold: true, wrap: true, vAlign: 'middle', hAlign: 'center', fill: color },
    });
    styles.push({
      rect: { row: SUIVI_HEADER_ROWS, col: i, rows: null, cols: 1 },
      style: { fill: color, wrap: c.type.kind === 'longText', vAlign: 'top' },
    });
    const rule = ruleOf(c, departmentCodes);
    if (rule) validations.push({ rect: { row: SUIVI_HEADER_ROWS, col: i, rows: null, cols: 1 }, rule });
  });
  const editableBy: SheetModel['editableBy'] = {};
  for (const role of ROLES)
    editableBy[role] = tracking.columns.flatMap((c, i) => (c.owner === role ? [i] : []));
  return {
    name: 'Suivi',
    columns,
    header: [groupRow, labelRow],
    rows: rows.map((r) => suiviRowCells(tracking, r.values, r.key)),
    merges: segments.filter((s) => s.cols > 1).map((s) => ({ row: 0, col: s.col, rows: 1, cols: s.cols })),
    styles,
    frozen: { rows: SUIVI_HEADER_ROWS, columns: tracking.layout.frozenColumns },
    validations,
    hidden: false,
    charts: [],
    editableBy,
    print: { orientation: 'landscape', titleRows: SUIVI_HEADER_ROWS },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Légende: the deck's legend, owner × cadence.

export function legendSheet(tracking: TrackingFile): SheetModel {
  const cadences = ['init', 'weekly'] as const;
  const rows: Cell[][] = [[text('Légende du fichier de suivi'), null, null]];
  rows.push([text('Couleur'), text(tracking.cadences.init), text(tracking.cadences.weekly)]);
  const styles: SheetModel['styles'] = [
    { rect: { row: 0, col: 0, rows: 1, cols: 3 }, style: TITLE_STYLE },
    { rect: { row: 1, col: 0, rows: 1, cols: 3 }, style: { bold: true, fill: HEADER_GREY, wrap: true } },
  ];
  ROLES.forEach((role, i) => {
    rows.push([text(tracking.owners[role].legend), text('exemple'), text('exemple')]);
    cadences.forEach((cadence, j) =>
      styles.push({
        rect: { row: 2 + i, col: 1 + j, rows: 1, cols: 1 },
        style: { fill: tracking.owners[role].colors[cadence], fontColor: '#555555', italic: true },
      }),
    );
  });
  return {
    name: 'Légende',
    columns: [
      { key: 'owner', width: 300, hidden: false, owner: null, format: 'text' },
      { key: 'init', width: 260, hidden: false, owner: null, format: 'text' },
      { key: 'weekly', width: 200, hidden: false, owner: null, format: 'text' },
    ],
    header: [],
    rows,
    merges: [],
    styles,
    frozen: { rows: 0, columns: 0 },
    validations: [],
    hidden: false,
    charts: [],
    editableBy: {},
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Historique: one row per report version, never rewritten.

export const SOURCE_LABELS: Record<ReportVersion['source'], string> = {
  form: 'formulaire',
  import: 'import',
  correction: 'correction',
};

/** Metadata columns of Historique around the report's own columns (labels are French: they are on screen). */
export const HISTORY_META = {
  before: [
    { key: 'week', label: 'Semaine', width: 80, format: 'text' as const },
    { key: 'version', label: 'Version', width: 60, format: 'integer' as const },
  ],
  after: [
    { key: 'source', label: 'Source', width: 90, format: 'text' as const },
    { key: 'received_at', label: 'Reçu le', width: 130, format: 'datetime' as const },
    { key: 'author', label: 'Auteur', width: 180, format: 'text' as const },
    { key: 'reason', label: 'Motif de correction', width: 200, format: 'text' as const },
    { key: 'warnings', label: 'Avertissements', width: 260, format: 'text' as const },
    { key: 'submission_id', label: 'Identifiant de soumission', width: 200, format: 'text' as const },
    { key: 'row_key', label: 'Clé', width: 160, format: 'text' as const },
  ],
};

/** Identity columns repeated in Historique so that each version reads on its own. */
function historyIdentityColumns(tracking: TrackingFile): Column[] {
  return tracking.columns.filter(
    (c) => c.id === 'establishment' || (c.cadence === 'init' && columnScope(c) === 'row'),
  );
}

export function historyHeader(tracking: TrackingFile): string[] {
  return [
    ...historyIdentityColumns(tracking).map((c) => c.label),
    ...HISTORY_META.before.map((m) => m.label),
    ...reportColumns(tracking).map((c) => c.label),
    ...HISTORY_META.after.map((m) => m.label),
  ];
}

export function historyRowCells(
  tracking: TrackingFile,
  version: ReportVersion,
  establishment: EstablishmentRecord | undefined,
  useCase: UseCaseRecord | undefined,
): Cell[] {
  const identity = historyIdentityColumns(tracking).map((c) =>
    cellOf(c, columnScope(c) === 'establishment' ? establishment?.values[c.id] : useCase?.values[c.id]),
  );
  return [
    ...identity,
    text(version.week),
    num(version.version),
    ...reportColumns(tracking).map((c) => cellOf(c, version.values[c.id])),
    text(SOURCE_LABELS[version.source]),
    { t: 'dt', v: version.receivedAt },
    text(version.author),
    text(version.reason ?? ''),
    text(version.warnings.map((w) => w.message).join('\n')),
    text(version.submissionId),
    text(version.rowKey),
  ];
}

export function historySheet(
  tracking: TrackingFile,
  versions: readonly ReportVersion[],
  establishments: ReadonlyMap<string, EstablishmentRecord>,
): SheetModel {
  const identity = historyIdentityColumns(tracking);
  const report = reportColumns(tracking);
  const columns: ColumnSpec[] = [
    ...identity.map((c) => ({
      key: c.id,
      width: c.width,
      hidden: false,
      owner: c.owner,
      format: formatOf(c),
    })),
    ...HISTORY_META.before.map((m) => ({
      key: m.key,
      width: m.width,
      hidden: false,
      owner: null,
      format: m.format,
    })),
    ...report.map((c) => ({ key: c.id, width: c.width, hidden: false, owner: c.owner, format: formatOf(c) })),
    ...HISTORY_META.after.map((m) => ({
      key: m.key,
      width: m.width,
      hidden: false,
      owner: null,
      format: m.format,
    })),
  ];
  const rows = versions.map((v) => {
    const [establishmentId, useCaseId] = v.rowKey.split('/');
    const e = establishments.get(establishmentId ?? '');
    return historyRowCells(
      tracking,
      v,
      e,
      e?.useCases.find((u) => u.id === useCaseId),
    );
  });
  return {
    name: 'Historique',
    columns,
    header: [historyHeader(tracking).map(text)],
    rows,
    merges: [],
    styles: [
      {
        rect: { row: 0, col: 0, rows: 1, cols: columns.length },
        style: { bold: true, fill: HEADER_GREY, wrap: true, vAlign: 'middle' },
      },
    ],
    frozen: { rows: 1, columns: 1 },
    validations: [],
    hidden: false,
    charts: [],
    editableBy: {},
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Synthèse: totals, latest per row, weekly series with a chart, completeness grid.

export interface SynthesisInput {
  tracking: TrackingFile;
  summary: Summary;
  grid: CompletenessGrid;
  /** Shown in the title: when the summary was computed. */
  now: Date;
}

export function synthesisSheet({ tracking, summary, grid, now }: SynthesisInput): SheetModel {
  const establishmentLabel = tracking.columns.find((c) => c.id === 'establishment')?.label ?? '';
  const counters = summary.counters;
  const width = Math.max(2 + counters.length, 1 + grid.weeks.length, 3);
  const rows: Cell[][] = [];
  const styles: SheetModel['styles'] = [];
  const pad = (cells: Cell[]): Cell[] => [
    ...cells,
    ...Array<Cell>(Math.max(0, width - cells.length)).fill(null),
  ];
  const title = (label: string) => {
    styles.push({ rect: { row: rows.length, col: 0, rows: 1, cols: 1 }, style: TITLE_STYLE });
    rows.push(pad([text(label)]));
  };
  const headerRow = (cells: Cell[]) => {
    styles.push({
      rect: { row: rows.length, col: 0, rows: 1, cols: cells.length },
      style: { bold: true, fill: HEADER_GREY, wrap: true, vAlign: 'middle' },
    });
    rows.push(pad(cells));
  };

  title(
    `Synthèse nationale — données jusqu'à la semaine ${summary.asOfWeek ?? '—'} (calculée le ${formatParisDateTime(now)})`,
  );
  rows.push(pad([]));
  title('Totaux des indicateurs');
  headerRow([text('Indicateur'), text('Total')]);
  for (const c of counters) rows.push(pad([text(c.label), num(summary.totals[c.id] ?? 0)]));
  rows.push(pad([]));

  title('Dernières valeurs par établissement');
  headerRow([text(establishmentLabel), text('Semaine'), ...counters.map((c) => text(c.label))]);
  for (const r of summary.latest)
    rows.push(pad([text(r.title), text(r.week ?? ''), ...counters.map((c) => num(r.counters[c.id] ?? 0))]));
  rows.push(pad([]));

  title('Évolution hebdomadaire (totaux cumulés)');
  const seriesHeader = rows.length;
  headerRow([text('Semaine'), text('Etablissements ayant déclaré'), ...counters.map((c) => text(c.label))]);
  for (const p of summary.series)
    rows.push(pad([text(p.week), num(p.reporting), ...counters.map((c) => num(p.totals[c.id] ?? 0))]));
  const seriesRows = summary.series.length + 1;
  rows.push(pad([]));

  title('Progression hebdomadaire (écart avec la semaine précédente)');
  headerRow([text('Semaine'), null, ...counters.map((c) => text(c.label))]);
  for (const d of summary.deltas)
    rows.push(pad([text(d.week), null, ...counters.map((c) => num(d.deltas[c.id] ?? 0))]));
  rows.push(pad([]));

  title('Complétude des déclarations hebdomadaires');
  headerRow([text(establishmentLabel), ...grid.weeks.map((w) => text(w))]);
  for (const r of grid.rows) {
    const at = rows.length;
    rows.push(pad([text(r.title), ...r.cells.map((c) => text(COMPLETENESS_LABELS[c]))]));
    r.cells.forEach((c, i) =>
      styles.push({
        rect: { row: at, col: 1 + i, rows: 1, cols: 1 },
        style: { fill: COMPLETENESS_COLORS[c], hAlign: 'center' },
      }),
    );
  }
  for (const status of ['received', 'late', 'missing'] as const) {
    rows.push(pad([text(`Total ${COMPLETENESS_LABELS[status]}`), ...grid.totals.map((t) => num(t[status]))]));
  }

  const charts: ChartSpec[] =
    summary.series.length > 0
      ? [
          {
            kind: 'line',
            title: 'Évolution des indicateurs cumulés',
            domain: { row: seriesHeader, col: 0, rows: seriesRows, cols: 1 },
            series: counters.map((_, i) => ({ row: seriesHeader, col: 2 + i, rows: seriesRows, cols: 1 })),
            anchor: { row: 2, col: 3 },
          },
        ]
      : [];
  const columns: ColumnSpec[] = Array.from({ length: width }, (_, i) => ({
    key: `c${i}`,
    width: i === 0 ? 280 : 110,
    hidden: false,
    owner: null,
    format: 'text' as const,
  }));
  return {
    name: 'Synthèse',
    columns,
    header: [],
    rows,
    merges: [],
    styles,
    frozen: { rows: 0, columns: 1 },
    validations: [],
    hidden: false,
    charts,
    editableBy: {},
    // Synthèse has several small tables, each with its own heading: no row to repeat.
    print: { orientation: 'landscape', titleRows: 0 },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Établissements: the registry and each establishment's links.

export interface EstablishmentLinks {
  weekly?: string;
  prefilled?: string;
  initialisation?: string;
}

/**
 * Columns of the registry tab: the tracking file's own columns where they exist (their labels come from there),
 * then registry-only facts and the runtime's links.
 */
export const REGISTRY_COLUMNS: ReadonlyArray<
  { key: string; width: number } & ({ column: string } | { label: string })
> = [
  { key: 'id', label: 'Identifiant', width: 200 },
  { key: 'use_case_id', label: 'Cas d’usage (identifiant)', width: 90 },
  { key: 'establishment', column: 'establishment', width: 260 },
  { key: 'department', column: 'department', width: 90 },
  { key: 'group', column: 'group', width: 140 },
  { key: 'federation', label: 'Fédération', width: 90 },
  { key: 'es_type', column: 'es_type', width: 120 },
  { key: 'pathway', column: 'pathway', width: 240 },
  { key: 'use_case', column: 'use_case', width: 200 },
  { key: 'pathway_status', label: 'Statut du parcours', width: 100 },
  { key: 'finess', label: 'FINESS', width: 90 },
  { key: 'note', label: 'Note', width: 300 },
  { key: 'weekly_link', label: 'Formulaire hebdomadaire', width: 260 },
  { key: 'prefilled_link', label: 'Lien prérempli', width: 260 },
  { key: 'initialisation_link', label: "Formulaire d'initialisation", width: 260 },
];

/** The header of each registry column, labels of tracking-file columns taken from the tracking file. */
export function registryHeader(tracking: TrackingFile): string[] {
  return REGISTRY_COLUMNS.map((c) =>
    'column' in c ? (tracking.columns.find((t) => t.id === c.column)?.label ?? c.key) : c.label,
  );
}

export function registrySheet(
  tracking: TrackingFile,
  establishments: readonly EstablishmentRecord[],
  links: ReadonlyMap<string, EstablishmentLinks>,
): SheetModel {
  const str = (v: FieldValue | undefined) => text(typeof v === 'string' ? v : '');
  const rows = establishments.flatMap((e) =>
    e.useCases.map((u) => {
      const l = links.get(e.id) ?? {};
      const facts: Record<string, Cell> = {
        id: text(e.id),
        use_case_id: text(u.id),
        federation: text(e.federation ?? ''),
        pathway_status: text(u.pathwayStatus),
        finess: text(e.finess ?? ''),
        note: text(e.note ?? ''),
        weekly_link: text(l.weekly ?? ''),
        prefilled_link: text(l.prefilled ?? ''),
        initialisation_link: text(l.initialisation ?? ''),
      };
      return REGISTRY_COLUMNS.map((c) =>
        'column' in c ? str(e.values[c.column] ?? u.values[c.column]) : (facts[c.key] ?? null),
      );
    }),
  );
  const editable = REGISTRY_COLUMNS.flatMap((c, i) => (c.key.endsWith('_link') ? [] : [i]));
  return {
    name: 'Établissements',
    columns: REGISTRY_COLUMNS.map((c) => ({
      key: c.key,
      width: c.width,
      hidden: false,
      owner: null,
      format: 'text' as const,
    })),
    header: [registryHeader(tracking).map(text)],
    rows,
    merges: [],
    styles: [
      {
        rect: { row: 0, col: 0, rows: 1, cols: REGISTRY_COLUMNS.length },
        style: { bold: true, fill: HEADER_GREY, wrap: true },
      },
    ],
    frozen: { rows: 1, columns: 3 },
    validations: [],
    hidden: false,
    charts: [],
    editableBy: { ars: editable },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Journal: every ingestion, refusal, change and action. Hidden.

export const JOURNAL_COLUMNS = [
  { key: 'at', label: 'Horodatage', width: 140 },
  { key: 'kind', label: 'Type', width: 140 },
  { key: 'actor', label: 'Acteur', width: 200 },
  { key: 'role', label: 'Rôle', width: 60 },
  { key: 'target', label: 'Cible', width: 200 },
  { key: 'summary', label: 'Résumé', width: 500 },
  { key: 'details', label: 'Détails', width: 300 },
] as const;

export function journalRowCells(entry: JournalEntry): Cell[] {
  return [
    { t: 'dt', v: entry.at },
    text(JOURNAL_KIND_LABELS[entry.kind]),
    text(entry.actor),
    text(entry.role),
    text(entry.target ?? ''),
    text(entry.summary),
    text(entry.details ?? ''),
  ];
}

export function journalSheet(entries: readonly JournalEntry[]): SheetModel {
  return {
    name: 'Journal',
    columns: JOURNAL_COLUMNS.map((c) => ({
      key: c.key,
      width: c.width,
      hidden: false,
      owner: null,
      format: c.key === 'at' ? ('datetime' as const) : ('text' as const),
    })),
    header: [JOURNAL_COLUMNS.map((c) => text(c.label))],
    rows: entries.map(journalRowCells),
    merges: [],
    styles: [
      {
        rect: { row: 0, col: 0, rows: 1, cols: JOURNAL_COLUMNS.length },
        style: { bold: true, fill: HEADER_GREY },
      },
    ],
    frozen: { rows: 1, columns: 0 },
    validations: [],
    hidden: true,
    charts: [],
    editableBy: {},
  };
}

// ---------------------------------------------------------------------------------------------------------------
// The whole workbook.

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

export type { IsoWeek, Summary, CompletenessGrid, EstablishmentRecord };
export { establishmentName };
