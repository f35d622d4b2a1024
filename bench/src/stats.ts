/** Order statistics for latencies and for the per-round results of a measurement. */

/** The value below which `p` percent of `values` lie (nearest rank on the sorted values). */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

export const median = (values: readonly number[]): number => {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

export interface LatencySummary {
  readonly count: number;
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
}

export function summarize(latencies: readonly number[]): LatencySummary {
  return { count: latencies.length, p50: percentile(latencies, 50), p99: percentile(latencies, 99), max: percentile(latencies, 100) };
}

/** The median over rounds of one field; rounds that did not measure it (NaN) are left out. */
export function medianOf<T>(rounds: readonly T[], field: (round: T) => number): number {
  return median(rounds.map(field).filter((value) => Number.isFinite(value)));
}
