// The Google check's points about identity (see docs/google-assumptions-identity.md): whose e-mail the script reads
// when the owner runs it, and that the triggers install created are listed to that account. What only a second
// account can show (an outsider's blank e-mail, another account's triggers unlisted) is a manual check in that
// document. Reads only: no trigger, file or property is created.
import type { Runtime } from './runtime';
import { KEYS } from './settings';
import type { SmokeCheck } from './smoke';
import { WEEKLY_TRIGGER_KEY } from './triggers';

export function identityChecks(rt: Runtime): SmokeCheck[] {
  const { Session, ScriptApp } = rt.services;
  const effective = Session.getEffectiveUser().getEmail();
  const active = Session.getActiveUser().getEmail();
  const owner = rt.settings.get(KEYS.owner) ?? '';
  const checks: SmokeCheck[] = [
    {
      name: 'E-mail du compte qui exécute (Session.getEffectiveUser)',
      expected: owner || 'non vide',
      observed: effective || '(vide)',
      ok: effective !== '' && (owner === '' || effective === owner),
    },
    {
      name: 'E-mail de la personne qui a cliqué (Session.getActiveUser), pour le propriétaire',
      expected: effective || 'non vide',
      observed: active || '(vide)',
      ok: active !== '' && active === effective,
    },
  ];
  const weeklyId = rt.settings.get(WEEKLY_TRIGGER_KEY);
  if (weeklyId !== undefined) {
    const listed = ScriptApp.getProjectTriggers().map((t) => t.getUniqueId());
    checks.push({
      name: 'getProjectTriggers liste le déclencheur hebdomadaire créé par ce compte',
      expected: weeklyId,
      observed: listed.includes(weeklyId) ? weeklyId : `absent (${listed.length} listé(s))`,
      ok: listed.includes(weeklyId),
    });
  }
  return checks;
}
