// Loads the real Apps Script bundle (dist/apps-script/Code.js) into a Node `vm` context whose only globals are the
// emulator's services, its modelled Date and a console — no require, process, setTimeout or URL, as in Apps
// Script — and calls its top-level functions the way Google does: menus and the editor with a UI, triggers
// without one, every call one execution.
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import type { ExecuteOptions, GasEnvironment } from './environment';

export const BUNDLE_FILE = path.resolve(__dirname, '..', '..', '..', 'dist', 'apps-script', 'Code.js');

export interface GasBundle {
  /** Calls a top-level function of the bundle as one execution. */
  run(entry: string, args?: unknown[], options?: ExecuteOptions): unknown;
  /** Names of the top-level functions the bundle defines. */
  readonly functions: string[];
}

export function loadBundle(env: GasEnvironment, file = BUNDLE_FILE): GasBundle {
  if (!fs.existsSync(file)) throw new Error(`${file} is missing: run \`npm run build\` first.`);
  const code = fs.readFileSync(file, 'utf8');
  const context = vm.createContext({ ...env.globals });
  vm.runInContext(code, context, { filename: 'Code.js' });
  const globals = context as Record<string, unknown>;
  const functions = Object.keys(globals).filter(
    (k) => typeof globals[k] === 'function' && !(k in env.globals),
  );
  const bundle: GasBundle = {
    functions,
    run(entry, args = [], options = {}) {
      const fn = globals[entry];
      if (typeof fn !== 'function') throw new Error(`The bundle has no top-level function ${entry}.`);
      return env.execute(entry, () => (fn as (...a: unknown[]) => unknown)(...args), options);
    },
  };
  env.setDispatcher((handler, event, options) => bundle.run(handler, [event], options));
  return bundle;
}
