// Small facts about a data folder kept in the `meta` table: when it was seeded, whether it holds a demo season
// and the demo's clock offset. Keys are listed here so no caller invents its own.
import type { SqliteDatabase } from './open-database';

export type MetaKey = 'seeded_at' | 'demo' | 'clock_offset_ms';

export function getMeta(db: SqliteDatabase, key: MetaKey): string | undefined {
  const row = db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?').get(key);
  return row?.value;
}

export function setMeta(db: SqliteDatabase, key: MetaKey, value: string): void {
  db.prepare(
    'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  ).run(key, value);
}
