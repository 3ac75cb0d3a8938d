// ScriptApp fake: installable triggers (spreadsheet onFormSubmit / onEdit, time-driven `after` and weekly), with
// Google's limit of 20 triggers per user per script. Each trigger belongs to the account that created it and runs
// as that account; an account sees and deletes only its own (Installable triggers, « A given account can't see
// triggers installed from a second account »: https://developers.google.com/apps-script/guides/triggers/installable;
// ScriptApp.getProjectTriggers « associated with the current project and current user »:
// https://developers.google.com/apps-script/reference/script/script-app). A simple trigger (onOpen) may not create
// one (no authorization). The environment fires them (see environment.ts). Does not
// emulate: form-bound and document triggers, trigger failures e-mailed to the owner, the ±15 min jitter of clock
// triggers, the daily trigger runtime quota, authorization modes.
import type {
  GasClockTriggerBuilder,
  GasScriptApp,
  GasSpreadsheet,
  GasSpreadsheetTriggerBuilder,
  GasTrigger,
  GasTriggerBuilder,
} from '../../../src/apps-script/gas-api';
import type { GasRuntime } from './runtime';
import type { FakeSpreadsheet } from './spreadsheet-app';

export type TriggerEvent = 'CLOCK' | 'ON_EDIT' | 'ON_FORM_SUBMIT';

export interface TriggerData {
  id: string;
  handler: string;
  event: TriggerEvent;
  /** The spreadsheet id for spreadsheet triggers. */
  sourceId: string | null;
  /** The account that created it: the trigger runs as this account, and only it lists or deletes it. */
  owner: string;
  /** One-off clock trigger: when it is due (epoch ms); it stays listed once fired, as Google keeps it. */
  dueAt?: number;
  fired?: boolean;
  /** Recurring hourly clock trigger: every `everyHours` hours. */
  hourly?: { everyHours: number };
  /** Recurring weekly clock trigger. */
  weekly?: { everyWeeks: number; weekday: string | null; hour: number | null; timeZone: string | null };
}

/** Google's limit (quotas page: 20 triggers / user / script). */
export const MAX_TRIGGERS = 20;

export class TriggerStore {
  readonly triggers: TriggerData[] = [];
  private next = 0;
  constructor(private readonly rt: GasRuntime) {}
  add(data: Omit<TriggerData, 'id' | 'owner'>): TriggerData {
    const execution = this.rt.execution;
    // Assumption (docs silent on the message): Google refuses a simple trigger's attempt as unauthorized.
    if (execution?.simpleTrigger)
      throw new Error(
        'You do not have permission to call ScriptApp.newTrigger. Required permissions: https://www.googleapis.com/auth/script.scriptapp',
      );
    const owner = this.rt.effectiveUser;
    if (this.ownedBy(owner).length >= MAX_TRIGGERS)
      throw new Error(
        'This script has too many triggers. Triggers must be deleted from the script before more can be added.',
      );
    this.next += 1;
    const trigger = { ...data, id: `trigger-${this.next}`, owner };
    this.triggers.push(trigger);
    return trigger;
  }
  /** The triggers `user` created (what getProjectTriggers shows them). */
  ownedBy(user: string): TriggerData[] {
    return this.triggers.filter((t) => t.owner === user);
  }
  remove(id: string): void {
    const i = this.triggers.findIndex((t) => t.id === id);
    if (i >= 0) this.triggers.splice(i, 1);
  }
  /** One-off clock triggers due now and not fired yet, oldest first. */
  due(): TriggerData[] {
    return this.triggers.filter(
      (t) => t.event === 'CLOCK' && t.dueAt !== undefined && !t.fired && t.dueAt <= this.rt.now(),
    );
  }
}

class FakeTrigger implements GasTrigger {
  constructor(
    private readonly rt: GasRuntime,
    readonly data: TriggerData,
  ) {}
  getUniqueId(): string {
    this.rt.call('Trigger.getUniqueId', 'nav');
    return this.data.id;
  }
  getHandlerFunction(): string {
    this.rt.call('Trigger.getHandlerFunction', 'nav');
    return this.data.handler;
  }
  getTriggerSourceId(): string {
    this.rt.call('Trigger.getTriggerSourceId', 'nav');
    return this.data.sourceId ?? '';
  }
  getEventType(): GoogleAppsScript.Script.EventType {
    this.rt.call('Trigger.getEventType', 'nav');
    return this.data.event as unknown as GoogleAppsScript.Script.EventType;
  }
}

class FakeClockTriggerBuilder implements GasClockTriggerBuilder {
  private afterMs: number | null = null;
  private weekly: TriggerData['weekly'] = undefined;
  private hourly: TriggerData['hourly'] = undefined;
  constructor(
    private readonly rt: GasRuntime,
    private readonly store: TriggerStore,
    private readonly handler: string,
  ) {}
  private get week(): NonNullable<TriggerData['weekly']> {
    this.weekly ??= { everyWeeks: 1, weekday: null, hour: null, timeZone: null };
    return this.weekly;
  }
  after(durationMilliseconds: number): GasClockTriggerBuilder {
    this.rt.call('ClockTriggerBuilder.after', 'nav');
    this.afterMs = durationMilliseconds;
    return this;
  }
  everyWeeks(n: number): GasClockTriggerBuilder {
    this.rt.call('ClockTriggerBuilder.everyWeeks', 'nav');
    this.week.everyWeeks = n;
    return this;
  }
  /**
   * « Valid values are 1, 2, 4, 6, 8, or 12 » (Apps Script « Class ClockTriggerBuilder », everyHours(n),
   * https://developers.google.com/apps-script/reference/script/clock-trigger-builder#everyHours(Integer)).
   */
  everyHours(n: number): GasClockTriggerBuilder {
    this.rt.call('ClockTriggerBuilder.everyHours', 'nav');
    if (![1, 2, 4, 6, 8, 12].includes(n)) throw new Error(`Invalid argument: hours ${n}`);
    this.hourly = { everyHours: n };
    return this;
  }
  onWeekDay(day: GoogleAppsScript.Base.Weekday): GasClockTriggerBuilder {
    this.rt.call('ClockTriggerBuilder.onWeekDay', 'nav');
    this.week.weekday = String(day);
    return this;
  }
  atHour(hour: number): GasClockTriggerBuilder {
    this.rt.call('ClockTriggerBuilder.atHour', 'nav');
    if (!Number.isInteger(hour) || hour < 0 || hour > 23) throw new Error(`Invalid hour ${hour}.`);
    this.week.hour = hour;
    return this;
  }
  nearMinute(): GasClockTriggerBuilder {
    this.rt.call('ClockTriggerBuilder.nearMinute', 'nav');
    return this;
  }
  inTimezone(timezone: string): GasClockTriggerBuilder {
    this.rt.call('ClockTriggerBuilder.inTimezone', 'nav');
    this.week.timeZone = timezone;
    return this;
  }
  create(): GasTrigger {
    this.rt.call('ClockTriggerBuilder.create', 'trigger');
    if (this.afterMs === null && this.weekly === undefined && this.hourly === undefined)
      throw new Error('A clock trigger needs a schedule.');
    if (this.hourly && this.weekly) throw new Error('A clock trigger has one schedule: hourly or weekly.');
    const data = this.store.add({
      handler: this.handler,
      event: 'CLOCK',
      sourceId: null,
      ...(this.afterMs !== null
        ? { dueAt: this.rt.now() + this.afterMs }
        : this.hourly
          ? { hourly: this.hourly }
          : { weekly: this.weekly }),
    });
    return new FakeTrigger(this.rt, data);
  }
}

class FakeSpreadsheetTriggerBuilder implements GasSpreadsheetTriggerBuilder {
  private event: TriggerEvent | null = null;
  constructor(
    private readonly rt: GasRuntime,
    private readonly store: TriggerStore,
    private readonly handler: string,
    private readonly sourceId: string,
  ) {}
  onFormSubmit(): GasSpreadsheetTriggerBuilder {
    this.rt.call('SpreadsheetTriggerBuilder.onFormSubmit', 'nav');
    this.event = 'ON_FORM_SUBMIT';
    return this;
  }
  onEdit(): GasSpreadsheetTriggerBuilder {
    this.rt.call('SpreadsheetTriggerBuilder.onEdit', 'nav');
    this.event = 'ON_EDIT';
    return this;
  }
  create(): GasTrigger {
    this.rt.call('SpreadsheetTriggerBuilder.create', 'trigger');
    if (!this.event) throw new Error('A spreadsheet trigger needs an event.');
    return new FakeTrigger(
      this.rt,
      this.store.add({ handler: this.handler, event: this.event, sourceId: this.sourceId }),
    );
  }
}

class FakeTriggerBuilder implements GasTriggerBuilder {
  constructor(
    private readonly rt: GasRuntime,
    private readonly store: TriggerStore,
    private readonly handler: string,
  ) {}
  forSpreadsheet(sheet: GasSpreadsheet): GasSpreadsheetTriggerBuilder {
    this.rt.call('TriggerBuilder.forSpreadsheet', 'nav');
    return new FakeSpreadsheetTriggerBuilder(
      this.rt,
      this.store,
      this.handler,
      (sheet as FakeSpreadsheet).data.id,
    );
  }
  timeBased(): GasClockTriggerBuilder {
    this.rt.call('TriggerBuilder.timeBased', 'nav');
    return new FakeClockTriggerBuilder(this.rt, this.store, this.handler);
  }
}

const WEEKDAYS = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'] as const;

/** The OAuth token of the account the script runs as (opaque to the script; UrlFetchApp's fake checks it). */
export function oauthToken(rt: GasRuntime): string {
  return `ya29.emulated.${rt.effectiveUser}`;
}

export class FakeScriptApp implements GasScriptApp {
  readonly EventType = {
    CLOCK: 'CLOCK',
    ON_EDIT: 'ON_EDIT',
    ON_FORM_SUBMIT: 'ON_FORM_SUBMIT',
  } as unknown as GasScriptApp['EventType'];
  readonly WeekDay = Object.fromEntries(WEEKDAYS.map((d) => [d, d])) as unknown as GasScriptApp['WeekDay'];
  constructor(
    private readonly rt: GasRuntime,
    readonly store: TriggerStore,
  ) {}
  getOAuthToken(): string {
    this.rt.call('ScriptApp.getOAuthToken', 'nav');
    return oauthToken(this.rt);
  }
  newTrigger(functionName: string): GasTriggerBuilder {
    this.rt.call('ScriptApp.newTrigger', 'nav');
    return new FakeTriggerBuilder(this.rt, this.store, functionName);
  }
  getProjectTriggers(): GasTrigger[] {
    this.rt.call('ScriptApp.getProjectTriggers', 'trigger');
    return this.store.ownedBy(this.rt.effectiveUser).map((t) => new FakeTrigger(this.rt, t));
  }
  deleteTrigger(trigger: GasTrigger): void {
    this.rt.call('ScriptApp.deleteTrigger', 'trigger');
    const data = (trigger as FakeTrigger).data;
    // Assumption (docs silent): another account's trigger cannot be deleted; the stricter is an error.
    if (data.owner !== this.rt.effectiveUser)
      throw new Error('The trigger belongs to another user: only its owner can delete it.');
    this.store.remove(data.id);
  }
}
