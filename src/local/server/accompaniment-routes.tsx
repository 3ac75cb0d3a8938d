// The accompaniment pages: under /ars/<token>/accompagnement the week's agenda, « Mes établissements » per binôme,
// the binômes, one establishment's points and actions, the monthly committee pack and the .ics calendars; under
// /es/<token>/accompagnement what an establishment sees (its open actions, its next point) and closing an action
// it carries. Registered by the ARS and ES plugins inside their encapsulated contexts, so only their links reach
// these routes; every write goes through a use case of src/app/accompaniment.ts, every form carries CSRF.
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import * as z from 'zod';
import {
  assignBinome,
  changeActionStatus,
  COMMITTEE_TEXT_SAVED,
  recordPoint,
  saveBinome,
  saveCommitteeText,
  type AccompanimentContext,
  type Refused,
} from '../../app/accompaniment';
import {
  ACTION_STATUSES,
  currentBinomes,
  frenchDay,
  type AccompanimentError,
  type RawAction,
  type RawPoint,
} from '../../domain/accompaniment';
import {
  binomeEvents,
  establishmentAccompaniment,
  establishmentFollowUps,
  weekAgenda,
  type AccompanimentData,
  type FollowUpInput,
} from '../../domain/accompaniment-view';
import type { EstablishmentRecord } from '../../domain/model';
import { instanceRegions, regionIdOfEstablishment } from '../../domain/region-scope';
import { pilotCalendar } from '../../domain/calendar';
import { columnById, counterColumns } from '../../domain/columns';
import { CommitteeMonth, type CommitteeIssue } from '../../domain/committee';
import { DataFileError } from '../../schema/zod-issues';
import { RetexTemplateError } from '../../domain/retex/fill';
import { buildIcs } from '../../domain/ics';
import { parisDateString } from '../../domain/paris-time';
import { DEFAULT_CONFIG, readDataFile } from '../../node/project-files';
import { accompanimentSettings } from '../../schema/accompaniment';
import { openAccompaniment, regionAccompaniment } from '../accompaniment-data';
import {
  COMMITTEE_ARCHIVE_DIR,
  committeeTemplatesDir,
  issueCommitteePack,
  readCommitteeDescription,
  writeCommitteeFiles,
} from '../committee-archive';
import { AccompanimentEstablishmentPage, AccompanimentOverviewPage } from '../pages/ars-accompaniment-page';
import { EsAccompanimentPage } from '../pages/es-accompaniment-page';
import { arsNav, esNav } from '../pages/navigation';
import { sendDownload } from './attachment';
import { chromeOf } from './chrome';
import { parseFormBody, single, type FormBody } from './form-body';
import { sendPage } from './render';
import { serialised } from './serialised';
import { sendRefusal } from './refusal-page';
import type { Access, ServerDeps } from './types';

const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const ICS_TYPE = 'text/calendar; charset=utf-8';
const NOTICES: Record<string, string> = {
  point: 'Point de suivi enregistré.',
  action: 'Action mise à jour.',
  binome: 'Binôme enregistré.',
  attribution: 'Binôme de l’établissement modifié.',
  texte: COMMITTEE_TEXT_SAVED,
  emis: 'Dossier du comité émis.',
  inchange: 'Rien n’a changé depuis la dernière version du dossier : elle reste en vigueur.',
};
const OverviewQuery = z.object({
  binome: z.string().max(40).optional(),
  mois: z
    .string()
    .regex(/^\d{4}-\d{2}$/)
    .optional(),
  ok: z.string().max(20).optional(),
});
const EsParams = z.object({ establishmentId: z.string().max(120) });
const ActionParams = z.object({ actionId: z.string().max(300) });
const IssueParams = z.object({ label: z.string().max(20), kind: z.enum(['docx', 'pdf']) });
const IcsParams = z.object({ file: z.string().max(60) });

const contexts = new WeakMap<ServerDeps, AccompanimentContext>();

/**
 * The accompaniment of the server's data folder, opened once. The binômes file is seeded by the command that
 * starts the server (`serve`), where a bad file is reported before anything listens.
 */
function accompanimentOf(deps: ServerDeps): AccompanimentContext {
  let ctx = contexts.get(deps);
  if (!ctx) {
    ctx =
      deps.accompanimentScope === undefined
        ? openAccompaniment(
            { db: deps.store.db, store: deps.store, clock: deps.clock },
            deps.project,
            undefined,
          )
        : {
            ...regionAccompaniment(
              { db: deps.store.db, clock: deps.clock },
              deps.project,
              deps.accompanimentScope,
            ),
            store: deps.store,
          };
    contexts.set(deps, ctx);
  }
  return ctx;
}

function dataOf(ctx: AccompanimentContext): AccompanimentData {
  return {
    binomes: ctx.accompaniment.listBinomes(),
    assignments: ctx.accompaniment.listAssignments(),
    points: ctx.accompaniment.listPoints(),
    actions: ctx.accompaniment.listActions(),
  };
}

function followUpInput(deps: ServerDeps, ctx: AccompanimentContext, now: Date): FollowUpInput {
  return {
    tracking: deps.project.tracking,
    calendar: pilotCalendar(deps.project.config),
    settings: accompanimentSettings(deps.project.config, deps.accompanimentScope),
    establishments: deps.store.listEstablishments(),
    // The rows' summaries the store keeps, not the whole history: a page stays cheap as the season grows.
    ledgers: deps.store.allLedgers(),
    current: deps.store.currentVersions(),
    data: dataOf(ctx),
    now,
  };
}

/** The ARS home's « Cette semaine »: counts of what the accompaniment has due, the next dates. */
export function weekLines(deps: ServerDeps, now: Date): string[] {
  const ctx = accompanimentOf(deps);
  const input = followUpInput(deps, ctx, now);
  const agenda = weekAgenda(establishmentFollowUps(input), input.settings, input.calendar, now);
  const names = (lines: Array<{ name: string }>) =>
    lines.length > 0 ? ` (${lines.map((l) => l.name).join(', ')})` : '';
  return [
    `Points de suivi à tenir d’ici dimanche : ${agenda.pointsDue.length}${names(agenda.pointsDue)}.`,
    `Points de suivi en retard : ${agenda.pointsOverdue.length}${names(agenda.pointsOverdue)}.`,
    `Actions en retard : ${agenda.lateActions.length}.`,
    `Prochain comité de suivi : ${agenda.nextCommittee ? frenchDay(agenda.nextCommittee) : 'non fixé'}.`,
    ...(agenda.nextMilestone
      ? [
          `Prochain jalon RETEX : ${agenda.nextMilestone.milestone} au ${frenchDay(agenda.nextMilestone.date)}.`,
        ]
      : []),
  ];
}

function pointFromBody(body: FormBody): RawPoint {
  const actions: RawAction[] = [];
  for (let i = 0; i < 10; i += 1) {
    const text = single(body, `action.${i}.text`);
    const owner = single(body, `action.${i}.owner`);
    const dueDate = single(body, `action.${i}.dueDate`);
    if (text === undefined && dueDate === undefined) continue;
    actions[i] = { text, owner, dueDate };
  }
  return {
    date: single(body, 'date'),
    participants: single(body, 'participants'),
    summary: single(body, 'summary'),
    decisions: single(body, 'decisions'),
    nextDate: single(body, 'nextDate'),
    actions: Array.from(actions, (a) => a ?? {}),
  };
}

/** Months of the pilot, for the committee selector. */
function pilotMonths(start: string, end: string): string[] {
  const out: string[] = [];
  let [y, m] = start.split('-').map(Number) as [number, number];
  const last = end.slice(0, 7);
  for (;;) {
    const month = `${y}-${String(m).padStart(2, '0')}`;
    out.push(month);
    if (month >= last) return out;
    m += 1;
    if (m > 12) [y, m] = [y + 1, 1];
  }
}

function arsAccess(req: FastifyRequest): Access {
  if (!req.access) throw new Error('ARS route reached without an ARS link');
  return req.access;
}

export function registerArsAccompanimentRoutes(app: FastifyInstance): void {
  const deps = app.suivi;
  accompanimentOf(deps); // its tables exist before the first request
  const calendar = pilotCalendar(deps.project.config);
  const settings = accompanimentSettings(deps.project.config, deps.accompanimentScope);
  const dataDir = deps.dataDir ?? path.dirname(deps.store.db.name);
  const archiveDir = path.join(dataDir, COMMITTEE_ARCHIVE_DIR);
  const exclusive = serialised();
  const counterIds = counterColumns(deps.project.tracking)
    .map((c) => c.id)
    .filter((id) => ['patients_included', 'messages_sent', 'dmp_fed'].includes(id));

  function message(reply: FastifyReply, access: Access, status: number, text: string) {
    return sendRefusal(reply, deps, {
      status,
      message: text,
      back: { href: `${access.base}/accompagnement`, label: 'Revenir à l’accompagnement' },
    });
  }

  function renderOverview(
    req: FastifyRequest,
    reply: FastifyReply,
    extra: {
      errors?: AccompanimentError[];
      binomeForm?: Record<string, string>;
      month?: string;
      text?: string;
    } = {},
    status = 200,
  ) {
    const access = arsAccess(req);
    const ctx = accompanimentOf(deps);
    const q = OverviewQuery.safeParse(req.query);
    const query = q.success ? q.data : {};
    const now = deps.clock.now();
    const input = followUpInput(deps, ctx, now);
    const all = establishmentFollowUps(input);
    const binomes = currentBinomes(input.data.binomes);
    const selected = binomes.some((b) => b.id === query.binome) ? query.binome : undefined;
    const lines = selected ? establishmentFollowUps(input, selected) : all;
    const months = pilotMonths(calendar.start, calendar.end);
    const today = parisDateString(now).slice(0, 7);
    const month =
      extra.month ?? query.mois ?? (months.includes(today) ? today : (months[months.length - 1] ?? today));
    const text =
      extra.text ??
      ctx.accompaniment
        .listCommitteeTexts()
        .filter((t) => t.month === month)
        .at(-1)?.text ??
      '';
    return sendPage(
      reply,
      <AccompanimentOverviewPage
        chrome={chromeOf(deps)}
        nav={arsNav(access.base, 'accompaniment')}
        audience={access.link.label}
        base={access.base}
        csrf={reply.generateCsrf({ userInfo: access.link.id })}
        agenda={weekAgenda(lines, settings, calendar, now)}
        binomes={binomes}
        selected={selected}
        lines={lines}
        counterIds={counterIds}
        vigilanceLabel={columnById(deps.project.tracking, 'vigilance_points')?.label ?? 'vigilance_points'}
        notice={query.ok ? NOTICES[query.ok] : undefined}
        errors={extra.errors}
        binomeForm={extra.binomeForm}
        committee={{ month, text, months, issues: ctx.accompaniment.listCommitteeIssues() }}
      />,
      status,
    );
  }

  function renderEstablishment(
    req: FastifyRequest,
    reply: FastifyReply,
    establishmentId: string,
    extra: { errors?: AccompanimentError[]; raw?: RawPoint; notice?: string } = {},
    status = 200,
  ) {
    const access = arsAccess(req);
    const ctx = accompanimentOf(deps);
    const now = deps.clock.now();
    const input = followUpInput(deps, ctx, now);
    const line = establishmentFollowUps({
      ...input,
      establishments: input.establishments.filter((e) => e.id === establishmentId),
    })[0];
    if (!line) return message(reply, access, 404, 'Établissement inconnu.');
    return sendPage(
      reply,
      <AccompanimentEstablishmentPage
        chrome={chromeOf(deps)}
        nav={arsNav(access.base, 'accompaniment')}
        audience={access.link.label}
        base={access.base}
        csrf={reply.generateCsrf({ userInfo: access.link.id })}
        line={line}
        binomes={currentBinomes(input.data.binomes)}
        points={input.data.points
          .filter((p) => p.establishmentId === establishmentId)
          .sort((a, b) => b.date.localeCompare(a.date))}
        actions={input.data.actions.filter((a) => a.establishmentId === establishmentId)}
        notice={extra.notice}
        errors={extra.errors}
        raw={extra.raw}
        today={parisDateString(now)}
      />,
      status,
    );
  }

  const bodyOf = (req: FastifyRequest, reply: FastifyReply): FormBody | undefined => {
    const parsed = parseFormBody(req.body);
    if (parsed.ok) return parsed.body;
    void message(reply, arsAccess(req), 400, `Formulaire non valide : ${parsed.problems}.`);
    return undefined;
  };

  app.get('/accompagnement', async (req, reply) => renderOverview(req, reply));

  app.get('/accompagnement/es/:establishmentId', async (req, reply) => {
    const params = EsParams.safeParse(req.params);
    const q = OverviewQuery.safeParse(req.query);
    const ok = q.success ? q.data.ok : undefined;
    return renderEstablishment(req, reply, params.success ? params.data.establishmentId : '', {
      notice: ok ? NOTICES[ok] : undefined,
    });
  });

  /** Back to an establishment's page after a saved form, its notice named by `ok` (a key of NOTICES). */
  const backToEstablishment = (reply: FastifyReply, access: Access, establishmentId: string, ok: string) =>
    reply.redirect(`${access.base}/accompagnement/es/${encodeURIComponent(establishmentId)}?ok=${ok}`, 303);

  /** A form of an establishment's page: refused, the page again with its errors (422); saved, back to it. */
  function establishmentForm(
    route: string,
    ok: string,
    save: (
      establishmentId: string,
      body: FormBody,
      access: Access,
    ) => {
      outcome: Refused | { status: 'saved' | 'unchanged' };
      raw?: RawPoint;
    },
  ): void {
    app.post(
      `/accompagnement/es/:establishmentId/${route}`,
      { preHandler: app.csrfProtection },
      async (req, reply) => {
        const access = arsAccess(req);
        const params = EsParams.safeParse(req.params);
        const body = bodyOf(req, reply);
        if (!body) return reply;
        const establishmentId = params.success ? params.data.establishmentId : '';
        const { outcome, raw } = save(establishmentId, body, access);
        if (outcome.status === 'refused')
          return renderEstablishment(req, reply, establishmentId, { errors: outcome.errors, raw }, 422);
        return backToEstablishment(reply, access, establishmentId, ok);
      },
    );
  }

  establishmentForm('points', 'point', (establishmentId, body, access) => {
    const raw = pointFromBody(body);
    return {
      outcome: recordPoint(accompanimentOf(deps), { establishmentId, raw, author: access.author }),
      raw,
    };
  });

  establishmentForm('binome', 'attribution', (establishmentId, body, access) => {
    const chosen = single(body, 'binome') ?? '';
    return {
      outcome: assignBinome(accompanimentOf(deps), {
        establishmentId,
        binomeId: chosen === '' ? null : chosen,
        author: access.author,
      }),
    };
  });

  app.post('/accompagnement/actions/:actionId', { preHandler: app.csrfProtection }, async (req, reply) => {
    const access = arsAccess(req);
    const params = ActionParams.safeParse(req.params);
    const body = bodyOf(req, reply);
    if (!body) return reply;
    const ctx = accompanimentOf(deps);
    const actionId = params.success ? params.data.actionId : '';
    const action = ctx.accompaniment.listActions().find((a) => a.id === actionId);
    if (!action) return message(reply, access, 404, 'Action inconnue.');
    const status = ACTION_STATUSES.find((s) => s === single(body, 'status'));
    const version = Number(single(body, 'version'));
    const outcome = status
      ? changeActionStatus(ctx, {
          actionId,
          status,
          comment: single(body, 'comment') ?? '',
          role: 'ars',
          author: access.author,
          baseVersion: Number.isInteger(version) ? version : undefined,
        })
      : {
          status: 'refused' as const,
          errors: [{ field: 'status', message: 'Statut attendu : faite, abandonnée ou en cours.' }],
        };
    if (outcome.status === 'refused')
      return renderEstablishment(req, reply, action.establishmentId, { errors: outcome.errors }, 422);
    return backToEstablishment(reply, access, action.establishmentId, 'action');
  });

  app.post('/accompagnement/binomes', { preHandler: app.csrfProtection }, async (req, reply) => {
    const access = arsAccess(req);
    const body = bodyOf(req, reply);
    if (!body) return reply;
    const form = {
      id: single(body, 'id') ?? '',
      label: single(body, 'label'),
      arsName: single(body, 'arsName') ?? '',
      arsEmail: single(body, 'arsEmail') ?? '',
      arsPhone: single(body, 'arsPhone'),
      sesanName: single(body, 'sesanName') ?? '',
      sesanEmail: single(body, 'sesanEmail') ?? '',
      sesanPhone: single(body, 'sesanPhone'),
    };
    const outcome = saveBinome(accompanimentOf(deps), { form, author: access.author });
    if (outcome.status === 'refused')
      return renderOverview(
        req,
        reply,
        {
          errors: outcome.errors,
          binomeForm: Object.fromEntries(Object.entries(form).map(([k, v]) => [k, v ?? ''])),
        },
        422,
      );
    return reply.redirect(`${access.base}/accompagnement?ok=binome#binomes`, 303);
  });

  app.post('/accompagnement/comite', { preHandler: app.csrfProtection }, async (req, reply) => {
    const access = arsAccess(req);
    const body = bodyOf(req, reply);
    if (!body) return reply;
    const ctx = accompanimentOf(deps);
    const month = single(body, 'month') ?? '';
    const text = single(body, 'text') ?? '';
    if (!CommitteeMonth.safeParse(month).success)
      return message(reply, access, 400, 'Mois du comité attendu au format AAAA-MM.');
    const saved =
      ctx.accompaniment
        .listCommitteeTexts()
        .filter((t) => t.month === month)
        .at(-1)?.text ?? '';
    if (text.replace(/\r\n/g, '\n').trim() !== saved) {
      const outcome = saveCommitteeText(ctx, { month, text, author: access.author });
      if (outcome.status === 'refused')
        return renderOverview(req, reply, { errors: outcome.errors, month, text }, 422);
    }
    if (single(body, 'action') !== 'issue')
      return reply.redirect(`${access.base}/accompagnement?mois=${month}&ok=texte#comite`, 303);
    let issued: Awaited<ReturnType<typeof issueCommitteePack>>;
    try {
      issued = await exclusive(() =>
        issueCommitteePack(ctx, {
          month,
          author: access.author,
          templatesDir: committeeTemplatesDir(deps.project, deps.configFile ?? DEFAULT_CONFIG),
          archiveDir,
          pdf: 'auto',
        }),
      );
    } catch (error) {
      // A template the ARS edited so that it no longer reads: said in French, nothing else is lost.
      if (error instanceof DataFileError || error instanceof RetexTemplateError)
        return message(reply, access, 422, error.message);
      throw error;
    }
    return reply.redirect(
      `${access.base}/accompagnement?mois=${month}&ok=${issued.plan.status === 'new' ? 'emis' : 'inchange'}#comite`,
      303,
    );
  });

  app.get('/accompagnement/comite/:label/:kind', async (req, reply) => {
    const access = arsAccess(req);
    const params = IssueParams.safeParse(req.params);
    const issue: CommitteeIssue | undefined = params.success
      ? accompanimentOf(deps)
          .accompaniment.listCommitteeIssues()
          .find((i) => i.label === params.data.label)
      : undefined;
    if (!issue || !params.success) return message(reply, access, 404, 'Version du dossier inconnue.');
    const file = path.join(archiveDir, `${issue.fileBase}.${params.data.kind}`);
    if (!fs.existsSync(file)) {
      // A version issued without its files (the demo's, or one whose PDF could not be made then): written now from
      // its frozen snapshot, never from today's data.
      const dir = committeeTemplatesDir(deps.project, deps.configFile ?? DEFAULT_CONFIG);
      const description = readCommitteeDescription(deps.project, dir);
      await exclusive(() =>
        writeCommitteeFiles(
          issue,
          readDataFile(path.join(dir, `${description.id}.docx`)),
          archiveDir,
          params.data.kind === 'pdf' ? 'auto' : 'never',
        ),
      );
    }
    if (!fs.existsSync(file))
      return message(
        reply,
        access,
        404,
        'Pas de PDF : LibreOffice n’est pas installé sur ce poste. Le .docx est disponible.',
      );
    return sendDownload(
      reply,
      params.data.kind === 'pdf' ? 'application/pdf' : DOCX_TYPE,
      path.basename(file),
      fs.readFileSync(file),
    );
  });

  app.get('/accompagnement/calendrier/:file', async (req, reply) => {
    const access = arsAccess(req);
    const params = IcsParams.safeParse(req.params);
    const ctx = accompanimentOf(deps);
    const input = followUpInput(deps, ctx, deps.clock.now());
    const id = params.success ? params.data.file.replace(/\.ics$/, '') : '';
    const binome = currentBinomes(input.data.binomes).find((b) => b.id === id);
    if (!binome) return message(reply, access, 404, 'Binôme inconnu.');
    const lines = establishmentFollowUps(input, binome.id);
    return sendDownload(
      reply,
      ICS_TYPE,
      `accompagnement-${binome.id}.ics`,
      buildIcs(
        `Accompagnement — ${binome.ars.name} / ${binome.sesan.name}`,
        binomeEvents(lines, input.data.points, settings),
        deps.clock.now(),
      ),
    );
  });

  app.get('/accompagnement/calendrier.ics', async (_req, reply) => {
    const ctx = accompanimentOf(deps);
    const input = followUpInput(deps, ctx, deps.clock.now());
    return sendDownload(
      reply,
      ICS_TYPE,
      'accompagnement.ics',
      buildIcs(
        'Accompagnement des pilotes',
        binomeEvents(establishmentFollowUps(input), input.data.points, settings),
        deps.clock.now(),
      ),
    );
  });
}

export function registerEsAccompanimentRoutes(app: FastifyInstance): void {
  const deps = app.suivi;
  accompanimentOf(deps);
  const calendar = pilotCalendar(deps.project.config);
  /** The ES's own region's accompaniment and calendar: a listed region keeps its own (ars-regions.ts). */
  const regionalDeps = new Map<string, ServerDeps>();
  const depsOf = (e: EstablishmentRecord): ServerDeps => {
    const regions = instanceRegions(deps.project.config);
    const id = regionIdOfEstablishment(e, deps.project.config);
    if (id === regions[0]?.id) return deps;
    let own = regionalDeps.get(id);
    if (!own) {
      own = { ...deps, accompanimentScope: id };
      regionalDeps.set(id, own);
    }
    return own;
  };

  function render(
    req: FastifyRequest,
    reply: FastifyReply,
    extra: { errors?: AccompanimentError[]; notice?: string } = {},
    status = 200,
  ) {
    const access = req.access;
    const e = access?.establishment;
    if (!access || !e) throw new Error('ES route reached without an ES link');
    const own = depsOf(e);
    const ctx = accompanimentOf(own);
    const settings = accompanimentSettings(own.project.config, own.accompanimentScope);
    return sendPage(
      reply,
      <EsAccompanimentPage
        chrome={chromeOf(deps)}
        nav={esNav(access.base, 'accompaniment')}
        audience={`Établissement : ${String(e.values.establishment ?? e.id)}`}
        base={access.base}
        csrf={reply.generateCsrf({ userInfo: access.link.id })}
        view={establishmentAccompaniment(e.id, dataOf(ctx), settings, calendar)}
        today={parisDateString(deps.clock.now())}
        notice={extra.notice}
        errors={extra.errors}
      />,
      status,
    );
  }

  app.get('/accompagnement', async (req, reply) => {
    const q = OverviewQuery.safeParse(req.query);
    return render(req, reply, {
      notice: q.success && q.data.ok === 'action' ? 'Action indiquée comme faite. Merci !' : undefined,
    });
  });

  app.post('/accompagnement/actions/:actionId', { preHandler: app.csrfProtection }, async (req, reply) => {
    const access = req.access;
    const e = access?.establishment;
    if (!access || !e) throw new Error('ES route reached without an ES link');
    const params = ActionParams.safeParse(req.params);
    const parsed = parseFormBody(req.body);
    if (!parsed.ok)
      return render(
        req,
        reply,
        { errors: [{ field: 'form', message: `Formulaire non valide : ${parsed.problems}.` }] },
        400,
      );
    const version = Number(single(parsed.body, 'version'));
    const outcome = changeActionStatus(accompanimentOf(depsOf(e)), {
      actionId: params.success ? params.data.actionId : '',
      status: 'done',
      comment: single(parsed.body, 'comment') ?? '',
      role: 'es',
      author: access.author,
      establishmentId: e.id,
      baseVersion: Number.isInteger(version) ? version : undefined,
    });
    if (outcome.status === 'refused') return render(req, reply, { errors: outcome.errors }, 422);
    return reply.redirect(`${access.base}/accompagnement?ok=action`, 303);
  });
}
