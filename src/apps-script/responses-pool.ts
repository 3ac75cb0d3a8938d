// The responses spreadsheets: the first one (KEYS.responsesId, made by the install's Drive phase) and those added
// when the next establishment's reserved season would take the last one past its cell budget (KEYS.responsesMore,
// in creation order). Both forms of an establishment go to the same one, recorded in their FormMeta with its place
// in this list, which their submission ids carry (see responses.ts): two spreadsheets may hold tabs with the same
// sheet id, and ingestion tells them apart without reading the settings (one service call fewer).
import * as z from 'zod';
import { frAppsScript } from './messages';
import type { EstablishmentRecord } from '../domain/model';
import {
  CELL_BUDGET,
  NEW_TAB_COLUMNS,
  NEW_TAB_ROWS,
  reservedEstablishmentCells,
  reservedResponseCells,
  reservedWeeks,
  responseColumnsOfMeta,
  trimsResponseTabs,
  type ResponseForm,
} from './cell-budget';
import type { GasFolder, GasSpreadsheet } from './gas-api';
import type { Runtime } from './runtime';
import { KEYS } from './settings';
import { ensureTriggers } from './triggers';
import type { FormMeta } from '../google/stored-json';

const IdList = z.array(z.string().min(1));

/** Every responses spreadsheet id, the first one first (none before the install's Drive phase). */
export function responsesIds(rt: Runtime): string[] {
  const first = rt.settings.get(KEYS.responsesId);
  if (!first) return [];
  return [first, ...(rt.settings.json(KEYS.responsesMore, IdList) ?? [])];
}

/** The responses spreadsheet a form sends its answers to (forms linked before there were several: the first). */
export function responsesIdOf(rt: Runtime, meta: FormMeta): string | undefined {
  return meta.responsesId ?? rt.settings.get(KEYS.responsesId);
}

/**
 * The cell budget of one responses spreadsheet: CELL_BUDGET, or less when an administrator sets the
 * `responses.cellBudget` script property (smaller spreadsheets open faster; the tests use it too).
 */
export function responsesBudget(rt: Runtime): number {
  const set = Number(rt.settings.get(KEYS.responsesCellBudget));
  return Number.isFinite(set) && set > 0 ? Math.min(set, CELL_BUDGET) : CELL_BUDGET;
}

/** A new spreadsheet's blank first tab stays: it cannot be deleted while it is the only one. */
const BLANK_TAB_CELLS = NEW_TAB_ROWS * NEW_TAB_COLUMNS;

/**
 * Whether a form sends its responses to a spreadsheet: its tab is recorded, or its destination is (install notes it
 * as soon as it is set, before Google shows the tab).
 */
function linked(meta: FormMeta): boolean {
  return (meta.tabId ?? -1) >= 0 || meta.responsesId !== undefined;
}

/** Cells reserved by each responses spreadsheet for the forms already linked to it. */
function reservedByEach(rt: Runtime, ids: readonly string[]): Map<string, number> {
  const weeks = reservedWeeks(rt.calendar);
  const used = new Map(ids.map((id) => [id, BLANK_TAB_CELLS]));
  for (const e of rt.store.listEstablishments()) {
    const forms = rt.store.formsOf(e.id);
    for (const kind of ['weekly', 'initialisation'] as const) {
      const meta = forms[kind];
      const id = meta && linked(meta) ? responsesIdOf(rt, meta) : undefined;
      if (meta && id !== undefined && used.has(id))
        used.set(
          id,
          (used.get(id) ?? 0) +
            reservedResponseCells(kind, responseColumnsOfMeta(meta), weeks, meta.trimmed ?? false),
        );
    }
  }
  return used;
}

/** Where an establishment's forms send their responses, and whether their tabs are trimmed when linked. */
export interface Destination {
  spreadsheet: GasSpreadsheet;
  trim: boolean;
}

/** Chooses (and when needed creates) the responses spreadsheet of establishments being installed. */
export class ResponsesPool {
  private used: Map<string, number> | null = null;
  private readonly opened = new Map<string, GasSpreadsheet>();

  constructor(
    private readonly rt: Runtime,
    private readonly folder: GasFolder,
    /** Whether an earlier run died: the spreadsheet it was adding may lack its settings and folder. */
    private readonly interrupted: boolean,
  ) {}

  open(id: string): GasSpreadsheet {
    let ss = this.opened.get(id);
    if (!ss) {
      ss = this.rt.services.SpreadsheetApp.openById(id);
      this.opened.set(id, ss);
      const ids = responsesIds(this.rt);
      if (this.interrupted && ids.length > 1 && id === ids[ids.length - 1]) this.prepare(ss);
    }
    return ss;
  }

  /** What a responses spreadsheet needs besides its forms: Paris dates (responses.ts reads them), the folder. */
  private prepare(spreadsheet: GasSpreadsheet): void {
    spreadsheet.setSpreadsheetLocale('fr_FR');
    spreadsheet.setSpreadsheetTimeZone('Europe/Paris');
    this.rt.services.DriveApp.getFileById(spreadsheet.getId()).moveTo(this.folder);
  }

  /**
   * The responses spreadsheet of `establishment` (`columns`: each form's response columns): the one its other form
   * already uses, else `kept` (the spreadsheet a form left by an interrupted run is already linked to), else the
   * first whose reserved cells leave room for both forms' season, else a new one.
   */
  destinationFor(
    establishment: EstablishmentRecord,
    columns: Readonly<Record<ResponseForm, number>>,
    kept?: string,
  ): Destination {
    const rt = this.rt;
    const forms = rt.store.formsOf(establishment.id);
    for (const meta of [forms.weekly, forms.initialisation])
      if (meta && linked(meta)) {
        const id = responsesIdOf(rt, meta);
        if (id) return { spreadsheet: this.open(id), trim: meta.trimmed ?? false };
      }
    const ids = responsesIds(rt);
    const used = (this.used ??= reservedByEach(rt, ids));
    const weeks = reservedWeeks(rt.calendar);
    const budget = responsesBudget(rt);
    const trim = trimsResponseTabs(rt.store.listEstablishments().length, columns, weeks, budget);
    const need = reservedEstablishmentCells(columns, weeks, trim);
    let id = kept ?? ids.find((candidate) => (used.get(candidate) ?? 0) + need <= budget);
    if (id === undefined) {
      id = this.add(ids);
      used.set(id, BLANK_TAB_CELLS);
    }
    used.set(id, (used.get(id) ?? 0) + need);
    return { spreadsheet: this.open(id), trim };
  }

  private add(ids: readonly string[]): string {
    const rt = this.rt;
    const created = rt.services.SpreadsheetApp.create(
      frAppsScript.responsesSpreadsheetPart(rt.project.config.pilot.name, ids.length + 1),
    );
    const id = created.getId();
    // Recorded before anything else: a run that dies after this call makes no second one (one that dies between
    // the two calls leaves an empty, unlinked spreadsheet in the owner's Drive, never a second destination).
    rt.settings.setJson(KEYS.responsesMore, [...ids.slice(1), id]);
    this.opened.set(id, created);
    this.prepare(created);
    // Install creates its triggers before any form (a response sent during install is delivered): a spreadsheet
    // added later gets its onFormSubmit trigger at once, before a form sends it anything.
    ensureTriggers(
      rt,
      [...ids, id].map((each) => this.open(each)),
    );
    return id;
  }
}
