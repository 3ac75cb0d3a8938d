// `npm run bench`: runs every bench/*.bench.ts, prints each figure with its budget and whether it is met, and
// writes bench/results.json ({name, value, unit, budget, ok}[]). Figures are measurements, never test verdicts.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BenchModule, BenchResult } from './types';

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const files = fs
    .readdirSync(__dirname)
    .filter((f) => f.endsWith('.bench.ts'))
    .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
    .sort();
  const cpus = os.cpus();
  process.stdout.write(
    `Machine : ${cpus.length} cœur(s) ${cpus[0]?.model ?? ''}, ${Math.round(os.totalmem() / 2 ** 30)} Gio, Node ${process.version}\n\n`,
  );
  const results: BenchResult[] = [];
  for (const file of files) {
    const mod = (await import(path.join(__dirname, file))) as {
      default?: BenchModule;
    } & Partial<BenchModule>;
    const bench = (mod.default ?? mod) as BenchModule;
    process.stdout.write(`== ${bench.title}\n`);
    for (const r of await bench.run()) {
      results.push(r);
      process.stdout.write(
        `  ${r.ok ? 'OK ' : 'KO '} ${r.name} : ${r.value} ${r.unit} (budget ${r.budget})\n${r.note ? `       ${r.note}\n` : ''}`,
      );
    }
  }
  fs.writeFileSync(path.join(__dirname, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  const failed = results.filter((r) => !r.ok);
  process.stdout.write(
    `\n${results.length - failed.length}/${results.length} budgets tenus. Résultats : bench/results.json\n`,
  );
}

void main();
