// The ARS / SESAN audience under /ars/<token>: the master grid (ARS columns edited in place), each row's record
// (history, correction of an ES value with a reason), completeness with « relancer », the Journal. Every write goes
// through a use case (editCell, correctReport) that asks the core's access checker.
import crypto from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import * as z from 'zod';
import { correctionBasis, correctReport } from '../../app/correct-report';
import { BASIS_FIELD } from '../../domain/write-basis';
import { editCell } from '../../app/edit-cell';
import { canWrite } from '../../domain/access';
import { dueWeeks, pilotCalendar } from '../../domain/calendar';
import { columnById, counterColumns } from '../../domain/columns';
import { completenessGrid, rowsMissing } from '../../domain/completeness';
import { prefillOf, USE_CASE_FIELD, WEEK_FIELD, weeklyFormPlan } from '../../domain/form-plan';
import { frPages, frRequest } from '../messages';
import { type FieldError } from '../../domain/messages';
import {
  establishmentName,
  parseRowKey,
  rowKey as makeRowKey,
  rowTitle,
  type CellChange,
  type EstablishmentRecord,
  type UseCaseRecord,
} from '../../domain/model';
import { formatParisDateTime } from '../../domain/paris-time';
import { referentEmails } from '../../domain/reminder-plan';
import { valueAsText, type RawValue } from '../../domain/values';
import { legendSheet } from '../../domain/workbook/legend-sheet';
import { ownerColor } from '../../domain/workbook/sheet-model';
import { rowRefs } from '../../domain/workbook/workbook';
import { suiviRows, suiviRowValues, suiviSheet } from '../../domain/workbook/suivi-sheet';
import { remindEstablishment } from '../reminders';
import { CompletenessPage, type LateEstablishment } from '../pages/ars-completeness-page';
import { cellAnchor, GridPage, type FailedEdit } from '../pages/ars-grid-page';
import { JournalPage } from '../pages/ars-journal-page';
import { RowPage, type ChangeLine, type CorrectionForm } from '../pages/ars-row-page';
import { arsNav } from '../pages/navigation';
import { requireLink } from './access-hook';
import { registerExchangeRoutes } from './ars-exchange-routes';
import { registerRetexRoutes } from './ars-retex-routes';
import { registerArsAccompanimentRoutes, weekLines } from './accompaniment-routes';
import { cellQuestion, readCellEdit } from './cell-edit';
import { chromeOf } from './chrome';
import { appContextOf, formPlanContext, reminderDepsOf } from './app-context';
import { parseFormBody, single } from './form-body';
import { sendPage } from './render';
import { sendRefusal } from './refusal-page';
import { fillClass } from './theme';
import type { Access } from './types';

const JOURNAL_LIMIT = 300;
const WEEKDAYS = ['', 'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche'];
const CHANGE_SOURCES: Record<CellChange['source'], string> = {
  form: 'formulaire de l’établissement',
  grid: 'fichier de suivi (en ligne)',
  sheet: 'feuille de calcul',
  import: 'import de fichier',
};
const RowParams = z.object({ establishmentId: z.string().max(120), useCaseId: z.string().max(60) });
const Flash = z.object({
  modifie: z.string().max(300).optional(),
  corrige: z.string().max(10).optional(),
  semaine: z.string().max(10).optional(),
  relance: z.string().max(120).optional(),
  resultat: z.enum(['sent', 'not-late', 'no-contact', 'unknown']).optional(),
});

function accessOf(req: FastifyRequest): Access {
  if (!req.access) throw new Error('ARS route reached without an ARS link');
  return req.access;
}

export async function arsPlugin(app: FastifyInstance): Promise<void> {
  const deps = app.suivi;
  const { tracking } = deps.project;
  app.addHook('onRequest', requireLink('ars'));

  const flashOf = (req: FastifyRequest) => {
    const parsed = Flash.safeParse(req.query);
    return parsed.success ? parsed.data : {};
  };
  const findRow = (
    key: string,
  ): { establishment: EstablishmentRecord; useCase: UseCaseRecord } | undefined => {
    const parsed = parseRowKey(key);
    const establishment = parsed && deps.store.getEstablishment(parsed.establishmentId);
    const useCase = establishment?.useCases.find((u) => u.id === parsed?.useCaseId);
    return establishment && useCase ? { establishment, useCase } : undefined;
  };
  /** « Modification enregistrée : … » from the row key and column id in the address (looked up, not echoed). */
  const editedNotice = (flash: string | undefined): string | undefined => {
    if (!flash) return undefined;
    const [key, columnId] = flash.split('|');
    const row = key ? findRow(key) : undefined;
    const column = columnId ? columnById(tracking, columnId) : undefined;
    return row && column
      ? frPages.cellSaved(column.label, rowTitle(row.establishment, row.useCase))
      : undefined;
  };

  function renderGrid(req: FastifyRequest, reply: FastifyReply, failed?: FailedEdit): FastifyReply {
    const access = accessOf(req);
    const establishments = deps.store.listEstablishments();
    const current = deps.store.currentVersions();
    const rows = suiviRows(tracking, establishments, current, deps.store.allAnnotations());
    const sheet = suiviSheet(
      tracking,
      rows,
      deps.project.departments.map((d) => d.code),
    );
    const titles = new Map(rowRefs(establishments).map((r) => [r.rowKey, r.title]));
    const csrf = reply.generateCsrf({ userInfo: access.link.id });
    return sendPage(
      reply,
      <GridPage
        chrome={chromeOf(deps)}
        nav={arsNav(access.base, 'grid')}
        audience={access.link.label}
        sheet={sheet}
        legend={legendSheet(tracking)}
        rows={rows.map((r) => {
          const parsed = parseRowKey(r.key);
          return {
            key: r.key,
            title: titles.get(r.key) ?? r.key,
            href: `${access.base}/lignes/${parsed?.establishmentId ?? ''}/${parsed?.useCaseId ?? ''}`,
            warnings: current.get(r.key)?.warnings.length ?? 0,
          };
        })}
        editable={sheet.editableBy.ars ?? []}
        question={(r, col) => {
          const column = tracking.columns[col];
          const row = rows[r];
          return column && row ? cellQuestion(deps, column, row.values[column.id]) : undefined;
        }}
        editAction={`${access.base}/cellule`}
        week={{ href: `${access.base}/accompagnement`, lines: weekLines(deps, deps.clock.now()) }}
        csrf={csrf}
        notice={failed ? undefined : editedNotice(flashOf(req).modifie)}
        failed={failed}
      />,
      failed ? 422 : 200,
    );
  }

  function renderRow(
    req: FastifyRequest,
    reply: FastifyReply,
    key: string,
    state: {
      failed?: FailedEdit;
      week?: string;
      correction?: { values: Record<string, RawValue>; reason: string; errors: FieldError[] };
    } = {},
  ): FastifyReply {
    const access = accessOf(req);
    const row = findRow(key);
    if (!row) return notFound(reply, access);
    const { establishment: e, useCase } = row;
    const current = deps.store.currentVersions().get(key);
    const values = suiviRowValues(tracking, e, useCase, current, deps.store.annotations(key));
    const ledger = deps.store.rowLedger(key);
    const weeks = ledger.map((l) => l.week).reverse();
    const flash = flashOf(req);
    const week = [state.week, flash.semaine].find((w) => w && weeks.includes(w)) ?? weeks[0];
    const reported = week ? deps.store.reportVersion(key, week) : undefined;
    const now = deps.clock.now();
    const plan = weeklyFormPlan(
      formPlanContext(deps, now),
      e,
      new Map(e.useCases.map((u) => [u.id, deps.store.rowLedger(makeRowKey(e.id, u.id))])),
      { useCaseId: useCase.id, week },
    );
    const questions = plan.sections
      .flatMap((s) => s.questions)
      .filter((q) => q.name !== WEEK_FIELD && q.name !== USE_CASE_FIELD);
    const prefilled = Object.fromEntries(
      questions.map((q) => {
        const column = columnById(tracking, q.name);
        return [q.name, column && reported ? prefillOf(column, reported.values[column.id]) : undefined];
      }),
    );
    const correction: CorrectionForm = {
      weeks,
      week,
      current: reported,
      chooserAction: `${access.base}/lignes/${e.id}/${useCase.id}#correction`,
      action: `${access.base}/lignes/${e.id}/${useCase.id}/correction`,
      submissionId: crypto.randomUUID(),
      basis: correctionBasis(appContextOf(deps), reported),
      questions,
      values: { ...prefilled, ...(state.correction?.values ?? {}) },
      reason: state.correction?.reason ?? '',
      errors: state.correction?.errors ?? [],
    };
    const changes: ChangeLine[] = deps.store
      .cellChangesOf([key, e.id])
      .reverse()
      .map((c) => {
        const column = columnById(tracking, c.columnId);
        return {
          at: formatParisDateTime(new Date(c.at)),
          author: c.author,
          label: column?.label ?? c.columnId,
          previous: column ? valueAsText(column, c.previous) : '',
          value: column ? valueAsText(column, c.value) : '',
          source: CHANGE_SOURCES[c.source],
        };
      });
    const title = rowTitle(e, useCase);
    const notice = flash.corrige
      ? `Correction de ${flash.corrige} enregistrée comme nouvelle version.`
      : editedNotice(flash.modifie);
    const hasErrors = !!state.failed || (state.correction?.errors.length ?? 0) > 0;
    return sendPage(
      reply,
      <RowPage
        chrome={chromeOf(deps)}
        nav={arsNav(access.base, 'row')}
        audience={access.link.label}
        rowKey={key}
        rowTitle={title}
        gridHref={`${access.base}#${cellAnchor(key, 'establishment')}`}
        fields={tracking.columns.map((column) => ({
          column,
          text: valueAsText(column, values[column.id]),
          owner: tracking.owners[column.owner].legend,
          fillClass: fillClass(ownerColor(tracking, column)),
          question: canWrite(tracking, 'ars', column).allowed
            ? cellQuestion(deps, column, values[column.id])
            : undefined,
        }))}
        editAction={`${access.base}/cellule`}
        csrf={reply.generateCsrf({ userInfo: access.link.id })}
        failed={state.failed}
        notice={hasErrors ? undefined : notice}
        correction={correction}
        versions={deps.store.versionsOfRow(key).reverse()}
        counters={counterColumns(tracking)}
        changes={changes}
      />,
      hasErrors ? 422 : 200,
    );
  }

  function notFound(reply: FastifyReply, access: Access, message = frRequest.notFound(), status = 404) {
    return sendRefusal(reply, deps, {
      status,
      message,
      back: { href: access.base, label: 'Revenir au fichier de suivi' },
    });
  }

  app.get('/', async (req, reply) => renderGrid(req, reply));

  app.post('/cellule', { preHandler: app.csrfProtection }, async (req, reply) => {
    const access = accessOf(req);
    const parsed = parseFormBody(req.body);
    if (!parsed.ok) return notFound(reply, access, frRequest.malformedForm(parsed.problems), 400);
    const form = readCellEdit(deps, parsed.body);
    if (!form.ok) return notFound(reply, access, frRequest.malformedForm(form.problems), 400);
    const outcome = editCell(appContextOf(deps), {
      rowKey: form.rowKey,
      columnId: form.columnId,
      raw: form.raw,
      role: 'ars',
      author: access.author,
      source: 'grid',
      basis: form.basis,
    });
    const row = parseRowKey(form.rowKey);
    const rowPath = `${access.base}/lignes/${row?.establishmentId ?? ''}/${row?.useCaseId ?? ''}`;
    if (outcome.status === 'saved') {
      const flash = `modifie=${encodeURIComponent(`${form.rowKey}|${form.columnId}`)}`;
      const anchor = cellAnchor(form.rowKey, form.columnId);
      return reply.redirect(
        form.back === 'row' ? `${rowPath}?${flash}#${anchor}` : `${access.base}?${flash}#${anchor}`,
        303,
      );
    }
    // Stale: the editor shows the current value again, with what changed, for the ARS to redo its edit on it.
    const value = outcome.status === 'stale' ? undefined : form.raw;
    const failed = { rowKey: form.rowKey, columnId: form.columnId, value, errors: outcome.errors };
    if (form.back === 'row' && findRow(form.rowKey)) return renderRow(req, reply, form.rowKey, { failed });
    return renderGrid(req, reply, failed);
  });

  app.get('/lignes/:establishmentId/:useCaseId', async (req, reply) => {
    const params = RowParams.safeParse(req.params);
    if (!params.success) return notFound(reply, accessOf(req));
    return renderRow(req, reply, makeRowKey(params.data.establishmentId, params.data.useCaseId));
  });

  app.post(
    '/lignes/:establishmentId/:useCaseId/correction',
    { preHandler: app.csrfProtection },
    async (req, reply) => {
      const access = accessOf(req);
      const params = RowParams.safeParse(req.params);
      const row = params.success
        ? findRow(makeRowKey(params.data.establishmentId, params.data.useCaseId))
        : undefined;
      if (!row) return notFound(reply, access);
      const key = makeRowKey(row.establishment.id, row.useCase.id);
      const parsed = parseFormBody(req.body);
      if (!parsed.ok) return notFound(reply, access, frRequest.malformedForm(parsed.problems), 400);
      const body = parsed.body;
      const submission = z.uuid().safeParse(single(body, 'submission_id'));
      if (!submission.success)
        return notFound(reply, access, frRequest.malformedForm('identifiant de soumission absent'), 400);
      const submissionId = `web:ars:${submission.data}`;
      const week = single(body, 'week') ?? '';
      const reason = single(body, 'reason') ?? '';
      const basis = single(body, BASIS_FIELD) ?? '';
      const rowPath = `${access.base}/lignes/${row.establishment.id}/${row.useCase.id}`;
      if (deps.store.hasSubmission(submissionId)) return reply.redirect(`${rowPath}?corrige=${week}`, 303);
      const reported = deps.store.reportVersion(key, week);
      const typed: Record<string, RawValue> = {};
      const changed: Record<string, RawValue> = {};
      for (const [name, value] of Object.entries(body)) {
        if (['_csrf', 'submission_id', 'week', 'reason', BASIS_FIELD].includes(name)) continue;
        typed[name] = value;
        const column = columnById(tracking, name);
        const before = column && reported ? prefillOf(column, reported.values[column.id]) : undefined;
        if (!column || (before ?? '') !== value) changed[name] = value;
      }
      const errors: FieldError[] = [];
      if (reported && Object.keys(changed).length === 0)
        errors.push({
          field: 'form',
          code: 'NOTHING_TO_CORRECT',
          message: frRequest.nothingChanged(),
          details: 'no value changed',
        });
      const outcome =
        errors.length > 0
          ? ({ status: 'refused', errors } as const)
          : correctReport(appContextOf(deps), {
              establishmentId: row.establishment.id,
              useCaseId: row.useCase.id,
              role: 'ars',
              author: access.author,
              submissionId,
              correction: { week, values: changed, reason },
              basis,
            });
      if (outcome.status === 'corrected')
        return reply.redirect(`${rowPath}?corrige=${outcome.version.week}#correction`, 303);
      if (outcome.status === 'duplicate') return reply.redirect(`${rowPath}?corrige=${week}`, 303);
      // Stale: the form shows the week's current values (the reason is kept), with what changed meanwhile.
      return renderRow(req, reply, key, {
        week,
        correction: {
          values: outcome.status === 'stale' ? {} : typed,
          reason,
          errors: outcome.errors,
        },
      });
    },
  );

  app.get('/completude', async (req, reply) => {
    const access = accessOf(req);
    const now = deps.clock.now();
    const calendar = pilotCalendar(deps.project.config);
    const establishments = deps.store.listEstablishments();
    const grid = completenessGrid(calendar, rowRefs(establishments), deps.store.allLedgers(), now);
    const due = dueWeeks(calendar, now).reverse();
    const flash = flashOf(req);
    const week = flash.semaine && due.includes(flash.semaine) ? flash.semaine : due[0];
    const late: LateEstablishment[] = [];
    for (const r of week ? rowsMissing(grid, week) : []) {
      const existing = late.find((l) => l.establishmentId === r.establishmentId);
      if (existing) {
        existing.rows.push(r.title);
        continue;
      }
      const e = establishments.find((x) => x.id === r.establishmentId);
      late.push({
        establishmentId: r.establishmentId,
        name: e ? establishmentName(e) : r.establishmentId,
        rows: [r.title],
        emails: e ? referentEmails(e) : [],
      });
    }
    const reminded = flash.relance ? deps.store.getEstablishment(flash.relance) : undefined;
    const notice = reminded
      ? flash.resultat === 'sent'
        ? {
            kind: 'success' as const,
            text: `Relance de ${establishmentName(reminded)} pour ${week ?? ''} envoyée à ${referentEmails(reminded).join(', ')}.`,
          }
        : flash.resultat === 'no-contact'
          ? { kind: 'error' as const, text: frRequest.noReferent(establishmentName(reminded)) }
          : flash.resultat === 'not-late'
            ? {
                kind: 'info' as const,
                text: `${establishmentName(reminded)} a déjà déclaré ${week ?? ''} : pas de relance.`,
              }
            : undefined
      : undefined;
    const { reminders } = deps.project.config;
    return sendPage(
      reply,
      <CompletenessPage
        chrome={chromeOf(deps)}
        nav={arsNav(access.base, 'completeness')}
        audience={access.link.label}
        grid={grid}
        dueWeeks={due}
        week={week}
        chooserAction={`${access.base}/completude`}
        late={late}
        remindAction={`${access.base}/relances`}
        csrf={reply.generateCsrf({ userInfo: access.link.id })}
        notice={notice}
        mailer={deps.mailer.description}
        schedule={`chaque ${WEEKDAYS[reminders.weekday] ?? ''} à ${reminders.time}`}
      />,
    );
  });

  app.post('/relances', { preHandler: app.csrfProtection }, async (req, reply) => {
    const access = accessOf(req);
    const parsed = parseFormBody(req.body);
    if (!parsed.ok) return notFound(reply, access, frRequest.malformedForm(parsed.problems), 400);
    const establishmentId = single(parsed.body, 'establishment_id') ?? '';
    const week = single(parsed.body, 'week') ?? '';
    const calendar = pilotCalendar(deps.project.config);
    if (!dueWeeks(calendar, deps.clock.now()).includes(week))
      return notFound(reply, access, frRequest.malformedForm('semaine non échue'), 400);
    const outcome = await remindEstablishment(reminderDepsOf(deps), {
      establishmentId,
      week,
      author: access.author,
    });
    if (outcome.status === 'unknown') return notFound(reply, access);
    return reply.redirect(
      `${access.base}/completude?semaine=${week}&relance=${encodeURIComponent(establishmentId)}&resultat=${outcome.status}`,
      303,
    );
  });

  app.get('/journal', async (req, reply) => {
    const access = accessOf(req);
    return sendPage(
      reply,
      <JournalPage
        chrome={chromeOf(deps)}
        nav={arsNav(access.base, 'journal')}
        audience={access.link.label}
        entries={deps.store.recentJournal(JOURNAL_LIMIT)}
        limit={JOURNAL_LIMIT}
      />,
    );
  });

  registerExchangeRoutes(app);

  registerRetexRoutes(app);

  registerArsAccompanimentRoutes(app);
}
