// The bad-input corpus (test/fixtures/bad-input/weekly.json and profile.json) against `suivi-mes google sync` on
// nock: every case as a response that forms.responses.list returns for the establishment's form. The REST API puts
// no validation on a question, so the sync alone stands between a response and the workbook: each refusal is
// journaled once, naming the field in French, with nothing appended to Historique and nothing changed in the Suivi
// row or the records; the form's cursor moves past the refused responses so the next sync reads nothing again;
// accepted text is written RAW and reads back verbatim. Some inputs cannot come from a Google Form at all (a
// question the form does not have, two answers to one text question, another form's response): the test forges
// the API's reply for them and says so.
import { modificationsOf } from '../support/google-api/modifications';
import { parseMeta, parseRowRecord, recordFieldKey } from '../../src/google/stored-json';
import { META_ROW, suiviHiddenColumns } from '../../src/google/workbook-layout';
import { suiviKey } from '../support/google-api/suivi-key';
import { storedForm } from '../support/google-api/stored-forms';
import { hasUnsafeCharacters } from '../../src/domain/safe-text';
import { columnById } from '../../src/domain/columns';
import { JOURNAL_KIND_LABELS } from '../../src/domain/model';
import type { RawValue, RecordEntry } from '../../src/domain/values';
import { sync, type SyncResult } from '../../src/google-api/sync';
import {
  profileCases,
  profileSubmission,
  weeklyCases,
  weeklySubmission,
  WEEKLY_BASE,
  type ProfileCase,
  type WeeklyCase,
  frenchFieldName,
} from '../support/bad-input';
import { defaultProject, FixedClock, weeklyAnswers } from '../support/project';
import { FakeWorkspace } from '../support/google-api/fake-workspace';
import { installedWorkspace, resetGoogleMocks, testAdapters } from '../support/google-api/google-mocks';
import { respond } from '../support/google-api/respond';

// Each sync drives dozens of calls through nock and the fakes.
jest.setTimeout(120_000);

const project = defaultProject();
const COCHIN = WEEKLY_BASE.establishmentId;
const KEY = `${COCHIN}/${WEEKLY_BASE.useCaseId}`;
const label = (id: string) => columnById(project.tracking, id)?.label;

/** Inputs a Google Form's page would not send (the REST sync must refuse them all the same). */
const GOOGLE_FORMS_STOPS: Readonly<Record<string, string>> = {
  'counter-empty': 'required question',
  'counter-blank': 'required question',
  'counter-missing': 'required question',
  'week-malformed': 'dropdown',
  'week-impossible': 'dropdown',
  'week-before-pilot': 'dropdown',
  'week-after-pilot': 'dropdown',
  'week-future': 'dropdown (the week has not opened yet)',
  'week-empty': 'required question',
  'date-malformed': 'date question (answers are YYYY-MM-DD)',
  'date-impossible': 'date question',
  'beds-empty': 'required question',
  'ins-unknown': 'dropdown',
  'dmp-unknown': 'dropdown',
  'contact-name-missing': 'required question',
  'contact-none': 'required question',
  'pathway-empty': 'required question',
};

/** Inputs no Google Form can produce: the API's reply is forged as described. */
const FORGED: Readonly<Record<string, string>> = {
  'counter-repeated-field': 'two text answers to the counter’s question',
  'unknown-field': 'an answer under a question id the form does not have, named like the ARS column',
  'unknown-field-proto': 'an answer under a question id "__proto__x"',
  'other-use-case': 'GH COCHIN’s form asks no use case: an answer under the use-case field names uc2',
  'unknown-establishment': 'the response names another form (formId) than the one it is listed under',
  'contact-not-a-list': 'the contact asked field by field arrives as one answer under the record’s name',
  'profile-unknown-field': 'an answer under a question id named like the ANS column',
};

const frenchName = (field: string) => frenchFieldName(project.tracking, field);

let fake: FakeWorkspace;
let spreadsheetId: string;

function runSync(now: string): Promise<SyncResult> {
  const { adapters, google } = testAdapters();
  return sync(adapters, google, { project, spreadsheetId, clock: new FixedClock(new Date(now)) });
}

const journal = () => fake.values(spreadsheetId, 'Journal').slice(1);
const history = () => fake.values(spreadsheetId, 'Historique').slice(1);
const suiviRow = () => fake.values(spreadsheetId, 'Suivi').find((r) => suiviKey(r) === KEY) ?? [];
const { keyCol, recordCol } = suiviHiddenColumns(project.tracking);
/** The Suivi row's visible cells and key (its hidden record is checked on its own). */
const suiviCells = (row: readonly unknown[]) => row.slice(0, keyCol);
const rowRecord = (row: readonly unknown[]) => parseRowRecord(String(row[recordCol - 1]), KEY);
/**
 * A row's record without its forms: their read cursors move past what was read (refused or not) and their help
 * texts follow the week (both checked on their own).
 */
const withoutForms = (row: readonly unknown[]) => {
  const record = rowRecord(row);
  delete record.forms;
  return record;
};
const meta = () =>
  parseMeta(String(fake.values(spreadsheetId, 'Suivi')[META_ROW - 1]?.[recordCol - 1] ?? ''), 'meta');
const weeklyFormId = () => storedForm(fake, spreadsheetId, COCHIN).id;

/** A weekly case as answers by field name, and what must be forged beside them. */
function weeklyReply(c: WeeklyCase): {
  answers: Record<string, string | string[]>;
  forged: Record<string, string | string[]>;
} {
  const s = weeklySubmission(c);
  const answers: Record<string, string | string[]> = { week: s.week };
  const forged: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(s.values)) {
    const target = columnById(project.tracking, k) && k !== 'actions' ? answers : forged;
    if (typeof v === 'string' || Array.isArray(v)) target[k] = v as string | string[];
  }
  if (s.useCaseId !== WEEKLY_BASE.useCaseId) forged.use_case_id = s.useCaseId;
  return { answers, forged };
}

/** A profile case as answers by field name (records by `name#i.field`, use cases by `uc.name`). */
function profileReply(c: ProfileCase): {
  answers: Record<string, string | string[]>;
  forged: Record<string, string | string[]>;
} {
  const p = profileSubmission(c);
  const answers: Record<string, string | string[]> = {};
  const forged: Record<string, string | string[]> = {};
  const put = (name: string, v: RawValue) => {
    const column = columnById(project.tracking, name.split('.').pop() ?? name);
    if (!column || name === 'remarks') {
      if (typeof v === 'string') forged[name] = v;
    } else if (column.type.kind === 'record' && Array.isArray(v))
      (v as RecordEntry[]).forEach((entry, i) => {
        for (const [field, text] of Object.entries(entry))
          if (text !== '') answers[recordFieldKey(name, i, field)] = text;
      });
    else if (column.type.kind === 'record') forged[name] = String(v);
    else if (typeof v === 'string' || Array.isArray(v)) answers[name] = v as string | string[];
  };
  for (const [k, v] of Object.entries(p.values)) put(k, v);
  for (const [u, values] of Object.entries(p.useCases))
    for (const [k, v] of Object.entries(values)) put(`${u}.${k}`, v);
  return { answers, forged };
}

beforeAll(async () => {
  ({ fake, spreadsheetId } = await installedWorkspace({ project }));
  const p = WEEKLY_BASE.previous;
  const counters = Object.fromEntries(
    ['messages_sent', 'messages_received', 'dmp_fed', 'dmp_consulted', 'patients_included', 'visits'].map(
      (k) => [k, p.counter],
    ),
  );
  respond(
    fake,
    spreadsheetId,
    COCHIN,
    { ...weeklyAnswers(counters, { report_date: p.reportDate }), week: p.week },
    '2022-06-03T08:00:00Z',
  );
  expect(await runSync(p.now)).toMatchObject({ accepted: 1, refused: 0 });
});
afterAll(resetGoogleMocks);

describe('bad input — REST sync, weekly form', () => {
  const cases = weeklyCases();
  const refused = cases.filter((c) => 'field' in c.expect);
  const stored = cases.filter((c) => 'stored' in c.expect);
  const ids = new Map<string, string>();
  let suiviBefore: unknown[] = [];
  let orphansBefore: string[] = [];
  let result: SyncResult;

  beforeAll(async () => {
    suiviBefore = suiviRow();
    orphansBefore = meta().orphans;
    refused.forEach((c, i) => {
      const at = new Date(Date.parse('2022-06-10T08:00:00Z') + i * 1000).toISOString();
      const { answers, forged } = weeklyReply(c);
      const responseId = respond(fake, spreadsheetId, COCHIN, answers, at, 'weekly', forged);
      if (c.id === 'unknown-establishment') {
        const response = fake.form(weeklyFormId()).data.responses.at(-1)!;
        response.forgedFormId = 'form-of-another-establishment';
      }
      ids.set(c.id, `${responseId}@${at}`);
    });
    result = await runSync(WEEKLY_BASE.now);
  });

  it('names only cases of the corpus in its tables', () => {
    const all = new Set([...cases, ...profileCases()].map((c) => c.id));
    for (const id of [...Object.keys(GOOGLE_FORMS_STOPS), ...Object.keys(FORGED)])
      expect([id, all.has(id)]).toEqual([id, true]);
  });

  it('refuses every refused case of the corpus in one sync, appending nothing and leaving the Suivi row as it was', () => {
    expect(result).toMatchObject({ accepted: 0, refused: refused.length, alreadyIngested: 0 });
    expect(history()).toHaveLength(1);
    expect(suiviCells(suiviRow())).toEqual(suiviCells(suiviBefore));
    // Each refusal is kept as seen, as Apps Script keeps it: in the row's record, or in the meta cell when it
    // belongs to no row; nothing else in the record changes.
    const before = withoutForms(suiviBefore);
    const after = withoutForms(suiviRow());
    expect({ ...after, submissions: before.submissions }).toEqual(before);
    // (The earlier report's id, more than a day before the cursor, is forgotten: src/google/api-submissions.ts.)
    const seen = [
      ...after.submissions.filter((s) => !before.submissions.includes(s)),
      ...meta().orphans.slice(orphansBefore.length),
    ];
    expect(seen.sort()).toEqual([...ids.values()].sort());
  });

  it.each(refused.map((c) => [c.id, c] as const))('%s is journaled once, naming its field', (id, c) => {
    const expected = c.expect as { field: string; code: string };
    const lines = journal().filter((r) => String(r[6]).startsWith(`${ids.get(id)}:`));
    expect(lines).toHaveLength(1);
    expect(lines[0]?.[1]).toBe(JOURNAL_KIND_LABELS['report.refused']);
    expect(String(lines[0]?.[5])).toContain(`« ${frenchName(expected.field)} »`);
    expect(String(lines[0]?.[6])).toContain(expected.code);
  });

  it('quotes a refused counter in the Journal with « � » for what no file may carry', () => {
    const line = journal().find((r) => String(r[6]).startsWith(`${ids.get('counter-with-ffff')}:`));
    expect(String(line?.[5])).toContain('(reçu « 12� »)');
    expect(journal().some((r) => r.some((v) => hasUnsafeCharacters(String(v))))).toBe(false);
  });

  it('moves the cursor past the refused responses: the next sync reads nothing and journals nothing', async () => {
    // The cursor is kept with the form, in the establishment's records.
    expect(storedForm(fake, spreadsheetId, COCHIN).api?.since).toBe(
      new Date(Date.parse('2022-06-10T08:00:00Z') + (refused.length - 1) * 1000).toISOString(),
    );
    const lines = journal().length;
    expect(await runSync('2022-06-10T12:30:00+02:00')).toMatchObject({
      accepted: 0,
      refused: 0,
      alreadyIngested: 0,
      writes: 0,
    });
    expect(journal()).toHaveLength(lines);
  });

  it('stores each accepted text verbatim, written RAW, as Historique and the Suivi row read it back', async () => {
    const writes = fake.spreadsheet(spreadsheetId).valueWrites.length;
    for (const [i, c] of stored.entries()) {
      const at = new Date(Date.parse('2022-06-10T09:00:00Z') + i * 1000).toISOString();
      respond(fake, spreadsheetId, COCHIN, weeklyReply(c).answers, at);
      expect([c.id, await runSync('2022-06-10T13:00:00+02:00')]).toEqual([
        c.id,
        expect.objectContaining({ accepted: 1, refused: 0 }),
      ]);
      const field = Object.keys(c.set ?? {})[0]!;
      const text = (c.expect as { stored: string }).stored;
      const col = project.tracking.columns.findIndex((x) => x.id === field);
      expect([c.id, suiviRow()[col]]).toEqual([c.id, text]);
      const header = fake.values(spreadsheetId, 'Historique')[0] ?? [];
      expect([c.id, history().at(-1)?.[header.indexOf(label(field)!)]]).toEqual([c.id, text]);
    }
    expect(history()).toHaveLength(1 + stored.length);
    const bodies = fake.spreadsheet(spreadsheetId).valueWrites.slice(writes);
    expect(bodies.length).toBeGreaterThan(0);
    expect(bodies.every((b) => b.valueInputOption === 'RAW')).toBe(true);
  });
});

describe('bad input — REST sync, initialisation form', () => {
  const cases = profileCases();
  const ids = new Map<string, string>();
  let suiviBefore: unknown[] = [];
  let result: SyncResult;

  beforeAll(async () => {
    suiviBefore = suiviRow();
    cases.forEach((c, i) => {
      const at = new Date(Date.parse('2022-06-10T10:00:00Z') + i * 1000).toISOString();
      const { answers, forged } = profileReply(c);
      const responseId = respond(fake, spreadsheetId, COCHIN, answers, at, 'initialisation', forged);
      ids.set(c.id, `${responseId}@${at}`);
    });
    result = await runSync('2022-06-10T14:00:00+02:00');
  });

  it('refuses every case, changing neither the Suivi row nor the records', () => {
    expect(result).toMatchObject({ accepted: 0, refused: cases.length });
    expect(suiviCells(suiviRow())).toEqual(suiviCells(suiviBefore));
    expect(withoutForms(suiviRow())).toEqual(withoutForms(suiviBefore));
    expect(modificationsOf(fake, spreadsheetId)).toEqual([]);
  });

  it.each(cases.map((c) => [c.id, c] as const))('%s is journaled once, naming its field', (id, c) => {
    const lines = journal().filter((r) => String(r[6]).startsWith(`${ids.get(id)}:`));
    expect(lines).toHaveLength(1);
    expect(lines[0]?.[1]).toBe(JOURNAL_KIND_LABELS['cell.refused']);
    expect(String(lines[0]?.[5])).toContain(`« ${frenchName(c.expect.field)} »`);
    expect(String(lines[0]?.[6])).toContain(c.expect.code);
  });
});
