// The ES audience under /es/<token>: the weekly form, the confirmation of a declared week, the establishment's
// history and its initialisation form (profile). Everything is read and written for the link's establishment
// only: its id comes from the link, never from the request.
import crypto from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import * as z from 'zod';
import { ingestWeeklyReport } from '../../app/ingest-weekly-report';
import { profileBasis, updateProfile } from '../../app/update-profile';
import { BASIS_FIELD } from '../../domain/write-basis';
import { COMPLETENESS_LABELS, pilotCalendar, reportableWeeks } from '../../domain/calendar';
import { columnById, counterColumns, profileColumns, reportColumns } from '../../domain/columns';
import { completenessGrid } from '../../domain/completeness';
import {
  initialisationFormPlan,
  prefillOf,
  USE_CASE_FIELD,
  WEEK_FIELD,
  weeklyFormPlan,
  type FormPlan,
} from '../../domain/form-plan';
import { isIsoWeek } from '../../domain/iso-week';
import type { FieldError } from '../../domain/messages';
import { frRequest } from '../messages';
import { establishmentName, rowKey, rowTitle, type EstablishmentRecord } from '../../domain/model';
import type { RawValue } from '../../domain/values';
import { rowRefs } from '../../domain/workbook/workbook';
import { HistoryPage } from '../pages/es-history-page';
import { ProfilePage } from '../pages/es-profile-page';
import { ReportPage } from '../pages/es-report-page';
import { WeeklyPage } from '../pages/es-weekly-page';
import { MessagePage } from '../pages/message-page';
import { esNav } from '../pages/navigation';
import { registerEsAccompanimentRoutes } from './accompaniment-routes';
import { requireLink } from './access-hook';
import { appContextOf, formPlanContext } from './app-context';
import { chromeOf } from './chrome';
import { parseFormBody, rawValuesFor, single, splitByUseCase } from './form-body';
import { sendPage } from './render';
import type { Access, ServerDeps } from './types';

const CONTROL_FIELDS = ['_csrf', 'submission_id', WEEK_FIELD, USE_CASE_FIELD];
const SubmissionId = z.uuid();
const WeeklyQuery = z.object({
  [WEEK_FIELD]: z.string().max(10).optional(),
  [USE_CASE_FIELD]: z.string().max(60).optional(),
});
const ReportParams = z.object({
  useCaseId: z.string().max(60),
  week: z.string().refine(isIsoWeek),
  version: z.coerce.number().int().min(1).max(100_000),
});

/** Field values a plan starts with. */
function prefills(plan: FormPlan): Record<string, RawValue> {
  return Object.fromEntries(plan.sections.flatMap((s) => s.questions.map((q) => [q.name, q.prefill])));
}

function accessOf(req: FastifyRequest): Access & { establishment: EstablishmentRecord } {
  const access = req.access;
  if (!access?.establishment) throw new Error('ES route reached without an ES link');
  return access as Access & { establishment: EstablishmentRecord };
}

function profileIncomplete(deps: ServerDeps, establishment: EstablishmentRecord): boolean {
  return profileColumns(deps.project.tracking).some((c) => {
    const v = establishment.values[c.id];
    return c.required && (v === null || v === undefined || (Array.isArray(v) && v.length === 0));
  });
}

export async function esPlugin(app: FastifyInstance): Promise<void> {
  const deps = app.suivi;
  app.addHook('onRequest', requireLink('es'));

  const nav = (access: Access, current: 'form' | 'history' | 'profile') => esNav(access.base, current);
  const audience = (e: EstablishmentRecord) => `Établissement : ${establishmentName(e)}`;

  function renderWeekly(
    req: FastifyRequest,
    reply: FastifyReply,
    choice: { week?: string; useCaseId?: string },
    typed?: { values: Record<string, RawValue>; errors: FieldError[] },
  ): FastifyReply {
    const access = accessOf(req);
    const e = access.establishment;
    const now = deps.clock.now();
    const calendar = pilotCalendar(deps.project.config);
    const useCase = e.useCases.find((u) => u.id === choice.useCaseId) ?? e.useCases[0];
    if (!useCase) throw new Error(`Establishment ${e.id} has no use case`);
    const week =
      choice.week && reportableWeeks(calendar, now).includes(choice.week) ? choice.week : undefined;
    const ledgers = new Map(e.useCases.map((u) => [u.id, deps.store.rowLedger(rowKey(e.id, u.id))]));
    const plan = weeklyFormPlan(formPlanContext(deps, now), e, ledgers, { useCaseId: useCase.id, week });
    const chosenWeek = plan.sections.flatMap((s) => s.questions).find((q) => q.name === WEEK_FIELD)?.prefill;
    const shownWeek = typeof chosenWeek === 'string' ? chosenWeek : undefined;
    const key = rowKey(e.id, useCase.id);
    const existing = shownWeek ? deps.store.reportVersion(key, shownWeek) : undefined;
    let values = prefills(plan);
    if (existing)
      for (const column of reportColumns(deps.project.tracking))
        values[column.id] = prefillOf(column, existing.values[column.id]);
    if (typed) values = { ...values, ...typed.values };
    const grid = completenessGrid(
      calendar,
      rowRefs([e]).filter((r) => r.rowKey === key),
      ledgers.size > 0 ? new Map([[key, ledgers.get(useCase.id) ?? []]]) : new Map(),
      now,
    );
    const weekStatus = new Map(
      grid.weeks.map((w, i) => {
        const cell = grid.rows[0]?.cells[i];
        return [w, cell ? COMPLETENESS_LABELS[cell] : ''] as const;
      }),
    );
    return sendPage(
      reply,
      <WeeklyPage
        chrome={chromeOf(deps)}
        nav={nav(access, 'form')}
        audience={audience(e)}
        plan={plan}
        action={access.base}
        chooserAction={access.base}
        csrf={reply.generateCsrf({ userInfo: access.link.id })}
        submissionId={crypto.randomUUID()}
        values={values}
        errors={typed?.errors ?? []}
        weekStatus={weekStatus}
        week={shownWeek}
        useCaseId={useCase.id}
        existing={existing}
        profileHref={profileIncomplete(deps, e) ? `${access.base}/profil` : undefined}
        pilotStart={calendar.start}
      />,
      typed && typed.errors.length > 0 ? 422 : 200,
    );
  }

  function refuseRequest(reply: FastifyReply, access: Access, message: string, status = 400) {
    return sendPage(
      reply,
      <MessagePage
        chrome={chromeOf(deps)}
        kind="error"
        title="Envoi refusé"
        message={message}
        back={{ href: access.base, label: 'Revenir au formulaire' }}
      />,
      status,
    );
  }

  app.get('/', async (req, reply) => {
    const query = WeeklyQuery.safeParse(req.query);
    const q = query.success ? query.data : {};
    return renderWeekly(req, reply, { week: q[WEEK_FIELD], useCaseId: q[USE_CASE_FIELD] });
  });

  app.post('/', { preHandler: app.csrfProtection }, async (req, reply) => {
    const access = accessOf(req);
    const e = access.establishment;
    const parsed = parseFormBody(req.body);
    if (!parsed.ok) return refuseRequest(reply, access, frRequest.malformedForm(parsed.problems));
    const body = parsed.body;
    const submission = SubmissionId.safeParse(single(body, 'submission_id'));
    if (!submission.success)
      return refuseRequest(
        reply,
        access,
        frRequest.malformedForm('identifiant de soumission absent ou invalide'),
      );
    // The page sends each of these once: sent twice, the form was not the page's.
    const repeated = [WEEK_FIELD, USE_CASE_FIELD].find((name) => Array.isArray(body[name]));
    if (repeated)
      return refuseRequest(reply, access, frRequest.malformedForm(`champ « ${repeated} » envoyé deux fois`));
    const week = single(body, WEEK_FIELD) ?? '';
    const useCaseId =
      single(body, USE_CASE_FIELD) ?? (e.useCases.length === 1 ? (e.useCases[0]?.id ?? '') : '');
    const now = deps.clock.now();
    const plan = weeklyFormPlan(formPlanContext(deps, now), e, new Map(), { useCaseId });
    const questions = plan.sections.flatMap((s) => s.questions);
    const values = rawValuesFor(questions, body, CONTROL_FIELDS);
    // Submissions arriving together share one commit; each is on disk before its answer.
    const outcome = await deps.store.inGroupCommit(() =>
      ingestWeeklyReport(appContextOf(deps), {
        submissionId: `web:${e.id}:${submission.data}`,
        source: 'form',
        author: access.author,
        submission: { establishmentId: e.id, useCaseId, week, values },
      }),
    );
    if (outcome.status === 'accepted') {
      const v = outcome.version;
      const uc = v.rowKey.slice(e.id.length + 1);
      return reply.redirect(
        `${access.base}/declarations/${uc}/${v.week}/${v.version}?statut=enregistree`,
        303,
      );
    }
    if (outcome.status === 'duplicate') {
      const v = deps.store.versionOfSubmission(`web:${e.id}:${submission.data}`);
      if (v) {
        const uc = v.rowKey.slice(e.id.length + 1);
        return reply.redirect(`${access.base}/declarations/${uc}/${v.week}/${v.version}?statut=deja`, 303);
      }
      return refuseRequest(reply, access, frRequest.duplicateSubmission(), 409);
    }
    return renderWeekly(req, reply, { week, useCaseId }, { values, errors: outcome.errors });
  });

  app.get('/declarations/:useCaseId/:week/:version', async (req, reply) => {
    const access = accessOf(req);
    const e = access.establishment;
    const params = ReportParams.safeParse(req.params);
    const useCase = params.success ? e.useCases.find((u) => u.id === params.data.useCaseId) : undefined;
    const version =
      params.success && useCase
        ? deps.store.reportVersionAt(rowKey(e.id, useCase.id), params.data.week, params.data.version)
        : undefined;
    if (!useCase || !version)
      return sendPage(
        reply,
        <MessagePage
          chrome={chromeOf(deps)}
          kind="error"
          title="Déclaration introuvable"
          message={frRequest.notFound()}
          back={{ href: access.base, label: 'Revenir au formulaire' }}
        />,
        404,
      );
    const status = (req.query as { statut?: unknown }).statut;
    return sendPage(
      reply,
      <ReportPage
        chrome={chromeOf(deps)}
        nav={nav(access, 'history')}
        audience={audience(e)}
        rowTitle={rowTitle(e, useCase)}
        version={version}
        columns={reportColumns(deps.project.tracking)}
        notice={status === 'enregistree' ? 'saved' : status === 'deja' ? 'duplicate' : undefined}
        formHref={`${access.base}?${USE_CASE_FIELD}=${encodeURIComponent(useCase.id)}&${WEEK_FIELD}=${version.week}`}
        historyHref={`${access.base}/historique`}
      />,
    );
  });

  app.get('/historique', async (req, reply) => {
    const access = accessOf(req);
    const e = access.establishment;
    const now = deps.clock.now();
    const ledgers = new Map(
      e.useCases.map((u) => [rowKey(e.id, u.id), deps.store.rowLedger(rowKey(e.id, u.id))]),
    );
    const versions = deps.store
      .versionsOfEstablishment(e.id)
      .reverse()
      .map((version) => {
        const useCase = e.useCases.find((u) => rowKey(e.id, u.id) === version.rowKey);
        return {
          version,
          rowTitle: useCase ? rowTitle(e, useCase) : version.rowKey,
          href: `${access.base}/declarations/${useCase?.id ?? ''}/${version.week}/${version.version}`,
        };
      });
    return sendPage(
      reply,
      <HistoryPage
        chrome={chromeOf(deps)}
        nav={nav(access, 'history')}
        audience={audience(e)}
        name={establishmentName(e)}
        versions={versions}
        counters={counterColumns(deps.project.tracking)}
        grid={completenessGrid(pilotCalendar(deps.project.config), rowRefs([e]), ledgers, now)}
      />,
    );
  });

  function renderProfile(
    req: FastifyRequest,
    reply: FastifyReply,
    state: {
      values?: Record<string, RawValue>;
      errors?: FieldError[];
      saved?: string[];
      duplicate?: boolean;
    } = {},
  ): FastifyReply {
    const access = accessOf(req);
    const e = deps.store.getEstablishment(access.establishment.id) ?? access.establishment;
    const plan = initialisationFormPlan(formPlanContext(deps, deps.clock.now()), e);
    const errors = state.errors ?? [];
    return sendPage(
      reply,
      <ProfilePage
        chrome={chromeOf(deps)}
        nav={nav(access, 'profile')}
        audience={audience(e)}
        plan={plan}
        action={`${access.base}/profil`}
        csrf={reply.generateCsrf({ userInfo: access.link.id })}
        submissionId={crypto.randomUUID()}
        basis={profileBasis(appContextOf(deps), e)}
        values={{ ...prefills(plan), ...(state.values ?? {}) }}
        errors={errors}
        saved={state.saved}
        duplicate={state.duplicate}
      />,
      errors.length > 0 ? 422 : 200,
    );
  }

  app.get('/profil', async (req, reply) => renderProfile(req, reply));

  app.post('/profil', { preHandler: app.csrfProtection }, async (req, reply) => {
    const access = accessOf(req);
    const e = access.establishment;
    const parsed = parseFormBody(req.body);
    if (!parsed.ok) return refuseRequest(reply, access, frRequest.malformedForm(parsed.problems));
    const submission = SubmissionId.safeParse(single(parsed.body, 'submission_id'));
    if (!submission.success)
      return refuseRequest(
        reply,
        access,
        frRequest.malformedForm('identifiant de soumission absent ou invalide'),
      );
    const plan = initialisationFormPlan(formPlanContext(deps, deps.clock.now()), e);
    const values = rawValuesFor(
      plan.sections.flatMap((s) => s.questions),
      parsed.body,
      ['_csrf', 'submission_id', BASIS_FIELD],
    );
    const outcome = updateProfile(appContextOf(deps), {
      basis: single(parsed.body, BASIS_FIELD) ?? '',
      establishmentId: e.id,
      author: access.author,
      submissionId: `web-profile:${e.id}:${submission.data}`,
      profile: splitByUseCase(
        values,
        e.useCases.map((u) => u.id),
      ),
    });
    if (outcome.status === 'refused') return renderProfile(req, reply, { values, errors: outcome.errors });
    // Stale: the form shows the current profile, with what changed meanwhile, for the ES to redo its change.
    if (outcome.status === 'stale') return renderProfile(req, reply, { errors: outcome.errors });
    if (outcome.status === 'duplicate') return renderProfile(req, reply, { duplicate: true });
    const labels = outcome.changes.map((c) => {
      const label = columnById(deps.project.tracking, c.columnId)?.label ?? c.columnId;
      const useCase =
        c.scope === 'useCase' ? e.useCases.find((u) => rowKey(e.id, u.id) === c.target) : undefined;
      return useCase && e.useCases.length > 1 ? `${label} (${rowTitle(e, useCase)})` : label;
    });
    return renderProfile(req, reply, { saved: labels });
  });

  registerEsAccompanimentRoutes(app);
}
