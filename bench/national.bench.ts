// Budgets of issue 14 (national view): 3,000 ES in 18 regions × 52 weeks — the ANS national summary page < 1 s,
// the national .xlsx < 20 s and < 1 GB RSS; loading one regional file of 300 ES × 52 weeks < 5 s. Each figure is
// measured in its own child process (its peak RSS is its own) on a temporary data folder holding one regional file
// per region, built from synthetic records as `national import` would store them.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readProject } from '../src/node/project-files';
import { deadlineOf, pilotCalendar } from '../src/domain/calendar';
import { addWeeks, dateInWeek, isoWeekOfIsoDate } from '../src/domain/iso-week';
import { establishmentFromSeed, rowKey, type ReportVersion } from '../src/domain/model';
import type { RegionalSnapshot } from '../src/domain/workbook/regional-file';
import { nationalEstablishmentId, REGIONS } from '../src/domain/regions';
import type { Values } from '../src/domain/values';
import { buildWorkbook } from '../src/domain/workbook/workbook';
import { openLocalData } from '../src/local/local-data';
import { nationalExportModel, planRegionalImport } from '../src/local/national';
import { nationalStoreOf } from '../src/local/db/national-store';
import { OutboxMailer } from '../src/local/mail/mailer';
import { buildServer } from '../src/local/server/build-server';
import { readRegionalXlsx } from '../src/local/xlsx/read-regional-file';
import { renderWorkbookXlsx } from '../src/local/xlsx/render-workbook';
import type { Project } from '../src/schema/project';
import type { BenchModule, BenchResult } from './types';

const ESTABLISHMENTS = 3_000;
const WEEKS = 52;
const REGIONAL_FILE_ES = 300;

function project(): Project {
  const base = readProject();
  return {
    ...base,
    config: {
      ...base.config,
      calendar: {
        ...base.config.calendar,
        end: '2023-05-31',
        milestones: { V1: '2022-11-30', VF: '2023-05-31' },
      },
    },
  };
}

/** A region's records: `count` establishments with one row each, a report every week. */
function regionRecords(p: Project, regionId: string, count: number, offset: number) {
  const calendar = pilotCalendar(p.config);
  const first = isoWeekOfIsoDate(p.config.calendar.start);
  const seed = p.establishments[0];
  if (!seed) throw new Error('no establishment');
  const establishments = Array.from({ length: count }, (_, i) =>
    establishmentFromSeed(
      {
        ...seed,
        id: `es-${offset + i}`,
        name: `ÉTABLISSEMENT ${regionId.toUpperCase()} ${i}`,
        group: i % 3 === 0 ? 'AP-HP' : 'Almaviva Santé',
        useCases: seed.useCases.slice(0, 1),
      },
      p.departments,
      p.config,
      p.tracking,
    ),
  );
  const versions: ReportVersion[] = [];
  const annotations = new Map<string, Values>();
  establishments.forEach((e, i) => {
    const key = rowKey(e.id, 'uc1');
    annotations.set(key, { actions: `Relance n° ${i % 7}` });
    for (let w = 0; w < WEEKS; w++) {
      const week = addWeeks(first, w);
      const n = (i + 1) * (w + 1);
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
          messaging_feedback: `Semaine ${week} : envois réguliers.`,
          dmp_feedback: null,
          vigilance_points: null,
        },
        source: 'form',
        submissionId: `bench-${regionId}-${i}-${week}`,
        receivedAt: new Date(deadlineOf(calendar, week).getTime() - 3_600_000).toISOString(),
        author: `referent@es-${i}.fr`,
        reason: null,
        warnings: [],
      });
    }
  });
  return { establishments, versions, annotations };
}

const nowOf = (p: Project) => {
  const first = isoWeekOfIsoDate(p.config.calendar.start);
  return new Date(deadlineOf(pilotCalendar(p.config), addWeeks(first, WEEKS - 1)).getTime() + 86_400_000);
};

/** A data folder holding one file per region, 3,000 ES in all. */
function nationalFolder(p: Project): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'suivi-mes-bench-national-'));
  const { data } = openLocalData(dir, p);
  const national = nationalStoreOf(data.db);
  const per = Math.floor(ESTABLISHMENTS / REGIONS.length);
  REGIONS.forEach((region, r) => {
    const count = r === REGIONS.length - 1 ? ESTABLISHMENTS - per * r : per;
    const records = regionRecords(p, region.id, count, r * 1000);
    const prefix = (key: string) => `${region.id}:${key}`;
    const snapshot: RegionalSnapshot = {
      region: region.id,
      exportedAt: nowOf(p).toISOString(),
      establishments: records.establishments.map((e) => ({
        ...e,
        id: nationalEstablishmentId(region.id, e.id),
      })),
      versions: records.versions.map((v) => ({ ...v, rowKey: prefix(v.rowKey) })),
      annotations: [...records.annotations].map(([k, v]) => [prefix(k), v]),
    };
    national.add(snapshot, {
      sha256: region.id,
      importedAt: nowOf(p).toISOString(),
      fileName: `${region.id}.xlsx`,
    });
  });
  data.close();
  return dir;
}

interface Figures {
  ms: number;
  coldMs?: number;
  maxRssMb: number;
  bytes?: number;
}

async function child(mode: string): Promise<void> {
  const p = project();
  const now = nowOf(p);
  let figures: Figures;
  if (mode === 'page') {
    const dir = nationalFolder(p);
    const { data } = openLocalData(dir, p);
    const app = await buildServer({
      project: p,
      store: data.store,
      links: data.links,
      secret: data.secret,
      clock: { now: () => now },
      mailer: new OutboxMailer(data.outboxDir, undefined, () => now),
      baseUrl: 'http://localhost:8080',
      demo: false,
      dataDir: dir,
    });
    const link = data.links.active().find((l) => l.role === 'ans');
    if (!link) throw new Error('no ANS link');
    const url = data.links.path(link);
    const cold = performance.now();
    const first = await app.inject({ method: 'GET', url });
    const coldMs = performance.now() - cold;
    if (first.statusCode !== 200 || !first.body.includes('Mayotte'))
      throw new Error('page without every region');
    const times: number[] = [];
    for (let i = 0; i < 3; i++) {
      const t = performance.now();
      await app.inject({ method: 'GET', url });
      times.push(performance.now() - t);
    }
    await app.close();
    data.close();
    fs.rmSync(dir, { recursive: true, force: true });
    figures = { ms: median(times), coldMs, maxRssMb: process.resourceUsage().maxRSS / 1024 };
  } else if (mode === 'xlsx') {
    const dir = nationalFolder(p);
    const { data } = openLocalData(dir, p);
    const t = performance.now();
    const model = nationalExportModel(p, data.store, now);
    if (!model) throw new Error('no national model');
    const file = await renderWorkbookXlsx(model, { role: 'ans', now });
    figures = {
      ms: performance.now() - t,
      maxRssMb: process.resourceUsage().maxRSS / 1024,
      bytes: file.length,
    };
    data.close();
    fs.rmSync(dir, { recursive: true, force: true });
  } else {
    const records = regionRecords(p, 'bre', REGIONAL_FILE_ES, 0);
    const config = { ...p.config, pilot: { ...p.config.pilot, region: 'Bretagne' } };
    const model = buildWorkbook({
      tracking: p.tracking,
      config,
      calendar: pilotCalendar(config),
      departmentCodes: p.departments.map((d) => d.code),
      establishments: records.establishments,
      versions: records.versions,
      annotations: records.annotations,
      journal: [],
      links: new Map(),
      now,
    });
    const file = await renderWorkbookXlsx(model, { role: null, now });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'suivi-mes-bench-regional-'));
    const { data } = openLocalData(dir, p);
    const region = REGIONS.find((r) => r.id === 'bre');
    if (!region) throw new Error('no Bretagne');
    const t = performance.now();
    const { read, sha256 } = await readRegionalXlsx(file, p, region);
    if (!read.ok) throw new Error(read.errors.join('\n'));
    const national = nationalStoreOf(data.db);
    const plan = planRegionalImport(national, read.snapshot, sha256);
    if (plan.status !== 'ready') throw new Error(plan.status);
    national.add(read.snapshot, { sha256, importedAt: now.toISOString(), fileName: 'bre.xlsx' });
    figures = {
      ms: performance.now() - t,
      maxRssMb: process.resourceUsage().maxRSS / 1024,
      bytes: file.length,
    };
    data.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  process.stdout.write(`${JSON.stringify(figures)}\n`);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

function runChild(mode: string): Figures {
  const out = execFileSync(process.execPath, ['--import', 'tsx', __filename, '--child', mode], {
    cwd: path.join(__dirname, '..'),
    env: { ...process.env, TZ: 'Europe/Paris' },
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  return JSON.parse(out.trim().split('\n').pop() ?? '{}') as Figures;
}

const fr = (n: number, digits = 2) => (Math.round(n * 10 ** digits) / 10 ** digits).toLocaleString('fr-FR');

const bench: BenchModule = {
  title: `Vue nationale (${ESTABLISHMENTS} ES, ${REGIONS.length} régions × ${WEEKS} semaines)`,
  async run(): Promise<BenchResult[]> {
    const page = runChild('page');
    const xlsx = runChild('xlsx');
    const load = runChild('import');
    return [
      {
        name: 'Synthèse nationale ANS (page) : durée',
        value: Math.round(page.ms) / 1000,
        unit: 's',
        budget: '< 1 s',
        ok: page.ms < 1000,
        note: `médiane de 3 requêtes après la première (${fr((page.coldMs ?? NaN) / 1000)} s : lecture des fichiers régionaux, gardés ensuite en mémoire)`,
      },
      {
        name: 'Export .xlsx national : durée',
        value: Math.round(xlsx.ms) / 1000,
        unit: 's',
        budget: '< 20 s',
        ok: xlsx.ms < 20_000,
        note: `fichier de ${fr((xlsx.bytes ?? 0) / 2 ** 20, 1)} Mio`,
      },
      {
        name: 'Export .xlsx national : mémoire (RSS max)',
        value: Math.round(xlsx.maxRssMb),
        unit: 'Mo',
        budget: '< 1024 Mo',
        ok: xlsx.maxRssMb < 1024,
      },
      {
        name: `Chargement d'un fichier régional (${REGIONAL_FILE_ES} ES × ${WEEKS} semaines) : durée`,
        value: Math.round(load.ms) / 1000,
        unit: 's',
        budget: '< 5 s',
        ok: load.ms < 5000,
        note: `fichier de ${fr((load.bytes ?? 0) / 2 ** 20, 1)} Mio`,
      },
    ];
  },
};

export default bench;

if (process.argv.includes('--child')) void child(process.argv[process.argv.indexOf('--child') + 1] ?? 'page');
