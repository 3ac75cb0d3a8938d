// Helpers of the Apps Script tests: an emulated account with the master workbook drawn and the runtime's modules
// opened on it, for tests of the TypeScript sources (the bundle's tests load Code.js with test/support/gas/bundle.ts).
import { openRuntime, type Runtime } from '../../../src/apps-script/runtime';
import { createMissingSheets } from '../../../src/apps-script/workbook-install';
import type { Project } from '../../../src/schema/project';
import { createGasEnvironment, type GasEnvironment, type GasEnvironmentOptions } from '../gas/environment';
import { defaultProject } from '../project';
import { readRetexDescriptions } from '../../../src/node/retex-files';
import { retexTemplatesDir } from '../../../src/node/project-files';

/** An account whose container spreadsheet holds the empty master workbook, and a runtime opened on it. */
export function emptyWorkbook(
  options: GasEnvironmentOptions = {},
  project: Project = defaultProject(),
): { env: GasEnvironment; rt: Runtime } {
  const env = createGasEnvironment({ now: '2022-05-12T09:00:00+02:00', ...options });
  env.createContainer('Suivi MES');
  const rt = openRuntime(env.globals, project, { now: () => new Date(env.runtime.now()) }, () =>
    readRetexDescriptions(project, retexTemplatesDir(project)),
  );
  createMissingSheets(rt);
  return { env, rt };
}
