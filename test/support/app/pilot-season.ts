// A small pilot season with known values, driven through the real use cases against a MemoryStore, for tests
// that assert cell by cell: six weeks of reports from the 17 rows with missing, late and resubmitted ones,
// formula-like and multi-line text, one ES profile, ARS actions and contacts, an ANS remark, a correction. (The
// randomised src/app/demo-season.ts serves the broad round trip.)
import { exportWorkbook } from '../../../src/app/export-workbook';
import { MemoryStore } from '../../../src/app/memory-store';
import { ingestWeeklyReport } from '../../../src/app/ingest-weekly-report';
import { updateProfile } from '../../../src/app/update-profile';
import { editCell } from '../../../src/app/edit-cell';
import { correctReport } from '../../../src/app/correct-report';
import { calendarOf, type AppContext } from '../../../src/app/context';
import { dateInWeek } from '../../../src/domain/iso-week';
import { deadlineOf } from '../../../src/domain/calendar';
import { rowKey, type RowKey } from '../../../src/domain/model';
import type { WorkbookModel } from '../../../src/domain/workbook/sheet-model';
import type { Values } from '../../../src/domain/values';
import { appContext, seededStore, weeklyAnswers, type FixedClock } from '../project';

export const SEASON_NOW = '2022-07-01T10:00:00+02:00';
export const SEASON_WEEKS = ['2022-W20', '2022-W21', '2022-W22', '2022-W23', '2022-W24', '2022-W25'];

/** Texts that a spreadsheet would read as formulas if they were written carelessly. */
export const FORMULA_LIKE = {
  actions: '=HYPERLINK("http://exemple.invalid";"clic")',
  remarks: '+33 1 23 45 67 89 à rappeler',
  feedback: '@équipe : relancer le DPI\n- point 1\n- point 2',
};

function must<T extends { status: string }>(outcome: T, expected: string): T {
  if (outcome.status !== expected)
    throw new Error(`season step ${expected} failed: ${JSON.stringify(outcome)}`);
  return outcome;
}

/** Runs the season and returns the context, its clock at SEASON_NOW. */
export function pilotSeason(): AppContext & { clock: FixedClock } {
  const ctx = appContext(SEASON_NOW, seededStore(new MemoryStore()));
  const cal = calendarOf(ctx);
  const rows = ctx.store.listEstablishments().flatMap((e) => e.useCases.map((u) => ({ e: e.id, u: u.id })));
  rows.forEach((row, r) => {
    SEASON_WEEKS.forEach((week, w) => {
      // Every fifth row skips a week; every seventh is late; row 2 resubmits one week.
      if ((r + w) % 5 === 4) return;
      const deadline = deadlineOf(cal, week);
      const late = (r + w) % 7 === 3;
      const at = new Date(deadline.getTime() + (late ? 3 : -30) * 3_600_000);
      ctx.clock.instant = at;
      const base = (r + 1) * 10 * (w + 1);
      const extra: Record<string, string> = {
        report_date: dateInWeek(week, 4),
        messaging_feedback:
          r === 0 && w === 5 ? FORMULA_LIKE.feedback : `Semaine ${week} : envois réguliers.`,
        vigilance_points: r % 3 === 0 ? 'Identito-vigilance : INS non qualifiée pour certains patients.' : '',
      };
      must(
        ingestWeeklyReport(ctx, {
          submissionId: `season-${row.e}-${row.u}-${week}`,
          source: 'form',
          author: `referent@${row.e}.fr`,
          submission: {
            establishmentId: row.e,
            useCaseId: row.u,
            week,
            values: weeklyAnswers(
              {
                messages_sent: base,
                messages_received: Math.floor(base / 4),
                dmp_fed: Math.floor(base / 2),
                dmp_consulted: Math.floor(base / 5),
                patients_included: base,
                visits: base + r,
              },
              extra,
            ),
          },
        }),
        'accepted',
      );
      if (r === 2 && w === 3) {
        ctx.clock.instant = new Date(at.getTime() + 3_600_000);
        must(
          ingestWeeklyReport(ctx, {
            submissionId: `season-${row.e}-${row.u}-${week}-bis`,
            source: 'form',
            author: `referent@${row.e}.fr`,
            submission: {
              establishmentId: row.e,
              useCaseId: row.u,
              week,
              values: weeklyAnswers(
                {
                  messages_sent: base + 1,
                  messages_received: Math.floor(base / 4),
                  dmp_fed: Math.floor(base / 2),
                  dmp_consulted: Math.floor(base / 5),
                  patients_included: base,
                  visits: base + r,
                },
                extra,
              ),
            },
          }),
          'accepted',
        );
      }
    });
  });

  ctx.clock.set('2022-06-20T09:00:00+02:00');
  must(
    updateProfile(ctx, {
      establishmentId: 'gh-cochin',
      author: 'referent@gh-cochin.fr',
      profile: {
        values: {
          care_type: ['MCO', 'HDJ'],
          bed_count: '1450',
          es_contact: [
            {
              last_name: 'Martin',
              first_name: 'Claire',
              email: 'claire.martin@aphp.fr',
              role: 'Cheffe de projet',
              phone: '01 58 41 41 41',
            },
          ],
          software: [{ gam: 'Orbis', dpi: 'Orbis 08.04', mss: 'MiPih', dmp: '' }],
          ins_status: 'INSi en production (identités récupérées)',
          dmp_status: 'Alimentation DMP active',
        },
        useCases: { uc1: { pathway: 'Confirmation de rendez-vous', use_case: 'Maternité' } },
      },
    }),
    'saved',
  );

  ctx.clock.set('2022-06-27T14:00:00+02:00');
  const edit = (key: RowKey, columnId: string, raw: string | Values[string], role: 'ars' | 'ans') =>
    must(
      editCell(ctx, {
        rowKey: key,
        columnId,
        raw: raw as string,
        role,
        author: role === 'ars' ? 'binome@ars.sante.fr' : 'ans-monespacesante@esante.gouv.fr',
        source: 'grid',
      }),
      'saved',
    );
  edit(rowKey('gh-cochin', 'uc1'), 'actions', 'Point d’étape le 30/06 avec la DSI.', 'ars');
  edit(rowKey('gh-bichat', 'uc1'), 'actions', FORMULA_LIKE.actions, 'ars');
  edit(rowKey('clinique-du-parc', 'uc1'), 'remarks', FORMULA_LIKE.remarks, 'ans');
  must(
    editCell(ctx, {
      rowKey: rowKey('gh-cochin', 'uc1'),
      columnId: 'ars_contact',
      raw: [
        {
          last_name: 'Durand',
          first_name: 'Paul',
          email: 'paul.durand@ars.sante.fr',
          role: 'Chargé de mission',
          phone: '01 44 02 00 00',
        },
      ],
      role: 'ars',
      author: 'binome@ars.sante.fr',
      source: 'grid',
    }),
    'saved',
  );

  ctx.clock.set('2022-06-28T11:00:00+02:00');
  const last = SEASON_WEEKS[SEASON_WEEKS.length - 1] as string;
  must(
    correctReport(ctx, {
      establishmentId: 'gh-avicenne',
      useCaseId: 'uc1',
      role: 'ars',
      author: 'binome@ars.sante.fr',
      correction: { week: last, values: { dmp_consulted: '3' }, reason: 'Double comptage signalé' },
      submissionId: 'season-correction-1',
    }),
    'corrected',
  );
  ctx.clock.set(SEASON_NOW);
  return ctx;
}

/** The workbook model of whatever the store holds now, as a runtime builds it before rendering. */
export function workbookOf(ctx: AppContext): WorkbookModel {
  return exportWorkbook(
    ctx,
    new Map([
      [
        'gh-cochin',
        {
          weekly: 'http://localhost:8080/es/jeton-exemple',
          initialisation: 'http://localhost:8080/es/jeton-exemple/profil',
        },
      ],
    ]),
  );
}
