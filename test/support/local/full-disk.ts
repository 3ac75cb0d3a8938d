// The full-disk scenario, run on a real small disk (a tmpfs under a child `serve`, test/commands/serve-faults.test.ts)
// or on SQLite's page limit (the in-process server, test/local/server/storage-failure.test.ts): one ES keeps
// submitting until the disk refuses a write; that submission gets the French « disque plein » page and is not
// stored, nothing is corrupted, and once space is back the same form goes through exactly once.
import { frStorage } from '../../../src/local/messages';
import type { TestServer } from './server';
import { weeklyAnswers } from '../project';

export interface Answer {
  status: number;
  body: string;
  location: string;
}

export interface FullDiskHarness {
  /** Posts the weekly form of one ES: the k-th submission (week and counters rising with k), with `id`. */
  submit(id: string, k: number): Promise<Answer>;
  /** Leaves no room for the next write. */
  fill(): void;
  /** Gives room back. */
  free(): void;
  /** How many versions the database holds for this submission id. */
  rows(id: string): number;
  integrity(): string;
}

export interface FullDiskFigures {
  acceptedWhileFilling: number;
}

/** Runs the scenario with Jest's expect; resolves with what happened for the caller to report. */
export async function fullDiskScenario(disk: FullDiskHarness, limit = 500): Promise<FullDiskFigures> {
  disk.fill();
  const accepted: string[] = [];
  let refused: { id: string; k: number; answer: Answer } | undefined;
  for (let k = 0; k < limit && !refused; k++) {
    const id = crypto.randomUUID();
    const answer = await disk.submit(id, k);
    if (answer.status === 303 && answer.location.includes('statut=enregistree')) accepted.push(id);
    else refused = { id, k, answer };
  }
  if (!refused) throw new Error(`the disk took ${limit} submissions without filling up`);
  expect(refused.answer.status).toBe(503);
  expect(refused.answer.body).toContain(frStorage.full());
  disk.free();
  expect(disk.rows(refused.id)).toBe(0);
  const again = await disk.submit(refused.id, refused.k);
  expect(again.status).toBe(303);
  expect(again.location).toContain('statut=enregistree');
  const twice = await disk.submit(refused.id, refused.k);
  expect(twice.location).toContain('statut=deja');
  expect([...accepted, refused.id].filter((id) => disk.rows(id) !== 1)).toEqual([]);
  expect(disk.integrity()).toBe('ok');
  return { acceptedWhileFilling: accepted.length };
}

/** A long text, so that a few submissions are enough to need new pages. */
export const FILLER_TEXT = 'Semaine chargée, retours détaillés. '.repeat(50);

/** The in-process server with SQLite's page limit standing for the disk: SQLITE_FULL, as a full disk gives. */
export function pageLimitDisk(s: TestServer, esPath: string, weeks: readonly string[]): FullDiskHarness {
  const db = s.data.db;
  return {
    async submit(id, k) {
      const week = weeks[Math.min(k, weeks.length - 1)] ?? '';
      const res = await s.submit(esPath, esPath, [
        ['submission_id', id],
        ['week', week],
        ...Object.entries(weeklyAnswers({ visits: 100 + k }, { vigilance_points: FILLER_TEXT })),
      ]);
      return { status: res.statusCode, body: res.body, location: String(res.headers.location ?? '') };
    },
    fill: () => db.pragma(`max_page_count = ${Number(db.pragma('page_count', { simple: true }))}`),
    free: () => db.pragma('max_page_count = 1073741823'),
    rows: (id) =>
      Number(
        db
          .prepare('SELECT COUNT(*) FROM report_versions WHERE submission_id LIKE ?')
          .pluck()
          .get(`web:%:${id}`),
      ),
    integrity: () => String(db.pragma('integrity_check', { simple: true })),
  };
}
