// Session fake: who runs the script. Triggers and installs run as the owner (the effective user); the active user
// is whoever acted, but Google hides it (empty e-mail) for another person outside a Workspace domain. Does not
// emulate: locales, temporary active-user keys.
import type { GasSession, GasUser } from '../../../src/apps-script/gas-api';
import type { GasRuntime } from './runtime';
import { fakeUser } from './spreadsheet-app';

export class FakeSession implements GasSession {
  /** Whether Google reveals other users' e-mails (same Workspace domain). */
  revealActiveUser = false;
  constructor(private readonly rt: GasRuntime) {}
  getActiveUser(): GasUser {
    this.rt.call('Session.getActiveUser', 'nav');
    const email = this.rt.activeUser;
    return fakeUser(this.rt, email === this.rt.owner || this.revealActiveUser ? email : '');
  }
  getEffectiveUser(): GasUser {
    this.rt.call('Session.getEffectiveUser', 'nav');
    return fakeUser(this.rt, this.rt.owner);
  }
  getScriptTimeZone(): string {
    this.rt.call('Session.getScriptTimeZone', 'nav');
    return 'Europe/Paris';
  }
}
