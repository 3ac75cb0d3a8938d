// Cells of each Google spreadsheet the Apps Script runtime makes — the master workbook and every responses
// spreadsheet — against Google's limit of 10 million per spreadsheet, blank cells included, with a budget of 8 million
// (20 % headroom). Measured on the emulator right after installing 16, 500 and 3,000 establishments (the real bundle),
// then at the end of a 52-week season: the growing tabs computed with the runtime's own geometry (cell-budget.ts,
// workbook-geometry.ts, the domain's Synthèse model) from the activity stated in each note, the responses
// spreadsheets at the room the runtime reserves per form (which is how it decides where a form goes).
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import {
  CELL_BUDGET,
  masterGrowingCells,
  NEW_TAB_COLUMNS,
  NEW_TAB_ROWS,
  reservedResponseCells,
  responseColumnsOfMeta,
  type SeasonActivity,
} from '../src/apps-script/cell-budget';
import { parseRowRecord, type RowRecord } from '../src/google/stored-json';
import { WorkbookGeometry } from '../src/apps-script/workbook-geometry';
import { pilotCalendar } from '../src/domain/calendar';
import { addWeeks, dateInWeek, isoWeekOfInstant } from '../src/domain/iso-week';
import type { RowLedger } from '../src/domain/ledger';
import { fromParis } from '../src/domain/paris-time';
import { synthesisFromLedgers } from '../src/domain/workbook/workbook';
import { synthesisSheet } from '../src/domain/workbook/synthesis-sheet';
import { readProject, REPO_ROOT } from '../src/node/project-files';
import { BUNDLE_FILE, loadBundle } from '../test/support/gas/bundle';
import { bundleWithEstablishments } from '../test/support/gas/build-bundle';
import { createGasEnvironment, type GasEnvironment } from '../test/support/gas/environment';
import type { SpreadsheetData } from '../test/support/gas/sheet-data';
import type { BenchModule, BenchResult } from './types';

const WEEKS = 52;
/** A quarter of the reports resubmitted once; every version journaled, plus a reminder or refusal for one row in
 * four; an ARS or ANS edit per row every ten weeks. */
const ACTIVITY: SeasonActivity = { versionsPerWeek: 1.25, journalPerWeek: 1.5, changesPerWeek: 0.1 };
const GROWING_TABS = ['Historique', 'Journal', 'Modifications', 'Synthèse'];

function install(bundleFile: string): GasEnvironment {
  // An agency's Workspace account (6 h of trigger runtime a day): a 3,000-ES install still takes more than a day,
  // resumed by each continuation's next-day backup (triggers.ts), hence the generous number of minutes below.
  const env = createGasEnvironment({ now: fromParis(2022, 5, 12, 10).toISOString(), account: 'workspace' });
  env.createContainer('Suivi MES');
  const bundle = loadBundle(env, bundleFile);
  bundle.run('install', [], { ui: true });
  for (
    let runs = 1;
    env.triggers.triggers.some((t) => t.handler === 'resumeInstall') && runs < 6000;
    runs += 1
  ) {
    env.runtime.advance(61_000);
    env.runDueClockTriggers();
  }
  if (env.triggers.triggers.some((t) => t.handler === 'resumeInstall'))
    throw new Error('install did not finish');
  return env;
}

function records(env: GasEnvironment, geometry: WorkbookGeometry): RowRecord[] {
  const suivi = env.container.sheet('Suivi');
  if (!suivi) throw new Error('no Suivi');
  const out: RowRecord[] = [];
  for (let r = geometry.headerRows + 1; r <= suivi.lastRow(); r += 1) {
    const text = suivi.cell(r, geometry.recordCol)?.value;
    if (typeof text === 'string' && text !== '') out.push(parseRowRecord(text, `Suivi row ${r}`));
  }
  return out;
}

/** The Synthèse tab at the end of the season, from the domain's model of it over `weeks` reported weeks. */
function synthesisCells(env: GasEnvironment, rows: RowRecord[]): number {
  const project = readProject();
  const first = project.config.calendar.start;
  const firstWeek = isoWeekOfInstant(
    fromParis(...(first.split('-').map(Number) as [number, number, number])),
  );
  const lastWeek = addWeeks(firstWeek, WEEKS - 1);
  const config = {
    ...project.config,
    calendar: { ...project.config.calendar, end: dateInWeek(lastWeek, 5) },
  };
  const ledgers = new Map<string, RowLedger>();
  const establishments = new Map(rows.map((r) => [r.establishment.id, r.establishment]));
  for (const e of establishments.values())
    for (const u of e.useCases)
      ledgers.set(
        `${e.id}/${u.id}`,
        Array.from({ length: WEEKS }, (_, i) => ({
          week: addWeeks(firstWeek, i),
          version: 1,
          counters: { visits: i },
          firstReceivedAt: null,
          receivedAt: '',
        })),
      );
  const now = fromParis(...(dateInWeek(lastWeek, 6).split('-').map(Number) as [number, number, number]), 12);
  const { summary, grid } = synthesisFromLedgers(
    project.tracking,
    pilotCalendar(config),
    [...establishments.values()],
    ledgers,
    now,
  );
  const model = synthesisSheet({ tracking: project.tracking, summary, grid, now });
  const measured = env.container.sheet('Synthèse');
  return (
    Math.max(NEW_TAB_ROWS, model.rows.length + 1, measured?.maxRows ?? 0) *
    Math.max(NEW_TAB_COLUMNS, model.columns.length, measured?.maxColumns ?? 0)
  );
}

interface Figures {
  masterAtInstall: number;
  masterAtSeasonEnd: number;
  /** Each responses spreadsheet: cells after install, and with every form's reserved season. */
  responses: Array<{ name: string; atInstall: number; atSeasonEnd: number }>;
  cpuSeconds: number;
}

function figures(count: number): Figures {
  const started = performance.now();
  const env = install(count === 16 ? BUNDLE_FILE : bundleWithEstablishments(count));
  const project = readProject();
  const geometry = new WorkbookGeometry(project);
  const rows = records(env, geometry);
  const master = env.container;
  const growing = masterGrowingCells(geometry, rows.length, WEEKS, ACTIVITY);
  const staticCells = master.sheets
    .filter((s) => !GROWING_TABS.includes(s.name))
    .reduce((n, s) => n + s.maxRows * s.maxColumns, 0);
  const masterAtSeasonEnd =
    staticCells + growing.historique + growing.journal + growing.modifications + synthesisCells(env, rows);

  const reserved = new Map<string, number>();
  const seen = new Set<string>();
  for (const r of rows)
    for (const kind of ['weekly', 'initialisation'] as const) {
      const meta = r.forms?.[kind];
      if (!meta || (meta.tabId ?? -1) < 0 || seen.has(meta.id)) continue;
      seen.add(meta.id);
      const id = meta.responsesId ?? '';
      const cells = reservedResponseCells(kind, responseColumnsOfMeta(meta), WEEKS, meta.trimmed ?? false);
      reserved.set(id, (reserved.get(id) ?? 0) + cells);
    }
  const responses = [...env.sheets.byId.values()]
    .filter((ss: SpreadsheetData) => ss.id !== master.id)
    .map((ss) => {
      const others = ss.sheets
        .filter((s) => s.formUrl === null)
        .reduce((n, s) => n + s.maxRows * s.maxColumns, 0);
      return { name: ss.name, atInstall: ss.gridCells(), atSeasonEnd: others + (reserved.get(ss.id) ?? 0) };
    });
  return {
    masterAtInstall: master.gridCells(),
    masterAtSeasonEnd,
    responses,
    cpuSeconds: Math.round((performance.now() - started) / 1000),
  };
}

const fmt = (n: number) => n.toLocaleString('fr-FR');

const bench: BenchModule = {
  title: 'Google : cellules par classeur (limite Google 10 000 000, budget 8 000 000)',
  async run(): Promise<BenchResult[]> {
    execFileSync(process.execPath, [path.join(REPO_ROOT, 'scripts', 'build-apps-script.mjs')]);
    const results: BenchResult[] = [];
    const activity = `saison de ${WEEKS} semaines : ${ACTIVITY.versionsPerWeek} version, ${ACTIVITY.journalPerWeek} ligne de Journal, ${ACTIVITY.changesPerWeek} modification par ligne de suivi et par semaine`;
    for (const count of [16, 500, 3000]) {
      const f = figures(count);
      results.push({
        name: `Cellules du classeur maître, ${fmt(count)} ES, fin de saison`,
        value: f.masterAtSeasonEnd,
        unit: 'cellules',
        budget: `< ${fmt(CELL_BUDGET)}`,
        ok: f.masterAtSeasonEnd < CELL_BUDGET,
        note: `${fmt(f.masterAtInstall)} après l'installation (mesuré sur l'émulateur, ${f.cpuSeconds} s de calcul) ; ${activity}`,
      });
      const largest = Math.max(...f.responses.map((r) => r.atSeasonEnd));
      results.push({
        name: `Cellules du plus grand classeur de réponses, ${fmt(count)} ES, fin de saison`,
        value: largest,
        unit: 'cellules',
        budget: `< ${fmt(CELL_BUDGET)}`,
        ok: largest < CELL_BUDGET && f.responses.every((r) => r.atInstall < CELL_BUDGET),
        note: `${f.responses.length} classeur(s) de réponses : ${f.responses
          .map((r) => `${fmt(r.atInstall)} après l'installation, ${fmt(r.atSeasonEnd)} réservées`)
          .join(' ; ')} (4 réponses par semaine réservées par formulaire hebdomadaire)`,
      });
    }
    return results;
  },
};

export default bench;
