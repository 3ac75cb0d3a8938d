// What the ARS / SESAN sees of the accompaniment: one line per establishment (its binôme, whether its weekly report
// is late, its latest counters and their trend, its vigilance points, open and late actions, last and next point),
// filtered by binôme for « Mes établissements », and the agenda of the week (points due, late actions, the next
// committee, plenary and RETEX milestone). Also what an ES sees: its open actions and next point. Pure, so every
// runtime draws the same views.
import type { AccompanimentSettings } from '../schema/accompaniment';
import type { TrackingFile } from '../schema/tracking-file';
import {
  addDays,
  binomeLabel,
  currentAssignments,
  currentBinomes,
  isLate,
  isOpen,
  lastPoint,
  nextPointDue,
  type Binome,
  type BinomeAssignment,
  type FollowUpAction,
  type FollowUpPoint,
} from './accompaniment';
import { lastDueWeek, type PilotCalendar } from './calendar';
import { counterColumns } from './columns';
import { compareWeeks, type IsoWeek } from './iso-week';
import type { RowLedger } from './ledger';
import {
  establishmentName,
  rowKey,
  type EstablishmentRecord,
  type ReportVersion,
  type RowKey,
} from './model';
import { parisDateString } from './paris-time';
import type { CalendarEvent } from './ics';

export interface AccompanimentData {
  binomes: readonly Binome[];
  assignments: readonly BinomeAssignment[];
  points: readonly FollowUpPoint[];
  actions: readonly FollowUpAction[];
}

export interface EstablishmentFollowUp {
  establishmentId: string;
  name: string;
  binome: Binome | undefined;
  /** No report for the last week whose deadline has passed (on any of its rows). */
  lateReport: boolean;
  lastReportWeek: IsoWeek | undefined;
  /** Latest cumulative values summed over the establishment's rows, with the increase since the week before. */
  counters: Array<{ id: string; label: string; value: number; delta: number }>;
  vigilance: string | undefined;
  openActions: FollowUpAction[];
  lateActions: FollowUpAction[];
  lastPoint: FollowUpPoint | undefined;
  nextPoint: string;
  pointOverdue: boolean;
}

export interface FollowUpInput {
  tracking: TrackingFile;
  calendar: PilotCalendar;
  settings: AccompanimentSettings;
  establishments: readonly EstablishmentRecord[];
  ledgers: ReadonlyMap<RowKey, RowLedger>;
  /** Each row's current state (the latest week's current version), for the vigilance points. */
  current: ReadonlyMap<RowKey, ReportVersion>;
  data: AccompanimentData;
  now: Date;
}

export function establishmentFollowUps(input: FollowUpInput, binomeId?: string): EstablishmentFollowUp[] {
  const today = parisDateString(input.now);
  const due = lastDueWeek(input.calendar, input.now);
  const binomes = new Map(currentBinomes(input.data.binomes).map((b) => [b.id, b]));
  const assigned = currentAssignments(input.data.assignments);
  const counters = counterColumns(input.tracking);
  return input.establishments
    .filter((e) => binomeId === undefined || assigned.get(e.id) === binomeId)
    .map((e) => {
      const keys = e.useCases.map((u) => rowKey(e.id, u.id));
      const ledgers = keys.map((k) => input.ledgers.get(k) ?? []);
      const lastReportWeek = ledgers
        .map((l) => l.at(-1)?.week)
        .filter((w): w is IsoWeek => w !== undefined)
        .sort(compareWeeks)
        .at(-1);
      const lateReport = due !== undefined && ledgers.some((l) => !l.some((x) => x.week === due));
      const values = counters.map((c) => {
        let value = 0;
        let before = 0;
        for (const l of ledgers) {
          value += l.at(-1)?.counters[c.id] ?? 0;
          before += l.at(-2)?.counters[c.id] ?? 0;
        }
        return { id: c.id, label: c.label, value, delta: value - before };
      });
      const vigilance = keys
        .map((k) => input.current.get(k)?.values.vigilance_points)
        .filter((v): v is string => typeof v === 'string' && v.trim() !== '')
        .join('\n');
      const actions = input.data.actions.filter((a) => a.establishmentId === e.id);
      const last = lastPoint(input.data.points, e.id);
      const nextPoint = nextPointDue(last, input.settings, input.calendar.start);
      const binome = binomes.get(assigned.get(e.id) ?? '');
      return {
        establishmentId: e.id,
        name: establishmentName(e),
        binome,
        lateReport,
        lastReportWeek,
        counters: values,
        vigilance: vigilance || undefined,
        openActions: actions.filter(isOpen).sort((a, b) => a.dueDate.localeCompare(b.dueDate)),
        lateActions: actions.filter((a) => isLate(a, today)),
        lastPoint: last,
        nextPoint,
        pointOverdue: nextPoint < today,
      };
    });
}

export interface WeekAgenda {
  /** Monday to Sunday of the current week. */
  from: string;
  to: string;
  pointsDue: EstablishmentFollowUp[];
  pointsOverdue: EstablishmentFollowUp[];
  lateActions: Array<{ action: FollowUpAction; establishment: string }>;
  nextCommittee: string | undefined;
  nextPlenary: { date: string; label: string } | undefined;
  nextMilestone: { milestone: string; date: string } | undefined;
}

export function weekAgenda(
  lines: readonly EstablishmentFollowUp[],
  settings: AccompanimentSettings,
  calendar: PilotCalendar,
  now: Date,
): WeekAgenda {
  const today = parisDateString(now);
  const weekday = (new Date(`${today}T12:00:00Z`).getUTCDay() + 6) % 7;
  const from = addDays(today, -weekday);
  const to = addDays(from, 6);
  const milestone = Object.entries(calendar.milestones)
    .filter(([, date]) => date >= today)
    .sort((a, b) => a[1].localeCompare(b[1]))[0];
  return {
    from,
    to,
    pointsDue: lines.filter((l) => l.nextPoint >= today && l.nextPoint <= to),
    pointsOverdue: lines.filter((l) => l.pointOverdue),
    lateActions: lines.flatMap((l) => l.lateActions.map((action) => ({ action, establishment: l.name }))),
    nextCommittee: settings.committees.find((d) => d >= today),
    nextPlenary: settings.plenaries.find((p) => p.date >= today),
    nextMilestone: milestone ? { milestone: milestone[0], date: milestone[1] } : undefined,
  };
}

/** What an establishment sees of its accompaniment (read-only, but for closing its own actions). */
export interface EstablishmentAccompaniment {
  binome: string | undefined;
  openActions: FollowUpAction[];
  nextPoint: string;
}

export function establishmentAccompaniment(
  establishmentId: string,
  data: AccompanimentData,
  settings: AccompanimentSettings,
  calendar: PilotCalendar,
): EstablishmentAccompaniment {
  const binome = currentBinomes(data.binomes).find(
    (b) => b.id === currentAssignments(data.assignments).get(establishmentId),
  );
  return {
    binome: binome ? binomeLabel(binome) : undefined,
    openActions: data.actions
      .filter((a) => a.establishmentId === establishmentId && isOpen(a))
      .sort((a, b) => a.dueDate.localeCompare(b.dueDate)),
    nextPoint: nextPointDue(lastPoint(data.points, establishmentId), settings, calendar.start),
  };
}

/** The meetings of a binôme (or of everyone): its establishments' points held and next, committees, plenaries. */
export function binomeEvents(
  lines: readonly EstablishmentFollowUp[],
  points: readonly FollowUpPoint[],
  settings: AccompanimentSettings,
): CalendarEvent[] {
  const ids = new Set(lines.map((l) => l.establishmentId));
  const names = new Map(lines.map((l) => [l.establishmentId, l.name]));
  const events: CalendarEvent[] = points
    .filter((p) => ids.has(p.establishmentId))
    .map((p) => ({
      uid: `point-${p.id}@suivi-mes`,
      date: p.date,
      summary: `Point de suivi — ${names.get(p.establishmentId) ?? p.establishmentId}`,
      description: [p.participants && `Participants : ${p.participants}`, p.summary]
        .filter(Boolean)
        .join('\n'),
    }));
  for (const l of lines)
    if (!l.lastPoint || l.nextPoint > l.lastPoint.date)
      events.push({
        uid: `prochain-point-${l.establishmentId}-${l.nextPoint}@suivi-mes`,
        date: l.nextPoint,
        summary: `Prochain point de suivi — ${l.name}`,
        description:
          l.openActions.length > 0
            ? `Actions en cours :\n${l.openActions.map((a) => `• ${a.text}`).join('\n')}`
            : undefined,
      });
  for (const date of settings.committees)
    events.push({
      uid: `comite-${date}@suivi-mes`,
      date,
      summary: 'Comité de suivi des pilotes Mon espace santé',
    });
  for (const p of settings.plenaries)
    events.push({ uid: `pleniere-${p.date}@suivi-mes`, date: p.date, summary: `Plénière — ${p.label}` });
  return events.sort((a, b) => a.date.localeCompare(b.date) || a.uid.localeCompare(b.uid));
}
