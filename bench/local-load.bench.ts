// Budget of the design (docs/fiabilite-securite.md, section 5) for the embedded runtime: ≥ 300 weekly submissions/s, p99 < 100 ms on 2 cores, none lost.
// Each run starts `suivi-mes serve` in a child process on loopback with a fresh data folder, opens the 16 ES forms
// (CSRF token and cookie of each link), then autocannon sends valid submissions from the 16 ES links at once, one
// connection per ES, each with its token, a fresh submission id and counters higher than its previous one. Bounded
// in requests and in time. After the run the server is stopped and SQLite is read: the acknowledged submissions
// (303 « enregistrée ») must all be there. The figures are medians over the runs.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import { readProject } from '../src/node/project-files';
import type { Project } from '../src/schema/project';
import { DATABASE_FILE } from '../src/local/local-data';
import { startServer } from '../test/support/local/serve-process';
import {
  loadWeeks,
  openSessions,
  postHeaders,
  sequentialSubmission,
  weeklyBody,
  type EsSession,
} from '../test/support/local/weekly-load';
import type { BenchModule, BenchResult } from './types';

const RUNS = 5;
const WARM_UP_PER_ES = 20;
const REQUESTS_PER_ES = 250;
/** A run that has not finished by then is stopped (its figures then show the shortfall). */
const MAX_RUN_SECONDS = 60;
const BUDGET_PER_SECOND = 300;
const BUDGET_P99_MS = 100;

interface Counts {
  /** 303 to the confirmation « enregistrée »: acknowledged and new. */
  accepted: number;
  /** 303 « déjà reçue » (a request resent by the client after a broken connection). */
  duplicate: number;
  /** 4xx: the bench built a request the server refused. */
  refused: number;
  /** 5xx, connection errors and timeouts. */
  errors: number;
}

interface LoadFigures extends Counts {
  perSecond: number;
  p50: number;
  p99: number;
  seconds: number;
}

interface RunFigures {
  measured: LoadFigures;
  acknowledged: number;
  rows: number;
  integrity: string;
}

/** One autocannon load: `perEs` submissions from each session, one connection per session. */
async function load(
  project: Project,
  baseUrl: string,
  sessions: readonly EsSession[],
  next: Map<string, number>,
  perEs: number,
): Promise<LoadFigures> {
  const weeks = loadWeeks(project);
  const counts: Counts = { accepted: 0, duplicate: 0, refused: 0, errors: 0 };
  // autocannon's own duration is rounded up to its sampling tick: the load is timed from the first request built
  // to the last answer received.
  let firstAt: number | undefined;
  let lastAt = 0;
  let client = 0;
  let instance: autocannon.Instance | undefined;
  const stopper = setTimeout(() => instance?.stop(), MAX_RUN_SECONDS * 1000);
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    instance = autocannon(
      {
        url: baseUrl,
        connections: sessions.length,
        amount: sessions.length * perEs,
        timeout: 10,
        sampleInt: 100,
        setupClient(c) {
          const session = sessions[client++ % sessions.length] as EsSession;
          c.setRequests([
            {
              method: 'POST',
              path: session.path,
              setupRequest(req) {
                firstAt ??= performance.now();
                const k = next.get(session.establishmentId) ?? 0;
                next.set(session.establishmentId, k + 1);
                const { week, counter } = sequentialSubmission(weeks, k);
                return {
                  ...req,
                  headers: postHeaders(session),
                  body: weeklyBody(project, session, week, counter),
                };
              },
              onResponse(status, _body, _context, headers) {
                lastAt = performance.now();
                const location = String(headers?.location ?? '');
                if (status === 303 && location.includes('statut=enregistree')) counts.accepted += 1;
                else if (status === 303 && location.includes('statut=deja')) counts.duplicate += 1;
                else if (status >= 400 && status < 500) counts.refused += 1;
                else counts.errors += 1;
              },
            },
          ]);
        },
      },
      (error: unknown, result: autocannon.Result) =>
        error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve(result),
    );
  });
  clearTimeout(stopper);
  const seconds = (lastAt - (firstAt ?? lastAt)) / 1000;
  return {
    ...counts,
    errors: counts.errors + result.errors,
    perSecond: counts.accepted / seconds,
    p50: result.latency.p50,
    p99: result.latency.p99,
    seconds,
  };
}

async function oneRun(project: Project): Promise<RunFigures> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'suivi-mes-load-'));
  const dir = path.join(root, 'data');
  try {
    const server = await startServer(dir);
    let warm: LoadFigures;
    let measured: LoadFigures;
    try {
      const sessions = await openSessions(project, server.links);
      const next = new Map<string, number>();
      warm = await load(project, server.baseUrl, sessions, next, WARM_UP_PER_ES);
      measured = await load(project, server.baseUrl, sessions, next, REQUESTS_PER_ES);
    } finally {
      await server.stop();
    }
    const db = new Database(path.join(dir, DATABASE_FILE), { readonly: true });
    try {
      const rows = db
        .prepare("SELECT COUNT(*) FROM report_versions WHERE submission_id LIKE 'web:%'")
        .pluck()
        .get();
      const integrity = db.pragma('integrity_check', { simple: true });
      return {
        measured,
        acknowledged: warm.accepted + measured.accepted,
        rows: Number(rows),
        integrity: String(integrity),
      };
    } finally {
      db.close();
    }
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
};

async function run(): Promise<BenchResult[]> {
  const project = readProject();
  const runs: RunFigures[] = [];
  for (let i = 0; i < RUNS; i++) runs.push(await oneRun(project));
  const perSecond = Math.round(median(runs.map((r) => r.measured.perSecond)));
  const p99 = median(runs.map((r) => r.measured.p99));
  const p50 = median(runs.map((r) => r.measured.p50));
  const lost = runs.reduce((n, r) => n + Math.max(0, r.acknowledged - r.rows), 0);
  const extra = runs.reduce((n, r) => n + Math.max(0, r.rows - r.acknowledged), 0);
  const sum = (key: keyof Counts) => runs.reduce((n, r) => n + r.measured[key], 0);
  const sent = sum('accepted') + sum('duplicate') + sum('refused') + sum('errors');
  const clean = sum('refused') === 0 && sum('errors') === 0;
  const perRun = runs.map((r) => Math.round(r.measured.perSecond)).join(', ');
  const shape = `${RUNS} exécutions, chacune : serveur neuf (processus séparé, 127.0.0.1), 16 ES en parallèle (une connexion par lien), ${WARM_UP_PER_ES} envois d’échauffement puis ${REQUESTS_PER_ES} mesurés par ES`;
  return [
    {
      name: 'Local : déclarations hebdomadaires acceptées par seconde (16 ES en parallèle)',
      value: perSecond,
      unit: '/s',
      budget: `≥ ${BUDGET_PER_SECOND}/s`,
      ok: perSecond >= BUDGET_PER_SECOND && clean,
      note: `médiane de ${perRun} /s ; ${shape} ; ${sent} requêtes mesurées : ${sum('accepted')} acceptées, ${sum('duplicate')} renvois, ${sum('refused')} refusées, ${sum('errors')} erreurs`,
    },
    {
      name: 'Local : latence p99 d’une déclaration sous charge',
      value: p99,
      unit: 'ms',
      budget: `< ${BUDGET_P99_MS} ms`,
      ok: p99 < BUDGET_P99_MS,
      note: `médiane des p99 (${runs.map((r) => r.measured.p99).join(', ')} ms) ; p50 médiane ${p50} ms`,
    },
    {
      name: 'Local : déclarations acquittées absentes de SQLite après l’arrêt',
      value: lost,
      unit: 'déclarations',
      budget: '0',
      ok: lost === 0 && extra === 0 && runs.every((r) => r.integrity === 'ok'),
      note: `${runs.reduce((n, r) => n + r.acknowledged, 0)} acquittées (303) en tout, ${runs.reduce((n, r) => n + r.rows, 0)} versions en base, ${extra} de trop ; integrity_check : ${[...new Set(runs.map((r) => r.integrity))].join(', ')}`,
    },
  ];
}

const bench: BenchModule = { title: 'Mode embarqué : charge des déclarations (autocannon)', run };
export default bench;
