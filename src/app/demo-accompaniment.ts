// The accompaniment of the demo season: every establishment followed by a binôme (four binômes when the data file
// names none), a follow-up point every two weeks with one or two actions, most actions closed by their owner in
// time and some left open past their due date, the June committee's « décisions à prendre » and its issued pack.
// Run through the real use cases, at plausible times, against any stores. Deterministic. Pure and synchronous.
import { addDays } from '../domain/accompaniment';
import { pilotCalendar } from '../domain/calendar';
import { fromParis, parisDateString } from '../domain/paris-time';
import type { Clock } from '../ports';
import type { BinomesFile } from '../schema/accompaniment';
import {
  assignBinome,
  changeActionStatus,
  recordPoint,
  saveBinome,
  seedBinomes,
  saveCommitteeText,
  type AccompanimentContext,
} from './accompaniment';
import { issueCommittee } from './committee';

const DEMO_BINOMES: BinomesFile['binomes'] = [
  ['Hélène Garnier', 'Antoine Perrin'],
  ['Marc Lefebvre', 'Camille Robin'],
  ['Aurélie Chevalier', 'Yacine Benali'],
  ['Pierre Morel', 'Léa Fontaine'],
].map(([ars, sesan], i) => ({
  id: `binome-${i + 1}`,
  ars: { name: ars ?? '', email: `${mail(ars ?? '')}@ars-idf.example.fr` },
  sesan: { name: sesan ?? '', email: `${mail(sesan ?? '')}@sesan.example.fr` },
}));

function mail(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\s+/g, '.');
}

const SUMMARIES = [
  'Revue des chiffres de la quinzaine et des retours des secrétariats sur l’envoi des messages.',
  'Point sur l’alimentation du DMP : quelques rejets liés aux identités non qualifiées.',
  'Échange sur la communication aux patients (affiches en salle d’attente, flyers à l’accueil).',
  'Retour de l’éditeur du DPI sur la mise à jour Ségur ; calendrier de déploiement précisé.',
  'Bilan des inclusions ; les équipes souhaitent étendre l’usage à un second service.',
];
const ACTIONS: Array<{ text: string; owner: 'es' | 'ars' | 'sesan' }> = [
  { text: 'Former les secrétaires du service à l’envoi de messages', owner: 'es' },
  { text: 'Relancer l’éditeur du DPI sur la mise à jour Ségur', owner: 'sesan' },
  { text: 'Partager les supports de communication patients', owner: 'ars' },
  { text: 'Vérifier la qualification INS à l’admission', owner: 'es' },
  { text: 'Organiser un échange avec un autre établissement pilote', owner: 'ars' },
  { text: 'Paramétrer le modèle de message de confirmation de rendez-vous', owner: 'es' },
];

export interface DemoAccompanimentSummary {
  points: number;
  actions: number;
  closed: number;
  committee: string | undefined;
}

/** Seeds the accompaniment up to `ctx.clock.now()`; `file` is the project's binômes file when it has one. */
export function seedDemoAccompaniment(
  ctx: AccompanimentContext,
  file: BinomesFile | undefined,
): DemoAccompanimentSummary {
  const end = ctx.clock.now();
  const today = parisDateString(end);
  const calendar = pilotCalendar(ctx.project.config);
  const clock: Clock & { at: Date } = { at: end, now: () => new Date(clock.at.getTime()) };
  const at = { ...ctx, clock };
  const atDay = (date: string, hour: number) => {
    const [y, m, d] = date.split('-').map(Number) as [number, number, number];
    clock.at = fromParis(y, m, d, hour, 0);
  };
  const establishments = ctx.store.listEstablishments();
  atDay(calendar.start, 9);
  if (file) seedBinomes(at, file, 'demo:ars');
  else {
    for (const b of DEMO_BINOMES)
      saveBinome(at, {
        form: {
          id: b.id,
          arsName: b.ars.name,
          arsEmail: b.ars.email,
          sesanName: b.sesan.name,
          sesanEmail: b.sesan.email,
        },
        author: 'demo:ars',
      });
    establishments.forEach((e, i) =>
      assignBinome(at, {
        establishmentId: e.id,
        binomeId: DEMO_BINOMES[i % DEMO_BINOMES.length]?.id ?? null,
        author: 'demo:ars',
      }),
    );
  }

  const summary: DemoAccompanimentSummary = { points: 0, actions: 0, closed: 0, committee: undefined };
  const closings: Array<{ date: string; id: string; owner: string; establishmentId: string }> = [];
  establishments.forEach((e, i) => {
    let date = addDays(calendar.start, 5 + (i % 7));
    let n = 0;
    while (date < today) {
      const next = addDays(date, 14);
      atDay(date, 17);
      const actions = [
        ACTIONS[(i + n) % ACTIONS.length],
        ...(n % 2 === 0 ? [ACTIONS[(i + n + 3) % ACTIONS.length]] : []),
      ];
      const outcome = recordPoint(at, {
        establishmentId: e.id,
        author: 'demo:ars',
        raw: {
          date,
          participants: 'ARS, SESAN, chef de projet de l’établissement',
          summary: SUMMARIES[(i + n) % SUMMARIES.length],
          decisions:
            n % 3 === 0 ? 'Poursuivre au même rythme ; point sur les chiffres au prochain comité.' : '',
          nextDate: next,
          actions: actions.map((a, k) => ({
            text: a?.text ?? '',
            owner: a?.owner ?? 'es',
            dueDate: addDays(date, 7 + 3 * k),
          })),
        },
      });
      if (outcome.status === 'saved') {
        summary.points += 1;
        summary.actions += outcome.actions.length;
        // Most actions are closed a little before their due date; one in four of some establishments is not.
        outcome.actions.forEach((a, k) => {
          if ((i + n + k) % 4 === 3) return;
          closings.push({ date: addDays(a.dueDate, -1), id: a.id, owner: a.owner, establishmentId: e.id });
        });
      }
      date = next;
      n += 1;
    }
  });
  for (const c of closings.sort((a, b) => a.date.localeCompare(b.date))) {
    if (c.date >= today) continue;
    atDay(c.date, 16);
    const outcome = changeActionStatus(at, {
      actionId: c.id,
      status: 'done',
      comment: 'Fait.',
      role: c.owner === 'es' ? 'es' : 'ars',
      author: c.owner === 'es' ? `demo:${c.establishmentId}` : 'demo:ars',
      establishmentId: c.establishmentId,
    });
    if (outcome.status === 'saved') summary.closed += 1;
  }

  // The June committee: its « décisions à prendre », then the pack issued on the morning after the month.
  const june = `${calendar.start.slice(0, 4)}-06`;
  if (today > `${june}-30`) {
    atDay(`${june}-20`, 10);
    saveCommitteeText(at, {
      month: june,
      text: 'Valider le calendrier de la plénière de restitution du bilan V1.\nArbitrer l’extension du pilote à un second service pour les établissements qui le demandent.',
      author: 'demo:ars',
    });
    atDay(`${calendar.start.slice(0, 4)}-07-01`, 9);
    summary.committee = issueCommittee(at, { month: june, author: 'demo:ars' }).issue.label;
  }
  return summary;
}
