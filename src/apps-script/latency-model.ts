// The modelled cost of each kind of Apps Script service call, with where each figure comes from. The offline
// emulator's clock advances by these amounts on every call, so an install can be timed against the 6-minute limit
// and the bench can print modelled durations; the smoke check (smoke.ts) measures a few on a real account and
// reports them next to these. Figures are order-of-magnitude: Google publishes none. Pure data.

/** How a call is classified: `nav` returns a handle or builds a value locally; every other class reaches Google. */
export type CallClass =
  | 'nav'
  | 'read'
  | 'write'
  | 'format'
  | 'structure'
  | 'flush'
  | 'open'
  | 'create-file'
  | 'properties-read'
  | 'properties-write'
  | 'lock'
  | 'form-create'
  | 'form-edit'
  | 'drive'
  | 'drive-copy'
  | 'mail'
  | 'trigger'
  | 'document'
  | 'docs-read'
  | 'docs-batch'
  | 'chart'
  | 'batch';

export interface Latency {
  /** Fixed cost of one call, in milliseconds. */
  ms: number;
  /** Added per cell read or written (reads and writes), or per request of a batch call (`batch`, `docs-batch`). */
  perCellMs?: number;
  source: string;
}

const SO_SHEETS =
  'StackOverflow, “What is faster: ScriptDb or SpreadsheetApp?” (one setValues of 4,000 cells < 50 ms; one flush() ≈ 610 ms) — shared/reference/appsscript-toolchain.md §4';
const ZIRITIONE =
  'ziritione.org “Google Apps Script APIs performance” (getProperty 30 ms, setProperty 62 ms, 100 runs)';
const ASSUMED =
  'assumption: no published timing (appsscript-toolchain.md §4); measured by npm run smoke:google';

/**
 * An advanced-service call (Sheets.Spreadsheets.batchUpdate, .get): one HTTPS request from Google's script servers
 * to the Sheets API, applied atomically (« Batch requests », https://developers.google.com/sheets/api/guides/batch).
 * No published timing: the round trip is taken as the measured cost of a flush that commits writes (610 ms, SO_SHEETS)
 * rather than the 50 ms of a cached setValues, and each subrequest (a repeatCell over a column, a protected range)
 * as 10 ms of server work, so a batch of 150 costs 2.1 s, not the price of one call; the cells it writes cost
 * what setValues' cells cost (`batchUnits`).
 */
const BATCH = `assumption from ${SO_SHEETS} (one committed round trip ≈ 610 ms) + 10 ms per subrequest + 0.01 ms per cell written; measured by npm run smoke:google`;

export const LATENCY_TABLE: Readonly<Record<CallClass, Latency>> = {
  nav: { ms: 1, source: 'assumption: a local handle or builder step, no round trip to Google' },
  read: { ms: 40, perCellMs: 0.005, source: SO_SHEETS },
  write: { ms: 50, perCellMs: 0.01, source: SO_SHEETS },
  format: { ms: 50, perCellMs: 0.002, source: `${SO_SHEETS}; formats assumed to cost like values` },
  structure: { ms: 150, source: ASSUMED },
  flush: { ms: 300, source: SO_SHEETS },
  open: { ms: 300, source: ASSUMED },
  'create-file': { ms: 1500, source: ASSUMED },
  'properties-read': { ms: 30, source: ZIRITIONE },
  'properties-write': { ms: 62, source: ZIRITIONE },
  lock: { ms: 30, source: ASSUMED },
  'form-create': { ms: 1500, source: ASSUMED },
  'form-edit': { ms: 200, source: ASSUMED },
  drive: { ms: 400, source: ASSUMED },
  'drive-copy': { ms: 2000, source: ASSUMED },
  mail: { ms: 300, source: ASSUMED },
  trigger: { ms: 200, source: ASSUMED },
  document: { ms: 150, source: ASSUMED },
  // One call of the advanced Docs service is one HTTPS request to the Docs API (read as a whole document's JSON,
  // or a batch applied in one transaction): costed like a Drive call that returns a file's content, plus, for a
  // batch, the server's work per request (each one re-lays out the text after it). Measured by smoke:google.
  'docs-read': { ms: 800, source: `${ASSUMED}; one Docs API documents.get returning the whole document` },
  'docs-batch': {
    ms: 1500,
    perCellMs: 5,
    source: `${ASSUMED}; one Docs API documents.batchUpdate, plus 5 ms per request it carries`,
  },
  chart: { ms: 1000, source: `${ASSUMED}; a chart image is rendered on Google's servers` },
  batch: { ms: 610, perCellMs: 10, source: BATCH },
};

/**
 * How many `batch` units a spreadsheets.batchUpdate weighs: its requests, plus the cells its updateCells and
 * appendCells write at setValues' rate (`write.perCellMs`), so that merging many small writes into one request
 * still pays for every cell (a Synthèse of 500 rows rewritten in one request is not free).
 */
export function batchUnits(requests: number, cellsWritten: number): number {
  const perRequest = LATENCY_TABLE.batch.perCellMs ?? 1;
  return requests + (cellsWritten * (LATENCY_TABLE.write.perCellMs ?? 0)) / perRequest;
}

/** Modelled duration of one call. */
export function latencyOf(kind: CallClass, cells = 0, scale = 1): number {
  const l = LATENCY_TABLE[kind];
  return (l.ms + (l.perCellMs ?? 0) * cells) * scale;
}

/** Google's limit on one execution (consumer and Workspace accounts alike). */
export const EXECUTION_LIMIT_MS = 6 * 60 * 1000;
