import { percentile } from './percentile.js'

interface Sample {
  ts: number
  ms: number
}

/**
 * Request durations of the last `windowMs` of event time, from probes and
 * reported requests alike. A sample belongs to the window while
 * ts > now - windowMs; reported events may arrive out of order (their
 * own timestamps), so pruning filters instead of trimming the front.
 */
// Events may be stamped up to 5 minutes ahead of the server clock.
const FUTURE_MS = 5 * 60_000

export class LatencyWindow {
  private samples: Sample[] = []
  private newest = -Infinity
  private nextPrune = 1024

  constructor (private readonly windowMs: number) {}

  add (ts: number, ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) return
    this.samples.push({ ts, ms })
    this.newest = Math.max(this.newest, ts)

    // Reads prune too, but with nobody scraping the window must not grow
    // for ever: drop what no clock reading can still see.
    if (this.samples.length >= this.nextPrune) {
      const from = this.newest - FUTURE_MS - this.windowMs
      this.samples = this.samples.filter((s) => s.ts > from)
      this.nextPrune = Math.max(1024, this.samples.length * 2)
    }
  }

  /** p95 of the durations in the window ending at `now`, ms; 0 when empty. */
  p95 (now: number): number {
    const from = now - this.windowMs
    this.samples = this.samples.filter((s) => s.ts > from)
    return percentile(this.samples.map((s) => s.ms), 95)
  }

  get size (): number {
    return this.samples.length
  }
}
