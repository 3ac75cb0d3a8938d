// `npm run smoke:google` — never in CI: what an administrator runs once after `npm run deploy`, to check on the real
// Google account the behaviours the offline emulator assumes (src/apps-script/smoke.ts, docs/google-assumptions.md).
// Exit code: 0 every check conforms, 1 a check differs, 2 the check could not run or be read
// (src/node/smoke-google.ts). For the tests: SUIVI_MES_CLASP names another clasp CLI script to run with Node (a
// stub), SUIVI_MES_ROOT another folder holding .clasp.json.
import { REPO_ROOT } from '../src/node/project-files';
import { runSmokeGoogle } from '../src/node/smoke-google';

process.exitCode = runSmokeGoogle({
  root: process.env.SUIVI_MES_ROOT ?? REPO_ROOT,
  claspEntry: process.env.SUIVI_MES_CLASP || undefined,
  write: (line) => process.stdout.write(`${line}\n`),
});
