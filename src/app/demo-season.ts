// A plausible pilot season, generated deterministically and run through the real use cases against any Store:
// ES profiles, weekly reports (on time, late, missing, resubmitted, refused then corrected), ARS corrections,
// ARS actions and ANS remarks. Used by `npm start -- --demo`, tests and benchmarks. Pure and synchronous.
import { deadlineOf, pilotWeeks, type PilotCalendar } from '../domain/calendar';
import { counterColumns } from '../domain/columns';
import { compareWeeks, type IsoWeek } from '../domain/iso-week';
import { rowKey, type EstablishmentRecord } from '../domain/model';
import { parisDateString } from '../domain/paris-time';
import type { Clock } from '../ports';
import { calendarOf, type AppContext } from './context';
import { correctReport } from './correct-report';
import { editCell } from './edit-cell';
import { ingestWeeklyReport } from './ingest-weekly-report';
import { updateProfile } from './update-profile';

export interface DemoOptions {
  /** Last week to generate (default: the pilot's last week). */
  untilWeek?: IsoWeek;
  /** Seed of the pseudo-random generator: the same seed gives the same season. */
  seed?: number;
  /** Only these establishments (default: all in the store). */
  establishmentIds?: readonly string[];
}

export interface DemoSummary {
  weeks: IsoWeek[];
  accepted: number;
  refused: number;
  duplicates: number;
  corrections: number;
  cellEdits: number;
  profiles: number;
}

/** mulberry32: a small, well-known seeded generator (deterministic across runtimes). */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const MESSAGING = [
  'Envoi des convocations par la messagerie citoyenne depuis le DPI.',
  'Les secrétariats maîtrisent l’envoi ; quelques patients ne trouvent pas le message dans Mon espace santé.',
  'Premiers messages envoyés aux patients inclus ; peu de réponses pour l’instant.',
  'Ajout d’un modèle de message pour la confirmation de rendez-vous.',
  'Formation de deux nouvelles secrétaires à l’envoi de messages.',
];
const DMP = [
  'Alimentation du DMP avec la lettre de liaison à la sortie.',
  'Les comptes rendus sont envoyés au DMP via la plateforme d’intermédiation.',
  'Quelques rejets d’alimentation liés à des identités non qualifiées.',
  'Consultation du DMP par les médecins encore rare.',
  'Mise à jour Ségur installée, alimentation en test sur un service.',
];
const VIGILANCE = [
  'Qualification de l’INS insuffisante à l’admission : à renforcer.',
  'Charge de travail des secrétariats pendant les congés d’été.',
  'Le patient ne peut pas initier la conversation : frein remonté par les équipes.',
  'Dépendance à la prochaine version de l’éditeur du DPI.',
  '',
  '',
];
const ACTIONS = [
  'Point avec le DSI sur la qualification INS.',
  'Relance de l’éditeur pour la mise à jour Ségur.',
  'Partage des supports de communication (affiches, flyers).',
  'Point de suivi prévu dans 15 jours.',
  'Mise en relation avec un autre établissement pilote.',
];
const REMARKS = [
  'Retour intéressant pour le comité national.',
  'Évolution produit à instruire avec la CNAM.',
  'Vu en comité de suivi.',
];
const CARE_TYPES = ['MCO', 'Médecine', 'Chirurgie', 'Obstétrique', 'SMR (SSR)', 'HDJ', 'Urgences'];
const INS = [
  'En cours de déploiement',
  'INSi en production (identités récupérées)',
  'Qualification INS en routine (identités qualifiées)',
];
const DMP_STATUS = [
  'DPI compatible DMP',
  'MAJ Ségur installée – alimentation en test',
  'Alimentation DMP active',
];
const FIRST_NAMES = ['Claire', 'Karim', 'Sophie', 'Julien', 'Nadia', 'Thomas', 'Isabelle', 'Mehdi'];
const LAST_NAMES = ['Martin', 'Bernard', 'Moreau', 'Laurent', 'Girard', 'Roux', 'Fournier', 'Lambert'];

function settable(instant: Date): Clock & { at: Date } {
  const clock = { at: instant, now: () => new Date(clock.at.getTime()) };
  return clock;
}

function pick<T>(rnd: () => number, items: readonly T[]): T {
  return items[Math.floor(rnd() * items.length)] as T;
}

function profileFor(rnd: () => number, e: EstablishmentRecord, index: number) {
  const first = FIRST_NAMES[index % FIRST_NAMES.length] ?? 'Claire';
  const last = LAST_NAMES[(index * 3) % LAST_NAMES.length] ?? 'Martin';
  return {
    values: {
      care_type: CARE_TYPES.filter(() => rnd() < 0.35)
        .slice(0, 3)
        .concat(['MCO']),
      bed_count: String(50 + Math.floor(rnd() * 900)),
      es_contact: [
        {
          last_name: last,
          first_name: first,
          email: `${first.toLowerCase()}.${last.toLowerCase()}@${e.id}.example.fr`,
          role: 'Chef de projet Mon espace santé',
          phone: `01 ${String(40 + index).padStart(2, '0')} 12 34 56`,
        },
      ],
      software: [
        {
          gam: 'Éditeur GAM, version 2022',
          dpi: 'Éditeur DPI, version Ségur',
          mss: 'Opérateur MSSanté régional',
          dmp: 'DMP-compatible',
        },
      ],
      ins_status: pick(rnd, INS),
      dmp_status: pick(rnd, DMP_STATUS),
    },
    useCases: {},
  };
}

/** Generates the season week by week, each action at its own plausible time, through the use cases. */
export function seedDemoSeason(ctx: AppContext, options: DemoOptions = {}): DemoSummary {
  const rnd = random(options.seed ?? 2022);
  const calendar: PilotCalendar = calendarOf(ctx);
  const weeks = pilotWeeks(calendar).filter(
    (w) => !options.untilWeek || compareWeeks(w, options.untilWeek) <= 0,
  );
  const clock = settable(new Date(deadlineOf(calendar, calendar.firstWeek).getTime() - 3 * 24 * 3_600_000));
  const at = { ...ctx, clock };
  const summary: DemoSummary = {
    weeks,
    accepted: 0,
    refused: 0,
    duplicates: 0,
    corrections: 0,
    cellEdits: 0,
    profiles: 0,
  };
  const establishments = ctx.store
    .listEstablishments()
    .filter((e) => !options.establishmentIds || options.establishmentIds.includes(e.id));
  const counters = counterColumns(ctx.project.tracking).map((c) => c.id);

  establishments.forEach((e, i) => {
    if (
      updateProfile(at, { establishmentId: e.id, author: `demo:${e.id}`, profile: profileFor(rnd, e, i) })
        .status === 'saved'
    )
      summary.profiles += 1;
  });

  const rows = establishments.flatMap((e) =>
    e.useCases.map((u) => ({
      establishment: e,
      useCaseId: u.id,
      key: rowKey(e.id, u.id),
      startsAt: Math.floor(rnd() * 4),
      pace: 2 + Math.floor(rnd() * 14),
      reliability: 0.75 + rnd() * 0.25,
      totals: Object.fromEntries(counters.map((c) => [c, 0])) as Record<string, number>,
    })),
  );

  weeks.forEach((week, w) => {
    const deadline = deadlineOf(calendar, week);
    for (const row of rows) {
      if (w < row.startsAt || rnd() > row.reliability) continue; // not started yet, or missing this week
      const late = rnd() < 0.15;
      const when = new Date(deadline.getTime() + (late ? 2 + rnd() * 70 : -(1 + rnd() * 30)) * 3_600_000);
      const included = Math.floor(row.pace * (0.5 + rnd()));
      const t = row.totals;
      t.patients_included = (t.patients_included ?? 0) + included;
      t.visits = (t.visits ?? 0) + included + Math.floor(included * rnd() * 0.8);
      t.messages_sent = (t.messages_sent ?? 0) + Math.floor(included * (0.6 + rnd() * 0.6));
      t.messages_received = (t.messages_received ?? 0) + Math.floor(included * rnd() * 0.3);
      t.dmp_fed = Math.min(
        (t.dmp_fed ?? 0) + Math.floor(included * (0.5 + rnd() * 0.4)),
        t.patients_included ?? 0,
      );
      t.dmp_consulted = (t.dmp_consulted ?? 0) + Math.floor(included * rnd() * 0.2);
      const values = (totals: Record<string, number>) => ({
        report_date: parisDateString(when),
        ...Object.fromEntries(counters.map((c) => [c, String(totals[c] ?? 0)])),
        messaging_feedback: pick(rnd, MESSAGING),
        dmp_feedback: pick(rnd, DMP),
        vigilance_points: pick(rnd, VIGILANCE),
      });
      const submit = (id: string, totals: Record<string, number>, minutesLater = 0) => {
        clock.at = new Date(when.getTime() + minutesLater * 60_000);
        return ingestWeeklyReport(at, {
          submissionId: id,
          source: 'form',
          author: `demo:${row.establishment.id}`,
          submission: {
            establishmentId: row.establishment.id,
            useCaseId: row.useCaseId,
            week,
            values: values(totals),
          },
        });
      };
      const id = `demo-${row.key}-${week}`;
      // Now and then a referent types a smaller cumulative first: refused, then sent again correctly.
      if (w > row.startsAt + 1 && rnd() < 0.04) {
        const wrong = { ...t, visits: Math.max(0, (t.visits ?? 0) - included * 3 - 5) };
        if (submit(`${id}-typo`, wrong).status === 'refused') summary.refused += 1;
      }
      const outcome = submit(id, t, 5);
      if (outcome.status === 'accepted') summary.accepted += 1;
      else if (outcome.status === 'refused') summary.refused += 1;
      // A duplicate delivery, and sometimes a resubmission with updated figures.
      if (rnd() < 0.03 && submit(id, t, 6).status === 'duplicate') summary.duplicates += 1;
      if (rnd() < 0.05) {
        t.visits = (t.visits ?? 0) + 1 + Math.floor(rnd() * 5);
        if (submit(`${id}-bis`, t, 90).status === 'accepted') summary.accepted += 1;
      }
      // The ARS follows every ~15 days; the ANS remarks now and then.
      if ((w + row.startsAt) % 2 === 0 && rnd() < 0.5) {
        clock.at = new Date(deadline.getTime() + 72 * 3_600_000);
        const edit = editCell(at, {
          rowKey: row.key,
          columnId: 'actions',
          raw: pick(rnd, ACTIONS),
          role: 'ars',
          author: 'demo:ars',
          source: 'grid',
        });
        if (edit.status === 'saved' && edit.change) summary.cellEdits += 1;
      }
      if (rnd() < 0.04) {
        clock.at = new Date(deadline.getTime() + 96 * 3_600_000);
        const edit = editCell(at, {
          rowKey: row.key,
          columnId: 'remarks',
          raw: pick(rnd, REMARKS),
          role: 'ans',
          author: 'demo:ans',
          source: 'grid',
        });
        if (edit.status === 'saved' && edit.change) summary.cellEdits += 1;
      }
    }
  });

  // Two ARS corrections with a reason, on the first rows that reported the second week.
  for (const row of rows.slice(0, 2)) {
    const week = weeks[row.startsAt + 1];
    if (!week) continue;
    const current = ctx.store.reportVersion(row.key, week);
    if (!current) continue;
    clock.at = new Date(deadlineOf(calendar, week).getTime() + 100 * 3_600_000);
    const outcome = correctReport(at, {
      establishmentId: row.establishment.id,
      useCaseId: row.useCaseId,
      role: 'ars',
      author: 'demo:ars',
      submissionId: `demo-correction-${row.key}-${week}`,
      correction: {
        week,
        values: { messages_received: String(Math.max(0, Number(current.values.messages_received ?? 0) - 1)) },
        reason: 'Recomptage avec le référent : un message reçu compté deux fois.',
      },
    });
    if (outcome.status === 'corrected') summary.corrections += 1;
  }
  return summary;
}
