// Runs of adjacent columns: the renderers and stores of every runtime write or protect each run in one call instead
// of one call per column. Pure: also runs inside Apps Script.

/**
 * Runs of adjacent column indexes, as [first, count] pairs in increasing order; works on 0- or 1-based indexes
 * alike (a run keeps the base it was given), and an index listed twice counts once.
 */
export function columnRuns(indexes: readonly number[]): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const i of [...new Set(indexes)].sort((a, b) => a - b)) {
    const last = out[out.length - 1];
    if (last && last[0] + last[1] === i) last[1] += 1;
    else out.push([i, 1]);
  }
  return out;
}
