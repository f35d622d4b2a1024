/**
 * What a mistyped name most likely meant, for "did you mean" in errors: the
 * same rules wherever pixelrpc refuses a name (message fields and enum
 * values here, the gateway's query parameters).
 */

/** Levenshtein distance, or `max + 1` once it is sure to exceed `max`. */
function distance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      current.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > max) return max + 1;
    previous = current;
  }
  return previous[b.length]!;
}

const normalise = (name: string): string => name.toLowerCase().replace(/_/g, "");

/**
 * The candidate `key` most likely meant: the same name but for case and
 * underscores, else one within a small edit distance. Each candidate may be
 * given with extra spellings that count as it (an enum value without its prefix).
 */
export function closestName(key: string, candidates: readonly (readonly [shown: string, ...spellings: string[]])[]): string | undefined {
  if (key.length > 64) return undefined;
  const wanted = normalise(key);
  for (const [shown, ...spellings] of candidates) {
    if ([shown, ...spellings].some((spelling) => normalise(spelling) === wanted)) return shown;
  }
  const max = wanted.length <= 4 ? 1 : 2;
  let best: string | undefined;
  let bestDistance = max + 1;
  for (const [shown, ...spellings] of candidates) {
    for (const spelling of [shown, ...spellings]) {
      const d = distance(wanted, normalise(spelling), max);
      if (d < bestDistance) {
        best = shown;
        bestDistance = d;
      }
    }
  }
  return best;
}
