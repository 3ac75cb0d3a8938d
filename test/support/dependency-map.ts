// The dependency map of src/, as data, and the two checks the guard runs over it: which layer may import which
// (and which packages), and that no file imports itself back through others. Pure functions over a list of
// { path, source } so that a test can feed them a synthetic file and watch them refuse it. The map in words heads
// test/guards/dependency-map.test.ts.
import fs from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import ts from 'typescript';

export type Layer = 'core' | 'google' | 'apps-script' | 'node' | 'google-api' | 'local' | 'commands';

const CORE_PACKAGES = ['zod', 'papaparse'];

interface LayerRule {
  /** Layers this one may import (itself included when listed). */
  layers: readonly Layer[];
  /** Packages it may import; `'any'`: every package, Node's modules included. */
  packages: readonly string[] | 'any';
  /** Packages it may import types from only (`import type`): erased by the compiler, nothing of them is bundled. */
  typePackages?: readonly string[];
}

/**
 * The Docs API's JSON types: src/google builds Docs requests that Apps Script sends through its advanced Docs
 * service, typed as the REST client types them; the client itself never reaches the bundle.
 */
const GOOGLE_TYPE_PACKAGES = ['@googleapis/docs', '@googleapis/forms', '@googleapis/sheets'];

export const DEPENDENCY_MAP: Record<Layer, LayerRule> = {
  core: { layers: ['core'], packages: CORE_PACKAGES },
  google: { layers: ['core', 'google'], packages: CORE_PACKAGES, typePackages: GOOGLE_TYPE_PACKAGES },
  // `suivi:…` are the bundler's virtual modules (scripts/build-apps-script.mjs): the project's data, not code.
  'apps-script': {
    layers: ['core', 'google', 'apps-script'],
    packages: [...CORE_PACKAGES, 'suivi:'],
    typePackages: GOOGLE_TYPE_PACKAGES,
  },
  node: { layers: ['core', 'google', 'node'], packages: 'any' },
  'google-api': { layers: ['core', 'google', 'node', 'google-api'], packages: 'any' },
  local: { layers: ['core', 'node', 'local'], packages: 'any' },
  commands: {
    layers: ['core', 'google', 'apps-script', 'node', 'google-api', 'local', 'commands'],
    packages: 'any',
  },
};

const LAYER_OF_FOLDER: Record<string, Layer> = {
  schema: 'core',
  domain: 'core',
  app: 'core',
  'ports.ts': 'core',
  google: 'google',
  'apps-script': 'apps-script',
  node: 'node',
  'google-api': 'google-api',
  local: 'local',
  commands: 'commands',
  'cli.ts': 'commands',
};

/** A file of src/, by its path relative to the repository (forward slashes), and its text. */
export interface SourceFile {
  path: string;
  source: string;
}

export interface Violation {
  file: string;
  spec: string;
  reason: string;
}

/** The layer a path under src/ belongs to; undefined for a folder the map does not know (itself a violation). */
export function layerOf(file: string): Layer | undefined {
  const [root, first] = file.split('/');
  return root === 'src' && first !== undefined ? LAYER_OF_FOLDER[first] : undefined;
}

/** Every module a file names: static imports and re-exports (type-only too), import(), require(). */
export function importsOf(source: string): string[] {
  return ts.preProcessFile(source, true, true).importedFiles.map((f) => f.fileName);
}

const NODE_MODULES = new Set(builtinModules);

function isNodeModule(spec: string): boolean {
  return spec.startsWith('node:') || NODE_MODULES.has(spec.split('/')[0] ?? spec);
}

function packageAllowed(spec: string, rule: LayerRule): boolean {
  if (rule.packages === 'any') return true;
  if (isNodeModule(spec)) return false;
  return rule.packages.some((p) =>
    p.endsWith(':') ? spec.startsWith(p) : spec === p || spec.startsWith(`${p}/`),
  );
}

/**
 * Whether every mention of `spec` in `source` is erased by the compiler: `import type`, an import whose every name
 * is `type`, `export type … from`. A value import, a side-effect import, a value re-export, import() or require()
 * of it is not.
 */
export function onlyTypesImported(source: string, spec: string): boolean {
  const file = ts.createSourceFile('x.tsx', source, ts.ScriptTarget.Latest, false, ts.ScriptKind.TSX);
  const names = (node: ts.Expression | undefined) =>
    node !== undefined && ts.isStringLiteral(node) && node.text === spec;
  let typesOnly = true;
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && names(node.moduleSpecifier)) {
      const clause = node.importClause;
      const bindings = clause?.namedBindings;
      const erased =
        clause !== undefined &&
        (clause.isTypeOnly ||
          (clause.name === undefined &&
            bindings !== undefined &&
            ts.isNamedImports(bindings) &&
            bindings.elements.length > 0 &&
            bindings.elements.every((e) => e.isTypeOnly)));
      if (!erased) typesOnly = false;
    } else if (ts.isExportDeclaration(node) && names(node.moduleSpecifier)) {
      if (!node.isTypeOnly) typesOnly = false;
    } else if (ts.isCallExpression(node) && node.arguments.some((arg) => names(arg))) {
      typesOnly = false;
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return typesOnly;
}

/** The imports of `files` the map forbids. */
export function dependencyViolations(files: readonly SourceFile[]): Violation[] {
  const violations: Violation[] = [];
  for (const { path: file, source } of files) {
    const layer = layerOf(file);
    if (layer === undefined) {
      violations.push({ file, spec: '', reason: 'folder missing from the dependency map' });
      continue;
    }
    const rule = DEPENDENCY_MAP[layer];
    for (const spec of importsOf(source)) {
      if (!spec.startsWith('.')) {
        const typesOnly = rule.typePackages?.includes(spec) === true && onlyTypesImported(source, spec);
        if (!typesOnly && !packageAllowed(spec, rule))
          violations.push({ file, spec, reason: `${layer} may not import this package` });
        continue;
      }
      const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), spec));
      const targetLayer = layerOf(target) ?? layerOf(`${target}.ts`);
      if (targetLayer === undefined || !rule.layers.includes(targetLayer))
        violations.push({ file, spec, reason: `${layer} may not import ${targetLayer ?? target}` });
    }
  }
  return violations;
}

const EXTENSIONS = ['', '.ts', '.tsx', '.d.ts', '/index.ts', '/index.tsx'];

/** The import cycles among `files` (each a strongly connected set of two or more files, sorted), type imports included. */
export function importCycles(files: readonly SourceFile[]): string[][] {
  const known = new Set(files.map((f) => f.path));
  const edges = new Map<string, string[]>();
  for (const { path: file, source } of files) {
    const targets = importsOf(source)
      .filter((spec) => spec.startsWith('.'))
      .map((spec) => path.posix.normalize(path.posix.join(path.posix.dirname(file), spec)))
      .flatMap((base) => EXTENSIONS.map((ext) => base + ext).find((candidate) => known.has(candidate)) ?? []);
    edges.set(file, targets);
  }
  // Tarjan's strongly connected components.
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  let next = 0;
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next);
    next++;
    stack.push(v);
    onStack.add(v);
    for (const w of edges.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string | undefined;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1) cycles.push(component.sort());
    }
  };
  for (const file of edges.keys()) if (!index.has(file)) visit(file);
  return cycles.sort((a, b) => a[0]!.localeCompare(b[0]!));
}

/** Every .ts/.tsx file under `dir` (relative to `root`), read. */
export function readSources(root: string, dir = 'src'): SourceFile[] {
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry): SourceFile[] => {
    const rel = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return readSources(root, rel);
    if (!/\.tsx?$/.test(entry.name)) return [];
    return [{ path: rel, source: fs.readFileSync(path.join(root, rel), 'utf8') }];
  });
}
