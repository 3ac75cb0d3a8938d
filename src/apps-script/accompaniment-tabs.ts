// The accompaniment's tabs in the master workbook: « Binômes » (each binôme and the establishments it follows),
// « Points de suivi » (one row per follow-up point: the ARS writes a new point on a blank row and chooses
// « Enregistrer » to record it), « Actions de suivi » (one row per action, whose status and comment the ARS
// changes), all owned by the owner and the ARS, and the hidden « Accompagnement (données) » store. The visible tabs
// are drawn from the store (accompaniment-store.ts); what is typed there goes through the core's use cases
// (accompaniment-edits.ts). Dates are written as text (« 14/06/2022 ») so Sheets never turns them into numbers.
import type { AccompanimentContext } from '../app/accompaniment';
import { accompanimentSettings, parseBinomesFile } from '../schema/accompaniment';
import { parseRetexTemplateDescription } from '../domain/retex/template';
import type { Project } from '../schema/project';
import {
  ACTION_OWNER_LABELS,
  ACTION_STATUS_LABELS,
  currentAssignments,
  currentBinomes,
  frenchDay,
  type FollowUpAction,
  type FollowUpPoint,
} from '../domain/accompaniment';
import { forceTextForSheets } from '../domain/workbook/cell-text';
import { text as cellText } from '../domain/workbook/cells';
import { establishmentName } from '../domain/model';
import { parisDateString } from '../domain/paris-time';
import { roleEmails, type ProtectionSpec } from '../domain/workbook/protection-plan';
import {
  ACCOMPANIMENT_DATA_HEADER,
  ACCOMPANIMENT_DATA_SHEET,
  SheetAccompanimentStore,
} from './accompaniment-store';
import { trimNewTabColumns } from './cell-budget';
import type { GasSheet } from './gas-api';
import type { AccompanimentSources, Runtime } from './runtime';
import { sendSheetsBatch } from './sheets-batch';
import { updateCellsRequests } from '../google/cell-requests';
import {
  gridRange,
  hideColumnsRequest,
  NUMBER_FORMATS,
  numberFormatRequest,
  sheetPropertiesRequest,
  validationRule,
  widthRequest,
  type SheetsRequest,
} from '../google/workbook-requests';

export const BINOMES_SHEET = 'Binômes';
export const POINTS_SHEET = 'Points de suivi';
export const ACTIONS_SHEET = 'Actions de suivi';
export const COMMITTEES_SHEET = 'Comités';

export const BINOMES_HEADER = [
  'Identifiant',
  'Libellé',
  'Agent ARS',
  'Adresse mail ARS',
  'Agent SESAN',
  'Adresse mail SESAN',
  'Établissements suivis (identifiants, séparés par des virgules)',
  // After the establishments, so the columns above keep their letters. « Contact référent GRADeS et ARS » takes
  // only an officer with a phone (binomeContact): a row edited here must keep them.
  'Téléphone ARS',
  'Téléphone SESAN',
];
/** 1-based columns of « Points de suivi ». */
export const POINT_COLUMNS = {
  establishment: 1,
  date: 2,
  participants: 3,
  summary: 4,
  decisions: 5,
  actions: 6,
  nextDate: 7,
  record: 8,
  status: 9,
  id: 10,
};
export const POINTS_HEADER = [
  'Établissement (identifiant ou nom)',
  'Date du point',
  'Participants',
  'Compte rendu',
  'Décisions',
  'Actions (une par ligne : responsable ; texte ; échéance)',
  'Date du prochain point',
  'Enregistrer',
  'État',
  'Identifiant (ne pas modifier)',
];
/** The choice that records the point written on its row. */
export const RECORD_CHOICE = 'Enregistrer';
/** « Comités »: one row per committee month, where the ARS writes the « décisions à prendre » (column 3). */
export const COMMITTEES_HEADER = [
  'Mois (AAAA-MM)',
  'Date du comité',
  'Décisions à prendre (écrites avant le comité)',
  'Dernier enregistrement',
];
export const COMMITTEE_COLUMNS = { month: 1, date: 2, text: 3, state: 4 };
/** 1-based columns of « Actions de suivi ». */
export const ACTION_COLUMNS = {
  establishment: 1,
  point: 2,
  text: 3,
  owner: 4,
  dueDate: 5,
  status: 6,
  comment: 7,
  state: 8,
  id: 9,
  version: 10,
};
export const ACTIONS_HEADER = [
  'Établissement',
  'Point du',
  'Action',
  'Responsable',
  'Échéance',
  'Statut',
  'Commentaire',
  'Dernière modification',
  'Identifiant (ne pas modifier)',
  'Version (ne pas modifier)',
];

export function openAccompanimentStore(rt: Runtime): SheetAccompanimentStore {
  return new SheetAccompanimentStore(rt.store.sheet(ACCOMPANIMENT_DATA_SHEET));
}

export function accompanimentContext(
  rt: Runtime,
  store: SheetAccompanimentStore = openAccompanimentStore(rt),
): AccompanimentContext & { accompaniment: SheetAccompanimentStore } {
  return { project: rt.project, store: rt.store, clock: rt.clock, accompaniment: store };
}

/** How one accompaniment tab is drawn when it is created. */
interface NewTab {
  name: string;
  header: readonly string[];
  /** Widths of the long text columns (1-based); the others keep Google's. */
  widths?: Record<number, number>;
  /** 1-based columns kept as plain text below the header. */
  textColumns?: readonly number[];
  /** A drop-down list below the header, in one column (1-based). */
  choice?: { col: number; values: string[] };
  /** Technical columns hidden (1-based first column, count). */
  hiddenColumns?: { col: number; count: number };
  hidden?: boolean;
  /** A growing tab: its blank columns are deleted (trimNewTabColumns). */
  trim: boolean;
}

function newTabs(): NewTab[] {
  return [
    {
      name: BINOMES_SHEET,
      header: BINOMES_HEADER,
      widths: { 7: 320 },
      // Plain text: a phone typed « 0199000005 » would otherwise become a number and lose its leading zero.
      textColumns: [8, 9],
      trim: true,
    },
    {
      name: POINTS_SHEET,
      header: POINTS_HEADER,
      widths: { [POINT_COLUMNS.summary]: 360, [POINT_COLUMNS.actions]: 360, [POINT_COLUMNS.status]: 320 },
      choice: { col: POINT_COLUMNS.record, values: [RECORD_CHOICE] },
      hiddenColumns: { col: POINT_COLUMNS.id, count: 1 },
      trim: true,
    },
    {
      name: ACTIONS_SHEET,
      header: ACTIONS_HEADER,
      widths: { [ACTION_COLUMNS.text]: 320, [ACTION_COLUMNS.comment]: 300 },
      choice: { col: ACTION_COLUMNS.status, values: Object.values(ACTION_STATUS_LABELS) },
      hiddenColumns: { col: ACTION_COLUMNS.id, count: 2 },
      trim: true,
    },
    {
      name: COMMITTEES_SHEET,
      header: COMMITTEES_HEADER,
      widths: { [COMMITTEE_COLUMNS.text]: 520, [COMMITTEE_COLUMNS.state]: 260 },
      trim: true,
    },
    { name: ACCOMPANIMENT_DATA_SHEET, header: ACCOMPANIMENT_DATA_HEADER, hidden: true, trim: false },
  ];
}

/** The header, widths, formats, validations, frozen row and visibility of a new tab, as Sheets API requests. */
function newTabRequests(id: number, tab: NewTab): SheetsRequest[] {
  const below = (col: number, cols = 1) => ({ row: 1, col: col - 1, rows: null, cols });
  return [
    ...updateCellsRequests(id, 1, 1, [tab.header.map(cellText)]),
    ...Object.entries(tab.widths ?? {}).map(([col, width]) => widthRequest(id, Number(col), width)),
    ...(tab.textColumns ?? []).map((col) => numberFormatRequest(id, below(col), NUMBER_FORMATS.text)),
    ...(tab.choice
      ? [
          {
            setDataValidation: {
              range: gridRange(id, below(tab.choice.col)),
              rule: validationRule({ kind: 'list', values: tab.choice.values }, below(tab.choice.col)),
            },
          },
        ]
      : []),
    ...(tab.hiddenColumns ? [hideColumnsRequest(id, tab.hiddenColumns.col, tab.hiddenColumns.count)] : []),
    sheetPropertiesRequest(id, { frozenRows: 1, ...(tab.hidden ? { hidden: true } : {}) }),
  ];
}

/**
 * Creates the accompaniment tabs that are missing; returns their names. Install draws them at its end, close to
 * Google's time limit: each tab is inserted through SpreadsheetApp and everything drawn on them (headers, widths,
 * formats, drop-down lists, hidden columns, frozen rows) goes in one Sheets API batch.
 */
export function createAccompanimentSheets(rt: Runtime): string[] {
  const created: string[] = [];
  const requests: SheetsRequest[] = [];
  let index: number | undefined;
  for (const tab of newTabs()) {
    if (rt.master.getSheetByName(tab.name)) continue;
    index ??= rt.master.getSheets().length;
    const sheet = rt.master.insertSheet(tab.name, index);
    index += 1;
    if (tab.trim) trimNewTabColumns(sheet, tab.header.length);
    requests.push(...newTabRequests(sheet.getSheetId(), tab));
    created.push(tab.name);
  }
  sendSheetsBatch(rt.services, rt.master.getId(), requests);
  return created;
}

const PREFIX = 'suivi-mes:';

/**
 * The accompaniment tabs' protections: the store owner-only, each visible tab the owner's and the ARS's (one
 * protection per tab: each costs several calls, and install runs close to Google's time limit).
 */
export function accompanimentProtectionSpecs(
  rt: Runtime,
): Array<Omit<ProtectionSpec, 'sheet'> & { sheet: string }> {
  const ars = roleEmails(rt.project.config, 'ars');
  return [
    {
      sheet: ACCOMPANIMENT_DATA_SHEET,
      rect: null,
      editors: [],
      role: 'owner',
      description: `${PREFIX}${ACCOMPANIMENT_DATA_SHEET}:owner`,
    },
    ...[BINOMES_SHEET, POINTS_SHEET, ACTIONS_SHEET, COMMITTEES_SHEET].map((sheet) => ({
      sheet,
      rect: null,
      editors: ars,
      role: 'ars' as const,
      description: `${PREFIX}${sheet}:ars`,
    })),
  ];
}

// ---- Drawing the tabs from the store ---------------------------------------------------------------------------

const text = (s: string) => (s === '' ? '' : forceTextForSheets(s));

function writeRows(sheet: GasSheet, width: number, rows: string[][]): void {
  const last = sheet.getLastRow();
  const needed = rows.length + 1;
  if (needed > sheet.getMaxRows()) sheet.insertRowsAfter(sheet.getMaxRows(), needed - sheet.getMaxRows());
  if (rows.length > 0) sheet.getRange(2, 1, rows.length, width).setValues(rows.map((r) => r.map(text)));
  if (last > needed) sheet.getRange(needed + 1, 1, last - needed, width).clearContent();
}

function nameOf(rt: Runtime, establishmentId: string): string {
  const e = rt.store.getEstablishment(establishmentId);
  return e ? establishmentName(e) : establishmentId;
}

export function binomeRows(store: SheetAccompanimentStore): string[][] {
  const assigned = currentAssignments(store.listAssignments());
  return currentBinomes(store.listBinomes()).map((b) => [
    b.id,
    b.label ?? '',
    b.ars.name,
    b.ars.email,
    b.sesan.name,
    b.sesan.email,
    [...assigned]
      .filter(([, id]) => id === b.id)
      .map(([e]) => e)
      .join(', '),
    b.ars.phone ?? '',
    b.sesan.phone ?? '',
  ]);
}

export function renderBinomes(rt: Runtime, store: SheetAccompanimentStore): void {
  writeRows(rt.store.sheet(BINOMES_SHEET), BINOMES_HEADER.length, binomeRows(store));
}

/** What a recorded point's row shows. */
export function pointRow(rt: Runtime, point: FollowUpPoint, actions: readonly FollowUpAction[]): string[] {
  const row = Array.from({ length: POINTS_HEADER.length }, () => '');
  const set = (col: number, value: string) => (row[col - 1] = value);
  set(POINT_COLUMNS.establishment, point.establishmentId);
  set(POINT_COLUMNS.date, frenchDay(point.date));
  set(POINT_COLUMNS.participants, point.participants);
  set(POINT_COLUMNS.summary, point.summary);
  set(POINT_COLUMNS.decisions, point.decisions);
  set(
    POINT_COLUMNS.actions,
    actions
      .filter((a) => a.pointId === point.id)
      .map((a) => `${ACTION_OWNER_LABELS[a.owner]} ; ${a.text} ; ${frenchDay(a.dueDate)}`)
      .join('\n'),
  );
  set(POINT_COLUMNS.nextDate, point.nextDate ? frenchDay(point.nextDate) : '');
  set(
    POINT_COLUMNS.status,
    `Enregistré le ${frenchDay(parisDateString(new Date(point.at)))} (${point.author}) — ${nameOf(rt, point.establishmentId)}`,
  );
  set(POINT_COLUMNS.id, point.id);
  return row;
}

/**
 * Writes each recorded point on its row and appends the points the tab does not show (recorded elsewhere, or
 * whose row was deleted); rows still being written (no identifier) are left as they are.
 */
export function syncPoints(rt: Runtime, store: SheetAccompanimentStore): void {
  const sheet = rt.store.sheet(POINTS_SHEET);
  const last = sheet.getLastRow();
  const ids =
    last < 2
      ? []
      : sheet
          .getRange(2, POINT_COLUMNS.id, last - 1, 1)
          .getDisplayValues()
          .map((r) => r[0] ?? '');
  const actions = store.listActions();
  const width = POINTS_HEADER.length;
  const rowOf = new Map(ids.map((id, i) => [id, i + 2]));
  const missing: string[][] = [];
  for (const p of store.listPoints()) {
    const row = pointRow(rt, p, actions);
    const at = rowOf.get(p.id);
    if (at === undefined) missing.push(row);
    else {
      const shown = sheet.getRange(at, 1, 1, width).getDisplayValues()[0] ?? [];
      if (shown.some((v, i) => v !== row[i])) sheet.getRange(at, 1, 1, width).setValues([row.map(text)]);
    }
  }
  if (missing.length === 0) return;
  const start = last + 1;
  if (start + missing.length - 1 > sheet.getMaxRows())
    sheet.insertRowsAfter(sheet.getMaxRows(), start + missing.length - 1 - sheet.getMaxRows());
  sheet.getRange(start, 1, missing.length, width).setValues(missing.map((r) => r.map(text)));
}

export function actionRows(rt: Runtime, store: SheetAccompanimentStore): string[][] {
  const points = new Map(store.listPoints().map((p) => [p.id, p]));
  return store
    .listActions()
    .sort(
      (a, b) =>
        a.establishmentId.localeCompare(b.establishmentId) ||
        (points.get(a.pointId)?.date ?? '').localeCompare(points.get(b.pointId)?.date ?? '') ||
        a.id.localeCompare(b.id),
    )
    .map((a) => {
      const lastChange = a.history[a.history.length - 1];
      const point = points.get(a.pointId);
      return [
        nameOf(rt, a.establishmentId),
        point ? frenchDay(point.date) : '',
        a.text,
        ACTION_OWNER_LABELS[a.owner],
        frenchDay(a.dueDate),
        ACTION_STATUS_LABELS[a.status],
        lastChange?.comment ?? '',
        lastChange ? `${frenchDay(parisDateString(new Date(lastChange.at)))} — ${lastChange.author}` : '',
        a.id,
        String(a.version),
      ];
    });
}

export function renderActions(rt: Runtime, store: SheetAccompanimentStore): void {
  writeRows(rt.store.sheet(ACTIONS_SHEET), ACTIONS_HEADER.length, actionRows(rt, store));
}

/**
 * « Comités »: a row per month that has a committee in the configuration or a saved text, with the text in force
 * (the latest saved for the month).
 */
export function committeeRows(rt: Runtime, store: SheetAccompanimentStore): string[][] {
  const latest = new Map<string, { text: string; at: string; author: string }>();
  for (const t of store.listCommitteeTexts()) latest.set(t.month, t);
  const dates = new Map<string, string>();
  for (const d of accompanimentSettings(rt.project.config).committees) dates.set(d.slice(0, 7), d);
  const months = [...new Set([...dates.keys(), ...latest.keys()])].sort();
  return months.map((m) => {
    const t = latest.get(m);
    const date = dates.get(m);
    return [
      m,
      date ? frenchDay(date) : '',
      t?.text ?? '',
      t ? `Enregistré le ${frenchDay(parisDateString(new Date(t.at)))} (${t.author})` : '',
    ];
  });
}

export function renderCommittees(rt: Runtime, store: SheetAccompanimentStore): void {
  writeRows(rt.store.sheet(COMMITTEES_SHEET), COMMITTEES_HEADER.length, committeeRows(rt, store));
}

/** Redraws every accompaniment tab from the store. */
export function renderAccompanimentTabs(rt: Runtime, store: SheetAccompanimentStore): void {
  renderCommittees(rt, store);
  renderBinomes(rt, store);
  syncPoints(rt, store);
  renderActions(rt, store);
}

/**
 * The bundled accompaniment files, validated (a bad file fails the build with its French message): the binômes
 * against the registry, the committee template description as the local runtime reads it.
 */
export function bundledAccompaniment(
  binomes: unknown,
  committee: unknown,
  project: Project,
  /** The ids the binômes file may assign (default: the project's); see bundledEstablishmentIds. */
  establishmentIds: readonly string[] = project.establishments.map((e) => e.id),
): AccompanimentSources {
  return {
    ...(binomes === undefined
      ? {}
      : {
          binomes: parseBinomesFile(
            binomes,
            project.config.files.binomes ?? 'binomes.json',
            establishmentIds,
          ),
        }),
    ...(committee === undefined
      ? {}
      : {
          committeeTemplate: parseRetexTemplateDescription(
            committee,
            'comite-mensuel.json',
            'cross-cutting',
            project.tracking,
          ),
        }),
  };
}
