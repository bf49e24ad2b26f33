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
export class LatencyWindow {
  private samples: Sample[] = []

  constructor (private readonly windowMs: number) {}

  add (ts: number, ms: number): void {
    if (Number.isFinite(ms) && ms >= 0) this.samples.push({ ts, ms })
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
