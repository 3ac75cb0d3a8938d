// A regular expression matching the whole numbers ≥ n, for Google Forms: an item takes a single validation rule,
// and one pattern can say both "whole number" and "not below last week's value". Pure.

function alternativesAtLeast(n: number): string[] {
  const digits = String(n);
  const k = digits.length;
  // Any number with more digits than n.
  const alternatives = [`[1-9]\\d{${k},}`];
  // Same length: equal to n on a prefix, then a larger digit, then anything.
  for (let i = 0; i < k; i += 1) {
    const d = Number(digits[i]);
    if (d === 9) continue;
    const rest = k - i - 1;
    alternatives.push(`${digits.slice(0, i)}[${d + 1}-9]${rest > 0 ? `\\d{${rest}}` : ''}`);
  }
  alternatives.push(digits);
  return alternatives;
}

/** Source of a pattern (anchored) matching decimal whole numbers ≥ n, leading zeros and edge spaces allowed. */
export function integerAtLeastPattern(n: number): string {
  if (!Number.isInteger(n) || n < 0)
    throw new RangeError(`integerAtLeastPattern needs a whole number ≥ 0, got ${n}`);
  if (n === 0) return '^\\s*\\d+\\s*$';
  return `^\\s*0*(?:${alternativesAtLeast(n).join('|')})\\s*$`;
}
