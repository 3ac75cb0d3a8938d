// Session fake: who runs the script. The effective user is the account the execution runs as (the person who
// clicked a menu, the creator of an installable trigger); the active user is whoever acted. Google gives an e-mail
// only when it may: « the user's email address is not available in any context that allows a script to run without
// that user's authorization, like a simple onOpen(e) or onEdit(e) trigger […]. However, these restrictions generally
// do not apply if the developer runs the script themselves or belongs to the same Google Workspace domain as the
// user » (Class Session, getActiveUser: https://developers.google.com/apps-script/reference/base/session). The
// emulator reads « generally » strictly: visible for the script's owner, for an account of the owner's Workspace
// domain (none on a consumer account), and for a person running the script under their own authorization (a menu
// click); blank otherwise. Does not emulate: locales, temporary active-user keys, Workspace admin policies.
import type { GasSession, GasUser } from '../../../src/apps-script/gas-api';
import type { GasRuntime } from './runtime';
import { fakeUser } from './spreadsheet-app';

/** The part after the @, lower-cased. */
function domainOf(email: string): string {
  return email.slice(email.lastIndexOf('@') + 1).toLowerCase();
}

export class FakeSession implements GasSession {
  constructor(
    private readonly rt: GasRuntime,
    /** The owner's Google Workspace domain; null for a consumer (gmail.com) account. */
    readonly workspaceDomain: string | null = null,
  ) {}

  /** Whether Google shows `email` to a script that did not run under that person's own authorization. */
  reveals(email: string): boolean {
    if (email === '') return false;
    if (email === this.rt.owner) return true;
    return this.workspaceDomain !== null && domainOf(email) === this.workspaceDomain.toLowerCase();
  }

  /** Whether the current execution runs under `email`'s own authorization (a menu click, not a simple trigger). */
  private authorizedBy(email: string): boolean {
    const execution = this.rt.execution;
    return execution !== null && !execution.simpleTrigger && execution.effectiveUser === email;
  }

  getActiveUser(): GasUser {
    this.rt.call('Session.getActiveUser', 'nav');
    const email = this.rt.activeUser;
    return fakeUser(this.rt, this.reveals(email) || this.authorizedBy(email) ? email : '');
  }
  getEffectiveUser(): GasUser {
    this.rt.call('Session.getEffectiveUser', 'nav');
    const email = this.rt.effectiveUser;
    return fakeUser(this.rt, this.reveals(email) || this.authorizedBy(email) ? email : '');
  }
  getScriptTimeZone(): string {
    this.rt.call('Session.getScriptTimeZone', 'nav');
    return 'Europe/Paris';
  }
}
