/** Words a student writes for the same thing; compared as the word the templates use. */
const synonyms: readonly [RegExp, string][] = [[/老師/g, '教師']];

const normal = (word: string) => synonyms.reduce((w, [from, to]) => w.replace(from, to), word.trim().toLowerCase());

/** Levenshtein distance over code points, stopping early once it exceeds `limit`. */
function distance(a: string, b: string, limit: number): number {
  const x = [...a];
  const y = [...b];
  if (Math.abs(x.length - y.length) > limit) return limit + 1;
  let previous = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const current = [i];
    for (let j = 1; j <= y.length; j++) current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1));
    if (Math.min(...current) > limit) return limit + 1;
    previous = current;
  }
  return previous[y.length]!;
}

/**
 * The candidate a typo or a near synonym most likely meant (`授課老師` → `授課教師`, `summery` → `summary`),
 * or undefined when none is close: at most half the letters of a short word differ, two of a long one.
 */
export function nearest(word: string, candidates: Iterable<string>): string | undefined {
  const target = normal(word);
  const limit = Math.min(2, Math.floor([...target].length / 2));
  let best: { candidate: string; d: number } | undefined;
  for (const candidate of candidates) {
    // A word the candidate contains (`學分` in `學分數`) is nearer than one it shares as many letters with (`學期`).
    const d = distance(target, normal(candidate), limit) - (normal(candidate).includes(target) ? 0.5 : 0);
    if (d <= limit && (!best || d < best.d)) best = { candidate, d };
  }
  return best?.candidate;
}
