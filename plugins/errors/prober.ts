import { performance } from 'node:perf_hooks'
import type { ProbeRecord } from '../store/reliability.js'
import { isFailedStatus } from './failure.js'

export interface ProbeOptions {
  timeoutMs: number
  /** Aborts the probe when the app closes; such a probe is not recorded. */
  signal: AbortSignal
  /** Event time of the probe's start, from the app clock. */
  ts: number
}

export interface ProbeAttempt {
  /** null when the app closed mid-probe. */
  record: ProbeRecord | null
  /** Why no answer came, for the log. */
  err?: Error
}

/**
 * One GET of `target`, timed with the monotonic clock from the request to
 * the last byte of the body, the way a shopper waits for the page.
 * Redirects are followed, as a browser would.
 */
export async function probeTarget (target: string,
  opts: ProbeOptions): Promise<ProbeAttempt> {
  const timeout = AbortSignal.timeout(opts.timeoutMs)
  const signal = AbortSignal.any([timeout, opts.signal])
  const started = performance.now()
  const elapsed = (): number =>
    Math.round((performance.now() - started) * 1000) / 1000
  const record = (status: number, outcome: ProbeRecord['outcome']) => ({
    target, ts: opts.ts, durationMs: elapsed(), status, outcome,
    failed: outcome !== 'ok'
  })

  try {
    const res = await fetch(target, {
      signal,
      headers: { 'user-agent': 'EcomPulse-uptime-probe' }
    })
    await res.arrayBuffer()
    return {
      record: record(res.status,
        isFailedStatus(res.status) ? 'http_error' : 'ok')
    }
  } catch (cause) {
    const err = cause instanceof Error ? cause : new Error(String(cause))
    if (opts.signal.aborted) return { record: null, err }
    return { record: record(0, timeout.aborted ? 'timeout' : 'network'), err }
  }
}
