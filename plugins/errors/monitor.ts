import type { FastifyBaseLogger } from 'fastify'
import type { Clock } from '../../src/clock.js'
import type { Outcome, StoredEvent } from '../../src/events/stored-event.js'
import type { ReliabilityStore } from '../store/reliability.js'
import { isFailedStatus } from './failure.js'
import { LatencyWindow } from './latency-window.js'
import { INITIAL_STATE, step, type TargetState } from './probe-state.js'
import { probeTarget } from './prober.js'

export interface ProbeStatus {
  target: string
  up: boolean
  lastProbeMs: number | null
  downtimeMinutes: number
}

export interface ReliabilityFigures {
  failedRequests: number
  latency: number
  downtime: number
  probes: ProbeStatus[]
}

/** Everything /metrics shows; /api/metrics shows a subset of it. */
export interface ReliabilityReading extends ReliabilityFigures {
  failedBySource: { probe: number, reported: number }
  probeFailures: Map<string, number>
}

export interface MonitorOptions {
  targets: readonly string[]
  timeoutMs: number
  latencyWindowMs: number
  store: ReliabilityStore
  clock: Clock
  log: FastifyBaseLogger
}

interface Target {
  url: string
  /** The URL without user info: what labels, logs and the store see. */
  name: string
  state: TargetState
  lastProbeMs: number | null
  failures: number
  downtimeMinutes: number
}

/** Drops user info so that no password reaches a label or a log. */
export function targetName (url: string): string {
  const parsed = new URL(url)
  parsed.username = ''
  parsed.password = ''
  return parsed.href
}

/**
 * The live reliability state: failure counts, the latency window and each
 * target's down/up state, restored from the store at start and kept up
 * to date by probes and reported requests.
 */
export class ReliabilityMonitor {
  private readonly targets: Target[]
  private readonly latency: LatencyWindow
  private reported = 0
  private probeFailed = 0
  private downtime = 0
  private running: Promise<void> | null = null
  private readonly closing = new AbortController()

  constructor (private readonly opts: MonitorOptions) {
    this.latency = new LatencyWindow(opts.latencyWindowMs)
    this.targets = opts.targets.map((url) => ({
      url, name: targetName(url), state: INITIAL_STATE, lastProbeMs: null, failures: 0, downtimeMinutes: 0
    }))
  }

  /** A `request` event the shop reported, or one replayed at start. */
  onEvent (event: StoredEvent, outcome: Outcome): void {
    const { request } = event
    if (request === undefined || !outcome.fresh || event.bot) return
    this.latency.add(event.ts, request.durationMs)
    // Replayed events are already in the count read from the store.
    if (!outcome.restored && isFailedStatus(request.status)) this.reported++
  }

  /** Reads the counts, the target states and recent probes from the store. */
  async restore (): Promise<void> {
    const { store, clock, latencyWindowMs } = this.opts
    const totals = await store.reliabilityTotals()
    this.reported = totals.reportedFailures
    this.probeFailed = totals.probeFailures
    this.downtime = totals.downtimeMinutes
    for (const target of this.targets) {
      const saved = totals.targets.find((t) => t.target === target.name)
      if (saved === undefined) continue
      target.failures = saved.failures
      target.downtimeMinutes = saved.downtimeMinutes
      const { health, failures, failingSince, countedThrough } = saved.state
      target.state = { health, failures, failingSince, countedThrough }
    }
    const probes = await store.probesSince(clock() - latencyWindowMs)
    for (const probe of probes) this.latency.add(probe.ts, probe.durationMs)
  }

  /** Probes every target once; a call during a round joins that round. */
  probeOnce (): Promise<void> {
    this.running ??= this.round().finally(() => { this.running = null })
    return this.running
  }

  /** Stops probing and waits for a round in flight to finish. */
  async close (): Promise<void> {
    this.closing.abort()
    await this.running
  }

  private async round (): Promise<void> {
    if (this.closing.signal.aborted) return
    const { clock, store, latencyWindowMs } = this.opts
    await Promise.all(this.targets.map((target) => this.probe(target)))
    if (!this.closing.signal.aborted) {
      await store.pruneProbes(clock() - latencyWindowMs)
    }
  }

  private async probe (target: Target): Promise<void> {
    const { clock, store, timeoutMs, log } = this.opts
    const ts = clock()
    const attempt = await probeTarget(target.url,
      { timeoutMs, ts, signal: this.closing.signal })
    if (attempt.record === null) return
    const record = { ...attempt.record, target: target.name }
    const { err } = attempt

    const next = step(target.state, !record.failed, ts)
    const booking = await store.recordProbe(record,
      { target: target.name, ...next.state }, next.down)
    target.state = next.state
    target.lastProbeMs = record.durationMs
    this.latency.add(ts, record.durationMs)
    this.downtime += booking.newMinutes
    target.downtimeMinutes += booking.newTargetMinutes
    if (record.failed) {
      target.failures++
      this.probeFailed++
    }

    const about = {
      target: target.name, status: record.status, outcome: record.outcome,
      durationMs: record.durationMs
    }
    if (next.changed === 'down') {
      log.warn({ ...about, err, since: new Date(next.state.failingSince ?? ts) },
        'probe target is down')
    } else if (next.changed === 'up') {
      log.warn(about, 'probe target is up again')
    } else if (record.failed) {
      log.info({ ...about, err }, 'probe failed')
    } else {
      log.debug(about, 'probe ok')
    }
  }

  read (): ReliabilityReading {
    const now = this.opts.clock()
    return {
      failedRequests: this.probeFailed + this.reported,
      latency: this.latency.p95(now),
      downtime: this.downtime,
      probes: this.targets.map((t) => ({
        target: t.name,
        up: t.state.health === 'up',
        lastProbeMs: t.lastProbeMs,
        downtimeMinutes: t.downtimeMinutes
      })),
      failedBySource: { probe: this.probeFailed, reported: this.reported },
      probeFailures: new Map(this.targets.map((t) => [t.name, t.failures]))
    }
  }

  snapshot (): ReliabilityFigures {
    const { failedRequests, latency, downtime, probes } = this.read()
    return { failedRequests, latency, downtime, probes }
  }
}
