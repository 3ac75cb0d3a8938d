// What every entry point works with: the services (handed in by main.ts), the bundled project, a clock, the
// master workbook and its store, the script's settings, and how to tell the person who clicked a menu. Opening
// it costs one service call (the container spreadsheet); everything else is read on first use.
import type { AppContext } from '../app/context';
import { pilotCalendar, type PilotCalendar } from '../domain/calendar';
import { formPlanContextOf, type FormPlanContext } from '../domain/form-plan';
import type { RetexTemplates } from '../domain/retex/template';
import type { Clock } from '../ports';
import type { Project } from '../schema/project';
import type { BinomesFile } from '../schema/accompaniment';
import type { RetexTemplateDescription } from '../domain/retex/template';

export interface AccompanimentSources {
  binomes?: BinomesFile;
  committeeTemplate?: RetexTemplateDescription;
}
import type { GasServices, GasSpreadsheet } from './gas-api';
import { KEYS, Settings } from './settings';
import { SUIVI } from './workbook-geometry';
import { SheetStore } from './sheet-store';

/**
 * How long a resumable run may last. Google stops an execution at 6 minutes; a run starts a unit of work (a form,
 * a phase) only if the longest unit seen so far still fits before this limit, so it ends under 5 minutes even on a
 * slow day, and hands over to a continuation.
 */
export const RUN_LIMIT_MS = 5 * 60 * 1000;
/** What a unit of work is assumed to take before one has been timed. */
export const FIRST_UNIT_ESTIMATE_MS = 30 * 1000;
/** What a run does after its last unit (save its cursor, replace its continuation, flush): kept in reserve. */
const CLOSING_MS = 2 * 1000;

export interface Runtime extends AppContext {
  services: GasServices;
  store: SheetStore;
  master: GasSpreadsheet;
  settings: Settings;
  calendar: PilotCalendar;
  /** When the execution started, for its time budget. */
  startedAt: number;
  /** Shows a message to the person who clicked a menu, or logs it when a trigger runs. */
  notify(message: string): void;
  /**
   * Whether the execution still has time for another unit of work: as long as the longest one so far, or as
   * `nextUnitMs` when the caller knows the next unit is short.
   */
  hasTime(nextUnitMs?: number): boolean;
  /**
   * Runs one unit of work and remembers how long it took; `between` runs first. A unit done once per job (`once`:
   * install's RETEX templates) is not remembered: the units after it are no longer than before it.
   */
  unit<T>(fn: () => T, once?: boolean): T;
  /** The longest unit of work so far (ms), and a way to start from one an earlier execution measured. */
  longestUnitMs(): number;
  assumeUnit(ms: number): void;
  /**
   * What a long job holding the lock does between two units of work (pending.ts: ingest the responses that missed
   * the lock). Nothing by default.
   */
  between: () => void;
  /** The RETEX template descriptions bundled with the script (validated on first use). */
  retexTemplates(): RetexTemplates;
  /** The accompaniment's bundled files: the binômes (seeded), the committee pack's template description. */
  accompanimentSources(): AccompanimentSources;
}

/**
 * The master workbook: the spreadsheet the script is bound to. Should Google give another one as "active" (a trigger
 * fired by the responses spreadsheet) or none, the master is opened by the id install recorded.
 */
function openMaster(services: GasServices, settings: Settings): GasSpreadsheet {
  const active = services.SpreadsheetApp.getActiveSpreadsheet();
  if (active && active.getSheetByName(SUIVI)) return active;
  const id = settings.get(KEYS.masterId);
  if (id && id !== active?.getId()) return services.SpreadsheetApp.openById(id);
  if (!active)
    throw new Error('This script must be bound to the master spreadsheet (Extensions › Apps Script).');
  return active;
}

const NO_RETEX_TEMPLATES = (): RetexTemplates => {
  throw new Error('No RETEX template descriptions were bundled with this script.');
};

export function openRuntime(
  services: GasServices,
  project: Project,
  clock: Clock,
  retexTemplates: () => RetexTemplates = NO_RETEX_TEMPLATES,
  accompanimentSources: () => AccompanimentSources = () => ({}),
): Runtime {
  const settings = new Settings(services.PropertiesService.getScriptProperties());
  const master = openMaster(services, settings);
  const startedAt = clock.now().getTime();
  let longest = 0;
  const rt: Runtime = {
    services,
    project,
    clock,
    master,
    store: new SheetStore(
      master,
      project,
      services.Sheets?.Spreadsheets
        ? { api: services.Sheets.Spreadsheets, flush: () => services.SpreadsheetApp.flush() }
        : undefined,
    ),
    settings,
    calendar: pilotCalendar(project.config),
    startedAt,
    notify(message: string) {
      try {
        services.SpreadsheetApp.getUi().alert(message);
      } catch {
        console.log(message);
      }
    },
    hasTime(nextUnitMs?: number) {
      // Half the longest unit again as a margin: the next unit may be a little longer than any so far.
      const next = 1.5 * (nextUnitMs ?? (longest || FIRST_UNIT_ESTIMATE_MS));
      return clock.now().getTime() - startedAt + next + CLOSING_MS < RUN_LIMIT_MS;
    },
    longestUnitMs: () => longest,
    assumeUnit(ms: number) {
      longest = Math.max(longest, ms);
    },
    unit<T>(fn: () => T, once = false): T {
      rt.between();
      const start = clock.now().getTime();
      try {
        return fn();
      } finally {
        if (!once) longest = Math.max(longest, clock.now().getTime() - start);
      }
    },
    between: () => undefined,
    retexTemplates,
    accompanimentSources,
  };
  return rt;
}

/** The context the form plans need (the project's columns and forms, the calendar, the time). */
export function planContext(rt: Runtime): FormPlanContext {
  return formPlanContextOf(rt.project, rt.clock.now());
}
