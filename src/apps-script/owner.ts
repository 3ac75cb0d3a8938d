// Who may run the jobs that change the system — install and its continuation, the Monday job, the summary, the
// reminders, RETEX and the Google check: the account that installed it, recorded in Script Properties by the first
// install. On Google a menu item runs as whoever clicks it, and an installable trigger belongs to (and runs as) the
// account that created it, which alone sees it (« Installable triggers », https://developers.google.com/apps-script/
// guides/triggers/installable; « ScriptApp.getProjectTriggers »: triggers « associated with the current project and
// current user », https://developers.google.com/apps-script/reference/script/script-app). Anyone else's install
// would create a second set of triggers, overwrite the recorded trigger ids, own the forms it creates and become an
// editor of every owner-only protection. A refusal changes nothing: it only reads Script Properties (and, on a
// workbook installed before the owner was recorded, the caller's own triggers).
import { frAppsScript } from './messages';
import type { GasServices } from './gas-api';
import type { Runtime } from './runtime';
import { KEYS } from './settings';
import { WEEKLY_TRIGGER_KEY } from './triggers';

export type OwnerCheck =
  /** `record`: no owner is recorded yet, the caller becomes it when install runs. */
  { status: 'owner'; me: string; record: boolean } | { status: 'other'; me: string; owner: string | null };

/**
 * Whether the account this execution runs as is the recorded owner. With no owner recorded: on a workbook installed
 * before owners were, the account that sees the weekly trigger install created; on a fresh one, whoever installs
 * (`claim`: install only — any other job waits for an owner).
 */
export function checkOwner(rt: Runtime, claim: boolean): OwnerCheck {
  const me = rt.services.Session.getEffectiveUser().getEmail();
  const owner = rt.settings.get(KEYS.owner);
  if (owner !== undefined)
    return me !== '' && me === owner
      ? { status: 'owner', me, record: false }
      : { status: 'other', me, owner };
  if (me === '') return { status: 'other', me, owner: null };
  const weeklyId = rt.settings.get(WEEKLY_TRIGGER_KEY);
  if (weeklyId !== undefined) {
    const mine = rt.services.ScriptApp.getProjectTriggers().some((t) => t.getUniqueId() === weeklyId);
    return mine ? { status: 'owner', me, record: true } : { status: 'other', me, owner: null };
  }
  return claim ? { status: 'owner', me, record: true } : { status: 'other', me, owner: null };
}

/**
 * Runs `fn` when the caller is the owner (recording them first when no one is yet), else tells the caller why
 * nothing was done and returns `refuse(message)`. `claim`: the caller may become the owner of a fresh workbook.
 */
export function asOwner<T, R>(
  rt: Runtime,
  refuse: (message: string) => R,
  fn: () => T,
  claim = false,
): T | R {
  const check = checkOwner(rt, claim);
  if (check.status === 'owner') {
    if (check.record) rt.settings.set(KEYS.owner, check.me);
    return fn();
  }
  const message = frAppsScript.ownerOnly(check.owner, check.me);
  rt.notify(message);
  return refuse(message);
}

/**
 * Whether the onEdit trigger should act: only one the recorded owner created. A trigger another account created
 * (an install clicked by someone else before the owner was recorded) runs as that account, which cannot write the
 * owner-only tabs: it does nothing, the owner's own trigger records the same edit.
 */
export function triggerRunsAsOwner(rt: Runtime): boolean {
  const owner = rt.settings.get(KEYS.owner);
  return owner === undefined || rt.services.Session.getEffectiveUser().getEmail() === owner;
}

/** The menu a person sees: the whole menu for the owner (and while nothing is installed), else only what they may do. */
export function menuAudience(services: GasServices): 'owner' | 'others' {
  const owner = services.PropertiesService.getScriptProperties().getProperty(KEYS.owner);
  // In the simple onOpen trigger Google blanks the e-mail of a person outside the owner's Workspace domain: they
  // get the whole menu, and every item refuses them (asOwner).
  const viewer = services.Session.getActiveUser().getEmail();
  return owner !== null && viewer !== '' && viewer !== owner ? 'others' : 'owner';
}
