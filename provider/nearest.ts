// "Did you mean …?": the candidate closest to a mistyped name, when one is close enough to be what was meant.

/** The number of single-character edits (insert, delete, substitute, swap two neighbours) from `a` to `b`. */
export function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}

/**
 * The candidates nearest to `word` (case-insensitively), when they are at most a third of its length away (at least one
 * edit): `ue` → `eu` and `us` alike, as either may be meant. Empty when none is close.
 */
export function nearest(word: string, candidates: readonly string[]): string[] {
  const limit = Math.max(1, Math.floor(word.length / 3));
  const scored = candidates
    .map((candidate) => ({ candidate, distance: editDistance(word.toLowerCase(), candidate.toLowerCase()) }))
    .filter((c) => c.distance > 0 && c.distance <= limit);
  const best = Math.min(...scored.map((c) => c.distance));
  return scored.filter((c) => c.distance === best).map((c) => c.candidate);
}

/** `Did you mean 'eu' or 'us'?`, or "" when nothing is close. */
export function didYouMean(word: string, candidates: readonly string[]): string {
  const meant = nearest(word, candidates).map((c) => `'${c}'`);
  return meant.length === 0 ? "" : `Did you mean ${meant.length === 1 ? meant[0] : `${meant.slice(0, -1).join(", ")} or ${meant[meant.length - 1]}`}?`;
}
