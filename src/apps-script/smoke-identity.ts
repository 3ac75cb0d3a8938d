// The Google check's point about the running account (see docs/google-assumptions.md): the owner who runs
// the check is the account Google executes it as. The clicker's e-mail and the trigger listing are checked in
// smoke.ts; what only a second account can show (an outsider's blank e-mail, another account's triggers unlisted) is
// a manual check in that document. Reads only: no trigger, file or property is created.
import type { Runtime } from './runtime';
import { KEYS } from './settings';
import type { SmokeCheck } from '../google/smoke-report';

export function identityChecks(rt: Runtime): SmokeCheck[] {
  const effective = rt.services.Session.getEffectiveUser().getEmail();
  const owner = rt.settings.get(KEYS.owner) ?? '';
  return [
    {
      name: 'E-mail du compte qui exécute (Session.getEffectiveUser)',
      expected: owner || 'non vide',
      observed: effective || '(vide)',
      verdict: effective !== '' && (owner === '' || effective === owner) ? 'conforms' : 'differs',
    },
  ];
}
