import { Counter, Gauge, type Registry } from 'prom-client'
import { setCounter, setCounters } from '../../src/lib/prom.js'
import type { ReliabilityReading } from './monitor.js'

export const RELIABILITY_METRICS = [
  'ecom_failed_requests_total',
  'ecom_failed_requests_by_source_total',
  'ecom_request_latency_ms',
  'ecom_downtime_minutes',
  'ecom_probe_up',
  'ecom_probe_duration_seconds',
  'ecom_probe_failures_total',
  'ecom_probe_downtime_seconds_total'
] as const

/**
 * The reliability series, read from the monitor's live state when
 * Prometheus scrapes, the same state GET /api/metrics reads. Counters
 * carry totals kept in the store, so they are set, not incremented.
 * Target labels come from ECOMPULSE_PROBE_URLS only: a bounded set.
 */
export function reliabilityMetrics (registry: Registry,
  read: () => ReliabilityReading): void {
  const registers = [registry]

  new Counter({
    name: 'ecom_failed_requests_total',
    help: 'Probes plus reported request events that failed (status 0 for a ' +
      'network failure, a probe timeout, or status >= 500). All time.',
    registers,
    collect () { setCounter(this, read().failedRequests) }
  })

  new Counter({
    name: 'ecom_failed_requests_by_source_total',
    help: 'ecom_failed_requests_total split by source: probe (the uptime ' +
      'probes) or reported (request events). All time.',
    labelNames: ['source'],
    registers,
    collect () {
      const { probe, reported } = read().failedBySource
      setCounters(this, [[{ source: 'probe' }, probe], [{ source: 'reported' }, reported]])
    }
  })

  new Gauge({
    name: 'ecom_request_latency_ms',
    help: 'p95 (nearest rank) of the durations of probes and reported ' +
      'requests with event time in the last 5 minutes (by default), ms; ' +
      '0 when there are none.',
    registers,
    collect () { this.set(read().latency) }
  })

  new Counter({
    name: 'ecom_downtime_minutes',
    help: 'Distinct wall-clock minutes in which at least one probed target ' +
      'was down (two failed probes in a row, until a success). All time.',
    registers,
    collect () { setCounter(this, read().downtime) }
  })

  new Gauge({
    name: 'ecom_probe_up',
    help: '1 when the target is up (its latest probes succeeded or one ' +
      'failed), 0 when down (two failures in a row) or not yet probed.',
    labelNames: ['target'],
    registers,
    collect () {
      this.reset()
      for (const p of read().probes) this.set({ target: p.target }, p.up ? 1 : 0)
    }
  })

  new Gauge({
    name: 'ecom_probe_duration_seconds',
    help: 'Duration of the latest probe of the target, request to last ' +
      'byte, seconds; absent before the first probe since start.',
    labelNames: ['target'],
    registers,
    collect () {
      this.reset()
      for (const p of read().probes) {
        // Microsecond precision: ms / 1000 alone prints 0.0027879999999999997.
        if (p.lastProbeMs !== null) {
          this.set({ target: p.target }, Math.round(p.lastProbeMs * 1000) / 1e6)
        }
      }
    }
  })

  new Counter({
    name: 'ecom_probe_failures_total',
    help: 'Failed probes of the target (network failure, timeout or ' +
      'status >= 500). All time.',
    labelNames: ['target'],
    registers,
    collect () {
      setCounters(this, [...read().probeFailures].map(([target, n]) =>
        [{ target }, n] as const))
    }
  })

  new Counter({
    name: 'ecom_probe_downtime_seconds_total',
    help: 'Distinct wall-clock minutes in which the target was down, as ' +
      'seconds (minutes x 60). All time.',
    labelNames: ['target'],
    registers,
    collect () {
      setCounters(this, read().probes.map((p) =>
        [{ target: p.target }, p.downtimeMinutes * 60] as const))
    }
  })
}
