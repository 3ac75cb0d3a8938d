// The bad-input corpus against the core use cases: each refusal names its field, says what is expected, and
// stores nothing; text that is accepted is stored verbatim.
import fs from 'node:fs';
import path from 'node:path';
import { ingestWeeklyReport } from '../../src/app/ingest-weekly-report';
import { updateProfile } from '../../src/app/update-profile';
import { parseConfig } from '../../src/schema/config';
import { DataFileError } from '../../src/schema/zod-issues';
import { requireColumn } from '../../src/domain/columns';
import { REPO_ROOT } from '../../src/node/project-files';
import {
  configCases,
  patchedConfig,
  profileCases,
  profileSubmission,
  weeklyCases,
  weeklySubmission,
  WEEKLY_BASE,
} from '../support/bad-input';
import { appContext, defaultProject, weeklyAnswers } from '../support/project';

const project = defaultProject();

function withLastWeek() {
  const ctx = appContext(WEEKLY_BASE.previous.now);
  const p = WEEKLY_BASE.previous;
  const first = ingestWeeklyReport(ctx, {
    submissionId: 'previous',
    source: 'form',
    author: 'es',
    submission: {
      establishmentId: WEEKLY_BASE.establishmentId,
      useCaseId: WEEKLY_BASE.useCaseId,
      week: p.week,
      values: weeklyAnswers(
        Object.fromEntries(
          [
            'messages_sent',
            'messages_received',
            'dmp_fed',
            'dmp_consulted',
            'patients_included',
            'visits',
          ].map((k) => [k, p.counter]),
        ),
        { report_date: p.reportDate },
      ),
    },
  });
  expect(first.status).toBe('accepted');
  ctx.clock.set(WEEKLY_BASE.now);
  return ctx;
}

describe('bad input — weekly form', () => {
  const cases = weeklyCases();

  it('has the corpus the reliability issue asks for', () => {
    expect(cases.length + profileCases().length + configCases().length).toBeGreaterThanOrEqual(60);
  });

  it.each(cases.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    const ctx = withLastWeek();
    const before = {
      versions: ctx.store.listReportVersions().length,
      ledger: ctx.store.rowLedger('gh-cochin/uc1'),
    };
    const outcome = ingestWeeklyReport(ctx, {
      submissionId: `case-${c.id}`,
      source: 'form',
      author: 'es',
      submission: weeklySubmission(c),
    });
    const expected = c.expect;
    if ('stored' in expected) {
      expect(outcome.status).toBe('accepted');
      const field = Object.keys(c.set ?? {})[0] as string;
      expect(outcome.status === 'accepted' && outcome.version.values[field]).toBe(expected.stored);
      return;
    }
    expect(outcome.status).toBe('refused');
    if (outcome.status !== 'refused') return;
    expect(outcome.errors.map((e) => [e.field, e.code])).toContainEqual([expected.field, expected.code]);
    const error = outcome.errors.find((e) => e.field === expected.field);
    const column = project.tracking.columns.find((col) => col.id === expected.field);
    // The message names the field: by its verbatim label for a column, by its French name otherwise.
    expect(error?.message).toContain(column ? `« ${column.label} »` : '«');
    expect(error?.message.length).toBeLessThan(400);
    expect(ctx.store.listReportVersions()).toHaveLength(before.versions);
    expect(ctx.store.rowLedger('gh-cochin/uc1')).toEqual(before.ledger);
  });
});

describe('bad input — initialisation form', () => {
  it.each(profileCases().map((c) => [c.id, c] as const))('%s', (_id, c) => {
    const ctx = appContext(WEEKLY_BASE.now);
    const before = JSON.stringify(ctx.store.getEstablishment('gh-cochin'));
    const outcome = updateProfile(ctx, {
      establishmentId: 'gh-cochin',
      author: 'es',
      profile: profileSubmission(c),
    });
    expect(outcome.status).toBe('refused');
    if (outcome.status !== 'refused') return;
    expect(outcome.errors.map((e) => [e.field, e.code])).toContainEqual([c.expect.field, c.expect.code]);
    const columnId = c.expect.field.split('.').pop() as string;
    const column = project.tracking.columns.find((col) => col.id === columnId);
    if (column)
      expect(outcome.errors.find((e) => e.field === c.expect.field)?.message).toContain(
        `« ${requireColumn(project.tracking, columnId).label} »`,
      );
    expect(JSON.stringify(ctx.store.getEstablishment('gh-cochin'))).toBe(before);
    expect(ctx.store.listCellChanges()).toHaveLength(0);
  });
});

describe('bad input — configuration file', () => {
  const base = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'suivi.config.json'), 'utf8')) as unknown;
  it.each(configCases().map((c) => [c.id, c] as const))('%s', (_id, c) => {
    let problems: string[] = [];
    try {
      parseConfig(patchedConfig(base, c));
    } catch (error) {
      if (!(error instanceof DataFileError)) throw error;
      problems = error.problems.map((p) => p.path);
      expect(error.message).toMatch(/n'est pas valide/);
    }
    expect(problems).toContain(c.expect.path);
  });
});
