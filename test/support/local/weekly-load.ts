// Valid weekly submissions sent over real HTTP to a running server, as many ES at once: each ES's session (its
// link, CSRF token and cookie, read from its form page once) and the body of a submission for a given week and
// counter value. Used by the load bench and the fault tests; the server's clock is the real one, so every week of
// the 2022 pilot is in the past and may be declared.
import { pilotCalendar, pilotWeeks } from '../../../src/domain/calendar';
import { dateInWeek, type IsoWeek } from '../../../src/domain/iso-week';
import { counterColumns } from '../../../src/domain/columns';
import type { Project } from '../../../src/schema/project';
import type { LinkJson } from './serve-process';
import { weeklyAnswers } from '../project';
import { CSRF_FIELD } from './server';

export interface EsSession {
  establishmentId: string;
  /** The use case every submission of this session declares (the first of the establishment). */
  useCaseId: string;
  /** Full address of the ES link (the form is posted there). */
  url: string;
  path: string;
  csrf: string;
  cookie: string;
}

/** Reads the ES's form page once: the CSRF token and cookie stay valid for every later submission of this link. */
export async function openSession(project: Project, link: LinkJson): Promise<EsSession> {
  const seed = project.establishments.find((e) => e.id === link.establishmentId);
  const useCaseId = seed?.useCases[0]?.useCaseId;
  if (!seed || !useCaseId) throw new Error(`no establishment for link ${link.holder}`);
  const res = await fetch(link.url);
  const html = await res.text();
  const csrf = CSRF_FIELD.exec(html)?.[1];
  if (res.status !== 200 || !csrf) throw new Error(`form of ${seed.id}: HTTP ${res.status}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  return {
    establishmentId: seed.id,
    useCaseId,
    url: link.url,
    path: new URL(link.url).pathname,
    csrf,
    cookie,
  };
}

export async function openSessions(project: Project, links: readonly LinkJson[]): Promise<EsSession[]> {
  return Promise.all(links.filter((l) => l.role === 'es').map((l) => openSession(project, l)));
}

/** The weeks of the pilot, in order. */
export function loadWeeks(project: Project): IsoWeek[] {
  return pilotWeeks(pilotCalendar(project.config));
}

/** A report date inside the week and inside the pilot (its first and last weeks are partial). */
function reportDate(project: Project, week: IsoWeek): string {
  const { start, end } = project.config.calendar;
  const friday = dateInWeek(week, 5);
  return friday < start ? start : friday > end ? end : friday;
}

/**
 * The urlencoded body of a valid submission: every counter at `counter` (so a later week or a resubmission with a
 * higher value is valid too), the session's use case, a fresh `submissionId` unless one is given, `answers`
 * replacing some of the default ones.
 */
export function weeklyBody(
  project: Project,
  session: EsSession,
  week: IsoWeek,
  counter: number,
  submissionId: string = crypto.randomUUID(),
  answers: Record<string, string> = {},
): string {
  const fields: Array<[string, string]> = [
    ['_csrf', session.csrf],
    ['submission_id', submissionId],
    ['week', week],
    ['use_case_id', session.useCaseId],
    ...Object.entries(
      weeklyAnswers(Object.fromEntries(counterColumns(project.tracking).map((c) => [c.id, counter])), {
        report_date: reportDate(project, week),
        ...answers,
      }),
    ),
  ];
  return new URLSearchParams(fields).toString();
}

/**
 * The k-th submission (from 0) of one ES in a run where each ES sends its own one after another: the pilot's weeks
 * in order, then resubmissions of the last week, counters rising by one each time — every one of them valid.
 */
export function sequentialSubmission(
  weeks: readonly IsoWeek[],
  k: number,
): { week: IsoWeek; counter: number } {
  const week = weeks[Math.min(k, weeks.length - 1)];
  if (!week) throw new Error('no pilot week');
  return { week, counter: k + 1 };
}

export function postHeaders(session: EsSession): Record<string, string> {
  return { 'content-type': 'application/x-www-form-urlencoded', cookie: session.cookie };
}
