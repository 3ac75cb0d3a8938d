// The offline Google account: `createGasEnvironment(options)` wires every fake service to one modelled clock and
// call log, and returns the globals an Apps Script execution sees plus what a test needs to play the people around
// it (a respondent submitting a form, an ARS officer editing a cell, Google firing clock triggers) and to inspect
// the result. Executions run one at a time; a trigger fired during an execution runs after it, as Google queues it.
import type { GasServices } from '../../../src/apps-script/gas-api';
import { fromParis } from '../../../src/domain/paris-time';
import { FakeCharts } from './charts';
import { DocumentStore, FakeDocumentApp } from './document-app';
import { DriveRegistry, FakeDriveApp } from './drive-app';
import { FakeFormApp, FormStore, type FormSubmitEvent, type ResponseData } from './form-app';
import { FakeLockService, LockState } from './lock-service';
import { FakeMailApp } from './mail-app';
import { FakePropertiesService } from './properties-service';
import { GasRuntime, modelledDate, type CallWindow } from './runtime';
import { FakeScriptApp, TriggerStore, type TriggerData } from './script-app';
import { FakeSession } from './session';
import { FakeSheetsAdvanced } from './sheets-advanced';
import { cellFromWritten, displayValue, type SpreadsheetData } from './sheet-data';
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
  readonly documents: DocumentStore;
  readonly triggers: TriggerStore;
  readonly lock = new LockState();
  readonly properties: FakePropertiesService;
  readonly mail: FakeMailApp;
  readonly session: FakeSession;
  readonly logs: string[] = [];
  readonly globals: GasGlobals;
  private dispatcher: ((handler: string, event: unknown, options: ExecuteOptions) => unknown) | null = null;
  private readonly queue: Array<() => void> = [];

  constructor(options: GasEnvironmentOptions = {}) {
    const rt = new GasRuntime(
      new Date(options.now ?? '2022-05-12T09:00:00+02:00'),
      options.owner ?? 'admin@ars-idf.fr',
    );
    this.runtime = rt;
    this.drive = new DriveRegistry(() => rt.effectiveUser);
    this.sheets = new SpreadsheetStore(rt, this.drive, (y, m, d) => fromParis(y, m, d));
    this.sheets.workspaceDomain = options.workspaceDomain ?? null;
    this.sheetsApi = new FakeSheetsAdvanced(rt, this.sheets);
    this.forms = new FormStore(rt, this.drive, this.sheets);
    this.forms.onResponseWritten = (e) => this.afterResponse(e);
    this.documents = new DocumentStore(this.drive);
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
      Charts: new FakeCharts(rt),
      ScriptApp: new FakeScriptApp(rt, this.triggers),
      LockService: new FakeLockService(rt, this.lock),
      PropertiesService: this.properties,
      MailApp: this.mail,
      Session: this.session,
      Utilities: new FakeUtilities(rt),
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
   * locks released at the end.
   */
  execute<T>(entry: string, fn: () => T, options: ExecuteOptions = {}): T {
    if (this.runtime.execution)
      throw new Error(`Execution ${this.runtime.execution.entry} is still running.`);
    const activeUser = options.as ?? this.owner;
    this.runtime.execution = {
      activeUser,
      effectiveUser: options.runAs ?? activeUser,
      simpleTrigger: options.simpleTrigger ?? entry === 'onOpen',
      ui: options.ui ?? false,
      startedAt: this.runtime.now(),
      entry,
    };
    try {
      return fn();
    } finally {
      if (this.lock.holder === 'current') this.lock.holder = null;
      this.runtime.execution = null;
      this.drain();
    }
  }

  private drain(): void {
    while (this.queue.length > 0 && !this.runtime.execution) this.queue.shift()?.();
  }

  /** Fires one installable trigger: it runs as its creator, whoever acted (`actor`, default the creator). */
  private dispatch(trigger: TriggerData, event: unknown, actor = trigger.owner): void {
    const run = () => {
      if (!this.dispatcher) throw new Error('No bundle loaded to receive trigger events.');
      this.dispatcher(trigger.handler, event, { as: actor, runAs: trigger.owner });
    };
    if (this.runtime.execution) this.queue.push(run);
    else run();
  }

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
    for (let r = box.row; r < box.row + box.rows; r += 1)
      for (let c = box.col; c < box.col + box.cols; c += 1)
        sheet.setCell(r, c, cellFromWritten(typed, this.sheets.parisMidnight));
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
        event.value = typed;
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

  /** Fires the recurring weekly clock triggers (Google would at their hour). */
  runWeeklyTriggers(): number {
    const weekly = this.triggers.triggers.filter((t) => t.event === 'CLOCK' && t.weekly !== undefined);
    for (const t of weekly) this.dispatch(t, { authMode: 'FULL', triggerUid: t.id });
    return weekly.length;
  }
}

export function createGasEnvironment(options: GasEnvironmentOptions = {}): GasEnvironment {
  return new GasEnvironment(options);
}
