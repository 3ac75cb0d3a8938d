// One measured figure of `npm run bench`, with its budget from the design (docs/fiabilite-securite.md, section 5).
export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  /** Human-readable budget, e.g. "≤ 10" or "< 15 s". */
  budget: string;
  ok: boolean;
  /** Optional context printed under the figure (runs, medians, machine). */
  note?: string;
}

/** A bench module: `bench/<topic>.bench.ts` exporting `run`. */
export interface BenchModule {
  title: string;
  run(): Promise<BenchResult[]>;
}
