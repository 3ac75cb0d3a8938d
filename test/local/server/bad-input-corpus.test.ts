// The shared bad-input corpus (test/fixtures/bad-input/weekly.json and profile.json) through the real ES pages, as a
// browser posts them (urlencoded, CSRF token and cookie of the form page): each refusal comes back as the form with
// the core's French message under the field it names and in the list at the top, everything typed still in the
// fields, and nothing stored; each text the corpus says to accept is stored verbatim and shown as text. Then the
// HTTP-level cases of http.json (links, CSRF, content types, sizes, methods, static files): each gets its French
// page and status, and nothing is stored.
import { ingestWeeklyReport } from '../../../src/app/ingest-weekly-report';
import { updateProfile } from '../../../src/app/update-profile';
import { counterColumns, requireColumn } from '../../../src/domain/columns';
import { frRequest } from '../../../src/local/messages';
import { type FieldError } from '../../../src/domain/messages';
import { FORM_BODY_LIMIT_BYTES, URLENCODED } from '../../../src/local/server/build-server';
import type { Role } from '../../../src/schema/tracking-file';
import { fieldId } from '../../../src/local/pages/form-fields';
import type { RawValue, RawValues } from '../../../src/domain/values';
import {
  httpCases,
  profileCases,
  profileSubmission,
  weeklyCases,
  weeklySubmission,
  WEEKLY_BASE,
  type HttpCase,
  type ProfileCase,
  type WeeklyCase,
} from '../../support/bad-input';
import { appContext, defaultProject, weeklyAnswers } from '../../support/project';
import { fieldMessages, selectOptions, shownValues, summaryMessages } from '../../support/local/html';
import {
  cookieHeader,
  csrfOf,
  formPayload,
  startTestServer,
  type TestServer,
} from '../../support/local/server';

const project = defaultProject();
const ROW = `${WEEKLY_BASE.establishmentId}/${WEEKLY_BASE.useCaseId}`;
const lastWeekCounters = () =>
  Object.fromEntries(counterColumns(project.tracking).map((c) => [c.id, WEEKLY_BASE.previous.counter]));

/** A form's raw values as the fields a browser sends: lists repeat the field, record entries are numbered. */
function fieldsOf(values: Readonly<Record<string, RawValue>>, prefix = ''): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const [name, value] of Object.entries(values)) {
    const key = `${prefix}${name}`;
    if (typeof value === 'string') out.push([key, value]);
    else if (Array.isArray(value))
      value.forEach((item: string | Record<string, string>, i) => {
        if (typeof item === 'string') out.push([key, item]);
        else for (const [f, v] of Object.entries(item)) out.push([`${key}.${i}.${f}`, v]);
      });
  }
  return out;
}

/** The refusal the core gives for the same input in the same situation: what the page must show. */
function coreWeeklyErrors(c: WeeklyCase): FieldError[] {
  const ctx = appContext(WEEKLY_BASE.previous.now);
  const first = ingestWeeklyReport(ctx, {
    submissionId: 'previous',
    source: 'form',
    author: 'es',
    submission: {
      establishmentId: WEEKLY_BASE.establishmentId,
      useCaseId: WEEKLY_BASE.useCaseId,
      week: WEEKLY_BASE.previous.week,
      values: weeklyAnswers(lastWeekCounters(), { report_date: WEEKLY_BASE.previous.reportDate }),
    },
  });
  if (first.status !== 'accepted') throw new Error('last week refused');
  ctx.clock.set(WEEKLY_BASE.now);
  const outcome = ingestWeeklyReport(ctx, {
    submissionId: c.id,
    source: 'form',
    author: 'es',
    submission: weeklySubmission(c),
  });
  return outcome.status === 'refused' ? outcome.errors : [];
}

function coreProfileErrors(c: ProfileCase): FieldError[] {
  const outcome = updateProfile(appContext(WEEKLY_BASE.now), {
    establishmentId: WEEKLY_BASE.establishmentId,
    author: 'es',
    profile: profileSubmission(c),
  });
  return outcome.status === 'refused' ? outcome.errors : [];
}

/** The refusal is on the page: each message under its field when the field is on the form, all of them on top. */
function expectRefusalShown(html: string, errors: FieldError[], expected: { field: string; code: string }) {
  expect(errors.map((e) => [e.field, e.code])).toContainEqual([expected.field, expected.code]);
  const summary = summaryMessages(html);
  for (const error of errors) {
    const onForm = html.includes(`id="${fieldId(error.field)}-messages"`);
    expect(summary).toContainEqual(
      onForm
        ? { text: error.message, target: fieldId(error.field) }
        : { text: error.message, target: undefined },
    );
    if (onForm) expect(fieldMessages(html, error.field)).toContain(error.message);
  }
  const named = errors.find((e) => e.field === expected.field && e.code === expected.code);
  const columnId = expected.field.split('.').pop() ?? '';
  if (project.tracking.columns.some((c) => c.id === columnId))
    expect(named?.message).toContain(`« ${requireColumn(project.tracking, columnId).label} »`);
}

/**
 * Everything typed is back in its field. A select can only show one of its options, and a one-value field sent
 * twice (a forged form) shows the first value.
 */
function expectTypedKept(html: string, fields: Array<[string, string]>) {
  let checked = 0;
  for (const [name, value] of fields) {
    const options = selectOptions(html, name);
    if (options.length > 0 && !options.includes(value)) continue;
    const shown = shownValues(html, name);
    if (shown.length === 0) continue;
    const sent = fields.filter(([n]) => n === name).map(([, v]) => v);
    const expected = shown.length === 1 && sent.length > 1 ? sent[0] : value;
    expect({ name, shown }).toEqual({ name, shown: expect.arrayContaining([expected]) });
    checked += 1;
  }
  return checked;
}

const isRefusal = (c: WeeklyCase) => 'code' in c.expect;
// Over HTTP the establishment is the link's: a case naming another establishment is the link cases' business
// (test/fixtures/bad-input/http.json), not a form field.
/**
 * A form body is UTF-8, which has no encoding for a lone surrogate: the browser (like URLSearchParams here) sends
 * « � » in its place, a legitimate character. That case is played separately below.
 */
const textsIn = (value: unknown): string[] =>
  typeof value === 'string'
    ? [value]
    : typeof value === 'object' && value !== null
      ? Object.values(value).flatMap(textsIn)
      : [];
const carriesLoneSurrogate = (c: WeeklyCase) => textsIn(c.set).some((t) => /[\uD800-\uDFFF]/u.test(t));
const overHttp = (c: WeeklyCase) => c.establishmentId === undefined && !carriesLoneSurrogate(c);

describe('the weekly bad-input corpus through the ES form over HTTP', () => {
  let s: TestServer;
  let es: string;
  beforeAll(async () => {
    s = await startTestServer(WEEKLY_BASE.previous.now);
    es = s.link('es', WEEKLY_BASE.establishmentId);
    const first = await s.submit(es, es, [
      ['submission_id', crypto.randomUUID()],
      ['week', WEEKLY_BASE.previous.week],
      ...Object.entries(weeklyAnswers(lastWeekCounters(), { report_date: WEEKLY_BASE.previous.reportDate })),
    ]);
    expect(first.statusCode).toBe(303);
    s.clock.set(WEEKLY_BASE.now);
  });
  afterAll(() => s.close());

  const fieldsOfCase = (c: WeeklyCase): Array<[string, string]> => {
    const submission = weeklySubmission(c);
    return [
      ['week', submission.week],
      ...(c.useCaseId ? ([['use_case_id', c.useCaseId]] as Array<[string, string]>) : []),
      ...fieldsOf(submission.values),
    ];
  };
  const snapshot = () => ({
    versions: s.data.store.listReportVersions().length,
    ledger: JSON.stringify(s.data.store.rowLedger(ROW)),
    current: JSON.stringify(s.data.store.currentVersions().get(ROW) ?? null),
  });

  it('runs every case but the one that names another establishment, which only a link can do, and the one a form body cannot carry', () => {
    expect(
      weeklyCases()
        .filter((c) => !overHttp(c))
        .map((c) => c.id),
    ).toEqual(['text-lone-surrogate', 'unknown-establishment']);
  });

  it('stores « � » for a lone surrogate typed in a field: UTF-8 cannot carry it, the browser sends « � »', async () => {
    const c = weeklyCases().find((w) => w.id === 'text-lone-surrogate');
    if (!c) throw new Error('no case');
    const res = await s.submit(es, es, [['submission_id', crypto.randomUUID()], ...fieldsOfCase(c)]);
    expect(res.statusCode).toBe(303);
    const stored = s.data.store.currentVersions().get(ROW)?.values.messaging_feedback;
    expect(stored).toBe('ok � fin');
  });

  const refusals = weeklyCases().filter((c) => isRefusal(c) && overHttp(c));
  it.each(refusals.map((c) => [c.id, c] as const))('refuses %s', async (_id, c) => {
    if (!('code' in c.expect)) throw new Error('not a refusal');
    const before = snapshot();
    const fields = fieldsOfCase(c);
    const res = await s.submit(es, es, [['submission_id', crypto.randomUUID()], ...fields]);
    expect(res.statusCode).toBe(422);
    expectRefusalShown(res.body, coreWeeklyErrors(c), c.expect);
    expect(expectTypedKept(res.body, fields)).toBeGreaterThanOrEqual(5);
    expect(snapshot()).toEqual(before);
  });

  // Accepted cases run after every refusal: each adds a version of the same week.
  const accepted = weeklyCases().filter((c) => !isRefusal(c) && overHttp(c));
  it.each(accepted.map((c) => [c.id, c] as const))(
    'stores %s verbatim and shows it as text',
    async (_id, c) => {
      if (!('stored' in c.expect)) throw new Error('not an accepted case');
      const res = await s.submit(es, es, [['submission_id', crypto.randomUUID()], ...fieldsOfCase(c)]);
      expect(res.statusCode).toBe(303);
      const field = Object.keys(c.set ?? {})[0] ?? '';
      expect(s.data.store.reportVersion(ROW, WEEKLY_BASE.week)?.values[field]).toBe(c.expect.stored);
      const page = await s.get(String(res.headers.location));
      expect(page.statusCode).toBe(200);
      const escaped = c.expect.stored.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
      expect(page.body).toContain(escaped);
      if (c.expect.stored.includes('<')) expect(page.body).not.toContain(c.expect.stored);
    },
  );
});

describe('the initialisation (profile) bad-input corpus through the ES form over HTTP', () => {
  let s: TestServer;
  let profile: string;
  beforeAll(async () => {
    s = await startTestServer(WEEKLY_BASE.now);
    profile = `${s.link('es', WEEKLY_BASE.establishmentId)}/profil`;
  });
  afterAll(() => s.close());

  const fieldsOfCase = (c: ProfileCase): Array<[string, string]> => {
    const { values, useCases } = profileSubmission(c);
    return [
      ...fieldsOf(values),
      ...Object.entries(useCases).flatMap(([id, v]: [string, RawValues]) => fieldsOf(v, `${id}.`)),
    ];
  };

  it.each(profileCases().map((c) => [c.id, c] as const))('refuses %s', async (_id, c) => {
    const before = {
      establishment: JSON.stringify(s.data.store.getEstablishment(WEEKLY_BASE.establishmentId)),
      changes: s.data.store.listCellChanges().length,
    };
    const fields = fieldsOfCase(c);
    const res = await s.submit(profile, profile, [['submission_id', crypto.randomUUID()], ...fields]);
    expect(res.statusCode).toBe(422);
    expectRefusalShown(res.body, coreProfileErrors(c), c.expect);
    expect(expectTypedKept(res.body, fields)).toBeGreaterThanOrEqual(5);
    expect({
      establishment: JSON.stringify(s.data.store.getEstablishment(WEEKLY_BASE.establishmentId)),
      changes: s.data.store.listCellChanges().length,
    }).toEqual(before);
  });
});

/** The French text each kind of refusal page shows (the fixed part of the message). */
const PAGE_TEXT: Record<Exclude<HttpCase['expect']['page'], 'form'>, string> = {
  unknownLink: frRequest.unknownLink(),
  revokedLink: frRequest.revokedLink('\u0000').split('\u0000')[0] ?? '',
  csrf: frRequest.csrf(),
  bodyTooLarge: frRequest.bodyTooLarge(FORM_BODY_LIMIT_BYTES / 1024),
  wrongContentType: frRequest.wrongContentType(URLENCODED),
  malformedForm: frRequest.malformedForm('\u0000').split('\u0000')[0] ?? '',
  notFound: frRequest.notFound(),
  badAddress: frRequest.badAddress(),
};

/** The weekly submission an HTTP case changes, in the weekly corpus's terms (for the core's expected refusal). */
const asWeeklyCase = (c: HttpCase): WeeklyCase => ({
  id: c.id,
  set: Object.fromEntries(Object.entries(c.set ?? {}).filter(([k]) => k !== 'submission_id')),
  unset: (c.unset ?? []).filter((k) => k !== 'submission_id'),
  useCaseId: c.useCaseId,
  expect: { stored: '' },
});

describe('HTTP-level bad input on the local server (test/fixtures/bad-input/http.json)', () => {
  let s: TestServer;
  let es: string;
  let revoked: string;
  beforeAll(async () => {
    s = await startTestServer(WEEKLY_BASE.previous.now);
    revoked = s.link('es', WEEKLY_BASE.establishmentId);
    const first = await s.submit(revoked, revoked, [
      ['submission_id', crypto.randomUUID()],
      ['week', WEEKLY_BASE.previous.week],
      ...Object.entries(weeklyAnswers(lastWeekCounters(), { report_date: WEEKLY_BASE.previous.reportDate })),
    ]);
    expect(first.statusCode).toBe(303);
    s.data.links.rotate((l) => l.establishmentId === WEEKLY_BASE.establishmentId, new Date(WEEKLY_BASE.now));
    es = s.link('es', WEEKLY_BASE.establishmentId);
    s.clock.set(WEEKLY_BASE.now);
  });
  afterAll(() => s.close());

  const own = (role: Role) => (role === 'es' ? es : s.link(role));
  const token = (role: Role) => own(role).split('/')[2] ?? '';
  /** The page of each audience that carries a form (its CSRF token and cookie). */
  const formPage = (role: Role) => (role === 'ans' ? `${own('ans')}/remarques` : own(role));
  const state = () =>
    JSON.stringify({
      versions: s.data.store.listReportVersions().length,
      ledgers: [...s.data.store.allLedgers()],
      establishments: s.data.store.listEstablishments(),
      annotations: [...s.data.store.allAnnotations()],
      changes: s.data.store.listCellChanges().length,
    });

  async function send(c: HttpCase) {
    const audience = c.audience ?? 'es';
    const link = c.link ?? 'own';
    const base =
      link === 'none'
        ? ''
        : link === 'own'
          ? own(audience)
          : link === 'unknown'
            ? `/${audience}/${'A'.repeat(43)}`
            : link === 'malformed'
              ? `/${audience}/inconnu`
              : link === 'too-long'
                ? `/${audience}/${'A'.repeat(300)}`
                : link === 'revoked'
                  ? revoked
                  : `/${audience}/${token(link)}`;
    const url = `${base}${c.path ?? ''}`;
    const method = c.method ?? 'POST';
    if (method === 'GET') return s.app.inject({ method, url });

    const csrf = c.csrf ?? 'valid';
    const page = await s.get(
      csrf === 'other-es' ? s.link('es', 'gh-bichat') : csrf === 'ars' ? formPage('ars') : formPage(audience),
    );
    const fields: Array<[string, string]> = [];
    if (csrf !== 'missing')
      fields.push(['_csrf', csrf === 'forged' ? 'QkFE' + 'x'.repeat(48) : csrfOf(page.body)]);
    if (csrf === 'repeated') fields.push(['_csrf', csrfOf(page.body)]);
    const submissionId = c.set?.submission_id;
    if (!c.unset?.includes('submission_id'))
      fields.push(['submission_id', typeof submissionId === 'string' ? submissionId : crypto.randomUUID()]);
    const submission = weeklySubmission(asWeeklyCase(c));
    fields.push(['week', submission.week]);
    if (c.useCaseId) fields.push(['use_case_id', c.useCaseId]);
    fields.push(...fieldsOf(submission.values), ...(c.add ?? []));
    if (c.padBytes) fields.push(['padding', 'x'.repeat(c.padBytes)]);
    for (let i = 0; i < (c.extraFields ?? 0); i++) fields.push([`extra_${i}`, 'x']);

    const cookie = cookieHeader(page);
    const headers: Record<string, string> = {};
    if (csrf !== 'no-cookie')
      headers.cookie = csrf === 'tampered-cookie' ? `${cookie.slice(0, -2)}xx` : cookie;
    const type = c.contentType === undefined ? URLENCODED : c.contentType;
    if (type !== null) headers['content-type'] = type;
    const payload =
      type === 'application/json' ? JSON.stringify(Object.fromEntries(fields)) : formPayload(fields);
    return s.app.inject({ method, url, headers, payload });
  }

  it('has HTTP cases for every kind the reliability issue lists', () => {
    const ids = httpCases().map((c) => c.id);
    for (const kind of [
      'link-unknown',
      'link-revoked',
      'another-es',
      'repeated-',
      'content-type-',
      'body-oversized',
      'csrf-missing',
      'csrf-forged',
      'submission-id-malformed',
      'get-where-post-expected',
      'static-dotdot',
    ])
      expect(ids.filter((id) => id.startsWith(kind)).length).toBeGreaterThan(0);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it.each(httpCases().map((c) => [c.id, c] as const))('%s', async (_id, c) => {
    const before = state();
    const res = await send(c);
    expect(res.statusCode).toBe(c.expect.status);
    if (c.expect.page === 'form') {
      expectRefusalShown(res.body, coreWeeklyErrors(asWeeklyCase(c)), {
        field: c.expect.field ?? '',
        code: c.expect.code ?? '',
      });
    } else {
      expect(res.body).toContain(PAGE_TEXT[c.expect.page]);
    }
    if (c.expect.absent) expect(res.body).not.toContain(c.expect.absent);
    expect(res.body).not.toMatch(/FST_|"statusCode"|at [\w.]+ \(/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(String(res.headers['content-security-policy'])).toMatch(/default-src '(self|none)'/);
    expect(state()).toEqual(before);
  });

  it('accepts the same request with nothing wrong (the cases fail for their own reason)', async () => {
    const res = await send({ id: 'control', expect: { status: 303, page: 'form' } });
    expect(res.statusCode).toBe(303);
    expect(s.data.store.reportVersion(ROW, WEEKLY_BASE.week)?.version).toBe(1);
  });
});
