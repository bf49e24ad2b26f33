import type { Counter } from 'prom-client'

/**
 * Sets a counter to a total kept elsewhere, at scrape time. The total only
 * grows while the process runs, so the series behaves as a counter; a
 * restart rebuilds it from the store, which Prometheus reads as a reset-free
 * continuation or, at worst, an ordinary counter reset.
 */
export function setCounter (counter: Counter, value: number): void {
  counter.reset()
  counter.inc(value)
}

/**
 * The same for a labelled counter: every series it should show, and no
 * other, so a label value that is gone leaves no stale series behind.
 */
export function setCounters<T extends string> (
  counter: Counter<T>,
  series: Iterable<readonly [Partial<Record<T, string>>, number]>
): void {
  counter.reset()
  for (const [labels, value] of series) counter.inc(labels, value)
}
