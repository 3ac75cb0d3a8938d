// `npm run bench`: runs every bench/*.bench.ts (or those whose name contains an argument), prints each figure with
// its budget and whether it is met, and writes bench/results.json ({name, value, unit, budget, ok, note?,
// machine}[]). Figures are measurements, never test verdicts; a module that fails is reported as a budget not met,
// and the command exits non-zero when any budget is not met.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BenchModule, BenchResult } from './types';

/** The machine the figures come from: cores, memory, Node, and how busy it was when the bench started. */
function machine(): string {
  const cpus = os.cpus();
  const load = os
    .loadavg()
    .map((l) => l.toFixed(2).replace('.', ','))
    .join(' / ');
  return `${cpus.length} cœur(s) ${cpus[0]?.model.trim() ?? ''}, ${Math.round(os.totalmem() / 2 ** 30)} Gio, Node ${process.version}, ${os.platform()} ${os.release()} ; charge moyenne au départ (1/5/15 min) ${load}`;
}

async function runModule(file: string): Promise<{ title: string; results: BenchResult[] }> {
  const mod = (await import(path.join(__dirname, file))) as { default?: BenchModule } & Partial<BenchModule>;
  const bench = (mod.default ?? mod) as BenchModule;
  try {
    return { title: bench.title, results: await bench.run() };
  } catch (error) {
    return {
      title: bench.title,
      results: [
        {
          name: `${bench.title} : le bench a échoué`,
          value: NaN,
          unit: '',
          budget: 'mesure complète',
          ok: false,
          note: (error as Error).stack ?? String(error),
        },
      ],
    };
  }
}

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const files = fs
    .readdirSync(__dirname)
    .filter((f) => f.endsWith('.bench.ts'))
    .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
    .sort();
  const host = machine();
  process.stdout.write(`Machine : ${host}\n\n`);
  const results: Array<BenchResult & { machine: string }> = [];
  const started = performance.now();
  for (const file of files) {
    const { title, results: figures } = await runModule(file);
    process.stdout.write(`== ${title}\n`);
    for (const r of figures) {
      results.push({ ...r, machine: host });
      process.stdout.write(
        `  ${r.ok ? 'OK ' : 'KO '} ${r.name} : ${r.value} ${r.unit} (budget ${r.budget})\n${r.note ? `       ${r.note}\n` : ''}`,
      );
    }
  }
  fs.writeFileSync(path.join(__dirname, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  const failed = results.filter((r) => !r.ok);
  process.stdout.write(
    `\n${results.length - failed.length}/${results.length} budgets tenus en ${Math.round((performance.now() - started) / 1000)} s. Résultats : bench/results.json\n`,
  );
  if (failed.length > 0) process.exitCode = 1;
}

void main();
