// A small pilot season for the RETEX tests and bench, driven through the real use cases against any Store: every
// row reports weekly from the first pilot week to `lastWeek` with growing counters, some free text (repeated
// texts, accents and characters that template engines or XML treat specially) and ARS actions. Until
// src/app/demo-season.ts lands on main, this is the RETEX's demo data.
import { editCell } from '../../src/app/edit-cell';
import { ingestWeeklyReport } from '../../src/app/ingest-weekly-report';
import { dateInWeek, weekRange, type IsoWeek } from '../../src/domain/iso-week';
import { fromParis } from '../../src/domain/paris-time';
import { rowKey } from '../../src/domain/model';
import type { AppContext } from '../../src/app/context';
import type { FixedClock } from './project';

/** Text that must come out of a document exactly as it went in. */
export const TRICKY_TEXT =
  'Coût 12 $ puis $& et $1 ; chemin C:\\temp\\n ; accolades {{ouvertes}} et {#es}{/es} ; <b>gras</b> & « guillemets » — éàçœ';

export const FIRST_WEEK = '2022-W19';

function fridayMorning(week: IsoWeek): Date {
  const [y, m, d] = dateInWeek(week, 5).split('-').map(Number) as [number, number, number];
  return fromParis(y, m, d, 10, 0);
}

function mondayMorning(week: IsoWeek): Date {
  const [y, m, d] = dateInWeek(week, 1).split('-').map(Number) as [number, number, number];
  return fromParis(y, m, d, 9, 30);
}

/** Counters of row `i` in its `k`-th week (1-based): consistent, growing, distinct per row. */
export function seasonCounters(i: number, k: number): Record<string, number> {
  const s = i + 1;
  return {
    messages_sent: 10 * s * k,
    messages_received: s * k,
    dmp_fed: 3 * s * k,
    dmp_consulted: k,
    patients_included: 4 * s * k,
    visits: 6 * s * k,
  };
}

export interface SeasonOptions {
  /** Last week reported (included). */
  lastWeek: IsoWeek;
  /** Weeks to report from (default: the pilot's first week). */
  firstWeek?: IsoWeek;
  /** Prefix of submission ids, so a second call adds new submissions. */
  idPrefix?: string;
}

/** Runs the season through ingestWeeklyReport and editCell; leaves the clock on the last Friday. */
export function runRetexSeason(ctx: AppContext & { clock: FixedClock }, options: SeasonOptions): void {
  const weeks = weekRange(options.firstWeek ?? FIRST_WEEK, options.lastWeek);
  const all = weekRange(FIRST_WEEK, options.lastWeek);
  const rows = ctx.store.listEstablishments().flatMap((e) => e.useCases.map((u) => ({ e, u })));
  for (const week of weeks) {
    const k = all.indexOf(week) + 1;
    ctx.clock.instant = mondayMorning(week);
    rows.forEach(({ e, u }, i) => {
      if (k % 2 === 0)
        expectSaved(
          editCell(ctx, {
            rowKey: rowKey(e.id, u.id),
            columnId: 'actions',
            raw: `Point d'étape ${week} avec ${e.values.establishment as string}`,
            role: 'ars',
            author: 'binome@ars.fr',
            source: 'grid',
          }),
        );
      void i;
    });
    ctx.clock.instant = fridayMorning(week);
    rows.forEach(({ e, u }, i) => {
      const vigilance = k >= 2 && k <= 3 ? `Délai de mise à jour du DPI chez ${e.id}` : '';
      const messaging = i === 0 && k === 1 ? TRICKY_TEXT : `Envois ${week} pour ${u.id}`;
      const counters = seasonCounters(i, k);
      const outcome = ingestWeeklyReport(ctx, {
        submissionId: `${options.idPrefix ?? 's'}-${e.id}-${u.id}-${week}`,
        source: 'form',
        author: `referent@${e.id}.fr`,
        submission: {
          establishmentId: e.id,
          useCaseId: u.id,
          week,
          values: {
            report_date: dateInWeek(week, 5),
            ...Object.fromEntries(Object.entries(counters).map(([c, v]) => [c, String(v)])),
            messaging_feedback: messaging,
            dmp_feedback: k === 1 ? 'Premiers documents versés au DMP.' : '',
            vigilance_points: vigilance,
          },
        },
      });
      if (outcome.status !== 'accepted') throw new Error(`season report refused: ${JSON.stringify(outcome)}`);
    });
  }
}

function expectSaved(outcome: ReturnType<typeof editCell>): void {
  if (outcome.status !== 'saved') throw new Error(`season action refused: ${JSON.stringify(outcome)}`);
}
