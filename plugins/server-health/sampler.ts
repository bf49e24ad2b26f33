import type { FastifyBaseLogger } from 'fastify'
import { clampPercent, hostCpuPercent } from './proc-stat.js'
import { cgroupCpuPercent } from './cgroup.js'
import type { CpuReading, HostReader } from './host-reader.js'
import { networkMbps, type IfaceBytes } from './net-dev.js'

export const COLLECTORS = ['cpu', 'memory', 'disk', 'network'] as const
export type Collector = typeof COLLECTORS[number]

/** The four figures of SPEC §3.3: percents, and megabits per second. */
export type HealthFigures = Record<Collector, number>

/** How the latest run of one collector went. */
export interface CollectorRun {
  ok: boolean
  seconds: number
}

export interface SamplerOptions {
  reader: HostReader
  dataDir: string
  log: FastifyBaseLogger
  /** Monotonic milliseconds; tests pass their own. */
  now?: () => number
}

/**
 * Takes one sample of every figure at a time and keeps the latest, so
 * /metrics and /api/metrics, which both read it, always agree. CPU and
 * network are rates: they compare with the previous sample and stay 0
 * until there is one. A collector that fails reads 0 and says so in its
 * run; the other collectors are unaffected.
 */
export class HealthSampler {
  figures: HealthFigures = { cpu: 0, memory: 0, disk: 0, network: 0 }
  readonly runs: Record<Collector, CollectorRun>

  private readonly opts: SamplerOptions
  private readonly now: () => number
  private prevCpu: { at: number, reading: CpuReading } | undefined
  private prevNet: { at: number, ifaces: Map<string, IfaceBytes> } | undefined
  private readonly failing = new Set<Collector>()

  constructor (opts: SamplerOptions) {
    this.opts = opts
    this.now = opts.now ?? (() => performance.now())
    const idle = { ok: false, seconds: 0 }
    this.runs = { cpu: idle, memory: idle, disk: idle, network: idle }
  }

  async sample (): Promise<HealthFigures> {
    const { reader, dataDir } = this.opts
    const [cpu, memory, disk, network] = await Promise.all([
      this.run('cpu', async () => this.cpuPercent(await reader.cpu())),
      this.run('memory', async () => clampPercent((await reader.memory()).percent)),
      this.run('disk', async () => clampPercent(await reader.disk(dataDir))),
      this.run('network', async () => this.mbps(await reader.network()))
    ])
    this.figures = { cpu, memory, disk, network }
    this.opts.log.debug({ health: this.figures }, 'server health sampled')
    return this.figures
  }

  private cpuPercent (reading: CpuReading): number {
    const at = this.now()
    const prev = this.prevCpu
    this.prevCpu = { at, reading }
    if (prev === undefined) return 0
    const before = prev.reading
    if (before.kind === 'host' && reading.kind === 'host') {
      return hostCpuPercent(before.times, reading.times)
    }
    // A limit that moved to another cgroup starts a new baseline.
    if (before.kind === 'cgroup' && reading.kind === 'cgroup' &&
      before.dir === reading.dir) {
      const elapsedUs = (at - prev.at) * 1000
      return clampPercent(cgroupCpuPercent(
        before.usageUs, reading.usageUs, elapsedUs, reading.quota))
    }
    return 0
  }

  private mbps (ifaces: Map<string, IfaceBytes>): number {
    const at = this.now()
    const prev = this.prevNet
    this.prevNet = { at, ifaces }
    if (prev === undefined) return 0
    return networkMbps(prev.ifaces, ifaces, (at - prev.at) / 1000)
  }

  /**
   * Runs one collector, timed. A failure is logged at error when it
   * starts and at debug while it lasts, so a broken file does not flood
   * the log every few seconds; recovery is logged at info.
   */
  private async run (
    collector: Collector,
    read: () => Promise<number>
  ): Promise<number> {
    const { log } = this.opts
    const started = this.now()
    let value = 0
    let ok = true
    try {
      value = round(await read())
    } catch (err) {
      ok = false
      const seconds = (this.now() - started) / 1000
      if (!this.failing.has(collector)) {
        log.error({ err, collector, seconds }, 'health collector failed')
      } else {
        log.debug({ err, collector }, 'health collector still failing')
      }
      this.failing.add(collector)
    }
    if (ok && this.failing.delete(collector)) {
      log.info({ collector }, 'health collector recovered')
    }
    this.runs[collector] = { ok, seconds: (this.now() - started) / 1000 }
    return value
  }
}

/** Two decimals: finer than any dashboard shows, and the same in both outputs. */
function round (value: number): number {
  return Number.isFinite(value) ? Math.round(value * 100) / 100 : 0
}
