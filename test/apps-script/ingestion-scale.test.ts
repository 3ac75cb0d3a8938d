// What one weekly report costs does not grow with the number of establishments (DESIGN.md §7): the ingestion reads
// the Suivi records and writes everything in one spreadsheets.batchUpdate, and that batch carries as many requests at
// 120 establishments as at 20. Synthèse's values, one row per establishment, go in one updateCells request
// (src/google/cell-requests.ts): written one request per row, each report of a 500-establishment day cost ≈ 11 s
// and the busiest day's triggers ≈ 126 min (bench « minutes de déclencheurs du jour le plus chargé à 500 ES »).
import { SYNTHESIS } from '../../src/apps-script/workbook-geometry';
import type { GasEnvironment } from '../support/gas/environment';
import { bundleOf, installed, stored, weeklyAnswers, weeklyFormOf } from '../support/apps-script/long-jobs';
import { paris } from '../support/apps-script/season';

jest.setTimeout(300_000);

interface Delivery {
  /** I/O calls of the ingestion, by name. */
  calls: Record<string, number>;
  /** Requests of each spreadsheets.batchUpdate the ingestion sent. */
  batches: number[];
  ingested: boolean;
  /** Synthèse as the ingestion left it, then as a full redraw from the menu draws it. */
  synthesis: unknown[][];
  redrawn: unknown[][];
}

const synthesisValues = (env: GasEnvironment) => {
  const sheet = env.container.sheet(SYNTHESIS);
  if (!sheet) throw new Error('no Synthèse');
  // The first row says when it was computed; the rest are the figures.
  // An empty cell reads alike whether it was cleared or written empty.
  return sheet.cells.slice(1).map((row) => (row ?? []).map((c) => c?.value ?? ''));
};

/** Installs `count` generated establishments, then the first one reports its first week on time. */
function deliver(count: number): Delivery {
  const account = installed(count, bundleOf(count));
  const { env } = account;
  env.runtime.setNow(paris('2022-05-13', 10));
  const batches: number[] = [];
  const api = env.sheetsApi.Spreadsheets;
  const send = api.batchUpdate;
  api.batchUpdate = (resource, id) => {
    batches.push(resource.requests?.length ?? 0);
    return send(resource, id);
  };
  const window = env.calls();
  env.submitForm(
    weeklyFormOf(account, 'CENTRE HOSPITALIER 001'),
    weeklyAnswers(account, '2022-W19', '2022-05-13'),
  );
  const calls = window.summary();
  api.batchUpdate = send;
  const synthesis = synthesisValues(env);
  account.bundle.run('refreshSummary', [], { ui: true });
  return {
    calls,
    batches,
    ingested: stored(env, 'es-001', '2022-W19'),
    synthesis,
    redrawn: synthesisValues(env),
  };
}

describe('one weekly report on workbooks of 20 and 120 establishments', () => {
  let small: Delivery;
  let large: Delivery;
  beforeAll(() => {
    small = deliver(20);
    large = deliver(120);
  });

  it('is ingested, and leaves Synthèse as a full redraw draws it', () => {
    for (const d of [small, large]) {
      expect(d.ingested).toBe(true);
      expect(d.synthesis).toEqual(d.redrawn);
    }
    expect(large.synthesis.length).toBeGreaterThan(small.synthesis.length);
  });

  it('costs the same calls and one batch of the same requests, whatever the number of establishments', () => {
    expect(large.calls).toEqual(small.calls);
    expect(small.calls['Sheets.Spreadsheets.batchUpdate']).toBe(1);
    expect(large.batches).toEqual(small.batches);
  });
});
