// RETEX V1 for the 16 pilots on the demo season: from the data to the written .docx files (9 use-case sheets + the cross-cutting
// one, charts included, no PDF), median of a few runs. Budget from the design (docs/fiabilite-securite.md, section 5): < 5 s locally.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildRetex } from '../src/app/build-retex';
import { seedDemoSeason } from '../src/app/demo-season';
import { MemoryRetexStore } from '../src/app/retex-memory-store';
import { readRetexDescriptions, readRetexDocxTemplates } from '../src/node/retex-files';
import { writeRetexIssue } from '../src/local/retex/retex-output';
import { retexTemplatesDir } from '../src/node/project-files';
import { appContext } from '../test/support/project';
import type { BenchModule, BenchResult } from './types';

const RUNS = 5;
const BUDGET_MS = 5000;

async function run(): Promise<BenchResult[]> {
  const ctx = appContext('2022-05-09T09:00:00+02:00');
  const season = seedDemoSeason(ctx, { untilWeek: '2022-W27' });
  ctx.clock.set('2022-07-04T10:00:00+02:00');
  const dir = retexTemplatesDir(ctx.project);
  const templates = readRetexDescriptions(ctx.project, dir);
  const docx = readRetexDocxTemplates(dir);
  const times: number[] = [];
  let documents = 0;
  for (let i = 0; i < RUNS; i++) {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'retex-bench-'));
    try {
      const start = performance.now();
      const plan = buildRetex(ctx, new MemoryRetexStore(), { milestone: 'V1', templates, author: 'bench' });
      const output = await writeRetexIssue(plan.issue, {
        outDir: out,
        templates: {
          'use-case': { buffer: docx['use-case'], name: 'fiche-cas-usage.docx' },
          'cross-cutting': { buffer: docx['cross-cutting'], name: 'fiche-transverse.docx' },
        },
        pdf: 'never',
      });
      times.push(performance.now() - start);
      documents = output.files.length;
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  }
  const sorted = [...times].sort((a, b) => a - b);
  const median = Math.round(sorted[Math.floor(sorted.length / 2)] ?? 0);
  return [
    {
      name: 'RETEX V1, 16 pilotes (fiches par cas d’usage + transverse, .docx avec graphique)',
      value: median,
      unit: 'ms',
      budget: `< ${BUDGET_MS} ms`,
      ok: median < BUDGET_MS,
      note: `médiane de ${RUNS} exécutions (${sorted.map((t) => Math.round(t)).join(', ')} ms), ${documents} documents, saison de démonstration (${season.accepted} déclarations acceptées), sans PDF`,
    },
  ];
}

const bench: BenchModule = { title: 'RETEX', run };
export default bench;
