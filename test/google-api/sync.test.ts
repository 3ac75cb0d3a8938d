// google sync against the fake Workspace on nock: responses validated by the core, one values.batchUpdate for the
// records, the cursor moved only after it; 429 retried; an interrupted sync loses and duplicates nothing.
import { modificationsOf } from '../support/google-api/modifications';
import { suiviKey } from '../support/google-api/suivi-key';
import { frWorkbookLayout } from '../../src/google/messages';
import { suiviHiddenColumns } from '../../src/google/workbook-layout';
import { parseRowRecord } from '../../src/google/stored-json';
import { columnLetter } from '../../src/domain/workbook/a1';
import { JOURNAL_KIND_LABELS } from '../../src/domain/model';
import { sync } from '../../src/google-api/sync';
import { rewindCursors, storedForm, toOlderFormLayout } from '../support/google-api/stored-forms';
import { decodeRecords } from '../../src/google-api/data-tab';
import { GoogleApiError } from '../../src/google-api/errors';
import { historyHeader } from '../../src/domain/workbook/history-sheet';
import { defaultProject, FixedClock, weeklyAnswers } from '../support/project';
import { FakeWorkspace } from '../support/google-api/fake-workspace';
import { installedWorkspace, resetGoogleMocks, testAdapters } from '../support/google-api/google-mocks';
import { cessrinProfile, respond } from '../support/google-api/respond';

// Each test drives dozens of calls through nock and the fakes: far from the default 5 s on a loaded machine.
jest.setTimeout(60_000);

describe('google sync', () => {
  let fake: FakeWorkspace;
  let spreadsheetId: string;
  beforeEach(async () => {
    ({ fake, spreadsheetId } = await installedWorkspace({ adminEmail: 'admin@ars.fr' }));
  });
  afterEach(resetGoogleMocks);

  const runSync = (now = '2022-06-10T12:00:00+02:00') => {
    const { adapters, google, timing } = testAdapters();
    return {
      timing,
      done: sync(adapters, google, {
        project: defaultProject(),
        spreadsheetId,
        clock: new FixedClock(new Date(now)),
      }),
    };
  };
  /** A sync whose records write succeeds and whose second values.batchUpdate fails. */
  const syncLosingItsSecondWrite = (now: string) => {
    const { adapters, google } = testAdapters();
    const original = adapters.sheets.valuesBatchUpdate.bind(adapters.sheets);
    let calls = 0;
    adapters.sheets.valuesBatchUpdate = async (id, data) => {
      calls += 1;
      if (calls === 2) throw new Error('connection reset');
      return original(id, data);
    };
    return sync(adapters, google, {
      project: defaultProject(),
      spreadsheetId,
      clock: new FixedClock(new Date(now)),
    });
  };
  const weekly = (counters: Record<string, number> = {}, week = '2022-W23') => ({
    ...weeklyAnswers(counters, { report_date: '2022-06-10' }),
    week,
  });
  const suiviRow = (key: string) =>
    fake.values(spreadsheetId, 'Suivi').find((r) => suiviKey(r) === key) ?? [];
  const column = (id: string) => defaultProject().tracking.columns.findIndex((c) => c.id === id);

  describe('with one valid weekly response', () => {
    it('appends it to Historique and rewrites the row’s ES cells, in one values.batchUpdate', async () => {
      respond(fake, spreadsheetId, 'gh-cochin', weekly({ dmp_fed: 7 }), '2022-06-10T08:00:00Z');
      const writesBefore = fake.count('values.batchUpdate');
      const result = await runSync().done;
      expect(result).toMatchObject({ accepted: 1, refused: 0 });
      const history = fake.values(spreadsheetId, 'Historique');
      // The model's columns, then the version as JSON in the hidden column Apps Script also reads.
      expect(history[0]).toEqual([
        ...historyHeader(defaultProject().tracking),
        frWorkbookLayout.historyJsonColumn,
      ]);
      expect(history).toHaveLength(2);
      expect(history[1]).toContain('2022-W23');
      expect(JSON.parse(String(history[1]?.at(-1)))).toMatchObject({
        week: '2022-W23',
        values: { dmp_fed: 7 },
      });
      expect(suiviRow('gh-cochin/uc1')[column('dmp_fed')]).toBe(7);
      // records + cursors, then the summary values
      expect(fake.count('values.batchUpdate') - writesBefore).toBe(3);
      const recordsWrite = fake.spreadsheet(spreadsheetId).valueWrites.at(-3);
      const tabs = recordsWrite?.data?.map((d) => d.range?.split('!')[0]);
      expect(tabs).toEqual(expect.arrayContaining(["'Historique'", "'Journal'", "'Suivi'"]));
      // The version and its journal line are kept in their own tabs, not copied into « Données ».
      expect(tabs).not.toContain("'Données'");
    });

    it('leaves the ARS and ANS cells of the row untouched', async () => {
      respond(fake, spreadsheetId, 'gh-cochin', weekly(), '2022-06-10T08:00:00Z');
      await runSync().done;
      const recordsWrite = fake.spreadsheet(spreadsheetId).valueWrites.at(-3);
      const suiviRanges = (recordsWrite?.data ?? [])
        .filter((d) => d.range?.startsWith("'Suivi'"))
        .map((d) => d.range);
      const tracking = defaultProject().tracking;
      const owners = tracking.columns.map((c) => c.owner);
      // The row's record goes to Suivi's hidden record column (the shared layout), once; every other cell is ES.
      const record = columnLetter(suiviHiddenColumns(tracking).recordCol - 1);
      const cells = suiviRanges.filter((r) => !new RegExp(`!${record}\\d+:${record}\\d+$`).test(r ?? ''));
      expect(suiviRanges.length - cells.length).toBe(1);
      const letters = cells.flatMap((r) => /!([A-Z]+)\d+:([A-Z]+)\d+/.exec(r ?? '')?.slice(1) ?? []);
      const indexes = letters.map((l) => l.charCodeAt(0) - 65);
      expect(indexes.length).toBeGreaterThan(0);
      expect(indexes.every((i) => owners[i] === 'es')).toBe(true);
    });

    it('reads the same response only once across syncs', async () => {
      respond(fake, spreadsheetId, 'gh-cochin', weekly(), '2022-06-10T08:00:00Z');
      await runSync().done;
      const second = await runSync().done;
      expect(second).toMatchObject({ accepted: 0, refused: 0, alreadyIngested: 0, writes: 0 });
      expect(fake.values(spreadsheetId, 'Historique')).toHaveLength(2);
    });
  });

  describe('with a decreasing counter', () => {
    it('refuses it, stores nothing in Historique and says why in the Journal', async () => {
      respond(fake, spreadsheetId, 'gh-cochin', weekly({ dmp_fed: 15 }, '2022-W22'), '2022-06-03T08:00:00Z');
      respond(fake, spreadsheetId, 'gh-cochin', weekly({ dmp_fed: 12 }), '2022-06-10T08:00:00Z');
      const result = await runSync().done;
      expect(result).toMatchObject({ accepted: 1, refused: 1 });
      expect(fake.values(spreadsheetId, 'Historique')).toHaveLength(2);
      const journal = fake.values(spreadsheetId, 'Journal');
      const refusal = journal.find((r) => r[1] === JOURNAL_KIND_LABELS['report.refused']);
      expect(String(refusal?.[5])).toContain('Cumul Nb de DMP alimentés');
    });
  });

  describe('with initialisation responses', () => {
    const CESSRIN = 'cessrin-maisons-laffitte';
    const profile = cessrinProfile;
    const records = () => decodeRecords(fake.values(spreadsheetId, 'Données').slice(1));

    it('maps the answers to profile values and each use case’s `<useCaseId>.<columnId>` rows', async () => {
      respond(fake, spreadsheetId, CESSRIN, profile(), '2022-05-20T08:00:00Z', 'initialisation');
      const result = await runSync('2022-05-20T12:00:00+02:00').done;
      expect(result).toMatchObject({ accepted: 1, refused: 0 });
      for (const uc of ['uc1', 'uc2']) {
        const row = suiviRow(`${CESSRIN}/${uc}`);
        expect(row[column('bed_count')]).toBe(120);
        expect(row[column('care_type')]).toBe('SMR (SSR) ; HDJ');
        expect(row[column('es_contact')]).toBe(
          'Martin, Claire, claire.martin@cessrin.fr, Cadre de santé, 01 23 45 67 89',
        );
        expect(row[column('ins_status')]).toBe('En cours de déploiement');
      }
      expect(suiviRow(`${CESSRIN}/uc1`)[column('use_case')]).toBe('Bilan de pré-transplantation');
      expect(suiviRow(`${CESSRIN}/uc2`)[column('pathway')]).toBe('HDJ SSR « Autonomie »');
      const changes = modificationsOf(fake, spreadsheetId);
      expect(changes.filter((c) => c.scope === 'useCase').map((c) => `${c.target} ${c.columnId}`)).toEqual([
        `${CESSRIN}/uc1 pathway`,
        `${CESSRIN}/uc1 use_case`,
        `${CESSRIN}/uc2 pathway`,
        `${CESSRIN}/uc2 use_case`,
      ]);
      expect(changes.every((c) => c.source === 'form' && c.role === 'es')).toBe(true);
      // In the Modifications tab of the shared layout, no longer copied into « Données ».
      expect(records().filter((r) => r.kind === 'change')).toEqual([]);
      const journal = fake.values(spreadsheetId, 'Journal');
      expect(journal.filter((r) => r[1] === JOURNAL_KIND_LABELS['profile.updated'])).toHaveLength(1);
    });

    it('journals a refused profile with its reason and changes nothing', async () => {
      const before = suiviRow(`${CESSRIN}/uc1`);
      respond(
        fake,
        spreadsheetId,
        CESSRIN,
        profile({ 'es_contact#0.email': 'pas-une-adresse', bed_count: '12,5' }),
        '2022-05-20T08:00:00Z',
        'initialisation',
      );
      const result = await runSync('2022-05-20T12:00:00+02:00').done;
      expect(result).toMatchObject({ accepted: 0, refused: 1 });
      // Only the form's read cursor moved, in the row's record.
      const withoutCursor = (row: unknown[]) => {
        const at = suiviHiddenColumns(defaultProject().tracking).recordCol - 1;
        const record = parseRowRecord(String(row[at]), 'Suivi');
        delete record.forms?.initialisation?.api?.since;
        return [...row.slice(0, at), record];
      };
      expect(withoutCursor(suiviRow(`${CESSRIN}/uc1`))).toEqual(withoutCursor(before));
      expect(storedForm(fake, spreadsheetId, CESSRIN, 'initialisation').api?.since).toBe(
        '2022-05-20T08:00:00Z',
      );
      expect(modificationsOf(fake, spreadsheetId)).toHaveLength(0);
      const refusal = fake
        .values(spreadsheetId, 'Journal')
        .find((r) => r[1] === JOURNAL_KIND_LABELS['cell.refused']);
      expect(String(refusal?.[5])).toContain('adresse mail invalide');
      expect(String(refusal?.[5])).toContain('Nb de lits');
    });

    it('ignores a replayed response: the profile is updated once', async () => {
      respond(fake, spreadsheetId, CESSRIN, profile(), '2022-05-20T08:00:00Z', 'initialisation');
      await runSync('2022-05-20T12:00:00+02:00').done;
      // The cursor behind the response (lost in an older workbook): the next run reads the response again.
      rewindCursors(fake, spreadsheetId);
      const again = await runSync('2022-05-20T13:00:00+02:00').done;
      expect(again).toMatchObject({ accepted: 0, refused: 0, alreadyIngested: 1 });
      expect(
        fake.values(spreadsheetId, 'Journal').filter((r) => r[1] === JOURNAL_KIND_LABELS['profile.updated']),
      ).toHaveLength(1);
      expect(modificationsOf(fake, spreadsheetId).length).toBeGreaterThan(0);
    });
  });

  describe('when Google answers 429 once', () => {
    it('waits with backoff and completes', async () => {
      respond(fake, spreadsheetId, 'gh-cochin', weekly(), '2022-06-10T08:00:00Z');
      fake.failNext('values.batchUpdate', 429);
      const { done, timing } = runSync();
      await expect(done).resolves.toMatchObject({ accepted: 1 });
      expect(timing.waits.length).toBeGreaterThanOrEqual(1);
      expect(fake.values(spreadsheetId, 'Historique')).toHaveLength(2);
    });
  });

  describe('when the write fails in the middle of a sync', () => {
    it('writes nothing, keeps the cursor, and the next run completes without duplicates', async () => {
      respond(fake, spreadsheetId, 'gh-cochin', weekly({ visits: 20 }), '2022-06-10T08:00:00Z');
      respond(fake, spreadsheetId, 'clinique-du-parc', weekly(), '2022-06-10T09:00:00Z');
      fake.failNext('values.batchUpdate', 500, 500, 500, 500, 500, 500);
      const failed = runSync().done;
      await expect(failed).rejects.toBeInstanceOf(GoogleApiError);
      await expect(failed).rejects.toMatchObject({ code: 'RETRIES_EXHAUSTED' });
      expect(fake.values(spreadsheetId, 'Historique')).toHaveLength(1);
      // Each cursor is in its form's record: unmoved.
      expect(storedForm(fake, spreadsheetId, 'gh-cochin').api?.since).toBeUndefined();
      expect(storedForm(fake, spreadsheetId, 'clinique-du-parc').api?.since).toBeUndefined();

      const result = await runSync().done;
      expect(result.accepted).toBe(2);
      expect(fake.values(spreadsheetId, 'Historique')).toHaveLength(3);
      expect(suiviRow('gh-cochin/uc1')[column('visits')]).toBe(20);
    });

    it('moves each cursor in the same write as the responses read up to it', async () => {
      respond(fake, spreadsheetId, 'gh-cochin', weekly(), '2022-06-10T08:00:00Z');
      // The records write succeeds, then the next one (the forms' help texts) fails for good.
      await expect(syncLosingItsSecondWrite('2022-06-10T12:00:00+02:00')).rejects.toThrow('connection reset');
      expect(storedForm(fake, spreadsheetId, 'gh-cochin').api?.since).toBe('2022-06-10T08:00:00Z');
      const result = await runSync().done;
      // The response is not even listed again: the cursor moved with it.
      expect(result).toMatchObject({ accepted: 0, alreadyIngested: 0 });
      expect(fake.values(spreadsheetId, 'Historique')).toHaveLength(2);
    });

    it('recognises responses already written when a cursor is behind them', async () => {
      respond(fake, spreadsheetId, 'gh-cochin', weekly(), '2022-06-10T08:00:00Z');
      await runSync().done;
      // As if the cursor had been lost (an older workbook whose cursor write failed): the response comes again.
      toOlderFormLayout(fake, spreadsheetId);
      const data = fake.spreadsheet(spreadsheetId).sheets.find((x) => x.properties.title === 'Données')!;
      for (let i = data.cells.length - 1; i >= 0; i -= 1)
        if (data.cells[i]?.[0] === 'cursor') data.removeRow(i);
      const result = await runSync().done;
      expect(result).toMatchObject({ accepted: 0, alreadyIngested: 1 });
      expect(fake.values(spreadsheetId, 'Historique')).toHaveLength(2);
    });
  });

  describe('after reports are ingested', () => {
    const weeklyForm = (establishmentId: string) => {
      const meta = storedForm(fake, spreadsheetId, establishmentId);
      return { meta, form: fake.form(meta.id) };
    };
    const help = (establishmentId: string, title: string) =>
      weeklyForm(establishmentId).form.items.find((i) => i.title === title)?.description ?? '';
    const label = (id: string) => defaultProject().tracking.columns.find((c) => c.id === id)?.label ?? id;
    const w22 = (dmpFed: number) => ({
      ...weekly({ dmp_fed: dmpFed }, '2022-W22'),
      report_date: '2022-06-03',
    });

    it('shows last week’s value under each counter of that establishment’s form, with a description-only update', async () => {
      respond(fake, spreadsheetId, 'gh-cochin', w22(15), '2022-06-03T08:00:00Z');
      await runSync('2022-06-07T09:00:00+02:00').done;
      expect(help('gh-cochin', label('dmp_fed'))).toContain('Semaine précédente : 15 (2022-W22).');
      expect(help('gh-cochin', label('dmp_fed'))).toContain('au moins 15');
      expect(help('gh-cochin', label('visits'))).toContain('Semaine précédente : 12 (2022-W22).');
      expect(help('clinique-du-parc', label('dmp_fed'))).not.toContain('Semaine précédente');
      const updates = weeklyForm('gh-cochin')
        .form.batches.flat()
        .filter((r) => r.updateItem?.updateMask === 'description');
      expect(updates).toHaveLength(6);
      expect(
        updates.every(
          (r) =>
            Object.keys(r.updateItem?.item ?? {})
              .sort()
              .join() === 'description,itemId',
        ),
      ).toBe(true);
    });

    it('writes a help text only when it changes', async () => {
      respond(fake, spreadsheetId, 'gh-cochin', w22(15), '2022-06-03T08:00:00Z');
      await runSync('2022-06-07T09:00:00+02:00').done;
      const batches = fake.count('forms.batchUpdate');
      await runSync('2022-06-07T10:00:00+02:00').done;
      expect(fake.count('forms.batchUpdate')).toBe(batches);
      respond(fake, spreadsheetId, 'gh-cochin', w22(20), '2022-06-07T11:00:00Z');
      await runSync('2022-06-07T12:00:00+02:00').done;
      expect(fake.count('forms.batchUpdate')).toBe(batches + 1);
      expect(help('gh-cochin', label('dmp_fed'))).toContain('Semaine précédente : 20 (2022-W22).');
    });

    it('reads once the items of a form made before help texts were kept, then updates it', async () => {
      respond(fake, spreadsheetId, 'gh-cochin', w22(15), '2022-06-03T08:00:00Z');
      // An older workbook: its forms in « Données », Cochin's weekly one from before items were kept.
      toOlderFormLayout(fake, spreadsheetId, (record) => {
        if (record.form !== 'weekly' || record.establishmentId !== 'gh-cochin') return record;
        const { items: _items, ...older } = record;
        return older;
      });
      await runSync('2022-06-07T09:00:00+02:00').done;
      expect(fake.count('forms.get')).toBe(1);
      expect(help('gh-cochin', label('dmp_fed'))).toContain('Semaine précédente : 15 (2022-W22).');
      // Now in Suivi's records, each question with its item.
      expect(
        Object.values(weeklyForm('gh-cochin').meta.api?.questions ?? {}).every((q) => q.itemId !== undefined),
      ).toBe(true);
      await runSync('2022-06-07T10:00:00+02:00').done;
      expect(fake.count('forms.get')).toBe(1);
    });
  });

  describe('as weeks go by', () => {
    it('adds the new week to each weekly form’s week question', async () => {
      const result = await runSync('2022-06-20T09:00:00+02:00').done;
      expect(result.formsUpdated).toBe(defaultProject().establishments.length);
      const isWeek = (i: { title?: string | null; questionItem?: unknown }) =>
        i.title === 'Semaine' && !!i.questionItem;
      const form = [...fake.forms.values()].find((f) => f.items.some(isWeek));
      const options = form?.items.find(isWeek)?.questionItem?.question?.choiceQuestion?.options ?? [];
      expect(options.length).toBeGreaterThan(1);
      expect((await runSync('2022-06-20T10:00:00+02:00').done).formsUpdated).toBe(0);
    });
  });
});
