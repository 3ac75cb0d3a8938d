// Budget of the design (docs/fiabilite-securite.md, section 5): the .xlsx export of 3,000 ES × 26 weeks in < 15 s and < 1 GB RSS. Each run is a child
// process (so its peak RSS is its own, not the bench runner's): it builds the records, the workbook model and the
// file, and reports times and `maxRSS`. The figure is the median of the runs.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { readProject } from '../src/node/project-files';
import { establishmentFromSeed, rowKey, type JournalEntry, type ReportVersion } from '../src/domain/model';
import { deadlineOf, pilotCalendar } from '../src/domain/calendar';
import { addWeeks, dateInWeek, isoWeekOfIsoDate } from '../src/domain/iso-week';
import { buildWorkbook } from '../src/domain/workbook/workbook';
import type { Values } from '../src/domain/values';
import { renderWorkbookXlsx } from '../src/local/xlsx/render-workbook';
import type { BenchModule, BenchResult } from './types';

const ESTABLISHMENTS = 3_000;
const WEEKS = 26;
const RUNS = 3;
const BUDGET_SECONDS = 15;
const BUDGET_RSS_MB = 1_024;

interface ChildFigures {
  modelMs: number;
  renderMs: number;
  totalMs: number;
  maxRssMb: number;
  bytes: number;
  cells: number;
}

/** Runs in the child: a synthetic season of the given size, straight into records (no use-case overhead). */
async function child(started: number): Promise<void> {
  const base = readProject();
  // A pilot long enough for 26 weeks, « now » just after the last one.
  const config = { ...base.config, calendar: { ...base.config.calendar, end: '2022-11-30' } };
  const calendar = pilotCalendar(config);
  const first = isoWeekOfIsoDate(config.calendar.start);
  const seed = base.establishments[0];
  if (!seed) throw new Error('no establishment in the project');
  const establishments = Array.from({ length: ESTABLISHMENTS }, (_, i) => {
    const e = establishmentFromSeed(
      { ...seed, id: `es-${i}`, name: `ÉTABLISSEMENT ${i}`, useCases: seed.useCases.slice(0, 1) },
      base.departments,
      config,
      base.tracking,
    );
    return e;
  });
  const versions: ReportVersion[] = [];
  const journal: JournalEntry[] = [];
  const annotations = new Map<string, Values>();
  establishments.forEach((e, i) => {
    const key = rowKey(e.id, 'uc1');
    annotations.set(key, { actions: `Relance n° ${i % 7}`, remarks: i % 10 === 0 ? 'À suivre' : null });
    for (let w = 0; w < WEEKS; w++) {
      const week = addWeeks(first, w + 1);
      const n = (i + 1) * (w + 1);
      const at = new Date(deadlineOf(calendar, week).getTime() - 3_600_000).toISOString();
      versions.push({
        rowKey: key,
        week,
        version: 1,
        values: {
          report_date: dateInWeek(week, 4),
          messages_sent: n,
          messages_received: Math.floor(n / 3),
          dmp_fed: Math.floor(n / 2),
          dmp_consulted: Math.floor(n / 4),
          patients_included: n,
          visits: n + 1,
          messaging_feedback: `Semaine ${week} : envois réguliers, pas d'incident.`,
          dmp_feedback: null,
          vigilance_points: w % 4 === 0 ? 'INS non qualifiée pour une partie des patients.' : null,
        },
        source: 'form',
        submissionId: `bench-${i}-${week}`,
        receivedAt: at,
        author: `referent@es-${i}.fr`,
        reason: null,
        warnings: [],
      });
      journal.push({
        at,
        kind: 'report.accepted',
        actor: `referent@es-${i}.fr`,
        role: 'es',
        target: key,
        summary: `Déclaration ${week} de ÉTABLISSEMENT ${i} enregistrée (version 1).`,
      });
    }
  });
  const modelStart = performance.now();
  const model = buildWorkbook({
    tracking: base.tracking,
    config,
    calendar,
    departmentCodes: base.departments.map((d) => d.code),
    establishments,
    versions,
    annotations,
    journal,
    links: new Map(),
    now: new Date(deadlineOf(calendar, addWeeks(first, WEEKS + 1)).getTime()),
  });
  const renderStart = performance.now();
  const bytes = await renderWorkbookXlsx(model, { role: 'ars' });
  const end = performance.now();
  const cells = model.sheets.reduce((n, s) => n + (s.rows.length + s.header.length) * s.columns.length, 0);
  const figures: ChildFigures = {
    modelMs: Math.round(renderStart - modelStart),
    renderMs: Math.round(end - renderStart),
    totalMs: Math.round(end - started),
    maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    bytes: bytes.length,
    cells,
  };
  process.stdout.write(`${JSON.stringify(figures)}\n`);
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
};

const bench: BenchModule = {
  title: `.xlsx export (${ESTABLISHMENTS} ES × ${WEEKS} semaines)`,
  async run(): Promise<BenchResult[]> {
    const runs: ChildFigures[] = [];
    for (let i = 0; i < RUNS; i++) {
      const out = execFileSync(process.execPath, ['--import', 'tsx', __filename, '--child'], {
        cwd: path.join(__dirname, '..'),
        env: { ...process.env, TZ: 'Europe/Paris' },
        encoding: 'utf8',
        maxBuffer: 1 << 20,
      });
      runs.push(JSON.parse(out.trim().split('\n').pop() ?? '{}') as ChildFigures);
    }
    const seconds = median(runs.map((r) => r.totalMs)) / 1000;
    const rss = median(runs.map((r) => r.maxRssMb));
    const sample = runs[0];
    const note = sample
      ? `médiane de ${RUNS} exécutions (processus séparés) ; modèle ${median(runs.map((r) => r.modelMs))} ms, rendu ${median(runs.map((r) => r.renderMs))} ms ; ${sample.cells.toLocaleString('fr-FR')} cellules, fichier de ${(sample.bytes / 2 ** 20).toFixed(1).replace('.', ',')} Mio`
      : undefined;
    return [
      {
        name: 'Export .xlsx 3000 ES × 26 semaines : durée',
        value: Math.round(seconds * 100) / 100,
        unit: 's',
        budget: `< ${BUDGET_SECONDS} s`,
        ok: seconds < BUDGET_SECONDS,
        note,
      },
      {
        name: 'Export .xlsx 3000 ES × 26 semaines : mémoire (RSS max)',
        value: rss,
        unit: 'Mo',
        budget: `< ${BUDGET_RSS_MB} Mo`,
        ok: rss < BUDGET_RSS_MB,
      },
    ];
  },
};

export default bench;

if (process.argv.includes('--child')) void child(performance.now());
