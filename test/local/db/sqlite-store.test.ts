// The SQLite store: the shared store contract (with reopening), plus its append-only tables and page queries.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../../../src/local/db/open-database';
import { SqliteStore } from '../../../src/local/db/sqlite-store';
import { ingestWeeklyReport } from '../../../src/app/ingest-weekly-report';
import { editCell } from '../../../src/app/edit-cell';
import { dateInWeek } from '../../../src/domain/iso-week';
import { describeStoreContract } from '../../support/contract/store-contract';
import { appContext, seededStore, weeklyAnswers } from '../../support/project';

function tempFile(): { file: string; dir: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'suivi-mes-store-'));
  return { dir, file: path.join(dir, 'suivi.sqlite') };
}

describeStoreContract('SQLite', () => {
  const { dir, file } = tempFile();
  const opened: Array<ReturnType<typeof openDatabase>> = [];
  const open = () => {
    const db = openDatabase(file);
    opened.push(db);
    return new SqliteStore(db);
  };
  return {
    store: open(),
    reopen: open,
    cleanup: () => {
      for (const db of opened) db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
});

describe('SqliteStore beyond the port', () => {
  let dir: string;
  let store: SqliteStore;
  beforeEach(() => {
    const t = tempFile();
    dir = t.dir;
    store = new SqliteStore(openDatabase(t.file));
    seededStore(store);
  });
  afterEach(() => {
    store.db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const submit = (id: string, week: string, counters: Record<string, number>, now: string) =>
    ingestWeeklyReport(appContext(now, store), {
      submissionId: id,
      source: 'form',
      author: 'referent@ch.fr',
      submission: {
        establishmentId: 'gh-cochin',
        useCaseId: 'uc1',
        week,
        values: weeklyAnswers(counters, { report_date: dateInWeek(week, 5) }),
      },
    });

  it('refuses to rewrite or delete history rows, even through SQL', () => {
    submit('r1', '2022-W23', { dmp_fed: 5 }, '2022-06-10T10:00:00+02:00');
    editCell(appContext('2022-06-10T10:00:00+02:00', store), {
      rowKey: 'gh-cochin/uc1',
      columnId: 'actions',
      raw: 'Relancer',
      role: 'ars',
      author: 'ars',
      source: 'grid',
    });
    expect(() => store.db.prepare('UPDATE report_versions SET record = ?').run('{}')).toThrow(/append-only/);
    expect(() => store.db.prepare('DELETE FROM journal').run()).toThrow(/append-only/);
    expect(() => store.db.prepare('DELETE FROM cell_changes').run()).toThrow(/append-only/);
    expect(store.listReportVersions()).toHaveLength(1);
  });

  it('keeps as current version the latest week’s, not a late week caught up afterwards', () => {
    submit('r1', '2022-W23', { dmp_fed: 5 }, '2022-06-10T10:00:00+02:00');
    submit('r2', '2022-W22', { dmp_fed: 3 }, '2022-06-10T11:00:00+02:00');
    expect(store.currentVersions().get('gh-cochin/uc1')?.week).toBe('2022-W23');
    expect(
      store
        .allLedgers()
        .get('gh-cochin/uc1')
        ?.map((e) => e.week),
    ).toEqual(['2022-W22', '2022-W23']);
    expect(store.versionOfSubmission('r2')?.week).toBe('2022-W22');
    expect(store.versionsOfEstablishment('gh-cochin').map((v) => v.submissionId)).toEqual(['r1', 'r2']);
    expect(store.versionsOfEstablishment('clinique-du-parc')).toEqual([]);
  });

  it('finds the cell changes of a row and lists annotations of every row', () => {
    const ctx = appContext('2022-06-10T10:00:00+02:00', store);
    editCell(ctx, {
      rowKey: 'gh-cochin/uc1',
      columnId: 'actions',
      raw: 'Appeler le DSI',
      role: 'ars',
      author: 'ars',
      source: 'grid',
    });
    editCell(ctx, {
      rowKey: 'gh-cochin/uc1',
      columnId: 'group',
      raw: 'Assistance Publique',
      role: 'ars',
      author: 'ars',
      source: 'grid',
    });
    expect(store.allAnnotations().get('gh-cochin/uc1')).toEqual({ actions: 'Appeler le DSI' });
    expect(store.cellChangesOf(['gh-cochin/uc1']).map((c) => c.columnId)).toEqual(['actions']);
    expect(store.cellChangesOf(['gh-cochin/uc1', 'gh-cochin']).map((c) => c.columnId)).toEqual([
      'actions',
      'group',
    ]);
  });

  it('keeps the registry order when an establishment is saved again', () => {
    const ids = store.listEstablishments().map((e) => e.id);
    const first = store.getEstablishment(ids[0] as string);
    if (!first) throw new Error('seed missing');
    store.saveEstablishment({ ...first, note: 'changée' });
    expect(store.listEstablishments().map((e) => e.id)).toEqual(ids);
    expect(store.getEstablishment(first.id)?.note).toBe('changée');
  });
});
