// The store contract: the same use cases, run against every runtime's Store (memory, SQLite, Apps Script on the
// emulator, REST on nock), must give the same observable results. A runtime's test file calls
// `describeStoreContract('SQLite', () => new SqliteStore(...))`.
import type { Store } from '../../../src/ports';
import { ingestWeeklyReport } from '../../../src/app/ingest-weekly-report';
import { correctionBasis, correctReport } from '../../../src/app/correct-report';
import { cellBasis, editCell } from '../../../src/app/edit-cell';
import { profileBasis, updateProfile } from '../../../src/app/update-profile';
import { dateInWeek } from '../../../src/domain/iso-week';
import { appContext, seededStore, weeklyAnswers } from '../project';

export interface StoreUnderTest {
  store: Store;
  /** Reopens the same data (a new connection, a new execution…) to show writes were durable. */
  reopen?: () => Store;
  /** For asynchronous runtimes (REST): writes what is pending, then reopens from what the backend holds. */
  reopenAsync?: () => Promise<Store>;
  cleanup?: () => void;
}

export function describeStoreContract(name: string, make: () => StoreUnderTest): void {
  describe(`Store contract — ${name}`, () => {
    let subject: StoreUnderTest;
    beforeEach(() => {
      subject = make();
      seededStore(subject.store);
    });
    afterEach(() => subject.cleanup?.());

    const ctxAt = (now = '2022-06-10T10:00:00+02:00') => appContext(now, subject.store);
    const submit = (
      id: string,
      week: string,
      counters: Record<string, number> = {},
      now?: string,
      extra: Record<string, string> = {},
    ) =>
      ingestWeeklyReport(ctxAt(now), {
        submissionId: id,
        source: 'form',
        author: 'referent@ch.fr',
        submission: {
          establishmentId: 'gh-cochin',
          useCaseId: 'uc1',
          week,
          values: weeklyAnswers(counters, { report_date: dateInWeek(week, 5), ...extra }),
        },
      });

    it('keeps the seeded registry: 16 establishments, CESSRIN with two use cases', () => {
      expect(subject.store.listEstablishments()).toHaveLength(16);
      expect(subject.store.getEstablishment('cessrin-maisons-laffitte')?.useCases.map((u) => u.id)).toEqual([
        'uc1',
        'uc2',
      ]);
      expect(subject.store.getEstablishment('nope')).toBeUndefined();
    });

    it('stores an accepted report as version 1 and makes it the row’s ledger', () => {
      const outcome = submit('r1', '2022-W23', { dmp_fed: 5 });
      expect(outcome.status).toBe('accepted');
      const ledger = subject.store.rowLedger('gh-cochin/uc1');
      expect(ledger).toHaveLength(1);
      expect(ledger[0]).toMatchObject({ week: '2022-W23', version: 1, counters: { dmp_fed: 5 } });
      expect(subject.store.reportVersion('gh-cochin/uc1', '2022-W23')?.values.dmp_fed).toBe(5);
      expect(subject.store.hasSubmission('r1')).toBe(true);
    });

    it('refuses a decreasing counter and stores nothing but the refusal', () => {
      expect(submit('r1', '2022-W22', { dmp_fed: 15 }, '2022-06-03T10:00:00+02:00').status).toBe('accepted');
      const before = subject.store.listReportVersions().length;
      const outcome = submit('r2', '2022-W23', { dmp_fed: 12 });
      expect(outcome).toMatchObject({ status: 'refused' });
      expect(outcome.status === 'refused' && outcome.errors.map((e) => e.code)).toEqual([
        'COUNTER_DECREASED',
      ]);
      expect(subject.store.listReportVersions()).toHaveLength(before);
      expect(subject.store.rowLedger('gh-cochin/uc1').map((e) => e.week)).toEqual(['2022-W22']);
      expect(subject.store.listJournal().some((j) => j.kind === 'report.refused')).toBe(true);
    });

    it('ignores a duplicate delivery of the same submission', () => {
      submit('r1', '2022-W23');
      expect(submit('r1', '2022-W23').status).toBe('duplicate');
      expect(subject.store.listReportVersions()).toHaveLength(1);
    });

    it('keeps both versions of a resubmitted week, the newer one current', () => {
      submit('r1', '2022-W23', { visits: 12 });
      submit('r2', '2022-W23', { visits: 14 });
      const versions = subject.store.listReportVersions();
      expect(versions.map((v) => [v.week, v.version, v.values.visits])).toEqual([
        ['2022-W23', 1, 12],
        ['2022-W23', 2, 14],
      ]);
      expect(subject.store.reportVersion('gh-cochin/uc1', '2022-W23')?.version).toBe(2);
    });

    it('keeps user text exactly, formula-like or not', () => {
      const text = '=HYPERLINK("http://x") + @SUM(A1) ; « guillemets » $1 \\ {{x}}';
      submit('r1', '2022-W23', {}, undefined, { vigilance_points: text });
      expect(subject.store.reportVersion('gh-cochin/uc1', '2022-W23')?.values.vigilance_points).toBe(text);
    });

    it('records an ARS correction with its reason as a new version', () => {
      submit('r1', '2022-W23', { dmp_fed: 50 });
      const outcome = correctReport(ctxAt(), {
        establishmentId: 'gh-cochin',
        useCaseId: 'uc1',
        role: 'ars',
        author: 'ars@ars.fr',
        submissionId: 'c1',
        correction: { week: '2022-W23', values: { dmp_fed: '5' }, reason: 'Erreur de saisie (zéro en trop)' },
      });
      expect(outcome.status).toBe('corrected');
      const current = subject.store.reportVersion('gh-cochin/uc1', '2022-W23');
      expect(current).toMatchObject({
        version: 2,
        source: 'correction',
        reason: 'Erreur de saisie (zéro en trop)',
      });
      expect(current?.values.dmp_fed).toBe(5);
      expect(current?.values.visits).toBe(12);
    });

    it('applies an ARS correction once, however often it is sent', () => {
      submit('r1', '2022-W23', { dmp_fed: 50 });
      const correction = {
        establishmentId: 'gh-cochin',
        useCaseId: 'uc1',
        role: 'ars' as const,
        author: 'ars@ars.fr',
        submissionId: 'c1',
        correction: { week: '2022-W23', values: { dmp_fed: '5' }, reason: 'Erreur de saisie' },
      };
      expect(correctReport(ctxAt(), correction).status).toBe('corrected');
      expect(correctReport(ctxAt(), correction).status).toBe('duplicate');
      expect(subject.store.listReportVersions()).toHaveLength(2);
    });

    describe('a write based on what the user saw, when the record moved meanwhile', () => {
      it('refuses an ARS correction opened before the ES resubmitted the week, and keeps the ES’s newer values', () => {
        expect(submit('r1', '2022-W23', { dmp_fed: 5, patients_included: 8 }).status).toBe('accepted');
        const shown = subject.store.reportVersion('gh-cochin/uc1', '2022-W23');
        const basis = correctionBasis(ctxAt(), shown);
        expect(submit('r2', '2022-W23', { dmp_fed: 7, patients_included: 9 }).status).toBe('accepted');
        const stale = correctReport(ctxAt(), {
          establishmentId: 'gh-cochin',
          useCaseId: 'uc1',
          role: 'ars',
          author: 'ars@ars.fr',
          submissionId: 'c-stale',
          // What the stale form posts: the counters it showed, and the one text the ARS changed.
          correction: {
            week: '2022-W23',
            values: { dmp_fed: '5', patients_included: '8', vigilance_points: 'Relance faite' },
            reason: 'Précision de la binôme',
          },
          basis,
        });
        expect(stale).toMatchObject({ status: 'stale', changed: ['dmp_fed', 'patients_included'] });
        if (stale.status !== 'stale') throw new Error('not stale');
        expect(stale.errors[0]?.message).toContain('« Cumul Nb de DMP alimentés » (maintenant « 7 »)');
        expect(subject.store.reportVersion('gh-cochin/uc1', '2022-W23')).toMatchObject({
          version: 2,
          values: { dmp_fed: 7, patients_included: 9 },
        });
        expect(subject.store.hasSubmission('c-stale')).toBe(false);
        expect(subject.store.listJournal().at(-1)).toMatchObject({
          kind: 'cell.refused',
          actor: 'ars@ars.fr',
        });
        // Redone on the current values, the same correction goes through and keeps the ES's newer counters.
        const redone = correctReport(ctxAt(), {
          establishmentId: 'gh-cochin',
          useCaseId: 'uc1',
          role: 'ars',
          author: 'ars@ars.fr',
          submissionId: 'c-redone',
          correction: {
            week: '2022-W23',
            values: { vigilance_points: 'Relance faite' },
            reason: 'Précision',
          },
          basis: correctionBasis(ctxAt(), subject.store.reportVersion('gh-cochin/uc1', '2022-W23')),
        });
        expect(redone.status).toBe('corrected');
        expect(subject.store.reportVersion('gh-cochin/uc1', '2022-W23')).toMatchObject({
          version: 3,
          values: { dmp_fed: 7, patients_included: 9, vigilance_points: 'Relance faite' },
        });
      });

      it('refuses a cell edit whose editor showed a value someone has changed since', () => {
        const edit = (raw: string, author: string, basis?: string) =>
          editCell(ctxAt(), {
            rowKey: 'gh-cochin/uc1',
            columnId: 'actions',
            raw,
            role: 'ars',
            author,
            source: 'grid',
            ...(basis !== undefined ? { basis } : {}),
          });
        const opened = cellBasis('actions', null);
        expect(edit('Relancer le DSI', 'a@ars.fr', cellBasis('actions', null)).status).toBe('saved');
        const stale = edit('Point le 20/06', 'b@ars.fr', opened);
        expect(stale).toMatchObject({ status: 'stale', changed: ['actions'] });
        expect(subject.store.annotations('gh-cochin/uc1')).toEqual({ actions: 'Relancer le DSI' });
        expect(edit('Point le 20/06', 'b@ars.fr', cellBasis('actions', 'Relancer le DSI')).status).toBe(
          'saved',
        );
        expect(subject.store.annotations('gh-cochin/uc1')).toEqual({ actions: 'Point le 20/06' });
      });

      it('refuses a profile form opened before another profile was saved', () => {
        const establishment = subject.store.getEstablishment('gh-cochin');
        if (!establishment) throw new Error('no gh-cochin');
        const basis = profileBasis(ctxAt(), establishment);
        const profile = (beds: string) => ({
          values: {
            care_type: ['MCO'],
            bed_count: beds,
            es_contact: [
              {
                last_name: 'Martin',
                first_name: 'Anne',
                email: 'anne.martin@aphp.fr',
                role: 'Cadre',
                phone: '01 58 41 41 41',
              },
            ],
            software: [{ gam: 'Orbis', dpi: 'Orbis', mss: 'AP-HP', dmp: '' }],
            ins_status: 'En cours de déploiement',
            dmp_status: 'Alimentation DMP active',
          },
          useCases: { uc1: { pathway: 'Maternité', use_case: 'Confirmation de rendez-vous par MSS' } },
        });
        const first = updateProfile(ctxAt(), {
          establishmentId: 'gh-cochin',
          author: 'a@aphp.fr',
          profile: profile('1200'),
          basis,
        });
        expect(first.status).toBe('saved');
        const second = updateProfile(ctxAt(), {
          establishmentId: 'gh-cochin',
          author: 'b@aphp.fr',
          profile: profile('900'),
          basis,
        });
        expect(second.status).toBe('stale');
        if (second.status !== 'stale') throw new Error('not stale');
        expect(second.changed).toContain('bed_count');
        expect(second.changed).toContain('uc1.pathway');
        expect(subject.store.getEstablishment('gh-cochin')?.values.bed_count).toBe(1200);
      });
    });

    it('keeps ARS and ANS cells with their history', () => {
      const ctx = ctxAt();
      editCell(ctx, {
        rowKey: 'gh-cochin/uc1',
        columnId: 'actions',
        raw: 'Relancer le DSI',
        role: 'ars',
        author: 'ars@ars.fr',
        source: 'grid',
      });
      editCell(ctx, {
        rowKey: 'gh-cochin/uc1',
        columnId: 'actions',
        raw: 'Point le 15/06',
        role: 'ars',
        author: 'ars@ars.fr',
        source: 'grid',
      });
      editCell(ctx, {
        rowKey: 'gh-cochin/uc1',
        columnId: 'remarks',
        raw: 'Vu en comité',
        role: 'ans',
        author: 'ans@ans.fr',
        source: 'grid',
      });
      expect(subject.store.annotations('gh-cochin/uc1')).toEqual({
        actions: 'Point le 15/06',
        remarks: 'Vu en comité',
      });
      const history = subject.store.listCellChanges().filter((c) => c.columnId === 'actions');
      expect(history.map((c) => [c.previous, c.value])).toEqual([
        [null, 'Relancer le DSI'],
        ['Relancer le DSI', 'Point le 15/06'],
      ]);
    });

    it('refuses an ANS write to an ARS column and changes nothing', () => {
      const outcome = editCell(ctxAt(), {
        rowKey: 'gh-cochin/uc1',
        columnId: 'actions',
        raw: 'x',
        role: 'ans',
        author: 'ans@ans.fr',
        source: 'grid',
      });
      expect(outcome.status).toBe('refused');
      expect(subject.store.annotations('gh-cochin/uc1')).toEqual({});
    });

    it('saves a profile and the row’s pathway', () => {
      const outcome = updateProfile(ctxAt(), {
        establishmentId: 'gh-cochin',
        author: 'referent@aphp.fr',
        profile: {
          values: {
            care_type: ['MCO', 'Obstétrique'],
            bed_count: '1200',
            es_contact: [
              {
                last_name: 'Martin',
                first_name: 'Anne',
                email: 'anne.martin@aphp.fr',
                role: 'Cadre',
                phone: '01 58 41 41 41',
              },
            ],
            software: [{ gam: 'Orbis', dpi: 'Orbis', mss: 'AP-HP', dmp: 'DMP-compatible' }],
            ins_status: 'En cours de déploiement',
            dmp_status: 'Alimentation DMP active',
          },
          useCases: { uc1: { pathway: 'Maternité', use_case: 'Confirmation de rendez-vous par MSS' } },
        },
      });
      expect(outcome.status).toBe('saved');
      const e = subject.store.getEstablishment('gh-cochin');
      expect(e?.values.bed_count).toBe(1200);
      expect(e?.values.es_contact).toEqual([
        {
          last_name: 'Martin',
          first_name: 'Anne',
          email: 'anne.martin@aphp.fr',
          role: 'Cadre',
          phone: '01 58 41 41 41',
        },
      ]);
      expect(e?.useCases[0]?.values).toEqual({
        pathway: 'Maternité',
        use_case: 'Confirmation de rendez-vous par MSS',
      });
    });

    it('applies a profile submission once, however often it is delivered', () => {
      const profile = {
        values: {
          care_type: ['MCO'],
          bed_count: '300',
          es_contact: [
            {
              last_name: 'Roux',
              first_name: 'Léa',
              email: 'lea.roux@ch.fr',
              role: 'Cadre',
              phone: '01 23 45 67 89',
            },
          ],
          software: [{ gam: 'G', dpi: 'D', mss: 'M', dmp: 'V' }],
          ins_status: 'Non déployé',
          dmp_status: 'DPI compatible DMP',
        },
        useCases: {},
      };
      const first = updateProfile(ctxAt(), {
        establishmentId: 'gh-bichat',
        author: 'es',
        profile,
        submissionId: 'p1',
      });
      expect(first.status).toBe('saved');
      const replay = updateProfile(ctxAt(), {
        establishmentId: 'gh-bichat',
        author: 'es',
        profile: { ...profile, values: { ...profile.values, bed_count: '999' } },
        submissionId: 'p1',
      });
      expect(replay.status).toBe('duplicate');
      expect(subject.store.getEstablishment('gh-bichat')?.values.bed_count).toBe(300);
    });

    it('keeps what was written after reopening', () => {
      if (!subject.reopen) return;
      submit('r1', '2022-W23', { dmp_fed: 7 });
      editCell(ctxAt(), {
        rowKey: 'gh-cochin/uc1',
        columnId: 'actions',
        raw: 'Suivi',
        role: 'ars',
        author: 'ars@ars.fr',
        source: 'grid',
      });
      const again = subject.reopen();
      expect(again.reportVersion('gh-cochin/uc1', '2022-W23')?.values.dmp_fed).toBe(7);
      expect(again.rowLedger('gh-cochin/uc1')).toHaveLength(1);
      expect(again.annotations('gh-cochin/uc1')).toEqual({ actions: 'Suivi' });
      expect(again.hasSubmission('r1')).toBe(true);
    });

    it('keeps what was written after an asynchronous reopen', async () => {
      if (!subject.reopenAsync) return;
      submit('r1', '2022-W22', { dmp_fed: 15 }, '2022-06-03T10:00:00+02:00');
      submit('r2', '2022-W23', { dmp_fed: 12 });
      submit('r3', '2022-W23', { dmp_fed: 16 }, undefined, { vigilance_points: '=SUM(A1) $1 \\ {{x}}' });
      editCell(ctxAt(), {
        rowKey: 'gh-cochin/uc1',
        columnId: 'actions',
        raw: 'Suivi',
        role: 'ars',
        author: 'ars@ars.fr',
        source: 'grid',
      });
      const before = {
        versions: subject.store.listReportVersions(),
        changes: subject.store.listCellChanges(),
        journal: subject.store.listJournal(),
        establishments: subject.store.listEstablishments(),
      };
      const again = await subject.reopenAsync();
      expect(again.listReportVersions()).toEqual(before.versions);
      expect(again.listCellChanges()).toEqual(before.changes);
      expect(again.listJournal()).toEqual(before.journal);
      expect(again.listEstablishments()).toEqual(before.establishments);
      expect(again.rowLedger('gh-cochin/uc1')).toEqual(subject.store.rowLedger('gh-cochin/uc1'));
      expect(again.annotations('gh-cochin/uc1')).toEqual({ actions: 'Suivi' });
      expect(again.hasSubmission('r2')).toBe(true);
    });

    it('rolls back a transaction that throws', () => {
      expect(() =>
        subject.store.transaction(() => {
          subject.store.appendJournal({
            at: new Date().toISOString(),
            kind: 'install',
            actor: 't',
            role: 'system',
            summary: 'x',
          });
          throw new Error('boom');
        }),
      ).toThrow('boom');
      expect(subject.store.listJournal()).toHaveLength(0);
    });
  });
}
