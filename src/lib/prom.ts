import type { Counter } from 'prom-client'

/**
 * Sets a counter to a total kept elsewhere, at scrape time. The total only
 * grows while the process runs, so the series behaves as a counter; a
 * restart rebuilds it from the store, which Prometheus reads as a reset-free
 * continuation or, at worst, an ordinary counter reset.
 */
export function setCounter<T extends string> (
  counter: Counter<T>,
  value: number,
  labels?: Partial<Record<T, string>>
): void {
  if (labels === undefined) {
    counter.reset()
    counter.inc(value)
  } else {
    counter.inc(labels, value)
  }
}
