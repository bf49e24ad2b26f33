/**
 * The p-th percentile by the nearest-rank method: sort ascending and take
 * the value at rank ceil(p/100 * n), 1-based. It always returns one of the
 * measured values (no interpolation), so a p95 of [100, 200] is 200 and
 * a p95 of 20 values is the 19th smallest. An empty list gives 0, never
 * NaN, so a quiet storefront reads as "no latency" rather than an error.
 */
export function percentile (values: readonly number[], p: number): number {
  if (!(p > 0 && p <= 100)) throw new RangeError(`percentile ${p} not in (0, 100]`)
  if (values.length === 0) return 0
  const sorted = [...values].sort((a, b) => a - b)
  const rank = Math.ceil((p / 100) * sorted.length)
  return sorted[rank - 1] as number
}
