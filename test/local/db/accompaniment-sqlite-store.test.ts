// The SQLite AccompanimentStore meets the accompaniment contract on a file database, shares the main store's
// transaction (a refused use case leaves neither half-written), keeps every version of an action, and refuses a
// stale write.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AccompanimentSqliteStore } from '../../../src/local/db/accompaniment-sqlite-store';
import { openDatabase } from '../../../src/local/db/open-database';
import { SqliteStore } from '../../../src/local/db/sqlite-store';
import { StaleRecordError } from '../../../src/ports';
import { describeAccompanimentContract } from '../../support/contract/accompaniment-contract';
import { appContext, seededStore } from '../../support/project';

function subject() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'acc-sqlite-'));
  const db = openDatabase(path.join(dir, 'suivi.sqlite'));
  const store = new SqliteStore(db);
  seededStore(store);
  const ctx = {
    ...appContext('2022-06-14T18:00:00+02:00', store),
    accompaniment: new AccompanimentSqliteStore(db),
  };
  return {
    ctx,
    db,
    cleanup: () => {
      db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

describeAccompanimentContract('SQLite', subject);

describe('AccompanimentSqliteStore', () => {
  it('keeps each version of an action and refuses a write not based on the stored version', () => {
    const { ctx, cleanup } = subject();
    try {
      const store = ctx.accompaniment;
      const action = {
        id: 'a1',
        establishmentId: 'gh-cochin',
        pointId: 'p1',
        text: 'Relancer',
        owner: 'ars' as const,
        dueDate: '2022-06-20',
        status: 'open' as const,
        history: [{ status: 'open' as const, at: 'x', author: 'ars', role: 'ars' as const, comment: '' }],
        version: 1,
      };
      store.saveAction(action);
      expect(() => store.saveAction(action)).toThrow(StaleRecordError);
      store.saveAction({ ...action, status: 'done', version: 2 });
      expect(() => store.saveAction({ ...action, status: 'dropped', version: 2 })).toThrow(StaleRecordError);
      expect(store.listActions().map((a) => [a.id, a.status, a.version])).toEqual([['a1', 'done', 2]]);
      expect((store as AccompanimentSqliteStore).actionVersions('a1').map((a) => a.status)).toEqual([
        'open',
        'done',
      ]);
    } finally {
      cleanup();
    }
  });
});
