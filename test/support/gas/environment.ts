// The offline Google account: `createGasEnvironment(options)` wires every fake service to one modelled clock and
// call log, and returns the globals an Apps Script execution sees plus what a test needs to play the people around
// it (a respondent submitting a form, an ARS officer editing a cell, Google firing clock triggers) and to inspect
// the result. Executions overlap as on Google: a trigger fired during an execution (a response submitted at an
// instant a long job's clock passes, see runtime.ts) runs at once as a concurrent execution with its own context;
// it sees the script lock held. Its failure is Google's business (logged, e-mailed), not the running execution's.
import type { GasServices } from '../../../src/apps-script/gas-api';
import { fromParis } from '../../../src/domain/paris-time';
import { FakeCharts } from './charts';
import { DocumentStore, FakeDocumentApp } from './document-app';
import { DriveRegistry, FakeDriveApp } from './drive-app';
import { FakeFormApp, FormStore, type FormSubmitEvent, type ResponseData } from './form-app';
import { FakeLockService, LockState } from './lock-service';
import { FakeMailApp } from './mail-app';
import { FakePropertiesService } from './properties-service';
import {
  DailyRuntimeError,
  GasRuntime,
  isDate,
  modelledDate,
  TooManyExecutionsError,
  TRIGGER_RUNTIME_PER_DAY_MS,
  URL_FETCH_PER_DAY,
  type CallWindow,
} from './runtime';
import { FakeScriptApp, oauthToken, TriggerStore, type TriggerData } from './script-app';
import { FakeUrlFetchApp } from './url-fetch-app';
import { FormsApi } from './forms-api';
import { FakeSession } from './session';
import { FakeSheetsAdvanced } from './sheets-advanced';
import { FakeDocsAdvanced } from './docs-advanced';
import { cellFromWritten, displayValue, serialOf, type Cell, type SpreadsheetData } from './sheet-data';
import { fakeUser, FakeSpreadsheetApp, SpreadsheetStore } from './spreadsheet-app';
import { parseA1 } from './a1';
import { FakeUtilities } from './utilities';

export interface GasEnvironmentOptions {
  /** Where the modelled clock starts (default: the pilot's launch day). */
  now?: string | Date;
  /** The script's owner, who created the bound spreadsheet (the ARS administrator). */
  owner?: string;
  /** Mail recipients allowed today (100 for a consumer account, 1,500 for Workspace). */
  mailQuota?: number;
  /**
   * The owner's Workspace domain (domain-wide protection settings work; e-mails of accounts of that domain are
   * revealed, others' stay blank). Null or absent: a consumer account.
   */
  workspaceDomain?: string | null;
  /** The account's daily trigger runtime (default: a consumer account's 90 minutes). */
  account?: 'consumer' | 'workspace';
}

export interface ExecuteOptions {
  /** Who acted (default: the owner). */
  as?: string;
  /** The account the script runs as (default: `as`, who clicked; an installable trigger: its creator). */
  runAs?: string;
  /** Run as a simple trigger, without authorization (default: for `onOpen`, the name Google reserves). */
  simpleTrigger?: boolean;
  /** Whether a UI is available (menus and the script editor; never for triggers). */
  ui?: boolean;
  /** Whether a trigger started it (default: no UI means a trigger). */
  trigger?: boolean;
}

/** What a form submission produced, to replay its trigger (a duplicate delivery). */
export interface Delivery {
  response: ResponseData;
  event: FormSubmitEvent;
}

export class ProtectedCellError extends Error {}

type ConsoleLike = Pick<Console, 'log' | 'info' | 'warn' | 'error'>;

export interface GasGlobals extends GasServices {
  Date: DateConstructor;
  console: ConsoleLike;
}

export class GasEnvironment {
  readonly runtime: GasRuntime;
  readonly drive: DriveRegistry;
  readonly sheets: SpreadsheetStore;
  /** The advanced Sheets service (filter views), enabled in the manifest. */
  readonly sheetsApi: FakeSheetsAdvanced;
  readonly forms: FormStore;
  /** The Forms API over `forms`: what the emulator's UrlFetchApp and the REST fake (fake-workspace.ts) both answer. */
  readonly formsApi: FormsApi;
  readonly documents: DocumentStore;
  /** The advanced Docs service (RETEX fill), enabled in the manifest. */
  readonly docsApi: FakeDocsAdvanced;
  readonly triggers: TriggerStore;
  readonly lock = new LockState();
  readonly properties: FakePropertiesService;
  readonly mail: FakeMailApp;
  readonly session: FakeSession;
  readonly logs: string[] = [];
  readonly globals: GasGlobals;
  private dispatcher: ((handler: string, event: unknown, options: ExecuteOptions) => unknown) | null = null;
  /** Trigger executions Google refused to start (too many running, the day's trigger runtime spent). */
  readonly refusedTriggers: Array<{ handler: string; at: number; error: string }> = [];

  constructor(options: GasEnvironmentOptions = {}) {
    const rt = new GasRuntime(
      new Date(options.now ?? '2022-05-12T09:00:00+02:00'),
      options.owner ?? 'admin@ars-idf.fr',
    );
    this.runtime = rt;
    rt.triggerRuntimePerDayMs = TRIGGER_RUNTIME_PER_DAY_MS[options.account ?? 'consumer'];
    rt.urlFetchPerDay = URL_FETCH_PER_DAY[options.account ?? 'consumer'];
    this.drive = new DriveRegistry(
      () => rt.effectiveUser,
      () => rt.now(),
    );
    this.sheets = new SpreadsheetStore(rt, this.drive, (y, m, d) => fromParis(y, m, d));
    this.sheets.workspaceDomain = options.workspaceDomain ?? null;
    this.sheetsApi = new FakeSheetsAdvanced(rt, this.sheets);
    this.forms = new FormStore(rt, this.drive, this.sheets);
    this.forms.onResponseWritten = (e) => this.afterResponse(e);
    this.formsApi = new FormsApi(this.forms);
    this.documents = new DocumentStore(this.drive);
    this.docsApi = new FakeDocsAdvanced(rt, this.documents);
    this.triggers = new TriggerStore(rt);
    this.properties = new FakePropertiesService(rt);
    this.mail = new FakeMailApp(rt, options.mailQuota ?? 100);
    this.session = new FakeSession(rt, options.workspaceDomain ?? null);
    const log =
      (level: string) =>
      (...args: unknown[]) =>
        this.logs.push(
          `${level}: ${args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' ')}`,
        );
    this.globals = {
      SpreadsheetApp: new FakeSpreadsheetApp(rt, this.sheets),
      Sheets: this.sheetsApi,
      FormApp: new FakeFormApp(rt, this.forms, this.sheets),
      DriveApp: new FakeDriveApp(rt, this.drive),
      DocumentApp: new FakeDocumentApp(rt, this.documents),
      Docs: this.docsApi,
      Charts: new FakeCharts(rt),
      ScriptApp: new FakeScriptApp(rt, this.triggers),
      LockService: new FakeLockService(rt, this.lock),
      PropertiesService: this.properties,
      MailApp: this.mail,
      Session: this.session,
      Utilities: new FakeUtilities(rt),
      UrlFetchApp: new FakeUrlFetchApp(rt, this.drive, this.formsApi, () => oauthToken(rt)),
      Date: modelledDate(rt),
      console: { log: log('log'), info: log('info'), warn: log('warn'), error: log('error') },
    };
  }

  get owner(): string {
    return this.runtime.owner;
  }

  /** Opens a window on the call log (count the calls of one action). */
  calls(): CallWindow {
    return this.runtime.window();
  }

  /** Creates the spreadsheet the script is bound to (what getActiveSpreadsheet returns). */
  createContainer(name = 'Suivi MES'): SpreadsheetData {
    const data = this.sheets.create(name);
    this.sheets.containerId = data.id;
    return data;
  }

  get container(): SpreadsheetData {
    if (!this.sheets.containerId) throw new Error('No container spreadsheet: call createContainer() first.');
    return this.sheets.get(this.sheets.containerId);
  }

  /** Where trigger events go: the loaded bundle's top-level functions. */
  setDispatcher(dispatch: (handler: string, event: unknown, options: ExecuteOptions) => unknown): void {
    this.dispatcher = dispatch;
  }

  /**
   * Runs `fn` as one execution: its own start time for the 6-minute limit, its users (who acted, who it runs as),
   * the script lock released at the end if it still holds it. Refused beyond 30 simultaneous executions, and for a
   * trigger once the day's trigger runtime is spent.
   */
  execute<T>(entry: string, fn: () => T, options: ExecuteOptions = {}): T {
    const ui = options.ui ?? false;
    const activeUser = options.as ?? this.owner;
    const execution = this.runtime.begin({
      activeUser,
      effectiveUser: options.runAs ?? activeUser,
      simpleTrigger: options.simpleTrigger ?? entry === 'onOpen',
      ui,
      entry,
      trigger: options.trigger ?? !ui,
    });
    let failure: unknown;
    try {
      return fn();
    } catch (error) {
      failure = error;
      throw error;
    } finally {
      this.lock.releaseHeldBy(execution);
      // Apps Script applies pending spreadsheet changes when an execution ends. Only the outermost one's end counts
      // here: an execution that ran beside it does not make the tabs it linked visible (the stricter reading).
      if (
        this.runtime.execution === execution &&
        this.runtime.simultaneous - this.runtime.busyElsewhere === 1
      )
        this.sheets.flushAll();
      this.runtime.end(execution, failure);
    }
  }

  /** Trigger executions that ended in an error (Google logs them and e-mails the owner). */
  get failedExecutions(): Array<{ entry: string; error: string }> {
    return this.runtime.finished.flatMap((f) =>
      f.error !== undefined ? [{ entry: f.entry, error: f.error }] : [],
    );
  }

  /**
   * Fires one installable trigger: it runs as its creator, whoever acted (`actor`, default the creator); during an
   * execution, as a concurrent one beside it.
   */
  private dispatch(trigger: TriggerData, event: unknown, actor = trigger.owner): void {
    if (!this.dispatcher) throw new Error('No bundle loaded to receive trigger events.');
    const nested = this.runtime.execution !== null;
    try {
      this.dispatcher(trigger.handler, event, { as: actor, runAs: trigger.owner });
    } catch (error) {
      if (error instanceof TooManyExecutionsError || error instanceof DailyRuntimeError)
        this.refusedTriggers.push({ handler: trigger.handler, at: this.runtime.now(), error: error.message });
      // A concurrent execution's failure is not the running one's; at top level the test sees it.
      else if (!nested) throw error;
    }
  }

  /**
   * A respondent submits a form at a modelled instant: when a running execution's clock passes it, the response is
   * written and its trigger fires then, beside that execution (or at once if the instant is past).
   */
  submitFormAt(
    at: Date | string | number,
    formId: string,
    answers: Readonly<Record<string, string | string[] | Date>>,
    done: (delivery: Delivery) => void = () => undefined,
  ): void {
    this.runtime.schedule(new Date(at).getTime(), () => {
      try {
        done(this.submitForm(formId, answers));
      } catch (error) {
        // The respondent's page shows the error; no execution of the script is concerned.
        this.refusedSubmissions.push({ formId, error: String(error) });
      }
    });
  }

  /**
   * The first modelled instant from now at which `seen()` holds, probed every `everyMs` (as a reader refreshing the
   * sheet would), including while an execution runs, for `forMs` at most; `at` stays null until then.
   */
  watch(seen: () => boolean, everyMs = 10_000, forMs = 24 * 3600_000): { at: number | null } {
    const found: { at: number | null } = { at: null };
    const until = this.runtime.now() + forMs;
    const probe = (at: number) =>
      this.runtime.schedule(at, () => {
        if (seen()) found.at = at;
        else if (at + everyMs <= until) probe(at + everyMs);
      });
    probe(this.runtime.now());
    return found;
  }

  /** Submissions scheduled with submitFormAt that the form refused. */
  readonly refusedSubmissions: Array<{ formId: string; error: string }> = [];

  private formSubmitEvent(e: FormSubmitEvent, triggerUid: string): unknown {
    const ss = this.sheets.get(e.spreadsheetId);
    const sheetHandle = this.sheets.sheetHandle(ss, e.sheet);
    const width = e.sheet.lastColumn();
    const header = Array.from({ length: width }, (_, j) => String(e.sheet.cell(1, j + 1)?.value ?? ''));
    const values = header.map((_, j) =>
      displayValue(e.sheet.cell(e.row, j + 1), e.sheet.format(e.row, j + 1), ss.locale, ss.timeZone),
    );
    // Columns sharing a title (a column added by hand under a question's title) give one entry with every value.
    const namedValues: Record<string, string[]> = {};
    header.forEach((title, j) => (namedValues[title] = [...(namedValues[title] ?? []), values[j] ?? '']));
    return {
      authMode: 'FULL',
      triggerUid,
      range: sheetHandle.range({ row: e.row, col: 1, rows: 1, cols: width }),
      values,
      namedValues,
    };
  }

  private lastDelivery: FormSubmitEvent | null = null;
  private deliverNext = true;

  private afterResponse(e: FormSubmitEvent): void {
    this.lastDelivery = e;
    if (!this.deliverNext) return;
    this.deliver(e);
  }

  /** Fires the onFormSubmit triggers of the response's spreadsheet (again, for a duplicate delivery). */
  deliver(e: FormSubmitEvent): number {
    const triggers = this.triggers.triggers.filter(
      (t) => t.event === 'ON_FORM_SUBMIT' && t.sourceId === e.spreadsheetId,
    );
    for (const t of triggers) this.dispatch(t, this.formSubmitEvent(e, t.id));
    return triggers.length;
  }

  /**
   * A respondent submits a form (answers by question title). `deliver: false` plays a trigger Google failed to fire:
   * the response is in the sheet but no script ran.
   */
  submitForm(
    formId: string,
    answers: Readonly<Record<string, string | string[] | Date>>,
    options: { enforce?: boolean; deliver?: boolean } = {},
  ): Delivery {
    this.deliverNext = options.deliver !== false;
    this.lastDelivery = null;
    try {
      const response = this.forms.submit(formId, answers, { enforce: options.enforce });
      if (!this.lastDelivery)
        throw new Error('The form has no destination, or it is full: nothing was delivered.');
      return { response, event: this.lastDelivery };
    } finally {
      this.deliverNext = true;
    }
  }

  /**
   * A person edits a cell of a spreadsheet in the Sheets UI: refused (ProtectedCellError) when a protection or the
   * file's sharing forbids it, else written as typed and the spreadsheet's onEdit triggers fire.
   */
  edit(user: string, spreadsheetId: string, sheetName: string, a1: string, typed: string): void {
    const ss = this.sheets.get(spreadsheetId);
    const sheet = ss.sheet(sheetName);
    if (!sheet) throw new Error(`No sheet ${sheetName}`);
    const box = parseA1(a1, sheet.maxRows, sheet.maxColumns);
    for (let r = box.row; r < box.row + box.rows; r += 1)
      for (let c = box.col; c < box.col + box.cols; c += 1)
        if (!ss.canEdit(user, sheet, r, c))
          throw new ProtectedCellError(
            `${user} : vous essayez de modifier une cellule ou un objet protégé (${sheetName}!${a1}).`,
          );
    const single = box.rows === 1 && box.cols === 1;
    const before = single
      ? displayValue(sheet.cell(box.row, box.col), sheet.format(box.row, box.col), ss.locale, ss.timeZone)
      : undefined;
    // Sheets stores what was typed as it parses it: « 01 » becomes the number 1 and « 12/05/2022 » a date,
    // unless the cell is formatted as plain text (« @ »), where it stays as typed.
    const stored = (r: number, c: number) =>
      sheet.format(r, c).numberFormat === '@' && typed !== ''
        ? { value: typed }
        : cellFromWritten(typed, this.sheets.parisMidnight);
    for (let r = box.row; r < box.row + box.rows; r += 1)
      for (let c = box.col; c < box.col + box.cols; c += 1) sheet.setCell(r, c, stored(r, c));
    // The editor did not authorize the trigger's run: Google shows their e-mail only as Session's rule allows.
    const reveal = this.session.reveals(user);
    for (const t of this.triggers.triggers.filter((x) => x.event === 'ON_EDIT' && x.sourceId === ss.id)) {
      const event: Record<string, unknown> = {
        authMode: 'FULL',
        triggerUid: t.id,
        range: this.sheets.sheetHandle(ss, sheet).range(box),
        user: fakeUser(this.runtime, reveal ? user : ''),
        source: this.sheets.handle(ss),
      };
      if (single) {
        // The docs only say « the new cell value »: the emulator hands the value as stored, not as typed (a date as
        // its serial number, « 01 » in a plain cell as « 1 »), so the script must read the cell back.
        event.value = eventValue(sheet.cell(box.row, box.col), ss.timeZone);
        if (before !== '') event.oldValue = before;
      }
      // Installable triggers run as the account that created them, whoever made the edit.
      this.dispatch(t, event, user);
    }
  }

  /** Fires the one-off clock triggers that are due (continuations), oldest first; returns how many ran. */
  runDueClockTriggers(): number {
    let ran = 0;
    for (const t of this.triggers.due()) {
      t.fired = true;
      this.dispatch(t, { authMode: 'FULL', triggerUid: t.id });
      ran += 1;
    }
    return ran;
  }

  /** Fires the recurring hourly clock triggers once (Google would every hour). */
  runHourlyTriggers(): number {
    const hourly = this.triggers.triggers.filter((t) => t.event === 'CLOCK' && t.hourly !== undefined);
    for (const t of hourly) this.dispatch(t, { authMode: 'FULL', triggerUid: t.id });
    return hourly.length;
  }

  /** Fires the recurring weekly clock triggers (Google would at their hour). */
  runWeeklyTriggers(): number {
    const weekly = this.triggers.triggers.filter((t) => t.event === 'CLOCK' && t.weekly !== undefined);
    for (const t of weekly) this.dispatch(t, { authMode: 'FULL', triggerUid: t.id });
    return weekly.length;
  }
}

/**
 * `e.value` of an onEdit event for a stored cell: a date as its serial number (days since 30 December 1899 in the
 * spreadsheet's time zone), anything else as text.
 */
function eventValue(cell: Cell | undefined, timeZone: string): string {
  const v = cell?.value;
  if (v === undefined || v === null) return '';
  if (isDate(v)) {
    return String(serialOf(v, timeZone));
  }
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  return String(v);
}

export function createGasEnvironment(options: GasEnvironmentOptions = {}): GasEnvironment {
  return new GasEnvironment(options);
}
